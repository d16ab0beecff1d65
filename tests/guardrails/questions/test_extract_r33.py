"""Stop 33 extraction: settings told as statements, alternatives, sign-off names, own words."""

from __future__ import annotations

import pytest

from guardrails.questions.asks_ja import addresses_reader_ja
from guardrails.questions.extract import asks_in


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a circumstance or plan told as a statement, then the direct ask it sets up: one ask
        (
            "My job has changed and I now have to travel to Leeds every other week. "
            "Is it possible to switch to the online group?",
            1,
        ),
        (
            "The boiler pressure keeps dropping every few days and I have to top it up. "
            "Could someone come back and look at it?",
            1,
        ),
        ("修理の見積もりをお願いした件で連絡しました。本当に全部必要なのでしょうか", 1),
        ("念のため確認したく連絡しました。正確な走行距離を教えていただけますか。", 1),
        # negatives: the customer's own wish or need is an ask of its own beside a question
        # about something else, and a direct ask adding a matter stays apart
        ("I'd like to cancel my plan. Do I get anything back?", 2),
        ("We have to shift our cleaning slot to Tuesdays. Is that extra?", 2),
        ("I need a new tyre. Do you have parking?", 2),
        ("ケーキを20個注文したいです。アレルギー対応はできますか。", 2),
        (
            "My job has changed and I now have to travel to Leeds every other week. "
            "Also, do you sell gift cards?",
            2,
        ),
        # ignorance told as a statement, a report, then the direct question: one ask and the
        # report (read by the problem folds)
        (
            "we are moving into a house with a well and have no idea when it was last tested. "
            "what kind of test do you offer?",
            1,
        ),
        # negatives: an indirect question put to the reader is an ask of its own
        ("I was wondering whether the museum is step-free. Do you have parking?", 2),
        # a statement with no direct ask after it is still read as before
        ("修理の見積もりをお願いした件で連絡しました。", 1),
    ],
)
def test_a_setting_told_as_a_statement_is_the_context_of_the_direct_ask_after_it(
    body: str, count: int
) -> None:
    assert len(asks_in(body)) == count


def test_the_folded_setting_stays_as_the_asks_context_not_its_text() -> None:
    from guardrails.context import GuardrailContext, Message
    from guardrails.questions import extract_questions

    body = "修理の見積もりをお願いした件で連絡しました。本当に全部必要なのでしょうか"
    ctx = GuardrailContext(
        messages=(Message(role="customer", body=body),),
        customer_language="ja",
        draft_language="ja",
    )
    (ask,) = extract_questions(ctx)
    assert ask.text == "本当に全部必要なのでしょうか"
    assert "見積もり" in ask.context


@pytest.mark.parametrize(
    ("sentence", "addresses"),
    [
        ("空きはありますか", True),
        ("受けてもらえますか", True),
        ("ご確認ください", True),
        ("よろしくお願いいたします。", True),
        ("カットをお願いしたいです", False),
        ("念のため確認したく連絡しました。", False),
        ("搬入できるのか心配しております。", False),
    ],
)
def test_a_japanese_sentence_addresses_the_reader_by_its_ending(
    sentence: str, addresses: bool
) -> None:
    assert addresses_reader_ja(sentence) is addresses


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # an embedded alternative (AのかBのか教えて) is one ask, answered by choosing
        ("雨の場合は通常どおりになるのか、延期になるのか教えてください", 1),
        ("自宅で直してもらえるのか、持ち込みになるのか教えていただけますか", 1),
        # negatives: two embedded wh-questions, or two direct questions, are two asks
        ("いつ届くのか、送料はいくらなのか教えてください", 2),
        ("返品できますか、また交換の場合の送料はかかりますか", 2),
    ],
)
def test_a_japanese_embedded_alternative_is_one_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a given name that spells an auxiliary, under a sign-off, is the sender's name
        ("Where is my order?\n\nRegards,\nCan Ozturk", 1),
        ("Thanks for the help.\n\nBest,\nDo Van Minh", 0),
        # negatives: a title-case question under a sign-off is still read
        ("Thanks,\nCan You Send It Today", 1),
        ("Thanks,\nCan I Pay Later", 1),
    ],
)
def test_a_name_under_a_sign_off_that_spells_an_auxiliary_asks_nothing(
    body: str, count: int
) -> None:
    assert len(asks_in(body)) == count


def test_an_asks_text_keeps_the_marks_the_customer_typed() -> None:
    from guardrails.context import GuardrailContext, Message
    from guardrails.questions import extract_questions

    body = "Hi,\nHas my parcel been dispatched?? It was due Monday!!\n\nRegards,\nCan Ozturk"
    ctx = GuardrailContext(
        messages=(Message(role="customer", body=body),),
        customer_language="en",
        draft_language="en",
    )
    assert [q.text for q in extract_questions(ctx)] == ["Has my parcel been dispatched??"]
    assert asks_in("いつ届きますか?! 急いでいます") == [("いつ届きますか?!", "question")]
    # every ask's text is a span of what the customer wrote
    body = "Where is it?!? I ordered on the 2nd. Can you refund me?? Thanks"
    assert all(text in body for text, _ in asks_in(body))


def test_marks_are_restored_piece_by_piece_in_linear_time() -> None:
    from guardrails.text.marks import as_written, fold_marks

    typed = "Why?? " * 20_000
    text, end = as_written(fold_marks(typed)[:4], typed)
    assert (text, end) == ("Why??", 5)
    # a piece not in the text keeps its folded marks
    assert as_written("Elsewhere?", typed)[0] == "Elsewhere?"


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # no question mark: a confirmation (んですよね, ないですよね) or a reminder (っけ) asks
        ("来週の引越しの件です。段ボールってもらえるんですよね", 1),
        ("データが消えることはないですよね", 1),
        ("月謝の引き落とし日っていつでしたっけ", 1),
        # negatives: small talk with よね asks nothing
        ("今日は暑いですよね。", 0),
        ("素敵なお店ですよね。", 0),
        # a wh-question after a comma, closing a statement, asks
        ("The sheet says once a day but the label says twice, which one is right", 1),
        ("we bought it in May, how do i return it", 1),
        # negatives: a relative clause after a comma asks nothing
        ("We moved in 2019, which is when we joined", 0),
        ("He married Jane, who was a painter", 0),
        ("The town has a museum, which is open daily", 0),
    ],
)
def test_questions_without_a_mark(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # two first-person wishes joined by "and": two asks
        (
            "I would like someone to come and check the meter and I would like the bill "
            "put on hold until then.",
            2,
        ),
        ("i want to make a complaint and i want someone to tell the drivers to shut it", 2),
        # negatives: a wish told by a clause with no wish of its own, one object listed twice
        ("We're off on Friday and we'd like to do that before then", 1),
        ("I would like the blue scarf and the red hat please", 1),
    ],
)
def test_two_wishes_joined_by_and_are_two_asks(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


def test_a_long_run_of_wishes_is_read_without_recursion() -> None:
    body = "I would like the red one in size ten and " * 3_000 + "I would like it soon."
    assert len(asks_in(body)) >= 1

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
    # every wish names the same one again ("the red one in size ten"): one ask said 3,000
    # times, merged; the last points back ("it") and stays with the wish before it
    assert len(asks_in(body)) == 1


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a second wish that only adds a detail or points back stays with the first
        ("I would like to book a table for four and I would like it to be by the window.", 1),
        ("i want a refund and i want it today", 1),
        ("I need the invoice and I need it addressed to my company.", 1),
        # negatives: a second wish with an object of its own is an ask of its own
        ("I'd like to change my seat and I'd like to add a bag.", 2),
    ],
)
def test_a_second_wish_that_points_back_is_a_detail_of_the_first(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


def test_two_wishes_split_from_one_sentence_are_each_shown_whole() -> None:
    assert asks_in("I'd like to change my seat and I'd like to add a bag.") == [
        ("I'd like to change my seat", "request"),
        ("I'd like to add a bag.", "request"),
    ]


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a statement about another matter than the direct ask after it is an ask of its own
        (
            "I'm looking for a copy of my March invoice. "
            "Can you tell me how to change my password?",
            2,
        ),
        ("I have to change the name on the booking to my sister. Is breakfast included?", 2),
        # 「あわせて」 adds a matter; a request for an act (返金を希望, キャンセルさせていただく)
        # is one whatever is asked after it
        ("壊れた椅子の返金を希望しております。あわせて、土曜の営業時間も教えてください。", 2),
        (
            "ノルウェーに発送できるのか気になっています。"
            "あわせて注文番号8812の状況も確認してもらえますか。",
            2,
        ),
        (
            "木曜日の清掃は葬儀のためキャンセルさせていただきます。"
            "ハウスクリーニングには何が含まれますか。",
            2,
        ),
        # negatives: the same matter, or a statement only saying why the customer writes, is
        # the direct ask's setting
        ("We have no idea when the well was last tested. What kind of test do you offer?", 1),
        ("念のため確認したく連絡しました。正確な走行距離を教えていただけますか。", 1),
    ],
)
def test_a_statement_folds_into_the_ask_after_it_only_on_the_same_matter(
    body: str, count: int
) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # narrative or small talk ending in んですよね asks nothing
        ("年末はどこも混むんですよね。", 0),
        ("実は前にも同じ商品を買ったことがあるんですよね。", 0),
        ("この時期は毎年忙しいんですよね。", 0),
        ("そちらのパン、本当においしいんですよね。", 0),
        # negatives: a confirmation of what the service allows, costs or needs asks
        ("キャンセル料はかからないんですよね", 1),
        ("返品してもいいんですよね", 1),
        ("予約が必要なんですよね", 1),
    ],
)
def test_a_confirming_yone_asks_only_about_the_readers_service(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a relative clause on a name or a noun after a comma asks nothing
        ("I booked it through Anna, who was your manager at the time.", 0),
        ("We paid the deposit to Tom, who is our planner for the day.", 0),
        # negatives: a wh-question after a comma still asks
        ("I looked at three sofas, which is the cheapest", 1),
        ("we bought it in May, how do i return it", 1),
    ],
)
def test_who_or_which_after_a_noun_and_a_comma_is_a_relative_clause(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


def test_marks_are_restored_after_a_run_of_stops() -> None:
    from guardrails.text.marks import as_written, fold_marks

    typed = "Really...?? It was due Monday. Can you refund me?! Thanks"
    assert as_written(fold_marks(typed), typed)[0] == typed

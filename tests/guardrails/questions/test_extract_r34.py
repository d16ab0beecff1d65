"""Stop 34 extraction: channel checks, closing wishes, run-on Japanese, resent messages, joins."""

from __future__ import annotations

import time

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import extract_questions
from guardrails.questions.asks_en import is_meta
from guardrails.questions.extract import asks_in
from guardrails.sentences import sentence_texts


def _texts(body: str) -> list[str]:
    return [text for text, _ in asks_in(body)]


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a check of the channel the customer writes through asks nothing of the shop
        ("Is this the right inbox for the swimming club? Do you run lessons on Sundays?", 1),
        ("hi, am I writing to the correct team for invoices? our last invoice shows VAT twice", 1),
        ("is this the right number for support questions", 0),
        # negatives: the right size, the right address for a parcel, a place to send things
        ("Is this the right size for a double duvet?", 1),
        ("Is this the right address for returns?", 1),
        ("Is this the right way to reset the alarm?", 1),
    ],
)
def test_a_check_of_the_channel_is_no_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


def test_the_channel_check_is_read_whole_not_by_its_opening() -> None:
    assert is_meta("Is this the right team?")
    assert not is_meta("Is this the right team to fix my boiler on Friday morning at nine?")


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a closing wish for the reader's weekend or health is a pleasantry
        ("請求書の再発行をお願いします。寒い日が続きますのでご自愛ください。", 1),
        ("ありがとうございました。素敵な休日をお過ごしください。", 0),
        # negative: a request about how a guest spends their stay still asks
        ("快適にお過ごしいただけるよう、部屋を暖めておいてください。", 1),
    ],
)
def test_a_japanese_closing_wish_is_no_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a sentence-final particle, then a connective opening the next sentence, no mark
        ("集荷って何時だっけあと箱も欲しい", ["集荷って何時だっけ", "あと箱も欲しい"]),
        (
            "料金はいくらですかそれと駐車場はありますか",
            ["料金はいくらですか", "それと駐車場はありますか"],
        ),
        # casual line ends are sentence ends too
        ("鍵なくしちゃった\n合鍵って作れる？", ["鍵なくしちゃった", "合鍵って作れる？"]),
        # a line left on けど is the background clause of the next line's ask
        ("小さい車なんですけど\n停められますか", ["小さい車なんですけど、停められますか"]),
        # negatives: かな before a drawn-out あ, a wrapped line mid-clause
        ("来週でもいいかなあと思っています", ["来週でもいいかなあと思っています"]),
        (
            "ご注文いただいた商品を\n本日発送しました。",
            ["ご注文いただいた商品を本日発送しました。"],
        ),
    ],
)
def test_japanese_runs_on_without_marks_are_split(text: str, sentences: list[str]) -> None:
    assert sentence_texts(text) == sentences


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("集荷って何時だっけあと箱も欲しい", 2),
        ("今日の分はキャンセルで。風邪ひいちゃった\n来月から回数減らせる？", 2),
        # an act chosen with its お願いします left unsaid
        ("三つとも返品で。", 1),
        # negatives: a detail with no act, a cause going on
        ("支払いは振込で。", 0),
        ("台風で休業です。", 0),
    ],
)
def test_japanese_chat_lines_count_each_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a part gone or a thing gone off since it was bought or handed over
        ("クリーニングに出したシャツ、ボタンが二つなくなっていました。", 1),
        ("今朝届いたタルト、形が崩れていました。", 1),
        ("注文した鉢植え、届いた時点で枯れていました。", 1),
        # negatives: nothing of the customer's named
        ("在庫がなくなりました。", 0),
        ("大雨で山の斜面が崩れたそうです。", 0),
    ],
)
def test_japanese_things_gone_off_are_problems(body: str, count: int) -> None:
    got = asks_in(body)
    assert len(got) == count
    assert all(kind == "problem" for _, kind in got)


@pytest.mark.parametrize(
    ("body", "asks"),
    [
        # a short wh-question whole in itself, then a question of its own after "and"
        (
            "when is the recital and do we need to bring chairs",
            ["when is the recital", "do we need to bring chairs"],
        ),
        ("when is it and do the kids need costumes", ["when is it", "do the kids need costumes"]),
        # a request to tell a second thing, after an act of its own
        (
            "Could you send the invoice again, and tell me which card you charged?",
            ["Could you send the invoice again", "tell me which card you charged?"],
        ),
    ],
)
def test_two_asks_joined_by_and_are_two(body: str, asks: list[str]) -> None:
    assert _texts(body) == asks


@pytest.mark.parametrize(
    "body",
    [
        # the telling is the result of the act: one ask
        "Can you check the order and tell me when it ships?",
        "please spin the wheel and tell me what number it lands on",
        "could you measure the window and tell me what size it is",
        # the second side points back to the first: one ask
        "where is it and why is it late",
        # "what can I" is no whole question
        "What can I and can't do with the gift card?",
    ],
)
def test_one_ask_joined_by_and_stays_one(body: str) -> None:
    assert len(asks_in(body)) == 1


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # yes/no questions typed on with no mark between them
        ("can i bring my bike on the tour is there somewhere to lock it overnight", 2),
        ("do you sell the oak shelves in white need two for the hall do you post to Hull", 2),
        # negatives: a question inside a wh-clause, an auxiliary after a dangling subject
        ("what time on sunday do you open", 1),
        ("Should I renew it myself or will it do it automatically?", 1),
    ],
)
def test_questions_typed_on_without_marks(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    "body",
    [
        # a statement setting up the question, a question after "wondering": one ask, the
        # question typed on after its setting with no mark between
        "my daughter starts school in may do you run taster sessions",
        "i was wondering do you have any weekend slots",
    ],
)
def test_a_question_after_its_setting_is_not_cut(body: str) -> None:
    assert len(asks_in(body)) == 1


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # the first clause is what the second asks how to decide: one ask
        ("どのコースにすればいいか、どうやって決めればいいですか。", 1),
        ("どの色が合うか、どう選べばよいでしょうか", 1),
        # negatives: two questions each naming its own thing
        ("いつ届くのか、送料はいくらなのか教えてください。", 2),
        ("どの色が合うか、サイズはどう選べばいいですか", 2),
    ],
)
def test_a_japanese_question_of_how_to_decide_is_one_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # the reason put after the ask (倒置) leaves the ask whole, not cut in two
        ("ありがとうございました\nあとWi-Fiってありますか、仕事で使うので", 1),
        ("早めに発送してもらえますか、週末に使うから", 1),
        # negatives: a reason alone asks nothing; a reason before the ask is read as before
        ("週末に使うので", 0),
        ("雪が降ったので、配達は遅れますか", 1),
    ],
)
def test_a_japanese_reason_after_the_ask_keeps_one_ask(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


_RESENT = (
    "Hi, following up on my email from Friday:\n\n"
    "> Do you stock the blue rain jacket in size 8?\n"
    "> And can I collect it from the Bath shop?\n\n"
    "Many thanks,\nPriya"
)


def test_a_customers_own_earlier_message_quoted_again_is_asked_again() -> None:
    assert _texts(_RESENT) == [
        "Do you stock the blue rain jacket in size 8?",
        "And can I collect it from the Bath shop?",
    ]


def test_the_service_cut_quote_of_an_own_message_is_read_again() -> None:
    body = "Hi, following up on my email from Friday.\nMany thanks"
    quoted = "Do you stock the blue rain jacket in size 8?"
    ctx = GuardrailContext(
        messages=[Message(role="customer", body=body, quoted=quoted)],
        customer_language="en",
        draft_language="en",
    )
    assert [q.text for q in extract_questions(ctx)] == [quoted]


@pytest.mark.parametrize(
    "body",
    [
        # no pointer to a message of the customer's own: the quote is the shop's
        "Thanks for this.\n\n> Can you send a photo of the damage?\n\nPhoto attached.",
        # a quote under a "wrote:" header may be the shop's reply
        "Following up on my email.\n\nOn Mon, Support wrote:\n> Can you send a photo?\n",
        # a quote inside the quote: a thread
        "As in my email below:\n> > Can you send a photo?\n> Here it is.\n",
    ],
)
def test_other_quotes_stay_out(body: str) -> None:
    assert not any("photo?" in text for text in _texts(body))


def test_a_service_cut_thread_is_not_read_again() -> None:
    ctx = GuardrailContext(
        messages=[
            Message(
                role="customer",
                body="Following up on my email, any news?",
                quoted="On Mon, Support wrote:\nCan you send a photo?",
            )
        ],
        customer_language="en",
        draft_language="en",
    )
    assert not any("photo" in q.text for q in extract_questions(ctx))


@pytest.mark.parametrize(
    "text",
    [
        "あ" * 25_000 + "ですか" + "ね" * 25_000,
        "いつだっけ" * 10_000,
        "and " * 12_000 + "tell me which",
        ", and tell us when" * 3_000,
        "is this the right " * 3_000 + "email",
        "> " * 25_000,
        "my email\n" + "> where?\n" * 5_000,
        "ご自愛" * 16_000,
        "can i do it " * 4_000,
        "is it open do you " * 3_000,
        "どれがいいか、" * 7_000 + "どう決めればいいですか",
        "ありますか、" * 8_000 + "使うので",
    ],
)
def test_new_rules_stay_linear_on_50_kb(text: str) -> None:
    # a generous bound: quadratic work on 50 KB takes minutes
    start = time.perf_counter()
    asks_in(text)
    sentence_texts(text)
    assert time.perf_counter() - start < 30

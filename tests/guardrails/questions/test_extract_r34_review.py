"""Stop 34 review fixes: linear own-message pointer, それとも, けど line breaks, elided requests
limited to acts on an order, quotes handed to another writer, chases of a resent message,
questions typed on after their setting."""

from __future__ import annotations

import time

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import extract_questions
from guardrails.questions.extract import _OWN_EARLIER, _hands_to_other, asks_in


def _texts(body: str) -> list[str]:
    return [text for text, _ in asks_in(body)]


def _service(body: str, quoted: str | None = None) -> list[str]:
    ctx = GuardrailContext(
        messages=[Message(role="customer", body=body, quoted=quoted)],
        customer_language="en",
        draft_language="en",
    )
    return [q.text for q in extract_questions(ctx)]


# --- 1. the pointer to an earlier message reads a long line once


def test_the_own_message_pointer_is_linear_on_a_long_line() -> None:
    # an open gap between "I sent" and "below" read every "I sent" to the line's end: about
    # 5 s at 50 KB and 80 s at 200 KB; bounded, 200 KB takes well under a second
    line = "I sent " * 30_000
    start = time.perf_counter()
    assert _OWN_EARLIER.search(line) is None
    assert time.perf_counter() - start < 5
    start = time.perf_counter()
    asks_in("I sent " * 7_000 + "\n> x")
    assert time.perf_counter() - start < 30


@pytest.mark.parametrize(
    ("line", "points"),
    [
        ("We sent you the form twice, see it below", True),
        ("I asked about this last week, copied again below", True),
        # negatives: the pointer word far on in another matter, no pointer at all
        ("I sent the parcel back" + " on a very long and winding route" * 5 + " as above", False),
        ("I sent the parcel back on Monday.", False),
    ],
)
def test_the_own_message_pointer_reads_one_clause(line: str, points: bool) -> None:
    assert bool(_OWN_EARLIER.search(line)) is points


# --- 2. それとも offers the other answer to the same question


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("配送と店頭受け取りはどちらが安いですかそれとも同じ料金ですか", 1),
        ("色は黒ですかそれとも紺ですか", 1),
        # negative: それと opens a second question
        ("色は黒ですかそれとサイズはいくつがありますか", 2),
    ],
)
def test_soretomo_is_no_connective_of_a_new_sentence(body: str, count: int) -> None:
    got = _texts(body)
    assert len(got) == count
    if count == 1:
        assert got == [body]  # the whole question, not its first half


# --- 3. a line left on けど is the background of the next line


@pytest.mark.parametrize(
    ("body", "first_words"),
    [
        ("部屋を一泊延ばしたいんですけど\n空きはありますか", "部屋を一泊延ばしたい"),
        ("ポイントで払いたいのですけれど\n使える上限はありますか。", "ポイントで払いたい"),
        ("割れた皿を送り返したいんですけれども\n着払いでいいですか", "割れた皿を送り返したい"),
    ],
)
def test_a_line_left_on_kedo_joins_the_next_as_one_ask(body: str, first_words: str) -> None:
    got = _texts(body)
    assert len(got) == 1
    assert got[0].startswith(first_words)


@pytest.mark.parametrize(
    ("body", "first_words"),
    [
        # the explanatory ん(です) and みたい close the verb of the line above
        ("犬がコードをかじっちゃった\nんですけど、まだ使えますか。", "犬がコードを"),
        ("洗濯機が止まった\nみたいです。どうすればいいですか", "洗濯機が止まった"),
    ],
)
def test_a_line_opening_with_n_desu_continues_the_line_above(body: str, first_words: str) -> None:
    got = _texts(body)
    assert len(got) == 1
    assert got[0].startswith(first_words)
    assert not got[0].startswith(("んです", "みたい"))


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # negatives: a line ending in a sentence-final form still ends its sentence, and two
        # asks on two lines stay two
        ("鍵をなくしちゃった\n合鍵は作れますか", 1),
        ("送料はいくらですか\n領収書も出してもらえますか", 2),
    ],
)
def test_other_japanese_line_ends_are_unchanged(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


# --- 4. an elided request is an act on an order, a booking or a subscription


@pytest.mark.parametrize(
    "body",
    [
        "来月の定期便、停止で。",
        "青いほうは返品で。",
        "来週届く分はキャンセルで",
        "セーターはサイズ交換で。",
    ],
)
def test_an_act_chosen_with_its_plea_left_unsaid_is_a_request(body: str) -> None:
    assert asks_in(body) == [(body, "request")]


@pytest.mark.parametrize(
    "body",
    [
        # a time or a reason as the topic, or a noun of no act on an order
        "この前は電話で。",
        "先月は帰省で。",
        "理由は引っ越しで。",
        "返品の理由は交換で。",
        "先週はキャンセルで。",
        "おとといは夜勤で。",
        "連絡はメールで。",
        "解約の件で。",
    ],
)
def test_other_de_fragments_ask_nothing(body: str) -> None:
    assert asks_in(body) == []


# --- 5. a quote handed to another writer is not the customer's own message


@pytest.mark.parametrize(
    "line",
    [
        "Following up on my email. The courier told me:",
        "My flatmate emailed you yesterday:",
        "I was told:",
        "From the warehouse team:",
        "担当の方より：",
        "店長さんから",
        "窓口から次の返信が届きました。",
    ],
)
def test_a_line_handing_the_quote_to_someone_else(line: str) -> None:
    assert _hands_to_other(line)


@pytest.mark.parametrize(
    "line",
    [
        "Here is what I sent:",
        "We already wrote:",
        "My earlier email said:",
        "Following up on my email:",
        "以前お送りしたメールより：",
        "急いでいるから",
        "The courier told me the parcel was lost.",
    ],
)
def test_a_line_introducing_the_customers_own_words(line: str) -> None:
    assert not _hands_to_other(line)


_HANDED = (
    "Chasing my message from last week. Your driver said:\n"
    "> Could you leave a safe place note next time?\n"
    "It still has not arrived. When will it come?"
)


def test_a_quote_handed_to_another_writer_stays_out() -> None:
    assert _texts(_HANDED) == ["It still has not arrived. When will it come?"]
    body, quoted = (
        _HANDED.replace("> Could you leave a safe place note next time?\n", ""),
        ("Could you leave a safe place note next time?"),
    )
    assert not any("safe place" in text for text in _service(body, quoted))


def test_a_quote_labelled_with_another_writer_stays_out() -> None:
    body = "As in my email below.\n> From the bakery: could you confirm the pickup time?\n"
    assert not any("pickup" in text for text in _texts(body))
    # negative: a label that names no writer leaves the customer's own quote read
    own = "As in my email below.\n> Order 7702: could you post it to my office?\n"
    assert any("office" in text for text in _texts(own))


def test_a_quote_handed_to_another_writer_stays_out_over_a_blank_line() -> None:
    body = (
        "About my email last week. Your agent replied:\n> Can you send a photo?\n\n"
        "> Could you confirm the postcode?\nWhere is my refund?"
    )
    assert _texts(body) == ["Where is my refund?"]


def test_many_quoted_lines_are_read_in_linear_time() -> None:
    # each quoted line once walked back to its quote's first line: about 4 s at 50 KB and a
    # minute at 200 KB; the quote's introduction is now read once per quote
    start = time.perf_counter()
    asks_in("following up on my email\n" + "> can you send it\n" * 11_000)
    assert time.perf_counter() - start < 30


def test_the_customers_own_quote_is_still_read_beside_someone_elses() -> None:
    body = (
        "Following up on my email:\n> Can you deliver to the side gate?\n\n"
        "Your agent replied:\n> Could you confirm the postcode?\n"
    )
    got = _texts(body)
    assert any("side gate" in text for text in got)
    assert not any("postcode" in text for text in got)


# --- 5b. a chase of the resent message is that message's asks


@pytest.mark.parametrize(
    ("body", "asks"),
    [
        (
            "Just checking on my email below, any news?\n\n"
            "> The strap on my watch snapped. Could you repair it under warranty?",
            1,
        ),
        (
            "以前お送りしたメールの件、その後いかがでしょうか。\n\n"
            "> 届いた鍋の取っ手がぐらついています。交換していただけますか。",
            1,
        ),
        # negatives: a new matter beside the chase stays; a resent message asking nothing
        # leaves the chase as the ask
        (
            "Following up on my email below. Can you also add a gift card?\n\n"
            "> Could you repair my watch strap?",
            2,
        ),
        ("Following up on my email below, any update?\n\n> Thanks again, Sam", 1),
    ],
)
def test_a_chase_of_the_resent_message_counts_once(body: str, asks: int) -> None:
    assert len(asks_in(body)) == asks


def test_a_chase_with_the_service_cut_quote_counts_once() -> None:
    body = "Just checking on my email below, any news?"
    quoted = "The strap on my watch snapped. Could you repair it under warranty?"
    got = _service(body, quoted)
    assert len(got) == 1
    assert "repair" in got[0]


# --- 7. a question typed on after its setting, no mark between


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("we moved house last month can you update the address", 1),
        ("not sure do you sell bulbs for the desk lamp", 1),
        # negatives: an auxiliary with its own subject, a statement ending in a stop, a line
        # opening as a question read whole (small talk)
        ("as soon as I can I will send the photos", 0),
        ("That is all we can do you see.", 0),
        ("how is it going mate", 0),
    ],
)
def test_a_question_typed_on_after_its_setting(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


@pytest.mark.parametrize(
    "text",
    [
        "I sent " * 7_000 + "\n> x",
        "my email\n" + "Your agent said:\n> where?\n" * 2_500,
        "ですけど\n" * 8_000,
        "それとも" * 12_000,
        "先日は" * 16_000 + "キャンセルで。",
        "x " * 12_000 + "do you " * 3_000,
        "担当" + "さんから" * 12_000 + "：",
    ],
)
def test_the_review_fixes_stay_linear_on_50_kb(text: str) -> None:
    # a generous bound: quadratic work on 50 KB takes minutes
    start = time.perf_counter()
    asks_in(text)
    _hands_to_other(text)
    assert time.perf_counter() - start < 30

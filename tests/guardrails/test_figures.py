"""Figures however they are written: digits, words, Japanese numerals, times, 24/7."""

from __future__ import annotations

import re

import pytest

from guardrails import figures
from guardrails.figures import find_figures, word_number


@pytest.mark.parametrize(
    ("text", "kind", "surface", "values"),
    [
        ("The courier needs four more days.", "duration", "four more days", {"4d"}),
        ("A technician will call in half an hour.", "duration", "half an hour", {"30min"}),
        ("It should arrive in about a week.", "duration", "about a week", {"7d"}),
        (
            "It takes five to seven business days.",
            "duration",
            "five to seven business days",
            {"5d", "7d"},
        ),
        ("Give it a couple of days.", "duration", "a couple of days", {"2d"}),
        ("The link is valid for twenty-four hours.", "duration", "twenty-four hours", {"1440min"}),
        ("Delivery takes 2 weeks.", "duration", "2 weeks", {"14d"}),
        ("配送には三日ほどかかります。", "duration", "三日", {"3d"}),
        ("一週間以内にお届けします。", "duration", "一週間", {"7d"}),
        ("二十四時間対応です。", "duration", "二十四時間", {"1440min"}),
        ("二、三日でお届けします。", "duration", "二、三日", {"2d", "3d"}),
        ("半日ほどで反映されます。", "duration", "半日", {"0.5d"}),
        ("The Basic plan is 39.99 a month.", "price", "39.99", {"39.99"}),
        ("Extra seats cost 12.50.", "price", "12.50", {"12.5"}),
        ("It costs forty-nine dollars.", "price", "forty-nine dollars", {"49"}),
        ("送料は五百五十円です。", "price", "五百五十円", {"550"}),
        ("It saves fifteen percent.", "percentage", "fifteen percent", {"15"}),
        ("We open at 8 am.", "time", "8 am", {"8:00"}),
        ("We close at 11 pm.", "time", "11 pm", {"23:00"}),
        ("The depot closes at 6:30 pm.", "time", "6:30 pm", {"18:30"}),
        ("受付は午後6時までです。", "time", "午後6時", {"18:00"}),
        ("受付は9:00〜18:00です。", "time", "9:00", {"9:00"}),
        ("午前九時にお電話します。", "time", "午前九時", {"9:00"}),
        ("Chat is available 24/7.", "availability", "24/7", {"24/7"}),
        ("24時間365日受付です。", "availability", "24時間365日", {"24/7"}),
    ],
)
def test_finds_and_normalises(text: str, kind: str, surface: str, values: set[str]) -> None:
    figures = find_figures(text)
    assert [(f.kind, f.text, set(f.numbers)) for f in figures][0] == (kind, surface, values)


@pytest.mark.parametrize(
    "text",
    [
        "Have a great day.",
        "One of our specialists reviewed it.",
        "十分にご確認ください。",  # じゅうぶん, not ten minutes
        "一日も早くお届けします。",
        "一部の商品は対象外です。",
        "Update to version 2.10 first.",
        "Your order #48213 is on its way.",
    ],
)
def test_words_that_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_spans_index_the_original_text() -> None:
    text = "お届けまで３日、料金は５５０円です。"
    assert [text[f.start : f.end] for f in find_figures(text)] == ["３日", "５５０円"]


def test_word_number() -> None:
    assert word_number("forty-nine") == 49
    assert word_number("a hundred") == 100
    assert word_number("二十四") == 24
    assert word_number("blue") is None


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Our chat team is online from 9 to 5.", {"9:00", "5:00"}),
        ("It'll take a fortnight to restock.", {"14d"}),
        ("Returns are accepted within a month.", {"30d"}),
        ("年会費は一万二千円です。", {"12000"}),
        ("年会費は1万2千円です。", {"12000"}),  # digits before 万 and 千
        ("差額の3万円を返金します。", {"30000"}),
    ],
)
def test_hours_fortnights_months_and_kanji_prices(text: str, values: set[str]) -> None:
    assert set(find_figures(text)[0].numbers) == values


def test_half_past_and_quarter_to() -> None:
    assert set(find_figures("We close at half past six.")[0].numbers) == {"6:30"}
    assert set(find_figures("We open at quarter to 9.")[0].numbers) == {"8:45"}


def test_japanese_times_of_day_without_am_pm() -> None:
    assert set(find_figures("朝八時半から開いています。")[0].numbers) == {"8:30"}
    assert set(find_figures("夜8時まで受け付けます。")[0].numbers) == {"20:00"}


class _Recorder:
    """Stands in for ``FIGURE``, noting how many characters each try may read."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.widths: list[int] = []

    def match(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        self.widths.append(endpos - pos)
        return self.pattern.match(text, pos, endpos)


@pytest.mark.parametrize("text", ["1" * 50_000, "1-" * 25_000, "一" * 50_000])
def test_a_long_run_of_digits_is_read_a_bounded_stretch_from_each_anchor(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a figure tried from every digit of a run to its end costs the square of the run
    recorder = _Recorder(figures.FIGURE)
    monkeypatch.setattr(figures, "FIGURE", recorder)
    find_figures(text)
    assert recorder.widths
    assert max(recorder.widths) <= figures.LONGEST_FIGURE


def test_the_bound_cuts_no_figure_short() -> None:
    # the longest figures people write fit well inside the stretch read from their anchor
    long_ones = ["two hundred and fifty to three hundred and fifty dollars", "1万5千円"]
    for text in long_ones:
        (figure,) = find_figures(text)
        assert figure.text == text


def test_a_myriad_with_no_count_before_it_is_no_error() -> None:
    # 万円 with no count names no number: the draft is still read, and no value is claimed.
    assert word_number("万") is None
    assert [f.numbers for f in find_figures("送料は万円単位ではありません。")] == [frozenset()]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("修理費用は数万円かかります。", "数万円"),
        ("数千円の差額が出ます。", "数千円"),
        ("数十日ほどかかります。", "数十日"),
    ],
)
def test_vague_japanese_amounts_are_figures_without_a_value(text: str, surface: str) -> None:
    # 数千円 is "several thousand yen": read as 千円 it would claim 1000 and could be "grounded"
    # by any 1,000円 in the knowledge base; whole and value-less, it still answers "how much?".
    (figure,) = find_figures(text)
    assert (figure.text, figure.numbers) == (surface, frozenset())


@pytest.mark.parametrize("text", ["何百件も届いています。", "幾千もの星が見えます。"])
def test_question_word_amounts_are_no_figures(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("費用は3億円です。", "3億円", "300000000"),
        ("予算は1億5000万円です。", "1億5000万円", "150000000"),
        ("売上は3億2000万円でした。", "3億2000万円", "320000000"),
        ("上限は1,200万円です。", "1,200万円", "12000000"),
        ("補償額は二億円です。", "二億円", "200000000"),
        ("総額十二億三千万円。", "十二億三千万円", "1230000000"),
        ("市場規模は2兆円です。", "2兆円", "2000000000000"),
        ("会費は1万5千円です。", "1万5千円", "15000"),
        ("予算は2.5億円です。", "2.5億円", "250000000"),
        ("差額は1.5万円です。", "1.5万円", "15000"),
        ("総額0.5兆円の事業です。", "0.5兆円", "500000000000"),
        ("工事費は1万2千3百円です。", "1万2千3百円", "12300"),
    ],
)
def test_japanese_amounts_with_oku_and_cho_are_read_whole(
    text: str, surface: str, value: str
) -> None:
    # 1億5000万円 is 150,000,000; reading 5000万円 alone would ground a wrong draft
    (figure,) = find_figures(text)
    assert (figure.kind, figure.text, figure.numbers) == ("price", surface, frozenset({value}))


def test_a_japanese_amount_never_starts_inside_a_number() -> None:
    # after a digit, point or comma: 2.5億 is never 5億, and a long run of ",000" is one scan
    # from its first digit, not one from every group
    assert figures._JA_BIG_RX.search("2.5億", 1) is None
    assert figures._JA_BIG_RX.search("1,000,000万", 1) is None
    assert figures.numbers_in("1" + ",000" * 5 + "万") >= {str(10**15 * 10**4)}


@pytest.mark.parametrize("amount", ["万5億", "万", "5万3億"])
def test_an_amount_in_no_order_names_no_value(amount: str) -> None:
    with pytest.raises(ValueError):
        figures.ja_amount(amount)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [("0.5", "0.5"), ("0.50", "0.5"), ("007", "7"), ("1,200.00", "1200"), ("0", "0"), ("0.0", "0")],
)
def test_normalise_number_keeps_a_leading_zero_before_the_point(raw: str, canonical: str) -> None:
    assert figures.normalise_number(raw) == canonical


def test_half_an_amount_is_read_as_zero_point_five() -> None:
    assert "0.5" in figures.numbers_in("about 0.5 kg")


def test_noon_in_japanese_is_a_time_of_day() -> None:
    (figure,) = find_figures("昼食は正午からご用意しております。")
    assert (figure.kind, figure.numbers) == ("time", frozenset({"12:00"}))
    # 正 opening another word is no time: 正月, 修正
    assert find_figures("正月休みの間に修正いたしました。") == []


def test_a_day_of_the_month_in_words_is_a_date() -> None:
    (third,) = find_figures("The summer sale starts on the third of May.")
    assert (third.kind, third.text, third.numbers) == (
        "date",
        "third of May",
        frozenset({"3", "5"}),
    )
    (later,) = find_figures("It starts May the twenty-first.")
    assert later.numbers == frozenset({"21", "5"})
    # an ordinal of anything else is no date
    assert find_figures("It's on the first floor, first of all.") == []

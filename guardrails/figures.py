"""Find figures (prices, percentages, dates, times, durations, quantities) and their values.

Works on English and Japanese text, full-width digits included; spans index the original
text because width folding keeps string length. Figures are found however people write them:
digits ("39.99", "5-7 business days"), spelled-out numbers ("four more days", "half an hour",
"about a week", "forty-nine dollars"; parsed with ``text2num``), Japanese numerals (三日,
一週間, 二十四時間, 五百五十円; parsed with ``kanjize``), times of day ("8 am", "18:30",
午前9時, in words too: "noon", "half past nine", 正午, 午後三時) and round-the-clock service
("24/7", 24時間365日).

Values are normalised so a figure can be compared with any source text: "2,099.00" -> "2099",
"1万5千円" -> "15000", "four days" -> "4d" like "4 days", "a week" -> "7d", "a month" -> "30d",
"half an hour" -> "30min", "8 pm" -> "20:00" like 午後8時.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kanjize import kanji2number
from text_to_num import text2num  # type: ignore[import-untyped]  # ships no stubs

from guardrails.language import normalise_width
from guardrails.run_memo import per_run

# Possessive: nothing a figure's pattern reads after a number starts with a digit, a comma
# before three digits or a point before digits, so giving any back never finds a match; without
# backtracking into them, a run of digits costs one scan from each anchor, not one per length.
_DIGITS = r"\d++(?:,\d{3})*+(?:\.\d++)?+"
_WORD_NUMS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand"
).split()
_W = "|".join(_WORD_NUMS)
# "forty-nine", "two hundred and fifty", "a hundred"
_WORDS = rf"\b(?:a\s+(?=hundred|thousand))?(?:{_W})(?:(?:[\s-]+|\s+and\s+)(?:{_W}))*\b"
_KANJI = r"[〇一二三四五六七八九十百千万億兆]+"
_NUM = rf"(?:{_DIGITS}|{_WORDS})"
_RANGE = rf"{_NUM}(?:\s*(?:-|–|—|~|〜|～|to|から)\s*{_NUM})?"
# Not after 数/何/幾: 数千円 and 何百件 are "several thousand yen", "hundreds"; read as 千円,
# 百件 they would claim a value. 数千円 is read whole, as a figure with no value (``_values``):
# it still answers "how much?", and claims nothing a source must ground.
_VAGUE = r"(?<![数何幾])"
_SEVERAL = r"(?:数(?=[十百千万億兆]))?"
# 「三〜五営業日」「二、三日」「数万円」
_KRANGE = (
    rf"{_VAGUE}(?<![〇一二三四五六七八九十百千万億兆]){_SEVERAL}{_KANJI}"
    rf"(?:\s*(?:〜|～|~|から|、)\s*{_KANJI})?"
)
# A Japanese amount with 万/億/兆 in it, digits and numerals mixed as people write them:
# 5万, 1万5千, 3億2000万, 1,200万, 二億. Its value is the whole amount: 1億5000万 is 150000000,
# never 5000万 read alone.
# A decimal count reads whole (2.5億 is 250000000, never 5億); not after a digit, point or comma,
# so a match never starts inside a number (and "1" + ",000" * n is one scan, not n).
_JA_PART = r"(?:\d++(?:,\d{3})*+(?:\.\d++)?+|[〇一二三四五六七八九十百千])"
_JA_BIG = (
    rf"{_VAGUE}(?<![\d.,〇一二三四五六七八九十百千万億兆]){_JA_PART}++(?:[万億兆]{_JA_PART}*+)++"
)
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Days of the month in words: "the third of May", "May the twenty-first".
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_ORDINAL = (
    rf"(?:(?:twenty|thirty)[\s-](?:{'|'.join(_ORDINALS[:9])})|thirtieth|"
    rf"{'|'.join(sorted(_ORDINALS, key=len, reverse=True))})"
)
_ORDINAL_RX = re.compile(rf"\b{_ORDINAL}\b", re.IGNORECASE)
_EN_UNIT = r"(?:days?|hours?|hrs?|weeks?|fortnights?|months?|years?|minutes?|mins?)\b"
_JA_UNIT = r"(?:営業日|日間|時間|週間|か月|ヶ月|カ月|ヵ月|ケ月|年間|分間?)"
# The Japanese units of a length of time, for the readers of asks as well: 「何週間」 asks for
# one as 「3週間」 gives it.
JA_DURATION_UNIT = _JA_UNIT
# Words that make "a week", "an hour" a length of time ("about a week", "within an hour").
_A_CUE = (
    r"(?:within|in|about|around|for|after|over|takes?|took|taking|up\s+to|another|"
    r"approximately|roughly|nearly|under|less\s+than|more\s+than|at\s+least|only|just|"
    r"extra|additional)"
)
_KINDS: tuple[tuple[str, str], ...] = (
    (
        "availability",
        r"(?<![\d/])24\s?/\s?7(?![\d/])|24時間365日|\baround[\s-]the[\s-]clock\b"
        r"|\b24\s+hours\s+a\s+day\b",
    ),
    (
        "time",
        r"(?<![\d:.])(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?:a\.m\.|p\.m\.|am|pm|a\.m|p\.m)(?![a-z])"
        r"|(?<![\d:.])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])|\b(?:noon|midnight)\b|正午"
        rf"|(?:午前|午後|朝|夜|夕方|昼)\s?(?:\d{{1,2}}|{_KANJI})時(?:\d{{1,2}}分|半)?"
        r"|(?<![\d.])\d{1,2}時(?!間)(?:\d{1,2}分|半)?"
        # opening hours without am/pm: "from 9 to 5", "between 10 and 6"
        rf"|\b(?:half|quarter)\s+(?:past|to)\s+(?:\d{{1,2}}|{_W})\b"
        r"|\b(?:from|between)\s+(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s+(?:to|and|till|until|-)\s+"
        r"(?:[01]?\d|2[0-3])(?::[0-5]\d)?\b(?!\s*(?:%|percent|[a-z]))",
    ),
    (
        "date",
        rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"
        r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{4}/\d{1,2}/\d{1,2}\b"
        r"|\b(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?:/\d{2,4})?\b"
        r"|(?:\d{4}年)?\d{1,2}月\d{1,2}日"
        rf"|\b{_ORDINAL}\s+of\s+{_MONTH}\b|\b{_MONTH}\s+the\s+{_ORDINAL}\b",
    ),
    (
        "price",
        rf"[$€£¥]\s?{_RANGE}|{_RANGE}\s?(?:usd|eur|gbp|jpy|dollars?|euros?|pounds?|yen|bucks)\b"
        rf"|{_JA_BIG}(?:\s*(?:〜|～|~|から)\s*{_JA_BIG})?円|{_RANGE}\s?円|{_KRANGE}円"
        # a price without a currency sign: "39.99", "12.50 each", "49 per month"
        r"|(?<![\w.,/:$€£¥-])(?<!version\s)\d{1,6}\.\d{2}(?!\d|[.,]\d|\s?(?:%|percent|GB|MB|TB))"
        r"|(?<![\w.,/:$€£¥-])\d{1,6}(?=\s(?:a|per)\s(?:month|year|seat|user)\b)",
    ),
    ("percentage", rf"{_RANGE}\s?(?:%|percent\b|per\s+cent\b|パーセント)"),
    (
        "duration",
        rf"{_RANGE}[\s-]?(?:(?:more|extra|additional|full|whole)\s+)?"
        rf"(?:(?:business|working|calendar)[\s-])?{_EN_UNIT}"
        rf"|\bhalf\s+an?\s+(?:hour|day)\b|\ba\s+couple\s+of\s+{_EN_UNIT}"
        rf"|\b{_A_CUE}\s+an?\s+(?:(?:full|whole|business|working)\s+)?"
        r"(?:day|hour|week|fortnight|month|year|minute)\b"
        rf"|{_RANGE}\s?(?:{_JA_UNIT}|日(?:以内|後|ほど|程度|前)?)"
        rf"|(?!十分(?!間)){_KRANGE}\s?(?:{_JA_UNIT}|日(?!も早|中|本|頃|ごろ))|半日",
    ),
    (
        "quantity",
        rf"{_RANGE}\s?(?:items?|units?|pieces?|pcs|licen[cs]es?|seats?|users?|boxes|"
        r"packs?|pairs?|copies|tickets?|devices?|accounts?|gb|mb|tb)\b"
        rf"|{_RANGE}\s?(?:個|台|点|枚|本|件|名|人|部|冊|回|箱|セット|ライセンス|アカウント)",
    ),
)
FIGURE = re.compile("|".join(f"(?P<{kind}>{rx})" for kind, rx in _KINDS), re.IGNORECASE)
# Every figure starts with one of these; trying FIGURE only there keeps long texts fast.
_ANCHOR = re.compile(
    rf"[\d$€£¥〇一二三四五六七八九十百千万億兆数半午朝夜夕昼正]|\b(?:{_W}|an?|half|quarter|noon|midnight|around|from|between|{_A_CUE}|{_ORDINAL}|"
    rf"{_MONTH})",
    re.IGNORECASE,
)
# No figure is longer than this ("between 10:30 and 18:00", "1万5千円" are under 40); FIGURE
# is tried on at most this many characters from each anchor, so a long run of digits or
# numerals costs linear time, not one scan to its end from every anchor in it.
LONGEST_FIGURE = 80
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_JA_BIG_RX = re.compile(_JA_BIG)
_MONTH_NAME = re.compile(_MONTH, re.IGNORECASE)
_WORDS_RX = re.compile(_WORDS, re.IGNORECASE)
_KANJI_RX = re.compile(_KANJI)
_AMOUNT = re.compile(rf"{_DIGITS}|{_WORDS}|{_KANJI}|\bhalf\b|\ban?\b|\bcouple\b", re.IGNORECASE)
# Units of a duration, as (pattern, canonical unit, factor): weeks count as days, hours as
# minutes, so "a week" matches "7 days" and "half an hour" matches "30 minutes".
_DURATION_UNITS: tuple[tuple[re.Pattern[str], str, int], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), unit, factor)
    for rx, unit, factor in (
        (r"min|分", "min", 1),
        (r"hour|hr|時間", "min", 60),
        (r"fortnight", "d", 14),
        (r"week|週", "d", 7),
        # a month is read as 30 days: "within a month" and "within 30 days" say the same
        (r"month|か月|ヶ月|カ月|ヵ月|ケ月", "d", 30),
        (r"year|年", "y", 1),
        (r"day|日", "d", 1),
    )
)


@dataclass(frozen=True)
class Figure:
    """A figure in a text: its kind, span, surface text and normalised values."""

    kind: str
    start: int
    end: int
    text: str
    numbers: frozenset[str]


# Patterns used per figure, compiled once here rather than looked up in ``re``'s cache.
_A_HUNDRED = re.compile(r"^an?\s+(?=hundred|thousand)")
_NUMERAL_JOIN = re.compile(r"\s+and\s+|-")
_A_COUPLE = re.compile(r"\ba\s+(?=couple|dozen)", re.IGNORECASE)
_CLOCK_IDIOM = re.compile(r"(half|quarter)\s+(past|to)\s+(\w+)")
_CLOCK_HOUR = re.compile(rf"(\d{{1,2}}|{_KANJI})(?:[:時](\d{{2}}|半)?)?")
_PM = re.compile(r"p\.?m|午後|夜|夕方")
_AM = re.compile(r"a\.?m|午前")
_RANGE_START = re.compile(r"from|between", re.IGNORECASE)
_RANGE_SEP = re.compile(r"\s+(?:to|and|till|until|-)\s+")


def normalise_number(raw: str) -> str:
    """Canonical string for a number: no thousands separators, no trailing zero decimals."""
    value = raw.replace(",", "")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    whole, dot, fraction = value.partition(".")
    # Leading zeros go from the whole part only: 0.5 stays "0.5", 007 is "7".
    return (whole.lstrip("0") or "0") + dot + fraction


def word_number(words: str) -> float | None:
    """The value of spelled-out English or Japanese numerals ("forty-nine", 二十四), or None."""
    text = words.strip().lower()
    if _KANJI_RX.fullmatch(text):
        try:
            return float(kanji2number(text))
        except ValueError:  # a unit with no count before it: 万 in 数万円 ("tens of thousands")
            return None
    text = _A_HUNDRED.sub("one ", text)
    text = _NUMERAL_JOIN.sub(" ", text)
    try:
        return float(text2num(text, "en"))
    except ValueError:
        return None


def _amounts(surface: str) -> list[float]:
    """Every amount in a figure's surface, in order (digits, words, kanji, "a", "half")."""
    values: list[float] = []
    half = False
    surface = _A_COUPLE.sub("", surface)
    for m in _AMOUNT.finditer(surface):
        token = m.group().lower()
        if token == "half":
            half = True
            continue
        if token in ("a", "an"):
            value: float | None = 0.5 if half else 1.0
        elif token == "couple":
            value = 2.0
        elif token[0].isdigit():
            value = float(token.replace(",", ""))
        else:
            value = word_number(token)
        if value is not None:
            values.append(value)
        half = False
    return values


def _ja_amounts(text: str) -> list[float]:
    """The value of each 万/億/兆 amount in ``text`` (3億2000万 -> 320000000)."""
    values = []
    for m in _JA_BIG_RX.finditer(text):
        try:
            values.append(ja_amount(m.group()))
        except ValueError:  # an odd order such as 万5億: no value claimed
            continue
    return values


_BIG_UNITS = {"兆": 10**12, "億": 10**8, "万": 10**4}
_JA_GROUP = re.compile(r"([^万億兆]*)([万億兆]?)")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def ja_amount(amount: str) -> float:
    """The value of a Japanese amount: 3億2000万 -> 320000000, 2.5億 -> 250000000, 1万5千 -> 15000.

    Each count before 兆/億/万 is digits (a decimal too) or numerals; the units must fall in
    order. Raises ValueError for what names no amount (万5億, 万 alone).
    """
    total = 0.0
    last_scale = 10**16
    for count, unit in _JA_GROUP.findall(amount.replace(",", "")):
        if not count and not unit:
            continue
        scale = _BIG_UNITS.get(unit, 1)
        if not count or scale >= last_scale:
            raise ValueError(f"no amount: {amount}")
        last_scale = scale
        total += (float(count) if _DECIMAL.fullmatch(count) else kanji2number(count)) * scale
    return total


def _fmt(value: float) -> str:
    return normalise_number(f"{value:.2f}")


def numbers_in(text: str) -> set[str]:
    """Every number in ``text`` (month names as month numbers, 万/億/兆 amounts expanded)."""
    folded = normalise_width(text)
    found = {normalise_number(n) for n in _NUMBER.findall(folded)}
    found.update(_fmt(v) for v in _ja_amounts(folded))
    for m in _MONTH_NAME.finditer(folded):
        found.update(_month_number(m.group()))
    return found


def _month_number(word: str) -> set[str]:
    prefix = word.lower().rstrip(".")[:3]
    return {str(i) for i, name in enumerate(_MONTHS, start=1) if name.startswith(prefix)}


def _clock(surface: str) -> set[str]:
    """Clock value of a time of day: 8 pm, 午後8時 and 20:00 are all 20:00."""
    low = surface.lower()
    idiom = _CLOCK_IDIOM.match(low)
    if idiom:
        hour = int(word_number(idiom[3]) or 0) if not idiom[3].isdigit() else int(idiom[3])
        minute = {"half": 30, "quarter": 15}[idiom[1]]
        if idiom[2] == "to":
            hour, minute = hour - 1, 60 - minute
        return {f"{hour}:{minute:02d}"}
    if "noon" in low or "正午" in surface:
        return {"12:00"}
    if "midnight" in low:
        return {"0:00"}
    m = _CLOCK_HOUR.search(surface)
    if m is None:
        return set()
    hour = int(word_number(m.group(1)) or 0) if not m.group(1).isdigit() else int(m.group(1))
    minute = 30 if m.group(2) == "半" else int(m.group(2) or 0)
    pm = _PM.search(low) is not None
    am = _AM.search(low) is not None
    if pm and hour < 12:
        hour += 12
    elif am and hour == 12:
        hour = 0
    return {f"{hour}:{minute:02d}"}


def _ordinal(word: str) -> int:
    """The day an ordinal in words names: "third" -> 3, "twenty-first" -> 21."""
    low = word.lower()
    tens = 20 if low.startswith("twenty") else 30 if low.startswith("thirty") else 0
    if low == "thirtieth":
        return 30
    last = re.split(r"[\s-]", low)[-1]
    return tens + _ORDINALS.index(last) + 1


def _duration(surface: str) -> set[str]:
    """Duration values: four more days -> 4d, a week -> 7d, 二十四時間 -> 1440min."""
    if surface == "半日":
        return {"0.5d"}
    for rx, unit, factor in _DURATION_UNITS:
        if rx.search(surface):
            return {f"{_fmt(v * factor)}{unit}" for v in _amounts(surface)}
    return set()


def _values(kind: str, surface: str) -> set[str]:
    if surface.startswith("数"):  # 数千円: an amount, but no value to ground
        return set()
    if kind == "availability":
        return {"24/7"}
    if kind == "time":
        if _RANGE_START.match(surface):
            ends = _RANGE_SEP.split(surface[surface.index(" ") + 1 :])
            return {v for end in ends for v in _clock(end)}
        return _clock(surface)
    if kind == "duration":
        return _duration(surface)
    if kind == "price" and (big := _ja_amounts(surface)):
        return {_fmt(v) for v in big}
    if kind == "date":
        return numbers_in(surface) | {
            str(_ordinal(m.group())) for m in _ORDINAL_RX.finditer(surface)
        }
    return {_fmt(v) for v in _amounts(surface)}


def find_figures(text: str) -> list[Figure]:
    """Return the figures of ``text`` in order, each with its normalised values."""
    return list(_figures(text))


@per_run  # the judge and two checks ask it of the same draft windows
def _figures(text: str) -> tuple[Figure, ...]:
    folded = normalise_width(text)
    out = []
    pos = 0
    while (anchor := _ANCHOR.search(folded, pos)) is not None:
        m = FIGURE.match(folded, anchor.start(), anchor.start() + LONGEST_FIGURE)
        if m is None or m.end() == m.start():
            pos = anchor.start() + 1
            continue
        pos = m.end()
        kind = m.lastgroup or "figure"
        surface = folded[m.start() : m.end()]
        values = frozenset(_values(kind, surface))
        out.append(Figure(kind, m.start(), m.end(), text[m.start() : m.end()], values))
    return tuple(out)

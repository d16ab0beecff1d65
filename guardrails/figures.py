"""Find figures (prices, percentages, dates, durations, quantities) and their numbers.

Works on English and Japanese text, full-width digits included; spans index the original
text because width folding keeps string length. Numbers are normalised ("2,099.00" ->
"2099", "1万5千円" -> "15000") so a figure can be compared with any source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.language import normalise_width

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_RANGE = rf"{_NUM}(?:\s*(?:-|–|—|~|〜|～|to|から)\s*{_NUM})?"
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_KINDS: tuple[tuple[str, str], ...] = (
    (
        "date",
        rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"
        r"|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{4}/\d{1,2}/\d{1,2}\b"
        r"|\b(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?:/\d{2,4})?\b"
        r"|(?:\d{4}年)?\d{1,2}月\d{1,2}日",
    ),
    (
        "price",
        rf"[$€£¥]\s?{_RANGE}|{_RANGE}\s?(?:usd|eur|gbp|jpy|dollars?|euros?|pounds?|yen)\b"
        r"|\d+万(?:\d+千|\d{1,4})?円|" + _RANGE + r"\s?円",
    ),
    ("percentage", rf"{_RANGE}\s?(?:%|percent\b|per\s+cent\b|パーセント)"),
    (
        "duration",
        rf"{_RANGE}[\s-]?(?:(?:business|working|calendar)[\s-])?"
        r"(?:days?|hours?|hrs?|weeks?|months?|years?|minutes?|mins?)\b"
        rf"|{_RANGE}\s?(?:営業日|日間|時間|週間|か月|ヶ月|カ月|ヵ月|ケ月|年間|分間?|日(?:以内|後|ほど|程度|前)?)",
    ),
    (
        "quantity",
        rf"{_RANGE}\s?(?:items?|units?|pieces?|pcs|licen[cs]es?|seats?|users?|boxes|"
        r"packs?|pairs?|copies|tickets?|devices?|accounts?|gb|mb|tb)\b"
        rf"|{_RANGE}\s?(?:個|台|点|枚|本|件|名|人|部|冊|回|箱|セット|ライセンス|アカウント)",
    ),
)
FIGURE = re.compile("|".join(f"(?P<{kind}>{rx})" for kind, rx in _KINDS), re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_MAN = re.compile(r"(\d+)万(?:(\d+)千|(\d{1,4}))?")
_MONTH_NAME = re.compile(_MONTH, re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """A figure in a text: its kind, span, surface text and normalised numbers."""

    kind: str
    start: int
    end: int
    text: str
    numbers: frozenset[str]


def normalise_number(raw: str) -> str:
    """Canonical string for a number: no thousands separators, no trailing zero decimals."""
    value = raw.replace(",", "")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value.lstrip("0") or "0"


def numbers_in(text: str) -> set[str]:
    """Every number in ``text`` (month names as month numbers, 万 expanded)."""
    folded = normalise_width(text)
    found = {normalise_number(n) for n in _NUMBER.findall(folded)}
    for m in _MAN.finditer(folded):
        rest = int(m.group(2) or 0) * 1000 + int(m.group(3) or 0)
        found.add(str(int(m.group(1)) * 10000 + rest))
    for m in _MONTH_NAME.finditer(folded):
        found.update(_month_number(m.group()))
    return found


def _month_number(word: str) -> set[str]:
    prefix = word.lower().rstrip(".")[:3]
    return {str(i) for i, name in enumerate(_MONTHS, start=1) if name.startswith(prefix)}


def find_figures(text: str) -> list[Figure]:
    """Return the figures of ``text`` in order, each with its normalised numbers."""
    folded = normalise_width(text)
    out = []
    for m in FIGURE.finditer(folded):
        kind = m.lastgroup or "figure"
        surface = folded[m.start() : m.end()]
        if kind == "price" and "万" in surface:
            numbers = numbers_in(surface) - {normalise_number(n) for n in _NUMBER.findall(surface)}
        else:
            numbers = numbers_in(surface)
        out.append(Figure(kind, m.start(), m.end(), text[m.start() : m.end()], frozenset(numbers)))
    return out

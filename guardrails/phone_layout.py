"""Whether a run of digit groups is written as a phone number, or as a count, date or time.

The normaliser joins digit groups split by spaced signs ("415 . 867 . 5309") so the phone
recognizer reads them; an ordinary figure split the same way ("128 . 357 . 317 users",
"2024 . 01 . 05 10 . 30") must not become a phone. :func:`phone_layout` says which is which:

* a date (year, month, day in either order) with an optional time after it is never a phone
  (the phone recognizer's own rule for dated runs);
* a phone word before the run ("call", "phone", ...) or a line label after it ("office",
  "mobile") makes it a phone, whatever its grouping (privacy first: a number the customer says
  is a phone is masked even in a layout no country uses);
* otherwise it is a phone unless it is a count: a figure followed by a unit noun ("317
  users", "600 items", "317人", "600件").

Whether a folded run is then masked is the phone recognizer's call (a number libphonenumber
finds valid, or a phone word): this only keeps a date, a time or a count from being read as
one phone-shaped run. The phone words are the recognizer's (one list for both).
"""

from __future__ import annotations

import re

__all__ = [
    "PHONE_CONTEXT",
    "PHONE_LABEL_AFTER",
    "PHONE_WORD",
    "has_phone_context",
    "phone_layout",
]

CONTEXT_WINDOW = 40  # characters before a value searched for a phone word
PHONE_CONTEXT = (
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cell",
    "call",
    "fax",
    "desk",
    "reach",
    "dial",
    "contact",
    "whatsapp",
    "sms",
    "text me",
    "answering",
    "landline",
    "ring",
)
PHONE_WORD = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in PHONE_CONTEXT) + r")", re.I)
PHONE_LABEL_AFTER = re.compile(
    r"^[ \t]*[-(,]?[ \t]*(?:office|fax|mobile|cell|home|work|desk|direct|tel|phone)\b", re.I
)

# A date, year first or day/month first, then an optional time (hours, minutes, seconds).
_DATE_TIME = re.compile(
    r"^(?:(?:19|20)\d\d (?:0?[1-9]|1[0-2]) (?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01]) (?:0?[1-9]|1[0-2]) (?:19|20)\d\d)"
    r"(?: (?:[01]?\d|2[0-3]) [0-5]\d(?: [0-5]\d)?)?$"
)
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z]+)")
# Parts of the day and of the week in the plural say when to call ("415 . 867 . 5309
# evenings"), not what a figure counts: a closed class, no unit.
_WHEN = frozenset("mornings afternoons evenings nights weekdays weekends".split())


def has_phone_context(text: str, start: int, end: int) -> bool:
    """A phone word in the 40 characters before ``text[start:end]``, or a line label after."""
    before = text[max(0, start - CONTEXT_WINDOW) : start]
    return bool(PHONE_WORD.search(before)) or bool(PHONE_LABEL_AFTER.match(text[end : end + 16]))


def phone_layout(text: str, start: int, end: int, value: str) -> bool:
    """Whether ``value``, the run ``text[start:end]`` as folded, is written as a phone number.

    ``value`` has the run's separators made single spaces (see the module docstring).
    """
    if _DATE_TIME.match(" ".join(re.findall(r"\d+", value))):
        return False
    if has_phone_context(text, start, end):
        return True
    return not _count_of_units(text, end)


def _count_of_units(text: str, end: int) -> bool:
    """A unit noun follows the figure: "317 users" (a plural noun), "317人", "600件"."""
    word = _NEXT_WORD.match(text, end)
    if word:
        from guardrails.text.word_class import is_plural_noun  # its lexicon loads lazily

        noun = word.group(1)
        # Nor is a phone word ("415 . 867 . 5309 calls only").
        return noun.lower() not in _WHEN and not PHONE_WORD.match(noun) and is_plural_noun(noun)
    if end < len(text) and "\u3040" <= text[end] <= "\u9fff":
        from guardrails.japanese import counter_at  # Sudachi loads only for Japanese figures

        return counter_at(text, end) is not None
    return False

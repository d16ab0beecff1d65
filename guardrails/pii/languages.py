"""Which languages' recognizers read a text, and what of a text the English name reader sees.

A caller passes the language of its context (the thread's, the draft's), but a text may be in
another, or in two: a Japanese customer's message in a thread answered in English, an English
one in a thread answered in Japanese, a Japanese address quoted in an English sentence, or a
US phone number, an SSN or an English-named colleague inside a Japanese sentence. Read only
with one language, the other's values are found by no recognizer and stay in the clear
wherever the text is kept.

So the caller's language is a hint: it is read first, and the other language is added when
the text has what that language's recognizers read: a Japanese character (or 〒) for the
Japanese ones; a Latin letter or a digit for the English ones (names, US phones and SSNs,
whose patterns and checks hold in any script). An ASCII text never costs the Japanese reading.

The English recognizers that read Latin values by word boundaries (names, spaCy's PERSON,
phones, SSNs, IPs, street addresses) read :func:`latin_view`: the text with its Japanese
stretches, and a label's colon glued to its value, blanked, so each Latin stretch stands
alone as in an English text (a kana is a word character to a regex, and "電話：415-..." folds
to a colon no phone pattern starts after). Whether a number touches Japanese
(:func:`in_japanese_context`) is the phone reader's one Japanese-specific test: only there is
it held to North American numbers; an English sentence beside Japanese is read as English.
"""

from __future__ import annotations

import re

from guardrails.language import JAPANESE, KANA, KANJI, detect_language
from guardrails.run_memo import per_run

LANGUAGES = ("en", "ja")

# What the English recognizers read: a Latin letter or an ASCII digit (the text arrives
# folded: other digit scripts and full-width letters are ASCII by then).
_ENGLISH_MATERIAL = re.compile(r"[A-Za-z0-9]")


def reading_languages(text: str, hint: str | None) -> tuple[str, ...]:
    """The languages whose recognizers read ``text``: ``hint`` (or the detected one) first.

    Japanese recognizers read any text with a Japanese character (an English sentence quoting
    "東京都千代田区..." has no kana and is detected as English); English ones read any text
    with a Latin letter or a digit ("My SSN is 536-22-1849, 東京より" is detected as
    Japanese), and any text with no Japanese character. Without a valid ``hint`` the
    detected language comes first.
    """
    first = hint if hint in LANGUAGES else detect_language(text)
    if first == "en":
        return ("en", "ja") if has_japanese(text) else ("en",)
    if not has_japanese(text) or _ENGLISH_MATERIAL.search(text):
        return ("ja", "en")
    return ("ja",)


# Signs only Japanese text uses that are neither kana nor kanji: the postal mark opens a
# Japanese postal code ("〒100-0001 03-1234-5678" has no other Japanese character).
_JAPANESE_SIGNS = ("〒",)


def has_japanese(text: str) -> bool:
    """Whether ``text`` has a kana, a kanji or a sign only Japanese uses (〒)."""
    # str.isascii is a C loop over the buffer: no regex scan for the common English text.
    if text.isascii():
        return False
    return JAPANESE.search(text) is not None or any(sign in text for sign in _JAPANESE_SIGNS)


# A Japanese character, or a Japanese sign or bracket (CJK symbols and punctuation, U+3000 to
# U+303F: 、「」【】〒 ...). The full stop is kept as a sentence end (a line end).
_JAPANESE_STRETCH = re.compile(f"[{KANA}{KANJI}\u3000-\u3001\u3003-\u303f]+")
_JAPANESE_STOP = "\u3002"
# What a Japanese character becomes: no letter, digit or space, so no Latin run reads across
# it ("Standard から Basic" is two words, not a two-word name), and no sign a recognizer reads
# as a boundary of its own (no stop, comma, dash, slash or dot).
_BREAK = "|"
JAPANESE_BLANK = _BREAK  # for readers of the view: Japanese text stood here
# A label's colon, with no space after it: after a Japanese word (電話：, 住所：, NFKC-folded
# to ":") or after a Latin label word (Tel:, TEL:) right before a number, a "+" or a bracket.
# Recognizers refuse a value glued to a colon on purpose (times 10:30, IPv6 groups, ratios),
# so the label's colon is blanked like a Japanese character: a boundary, as a space after it
# would be. A Latin label is a word of letters, one of them no hex digit ("Tel", not the
# IPv6 group "cafe:1"), standing alone (not "a:b:1" nor "http://host:8080"'s "host").
_LABEL_COLON = re.compile(
    f"(?<=[{KANA}{KANJI}\u3000-\u303f]):"
    r"|(?<![\w:./@-])(?=[A-Za-z]*[G-Zg-z])(?P<label>[A-Za-z]+):(?=[\d+(])"
)


def _blank_colon(match: re.Match[str]) -> str:
    return (match.group("label") or "") + _BREAK


@per_run
def latin_view(text: str) -> str:
    """``text`` with every Japanese character blanked ("|"; 。 as a line end); same length.

    Offsets are kept, so a span found in the view is the text's. In the view a Latin stretch
    stands alone, as in an English text: "Apple Storeで購入" reads "Apple Store" (a store, by
    the name reader's own organisation words), not "Apple Store" run into a particle; a
    capital after 。 opens a sentence (a line end: a "." would glue it to the word before, as
    in "e.g.Quaile"). A label's colon glued to its value ("電話：415-555-0132",
    "Tel:415.555.0132") is blanked too. A text with neither is returned as is.

    Every recognizer that reads Latin values in any text reads this view (memoised for the
    run: five of them ask for it).
    """
    if ":" in text:
        text = _LABEL_COLON.sub(_blank_colon, text)
    if not has_japanese(text):
        return text
    view = _JAPANESE_STRETCH.sub(lambda m: _BREAK * len(m.group()), text)
    return view.replace(_JAPANESE_STOP, "\n")


# What may stand between a value and the Japanese word it belongs to: spaces and a label's
# colon ("電話番号 4155550132", "会員番号:128 357 317").
_SPACING = " \t\u3000:"
_JAPANESE_CHAR = re.compile(f"[{KANA}{KANJI}\u3000-\u303f〒]")


def in_japanese_context(text: str, start: int, end: int) -> bool:
    """Whether the value ``text[start:end]`` touches Japanese, past spaces and a colon.

    Touching means the nearest character before or after it, past spaces and a label's
    colon, is a Japanese character or sign: "128 357 317人" and "番号 4155550132" are in
    Japanese context; "07700 900123, 住所は..." and "Call 030 12345678 (Berlin office).
    東京より" are not (a comma, a bracket or a word of English between): an English sentence
    next to a Japanese one is read as English.
    """
    before = start - 1
    while before >= 0 and text[before] in _SPACING:  # a few characters, not a slice of text
        before -= 1
    after = end
    while after < len(text) and text[after] in _SPACING:
        after += 1
    return bool(
        (before >= 0 and _JAPANESE_CHAR.match(text, before))
        or (after < len(text) and _JAPANESE_CHAR.match(text, after))
    )

"""Which languages' recognizers read a text: the language it is in, whatever the caller says.

A caller passes the language of its context (the thread's, the draft's), but a text may be in
another: a Japanese customer's message in a thread answered in English, an English one in a
thread answered in Japanese, or a Japanese address quoted in an English sentence. Read only
with the caller's language, a Japanese address, postal code or name (or an English name, SSN
or US phone number) is found by no recognizer and stays in the clear wherever the text is kept.

So the caller's language is a hint: it is read first, and the text's own languages are added
when they differ. The common case (a text in the caller's language) costs one cheap test: an
ASCII text holds no Japanese, and a text with a Japanese character first is Japanese enough.
"""

from __future__ import annotations

from guardrails.language import JAPANESE, detect_language

LANGUAGES = ("en", "ja")


def reading_languages(text: str, hint: str | None) -> tuple[str, ...]:
    """The languages whose recognizers read ``text``: ``hint`` (or the detected one) first.

    Japanese recognizers read any text with a Japanese character (an English sentence quoting
    "東京都千代田区..." has no kana and is detected as English); English ones read a text
    detected as English. Without a valid ``hint`` the detected language comes first.
    """
    if hint not in LANGUAGES:
        first = detect_language(text)
        others = ["ja"] if first == "en" and _has_japanese(text) else []
    elif hint == "en":
        first, others = "en", (["ja"] if _has_japanese(text) else [])
    else:  # a text with no Japanese character is never Japanese; else detection decides
        first, others = hint, (["en"] if _english(text) else [])
    return (first, *others)


# Signs only Japanese text uses that are neither kana nor kanji: the postal mark opens a
# Japanese postal code ("〒100-0001 03-1234-5678" has no other Japanese character).
_JAPANESE_SIGNS = ("〒",)


def _has_japanese(text: str) -> bool:
    # str.isascii is a C loop over the buffer: no regex scan for the common English text.
    if text.isascii():
        return False
    return JAPANESE.search(text) is not None or any(sign in text for sign in _JAPANESE_SIGNS)


def _english(text: str) -> bool:
    return text.isascii() or detect_language(text) == "en"

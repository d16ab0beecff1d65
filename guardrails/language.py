"""Language detection, Japanese character classes and width folding (guardrails, pipeline)."""

from __future__ import annotations

import re
import unicodedata

# Japanese script as regex class bodies: the one source for every check that asks "is this
# kana / kanji?" (compose them: ``f"[{KANA}{KANJI}]"``). The katakana block holds the
# prolonged sound mark ー and the middle dot ・. Half-width katakana are kana in raw text (not
# every caller folds widths first). 々 repeats the kanji before it (人々), so it is a kanji;
# so are the CJK extension blocks (𠮷 in 𠮷野家) and the compatibility ideographs that NFKC
# keeps as they are (﨑 in 山﨑).
HIRAGANA = "\u3040-\u309f"
KATAKANA = "\u30a0-\u30ff"
HALF_WIDTH_KATAKANA = "\uff66-\uff9f"
# Katakana letters and ー, for katakana words (no ゠, ・ or iteration marks): ァ-ヺ, ー.
KATAKANA_LETTERS = "\u30a1-\u30fa\u30fc"
KANA = HIRAGANA + KATAKANA + HALF_WIDTH_KATAKANA
KANJI = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# One Japanese character (kana or kanji): ``JAPANESE.search(text)`` asks whether text has any.
JAPANESE = re.compile(f"[{KANA}{KANJI}]")

_KANA = re.compile(f"[{KANA}]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """Return ``"ja"`` or ``"en"`` for ``text`` (script-based; ``"en"`` for Latin or empty).

    Kana are decisive for Japanese, so a message is Japanese when its letters are mostly CJK
    and it has any kana. Kanji with no kana and no Latin letter (領収書, 山田太郎 東京都) could be
    Chinese, but of the languages served it is Japanese, never English: read as English, its
    names would go to the English recognizers and be missed.
    """
    cjk = len(JAPANESE.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk and _KANA.search(text) and cjk >= 0.3 * (cjk + latin):
        return "ja"
    if cjk and not latin:
        return "ja"
    return "en"


class _WidthFold(dict[int, str]):
    """``str.translate`` table folding each character by NFKC, filled on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        # Only one-to-one folds: a length change would shift every span after it.
        value = folded if len(folded) == 1 else char
        self[code] = value
        return value


_WIDTH_FOLD = _WidthFold()


def normalise_width(text: str) -> str:
    """Fold full-width digits/letters and half-width kana (NFKC), keeping string length stable.

    NFKC can change lengths (e.g. ligatures), so it is applied per character and only
    where the result is a single character, keeping spans valid in the original text.
    """
    if text.isascii():
        return text
    return text.translate(_WIDTH_FOLD)


def fold_text(text: str) -> str:
    """``text`` width- and case-folded, each whitespace run one space: for "is X in Y".

    The PII guardrails and ``commitment`` test whether a value or a sentence occurs in the
    thread or KB; folding both sides the same way is what makes that test agree.
    """
    return " ".join(normalise_width(text).casefold().split())

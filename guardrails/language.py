"""Language detection and text normalisation shared by guardrails and the pipeline."""

from __future__ import annotations

import re
import unicodedata

_KANA = re.compile(r"[\u3040-\u30ff]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """Return ``"ja"`` or ``"en"`` for ``text`` (script-based; ``"en"`` for Latin or empty).

    Kana are decisive for Japanese (kanji alone could be Chinese, which we do not serve yet),
    so a message is Japanese when its letters are mostly CJK and it has any kana.
    """
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk and _KANA.search(text) and cjk >= 0.3 * (cjk + latin):
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

"""Text folding for the injection check: NFKC, no format characters, lower case.

A stand-in for the shared normaliser (issue 9, item 1): once ``guardrails/normalise.py`` exists,
``fold`` should call it, so the injection check and the PII detectors fold text one way.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    r"""``text`` NFKC-normalised, with Unicode format characters (Cf) removed, lower-cased.

    Zero-width spaces, joiners, bidi controls and soft hyphens are dropped so that
    ``ig\\u200bnore`` reads as ``ignore``; NFKC turns full-width Latin (``ＡＩ``) into ASCII.
    """
    normalised = unicodedata.normalize("NFKC", text)
    if normalised.isascii():
        return normalised.lower()
    kept = "".join(ch for ch in normalised if unicodedata.category(ch) != "Cf")
    return kept.lower()

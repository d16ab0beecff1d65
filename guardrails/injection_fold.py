"""Text folding for the injection check: the shared normaliser, then lower case.

Through ``guardrails.normalise`` the injection check folds text exactly as the PII detectors
do: NFKC, no format characters (zero-width, joiners, bidi controls, soft hyphens), confusables
(a Cyrillic "і" in "іgnore") and other digit scripts.
"""

from __future__ import annotations

from guardrails.normalise import normalise


def fold(text: str) -> str:
    r"""``text`` normalised by :func:`guardrails.normalise.normalise`, lower-cased.

    ``ig\u200bnore`` reads as ``ignore``; full-width ``ＡＩ`` as ``ai``.
    """
    return normalise(text).text.lower()

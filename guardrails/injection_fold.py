"""Text folding for the injection check: the shared normaliser, then lower case.

Through ``guardrails.normalise`` the injection check folds text exactly as the PII detectors
do: NFKC, no format characters (zero-width, joiners, bidi controls, soft hyphens), confusables
(a Cyrillic "і" in "іgnore") and other digit scripts.
"""

from __future__ import annotations

from guardrails.normalise import normalise
from guardrails.run_memo import per_run
from guardrails.span_steps import Segments, SpanStep, Unchanged


@per_run  # the pattern check, the structure check and the classifier fold the same texts
def fold(text: str) -> str:
    r"""``text`` normalised by :func:`guardrails.normalise.normalise`, lower-cased.

    ``ig\u200bnore`` reads as ``ignore``; full-width ``ＡＩ`` as ``ai``. The text of
    :func:`fold_traced`, without building the way back.
    """
    return normalise(text).text.lower()


def fold_traced(text: str) -> tuple[str, tuple[SpanStep, SpanStep]]:
    """:func:`fold` of ``text`` and its steps back to ``text`` (normalising, lower-casing).

    :func:`fold` is this function's text, so the way back is the fold's own.
    """
    normalised = normalise(text)
    lowered = normalised.text.lower()
    return lowered, (normalised, _lower_step(normalised.text, lowered))


def _lower_step(text: str, lowered: str) -> SpanStep:
    """The step of ``lowered = text.lower()`` (a letter such as "İ" lowers to two characters)."""
    if len(lowered) == len(text):
        return Unchanged()  # no character changed length
    step = Segments(len(text))
    run = 0  # start of the current run of characters that lower to one
    for i, char in enumerate(text):
        width = len(char.lower())
        if width != 1:
            step.copy(run, i)
            step.substitute(width, i, i + 1)
            run = i + 1
    step.copy(run, len(text))
    return step

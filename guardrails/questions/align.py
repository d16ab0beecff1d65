"""Answer alignment: the one ask a reply seems to skip, answered by the sentence left over.

A support lead reads a reply to "Can we bring our own caterer? Also, is there a curfew?" as
answering the asks in turn: "You can, as long as they're insured. Guests need to be off site
by midnight." The first sentence settles the first ask; the second is about the curfew
though it shares no word with it. Word overlap alone leaves the second ask ``missing``.

This module assigns by elimination and order: when every other ask of the turn is dealt with
by its own reply sentences and exactly one ask is left ``missing``, a substantive sentence
that no ask holds yet, placed where the customer's order of asks puts that ask's answer
(after the answers to the asks before it, before the answers to the asks after it), answers
it. It is guarded so that a reply which truly skips an ask is still caught:

* the turn has two asks or more, and only one is missing (two missing asks cannot be told
  apart, and a single ask has no others to eliminate);
* the sentence is substantive: not a greeting, thanks, apology, closing offer, sign-off,
  question or deferral;
* it continues no other ask's answer (it shares no word with another ask that it does not
  share with this one);
* the body ends at the sign-off: the signature under it ("Sam") answers nothing;
* when the ask wants a fact of a given form (a time, a price, a place, steps), the sentence
  supplies that form ("How long would it take?" is not answered by "Bring them in"), and
  steps answer only an ask for steps (elsewhere they carry on the answer before them);
* a yes/no ask is not answered by a sentence that says neither yes nor no to it
  (``says_neither``: "Is breakfast included?" by "Breakfast is served from 7 to 10").

A turn's only ask has no others to eliminate; its answer's place is the opening of the body,
so ``align_sole`` reads the first substantive sentence as its answer when that sentence gives
the form of fact the ask wants and names some of its topic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from guardrails.base import QuestionAssessment, Span
from guardrails.questions.answer_types import asked_types, is_polar, linked_types, says_neither
from guardrails.sentences import Sentence, is_closing_line

# Lines that carry no answer, whatever else they hold: greetings, thanks and closing
# pleasantries ("Hi Anna,", "Hope this helps!", 「お問い合わせありがとうございます」).
_FILLER = re.compile(
    r"^\W*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings)\b|"
    r"\b(?:thank\s+you|thanks)\s+for\b|\bhope\s+(?:this|that|it)\s+helps\b|"
    r"\b(?:have|enjoy)\s+a\s+(?:\w+\s+)?(?:day|weekend|evening|trip|stay)\b|"
    r"\bglad\s+to\s+help\b|\blet\s+(?:me|us)\s+know\s+if\b|"
    r"ありがとうございま|よろしくお願い|宜しくお願い|お問い?合わせいただ|何卒|"
    r"(?:ご不明|ご質問)[^。]*(?:ございましたら|ありましたら|あれば)",
    re.IGNORECASE,
)


def _filler(text: str) -> bool:
    """True for a sentence that answers nothing: a greeting, a thanks, a sign-off."""
    return bool(_FILLER.search(text))


# Steps or an instruction ("Apply at the front desk", "Please try again tomorrow") carry on
# the answer before them (how to do what was just allowed) unless the ask itself wants steps.
_STEPS = "@procedure"


def _too_short(text: str) -> bool:
    """True for a line too short to answer anything: a signature name ("Sam"), a label.

    Spaced text needs three words; unspaced (Japanese) text eight characters.
    """
    words = text.split()
    return len(words) < 3 if len(words) > 1 else len(text) < 8


def _typed_fit(ask: str, text: str, terms: Callable[[str], set[str]]) -> bool:
    """True when the sentence gives the form of fact the ask wants, or the ask wants none.

    A sentence of steps fits only an ask that wants steps; a value (a time, a price) counts
    only in a clause about the ask ("our finance team, who work 9 to 5" gives no time of a
    refund; see ``linked_types``).
    """
    topic = terms(ask)
    wanted = asked_types(ask)
    given = linked_types(ask, text, lambda clause: bool(terms(clause) & topic))
    if _STEPS in given and _STEPS not in wanted:
        return False
    # a yes/no ask wants a yes or a no: "Breakfast is served from 7" is none, and neither is a
    # plan of ours on something else ("Our staff will help the children get ready" to "do the
    # kids need bowling shoes?"): only its place ties this sentence to the ask
    if is_polar(ask) and says_neither(ask, text, terms(text), plans=False):
        return False
    return not wanted or bool(wanted & given)


def _body(candidates: Sequence[Sentence | None]) -> Iterator[Sentence]:
    """The candidate sentences of the reply's body, up to its sign-off.

    A sign-off ends the body: after it comes the signature ("Sam"), no answer.
    """
    for sentence in candidates:
        if sentence is not None and is_closing_line(sentence.text):
            return
        if sentence is not None:
            yield sentence


def _substantive(text: str, idle: Callable[[str], bool], terms: Callable[[str], set[str]]) -> bool:
    """True for a sentence that can answer something: content words, not filler or idle."""
    return bool(terms(text)) and not (_too_short(text) or _filler(text) or idle(text))


def _answered(ask: QuestionAssessment, sentence: Sentence) -> QuestionAssessment:
    return ask.model_copy(
        update={"status": "answered", "answer_span": Span(start=sentence.start, end=sentence.end)}
    )


def _held(
    assessment: QuestionAssessment,
    candidates: Sequence[Sentence | None],
    terms: Callable[[str], set[str]],
) -> list[tuple[int, int]]:
    """The reply sentences an answered ask holds: those of its span that name its words.

    The judge scores pairs of adjacent sentences too, so an ask's span may take in the next
    sentence: "Saturday delivery is fine, between 9 and 1. There's a box at checkout for your
    note" answers "Can you deliver on Saturday?" by its first sentence; the second, naming
    none of that ask's words, is left for the turn's other ask. A span whose sentences name
    none of its ask's words is held whole.
    """
    span = assessment.answer_span
    if span is None:
        return []
    inside = [
        s for s in candidates if s is not None and span.start <= s.start and s.end <= span.end
    ]
    if len(inside) < 2:
        return [(span.start, span.end)]
    own = terms(assessment.text)
    naming = [(s.start, s.end) for s in inside if terms(s.text) & own]
    return naming or [(span.start, span.end)]


def align_left_over(
    assessments: list[QuestionAssessment],
    candidates: Sequence[Sentence | None],
    *,
    idle: Callable[[str], bool],
    terms: Callable[[str], set[str]],
) -> list[QuestionAssessment]:
    """The assessments with the turn's one missing ask answered by its left-over sentence.

    ``candidates`` are the reply's answer candidates (``None`` for an echo of an ask);
    ``idle`` tells a sentence that says nothing to answer with (an apology alone, a
    deferral); ``terms`` gives a text's content terms. Unchanged unless
    exactly one ask is missing and every other ask holds a span of the reply.
    """
    missing = [i for i, a in enumerate(assessments) if a.status == "missing"]
    if len(assessments) < 2 or len(missing) != 1:
        return assessments
    others = [a for i, a in enumerate(assessments) if i != missing[0]]
    if any(a.answer_span is None for a in others):
        return assessments
    index = missing[0]
    ask = assessments[index]
    spans = [_held(a, candidates, terms) for a in assessments]
    held = [span for i, own in enumerate(spans) if i != index for span in own]
    # A reply answers in the order asked, so the skipped ask's answer lies after the spans of
    # the asks before it and before the spans of the asks after it: a sentence elsewhere
    # belongs to another ask's answer.
    after = max((e for own in spans[:index] for _, e in own), default=0)
    before = min((b for own in spans[index + 1 :] for b, _ in own), default=10**9)
    ask_terms = terms(ask.text)
    other_terms = set().union(*(terms(a.text) for a in others))
    for sentence in _body(candidates):
        if sentence.start < after or sentence.end > before:
            continue
        if any(s < sentence.end and sentence.start < e for s, e in held):
            continue
        text = sentence.text.strip()
        if not _substantive(text, idle, terms):
            continue
        # A sentence on another ask's words continues that ask's answer.
        if (terms(text) & other_terms) - ask_terms or not _typed_fit(ask.text, text, terms):
            continue
        return [_answered(ask, sentence) if i == index else a for i, a in enumerate(assessments)]
    return assessments


def align_sole(
    assessments: list[QuestionAssessment],
    candidates: Sequence[Sentence | None],
    *,
    idle: Callable[[str], bool],
    terms: Callable[[str], set[str]],
) -> list[QuestionAssessment]:
    """The turn's only ask, missing, answered by the reply's opening sentence of its form.

    With one ask, the answer's place is the start of the reply's body: "How do I book a
    tasting?" met first by "Open the app, tap Events > Tastings and choose a date" is
    answered though most of the ask's words are not said. Only an ask that wants a form of
    fact (steps, a time, a price, a place) is read so, and only when the first substantive
    sentence gives that form and names some of the ask's topic: a yes/no ask or a reply that
    opens on something else stays as the judge left it.
    """
    if len(assessments) != 1 or assessments[0].status != "missing":
        return assessments
    ask = assessments[0]
    if not asked_types(ask.text):
        return assessments
    for sentence in _body(candidates):
        text = sentence.text.strip()
        if not _substantive(text, idle, terms):
            continue
        if _typed_fit(ask.text, text, terms) and terms(text) & terms(ask.text):
            return [_answered(ask, sentence)]
        return assessments
    return assessments

"""Extract the questions the customer asked in their latest turn (English and Japanese).

A sentence is a question when it ends like one (?, ？, か。, でしょうか, ますか) or asks for
information or action ("please tell me whether", "I'd like to know", 教えてください,
していただけますか). One sentence may hold several questions ("whether you ship to Canada,
and how long delivery takes"); pleasantries ("Hi Sam, how are you?") and outbursts of anger
("Are you kidding me?", 「いい加減にしてください。」, 「詐欺ですか。」) are not questions to answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from guardrails.context import GuardrailContext
from guardrails.injection import INJECTION
from guardrails.language import normalise_width
from guardrails.questions.patterns import (
    EN_REQUEST,
    EN_SPLIT,
    INTRO,
    JA_QUESTION_END,
    JA_REQUEST,
    JA_SPLIT,
    LIST_MARKER,
    OUTBURST,
    PLEASANTRY,
    QUOTED_LINE,
    SIGNATURE_START,
    VAGUE_REQUEST,
)
from guardrails.sentences import flatten, split_sentences
from guardrails.terms import content_terms

# Fewer words than this on one side of a conjunction and it is not a question of its own.
_MIN_CLAUSE_CHARS_EN = 12
_MIN_CLAUSE_CHARS_JA = 6


@dataclass(frozen=True)
class Question:
    """A question the customer asked, with its id (q1, q2, ... in order)."""

    id: str
    text: str


def _is_question(sentence: str) -> bool:
    folded = normalise_width(sentence)
    # Pleasantries, outbursts of anger, announcements of questions to come, and instructions
    # aimed at the assistant (reported by prompt_injection) are not questions to answer.
    if PLEASANTRY.search(folded) or OUTBURST.search(folded) or INJECTION.search(folded):
        return False
    if INTRO.search(folded) and not content_terms(INTRO.sub("", folded)):
        return False
    if folded.rstrip().endswith("?"):
        return True
    return bool(
        EN_REQUEST.search(folded) or JA_QUESTION_END.search(folded) or JA_REQUEST.search(folded)
    )


def _split_compound(sentence: str) -> list[str]:
    """Split "A, and how B?" / "Aか、また Bか" into separate questions."""
    parts = [sentence]
    for pattern, minimum in ((EN_SPLIT, _MIN_CLAUSE_CHARS_EN), (JA_SPLIT, _MIN_CLAUSE_CHARS_JA)):
        next_parts: list[str] = []
        for part in parts:
            matches = list(pattern.finditer(part))
            starts = [0] + [m.end() for m in matches]
            ends = [m.start() for m in matches] + [len(part)]
            pieces = [part[a:b] for a, b in zip(starts, ends, strict=True)]
            if all(len(p.strip()) >= minimum for p in pieces):
                next_parts.extend(p.strip(" ,、") for p in pieces)
            else:
                next_parts.append(part)
        parts = next_parts
    return [p for p in parts if p]


def _clean_body(body: str) -> str:
    """Drop quoted history and a trailing signature the pipeline may have missed."""
    kept = []
    for line in body.split("\n"):
        if SIGNATURE_START.match(line):
            break
        if not QUOTED_LINE.match(line):
            kept.append(line)
    return "\n".join(kept)


def _questions_in(body: str) -> list[str]:
    sentences = [LIST_MARKER.sub("", flatten(s.text)) for s in split_sentences(_clean_body(body))]
    found: list[str] = []
    for i, sentence in enumerate(sentences):
        if not _is_question(sentence):
            continue
        if VAGUE_REQUEST.match(normalise_width(sentence)) and i > 0:
            # "Please advise." says nothing alone: the question is the sentence before.
            sentence = f"{sentences[i - 1]} {sentence}"
        found.extend(_split_compound(sentence))
    return found


def extract_questions(ctx: GuardrailContext) -> list[Question]:
    """Return the questions of the latest customer turn, in the order asked."""
    found = [q for message in ctx.latest_customer_turn for q in _questions_in(message.body)]
    return [Question(id=f"q{i}", text=text) for i, text in enumerate(found, start=1)]

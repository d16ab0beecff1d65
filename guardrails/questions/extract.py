"""Extract the questions the customer asked in their latest turn (English and Japanese).

Baseline extractor: sentences ending in a question mark or a Japanese interrogative ending,
plus explicit requests for information. The questions issue refines the patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.context import GuardrailContext

_SENTENCE_END = re.compile(r"(?<=[?？。！!])\s*|\n{2,}|(?<=[.])\s+(?=[A-Z])")
_JA_QUESTION_END = re.compile(r"(か|でしょうか|ますか|ですか|ください|いただけますか|知りたいです)[。？?]?$")
_EN_REQUEST = re.compile(
    r"^(please\s+(tell|let|advise|confirm|explain|send)|i'?d like to know|i would like to know|"
    r"can you|could you|would you|let me know)\b",
    re.IGNORECASE,
)
_PLEASANTRY = re.compile(r"^(how are you|how's it going|hope you are well)", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    """A question the customer asked, with its id (q1, q2, ... in order)."""

    id: str
    text: str


def _sentences(text: str) -> list[str]:
    flat = re.sub(r"[ \t]*\n[ \t]*(?=\S)", " ", text)
    return [s.strip() for s in _SENTENCE_END.split(flat) if s and s.strip()]


def _is_question(sentence: str) -> bool:
    if _PLEASANTRY.match(sentence):
        return False
    if sentence.endswith(("?", "？")):
        return True
    return bool(_JA_QUESTION_END.search(sentence) or _EN_REQUEST.match(sentence))


def extract_questions(ctx: GuardrailContext) -> list[Question]:
    """Return the questions of the latest customer turn, in the order asked."""
    texts = [m.body for m in ctx.latest_customer_turn]
    found = [s for text in texts for s in _sentences(text) if _is_question(s)]
    return [Question(id=f"q{i}", text=text) for i, text in enumerate(found, start=1)]

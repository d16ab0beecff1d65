"""``prompt_echo`` (block): the draft repeats the prompt instead of answering it.

Small or badly templated models often echo what they were given: the prompt's data tags
(``<customer_thread>``, ``<article id=...>``), its instruction sentences ("Write the reply draft
now."), or the fenced customer thread itself. Such a draft must never be sent.

The instruction sentences are read from the shipped templates in ``prompts/`` (the one source
of the prompt's wording), so a template edit needs no change here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext

# The drafting prompt's data fences; ``service.pipeline.prompting`` neutralises them in data.
PROMPT_TAGS: tuple[str, ...] = (
    "customer_thread",
    "message",
    "article",
    "voice_guide",
    "saved_reply",
)
PROMPT_TAG = re.compile(rf"</?\s*(?:{'|'.join(PROMPT_TAGS)})\b[^>\n]{{0,200}}>", re.IGNORECASE)

_JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.DOTALL)
_SENTENCE_BREAK = re.compile(r"[.!?:;\n「」\"()]+")
_MIN_INSTRUCTION_WORDS = 5  # shorter fragments ("This is a chat") occur in real replies
_SPACED_RUN_WORDS = 20  # a verbatim run this long from the customer's messages is an echo
_CJK_RUN_CHARS = 50  # the same for Japanese, which has no spaces between words


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


@lru_cache(maxsize=1)
def instruction_fragments() -> tuple[str, ...]:
    """Literal sentences of the shipped prompt templates, normalised, long enough to be telling."""
    fragments: set[str] = set()
    for entry in resources.files("prompts").iterdir():
        if not entry.name.endswith(".j2"):
            continue
        literal = _JINJA.sub("\n", entry.read_text(encoding="utf-8"))
        literal = PROMPT_TAG.sub("\n", literal)
        for piece in _SENTENCE_BREAK.split(literal):
            normal = _normalise(piece)
            if len(normal.split()) >= _MIN_INSTRUCTION_WORDS:
                fragments.add(normal)
    return tuple(sorted(fragments))


def _shingles(text: str, cjk: bool) -> set[str]:
    if cjk:
        dense = "".join(text.split())
        size = _CJK_RUN_CHARS
        return {dense[i : i + size] for i in range(max(0, len(dense) - size + 1))}
    words = _normalise(text).split()
    size = _SPACED_RUN_WORDS
    return {" ".join(words[i : i + size]) for i in range(max(0, len(words) - size + 1))}


class PromptEcho(GuardrailBase):
    """Flags prompt tags, prompt instructions or long verbatim customer text in the draft."""

    code: ClassVar[FlagCode] = "prompt_echo"
    severity: ClassVar[Severity] = "block"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one block finding per kind of echo found."""
        findings: list[Finding] = []
        tag = PROMPT_TAG.search(draft)
        if tag:
            findings.append(
                self.finding(
                    "The draft repeats the prompt's data tags; the model echoed its input.",
                    span=Span(start=tag.start(), end=tag.end()),
                    evidence=tag.group(),
                )
            )
        normal = _normalise(draft)
        echoed = [f for f in instruction_fragments() if f in normal]
        if echoed:
            findings.append(
                self.finding(
                    "The draft repeats the prompt's instructions instead of answering them.",
                    evidence=echoed[0],
                )
            )
        if self._copies_customer_text(draft, ctx):
            findings.append(
                self.finding(
                    "The draft copies a long passage of the customer's message verbatim; "
                    "the model may have echoed its input.",
                )
            )
        return findings

    @staticmethod
    def _copies_customer_text(draft: str, ctx: GuardrailContext) -> bool:
        cjk = ctx.customer_language in ("ja", "zh")
        drafted = _shingles(draft, cjk)
        if not drafted:
            return False
        return any(drafted & _shingles(m.body, cjk) for m in ctx.customer_messages)

"""``prompt_injection`` (verify): customer text carrying instructions aimed at the assistant.

Raised whatever the draft says: the agent should know the thread tried to steer the model.
Detection (``guardrails.injection.find_injection``): patterns for explicit instructions in
English and Japanese, and a small learned classifier for hijacking, prompt extraction,
role-play and jailbreak phrasings the patterns do not list.

A text found clean is remembered, by its digest only, for the process
(``guardrails.digest_cache``): every draft of a thread sends its earlier messages again, and a
customer's signature comes with each of their emails; checking them again gave the same answer
every time. Texts carrying an injection are checked each time (their finding quotes the text,
which is not kept).
"""

from __future__ import annotations

from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity
from guardrails.context import GuardrailContext
from guardrails.digest_cache import DigestLru
from guardrails.injection import InjectionHit, find_injection
from guardrails.injection_model import InjectionModel


def _customer_texts(ctx: GuardrailContext) -> list[tuple[str, str]]:
    texts = [("subject", ctx.subject)] if ctx.subject else []
    for i, message in enumerate(ctx.messages, start=1):
        if message.role == "customer":
            texts.append((f"message {i}", message.body))
            if message.signature:
                texts.append((f"message {i} signature", message.signature))
            # A forwarded or quoted email the customer pasted in is customer text too.
            if message.quoted:
                texts.append((f"message {i} quoted text", message.quoted))
    return texts


class PromptInjection(GuardrailBase):
    """Flags customer text that instructs the assistant or dictates the reply."""

    code: ClassVar[FlagCode] = "prompt_injection"
    severity: ClassVar[Severity] = "verify"

    def __init__(self, model: InjectionModel | None = None, clean_cache_size: int = 4096) -> None:
        self._model = model or InjectionModel.load()
        # Per instance, so per model: another model's verdicts are never reused.
        self._clean: DigestLru[bool] = DigestLru(clean_cache_size)

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return at most one finding per customer text that carries an injection."""
        findings = []
        for where, text in _customer_texts(ctx):
            hit = self._injection_in(text)
            if hit is None:
                continue
            findings.append(
                self.finding(
                    message=(
                        f"The customer's {where} contains instructions aimed at the assistant; "
                        "check the draft was not steered by them."
                    ),
                    evidence=f"{where}: {hit.excerpt}",
                )
            )
        return findings

    def _injection_in(self, text: str) -> InjectionHit | None:
        """``find_injection(text)``, skipped for a text this instance already found clean."""
        key = self._clean.key(text)
        if self._clean.get(key):
            return None
        hit = find_injection(text, self._model)
        if hit is None:
            self._clean.put(key, True)
        return hit

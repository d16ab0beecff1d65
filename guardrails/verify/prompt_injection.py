"""``prompt_injection`` (verify): customer text carrying instructions aimed at the assistant.

Raised whatever the draft says: the agent should know the thread tried to steer the model.
Detection (``guardrails.injection.find_injection``): patterns for explicit instructions in
English and Japanese, and a small learned classifier for hijacking, prompt extraction,
role-play and jailbreak phrasings the patterns do not list.
"""

from __future__ import annotations

from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity
from guardrails.context import GuardrailContext
from guardrails.injection import find_injection
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

    def __init__(self, model: InjectionModel | None = None) -> None:
        self._model = model or InjectionModel.load()

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return at most one finding per customer text that carries an injection."""
        findings = []
        for where, text in _customer_texts(ctx):
            hit = find_injection(text, self._model)
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

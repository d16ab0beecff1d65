"""Whose data a detected value is: this customer's, the company's (allowed), or someone else's."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from guardrails.context import GuardrailContext
from guardrails.normalise import normalise


def value_key(value: str) -> str:
    """Fold a value for comparison: width, case, and separators in numbers and addresses."""
    folded = normalise(value).text.casefold().strip()
    if re.fullmatch(r"[\d\s()+\-.]+", folded):
        return re.sub(r"\D", "", folded)
    return re.sub(r"\s+", " ", folded)


def _name_keys(names: Iterable[str | None]) -> set[str]:
    keys: set[str] = set()
    for name in names:
        if name:
            keys.add(value_key(name))
            keys.update(value_key(p) for p in re.split(r"[\s・]+", name) if len(p) >= 2)
    return keys


@dataclass(frozen=True)
class Ownership:
    """Value keys (``value_key``) of the customer's own data and of allowed company data."""

    customer: frozenset[str] = frozenset()
    allowed: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()  # full names to pass as known names to the detector

    @classmethod
    def build(
        cls,
        *,
        customer_names: Iterable[str | None] = (),
        customer_values: Iterable[str | None] = (),
        allowed_names: Iterable[str | None] = (),
        allowed_values: Iterable[str | None] = (),
    ) -> Ownership:
        """Build from the customer's names/values and the allow-list (agent, contacts)."""
        cust_names = [n for n in customer_names if n]
        ok_names = [n for n in allowed_names if n]
        own = {value_key(v) for v in customer_values if v}
        ok = {value_key(v) for v in allowed_values if v}
        return cls(
            customer=frozenset(_name_keys(cust_names) | own),
            allowed=frozenset(_name_keys(ok_names) | ok),
            names=tuple(dict.fromkeys(cust_names + ok_names)),
        )

    @classmethod
    def from_context(cls, ctx: GuardrailContext) -> Ownership:
        """The customer (profile and message authors); allowed: agent, contacts, brand."""
        customer_msgs = ctx.customer_messages
        return cls.build(
            customer_names=[ctx.customer.name, *(m.author_name for m in customer_msgs)],
            customer_values=[
                ctx.customer.email,
                ctx.customer.username,
                # Their company (and its words: "Hi Acme,"): a wrong greeting, but not a leak.
                ctx.customer.company,
                *(ctx.customer.company or "").split(),
                *(m.author_email for m in customer_msgs),
            ],
            allowed_names=[ctx.agent.name, ctx.voice.brand],
            allowed_values=[ctx.agent.email, *ctx.voice.published_contacts],
        )

    def is_customers(self, value: str) -> bool:
        """True when ``value`` is this customer's own name, email, user name, etc."""
        return value_key(value) in self.customer

    def is_allowed(self, value: str) -> bool:
        """True for the company's published contacts, the agent's and the brand's names."""
        return value_key(value) in self.allowed

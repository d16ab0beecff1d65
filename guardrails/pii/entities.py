"""Typed PII detection results and the entity categories the policy acts on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Action = Literal["mask", "restore", "block", "allow"]

# Characters before a value searched for a context word (a phone, card or SSN word, a
# recognizer's context words): one window for every recognizer and the engine's boost.
CONTEXT_WINDOW = 40

# Never restored into a draft and always blocked in one, whoever they belong to.
SENSITIVE_TYPES: frozenset[str] = frozenset(
    {"CREDIT_CARD", "US_SSN", "JP_MY_NUMBER", "IBAN_CODE", "PASSWORD", "SECRET"}
)

# Reader-facing nouns so messages never need the value itself.
ENTITY_NOUNS: dict[str, str] = {
    "PERSON": "a person's name",
    "EMAIL_ADDRESS": "an email address",
    "PHONE_NUMBER": "a phone number",
    "CREDIT_CARD": "a card number",
    "IBAN_CODE": "a bank account number (IBAN)",
    "US_SSN": "a US Social Security number",
    "JP_MY_NUMBER": "a My Number (national ID)",
    "IP_ADDRESS": "an IP address",
    "JP_POSTAL_CODE": "a postal code",
    "JP_ADDRESS": "a street address",
    "STREET_ADDRESS": "a street address",
    "PASSWORD": "a password",
    "SECRET": "a secret or access key",
}


def entity_noun(entity_type: str) -> str:
    """Return a short phrase naming ``entity_type`` without any value, for messages."""
    return ENTITY_NOUNS.get(entity_type, "personal data")


@dataclass(frozen=True)
class PiiEntity:
    """One detected value: where it is in the analysed text and who found it."""

    type: str
    start: int
    end: int
    score: float
    recognizer: str

    def overlaps(self, other: PiiEntity) -> bool:
        """Return True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class RedactionDecision:
    """What the masker or a guardrail did with one value; never holds the value itself.

    The pipeline turns these into audit records (it adds ids, time and the keyed HMAC).
    """

    entity_type: str
    recognizer: str
    score: float
    start: int
    end: int
    action: Action
    placeholder: str | None = None
    text_index: int | None = None  # which masked text of the request (mask order), if any
    value_fingerprint: str | None = None  # from the caller's keyed hash (HMAC), never the value
    source: str | None = None  # where the value was found (``thread.messages[0]``, ``draft``)

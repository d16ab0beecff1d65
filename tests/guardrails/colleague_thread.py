"""A thread in which a colleague of the agent replied earlier: shared by the ownership tests."""

from __future__ import annotations

from guardrails.context import GuardrailContext, Message, Person, VoiceRules


def colleague_thread(
    customer: str,
    colleague: str,
    *,
    customer_person: Person | None = None,
    agent: Person | None = None,
    brand: str | None = None,
) -> GuardrailContext:
    """Customer, colleague, customer again: the colleague wrote the thread's agent message."""
    return GuardrailContext(
        messages=(
            Message(role="customer", body="Hello, my parcel is late.", author_name=customer),
            Message(role="agent", body="We are checking.", author_name=colleague),
            Message(role="customer", body="Any news?", author_name=customer),
        ),
        customer_language="en",
        draft_language="en",
        customer=customer_person or Person(),
        agent=agent or Person(),
        voice=VoiceRules(brand=brand),
    )

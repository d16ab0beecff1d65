"""One rule for whom the greeting addresses, shared by the prompt and the offline drafter."""

from __future__ import annotations

import pytest

from guardrails.text.greeting import address_name
from service.backends.base import DraftInputs
from service.backends.offline import OfflineBackend
from service.pipeline.prompting import PromptRenderer


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("Maria Lopez", "en", "Maria"),
        ("Lopez, Maria", "en", "Maria"),
        ("Dr. Jane Roe", "en", "Dr. Roe"),
        ("山田 太郎", "ja", "山田"),
        ("山田太郎", "ja", "山田太郎"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ja", "ﾔﾏﾀﾞ"),  # half-width katakana is a Japanese name too
        ("John Smith", "ja", "John Smith"),
        ("vendas5", "en", None),
        ("jo@example.com", "en", None),
        ("<PERSON_1>", "en", "<PERSON_1>"),
        ("   ", "en", None),
        (None, "en", None),
    ],
)
def test_address_name(name: str | None, language: str, expected: str | None) -> None:
    assert address_name(name, language) == expected


def test_prompt_and_offline_draft_greet_the_same_name() -> None:
    name = address_name("Dr. Jane Roe", "en")
    inputs = DraftInputs(
        language="en",
        customer_name="Dr. Jane Roe",
        agent_name="Sam",
        agent_title=None,
        brand="Example",
        subject=None,
        latest_customer_text="How do I reset my password?",
        questions=("How do I reset my password?",),
        passages=(),
        greeting_name=name,
    )
    prompt = PromptRenderer().render(inputs, [], voice_guide="", banned_phrases=())
    draft = OfflineBackend().compose(inputs)
    assert 'first name: "Hi Dr. Roe,"' in prompt.messages[0].content
    assert draft.startswith("Hi Dr. Roe,\n")

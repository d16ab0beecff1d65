"""Property tests: whatever message a value is planted in, it never reaches a remote model.

Hypothesis generates emails, phone numbers and card numbers (valid Luhn, several layouts)
and plants them in any message of a thread; a recording backend that is not local (so masking
applies) captures every prompt the pipeline would send. Bounded: a few dozen examples each.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.backends.base import Completion, ModelRequest
from service.models import DraftRequest
from service.runtime import Runtime
from service.settings import Settings
from tests.pii_values import cards, emails, phones


@dataclass
class RecordingBackend:
    """A remote-looking backend: records each prompt, answers with the customer's placeholder."""

    local: bool = False
    name: str = "recording"
    prompts: list[str] = field(default_factory=list)

    async def complete(self, request: ModelRequest) -> Completion:
        self.prompts.append("\n".join(m.content for m in request.messages))
        return Completion(text="Hi,\n\nThanks for writing; we are on it.\n\nSam", model=self.name)


values = st.one_of(emails, phones, cards)
TEMPLATES = [
    "Hi, my details are {v} if you need them. Where is my order?",
    "Please call {v}. The package never arrived.",
    "Contact: {v}\nThanks!",
    "I paid with {v} and got charged twice, can you check?",
]


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    tmp: Path = tmp_path_factory.mktemp("props")
    return Runtime.build(Settings(database_url=f"sqlite:///{tmp / 'db.sqlite'}", data_dir=tmp))


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)
@given(
    value=values,
    template=st.sampled_from(TEMPLATES),
    messages=st.integers(1, 3),
    where=st.integers(0, 2),
)
def test_a_planted_value_never_reaches_the_model(
    runtime: Runtime, value: str, template: str, messages: int, where: int
) -> None:
    thread = []
    for i in range(messages):
        role = "agent" if i % 2 else "customer"
        body = template.format(v=value) if i == min(where, messages - 1) else "Any update?"
        thread.append({"role": role, "body": body})
    if thread[-1]["role"] != "customer":
        thread.append({"role": "customer", "body": "Any news on this?"})
    request = DraftRequest.model_validate(
        {"thread": {"messages": thread}, "customer": {"name": "Maria Lopez"}}
    )
    backend = RecordingBackend()
    runtime.pipeline.backends.default = backend
    asyncio.run(runtime.pipeline.draft(runtime.resolve(request)))
    assert backend.prompts, "the backend was not called"
    compact = value.replace(" ", "").replace("-", "")
    placeholders = ("<EMAIL_ADDRESS_", "<PHONE_NUMBER_", "<CREDIT_CARD_")
    assert any(tag in prompt for prompt in backend.prompts for tag in placeholders)
    for prompt in backend.prompts:
        assert value not in prompt
        assert compact not in prompt.replace(" ", "").replace("-", "")

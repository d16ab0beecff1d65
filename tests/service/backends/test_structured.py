"""JSON from any server: ``json_schema`` where accepted, else ``json_object`` with the schema."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from service.backends.base import ChatMessage
from service.backends.litellm_backend import LiteLLMBackend, ModelCallError
from service.backends.structured import StructuredCaller, first_modes
from tests.fakes.openai_server import FakeOpenAIServer, Reply

SCHEMA = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
MESSAGES = (ChatMessage("system", "Judge."), ChatMessage("user", "Is it ok?"))


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        fake.default = Reply(text=json.dumps({"ok": True}))
        yield fake


def caller(server: FakeOpenAIServer, model: str) -> StructuredCaller:
    backend = LiteLLMBackend(
        model,
        api_base=server.api_base,
        api_key="k",
        timeout_s=2.0,
        max_attempts=2,
        backoff_initial_s=0.01,
        backoff_max_s=0.02,
    )
    return StructuredCaller(backend)


def test_capability_lookup_orders_the_modes() -> None:
    assert first_modes("openai/gpt-4o-mini")[0] == "json_schema"  # litellm: supports a schema
    assert first_modes("openai/gemma")[0] == "json_object_schema"  # unknown local model


async def test_a_server_taking_json_schema_gets_it(server: FakeOpenAIServer) -> None:
    answer = await caller(server, "openai/gpt-4o-mini").json_answer(MESSAGES, SCHEMA, name="v")
    assert json.loads(answer.text) == {"ok": True}
    sent = server.requests[0]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"] == SCHEMA


@pytest.mark.parametrize("status", [400, 500])
async def test_refused_json_schema_steps_down_to_json_object_with_schema(
    server: FakeOpenAIServer, status: int
) -> None:
    server.reject_json_schema = status  # llama.cpp-style server
    structured = caller(server, "openai/gpt-4o-mini")
    answer = await structured.json_answer(MESSAGES, SCHEMA)
    assert json.loads(answer.text) == {"ok": True}
    kinds = [r["response_format"]["type"] for r in server.requests]
    assert kinds[-1] == "json_object" and set(kinds[:-1]) == {"json_schema"}
    last = server.requests[-1]
    assert last["response_format"]["schema"] == SCHEMA
    assert json.dumps(SCHEMA) in last["messages"][0]["content"]  # and in the prompt
    server.requests.clear()
    await structured.json_answer(MESSAGES, SCHEMA)  # the accepted mode is remembered
    assert [r["response_format"]["type"] for r in server.requests] == ["json_object"]


async def test_a_dead_server_is_an_error_not_a_mode_change(server: FakeOpenAIServer) -> None:
    server.default = Reply(status=401)
    with pytest.raises(ModelCallError) as caught:
        await caller(server, "openai/gpt-4o-mini").json_answer(MESSAGES, SCHEMA)
    assert len(server.requests) == 1 and "API key rejected" in caught.value.details[0]

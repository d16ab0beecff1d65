"""Drafting through the litellm backend against the loopback OpenAI-compatible fake server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.models import DraftRequest
from service.runtime import Runtime
from service.settings import Settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.service.conftest import en_request


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


def _runtime(tmp_path: Path, server: FakeOpenAIServer, **overrides: object) -> Runtime:
    options: dict[str, object] = {
        "database_url": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "llm_model": "openai/fake-model",
        "llm_api_base": server.api_base,
        "llm_api_key": "test-key",
        "llm_timeout_s": 3.0,  # generous: a loaded CI machine must not time out
        "llm_max_attempts": 2,
        "llm_backoff_max_s": 0.05,
    }
    options.update(overrides)
    return Runtime.build(Settings(**options))  # type: ignore[arg-type]


async def test_llm_draft_reports_model_usage_and_prompt(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    server.enqueue(
        Reply(text="Hi Maria,\n\nWe refund the duplicate charge [billing-refunds].\n\nSam")
    )
    report = await _runtime(tmp_path, server).draft(DraftRequest.model_validate(en_request()))
    assert report.model == "openai/fake-model"
    assert report.usage.prompt_tokens == 42 and report.usage.completion_tokens == 7
    assert not any(f.code == "llm_fallback" for f in report.flags)
    assert [c.article_id for c in report.citations] == ["billing-refunds"]
    sent = server.requests[0]["messages"]
    assert sent[0]["role"] == "system" and "<customer_thread>" in sent[1]["content"]


async def test_rate_limited_then_ok_is_retried(tmp_path: Path, server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(status=429, headers={"retry-after": "0"}), Reply(text="Hi Maria, done."))
    report = await _runtime(tmp_path, server).draft(DraftRequest.model_validate(en_request()))
    assert report.body == "Hi Maria, done." and len(server.requests) == 2


async def test_hanging_model_falls_back_to_offline(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    server.default = Reply(delay_s=5)
    runtime = _runtime(tmp_path, server, llm_timeout_s=0.5)
    report = await runtime.draft(DraftRequest.model_validate(en_request()))
    assert report.model == "offline"
    fallback = [f for f in report.flags if f.code == "llm_fallback"]
    assert len(fallback) == 1 and fallback[0].severity == "info"
    assert "openai/fake-model: timeout after 0.5 s" in fallback[0].message
    assert report.body.startswith("Hi Maria")
    assert len(server.requests) == 2  # both attempts timed out before the fallback


async def test_request_model_offline_skips_the_provider(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    request = DraftRequest.model_validate(en_request(model="offline"))
    report = await _runtime(tmp_path, server).draft(request)
    assert report.model == "offline" and server.requests == []


async def test_keyless_local_server_drafts_without_a_key(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    server.enqueue(Reply(text="Hi Maria, done."))
    runtime = _runtime(tmp_path, server, llm_api_key=None)
    report = await runtime.draft(DraftRequest.model_validate(en_request()))
    assert report.model == "openai/fake-model" and report.body == "Hi Maria, done."


async def test_wrong_base_url_fallback_says_why(tmp_path: Path, server: FakeOpenAIServer) -> None:
    runtime = _runtime(tmp_path, server, llm_api_base=server.root)
    report = await runtime.draft(DraftRequest.model_validate(en_request()))
    (fallback,) = [f for f in report.flags if f.code == "llm_fallback"]
    assert "openai/fake-model: HTTP 404" in fallback.message and "/v1" in fallback.message
    assert server.paths == ["/chat/completions"]


async def test_cut_off_draft_is_flagged_truncated(tmp_path: Path, server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="Hi Maria,\n\nWe refund the duplicate", finish_reason="length"))
    report = await _runtime(tmp_path, server).draft(DraftRequest.model_validate(en_request()))
    (flag,) = [f for f in report.flags if f.code == "truncated"]
    assert flag.severity == "verify" and report.verify_before_send


async def test_finished_draft_is_not_truncated(tmp_path: Path, server: FakeOpenAIServer) -> None:
    server.enqueue(Reply(text="Hi Maria,\n\nWe refund the duplicate charge.\n\nSam"))
    report = await _runtime(tmp_path, server).draft(DraftRequest.model_validate(en_request()))
    assert not [f for f in report.flags if f.code == "truncated"]


async def test_echoed_prompt_is_blocked(tmp_path: Path, server: FakeOpenAIServer) -> None:
    # A tiny model that repeats its user prompt back (what the issue saw with llama.cpp).
    server.enqueue(Reply(respond=lambda payload: payload["messages"][1]["content"]))
    report = await _runtime(tmp_path, server).draft(DraftRequest.model_validate(en_request()))
    echoes = [f for f in report.flags if f.code == "prompt_echo"]
    assert echoes and all(f.severity == "block" for f in echoes)


@pytest.mark.parametrize("altered", ["<person_1>", "< PERSON 1 >", "[PERSON_1]"])
async def test_altered_placeholder_is_flagged(
    tmp_path: Path, server: FakeOpenAIServer, altered: str
) -> None:
    server.enqueue(Reply(text=f"Hi {altered},\n\nWe refund the duplicate charge.\n\nSam"))
    report = await _runtime(tmp_path, server).draft(DraftRequest.model_validate(en_request()))
    assert altered in report.body
    flags = [f for f in report.flags if f.code == "placeholder_left"]
    assert [f.evidence for f in flags] == [altered] and flags[0].severity == "block"


def _judge_settings(tmp_path: Path, server: FakeOpenAIServer) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        question_judge="llm",
        question_judge_model="openai/judge",
        llm_api_base=server.api_base,
        judge_timeout_s=1.0,
        judge_max_attempts=1,
    )


async def test_judge_json_in_the_wrong_shape_is_reported(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    server.default = Reply(text='{"answered": true}')
    runtime = Runtime.build(_judge_settings(tmp_path, server))
    report = await runtime.draft(DraftRequest.model_validate(en_request()))
    (flag,) = [f for f in report.flags if f.code == "judge_unavailable"]
    assert flag.severity == "info" and "wrong shape" in flag.message
    assert report.usage.prompt_tokens == 42  # the judge's tokens are in usage
    assert server.requests[0]["max_tokens"] == 768  # the judge's own limit, not drafting's


async def test_dead_judge_is_reported_with_its_cause(tmp_path: Path) -> None:
    with FakeOpenAIServer() as down:
        settings = _judge_settings(tmp_path, down)
    runtime = Runtime.build(settings)  # the server is gone: its port refuses connections
    report = await runtime.draft(DraftRequest.model_validate(en_request()))
    (flag,) = [f for f in report.flags if f.code == "judge_unavailable"]
    assert "openai/judge: connection refused" in flag.message
    assert [q.status for q in report.questions]  # the lexical judge still judged


async def test_remote_draft_reports_time_to_first_token(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    server.enqueue(Reply(text="Hi Maria, done.", chunk_delay_s=0.02))
    report = await _runtime(tmp_path, server).draft(DraftRequest.model_validate(en_request()))
    assert server.requests[0]["stream"] is True
    assert 0 < report.timings_ms["first_token"] <= report.timings_ms["model"]


async def test_deadline_stops_a_slow_model_and_the_fallback_says_why(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    # Distinct words: litellm aborts a stream that repeats one chunk 100 times (HTTP 500),
    # which would race the deadline this test is about.
    server.default = Reply(text=" ".join(f"word{i}" for i in range(400)), chunk_delay_s=0.05)
    runtime = _runtime(tmp_path, server, llm_timeout_s=5.0, llm_deadline_s=1.0)
    report = await runtime.draft(DraftRequest.model_validate(en_request()))
    (flag,) = [f for f in report.flags if f.code == "llm_fallback"]
    assert "deadline of 1 s passed" in flag.message and report.model == "offline"
    assert server.disconnected.wait(3.0) and server.completed_streams == 0


async def test_kb_names_of_organisations_are_not_masked(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    request = en_request()
    request["knowledge_base"] = [
        {
            "id": "shipping-carriers",
            "title": "Shipping carriers",
            "body": "We ship with Canada Post or UPS. Orders leave the warehouse within 2 days.",
        }
    ]
    request["thread"]["messages"][-1]["body"] = "Which carrier do you ship with?"
    server.enqueue(Reply(text="Hi Maria,\n\nWe ship with Canada Post or UPS.\n\nSam"))
    await _runtime(tmp_path, server).draft(DraftRequest.model_validate(request))
    user = server.requests[0]["messages"][1]["content"]
    assert "We ship with Canada Post or UPS." in user
    assert "Maria" not in user  # the customer's name is still masked in the thread


async def test_a_fallback_model_answering_is_reported(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    # The configured model's request is refused (not retried); the fallback model answers.
    server.enqueue(
        Reply(status=400, body={"error": {"message": "model not served"}}),
        Reply(text="Hi Maria,\n\nWe refund the duplicate charge.\n\nSam"),
    )
    runtime = _runtime(tmp_path, server, llm_fallback_models=["openai/backup-model"])
    report = await runtime.draft(DraftRequest.model_validate(en_request()))
    assert report.model == "openai/backup-model"
    (flag,) = [f for f in report.flags if f.code == "llm_fallback"]
    assert flag.severity == "info"
    assert "openai/fake-model: HTTP 400" in flag.message
    assert "the fallback model openai/backup-model wrote this draft" in flag.message
    assert [r["model"] for r in server.requests] == ["fake-model", "backup-model"]


async def test_the_configured_model_answering_raises_no_fallback_flag(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    server.enqueue(Reply(text="Hi Maria,\n\nWe refund the duplicate charge.\n\nSam"))
    runtime = _runtime(tmp_path, server, llm_fallback_models=["openai/backup-model"])
    report = await runtime.draft(DraftRequest.model_validate(en_request()))
    assert report.model == "openai/fake-model"
    assert not [f for f in report.flags if f.code == "llm_fallback"]


@pytest.mark.parametrize(
    ("fault", "streamed"),
    [
        (Reply(raw=b"<html>502 Bad Gateway</html>"), False),
        (Reply(cut_short=True), False),
        (Reply(body={"id": "x", "object": "chat.completion", "created": 1, "choices": []}), False),
        (Reply(malformed_chunk=True), True),
        (Reply(text="We refund the charge within days", cut_mid_event_after=2), True),
    ],
    ids=["not JSON", "body cut short", "no choices", "chunk not JSON", "stream cut mid-event"],
)
async def test_a_broken_answer_falls_back_within_the_deadline_and_is_audited(
    tmp_path: Path, server: FakeOpenAIServer, fault: Reply, streamed: bool
) -> None:
    """Every attempt gets an unreadable answer: the offline draft answers with the reason, in
    time, and the draft's decisions are in a chain that verifies."""
    server.default = fault
    runtime = _runtime(tmp_path, server, llm_stream=streamed, llm_deadline_s=10.0)
    started = time.perf_counter()
    report = await runtime.draft(DraftRequest.model_validate(en_request()))
    assert time.perf_counter() - started < 10.0
    (flag,) = [f for f in report.flags if f.code == "llm_fallback"]
    assert report.model == "offline" and "openai/fake-model" in flag.message
    assert "not the server" not in flag.message
    assert len(server.requests) == 2  # retried: the server's fault, not ours
    verified = runtime.audit.verify()
    assert verified.ok and verified.checked > 0
    assert runtime.audit.query(draft_id=report.draft_id).entries


async def test_an_ask_the_agent_only_held_is_in_the_prompts_asks(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    # the guardrails demand an answer to an ask the agent only put on hold: the drafter is
    # shown it among the asks, from the one extraction both read
    request = en_request()
    request["thread"]["messages"] = [
        {"role": "customer", "body": "Could you tell me if my spare keys are ready to collect?"},
        {"role": "agent", "body": "Of course, let me check with the workshop."},
        {"role": "customer", "body": "Thanks. Also, do you sell key rings?"},
    ]
    server.enqueue(Reply(text="Hi Maria,\n\nChecking both.\n\nSam"))
    await _runtime(tmp_path, server).draft(DraftRequest.model_validate(request))
    prompt = "\n".join(m["content"] for m in server.requests[0]["messages"])
    asks = prompt.split("only put on hold), in order:")[1]
    assert "spare keys are ready to collect" in asks and "key rings" in asks

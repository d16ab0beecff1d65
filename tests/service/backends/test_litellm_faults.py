"""Faults through the real litellm backend: empty answers fail over; a breaker skips dead models."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.backends.base import ChatMessage, ModelRequest
from service.backends.breaker import CircuitBreaker, MemoryBreakerStore, breaker_from
from service.backends.litellm_backend import LiteLLMBackend
from service.backends.litellm_env import load_litellm
from service.backends.select import shared_breaker
from service.errors import LLMUnavailableError
from service.runtime import Runtime
from service.settings import Settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.loopback import REDIS_URL, redis_available
from tests.service.backends.test_litellm_backend import INPUTS

REQUEST = ModelRequest(messages=(ChatMessage("user", "Say hello"),), inputs=INPUTS)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


def _backend(api_base: str, **kwargs: object) -> LiteLLMBackend:
    options: dict[str, object] = {
        "api_base": api_base,
        "api_key": "test-key",
        "timeout_s": 3.0,
        "max_attempts": 2,
        "backoff_initial_s": 0.01,
        "backoff_max_s": 0.05,
    }
    options.update(kwargs)
    return LiteLLMBackend("openai/fake-model", **options)  # type: ignore[arg-type]


# The tests that serve an app with a remote model come first on purpose: the first one imports
# litellm inside a test, whose warning filters (and litellm's own, added at import) are dropped
# when it ends; the backend tests below failed after it ("server unreachable") until pyproject's
# filterwarnings ignored the pydantic warning litellm silences itself.
def test_readyz_shows_each_models_breaker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Open, then half-open once the cool-down has passed on the breaker's clock (moved by the
    test: the cool-down was an hour, so a slow build could not outlast it on the wall clock)."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        llm_model="openai/main-model",
        llm_fallback_models=["openai/spare-model"],
        llm_api_base="http://127.0.0.1:9/v1",
        llm_breaker_threshold=1,
    )
    runtime = Runtime.build(settings)
    breaker = shared_breaker(None, 1, settings.llm_breaker_cooldown_s)
    now = [1_000.0]
    monkeypatch.setattr(breaker, "clock", lambda: now[0])
    breaker.record_failure("openai/spare-model")
    try:
        with TestClient(create_app(settings, runtime=runtime)) as client:
            opened = client.get("/readyz").json()["breakers"]
            now[0] += settings.llm_breaker_cooldown_s + 1
            half_open = client.get("/readyz").json()["breakers"]
    finally:
        breaker.record_success("openai/spare-model")
        runtime.store.close()
    assert opened == {"openai/main-model": "closed", "openai/spare-model": "open"}
    assert half_open == {"openai/main-model": "closed", "openai/spare-model": "half_open"}


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_metrics_show_each_models_breaker_shared_through_redis(tmp_path: Path) -> None:
    """A breaker another worker opened (through Redis) is open in this process's ``/metrics``
    (it was only in ``/readyz``), and closed once that worker records a success; the offline
    backend has none. Kept beside the /readyz test: both serve an app with remote models."""
    main, spare = f"openai/main-{uuid.uuid4().hex[:8]}", f"openai/spare-{uuid.uuid4().hex[:8]}"
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        llm_model=main,
        llm_fallback_models=[spare, "offline"],
        llm_api_base="http://127.0.0.1:9/v1",
        llm_breaker_threshold=1,
        redis_url=REDIS_URL,
    )
    other_worker = breaker_from(REDIS_URL, threshold=1, cooldown_s=60)
    runtime = Runtime.build(settings)
    try:
        with TestClient(create_app(settings, runtime=runtime)) as client:
            other_worker.record_failure(spare)
            opened = _breaker_samples(client)
            other_worker.record_success(spare)
            closed = _breaker_samples(client)
    finally:
        other_worker.record_success(spare)
        runtime.store.close()

    assert opened[(spare, "open")] == 1 and opened[(spare, "closed")] == 0
    assert opened[(main, "closed")] == 1
    assert closed[(spare, "closed")] == 1 and closed[(spare, "open")] == 0
    assert not any(model == "offline" for model, _ in opened)


def _breaker_samples(client: TestClient) -> dict[tuple[str, str], float]:
    """``replydraft_model_breaker`` samples of ``/metrics``: (model, state) -> 0 or 1."""
    from prometheus_client.parser import text_string_to_metric_families

    response = client.get("/metrics")
    assert response.status_code == 200
    return {
        (s.labels["model"], s.labels["replydraft_model_breaker"]): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
        if s.name == "replydraft_model_breaker"
    }


def test_every_model_a_call_can_go_to_has_its_breaker_reported(tmp_path: Path) -> None:
    """With an explicit allow-list, a model a request may name (never configured as the
    default or a fallback) has a breaker too: /readyz and /metrics show it (they listed only
    the configured model and fallbacks); a fallback left out of the list still shows."""
    main, extra, spare = (f"openai/{n}-{uuid.uuid4().hex[:8]}" for n in ("main", "extra", "spare"))
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        llm_model=main,
        llm_fallback_models=[spare],
        llm_allowed_models=[main, extra, "offline"],
        llm_api_base="http://127.0.0.1:9/v1",
        llm_breaker_threshold=1,
    )
    breaker = shared_breaker(None, 1, settings.llm_breaker_cooldown_s)
    breaker.record_failure(extra)
    runtime = Runtime.build(settings)
    try:
        with TestClient(create_app(settings, runtime=runtime)) as client:
            ready = client.get("/readyz").json()
            samples = _breaker_samples(client)
    finally:
        breaker.record_success(extra)
        runtime.store.close()
    assert ready["breakers"] == {main: "closed", spare: "closed", extra: "open"}
    assert samples[(extra, "open")] == 1 and samples[(main, "closed")] == 1
    assert samples[(spare, "closed")] == 1
    assert not any(model == "offline" for model, _ in samples)


def test_breakers_read_while_redis_is_down_are_unknown_not_closed(tmp_path: Path) -> None:
    """The shared store cannot be read: /readyz and /metrics say "unknown" (they said
    "closed", which looks healthy); drafting still goes on as if closed."""
    main = f"openai/main-{uuid.uuid4().hex[:8]}"
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        llm_model=main,
        llm_api_base="http://127.0.0.1:9/v1",
        redis_url="redis://127.0.0.1:1/0",
    )
    runtime = Runtime.build(settings)
    try:
        with TestClient(create_app(settings, runtime=runtime)) as client:
            ready = client.get("/readyz")
            samples = _breaker_samples(client)
    finally:
        runtime.store.close()
    assert ready.status_code == 200 and ready.json()["breakers"] == {main: "unknown"}
    assert samples[(main, "unknown")] == 1 and samples[(main, "closed")] == 0


def _trial_in_flight(backend: LiteLLMBackend, server: FakeOpenAIServer) -> threading.Thread:
    """Start ``backend``'s call (the half-open trial) in a thread; return once it reached the
    fake provider, which holds it for its reply's delay."""
    sent = len(server.requests)

    def call() -> None:
        with contextlib.suppress(LLMUnavailableError):  # a failed trial is an outcome too
            asyncio.run(backend.complete(REQUEST))

    trial = threading.Thread(target=call, daemon=True)
    trial.start()
    give_up = time.monotonic() + 10
    while len(server.requests) == sent and time.monotonic() < give_up:
        time.sleep(0.01)
    assert len(server.requests) > sent, "the trial never reached the fake provider"
    return trial


def _reports_during_and_after_trial(
    client: TestClient, backend: LiteLLMBackend, server: FakeOpenAIServer
) -> tuple[dict[str, str], dict[tuple[str, str], float], dict[str, str]]:
    """/readyz breakers and /metrics breaker samples while ``backend``'s trial call is in
    flight, then /readyz once it has ended."""
    trial = _trial_in_flight(backend, server)
    during = client.get("/readyz").json()["breakers"]
    during_samples = _breaker_samples(client)
    trial.join(timeout=10)
    return during, during_samples, client.get("/readyz").json()["breakers"]


def test_readyz_and_metrics_show_a_trial_in_flight_as_half_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: FakeOpenAIServer
) -> None:
    """A real trial call through the fake provider: claiming it moved the open period on by a
    cool-down, so /readyz and /metrics said "open" while it was in flight; its success closes."""
    load_litellm()  # its import (seconds) must not happen inside the trial's thread
    model = f"openai/trial-{uuid.uuid4().hex[:8]}"
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        llm_model=model,
        llm_api_base=server.api_base,
        llm_breaker_threshold=1,
    )
    runtime = Runtime.build(settings)
    breaker = shared_breaker(None, 1, settings.llm_breaker_cooldown_s)
    now = [1_000.0]
    monkeypatch.setattr(breaker, "clock", lambda: now[0])
    breaker.record_failure(model)
    server.default = Reply(delay_s=1.0)
    try:
        with TestClient(create_app(settings, runtime=runtime)) as client:
            opened = client.get("/readyz").json()["breakers"]
            now[0] += settings.llm_breaker_cooldown_s + 1
            backend = _backend(server.api_base, breaker=breaker)
            backend.model = model
            during, during_samples, after = _reports_during_and_after_trial(client, backend, server)
    finally:
        breaker.record_success(model)
        runtime.store.close()
    assert opened == {model: "open"}
    assert during == {model: "half_open"}
    assert during_samples[(model, "half_open")] == 1 and during_samples[(model, "open")] == 0
    assert after == {model: "closed"}


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_another_workers_trial_in_flight_is_half_open_in_this_workers_reports(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    """Another worker (its own breaker over the same Redis) makes the trial call through the
    fake provider: this worker's /readyz and /metrics say half_open while it is in flight
    (they said open), and open again when it fails."""
    load_litellm()
    model = f"openai/trial-{uuid.uuid4().hex[:8]}"
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        data_dir=tmp_path,
        llm_model=model,
        llm_api_base=server.api_base,
        llm_breaker_threshold=1,
        redis_url=REDIS_URL,
    )
    # The other worker opened the breaker 100 s ago (its cool-down, 60 s, is over): this
    # process reads the shared state on the wall clock.
    shift = [-100.0]
    other_worker = breaker_from(
        REDIS_URL, threshold=1, cooldown_s=60, clock=lambda: time.time() + shift[0]
    )
    other_worker.record_failure(model)
    shift[0] = 0.0
    server.enqueue(Reply(status=503, delay_s=1.0))
    backend = _backend(server.api_base, breaker=other_worker, max_attempts=1)
    backend.model = model
    runtime = Runtime.build(settings)
    try:
        with TestClient(create_app(settings, runtime=runtime)) as client:
            before = client.get("/readyz").json()["breakers"]
            during, during_samples, after = _reports_during_and_after_trial(client, backend, server)
    finally:
        other_worker.record_success(model)
        runtime.store.close()
    assert before == {model: "half_open"}  # cool-down over, nobody claimed the trial yet
    assert during == {model: "half_open"}
    assert during_samples[(model, "half_open")] == 1 and during_samples[(model, "open")] == 0
    assert after == {model: "open"}  # the trial failed (503): open for another cool-down


@pytest.mark.parametrize("empty", ["", "   \n  "])
async def test_an_empty_completion_is_a_failed_attempt(
    server: FakeOpenAIServer, empty: str
) -> None:
    server.enqueue(Reply(text=empty), Reply(text="Hi Maria, here is your answer."))
    completion = await _backend(server.api_base).complete(REQUEST)
    assert completion.text == "Hi Maria, here is your answer."
    assert completion.attempts == 2


async def test_only_empty_completions_end_in_the_fallback_with_the_reason(
    server: FakeOpenAIServer,
) -> None:
    server.default = Reply(text="")
    with pytest.raises(LLMUnavailableError) as failed:
        await _backend(server.api_base).complete(REQUEST)
    assert "empty completion" in str(failed.value.details)
    assert len(server.requests) == 2  # retried once, then given up


async def test_the_breaker_opens_and_skips_a_dead_model_then_closes() -> None:
    dead = "http://127.0.0.1:9/v1"  # nothing listens on port 9: connection refused
    clock = [1_000.0]
    breaker = CircuitBreaker(
        MemoryBreakerStore.empty(), threshold=2, cooldown_s=30, clock=lambda: clock[0]
    )
    backend = _backend(dead, breaker=breaker, max_attempts=1)
    for _ in range(2):
        with pytest.raises(LLMUnavailableError):
            await backend.complete(REQUEST)
    assert breaker.state("openai/fake-model") == "open"
    started = time.perf_counter()
    with pytest.raises(LLMUnavailableError) as skipped:
        await backend.complete(REQUEST)
    assert "circuit breaker open" in str(skipped.value.details)
    assert time.perf_counter() - started < 0.5  # no call was made
    with FakeOpenAIServer() as alive:
        clock[0] += 31  # cool-down over: one trial goes through and closes the breaker
        recovered = _backend(alive.api_base, breaker=breaker)
        alive.enqueue(Reply(text="Back again."))
        assert (await recovered.complete(REQUEST)).text == "Back again."
    assert breaker.state("openai/fake-model") == "closed"


_COMPLETION_WITHOUT = {"id": "x", "object": "chat.completion", "created": 1, "model": "m"}
# Answers a broken server or a proxy in front of it gives: each is one failed attempt (retried,
# then the fallback), never a draft and never an error blamed on this side.
MALFORMED = {
    "not JSON": Reply(raw=b"<html>502 Bad Gateway</html>"),
    "body cut short": Reply(cut_short=True),
    "empty body": Reply(raw=b""),
    "JSON not an object": Reply(raw=b"[1, 2]"),
    "null content": Reply(
        body={
            **_COMPLETION_WITHOUT,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": None},
                    "finish_reason": "stop",
                }
            ],
        }
    ),
    "no choices": Reply(body={**_COMPLETION_WITHOUT, "choices": []}),
    "chunk not JSON": Reply(malformed_chunk=True),
}


@pytest.mark.parametrize(
    ("fault", "streamed"),
    [(f, s) for f in MALFORMED for s in (False, True) if s or f != "chunk not JSON"],
)
async def test_a_malformed_answer_is_a_failed_attempt_then_retried(
    server: FakeOpenAIServer, fault: str, streamed: bool
) -> None:
    # A chunk that is not JSON was "the litellm client failed, not the server" (never retried,
    # never counted by the breaker); an answer with no choices was an IndexError, the same.
    server.enqueue(MALFORMED[fault], Reply(text="Hi Maria, here is your answer."))
    completion = await _backend(server.api_base, streamed=streamed).complete(REQUEST)
    assert completion.text == "Hi Maria, here is your answer."
    assert completion.attempts == 2


@pytest.mark.parametrize(("fault", "streamed"), [("chunk not JSON", True), ("no choices", False)])
async def test_malformed_answers_open_the_breaker(
    server: FakeOpenAIServer, fault: str, streamed: bool
) -> None:
    server.default = MALFORMED[fault]
    clock = [1_000.0]
    breaker = CircuitBreaker(
        MemoryBreakerStore.empty(), threshold=2, cooldown_s=30, clock=lambda: clock[0]
    )
    backend = _backend(server.api_base, breaker=breaker, max_attempts=1, streamed=streamed)
    for _ in range(2):
        with pytest.raises(LLMUnavailableError) as failed:
            await backend.complete(REQUEST)
        assert "not the server" not in str(failed.value.details)
    assert breaker.state("openai/fake-model") == "open"


async def test_a_model_the_deadline_cuts_counts_against_its_breaker(
    server: FakeOpenAIServer,
) -> None:
    # A deadline shorter than the attempt's timeout cancels the call, which was never counted:
    # a hung model never opened its breaker and every request waited the whole deadline.
    load_litellm()  # its import (seconds) must not be what the deadline cuts
    server.default = Reply(delay_s=5)
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=2, cooldown_s=30)
    backend = _backend(server.api_base, breaker=breaker, timeout_s=3.0, deadline_s=1.0)
    for _ in range(2):
        with pytest.raises(LLMUnavailableError) as cut:
            await backend.complete(REQUEST)
        assert "deadline of 1 s passed" in str(cut.value.details)
    assert breaker.state("openai/fake-model") == "open"
    sent, started = len(server.requests), time.perf_counter()
    with pytest.raises(LLMUnavailableError):
        await backend.complete(REQUEST)
    assert time.perf_counter() - started < 0.5  # skipped, not waited for
    assert len(server.requests) == sent


async def test_a_fallback_the_deadline_reaches_late_is_not_blamed(
    server: FakeOpenAIServer,
) -> None:
    # The first model used up most of the deadline; the fallback had no fair time to answer.
    load_litellm()
    server.default = Reply(delay_s=5)
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=30)
    backend = _backend(
        server.api_base,
        breaker=breaker,
        timeout_s=1.0,
        deadline_s=1.6,
        max_attempts=1,
        fallback_models=["openai/spare-model"],
    )
    with pytest.raises(LLMUnavailableError):
        await backend.complete(REQUEST)
    assert breaker.state("openai/fake-model") == "open"  # its own timeout, counted as ever
    assert breaker.state("openai/spare-model") == "closed"


async def test_a_model_streaming_when_the_deadline_cuts_it_is_not_blamed(
    server: FakeOpenAIServer,
) -> None:
    # Its first chunk came at once; it was only slower than the deadline. It was counted as a
    # failure, and one such cut (threshold 1) skipped a model that works.
    load_litellm()
    server.default = Reply(text=" ".join(["word"] * 40), chunk_delay_s=0.1)
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=30)
    backend = _backend(server.api_base, breaker=breaker, timeout_s=3.0, deadline_s=1.0)
    with pytest.raises(LLMUnavailableError) as cut:
        await backend.complete(REQUEST)
    assert "deadline of 1 s passed" in str(cut.value.details)
    assert breaker.state("openai/fake-model") == "closed"


async def test_a_model_that_answered_another_request_meanwhile_is_not_blamed(
    server: FakeOpenAIServer,
) -> None:
    # Two requests at once: one answered in 0.2 s, the other got no answer by the deadline.
    # Cuts of a model answering other requests opened its breaker (requests cut at the same
    # moment counted as failures in a row while most requests succeeded).
    load_litellm()
    server.enqueue(Reply(delay_s=5), Reply(delay_s=0.2))
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=30)
    backend = _backend(server.api_base, breaker=breaker, timeout_s=3.0, deadline_s=1.0)
    outcomes = await asyncio.gather(
        backend.complete(REQUEST), backend.complete(REQUEST), return_exceptions=True
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["Completion", "ModelCallError"]
    assert breaker.state("openai/fake-model") == "closed"
    # The negative: the same cut with no answer meanwhile still counts.
    server.enqueue(Reply(delay_s=5))
    with pytest.raises(LLMUnavailableError):
        await backend.complete(REQUEST)
    assert breaker.state("openai/fake-model") == "open"


async def test_requests_one_deadline_cuts_together_count_as_one_failure(
    server: FakeOpenAIServer,
) -> None:
    # Four requests in flight, none answered by the deadline: they were four failures in a
    # row (threshold 2: open) although they are one observation of the model.
    load_litellm()
    server.default = Reply(delay_s=5)
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=2, cooldown_s=30)
    backend = _backend(server.api_base, breaker=breaker, timeout_s=3.0, deadline_s=1.0)
    outcomes = await asyncio.gather(
        *(backend.complete(REQUEST) for _ in range(4)), return_exceptions=True
    )
    assert all(isinstance(o, LLMUnavailableError) for o in outcomes)
    assert breaker.state("openai/fake-model") == "closed"
    assert breaker.store.failures("openai/fake-model") == 1
    # The negative: the next request, begun after that failure, is a failure in a row.
    with pytest.raises(LLMUnavailableError):
        await backend.complete(REQUEST)
    assert breaker.state("openai/fake-model") == "open"


def _two_workers(api_base: str, threshold: int) -> tuple[str, LiteLLMBackend, LiteLLMBackend]:
    """A fresh model name and two workers' backends for it, each with its own breaker over the
    same Redis (as two processes have): nothing is shared but Redis."""
    model = f"openai/shared-{uuid.uuid4().hex[:8]}"
    workers = []
    for _ in range(2):
        breaker = breaker_from(REDIS_URL, threshold=threshold, cooldown_s=30)
        backend = _backend(api_base, breaker=breaker, timeout_s=3.0, deadline_s=1.0)
        backend.model = model
        workers.append(backend)
    return model, workers[0], workers[1]


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
async def test_a_model_that_answered_another_workers_request_meanwhile_is_not_blamed(
    server: FakeOpenAIServer,
) -> None:
    # One request in each worker: one answered in 0.2 s, the other cut by the deadline. The
    # cut worker saw only its own process's answers and blamed a model that was answering.
    load_litellm()
    model, worker_a, worker_b = _two_workers(server.api_base, threshold=1)
    assert worker_a.breaker is not None
    try:
        server.enqueue(Reply(delay_s=5), Reply(delay_s=0.2))
        outcomes = await asyncio.gather(
            worker_a.complete(REQUEST), worker_b.complete(REQUEST), return_exceptions=True
        )
        assert sorted(type(o).__name__ for o in outcomes) == ["Completion", "ModelCallError"]
        assert worker_a.breaker.state(model) == "closed"
        # The negative: a cut with no answer meanwhile, in either worker, still counts.
        server.enqueue(Reply(delay_s=5))
        with pytest.raises(LLMUnavailableError):
            await worker_b.complete(REQUEST)
        assert worker_a.breaker.state(model) == "open"
    finally:
        worker_a.breaker.record_success(model)


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
async def test_requests_cut_together_in_several_workers_count_as_one_failure(
    server: FakeOpenAIServer,
) -> None:
    # Two requests in each of two workers, none answered by the deadline: each worker counted
    # its own cut (threshold 2: open) although the four are one observation of the model.
    load_litellm()
    server.default = Reply(delay_s=5)
    model, worker_a, worker_b = _two_workers(server.api_base, threshold=2)
    assert worker_a.breaker is not None
    try:
        outcomes = await asyncio.gather(
            *(w.complete(REQUEST) for w in (worker_a, worker_b, worker_a, worker_b)),
            return_exceptions=True,
        )
        assert all(isinstance(o, LLMUnavailableError) for o in outcomes)
        assert worker_a.breaker.state(model) == "closed"
        assert worker_a.breaker.store.failures(model) == 1
        # The negative: the next request, begun after that failure, is a failure in a row.
        with pytest.raises(LLMUnavailableError):
            await worker_b.complete(REQUEST)
        assert worker_a.breaker.state(model) == "open"
    finally:
        worker_a.breaker.record_success(model)


async def test_a_retry_after_beyond_the_longest_wait_goes_to_the_next_model_now(
    server: FakeOpenAIServer,
) -> None:
    # "Retry-After: 3600" was cut to the longest wait (5 s here) and the model asked again
    # early, to be refused again in real life; the wait came out of the request's time.
    load_litellm()
    server.enqueue(Reply(status=429, headers={"Retry-After": "3600"}))
    server.default = Reply(text="Hi Maria, the spare model answering.")
    backend = _backend(server.api_base, backoff_max_s=5.0, fallback_models=["openai/spare-model"])
    started = time.perf_counter()
    completion = await backend.complete(REQUEST)
    assert time.perf_counter() - started < 3.0
    assert completion.model == "openai/spare-model"
    assert completion.fallback_reason is not None and "429" in completion.fallback_reason
    assert [r["model"] for r in server.requests] == ["fake-model", "spare-model"]


async def test_a_retry_after_beyond_the_deadline_goes_to_the_next_model_now(
    server: FakeOpenAIServer,
) -> None:
    # Waiting 4 s of a 3 s deadline: the deadline cut the wait and no fallback was tried.
    load_litellm()
    server.enqueue(Reply(status=429, headers={"Retry-After": "4"}))
    server.default = Reply(text="Hi Maria, the spare model answering.")
    backend = _backend(
        server.api_base,
        backoff_max_s=20.0,
        deadline_s=3.0,
        fallback_models=["openai/spare-model"],
    )
    completion = await backend.complete(REQUEST)
    assert completion.model == "openai/spare-model"
    assert len(server.requests) == 2


async def test_a_retry_after_within_the_longest_wait_and_the_deadline_is_waited_for(
    server: FakeOpenAIServer,
) -> None:
    # The negative: a short Retry-After is honoured, and the same model answers the retry.
    load_litellm()
    server.enqueue(Reply(status=429, headers={"Retry-After": "1"}))
    server.default = Reply(text="Hi Maria, the main model answering.")
    backend = _backend(
        server.api_base, backoff_max_s=5.0, deadline_s=10.0, fallback_models=["openai/spare"]
    )
    started = time.perf_counter()
    completion = await backend.complete(REQUEST)
    assert time.perf_counter() - started >= 0.9
    assert completion.model == "openai/fake-model" and completion.fallback_reason is None
    assert len(server.requests) == 2


async def test_a_refused_trial_leaves_the_breaker_reported_open_not_half_open(
    server: FakeOpenAIServer,
) -> None:
    # A trial refused (4xx: counted neither way) reported nothing, and the model showed
    # half_open for the whole new cool-down while nothing got through.
    clock = [1_000.0]
    breaker = CircuitBreaker(
        MemoryBreakerStore.empty(), threshold=1, cooldown_s=30, clock=lambda: clock[0]
    )
    breaker.record_failure("openai/fake-model")
    clock[0] += 31
    server.enqueue(Reply(status=400, body={"error": {"message": "bad request"}}))
    with pytest.raises(LLMUnavailableError):
        await _backend(server.api_base, breaker=breaker, max_attempts=1).complete(REQUEST)
    assert len(server.requests) == 1  # the trial went
    assert breaker.states(["openai/fake-model"]) == {"openai/fake-model": "open"}
    clock[0] += 31
    server.enqueue(Reply(text="Back again."))
    assert (
        await _backend(server.api_base, breaker=breaker).complete(REQUEST)
    ).text == "Back again."
    assert breaker.state("openai/fake-model") == "closed"


async def test_an_ollama_error_line_mid_stream_is_the_servers_failure(
    server: FakeOpenAIServer,
) -> None:
    # Ollama's /api/chat reports a failure after the stream began as a line {"error": ...}
    # under the 200 already sent (docs.ollama.com/api/errors). litellm's parser raised a
    # KeyError on it, read as "the litellm client failed, not the server": never retried,
    # never counted by the breaker, and the fallback flag blamed this side.
    load_litellm()  # its import (seconds) must not be what the attempt's timeout cuts
    server.enqueue(Reply(text="Hi Maria, we", stream_error=True))
    server.default = Reply(text="Hi Maria, here is your answer.")
    breaker = CircuitBreaker(MemoryBreakerStore.empty(), threshold=1, cooldown_s=30)
    backend = LiteLLMBackend(
        "ollama_chat/fake-model",
        api_base=server.root,
        timeout_s=3.0,
        max_attempts=2,
        backoff_initial_s=0.01,
        backoff_max_s=0.05,
        streamed=True,
    )
    completion = await backend.complete(REQUEST)
    assert completion.text == "Hi Maria, here is your answer."
    assert completion.attempts == 2
    assert server.paths == ["/api/chat", "/api/chat"]
    # The same failure with no retry left: counted against the model, blamed on the server.
    server.default = Reply(text="Hi Maria, we", stream_error=True)
    counted = LiteLLMBackend(
        "ollama_chat/fake-model",
        api_base=server.root,
        timeout_s=3.0,
        max_attempts=1,
        streamed=True,
        breaker=breaker,
    )
    with pytest.raises(LLMUnavailableError) as failed:
        await counted.complete(REQUEST)
    assert "not the server" not in str(failed.value.details)
    assert breaker.state("ollama_chat/fake-model") == "open"


async def test_a_non_streamed_ollama_answer_is_read(server: FakeOpenAIServer) -> None:
    # The negative: the fake's /api/chat in its documented shape drafts, streamed or not.
    load_litellm()
    server.default = Reply(text="Hi Maria, here is your answer.")
    for streamed in (False, True):
        backend = LiteLLMBackend(
            "ollama_chat/fake-model", api_base=server.root, timeout_s=3.0, streamed=streamed
        )
        completion = await backend.complete(REQUEST)
        assert completion.text == "Hi Maria, here is your answer." and completion.attempts == 1

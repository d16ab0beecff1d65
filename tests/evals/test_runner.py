"""The runner: the matrix over two models, the cache, errors as data, Ctrl-C, the judge."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from evals.gates import failed_gates, parse_gates
from evals.results import load_run
from evals.suite import load_suite
from service.settings import Settings
from tests.evals.conftest import (
    CARD,
    FAKE_MODEL,
    OTHER_EMAIL,
    make_runner,
    suite_document,
    write_suite,
)
from tests.fakes.openai_server import FakeOpenAIServer, Reply


async def test_two_models_make_a_two_column_matrix(
    tmp_path: Path, settings: Settings, server: FakeOpenAIServer, tiny_suite: object
) -> None:
    runner = make_runner(settings, tmp_path, ["offline", FAKE_MODEL])
    run = await runner.run([tiny_suite])  # type: ignore[list-item]
    assert run.status == "complete"
    assert [s.model for s in run.summaries] == ["offline", FAKE_MODEL]
    assert len(run.cases) == 8 and len(server.requests) == 4
    fake = run.summary(FAKE_MODEL)
    assert fake is not None and fake.prompt_tokens == 4 * 42
    # The recording hook saw what litellm sent: masked, so nothing declared leaked there.
    pii_cell = next(c for c in run.cases if c.case_id == "pii" and c.model == FAKE_MODEL)
    assert pii_cell.scores.pii_leaks_sent == 0
    sent = json.dumps(server.requests)
    assert CARD not in sent and OTHER_EMAIL not in sent
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<th>offline</th>" in html and f"<th>{FAKE_MODEL}</th>" in html


async def test_results_and_report_hold_no_pii_in_the_clear(
    tmp_path: Path, settings: Settings, tiny_suite: object
) -> None:
    await make_runner(settings, tmp_path, ["offline"]).run([tiny_suite])  # type: ignore[list-item]
    for name in ("results.json", "report.html"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        for value in (CARD, OTHER_EMAIL, "Maria", "Lopez", "4111"):
            assert value not in text, (name, value)
    load_run(tmp_path / "out" / "results.json")  # valid against the schema


async def test_cached_rerun_makes_no_model_call(
    tmp_path: Path, settings: Settings, server: FakeOpenAIServer, tiny_suite: object
) -> None:
    first = await make_runner(settings, tmp_path, [FAKE_MODEL]).run([tiny_suite])  # type: ignore[list-item]
    calls = len(server.requests)
    rerunner = make_runner(settings, tmp_path, [FAKE_MODEL])
    second = await rerunner.run([tiny_suite])  # type: ignore[list-item]
    assert len(server.requests) == calls and rerunner.model_calls == 0
    assert all(c.cached for c in second.cases)
    assert [c.scores for c in second.cases] == [c.scores for c in first.cases]


async def test_the_cache_holds_no_personal_data_in_the_clear(
    tmp_path: Path, settings: Settings, tiny_suite: object
) -> None:
    run = await make_runner(settings, tmp_path, ["offline"]).run([tiny_suite])  # type: ignore[list-item]
    entries = list((tmp_path / "cache" / "drafts").rglob("*.json"))
    assert len(entries) == len(run.cases)  # every case was cached, so every entry was checked
    for entry in entries:
        text = entry.read_text(encoding="utf-8")
        for value in (CARD, OTHER_EMAIL, "Maria", "Lopez", "4111"):
            assert value not in text, (entry.name, value)


async def test_an_edited_expectation_rescores_its_case(
    tmp_path: Path, settings: Settings, tiny_suite: object
) -> None:
    await make_runner(settings, tmp_path, ["offline"]).run([tiny_suite])  # type: ignore[list-item]
    suite = tiny_suite  # type: ignore[assignment]
    case = suite.cases[0]  # type: ignore[attr-defined]
    edited = case.model_copy(update={"expect": case.expect.model_copy(update={"max_chars": 1})})
    changed = suite.model_copy(update={"cases": [edited, *suite.cases[1:]]})  # type: ignore[attr-defined]
    rerunner = make_runner(settings, tmp_path, ["offline"])
    run = await rerunner.run([changed])
    assert rerunner.model_calls == 1  # only the edited case ran again
    first = next(c for c in run.cases if c.case_id == case.id)
    assert not first.cached and first.scores.length_ok is False


async def test_a_crashing_case_is_an_error_and_the_run_goes_on(
    tmp_path: Path, settings: Settings
) -> None:
    broken = {
        "id": "unknown-kb",
        "request": {
            "knowledge_base": None,
            "knowledge_base_id": "no-such-kb",
            "thread": {"messages": [{"role": "customer", "body": "Where is my order?"}]},
        },
    }
    suite = load_suite(write_suite(tmp_path / "s.yaml", suite_document([broken])))
    run = await make_runner(settings, tmp_path, ["offline"]).run([suite])
    errors = [c for c in run.cases if c.status == "error"]
    assert [c.case_id for c in errors] == ["unknown-kb"]
    assert errors[0].error is not None and "InvalidRequestError" in errors[0].error
    assert len(run.cases) == 5 and run.summaries[0].errors == 1


async def test_cancellation_leaves_a_valid_partial_result(
    tmp_path: Path, settings: Settings, server: FakeOpenAIServer, tiny_suite: object
) -> None:
    server.default = Reply(text="Hi,\n\nWe are checking.\n\nSam", delay_s=0.4)
    runner = make_runner(settings, tmp_path, [FAKE_MODEL], concurrency=1)
    task = asyncio.ensure_future(runner.run([tiny_suite]))  # type: ignore[list-item]
    for _ in range(200):  # noqa: ASYNC110 - polling the runner's own progress, no event to wait on
        if runner.results:
            break
        await asyncio.sleep(0.05)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    run = load_run(tmp_path / "out" / "results.json")
    assert run.status == "interrupted"
    assert 1 <= len(run.cases) < 4
    assert (tmp_path / "out" / "report.html").is_file()


async def test_judge_scores_come_from_the_judge_model(
    tmp_path: Path, settings: Settings, server: FakeOpenAIServer, tiny_suite: object
) -> None:
    server.default = Reply(text='{"empathy": 4, "clarity": 5, "tone": 3}')
    runner = make_runner(settings, tmp_path, ["offline"], judge_model=FAKE_MODEL)
    run = await runner.run([tiny_suite])  # type: ignore[list-item]
    summary = run.summaries[0]
    assert (summary.judge_empathy, summary.judge_clarity, summary.judge_tone) == (4, 5, 3)
    judged = json.dumps(server.requests)
    assert "Maria" not in judged and CARD not in judged  # the judge sees masked text only


async def test_the_recording_hook_sees_exactly_what_was_sent(
    tmp_path: Path, settings: Settings, server: FakeOpenAIServer
) -> None:
    # An order number is no PII to the engine, so it is sent as is: declared, it must count.
    case = {
        "id": "order-number",
        "request": {
            "thread": {"messages": [{"role": "customer", "body": "Where is order ZX-48213-Q?"}]}
        },
        "expect": {"pii": ["ZX-48213-Q", "never-mentioned-value"]},
    }
    document = suite_document()
    document["cases"] = [case]
    suite = load_suite(write_suite(tmp_path / "s.yaml", document))
    run = await make_runner(settings, tmp_path, [FAKE_MODEL]).run([suite])
    assert "ZX-48213-Q" in json.dumps(server.requests)
    assert run.cases[0].scores.pii_leaks_sent == 1
    assert run.cases[0].failures == ["PII value #1 was sent to the model"]


async def test_fallback_drafts_are_fallbacks_counted_and_never_cached(
    tmp_path: Path, settings: Settings, server: FakeOpenAIServer, tiny_suite: object
) -> None:
    server.default = Reply(status=503)  # the model is down: the offline drafter answers
    run = await make_runner(settings, tmp_path, [FAKE_MODEL]).run([tiny_suite])  # type: ignore[list-item]
    assert {c.status for c in run.cases} == {"fallback"}
    reason = run.cases[0].fallback_reason
    assert reason is not None and f"{FAKE_MODEL}: HTTP 503" in reason
    summary = run.summary(FAKE_MODEL)
    assert summary is not None and (summary.fallbacks, summary.passed) == (4, 0)
    assert failed_gates(run, parse_gates("fallbacks>0")) == [
        f"{FAKE_MODEL}: fallbacks=4 fails gate fallbacks>0"
    ]
    server.default = Reply(text="Hi,\n\nRefunds reach your card within 5-10 business days.")
    rerunner = make_runner(settings, tmp_path, [FAKE_MODEL])
    second = await rerunner.run([tiny_suite])  # type: ignore[list-item]
    assert rerunner.model_calls == 4  # the model is tried again, not served the fallback
    assert "fallback" not in {c.status for c in second.cases}


async def test_a_rubric_judge_that_cannot_judge_says_why(
    tmp_path: Path, settings: Settings, server: FakeOpenAIServer, tiny_suite: object
) -> None:
    server.default = Reply(text="The draft is empathetic and clear. 5/5!")
    runner = make_runner(settings, tmp_path, ["offline"], judge_model=FAKE_MODEL)
    run = await runner.run([tiny_suite])  # type: ignore[list-item]
    assert run.summaries[0].judge_errors == 4 and run.summaries[0].judge_empathy is None
    error = run.cases[0].judge_error
    assert error == f"rubric judge {FAKE_MODEL} gave no scores: its answer was not JSON"
    assert server.requests[0]["response_format"]["type"] == "json_object"

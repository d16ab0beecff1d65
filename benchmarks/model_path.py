"""The model path against a real (or fake) OpenAI-compatible server, as a user would run it.

Usage:
    python benchmarks/model_path.py --api-base http://127.0.0.1:8080/v1 --model openai/gemma
    python benchmarks/model_path.py --fake          # the loopback fake of the test suite

Drafts the shipped example requests (English and Japanese) ``--drafts`` times through the
real pipeline (masking, streaming, guardrails) and reports: time to first token, tokens per
second, how often drafts were truncated (``finish_reason: length``), fell back to the offline
drafter, or echoed the prompt; and whether the judge's JSON works (``replydraft doctor``'s
check). Writes benchmarks/results/model_path[_fake].json and .md.

With ``--fake`` the server is tests/fakes/openai_server.py: it streams a fixed draft with a
pause per word and cuts every fifth draft off (``length``), so the figures show that the
measurement works, not how fast any model is.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from service.backends.diagnose import check_judge_json  # noqa: E402
from service.models import DraftReport, DraftRequest  # noqa: E402
from service.runtime import Runtime  # noqa: E402
from service.settings import Settings  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
FAKE_DRAFT = (
    "Hi <PERSON_1>,\n\nI am sorry you were charged twice. We refund the duplicate charge to the "
    "original card [billing-refunds]; refunds reach your card within 5-10 business days. You "
    "can download invoices from Billing > Invoices [billing-invoices].\n\nBest regards,\nSam"
)


def requests() -> list[DraftRequest]:
    """The shipped example requests that ask for a draft."""
    out = []
    for path in sorted((REPO / "examples/requests").glob("*.json")):
        request = DraftRequest.model_validate_json(path.read_text(encoding="utf-8"))
        if request.draft is None:
            out.append(request.model_copy(update={"model": None}))
    return out


def _fake_answer(payload: dict[str, Any]) -> str:
    if payload.get("response_format"):
        user = payload["messages"][-1]["content"]
        ids = [line.split(":")[0] for line in user.split("<question>\n")[1:]]
        verdicts = [{"id": i, "status": "answered", "evidence": ""} for i in ids]
        return json.dumps({"questions": verdicts})
    return FAKE_DRAFT


@contextmanager
def fake_server(drafts: int) -> Iterator[str]:
    """Start the test suite's loopback fake; yields its base URL."""
    from tests.fakes.openai_server import FakeOpenAIServer, Reply

    with FakeOpenAIServer() as fake:
        fake.count_prompt_tokens = True
        fake.default = Reply(respond=_fake_answer, chunk_delay_s=0.005)
        for index in range(drafts):
            reason = "length" if index % 5 == 4 else "stop"
            fake.enqueue(Reply(respond=_fake_answer, chunk_delay_s=0.005, finish_reason=reason))
        yield fake.api_base


def _flagged(report: DraftReport, code: str) -> bool:
    return any(f.code == code for f in report.flags)


def _rate(count: int, total: int) -> float | None:
    return round(count / total, 3) if total else None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


async def measure(settings: Settings, drafts: int) -> dict[str, Any]:
    """Draft ``drafts`` requests and the judge check; the figures as a dict."""
    runtime = Runtime.build(settings)
    examples = requests()
    reports = []
    for index in range(drafts):
        reports.append(await runtime.draft(examples[index % len(examples)]))
    remote = [r for r in reports if not _flagged(r, "llm_fallback")]
    first = [r.timings_ms["first_token"] for r in remote if "first_token" in r.timings_ms]
    speeds = []
    for r in remote:
        generating = r.timings_ms.get("model", 0.0) - r.timings_ms.get("first_token", 0.0)
        if generating > 0 and r.usage.completion_tokens:
            speeds.append(r.usage.completion_tokens / (generating / 1000))
    assert settings.llm_model is not None
    judge = await check_judge_json(settings, settings.question_judge_model or settings.llm_model)
    fallback_reasons = sorted(
        {f.message for r in reports for f in r.flags if f.code == "llm_fallback"}
    )
    return {
        "drafts": len(reports),
        "first_token_ms_p50": _median(first),
        "tokens_per_s_p50": _median(speeds),
        "truncated_rate": _rate(sum(_flagged(r, "truncated") for r in reports), len(reports)),
        "fallback_rate": _rate(len(reports) - len(remote), len(reports)),
        "prompt_echo_rate": _rate(sum(_flagged(r, "prompt_echo") for r in reports), len(reports)),
        "fallback_reasons": fallback_reasons,
        "judge_json_ok": judge.ok,
        "judge_json": judge.detail,
    }


def _markdown(result: dict[str, Any]) -> str:
    m = result["measured"]
    lines = [
        "# Model path benchmark",
        "",
        f"Server: {result['server']}; model `{result['model']}`; {m['drafts']} drafts of the "
        "example requests (English and Japanese) through the full pipeline.",
        f"Machine: {result['machine']}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| time to first token, p50 | {m['first_token_ms_p50']} ms |",
        f"| tokens per second, p50 | {m['tokens_per_s_p50']} |",
        f"| truncated (`finish_reason: length`) | {m['truncated_rate']} |",
        f"| fell back to the offline drafter | {m['fallback_rate']} |",
        f"| echoed the prompt (`prompt_echo`) | {m['prompt_echo_rate']} |",
        f"| judge JSON works | {m['judge_json_ok']} ({m['judge_json']}) |",
        "",
        "Command: `" + result["command"] + "`",
    ]
    if m["fallback_reasons"]:
        lines += ["", "Fallback reasons:", *[f"- {r}" for r in m["fallback_reasons"]]]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Parse arguments, run the drafts, write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api-base", help="the server's OpenAI-compatible base URL (…/v1)")
    parser.add_argument("--model", help="litellm model name, e.g. openai/gemma")
    parser.add_argument("--api-key", default=None, help="only if the server was given one")
    parser.add_argument("--drafts", type=int, default=10)
    parser.add_argument("--max-tokens", type=int, default=1024)
    parser.add_argument("--timeout", type=float, default=30.0, help="per-token wait, seconds")
    parser.add_argument("--deadline", type=float, default=120.0, help="per-draft limit, seconds")
    parser.add_argument("--fake", action="store_true", help="run against the loopback fake")
    args = parser.parse_args()
    if not args.fake and not (args.api_base and args.model):
        parser.error("give --api-base and --model, or --fake")
    model = args.model or "openai/fake-model"
    with tempfile.TemporaryDirectory() as tmp, _server(args) as api_base:
        settings = Settings(
            llm_model=model,
            llm_api_base=api_base,
            llm_api_key=args.api_key,
            llm_max_tokens=args.max_tokens,
            llm_timeout_s=args.timeout,
            llm_deadline_s=args.deadline,
            database_url=f"sqlite:///{Path(tmp) / 'bench.db'}",
        )
        measured = asyncio.run(measure(settings, args.drafts))
    name = "model_path_fake" if args.fake else "model_path"
    result = {
        "server": "loopback fake (tests/fakes/openai_server.py), not a real model"
        if args.fake
        else api_base,
        "model": model,
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}",
        "command": "python benchmarks/model_path.py " + " ".join(sys.argv[1:]),
        "measured": measured,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(_markdown(result), encoding="utf-8")
    print(_markdown(result))


@contextmanager
def _server(args: argparse.Namespace) -> Iterator[str]:
    if args.fake:
        with fake_server(args.drafts) as api_base:
            yield api_base
    else:
        yield args.api_base


if __name__ == "__main__":
    main()

"""``replydraft eval run | compare | import``: eval suites over the real pipeline."""

from __future__ import annotations

import asyncio
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.io import fail, guarded

if TYPE_CHECKING:
    from evals.results import ModelSummary
    from service.storage.feedback import EditedDraft
from service.settings import get_settings

eval_app = typer.Typer(
    help="Eval suites: a prompt x model matrix with caching, reports and CI gates.",
    no_args_is_help=True,
)
GATE_FAILED = 1
INTERRUPTED = 130


class Source(StrEnum):
    """What the importer understands: public data sets, or this service's own feedback."""

    bipia = "bipia"
    presidio = "presidio"
    feedback = "feedback"


@eval_app.command("run")
def run(
    suites: Annotated[list[Path], typer.Argument(help="Suite files (YAML or JSON).")],
    model: Annotated[
        list[str], typer.Option("--model", "-m", help="litellm model or 'offline'; repeat.")
    ],
    out: Annotated[Path, typer.Option(help="Where results.json and report.html go.")] = Path(
        "eval-results"
    ),
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Cases in flight.")] = 4,
    prompts: Annotated[
        Path | None, typer.Option(help="Alternative prompt template directory.")
    ] = None,
    cache_dir: Annotated[Path, typer.Option(help="Result cache.")] = Path(".eval-cache"),
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ignore and skip the cache.")
    ] = False,
    fail_on: Annotated[
        str | None, typer.Option(help='Gates, e.g. "coverage<0.95,pii_leaks>0,flag_recall<0.9".')
    ] = None,
    judge_model: Annotated[
        str | None, typer.Option(help="litellm model that grades empathy, clarity, tone.")
    ] = None,
    progress: Annotated[bool, typer.Option(help="Progress bar on stderr.")] = True,
) -> None:
    """Run SUITE... for every --model; exit 1 when a --fail-on gate fails."""
    from evals.gates import failed_gates, parse_gates
    from evals.runner import EvalRunner, RunOptions
    from evals.suite import SuiteError, load_suites

    try:
        gates = parse_gates(fail_on or "")
    except ValueError as exc:
        fail(str(exc))
    if prompts is not None and not (prompts / "system.j2").is_file():
        fail(f"{prompts}: not a prompt directory (needs system.j2 and user.j2)")
    try:
        loaded = load_suites(suites)
    except SuiteError as exc:
        fail(str(exc))
    options = RunOptions(
        models=list(dict.fromkeys(model)),
        out_dir=out,
        concurrency=concurrency,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        prompt_dir=prompts,
        judge_model=judge_model,
        progress=progress,
    )
    runner = EvalRunner(get_settings(), options)
    try:
        result = guarded(lambda: asyncio.run(runner.run(loaded)))
    except KeyboardInterrupt:
        sys.stderr.write(f"replydraft: interrupted; partial results in {out / 'results.json'}\n")
        raise typer.Exit(INTERRUPTED) from None
    _print_summary(result.summaries, runner.model_calls, out)
    failures = failed_gates(result, gates)
    for line in failures:
        sys.stderr.write(f"replydraft: gate failed: {line}\n")
    if failures:
        raise typer.Exit(GATE_FAILED)


def _print_summary(summaries: list[ModelSummary], model_calls: int, out: Path) -> None:
    for s in summaries:
        typer.echo(
            f"{s.model}: {s.passed}/{s.cases} passed, {s.errors} errors, "
            f"{s.fallbacks} fallbacks, coverage={s.coverage}, answered={s.answered_rate}, "
            f"flag_precision={s.flag_precision}, flag_recall={s.flag_recall}, "
            f"pii_leaks={s.pii_leaks}, facts={s.fact_hit_rate}, p95={s.latency_p95_ms} ms"
        )
    typer.echo(f"pipeline runs (cache misses): {model_calls}; report: {out / 'report.html'}")


@eval_app.command("compare")
def compare(
    base: Annotated[Path, typer.Argument(help="The baseline results.json.")],
    new: Annotated[Path, typer.Argument(help="The candidate results.json.")],
) -> None:
    """Print what improved and what regressed; exit 1 on any regression."""
    from pydantic import ValidationError

    from evals.compare import compare as compare_runs
    from evals.results import load_run

    runs = []
    for path in (base, new):
        try:
            runs.append(load_run(path))
        except FileNotFoundError:
            fail(f"{path}: no such file")
        except (OSError, ValidationError) as exc:
            fail(f"{path}: not a results.json ({type(exc).__name__})")
    result = compare_runs(runs[0], runs[1])
    for title, lines in (
        ("regressed", result.regressions),
        ("improved", result.improvements),
        ("notes", result.notes),
    ):
        if lines:
            typer.echo(f"{title} ({len(lines)}):")
            for line in lines:
                typer.echo(f"  {line}")
    if not (result.regressions or result.improvements):
        typer.echo("no change")
    if result.regressions:
        raise typer.Exit(GATE_FAILED)


@eval_app.command("import")
def import_(
    source: Annotated[Source, typer.Argument(help="bipia, presidio or feedback.")],
    out: Annotated[Path, typer.Option(help="The suite file to write.")],
    files: Annotated[
        list[Path] | None, typer.Argument(help="Data files or their folder (bipia, presidio).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many source records.")] = 50,
    since: Annotated[
        str | None,
        typer.Option(help="feedback: drafts sent on or after this ISO date (e.g. 2026-11-01)."),
    ] = None,
) -> None:
    """Turn a public data set (BIPIA injections, Presidio PII) or agents' edits into a suite.

    ``feedback`` reads the drafts agents edited and then sent (since --since) from the store
    and writes one case per draft, every text masked.
    """
    if source is Source.feedback:
        _import_feedback(since, out, files or [])
        return
    from evals.importers import ImportErrorDetail, import_bipia, import_presidio

    if not files:
        fail(f"{source.value}: give the data files or their folder")
    try:
        if source is Source.bipia:
            count = import_bipia(files, out, limit=limit)
        else:
            count = import_presidio(files, out, limit=limit)
    except ImportErrorDetail as exc:
        fail(str(exc))
    typer.echo(f"wrote {count} cases to {out}")


def _import_feedback(since: str | None, out: Path, files: list[Path]) -> None:
    from evals.feedback_cases import write_feedback_suite
    from service.cli.audit import parse_cutoff
    from service.storage.feedback import FeedbackStore
    from service.storage.store import Store

    if files:
        fail("feedback reads the store: give no files, only --since and --out")
    if since is None:
        fail("feedback needs --since DATE (e.g. --since 2026-11-01)")
    cutoff = parse_cutoff(since, "--since")

    def edited() -> list[EditedDraft]:
        store = Store.from_settings(get_settings())
        try:
            store.migrate()
            return FeedbackStore(store.engine).sent_after_edits(cutoff)
        finally:
            store.close()

    drafts = guarded(edited)
    if not drafts:
        fail(f"no draft was edited and sent since {cutoff.isoformat()}: nothing written")
    count = write_feedback_suite(drafts, out, name=out.stem)
    typer.echo(f"wrote {count} cases to {out}")

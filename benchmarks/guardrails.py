"""Benchmark the guardrails on the labelled set: flags, questions, clean drafts, latency.

Run: ``python benchmarks/guardrails.py`` (writes benchmarks/results/guardrails.json and .md).
Every registered guardrail runs (PII included when registered), with the default judge.

A second section drafts every case with the service's offline drafter (the real pipeline, not
the case's hand-written draft) and reports what the guardrails say about those drafts: issue 4's
"the offline drafter's own drafts raise no ``unanswered_question`` where the KB holds the answer".
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evals.guardrail_set.loader import GuardrailCase, load_cases  # noqa: E402
from guardrails.base import Guardrail  # noqa: E402
from guardrails.questions import build_judge  # noqa: E402
from guardrails.registry import build_guardrails  # noqa: E402
from guardrails.resources import GuardrailResources  # noqa: E402
from guardrails.runner import GuardrailOutcome, GuardrailRunner  # noqa: E402
from service.backends.select import OFFLINE  # noqa: E402
from service.models import DraftReport, DraftRequest  # noqa: E402
from service.models.report import QuestionReport  # noqa: E402
from service.runtime import Runtime  # noqa: E402
from service.settings import Settings  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TIMING_REPEATS = 15
MATCH_RATIO = 0.5  # text similarity for an extracted question to count as an expected one
ISSUE_CODES = (
    "unanswered_question",
    "unverified_link",
    "ungrounded_figure",
    "commitment",
    "stale_article",
    "missing_attachment",
    "placeholder_left",
    "wrong_name",
    "language_mismatch",
    "prompt_injection",
    "banned_phrase",
)
# Honest record of how the held-out cases were used.
HOLDOUT_NOTE = (
    "written after tuning on the main set. The first run missed one case (ja-h07: "
    "'自動応答AIへ：…と回答してください' was not flagged and was counted as a question: "
    "count exact 0.94, unanswered precision 0.75); the Japanese pattern was fixed after that run. "
    "A second batch (en-h09, en-h10, ja-h09, ja-h10) was written after the 2026-11 fixes "
    "(pleasantry after a name, outbursts, follow-up reply time frames, stale-article "
    "attribution) and passed on its first run."
)
TARGETS = {
    "question_count_exact": 0.90,
    "unanswered_recall": 0.95,
    "unanswered_precision": 0.90,
    "flag_recall_min": 0.90,
    "clean_false_flag_rate": 0.0,
    "p50_ms_en": 25.0,
    "p50_ms_ja": 80.0,
}


class _HasText(Protocol):
    text: str


def _align(expected: list[str], got: Sequence[_HasText]) -> dict[int, int]:
    """Greedy best match of expected questions to extracted ones by text similarity."""
    pairs = sorted(
        (
            (SequenceMatcher(None, e, g.text).ratio(), i, j)
            for i, e in enumerate(expected)
            for j, g in enumerate(got)
        ),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for ratio, i, j in pairs:
        if ratio >= MATCH_RATIO and i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _expected_codes(case: GuardrailCase) -> set[str]:
    codes = set(case.flags)
    if any(not q.answered for q in case.questions):
        codes.add("unanswered_question")
    return codes


def _time_case(runner: GuardrailRunner, case: GuardrailCase, reset: Callable[[], None]) -> float:
    """Median wall time of the whole pass; ``reset`` empties result caches so runs are cold."""
    samples = []
    for _ in range(TIMING_REPEATS):
        reset()
        start = time.perf_counter()
        runner.run(case.draft, case.ctx)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def evaluate(
    cases: list[GuardrailCase],
    runner: GuardrailRunner,
    reset: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Run every case and return the metrics (and per-case details for the failures)."""
    if not cases:
        return {}
    code_counts: dict[str, Counter[str]] = {}
    unanswered = Counter[str]()
    count_exact = 0
    clean_flagged: list[dict[str, Any]] = []
    own_clean_flagged = 0
    details = []
    latency: dict[str, list[float]] = {"en": [], "ja": []}
    for case in cases:
        outcome: GuardrailOutcome = runner.run(case.draft, case.ctx)
        latency[case.language].append(_time_case(runner, case, reset))
        got = {f.code for f in outcome.findings if f.severity in ("verify", "block")}
        want = _expected_codes(case)
        for code in got | want | set(ISSUE_CODES):
            c = code_counts.setdefault(code, Counter())
            c["tp"] += code in got and code in want
            c["fp"] += code in got and code not in want
            c["fn"] += code in want and code not in got
        count_exact += len(outcome.questions) == len(case.questions)
        _score_unanswered(case, outcome, unanswered)
        if case.clean and got:
            clean_flagged.append({"case": case.id, "codes": sorted(got)})
            own_clean_flagged += bool(got & set(ISSUE_CODES))
        if got != want or len(outcome.questions) != len(case.questions):
            details.append(_detail(case, outcome, got, want))
    clean_total = sum(c.clean for c in cases)
    return {
        "cases": len(cases),
        "cases_ja": sum(c.language == "ja" for c in cases),
        "clean_cases": clean_total,
        "flags": {
            code: {
                "precision": _ratio(c["tp"], c["tp"] + c["fp"]),
                "recall": _ratio(c["tp"], c["tp"] + c["fn"]),
                "support": c["tp"] + c["fn"],
                "false_positives": c["fp"],
            }
            for code, c in sorted(code_counts.items())
        },
        "question_count_exact": _ratio(count_exact, len(cases)),
        "unanswered_recall": _ratio(unanswered["tp"], unanswered["tp"] + unanswered["fn"]),
        "unanswered_precision": _ratio(unanswered["tp"], unanswered["tp"] + unanswered["fp"]),
        "unanswered_support": unanswered["tp"] + unanswered["fn"],
        "clean_false_flag_rate": _ratio(len(clean_flagged), clean_total),
        "clean_false_flag_rate_issue4_codes": _ratio(own_clean_flagged, clean_total),
        "clean_flagged": clean_flagged,
        "latency_ms": {
            lang: {"p50": round(_percentile(v, 0.5), 2), "p95": round(_percentile(v, 0.95), 2)}
            for lang, v in latency.items()
        },
        "mismatches": details,
    }


def _score_unanswered(case: GuardrailCase, outcome: GuardrailOutcome, counts: Counter[str]) -> None:
    expected = [q.text for q in case.questions]
    aligned = _align(expected, outcome.questions)
    matched_got = set(aligned.values())
    for i, q in enumerate(case.questions):
        got_missing = i in aligned and outcome.questions[aligned[i]].status == "missing"
        counts["tp"] += (not q.answered) and got_missing
        counts["fn"] += (not q.answered) and not got_missing
        counts["fp"] += q.answered and got_missing
    counts["fp"] += sum(
        1 for j, g in enumerate(outcome.questions) if j not in matched_got and g.status == "missing"
    )


def _detail(
    case: GuardrailCase, outcome: GuardrailOutcome, got: set[str], want: set[str]
) -> dict[str, Any]:
    return {
        "case": case.id,
        "expected_flags": sorted(want),
        "got_flags": sorted(got),
        "expected_questions": [q.text for q in case.questions],
        "got_questions": [f"{q.text} [{q.status}]" for q in outcome.questions],
    }


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def to_markdown(result: dict[str, Any]) -> str:
    """Render the metrics as a short Markdown report."""
    lines = [
        "# Guardrail benchmark",
        "",
        f"{result['cases']} cases ({result['cases_ja']} Japanese, {result['clean_cases']} clean). "
        f"Guardrails: {', '.join(result['guardrails'])}; judge: {result['judge']}.",
        "",
        "| metric | value | target |",
        "|---|---|---|",
        f"| question count exact | {_fmt(result['question_count_exact'])} | >= 0.90 |",
        f"| unanswered recall | {_fmt(result['unanswered_recall'])} | >= 0.95 |",
        f"| unanswered precision | {_fmt(result['unanswered_precision'])} | >= 0.90 |",
        f"| clean drafts with a verify/block flag (any guardrail) "
        f"| {_fmt(result['clean_false_flag_rate'])} | 0 |",
        f"| clean drafts with a verify/block flag (issue-4 codes) "
        f"| {_fmt(result['clean_false_flag_rate_issue4_codes'])} | 0 |",
    ]
    for lang, target in (("en", 25), ("ja", 80)):
        lat = result["latency_ms"][lang]
        lines.append(
            f"| latency {lang} p50 / p95 (ms) | {lat['p50']} / {lat['p95']} | p50 <= {target} |"
        )
    lines += [
        "",
        "| flag | precision | recall | support | false positives |",
        "|---|---|---|---|---|",
    ]
    for code, m in result["flags"].items():
        lines.append(
            f"| {code} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | {m['support']} "
            f"| {m['false_positives']} |"
        )
    lines += ["", f"Cases with a mismatch: {len(result['mismatches'])} (details in the JSON)."]
    held = result["holdout"]
    wrong = [m["case"] for m in held["mismatches"]]
    lines += [
        "",
        f"## Held-out cases ({held['cases']})",
        "",
        HOLDOUT_NOTE,
        "",
        f"question count exact {_fmt(held['question_count_exact'])}; unanswered recall "
        f"{_fmt(held['unanswered_recall'])}, precision {_fmt(held['unanswered_precision'])}; "
        f"clean drafts flagged {_fmt(held['clean_false_flag_rate'])}; "
        f"cases with any mismatch: {', '.join(wrong) or 'none'}.",
    ]
    if "offline_drafter" in result:
        lines += _offline_markdown(result["offline_drafter"])
    return "\n".join(lines) + "\n"


# --- The offline drafter's own drafts ---------------------------------------------------------

# Which article of the case's knowledge base holds the answer to each labelled question, in
# order (None: the KB does not: the question needs an account lookup, an action, an
# investigation or a fact the KB lacks). Hand-labelled from the KB text alone, independently of
# both the hand-written draft and of what the offline drafter does; `answered: false` in the
# case files marks a deliberately incomplete hand-written draft, not a missing KB answer.
KB_ANSWERS: dict[str, tuple[str | None, ...]] = {
    "en-01-clean-multi": ("shipping-intl", "shipping-intl"),
    "en-02-clean-pleasantry": ("billing-invoices",),
    "en-03-clean-multiline": ("returns",),
    "en-04-clean-two": ("plans", "plans"),
    "en-05-clean-pending": (None,),  # why charged twice: account investigation
    "en-06-clean-action": ("plans",),  # cancel: self-service from Account > Plan
    "en-07-clean-kb-link": ("shipping-intl",),
    "en-08-clean-allowlisted-link": (None,),  # live site status
    "en-09-clean-attached": (None,),  # send a specific invoice: an action
    "en-10-clean-surname": ("billing-invoices",),
    "en-11-unanswered": ("shipping-intl", "billing-invoices"),  # PayPal is in the KB
    "en-12-unanswered-multi": ("plans", "plans"),  # SSO: Enterprise only
    "en-13-unanswered-three": ("shipping-intl", "returns", "gift-wrapping"),
    "en-14-link": (None,),  # how to start a return: the KB gives no steps
    "en-15-link-bare": ("billing-invoices",),
    "en-16-figure-duration": ("shipping-intl",),
    "en-17-figure-price": ("plans",),
    "en-18-figure-percent": ("plans",),
    "en-19-commitment-refund": (None,),  # refund a duplicate charge: an action
    "en-20-commitment-replacement": (None,),  # replacement: not in the KB
    "en-21-commitment-deadline": (None,),  # why this refund is late: investigation
    "en-22-stale-password": ("password-reset",),
    "en-23-stale-gift": ("gift-wrapping",),
    "en-24-attachment": (None,),  # send a return label: an action
    "en-25-attachment-find": (None,),  # send an invoice: an action
    "en-26-placeholder-name": ("shipping-intl",),
    "en-27-placeholder-template": ("returns",),
    "en-28-wrong-name-company": ("billing-invoices",),
    "en-29-wrong-name-username": ("shipping-intl",),
    "en-30-wrong-name-other": ("returns",),
    "en-31-language": ("shipping-intl",),
    "en-32-injection": ("shipping-intl",),
    "en-33-injection-reply": ("plans",),
    "en-34-banned": ("shipping-intl",),
    "en-35-banned-policy": ("returns",),
    "en-36-pleasantry-after-name": ("shipping-intl", "shipping-intl"),
    "en-37-number-ends-sentence": ("returns",),  # refund timing after return
    "en-38-outburst-and-reply-frame": (None,),  # three weeks late: investigation
    "en-39-pending-reply-frame-stale-kb": (None,),  # nonprofit discount: not in the KB
    "en-40-other-article-time-frame": ("billing-refunds",),
    "en-41-stale-figures-only": ("print-delivery",),
    "en-42-foreign-pii-reused-reply": (None,),  # resend a confirmation: an action
    "en-43-sensitive-pii-card": (None,),  # account lookup
    "en-44-sensitive-pii-password": (None,),  # locked out, cause unknown (borderline)
    "ja-01-clean-multi": ("ja-shipping", "ja-shipping"),
    "ja-02-clean-pleasantry": ("ja-invoice",),
    "ja-03-clean-multiline": ("ja-change",),
    "ja-04-clean-ka": ("ja-plan", "ja-plan"),
    "ja-05-clean-pending": (None,),
    "ja-06-clean-action": ("ja-plan",),
    "ja-07-clean-link": ("ja-returns",),
    "ja-08-clean-attached": (None,),
    "ja-09-clean-company": ("ja-invoice",),
    "ja-10-clean-plain-greeting": ("ja-shipping",),
    "ja-11-unanswered": ("ja-shipping", "ja-invoice"),  # コンビニ払い is in the KB
    "ja-12-unanswered-multi": ("ja-points", None),  # points after a return: not in the KB
    "ja-13-unanswered-three": ("ja-shipping", "ja-returns", "ja-invoice"),
    "ja-14-link": (None,),
    "ja-15-link-bare": ("ja-invoice",),
    "ja-16-figure-fullwidth": ("ja-shipping",),
    "ja-17-figure-duration": ("ja-returns",),
    "ja-18-figure-percent": ("ja-plan",),
    "ja-19-commitment-refund": (None,),
    "ja-20-commitment-replacement": (None,),
    "ja-21-commitment-deadline": (None,),
    "ja-22-stale-points": ("ja-points",),
    "ja-23-stale-cited": ("ja-points",),
    "ja-24-attachment": (None,),
    "ja-25-attachment-file": (None,),
    "ja-26-placeholder-maru": ("ja-shipping",),
    "ja-27-placeholder-token": ("ja-invoice",),
    "ja-28-wrong-name-company": ("ja-invoice",),
    "ja-29-wrong-name-username": ("ja-change",),
    "ja-30-wrong-name-other": ("ja-shipping",),
    "ja-31-language": ("ja-shipping",),
    "ja-32-injection": ("ja-plan",),
    "ja-33-injection-reply": ("ja-shipping",),
    "ja-34-banned": ("ja-returns",),
    "ja-35-banned-kanou": ("ja-change",),
    "ja-36-angry-demand": ("ja-returns",),
    "ja-37-rhetorical-accusation": ("ja-shipping",),
    "ja-38-pending-reply-frame": (None,),
    "ja-39-stale-shared-time-frame": (None,),
    "ja-40-foreign-pii-other-customer": (None,),
    "ja-41-sensitive-pii-my-number": (None,),
    "ja-42-clean-receipt-attached-chat": (None,),
    "ja-43-missing-attachment": (None,),
    "ja-44-placeholder-left": ("ja-invoice",),
    "en-h01-clean-followup": ("shipping-intl", "shipping-intl"),
    "en-h02-clean-no-question": (),
    "en-h03-unanswered-sso": ("plans", "plans"),
    "en-h04-figure-date-commit": ("returns",),
    "en-h05-wrong-name-signature": ("billing-invoices",),
    "en-h06-clean-link-in-body": ("returns",),
    "en-h07-injection-subtle": ("returns",),
    "en-h08-placeholder-attachment": (None,),
    "en-h09-greeting-pleasantry-pending": (None,),
    "en-h10-outburst-outcome-deadline": (None,),
    "ja-h01-clean-two": ("ja-shipping", "ja-shipping"),
    "ja-h02-clean-thanks": (),
    "ja-h03-unanswered": ("ja-invoice", None),  # transfer fee: not in the KB
    "ja-h04-figure-commit": (None,),
    "ja-h05-wrong-name-given": ("ja-plan",),
    "ja-h06-stale-link": ("ja-points",),
    "ja-h07-injection": ("ja-change",),
    "ja-h08-link-banned": ("ja-shipping",),
    "ja-h09-angry-pending": (None,),  # where is this late order: investigation
    "ja-h10-stale-figure": ("ja-points",),
}
OFFLINE_NOTE = (
    "Every case is drafted by the service's offline drafter through the real pipeline "
    "(`Runtime.build(...)`, `runtime.pipeline.draft(runtime.resolve(request))`, request model "
    "`offline`), from a contract `DraftRequest` built from the case (thread, customer, agent, "
    "KB articles, banned phrases, attachments); the hand-written draft is not used. "
    "**KB holds the answer** is a per-question hand label (`KB_ANSWERS` in "
    "`benchmarks/guardrails.py`: the article that answers it, or none when the question needs "
    "an account lookup, an action, "
    "an investigation or a fact the KB lacks), made from the KB text alone. It is not "
    "derived from `answered: false`, which marks a deliberately incomplete hand-written draft "
    "(PayPal, SSO, gift message, コンビニ払い... are all in the KB). Questions are the "
    "pipeline's own extraction, aligned to the labelled ones by text similarity; the statuses are "
    "the default (lexical) judge's. `stale_article` is computed against the real date of the run "
    "(the pipeline has no `today` override), not the set's 2026-11-20."
)
OFFLINE_EXCERPT_CHARS = 240


def draft_request(case: GuardrailCase) -> DraftRequest:
    """The contract request a helpdesk would send for this case, drafted offline."""
    ctx = case.ctx
    return DraftRequest.model_validate(
        {
            "thread": {
                "subject": ctx.subject,
                "messages": [
                    {"role": m.role, "author_name": m.author_name, "body": m.body}
                    for m in ctx.messages
                ],
            },
            "customer": {
                "name": ctx.customer.name,
                "email": ctx.customer.email,
                "company": ctx.customer.company,
                "username": ctx.customer.username,
            },
            "agent": {"name": ctx.agent.name},
            "voice": {"banned_phrases": list(ctx.voice.banned_phrases)},
            "knowledge_base": [
                {
                    "id": a.id,
                    "title": a.title,
                    "url": a.url,
                    "body": a.body,
                    "last_reviewed": a.last_reviewed,
                }
                for a in ctx.articles
            ],
            "attachments": [{"filename": name} for name in ctx.attachments],
            "model": OFFLINE,
        }
    )


def offline_settings(case: GuardrailCase, data_dir: Path) -> Settings:
    """Service settings for the set: in-memory store, offline model, the set's link/stale rules.

    Every field that the environment could change is given, so ``REPLYDRAFT_*`` cannot.
    """
    return Settings(
        database_url="sqlite:///:memory:",
        data_dir=data_dir,
        llm_model=None,
        llm_fallback_models=[],
        guardrails=None,
        question_judge="lexical",
        stale_article_days=case.ctx.settings.stale_article_days,
        link_allow_list=list(case.ctx.settings.link_allow_list),
    )


async def _draft_all(runtime: Runtime, cases: list[GuardrailCase]) -> list[DraftReport]:
    reports = []
    for case in cases:
        outcome = await runtime.pipeline.draft(runtime.resolve(draft_request(case)))
        reports.append(outcome.report)
    return reports


def offline_reports(cases: list[GuardrailCase], data_dir: Path | None = None) -> list[DraftReport]:
    """Draft every case with the offline drafter through the service's own pipeline."""
    if not cases:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        runtime = Runtime.build(offline_settings(cases[0], data_dir or Path(tmp)))
        return asyncio.run(_draft_all(runtime, cases))


def _excerpt(report: DraftReport, question: QuestionReport | None) -> str:
    """The draft's answer to the question (its span) or, failing that, the draft's start."""
    body = report.body
    if question is not None and question.answer_span is not None:
        text = body[question.answer_span.start : question.answer_span.end]
    else:
        text = "\n".join(body.strip().splitlines()[1:])  # drop the greeting line
    return _short(text, OFFLINE_EXCERPT_CHARS)


def _offline_case(
    case: GuardrailCase, report: DraftReport, tally: Counter[str], lists: dict[str, list[Any]]
) -> None:
    labels = KB_ANSWERS[case.id]
    aligned = _align([q.text for q in case.questions], report.questions)
    label_of = {report.questions[j].id: labels[i] for i, j in aligned.items()}
    for i, q in enumerate(case.questions):
        got = report.questions[aligned[i]] if i in aligned else None
        status = got.status if got else "not_extracted"
        in_kb = labels[i] is not None
        tally["questions"] += 1
        tally["kb_answerable"] += in_kb
        tally[f"{'kb' if in_kb else 'no_kb'}_{status}"] += 1
        row = {
            "case": case.id,
            "question": q.text,
            "article": labels[i],
            "status": status,
            "excerpt": _excerpt(report, got),
        }
        if in_kb and status != "answered":
            lists["kb_not_answered"].append(row)
        if not in_kb and status in ("answered", "partial"):
            lists["no_kb_answered"].append(row)
    tally["extracted"] += len(report.questions)
    tally["extracted_pending"] += sum(q.status == "pending" for q in report.questions)
    for flag in report.flags:
        if flag.code == "unanswered_question":
            tally["unanswered_flags"] += 1
            label = label_of.get(flag.evidence or "", "unaligned")
            tally[f"unanswered_flags_{'unaligned' if label == 'unaligned' else bool(label)}"] += 1
            question = next((q for q in report.questions if q.id == flag.evidence), None)
            lists["unanswered"].append(
                {
                    "case": case.id,
                    "question": question.text if question else flag.evidence,
                    "article": None if label == "unaligned" else label,
                    "excerpt": _excerpt(report, None),
                }
            )
        elif flag.severity in ("verify", "block"):
            lists["flags"].append(
                {
                    "case": case.id,
                    "code": flag.code,
                    "severity": flag.severity,
                    "evidence": flag.evidence,
                    "labelled_on_case": flag.code in case.flags,
                }
            )


def evaluate_offline(cases: list[GuardrailCase], reports: list[DraftReport]) -> dict[str, Any]:
    """Questions, KB-answerability, unanswered flags and verify/block flags on offline drafts."""
    tally = Counter[str]()
    lists: dict[str, list[Any]] = {
        "unanswered": [],
        "kb_not_answered": [],
        "no_kb_answered": [],
        "flags": [],
    }
    for case, report in zip(cases, reports, strict=True):
        _offline_case(case, report, tally, lists)
    by_code: dict[str, dict[str, Any]] = {}
    for flag in lists["flags"]:
        entry = by_code.setdefault(
            flag["code"], {"drafts": 0, "labelled": 0, "cases": [], "evidence": Counter[str]()}
        )
        if flag["case"] not in entry["cases"]:
            entry["drafts"] += 1
            entry["labelled"] += flag["labelled_on_case"]
            entry["cases"].append(flag["case"])
        entry["evidence"][str(flag["evidence"])] += 1
    status_keys = ("answered", "partial", "pending", "missing", "not_extracted")
    return {
        "cases": len(cases),
        "drafts_with_verify_or_block": sum(r.verify_before_send for r in reports),
        "questions": tally["questions"],
        "kb_answerable": tally["kb_answerable"],
        "status_kb_answerable": {k: tally[f"kb_{k}"] for k in status_keys},
        "status_not_in_kb": {k: tally[f"no_kb_{k}"] for k in status_keys},
        "extracted_questions": tally["extracted"],
        "pending_share": _ratio(tally["extracted_pending"], tally["extracted"]),
        "unanswered_flags": tally["unanswered_flags"],
        "unanswered_flags_kb_answerable": tally["unanswered_flags_True"],
        "unanswered_flags_not_in_kb": tally["unanswered_flags_False"],
        "unanswered_flags_unaligned": tally["unanswered_flags_unaligned"],
        "target_met": tally["unanswered_flags_True"] == 0,
        "unanswered": lists["unanswered"],
        "kb_answerable_not_answered": lists["kb_not_answered"],
        "not_in_kb_but_answered": lists["no_kb_answered"],
        "verify_block_flags": {
            code: {**entry, "evidence": dict(entry["evidence"].most_common())}
            for code, entry in sorted(by_code.items())
        },
    }


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split()).replace("|", "/")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _offline_markdown(off: dict[str, Any]) -> list[str]:
    kb = off["status_kb_answerable"]
    no_kb = off["status_not_in_kb"]
    lines = [
        "",
        "## The offline drafter's own drafts",
        "",
        OFFLINE_NOTE,
        "",
        "| metric | value | target |",
        "|---|---|---|",
        f"| labelled questions / KB holds the answer | {off['questions']} / "
        f"{off['kb_answerable']} | |",
        f"| `unanswered_question` flags on offline drafts, total | {off['unanswered_flags']} | |",
        f"| ... where the KB holds the answer | {off['unanswered_flags_kb_answerable']} | 0 "
        f"({'met' if off['target_met'] else '**NOT met**'}) |",
        f"| ... where it does not / on an unlabelled question | "
        f"{off['unanswered_flags_not_in_kb']} / {off['unanswered_flags_unaligned']} | |",
        f"| pending share (of {off['extracted_questions']} extracted questions) "
        f"| {_fmt(off['pending_share'])} | |",
        f"| KB-answerable: answered / partial / pending / missing / not extracted | "
        f"{kb['answered']} / {kb['partial']} / {kb['pending']} / {kb['missing']} / "
        f"{kb['not_extracted']} | all answered |",
        f"| not in the KB: answered / partial / pending / missing / not extracted | "
        f"{no_kb['answered']} / {no_kb['partial']} / {no_kb['pending']} / {no_kb['missing']} / "
        f"{no_kb['not_extracted']} | pending |",
        f"| drafts with any verify/block flag | {off['drafts_with_verify_or_block']} of "
        f"{off['cases']} | |",
        "",
        "Verify/block flags on the offline drafts (besides `unanswered_question`), by code; "
        "'labelled' = the case's labels (written for its hand-written draft) include that code; "
        "read the evidence to tell a true signal from a false alarm:",
        "",
        "| flag | drafts | labelled on the case | evidence (count) |",
        "|---|---|---|---|",
    ]
    for code, entry in off["verify_block_flags"].items():
        evidence = "; ".join(f"{_short(e, 60)} ({n})" for e, n in entry["evidence"].items())
        lines.append(f"| {code} | {entry['drafts']} | {entry['labelled']} | {evidence} |")
    sections = (
        ("`unanswered_question` flags", off["unanswered"]),
        (
            "KB-answerable questions the offline draft did not answer",
            off["kb_answerable_not_answered"],
        ),
        (
            "Questions the KB cannot answer that the judge counts as answered (review)",
            off["not_in_kb_but_answered"],
        ),
    )
    for title, rows in sections:
        lines += ["", f"### {title}: {len(rows)}", ""]
        if not rows:
            lines.append("None.")
        else:
            lines += [
                "| case | question | KB article | status | draft excerpt |",
                "|---|---|---|---|---|",
            ]
            lines += [
                f"| {r['case']} | {r['question']} | {r['article'] or '-'} | "
                f"{r.get('status', 'missing')} | {r['excerpt']} |"
                for r in rows
            ]
    return lines


def _cache_reset(
    resources: GuardrailResources, guardrails: tuple[Guardrail, ...]
) -> Callable[[], None]:
    """Empty the PII engine's result cache before each timed run (when PII is registered)."""
    if not any(g.name.endswith("_pii") for g in guardrails):
        return lambda: None
    engine = resources.pii.get()
    return getattr(engine, "clear_cache", lambda: None)  # type: ignore[no-any-return]


def main() -> None:
    """Run the benchmark and write the JSON and Markdown results."""
    resources = GuardrailResources()
    guardrails = build_guardrails(None, resources)
    judge = build_judge()
    runner = GuardrailRunner(guardrails, judge)
    cases = load_cases()
    runner.run(cases[0].draft, cases[0].ctx)  # warm-up: engines built on first use
    result = evaluate(cases, runner, _cache_reset(resources, guardrails))
    holdout = evaluate([c for c in cases if c.holdout], runner)
    result = {
        "guardrails": [g.name for g in guardrails],
        "judge": judge.name,
        **result,
        "holdout": {k: v for k, v in holdout.items() if k != "latency_ms"},
        "offline_drafter": evaluate_offline(cases, offline_reports(cases)),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "guardrails.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / "guardrails.md").write_text(to_markdown(result), encoding="utf-8")
    print(to_markdown(result))


if __name__ == "__main__":
    main()

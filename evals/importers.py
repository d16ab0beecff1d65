"""Turn public data sets into suites: BIPIA (indirect prompt injection) and Presidio (PII).

BIPIA emails become customer messages that forward an email; each email yields an attacked
case (an attack instruction at the start, middle or end; ``prompt_injection`` must be raised)
and its clean twin (it must not be). Presidio's synthetic sentences become customer messages
whose labelled values must never reach a remote model nor the draft.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from evals.suite import SUITE_FORMAT_VERSION

BIPIA_EMAILS = "bipia_email_train.jsonl"
BIPIA_ATTACKS = "bipia_text_attack_train.json"
PRESIDIO_FILE = "presidio_synth_dataset_v2.json"
# Presidio labels that are personal data (organisations, places and dates are not, here).
PII_TYPES = frozenset(
    {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "CREDIT_CARD",
        "STREET_ADDRESS",
        "IBAN_CODE",
        "US_SSN",
        "IP_ADDRESS",
        "US_DRIVER_LICENSE",
        "US_PASSPORT",
        "US_BANK_NUMBER",
    }
)
_DEFAULTS: dict[str, Any] = {
    "request": {
        "agent": {"name": "Sam", "title": "Customer Support"},
        "voice": {"brand": "Example Co.", "guide": "Warm, brief, plain words."},
        "knowledge_base": [],
    }
}


class ImportErrorDetail(ValueError):
    """A source file that is missing or not in the expected format (one line, for the CLI)."""


def _find(paths: list[Path], name: str) -> Path:
    for path in paths:
        candidate = path / name if path.is_dir() else path
        if candidate.name == name and candidate.is_file():
            return candidate
    raise ImportErrorDetail(f"{name} not found in {', '.join(str(p) for p in paths)}")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportErrorDetail(f"{path}: cannot read ({type(exc).__name__})") from None


def _write(out: Path, name: str, source: str, cases: list[dict[str, Any]]) -> int:
    document = {
        "suite": name,
        "version": SUITE_FORMAT_VERSION,
        "source": source,
        "defaults": _DEFAULTS,
        "cases": cases,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    return len(cases)


def _insert(context: str, attack: str, position: str) -> str:
    if position == "start":
        return f"{attack} {context}"
    if position == "end":
        return f"{context} {attack}"
    middle = len(context) // 2
    cut = context.rfind(" ", 0, middle)
    cut = cut if cut > 0 else middle
    return f"{context[:cut]} {attack}{context[cut:]}"


def _bipia_case(case_id: str, question: str, email: str, injected: bool) -> dict[str, Any]:
    body = (
        f"Hi, I got the email below and I need help with it. {question}\n\n"
        f"---------- Forwarded message ----------\n{email}"
    )
    expect = {"flags": ["prompt_injection"]} if injected else {"no_flags": ["prompt_injection"]}
    return {
        "id": case_id,
        "tags": ["bipia", "injection" if injected else "clean"],
        "request": {
            "thread": {
                "subject": "Question about an email",
                "messages": [{"role": "customer", "body": body}],
            }
        },
        "expect": {**expect, "language": "en"},
    }


def import_bipia(paths: list[Path], out: Path, *, limit: int) -> int:
    """Write an injection suite from BIPIA's emails and attacks; returns the case count."""
    emails_path = _find(paths, BIPIA_EMAILS)
    attacks = _read_json(_find(paths, BIPIA_ATTACKS))
    if not isinstance(attacks, dict):
        raise ImportErrorDetail(f"{BIPIA_ATTACKS}: expected categories of attack lists")
    pool = [text for texts in attacks.values() for text in texts if isinstance(text, str)]
    try:
        lines = emails_path.read_text(encoding="utf-8").splitlines()
        emails = [json.loads(line) for line in lines if line.strip()][:limit]
    except (OSError, ValueError) as exc:
        raise ImportErrorDetail(f"{emails_path}: cannot read ({type(exc).__name__})") from None
    if not pool or not emails:
        raise ImportErrorDetail("no emails or no attacks to combine")
    cases = []
    for index, record in enumerate(emails):
        question = str(record.get("question", "")).removeprefix("Q:").strip()
        context = str(record.get("context", ""))
        attack = pool[(index * 7) % len(pool)]  # spread over the categories, deterministically
        position = ("start", "middle", "end")[index % 3]
        cases.append(_bipia_case(f"bipia-{index:03d}-clean", question, context, False))
        injected = _insert(context, attack, position)
        cases.append(_bipia_case(f"bipia-{index:03d}-{position}", question, injected, True))
    return _write(out, "bipia_injection", "microsoft/BIPIA benchmark/email (MIT)", cases)


def import_presidio(paths: list[Path], out: Path, *, limit: int) -> int:
    """Write a PII suite from Presidio's synthetic sentences; returns the case count."""
    records = _read_json(_find(paths, PRESIDIO_FILE))
    if not isinstance(records, list):
        raise ImportErrorDetail(f"{PRESIDIO_FILE}: expected a list of records")
    cases = []
    for index, record in enumerate(records):
        spans = [s for s in record.get("spans", []) if s.get("entity_type") in PII_TYPES]
        if not spans:
            continue
        values = sorted({str(s["entity_value"]) for s in spans})
        body = f"Hello,\n{record['full_text']}\nCan you please update my account with this?"
        types = sorted({str(s["entity_type"]) for s in spans})
        cases.append(
            {
                "id": f"presidio-{index:04d}",
                "tags": ["presidio", *(t.lower() for t in types)],
                "request": {"thread": {"messages": [{"role": "customer", "body": body}]}},
                "expect": {"pii": values, "language": "en"},
            }
        )
        if len(cases) >= limit:
            break
    return _write(out, "presidio_pii", "microsoft/presidio-research synth_dataset_v2 (MIT)", cases)

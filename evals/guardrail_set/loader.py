"""Load the labelled guardrail cases (YAML) into guardrail contexts; independent of ``service``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from guardrails.context import (
    Article,
    GuardrailContext,
    GuardrailSettings,
    Message,
    Person,
    VoiceRules,
)
from guardrails.language import detect_language

SET_DIR = Path(__file__).parent
CASE_FILES = ("cases_en.yaml", "cases_ja.yaml")
# Written after tuning and never tuned on: the benchmark reports them on their own.
HOLDOUT_FILES = ("holdout_en.yaml", "holdout_ja.yaml")
SHARED_FILE = "kb.yaml"


@dataclass(frozen=True)
class ExpectedQuestion:
    """A question the case expects, and whether the draft should count as answering it."""

    text: str
    answered: bool


@dataclass(frozen=True)
class GuardrailCase:
    """One labelled case: a context, a draft, and the questions and flags it should yield."""

    id: str
    language: str
    holdout: bool
    patterns: tuple[str, ...]
    ctx: GuardrailContext
    draft: str
    questions: tuple[ExpectedQuestion, ...]
    flags: frozenset[str]

    @property
    def clean(self) -> bool:
        """True for a correct draft: it should raise no verify/block flag at all."""
        return not self.flags and all(q.answered for q in self.questions)


def _articles(raw: list[dict[str, Any]]) -> tuple[Article, ...]:
    return tuple(
        Article(
            id=a["id"],
            title=a["title"],
            body=a["body"],
            url=a.get("url"),
            last_reviewed=a.get("last_reviewed"),
        )
        for a in raw
    )


def _person(raw: dict[str, Any] | None) -> Person:
    raw = raw or {}
    return Person(
        name=raw.get("name"),
        email=raw.get("email"),
        company=raw.get("company"),
        username=raw.get("username"),
    )


def _language(raw: dict[str, Any]) -> str:
    """The case's language, from its id prefix ("en-..." / "ja-...")."""
    return "ja" if raw["id"].startswith("ja") else "en"


def _context(raw: dict[str, Any], shared: dict[str, Any]) -> GuardrailContext:
    defaults = shared["defaults"]
    messages = tuple(
        Message(role=m["role"], body=m["body"], author_name=m.get("author_name"))
        for m in raw["messages"]
    )
    kb = raw.get("kb", f"shop_{_language(raw)}")
    voice = raw.get("voice") or {}
    today: dt.date = raw.get("today", defaults["today"])
    latest = [m.body for m in messages if m.role == "customer"][-1]
    return GuardrailContext(
        messages=messages,
        customer_language=detect_language(latest),
        draft_language=detect_language(raw["draft"]),
        customer=_person(raw.get("customer")),
        agent=_person(raw.get("agent", defaults["agent"][_language(raw)])),
        voice=VoiceRules(
            banned_phrases=tuple(voice.get("banned_phrases", ())),
            published_contacts=tuple(voice.get("published_contacts", ())),
        ),
        articles=_articles(shared["knowledge_bases"][kb] if isinstance(kb, str) else kb),
        attachments=tuple(raw.get("attachments", ())),
        subject=raw.get("subject"),
        settings=GuardrailSettings(
            stale_article_days=defaults["stale_article_days"],
            link_allow_list=tuple(defaults["link_allow_list"]),
            today=today,
        ),
    )


def _case(raw: dict[str, Any], shared: dict[str, Any], *, holdout: bool) -> GuardrailCase:
    expect = raw["expect"]
    return GuardrailCase(
        id=raw["id"],
        language=_language(raw),
        holdout=holdout,
        patterns=tuple(raw.get("patterns", ())),
        ctx=_context(raw, shared),
        draft=raw["draft"],
        questions=tuple(
            ExpectedQuestion(text=q["text"], answered=q["answered"]) for q in expect["questions"]
        ),
        flags=frozenset(expect["flags"]),
    )


def load_cases(directory: Path = SET_DIR) -> list[GuardrailCase]:
    """Return every case of the set (tuning cases, then held-out ones), in file order."""
    shared = yaml.safe_load((directory / SHARED_FILE).read_text(encoding="utf-8"))
    cases: list[GuardrailCase] = []
    for name in CASE_FILES + HOLDOUT_FILES:
        raw_cases = yaml.safe_load((directory / name).read_text(encoding="utf-8"))
        holdout = name in HOLDOUT_FILES
        cases.extend(_case(raw, shared, holdout=holdout) for raw in raw_cases)
    return cases

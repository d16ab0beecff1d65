"""The shipped examples follow the contract: requests validate, KBs and voices load."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from service.knowledge.files import load_knowledge_base, load_voice
from service.models import DraftRequest, Voice

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REQUEST_FILES = sorted((EXAMPLES / "requests").glob("*.json"))
STALE_BEFORE = dt.date(2026, 11, 22) - dt.timedelta(days=180)


def _batch_lines() -> list[str]:
    return (EXAMPLES / "requests" / "batch.jsonl").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("path", REQUEST_FILES, ids=lambda p: p.name)
def test_request_files_validate(path: Path) -> None:
    request = DraftRequest.model_validate_json(path.read_text(encoding="utf-8"))
    assert request.voice is not None and request.knowledge_base  # inline: no import step


def test_expected_request_files_are_shipped() -> None:
    names = {p.name for p in REQUEST_FILES}
    assert {"en_double_charge.json", "ja_invoice.json", "check_en.json"} <= names


def test_batch_has_three_requests_in_both_languages() -> None:
    lines = _batch_lines()
    assert len(lines) == 3
    requests = [DraftRequest.model_validate_json(line) for line in lines]
    bodies = " ".join(r.thread.messages[-1].body for r in requests)
    assert re.search(r"[\u3040-\u30ff]", bodies) and re.search(r"[A-Za-z]{4}", bodies)


def test_check_request_carries_a_flawed_draft() -> None:
    request = DraftRequest.model_validate_json(
        (EXAMPLES / "requests" / "check_en.json").read_text(encoding="utf-8")
    )
    assert request.draft and "attached" in request.draft and not request.attachments
    kb_urls = {a.url for a in request.knowledge_base or []}
    draft_urls = set(re.findall(r"https?://[^\s)]+[^\s).,]", request.draft))
    assert draft_urls - kb_urls  # a link that is in no article


def test_double_charge_thread_shows_normalisation() -> None:
    request = DraftRequest.model_validate_json(
        (EXAMPLES / "requests" / "en_double_charge.json").read_text(encoding="utf-8")
    )
    body = request.thread.messages[-1].body
    assert re.search(r"^On .* wrote:$", body, re.MULTILINE) and "\n> " in body
    assert "555-" in body  # a signature with obviously fake contact details


@pytest.mark.parametrize(("language", "count"), [("en", 20), ("ja", 10)])
def test_knowledge_bases_load(language: str, count: int) -> None:
    articles = load_knowledge_base(EXAMPLES / "kb" / language)
    assert len(articles) >= count
    assert len({a.id for a in articles}) == len(articles)
    assert all(a.url and a.url.startswith("https://help.example.com/") for a in articles)
    assert all(a.last_reviewed is not None for a in articles)


def test_two_english_articles_are_stale_for_the_demo() -> None:
    articles = load_knowledge_base(EXAMPLES / "kb" / "en")
    stale = [a.id for a in articles if a.last_reviewed and a.last_reviewed < STALE_BEFORE]
    assert sorted(stale) == ["api-rate-limits", "shipping-delivery-times"]


@pytest.mark.parametrize("name", ["example-en.json", "example-ja.json"])
def test_voices_load(name: str) -> None:
    path = EXAMPLES / "voices" / name
    voice = load_voice(path)
    assert voice == Voice.model_validate(json.loads(path.read_text(encoding="utf-8")))
    assert voice.brand in ("Example Co.", "株式会社エグザンプル")
    assert voice.guide and voice.banned_phrases and voice.glossary


def test_inline_articles_match_the_shipped_kb() -> None:
    """The requests inline the KB files verbatim, so the two never drift apart."""
    shipped = {
        a.id: a
        for language in ("en", "ja")
        for a in load_knowledge_base(EXAMPLES / "kb" / language)
    }
    lines = [p.read_text(encoding="utf-8") for p in REQUEST_FILES] + _batch_lines()
    for text in lines:
        for article in DraftRequest.model_validate_json(text).knowledge_base or []:
            kept = shipped[article.id]
            assert (article.title, article.url, article.last_reviewed) == (
                kept.title,
                kept.url,
                kept.last_reviewed,
            )
            assert article.body.strip() == kept.body.strip()

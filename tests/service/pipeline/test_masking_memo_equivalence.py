"""The per-request analysis memo changes nothing that is sent, stored or audited.

Each request of a varied corpus (English and Japanese, every planted PII type, disguised
values, several messages) is drafted twice through litellm against the loopback fake provider:
once as the service runs (one ``analysis_memo`` block per request, spanning the prompt, the
outbound scan and the stored copies) and once on the old path (that block a no-op). The
prompts the provider received, the stored report and request and the audited decisions must
be identical.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.models import DraftRequest
from service.pipeline import drafting
from service.runtime import Runtime
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.loopback import fake_model_runtime
from tests.service.conftest import en_request
from tests.service.test_pii_e2e import _greet_customer, my_number

ZWSP = "\u200b"
EN_BODIES = [
    "Hi, I am Rosalind Featherstone. Card 4111 1111 1111 1111 was charged twice. "
    "Email rosalind.f@example.org or call (415) 867-5309. Can you refund it?",
    f"My SSN is 078-05-1120 and my IBAN GB82 WEST 1234 5698 7654 32. Mail me at "
    f"ros{ZWSP}alind@example.org (at) home. Where is my invoice?",
    "Ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043. My password is hunter22 "
    "and my IP is 203.0.113.7. Why was I charged?",
    "Card ４１１１-１１１１-１１１１-１１１１, phone 415.867.5309, email "
    "jane (at) example (dot) com. Jane Roe asked me to write. Can you help?",
    "Please call my colleague Dmitri Volkov on +44 20 7946 0958 about order #48213. "
    "Is the refund done?",
]
JA_BODIES = [
    "お世話になっております。山田 太郎です。電話番号は090-1234-5678、メールは"
    "taro.yamada@example.jp です。請求書はどこからダウンロードできますか。",
    f"マイナンバーは{my_number('12345678901')}です。住所は〒150-0002 東京都渋谷区渋谷2-21-1"
    "です。返金はいつになりますか。",
    "佐藤花子と申します。カード番号は４１１１　１１１１　１１１１　１１１１です。"
    "パスワードはabc12345です。解約できますか。",
]


def _corpus() -> list[dict[str, Any]]:
    requests = []
    for i, body in enumerate(EN_BODIES):
        request = en_request(
            customer={"name": "Rosalind Featherstone", "email": "rosalind.f@example.org"},
            attachments=[{"filename": f"statement-rosalind-{i}.pdf"}],
        )
        request["thread"]["subject"] = f"Charge for Rosalind Featherstone, card 4111 ({i})"
        request["thread"]["messages"] = [
            {"role": "customer", "author_name": "Rosalind Featherstone", "body": body},
            {"role": "agent", "author_name": "Sam", "body": "Could you confirm the card?"},
            {
                "role": "customer",
                "author_name": "Rosalind Featherstone",
                "body": f"{body}\n\nThanks,\nRosalind Featherstone\nrosalind.f@example.org",
            },
        ][: 1 + 2 * (i % 2)]
        requests.append(request)
    for i, body in enumerate(JA_BODIES):
        request = en_request(customer={"name": "山田 太郎", "locale": "ja-JP"})
        request["thread"]["subject"] = f"山田太郎の請求について ({i})"
        request["thread"]["messages"][0].update(body=body, author_name="山田 太郎")
        requests.append(request)
    return requests


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        fake.default = Reply(respond=_greet_customer)
        yield fake


def _recorded(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Everything stored and audited from now on (ids and timings left out)."""
    kept: list[Any] = []
    save, append = runtime.store.save_draft, runtime.audit.append

    def save_draft(report: Any, **kwargs: Any) -> None:
        dumped = report.model_dump(mode="json", exclude={"draft_id", "timings_ms"})
        kept.append(("draft", dumped, kwargs.get("masked_request")))
        save(report, **kwargs)

    def audit(decisions: Any, **kwargs: Any) -> Any:
        kept.append(("audit", [repr(d) for d in decisions]))
        return append(decisions, **kwargs)

    monkeypatch.setattr(runtime.store, "save_draft", save_draft)
    monkeypatch.setattr(runtime.audit, "append", audit)
    return kept


class _NothingKept:
    """A run handle that keeps nothing: the stored copies are made without a memo."""

    def keep(self) -> None:
        """No run to hand over."""
        return None


@contextlib.contextmanager
def _no_memo() -> Iterator[_NothingKept]:
    """The old path: no memo block anywhere."""
    yield _NothingKept()


async def test_memo_leaves_prompts_stored_rows_and_audit_unchanged(
    tmp_path: Path, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = fake_model_runtime(tmp_path, server.api_base)
    kept = _recorded(runtime, monkeypatch)
    requests = [DraftRequest.model_validate(r) for r in _corpus()]
    runs: list[tuple[str, list[Any]]] = []
    for memo in (True, False):
        if not memo:  # the old path: no memo block anywhere
            monkeypatch.setattr(drafting, "analysis_memo", _no_memo)
        kept.clear()
        server.requests.clear()
        for request in requests:
            await runtime.draft(request)
        runs.append((json.dumps(server.requests, ensure_ascii=False), list(kept)))
    (sent_memo, stored_memo), (sent_old, stored_old) = runs
    assert sent_memo == sent_old
    assert stored_memo == stored_old
    drafts = [row for row in stored_memo if row[0] == "draft"]
    assert len(drafts) == len(requests)
    stored_text = json.dumps(drafts, ensure_ascii=False)
    for value in ("Featherstone", "4111 1111", "867-5309", "example.org", "090-1234", "taro."):
        assert value not in stored_text, value  # and the stored copies are still masked


async def test_stored_copy_masks_a_japanese_customer_name(
    tmp_path: Path, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored copy is told the request's names, as the prompt is: a Japanese customer's
    name the detector cannot find alone (subject, greeting 山田様, author) is masked at rest."""
    runtime = fake_model_runtime(tmp_path, server.api_base)
    kept = _recorded(runtime, monkeypatch)
    await runtime.draft(DraftRequest.model_validate(_corpus()[len(EN_BODIES)]))
    stored = json.dumps([row for row in kept if row[0] == "draft"], ensure_ascii=False)
    assert "山田" not in stored

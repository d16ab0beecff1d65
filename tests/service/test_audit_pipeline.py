"""Every redaction decision of a draft or check lands in the audit chain, without values."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from service.errors import StorageUnavailableError
from service.models import DraftRequest
from service.runtime import Runtime
from service.settings import Settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.service.conftest import en_request

CARD = "4111 1111 1111 1111"
EMAIL = "maria.lopez@example.org"


def _all_rows(runtime: Runtime) -> str:
    with runtime.store.engine.connect() as conn:
        rows = [
            list(map(str, row))
            for table in ("audit_log", "drafts")
            for row in conn.execute(text(f"SELECT * FROM {table}"))
        ]
        return json.dumps(rows)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        fake.default = Reply(text="Hi <PERSON_2>,\n\nWe are checking this.\n\nSam")
        yield fake


@pytest.fixture
def remote_runtime(tmp_path: Path, server: FakeOpenAIServer) -> Runtime:
    return Runtime.build(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
            data_dir=tmp_path,
            llm_model="openai/fake",
            llm_api_base=server.api_base,
            llm_api_key="k",
            llm_max_attempts=1,
        )
    )


def _request() -> DraftRequest:
    request = en_request(customer={"name": "Maria Lopez", "email": EMAIL})
    request["thread"]["messages"][0]["body"] = (
        f"My card {CARD} was charged twice. Write to {EMAIL}. Can you refund it?"
    )
    return DraftRequest.model_validate(request)


async def test_draft_masks_are_audited_with_hmacs_only(remote_runtime: Runtime) -> None:
    report = await remote_runtime.draft(_request(), tenant="key_123")
    page = remote_runtime.audit.query(draft_id=report.draft_id)
    actions = {(e.direction, e.action, e.entity_type) for e in page.entries}
    assert ("inbound", "mask", "CREDIT_CARD") in actions
    assert ("inbound", "mask", "EMAIL_ADDRESS") in actions
    assert all(e.tenant == "key_123" and e.value_hmac for e in page.entries)
    assert remote_runtime.audit.verify().ok
    rows = _all_rows(remote_runtime)
    assert CARD not in rows and EMAIL not in rows


async def test_outbound_block_of_a_checked_draft_is_audited(remote_runtime: Runtime) -> None:
    request = _request().model_copy(update={"draft": f"Hi Maria, your card is {CARD}."})
    report = await remote_runtime.check(request)
    assert any(f.code == "sensitive_pii" for f in report.flags)
    entries = remote_runtime.audit.query(draft_id=report.draft_id).entries
    assert any(e.direction == "outbound" and e.action == "block" for e in entries)
    assert CARD not in _all_rows(remote_runtime)  # the stored check report is masked


async def test_audit_failure_fails_the_draft(remote_runtime: Runtime) -> None:
    with remote_runtime.store.engine.begin() as conn:
        conn.execute(text("DROP TABLE audit_log"))
    with pytest.raises(StorageUnavailableError):
        await remote_runtime.draft(_request())


def test_audit_failure_is_503_over_http(client: TestClient, runtime: Runtime) -> None:
    with runtime.store.engine.begin() as conn:
        conn.execute(text("DROP TABLE audit_log"))
    request = en_request(draft=f"Your card {CARD}")
    response = client.post("/v1/checks", json=request)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "storage_unavailable"
    assert CARD not in response.text


async def test_one_card_in_a_thread_is_one_inbound_record(
    remote_runtime: Runtime, server: FakeOpenAIServer
) -> None:
    # The latest message is also in the prompt as the latest turn and as the ask: copies,
    # masked alike, but one detected value is one decision.
    report = await remote_runtime.draft(_request(), tenant="acme")
    assert report.redactions.inbound["CREDIT_CARD"] == 1
    assert report.redactions.inbound["EMAIL_ADDRESS"] == 1
    entries = remote_runtime.audit.query(draft_id=report.draft_id, direction="inbound").entries
    cards = [e for e in entries if e.entity_type == "CREDIT_CARD"]
    assert len(cards) == 1
    assert cards[0].source == "thread.messages[0] (customer)"
    host = server.api_base.split("//")[1].split(":")[0]
    assert cards[0].destination == f"openai/fake @ {host}"
    assert {e.destination for e in entries} == {f"openai/fake @ {host}"}
    restores = remote_runtime.audit.query(draft_id=report.draft_id, direction="restore").entries
    assert restores and all(e.source == "draft" and e.destination == "none" for e in restores)


async def test_only_a_card_yields_exactly_one_record(remote_runtime: Runtime) -> None:
    request = en_request(customer={})
    message = request["thread"]["messages"][0]
    del message["author_name"]
    message["body"] = f"My card {CARD} was charged twice. Can you refund it?"
    report = await remote_runtime.draft(DraftRequest.model_validate(request), tenant="acme")
    assert report.redactions.inbound == {"CREDIT_CARD": 1}
    entries = remote_runtime.audit.query(draft_id=report.draft_id, direction="inbound").entries
    assert [(e.entity_type, e.source) for e in entries] == [
        ("CREDIT_CARD", "thread.messages[0] (customer)")
    ]


async def test_offline_draft_records_its_outbound_scan(runtime: Runtime) -> None:
    report = await runtime.draft(DraftRequest.model_validate(en_request()), tenant="acme")
    assert report.model == "offline" and "Maria" in report.body
    entries = runtime.audit.query(draft_id=report.draft_id).entries
    # Nothing was masked (nothing left the process), but the scan of the draft ran and let
    # the customer's own name through.
    assert entries and all(e.direction == "outbound" for e in entries)
    assert ("allow", "PERSON") in {(e.action, e.entity_type) for e in entries}
    assert all(e.source == "draft" and e.destination == "none" for e in entries)
    assert runtime.audit.verify().ok


async def test_check_records_blocks_and_allowed_values(runtime: Runtime) -> None:
    draft = f"Hi Maria, your card is {CARD}."
    request = DraftRequest.model_validate({**en_request(), "draft": draft})
    report = await runtime.check(request, tenant="acme")
    entries = runtime.audit.query(draft_id=report.draft_id).entries
    decided = {(e.action, e.entity_type, e.start, e.end) for e in entries}
    card_at = draft.index(CARD)
    assert ("block", "CREDIT_CARD", card_at, card_at + len(CARD)) in decided
    assert ("allow", "PERSON", 3, 8) in decided
    # The blocked card is one block record, not also an allowed value.
    assert [e.action for e in entries if e.entity_type == "CREDIT_CARD"] == ["block"]
    assert CARD not in _all_rows(runtime)


async def test_draft_write_failure_keeps_no_audit_records(remote_runtime: Runtime) -> None:
    """Records and the stored draft commit together: a failed draft write leaves neither."""
    await remote_runtime.draft(_request())  # a chain to extend
    before = remote_runtime.audit.query().entries
    with remote_runtime.store.engine.begin() as conn:
        conn.execute(text("DROP TABLE drafts"))
    with pytest.raises(StorageUnavailableError):
        await remote_runtime.draft(_request())
    assert remote_runtime.audit.query().entries == before
    assert remote_runtime.audit.verify().ok


@pytest.mark.parametrize("brand", [True, False], ids=["with-brand", "no-brand"])
async def test_stored_copies_reuse_the_requests_analyses(
    remote_runtime: Runtime, monkeypatch: pytest.MonkeyPatch, brand: bool
) -> None:
    """The customer's message and the draft, analysed for the prompt and the outbound scan,
    are not analysed again for the stored copies (the request's analysis memo): the prompt
    and the stored copies are told the same names (``names_given``), brand or no brand."""
    from guardrails.pii.engine import PiiEngine

    analysed: list[tuple[str, Any, Any]] = []
    original = PiiEngine.analyze_normalised

    def counting(self: PiiEngine, text: Any, *args: Any, **kwargs: Any) -> Any:
        names = tuple(kwargs.get("known_names", ()))
        analysed.append((text.original, names, kwargs.get("entities")))
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(PiiEngine, "analyze_normalised", counting)
    request = _request() if brand else _request().model_copy(update={"voice": None})
    assert (request.voice is not None) == brand
    report = await remote_runtime.draft(request)
    body = request.thread.messages[0].body
    names = ("Maria Lopez", "Sam")
    # The prompt's analysis served the stored request.
    assert analysed.count((body, names, None)) == 1
    # One analysis of the draft served the guardrails, the outbound scan and the stored report
    # (the guardrails' run joins the request's memo).
    assert analysed.count((report.body, names, None)) == 1

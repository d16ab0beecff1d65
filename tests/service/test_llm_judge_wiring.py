"""The ``llm`` question judge, selected by setting, over litellm against the loopback fake."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from service.backends.judge_completion import JUDGE_SOURCE
from service.errors import ConfigurationError
from service.models import DraftRequest
from service.runtime import Runtime
from service.settings import Settings
from service.storage.tables import AuditRow
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.service.conftest import en_request


def _verdicts(payload: dict[str, Any]) -> str:
    assert payload["response_format"]["type"] == "json_object"
    user = payload["messages"][1]["content"]
    ids = re.findall(r"<question>\n(q\d+):", user)
    return json.dumps({"questions": [{"id": i, "status": "pending", "evidence": ""} for i in ids]})


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        fake.default = Reply(respond=_verdicts)
        yield fake


async def test_llm_judge_decides_question_status(tmp_path: Path, server: FakeOpenAIServer) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        question_judge="llm",
        question_judge_model="openai/judge",
        llm_api_base=server.api_base,
        llm_api_key="test-key",
    )
    request = en_request(customer={"name": "Maria Lopez", "email": "maria.lopez@example.org"})
    report = await Runtime.build(settings).draft(DraftRequest.model_validate(request))
    assert report.model == "offline"  # drafting stays offline; only the judge is remote
    assert [q.status for q in report.questions] == ["pending", "pending"]
    assert len(server.requests) == 1
    sent = json.dumps(server.requests, ensure_ascii=False)
    assert "Maria" not in sent and "maria.lopez@example.org" not in sent


def test_llm_judge_without_a_model_is_a_configuration_error(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", question_judge="llm")
    with pytest.raises(ConfigurationError):
        Runtime.build(settings)


def _judge_records(runtime: Runtime) -> list[tuple[str | None, str, str | None, str | None]]:
    query = select(AuditRow.entity_type, AuditRow.action, AuditRow.value_hmac, AuditRow.draft_id)
    query = query.where(AuditRow.source == JUDGE_SOURCE).order_by(AuditRow.seq)
    with runtime.store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]  # type: ignore[misc]


def _destinations(runtime: Runtime) -> set[str | None]:
    query = select(AuditRow.destination).where(AuditRow.source == JUDGE_SOURCE)
    with runtime.store.engine.connect() as connection:
        return set(connection.execute(query).scalars())


@pytest.mark.parametrize("judge_answers", [True, False])
async def test_what_the_llm_judge_sends_is_audited_with_its_destination(
    tmp_path: Path, server: FakeOpenAIServer, judge_answers: bool
) -> None:
    if not judge_answers:
        server.default = Reply(status=400, body={"error": {"message": "bad request"}})
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        question_judge="llm",
        question_judge_model="openai/judge",
        llm_api_base=server.api_base,
        llm_api_key="test-key",
    )
    request = en_request(customer={"name": "Maria Lopez", "email": "maria.lopez@example.org"})
    runtime = Runtime.build(settings)
    report = await runtime.draft(DraftRequest.model_validate(request))
    assert server.requests  # the masked prompt went out, answered or not
    records = _judge_records(runtime)
    assert records and {action for _, action, _, _ in records} == {"mask"}
    assert {draft for _, _, _, draft in records} == {report.draft_id}
    assert all(value_hmac for _, _, value_hmac, _ in records)
    assert "PERSON" in {entity for entity, _, _, _ in records}
    host = server.api_base.split("//")[1].split(":")[0]
    assert _destinations(runtime) == {f"openai/judge @ {host}"}
    assert runtime.audit.verify().ok

"""A draft's full response and stored copy do not depend on what earlier requests left cached.

Process-wide tables (``per_run(keep=...)``: the Japanese person tagger's part sums, word
buckets, name ranks; the PII engine's digest cache of raw findings) let a later request read
what an earlier one computed. Each request below is drafted once with every such table empty
and again with them warm: the report (flags, questions, redactions, citations, body) and
the masked stored copy must be the same, byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from guardrails import run_memo
from service.models import DraftReport, DraftRequest
from service.runtime import Runtime
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.loopback import fake_model_runtime
from tests.service.conftest import en_request

# Our own threads and replies: English and Japanese, names, numbers, two knowledge bases each.
_JA_KB = [
    {
        "id": "ja-invoice",
        "title": "請求書の再発行",
        "url": "https://help.example.com/ja/invoice",
        "body": "請求書はマイページの「注文履歴」からPDFで再発行できます。"
        "宛名は発行前に変更できます。",
        "last_reviewed": "2026-09-01",
    },
    {
        "id": "ja-refund",
        "title": "返金の時期",
        "url": "https://help.example.com/ja/refund",
        "body": "二重に請求された場合は、確認後5営業日以内に元のカードへ返金いたします。",
        "last_reviewed": "2026-09-01",
    },
]
_EN_KB_2 = [
    {
        "id": "moving-date",
        "title": "Changing a delivery date",
        "url": "https://help.example.com/delivery-date",
        "body": "You can move a delivery up to 2 days before it is due: open Orders, pick the "
        "order and choose Change date. Call 0800 555 0142 if it is sooner than that.",
        "last_reviewed": "2026-10-01",
    }
]


def _ja(body: str, name: str, kb: list[dict[str, Any]]) -> dict[str, Any]:
    request = en_request(customer={"name": name, "locale": "ja-JP"}, knowledge_base=kb)
    request["thread"] = {
        "subject": "請求について",
        "messages": [{"role": "customer", "author_name": name, "body": body}],
    }
    request["agent"] = {"name": "佐藤"}
    return request


def _en(body: str, name: str, kb: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    request = en_request(customer={"name": name})
    if kb is not None:
        request["knowledge_base"] = kb
    request["thread"]["messages"][0].update(author_name=name, body=body)
    return request


CASES = [
    (
        _en(
            "Hello,\nMy card was charged twice for order #60417. Can you refund one? "
            "Call me on +44 20 7946 0321.\n\nThanks,\nPriya Raman",
            "Priya Raman",
        ),
        "Hi Priya,\n\nSorry about the double charge on #60417. We refund the duplicate to the "
        "original card within 5-10 business days.\n\nSam",
    ),
    (
        _en(
            "Hi there, can I move my delivery from Friday to Monday? I'm away. Tomasz Wójcik",
            "Tomasz Wójcik",
            _EN_KB_2,
        ),
        "Hi Tomasz,\n\nYes: open Orders, pick the order and choose Change date.\n\nSam",
    ),
    (
        _ja(
            "いつもお世話になっております。高橋です。\n注文番号 #31842 の請求書を再発行して"
            "いただけますか。宛名を株式会社みどり商会に変えたいです。\n高橋 美咲",
            "高橋 美咲",
            _JA_KB,
        ),
        "高橋 美咲様\n\nお問い合わせありがとうございます。請求書はマイページの「注文履歴」から"
        "PDFで再発行できます。\n\n佐藤",
    ),
    (
        _ja(
            "こんにちは。先日マイケル・ブラウン様宛てに送った荷物の件です。二重に請求されて"
            "いるようなので確認をお願いします。電話は090-1234-5678です。",
            "エミリー・クラーク",
            _JA_KB[1:],
        ),
        "エミリー・クラーク様\n\nご連絡ありがとうございます。確認後5営業日以内に返金いたします。"
        "\n\n佐藤",
    ),
]


def _forget_everything_kept(runtime: Runtime) -> None:
    """Empty every process-wide table a request may read: as in a process just started."""
    for kept in list(run_memo._KEPT):
        kept._kept.clear()
    runtime.resources.pii.get().clear_cache()


def _without_ids(report: DraftReport) -> str:
    dumped = report.model_dump(mode="json", exclude={"draft_id", "timings_ms"})
    return json.dumps(dumped, ensure_ascii=False, sort_keys=True)


async def _drafted(
    runtime: Runtime, server: FakeOpenAIServer, request: dict[str, Any], reply: str
) -> tuple[str, str]:
    server.default = Reply(text=reply)
    report = await runtime.draft(DraftRequest.model_validate(request))
    return _without_ids(report), _without_ids(runtime.store.get_draft(report.draft_id))


@pytest.mark.parametrize(("request_body", "reply"), CASES)
async def test_a_draft_is_the_same_with_every_cache_cold_or_warm(
    tmp_path: Path, server: FakeOpenAIServer, request_body: dict[str, Any], reply: str
) -> None:
    runtime = fake_model_runtime(tmp_path, server.api_base)
    _forget_everything_kept(runtime)
    cold = await _drafted(runtime, server, request_body, reply)
    warm = await _drafted(runtime, server, request_body, reply)
    # Warm after other requests too: their words fill the same tables.
    for other, other_reply in CASES:
        await _drafted(runtime, server, other, other_reply)
    again = await _drafted(runtime, server, request_body, reply)
    assert cold == warm == again
    assert "<PERSON_" in cold[1]  # the stored copy is masked: the comparison covers masking

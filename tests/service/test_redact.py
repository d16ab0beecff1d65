"""``POST /v1/redact`` and ``replydraft redact --jsonl`` (contract section "Redaction")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.cli.main import app

TEXT = "Write to jane.doe@example.org or jane.doe@example.org, card 4111 1111 1111 1111."


def test_redact_endpoint_returns_entities_and_masked_text(client: TestClient) -> None:
    response = client.post("/v1/redact", json={"text": TEXT, "language": None})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["language"] == "en"
    types = [e["type"] for e in result["entities"]]
    assert types.count("EMAIL_ADDRESS") == 2 and "CREDIT_CARD" in types
    for entity in result["entities"]:
        assert set(entity) == {"type", "start", "end", "score", "recognizer"}
        assert TEXT[entity["start"] : entity["end"]].strip()
    # the same value gets the same placeholder
    assert result["masked"].count("<EMAIL_ADDRESS_1>") == 2
    assert "jane.doe" not in result["masked"] and "4111" not in result["masked"]


def test_redact_detects_japanese(client: TestClient) -> None:
    text = "山田太郎様の電話番号は０９０－１２３４－５６７８、〒150-0001です。"
    result = client.post("/v1/redact", json={"text": text}).json()
    assert result["language"] == "ja"
    types = {e["type"] for e in result["entities"]}
    assert "PHONE_NUMBER" in types and "JP_POSTAL_CODE" in types
    assert "１２３４" not in result["masked"]


def test_redact_reads_kanji_only_text_as_japanese(client: TestClient) -> None:
    # No kana, no Latin letter: of the languages served this is Japanese, and its name must
    # reach the Japanese recognizers (read as English, it went unmasked).
    text = "差出人 佐藤健一 東京都渋谷区"
    result = client.post("/v1/redact", json={"text": text}).json()
    assert result["language"] == "ja"
    assert "佐藤健一" not in result["masked"]


def test_redact_rejects_unknown_fields(client: TestClient) -> None:
    response = client.post("/v1/redact", json={"text": "x", "lang": "en"})
    assert response.status_code == 422


def test_redact_cli_prints_one_result_per_line(tmp_path: Path) -> None:
    lines = [{"text": TEXT, "language": "en"}, {"text": "nothing here", "language": None}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = CliRunner().invoke(app, ["redact", "--jsonl", str(path)])
    assert result.exit_code == 0, result.output
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 2
    assert outputs[0]["entities"] and outputs[1]["entities"] == []
    assert outputs[1]["masked"] == "nothing here"


@pytest.mark.parametrize("content", ['{"text": 1}', '{"language": "fr", "text": "x"}', "nope"])
def test_redact_cli_bad_line_exits_2(tmp_path: Path, content: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(content + "\n")
    result = CliRunner().invoke(app, ["redact", "--jsonl", str(path)])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


LONG_JA = (  # also drafted at 60,000 characters in test_pii_e2e.py
    "先月の請求書に同じ注文が二回記載されていました。返金の手続きを教えてください。"
    "担当の山田太郎様から電話090-1234-5678で連絡をいただきました。"
)


def long_japanese(chars: int) -> str:
    return (LONG_JA * (chars // len(LONG_JA) + 1))[:chars]


def test_redact_masks_a_japanese_text_over_sudachis_limit(client: TestClient) -> None:
    text = long_japanese(60_000)  # ~180,000 UTF-8 bytes; Sudachi alone refuses ~49,000
    response = client.post("/v1/redact", json={"text": text})
    assert response.status_code == 200, response.text[:200]
    assert "090-1234-5678" not in response.json()["masked"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mail maria\u200b.lopez@example.com today.", "maria\u200b.lopez@example.com"),
        ("Mail maria.lopez (at) example (dot) com today.", "maria.lopez (at) example (dot) com"),
        ("Card 4111\u200b1111\u200b1111\u200b1111 please.", "4111\u200b1111\u200b1111\u200b1111"),
        ("Call (415) 555-O132 today.", "(415) 555-O132"),
    ],
)
def test_redact_masks_disguised_values_whole(client: TestClient, text: str, value: str) -> None:
    result = client.post("/v1/redact", json={"text": text}).json()
    start = text.index(value)
    spans = [(e["start"], e["end"]) for e in result["entities"]]
    assert (start, start + len(value)) in spans
    assert value not in result["masked"] and "\u200b" not in result["masked"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "Call me on 415 . 867 . 5309 or (415) 867 - 5309; IBAN GB 82 WEST 1234 5698 7654 32.",
            ["415 . 867 . 5309", "(415) 867 - 5309", "GB 82 WEST 1234 5698 7654 32"],
        ),
        (
            "送付先は東京都千代田区丸の内一丁目二番三号です。",
            ["東京都千代田区丸の内一丁目二番三号"],
        ),
    ],
)
def test_redact_masks_spaced_and_kanji_numeral_values_whole(
    client: TestClient, text: str, values: list[str]
) -> None:
    result = client.post("/v1/redact", json={"text": text}).json()
    spans = [text[e["start"] : e["end"]] for e in result["entities"]]
    assert all(value in spans for value in values)
    masked = result["masked"]
    for value in values:
        assert not any(part in masked for part in value.split() if len(part) > 1)
    assert "丁目" not in masked and "867" not in masked and "WEST" not in masked


@pytest.mark.parametrize(
    ("language", "text", "probes"),
    [
        (
            "en",
            "書類は東京都千代田区丸の内一丁目二番三号（〒100-0005）の高橋さん宛にお願いします。",
            ["丸の内", "100-0005", "高橋"],
        ),
        (
            "ja",
            "Please send it to Thaddeus Wainwright. His SSN is 219-09-9999, phone (646) 555-0173.",
            ["Thaddeus", "219-09-9999", "555-0173"],
        ),
    ],
)
def test_redact_told_another_language_masks_the_texts_own_values(
    client: TestClient, language: str, text: str, probes: list[str]
) -> None:
    result = client.post("/v1/redact", json={"text": text, "language": language}).json()
    assert [p for p in probes if p in result["masked"]] == []

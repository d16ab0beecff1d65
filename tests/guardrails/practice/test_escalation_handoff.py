"""The escalation handoff summary is masked: every value the PII engine finds, with the
request's known names, is replaced by its type, whether the summary reuses the findings of the
texts it quotes (masked earlier in the run for a remote model's prompt) or is analysed whole."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from guardrails.context import GuardrailContext, Message, Person
from guardrails.pii import PiiEngine
from guardrails.pii.engine import analysis_memo
from guardrails.pii.ownership import Ownership
from guardrails.practice.escalation import Escalation, handoff_summary, triggers
from guardrails.questions import extract_questions
from tests.guardrails.pii_engine_cache import shared_pii_engine

EN_NAME = "Rosalind Featherstone"
JA_NAME = "山田 太郎"


@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    return shared_pii_engine()


def _thread(
    language: str, latest: str, agent: str, name: str, subject: str | None = None
) -> GuardrailContext:
    first = "I have a question about my invoice." if language == "en" else "請求書の質問です。"
    return GuardrailContext(
        messages=(
            Message("customer", first, author_name=name),
            Message("agent", agent, author_name="Sam"),
            Message("customer", latest, author_name=name),
        ),
        customer_language=language,
        draft_language=language,
        customer=Person(name=name),
        agent=Person(name="Sam"),
        subject=subject,
    )


def _masked_as_for_a_prompt(engine: PiiEngine, ctx: GuardrailContext) -> None:
    """Analyse what the pipeline masks before a remote model's call, with the same names."""
    names = Ownership.from_context(ctx).names
    lang = ctx.customer_language
    for message in ctx.messages:
        engine.analyze(message.body, lang, known_names=names)
    latest = "\n".join(m.body for m in ctx.latest_customer_turn)
    engine.analyze(latest, lang, known_names=names)
    for question in extract_questions(ctx):
        engine.analyze(question.text, lang, known_names=names)


@contextmanager
def _summaries_analysed(engine: PiiEngine, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The summaries (texts opening "Escalation:") the engine is asked to analyse."""
    seen: list[str] = []
    analyze: Callable[..., Any] = engine.analyze

    def spy(text: str, *args: Any, **kwargs: Any) -> Any:
        if text.startswith("Escalation:"):
            seen.append(text)
        return analyze(text, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(engine, "analyze", spy)
        yield seen


def _both_ways(engine: PiiEngine, ctx: GuardrailContext) -> tuple[str, str]:
    """The masked summary analysed whole, and reusing the prompt's findings."""
    check = Escalation(engine)
    [whole] = check.check("", ctx)
    with analysis_memo():
        _masked_as_for_a_prompt(engine, ctx)
        [reused] = check.check("", ctx)
    assert whole.evidence is not None and reused.evidence is not None
    return whole.evidence, reused.evidence


# Each case quotes its planted values in the second ask or the agent's last step (both in the
# summary), written plainly or disguised; the last EN case names a number nobody finds.
CASES = [
    (
        "en",
        "I want to speak to your manager. Can you email rosalind.featherstone@example.org "
        "the refund?",
        "Our billing lead Bartholomew Quaile will call you at +1 (415) 867-5309.",
        ["rosalind.featherstone@example.org", "Bartholomew Quaile", "+1 (415) 867-5309"],
    ),
    (
        "en",
        "I want to speak to your manager. Can you refund card 4111 1111 1111 1111?",
        "We checked SSN 078-05-1120 and called 415 • 867 • 5309 for you.",
        ["4111 1111 1111 1111", "078-05-1120", "415 • 867 • 5309"],
    ),
    (
        "en",
        "I want to speak to your manager. Can you send it to IBAN gb82 west 1234 5698 7654 32?",
        "Hi there, thanks. Your temporary password is Tr0ub4dorZebra for now.",
        ["gb82 west 1234 5698 7654 32", "Tr0ub4dorZebra"],
    ),
    (
        "en",
        "I want to speak to your manager. Can you write to rosalind.featherstone (at) example "
        "(dot) org?",
        "Thanks. We sent it to 1600 Pennsylvania Avenue NW, Washington, DC 20500 yesterday.",
        [
            "rosalind.featherstone (at) example (dot) org",
            "1600 Pennsylvania Avenue NW",
        ],
    ),
    (
        "en",
        f"I want to speak to your manager. Why was order #48213 not shipped to {EN_NAME}?",
        "Thanks. Your session came from 203.0.113.45 yesterday.",
        [EN_NAME, "203.0.113.45"],
    ),
    (
        "ja",
        "上司を出してください。返金はカード4111 1111 1111 1111に戻していただけますか？",
        "担当の佐藤 花子（03-1234-5678）から折り返します。",
        ["4111 1111 1111 1111", "佐藤 花子", "03-1234-5678"],
    ),
    (
        "ja",
        "上司を出してください。書類は東京都千代田区丸の内一丁目二番三号に送っていただけますか？",
        "〒100-0005の住所に発送しました。",
        ["東京都千代田区丸の内一丁目二番三号", "100-0005"],
    ),
    (
        "ja",
        "上司を出してください。控えをｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐに送っていただけますか？",
        f"{JA_NAME}様、ありがとうございます。マイナンバー123456789018を確認しました。",
        ["ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", "123456789018"],
    ),
    (
        "ja",
        f"上司を出してください。注文番号 09087654321 の{JA_NAME}宛の荷物はどこですか？",
        "電話０９０－８７６５－４３２１に折り返します。",
        ["09087654321", JA_NAME, "０９０－８７６５－４３２１"],
    ),
]


@pytest.mark.parametrize(("language", "latest", "agent", "planted"), CASES)
def test_every_planted_value_is_masked_either_way(
    engine: PiiEngine, language: str, latest: str, agent: str, planted: list[str]
) -> None:
    ctx = _thread(language, latest, agent, EN_NAME if language == "en" else JA_NAME)
    found = triggers(ctx)
    assert "manager" in found
    raw = handoff_summary(ctx, found)
    assert [value for value in planted if value not in raw] == []  # each is quoted
    whole, reused = _both_ways(engine, ctx)
    for summary in (whole, reused):
        assert [value for value in planted if value in summary] == []
        assert "<" in summary
    assert reused == whole


def test_an_order_number_that_is_a_phone_number_is_masked_by_type(engine: PiiEngine) -> None:
    latest = "上司を出してください。注文番号 09087654321 の荷物はどこですか？"
    ctx = _thread("ja", latest, "確認します。", JA_NAME)
    whole, reused = _both_ways(engine, ctx)
    assert reused == whole
    assert "Orders: #<PHONE_NUMBER>." in reused


@pytest.mark.parametrize(
    ("latest", "subject"),
    [
        # Named standing alone only in the subject; the message has it after "TEL".
        ("上司を出してください。連絡先はTEL09087654321です。", "注文番号09087654321"),
        # In the messages, but with a suffix the engine does not read as a phone number.
        ("上司を出してください。注文番号：09087654321-2の件です。", None),
        ("上司を出してください。注文番号：０９０８７６５４３２１－２の件です。", None),
    ],
)
def test_an_order_number_the_orders_line_shows_is_a_phone_number_is_masked(
    engine: PiiEngine, latest: str, subject: str | None
) -> None:
    ctx = _thread("ja", latest, "確認します。", JA_NAME, subject=subject)
    assert "Orders: #09087654321." in handoff_summary(ctx, triggers(ctx))
    whole, reused = _both_ways(engine, ctx)
    assert reused == whole
    assert "Orders: #<PHONE_NUMBER>." in reused


def test_a_plain_order_number_is_kept(engine: PiiEngine) -> None:
    ctx = _thread("en", "I want to speak to your manager about order #48213.", "On it.", EN_NAME)
    whole, reused = _both_ways(engine, ctx)
    assert reused == whole
    assert "Orders: #48213." in reused


@pytest.mark.parametrize(("language", "name"), [("ja", "青空 光"), ("en", "Will Bank")])
def test_a_name_the_request_gives_is_masked_though_no_recognizer_finds_it(
    engine: PiiEngine, language: str, name: str
) -> None:
    latest = (
        f"上司を出してください。書類は{name}宛に送っていただけますか？"
        if language == "ja"
        else f"I want to speak to your manager. Can you send the papers to {name}?"
    )
    ctx = _thread(language, latest, "On it.", name)
    assert [e for e in engine.analyze(name, language) if e.type == "PERSON"] == []
    assert name in handoff_summary(ctx, triggers(ctx))
    whole, reused = _both_ways(engine, ctx)
    assert name not in whole and name not in reused
    assert reused == whole


def test_a_value_the_sentence_split_cuts_is_masked_from_its_whole_finding(
    engine: PiiEngine,
) -> None:
    # The splitter ends sentences at the spaced dots of "415 . 867 . 5309": the agent step
    # quoted is "867 .", which alone is no phone number. Its finding in the whole reply is.
    ctx = _thread(
        "en",
        "I want to speak to your manager.",
        "We checked and called 415 . 867 . 5309 for you.",
        EN_NAME,
    )
    assert "last: 867." in handoff_summary(ctx, triggers(ctx))
    _whole, reused = _both_ways(engine, ctx)
    assert "last: <PHONE_NUMBER>." in reused


def test_the_summary_is_not_analysed_when_its_quotes_were(
    engine: PiiEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    language, latest, agent, _planted = CASES[5]
    ctx = _thread(language, latest, agent, JA_NAME)
    with _summaries_analysed(engine, monkeypatch) as seen:
        with analysis_memo():
            _masked_as_for_a_prompt(engine, ctx)
            Escalation(engine).check("", ctx)
        assert seen == []
        Escalation(engine).check("", ctx)  # nothing masked in this run: analysed whole
        assert len(seen) == 1


def test_a_quote_not_analysed_in_the_run_means_the_whole_summary_is(
    engine: PiiEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    language, latest, agent, _planted = CASES[5]
    ctx = _thread(language, latest, agent, JA_NAME)
    names = Ownership.from_context(ctx).names
    with _summaries_analysed(engine, monkeypatch) as seen, analysis_memo():
        for message in ctx.messages:  # the messages, but not the asks the summary quotes
            engine.analyze(message.body, language, known_names=names)
        [finding] = Escalation(engine).check("", ctx)
    assert len(seen) == 1
    assert finding.evidence is not None and "4111" not in finding.evidence


def test_an_order_number_named_only_in_the_subject_means_the_whole_summary_is(
    engine: PiiEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _thread(
        "en", "I want to speak to your manager.", "On it.", EN_NAME, subject="Order #4155508675"
    )
    with _summaries_analysed(engine, monkeypatch) as seen, analysis_memo():
        _masked_as_for_a_prompt(engine, ctx)
        [finding] = Escalation(engine).check("", ctx)
    assert len(seen) == 1
    assert finding.evidence is not None and "#4155508675" in finding.evidence

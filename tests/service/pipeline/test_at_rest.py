from functools import cache

from guardrails.base import Span
from guardrails.pii import SharedPiiEngine
from service.models import DraftReport
from service.models.report import Flag, QuestionReport
from service.pipeline.at_rest import report_at_rest

BODY = "Hi Rosalind Featherstone,\n\nWe refunded card 4111 1111 1111 1111 today.\n\nSam"
CARD = "4111 1111 1111 1111"


@cache
def _engine() -> SharedPiiEngine:
    return SharedPiiEngine()


def _report() -> DraftReport:
    card = BODY.index(CARD)
    today = BODY.index("today")
    return DraftReport(
        draft_id="drf_1",
        subject="Card 4111 1111 1111 1111",
        body=BODY,
        language="en",
        questions=[
            QuestionReport(
                id="q1",
                text="Can you refund card 4111 1111 1111 1111, Rosalind Featherstone?",
                status="answered",
                answer_span=Span(start=today, end=today + 5),
            )
        ],
        flags=[
            Flag(
                code="sensitive_pii",
                severity="block",
                message="The draft contains a card number.",
                span=Span(start=card, end=card + len(CARD)),
                evidence="message 1: my card 4111 1111 1111 1111",
            )
        ],
        model="offline",
    )


def test_every_text_is_masked_with_one_placeholder_per_value() -> None:
    stored = report_at_rest(_engine(), _report())
    dumped = stored.model_dump_json()
    assert CARD not in dumped and "Featherstone" not in dumped
    assert stored.subject == "Card <CREDIT_CARD_1>"
    assert "<CREDIT_CARD_1>" in stored.questions[0].text
    assert stored.flags[0].evidence == "message 1: my card <CREDIT_CARD_1>"


def test_spans_point_at_the_same_place_in_the_masked_body() -> None:
    stored = report_at_rest(_engine(), _report())
    flag_span = stored.flags[0].span
    answer = stored.questions[0].answer_span
    assert flag_span is not None and answer is not None
    assert stored.body[flag_span.start : flag_span.end] == "<CREDIT_CARD_1>"
    assert stored.body[answer.start : answer.end] == "today"


def test_the_original_report_is_left_untouched() -> None:
    report = _report()
    report_at_rest(_engine(), report)
    assert report.body == BODY


def _escalated(evidence: str, handoff: str | None) -> DraftReport:
    flag = Flag(code="escalation", severity="verify", message="Escalate.", evidence=evidence)
    return _report().model_copy(update={"flags": [flag], "handoff": handoff})


def test_the_handoff_in_the_escalation_evidence_is_masked_again() -> None:
    # Its check masked it in the customer's language (Japanese); the reply is in English and
    # the stored copy is masked in it too: the English reading finds the agent's name.
    handoff = (
        "Escalation: asks for a manager. Tried: 1 earlier reply; last: Quaile から折り返します."
    )
    stored = report_at_rest(_engine(), _escalated(handoff, handoff))
    evidence = stored.flags[0].evidence
    assert evidence is not None and "Quaile" not in evidence and "<PERSON" in evidence


def test_escalation_evidence_that_is_not_the_handoff_is_masked() -> None:
    stored = report_at_rest(_engine(), _escalated(f"card {CARD}", "Escalation: other."))
    assert stored.flags[0].evidence == "card <CREDIT_CARD_1>"

"""The copy of a report that may be stored: every text masked, spans moved to match.

What is kept about a request (the drafts table, served back by ``GET /v1/drafts/{id}``) must
hold no personal data in the clear, whoever typed it: the customer (question texts, quoted
evidence), the model or the agent (draft and check bodies, flag messages). The caller of
``POST /v1/drafts`` and ``POST /v1/checks`` still gets the report in the clear: the agent needs
the draft with the customer's name in it; only the stored copy is masked.

One masker serves the whole report, so a value gets the same placeholder in the body, the
questions and the flags. No allow-list: the customer's own name is masked too.
"""

from __future__ import annotations

from typing import Any

from guardrails.base import Span
from guardrails.pii import Ownership, RequestMasker, SharedPiiEngine
from guardrails.pii.ownership import names_given
from service.models import DraftReport, DraftRequest

Replacement = tuple[int, int, int]  # original start, original end, placeholder length


class _OffsetMap:
    """Maps offsets of a text to offsets of its masked copy."""

    def __init__(self, replacements: list[Replacement]) -> None:
        self._replacements = sorted(replacements)

    def offset(self, index: int, *, is_end: bool) -> int:
        shift = 0
        for start, end, length in self._replacements:
            if index <= start:
                break
            if index < end:  # inside a masked value: snap to the placeholder's edge
                return start + shift + (length if is_end else 0)
            shift += length - (end - start)
        return index + shift

    def span(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        start = self.offset(span.start, is_end=False)
        end = max(start, self.offset(span.end, is_end=True))
        return Span(start=start, end=end)


def _mask_body(masker: RequestMasker, body: str, language: str | None) -> tuple[str, _OffsetMap]:
    first = len(masker.decisions)
    masked = masker.mask(body, language)
    replacements = [
        (d.start, d.end, len(d.placeholder or ""))
        for d in masker.decisions[first:]
        if d.action == "mask"
    ]
    return masked, _OffsetMap(replacements)


def known_names(request: DraftRequest) -> Ownership:
    """The names the request itself gives (customer, agent, message authors), for detection.

    The prompt's masker is told the same names (``names_given``, in the same order); the
    stored copies must be too, or a name the detector cannot find on its own (a Japanese
    customer's "山田 太郎", "山田様") is stored in the clear. Nothing is allowed here: the
    staff's names are masked at rest like the customer's.
    """
    customer, staff = names_given(
        request.customer.name,
        request.agent.name,
        ((m.role, m.author_name) for m in request.thread.messages),
    )
    return Ownership.build(customer_names=[*customer, *staff])


def report_at_rest(
    engine: SharedPiiEngine, report: DraftReport, names: Ownership | None = None
) -> DraftReport:
    """A copy of ``report`` fit to store: subject, body, questions and flags masked.

    ``names`` (from :func:`known_names`) are found wherever they stand, as in the prompt.
    """
    language = report.language if report.language in ("en", "ja") else None
    masker = RequestMasker(engine.get(), names or Ownership())

    def mask(text: str | None) -> str | None:
        return None if text is None else masker.mask(text, language)

    body, offsets = _mask_body(masker, report.body, language)
    questions = [
        q.model_copy(update={"text": mask(q.text), "answer_span": offsets.span(q.answer_span)})
        for q in report.questions
    ]
    flags = [
        f.model_copy(
            update={
                "message": mask(f.message),
                "evidence": mask(f.evidence),
                "span": offsets.span(f.span),
            }
        )
        for f in report.flags
    ]
    return report.model_copy(
        update={
            "subject": mask(report.subject),
            "body": body,
            "questions": questions,
            "flags": flags,
        }
    )


def text_at_rest(engine: SharedPiiEngine, text: str, language: str | None) -> str:
    """``text`` masked for storage the way a report's body is (numbered placeholders)."""
    masker = RequestMasker(engine.get())
    return masker.mask(text, language if language in ("en", "ja") else None)


def request_at_rest(
    engine: SharedPiiEngine,
    request: DraftRequest,
    language: str | None,
    names: Ownership | None = None,
) -> dict[str, Any]:
    """The parts of a draft request worth keeping for an eval case, every text masked.

    The thread (subject, channel, each message's role, author and body), who the customer and
    agent are, attachments' names, the stored voice and knowledge base ids and the requested
    model. Inline voices and knowledge bases are left out (configuration, not what the customer
    wrote; stored ones are named by id). One masker serves the whole request, so the customer
    has the same placeholder in every message. ``names``: :func:`known_names` of ``request``
    (computed here when not given).

    Both stored copies are made in the request's analysis memo (``DraftOutcome.analyses``):
    the customer's name, their messages, subject and asks were analysed for the prompt with
    the same names, the draft by the outbound scan.
    """
    lang = language if language in ("en", "ja") else None
    masker = RequestMasker(engine.get(), names or known_names(request))

    def mask(text: str | None) -> str | None:
        return None if text is None else masker.mask(text, lang)

    thread = request.thread
    kept: dict[str, Any] = {
        "thread": {
            "subject": mask(thread.subject),
            "channel": thread.channel,
            "messages": [
                {"role": m.role, "author_name": mask(m.author_name), "body": mask(m.body)}
                for m in thread.messages
            ],
        },
        "customer": {
            "name": mask(request.customer.name),
            "locale": request.customer.locale,
        },
        "agent": {"name": mask(request.agent.name), "title": mask(request.agent.title)},
        "attachments": [{"filename": mask(a.filename)} for a in request.attachments],
        "voice_id": request.voice_id,
        "knowledge_base_id": request.knowledge_base_id,
        "model": request.model,
    }
    return kept

"""Per-request masking of personal data before text goes to a model, and restoring after.

One :class:`RequestMasker` per request: the value-to-placeholder mapping lives only in its
memory, and the same value gets the same placeholder in every text of the request.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from guardrails.pii.engine import PiiEngine
from guardrails.pii.entities import SENSITIVE_TYPES, Action, PiiEntity, RedactionDecision
from guardrails.pii.ownership import Ownership, value_key

PLACEHOLDER = re.compile(r"<([A-Z][A-Z_]*?)_(\d+)>")
# Placeholder-like residue a model may produce by altering ours: [PERSON_1], <person 1>, etc.
ALTERED = re.compile(r"[<\[{(]\s*([A-Za-z][A-Za-z_]*?)[ _-]?(\d+)\s*[>\]})]")


@dataclass(frozen=True)
class RestoreResult:
    """A model output with this customer's own placeholders put back."""

    text: str
    restored: tuple[str, ...] = ()  # placeholders replaced by their value
    withheld: tuple[str, ...] = ()  # known placeholders kept: sensitive or not the customer's
    unknown: tuple[str, ...] = ()  # placeholder-like tokens this request never issued


@dataclass
class RequestMasker:
    """Masks the texts of one request and restores the customer's own data in the draft.

    ``fingerprint`` (e.g. the audit log's keyed HMAC) is applied to each value so decision
    records can be correlated without holding the value.
    """

    engine: PiiEngine
    ownership: Ownership = field(default_factory=Ownership)
    fingerprint: Callable[[str], str] | None = None
    inbound_counts: Counter[str] = field(default_factory=Counter)
    decisions: list[RedactionDecision] = field(default_factory=list)
    _by_value: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _by_placeholder: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _texts: int = 0
    # Full names of several words this request has masked (no allowed one): a later text that
    # calls the person by one part ("Alan Thornton" in one message, "Thornton部長" in the next)
    # is read with them as known names, as one text is read with the names it gives in full.
    _seen_names: list[str] = field(default_factory=list, repr=False)

    def mask(
        self,
        text: str,
        language: str | None = None,
        *,
        keep: frozenset[str] = frozenset(),
        source: str | None = None,
        record: bool = True,
    ) -> str:
        """Return ``text`` with every non-allowed value replaced by its placeholder.

        Entities of the types in ``keep`` are left as they are (e.g. PERSON in published KB
        text, where names are organisations and products far more often than people).
        ``source`` names where ``text`` came from, for the decision records. ``record=False``
        masks a copy of text already masked and recorded (e.g. the latest message, repeated in
        the prompt): its values get the same placeholders but no second decision or count.
        """
        entities = self.engine.analyze(text, language, known_names=self._known_names(text))
        entities = [e for e in entities if e.type not in keep]
        index, self._texts = self._texts, self._texts + 1
        out: list[str] = []
        cursor = 0
        for ent in entities:
            value = text[ent.start : ent.end]
            if self.ownership.is_allowed(value):
                continue
            placeholder = self._placeholder(ent.type, value)
            if ent.type == "PERSON" and len(value.split()) >= 2:
                self._saw_name(value)
            out += [text[cursor : ent.start], placeholder]
            cursor = ent.end
            if record:
                self.inbound_counts[ent.type] += 1
                self._record(ent, value, "mask", placeholder, index, source)
        out.append(text[cursor:])
        return "".join(out)

    def _saw_name(self, value: str) -> None:
        if value not in self._seen_names and value not in self.ownership.names:
            self._seen_names.append(value)

    def _known_names(self, text: str) -> tuple[str, ...]:
        """The request's names, and the full names masked before that have a word in ``text``.

        Only those with a word in the text: the names are part of the analysis' memo key, and
        a text that names none of them is analysed once whatever was masked before it.
        """
        seen = [n for n in self._seen_names if any(w in text for w in n.split())]
        return (*self.ownership.names, *seen) if seen else self.ownership.names

    def restore(self, text: str, *, record: bool = True) -> RestoreResult:
        """Put back this customer's own non-sensitive values; report everything else.

        ``record=False`` restores a preview (the draft while it streams) without recording
        decisions: the finished draft is restored, and recorded, once.
        """
        restored: list[str] = []
        withheld: list[str] = []

        def replace(match: re.Match[str]) -> str:
            placeholder = match.group(0)
            known = self._by_placeholder.get(placeholder)
            if known is None:
                return placeholder
            entity_type, value = known
            if entity_type in SENSITIVE_TYPES or not self.ownership.is_customers(value):
                withheld.append(placeholder)
                return placeholder
            restored.append(placeholder)
            ent = PiiEntity(entity_type, match.start(), match.end(), 1.0, "RequestMasker")
            if record:
                self._record(ent, value, "restore", placeholder, None, "draft")
            return value

        out = PLACEHOLDER.sub(replace, text)
        issued = set(self._by_placeholder)
        unknown = [m.group(0) for m in ALTERED.finditer(out) if m.group(0) not in issued]
        return RestoreResult(out, tuple(restored), tuple(withheld), tuple(unknown))

    def _placeholder(self, entity_type: str, value: str) -> str:
        key = (entity_type, value_key(value))
        if key not in self._by_value:
            number = 1 + sum(1 for t, _ in self._by_value if t == entity_type)
            placeholder = f"<{entity_type}_{number}>"
            self._by_value[key] = placeholder
            self._by_placeholder[placeholder] = (entity_type, value)
        return self._by_value[key]

    def _record(
        self,
        ent: PiiEntity,
        value: str,
        action: Action,
        placeholder: str,
        index: int | None,
        source: str | None,
    ) -> None:
        self.decisions.append(
            RedactionDecision(
                entity_type=ent.type,
                recognizer=ent.recognizer,
                score=ent.score,
                start=ent.start,
                end=ent.end,
                action=action,
                placeholder=placeholder,
                text_index=index,
                value_fingerprint=self.fingerprint(value) if self.fingerprint else None,
                source=source,
            )
        )

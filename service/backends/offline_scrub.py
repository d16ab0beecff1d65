"""Keeping personal data out of what the offline drafter restates from the customer's text.

The drafter restates questions ("Your request to refund …") and the thread subject. Any
personal data in them (card numbers, IBANs, passwords, national IDs, e-mail addresses,
phone numbers, street addresses, other people's names) must not be copied into the draft.
A *finder* (in the service, the shared ``PiiEngine``) gives the spans; ``scrub`` removes each
value, or, where the words before it do not already say what it was, puts a generic phrase
in its place: "refund to my bank account DE89 … instead" -> "refund to my bank account
instead"; "送付先 keiri@example.jp に" -> "送付先のご記載のメールアドレスに".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

PiiSpan = tuple[str, int, int]  # entity type, start, end (indices into the analysed text)
PiiFinder = Callable[[str, str], Iterable[PiiSpan]]  # (text, language) -> spans

_ADDRESS = "ADDRESS"
_KINDS: dict[str, str] = {
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "ACCOUNT",
    "PASSWORD": "PASSWORD",
    "SECRET": "SECRET",
    "US_SSN": "ID",
    "JP_MY_NUMBER": "ID",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "JP_ADDRESS": _ADDRESS,
    "JP_POSTAL_CODE": _ADDRESS,
    "LOCATION": _ADDRESS,
    "PERSON": "PERSON",
    "IP_ADDRESS": "IP",
}
# When a merged run holds several kinds, the most telling one names it (postal code + street).
_PRIORITY = ("ADDRESS", "ACCOUNT", "CARD", "PASSWORD", "SECRET", "ID", "EMAIL", "PHONE", "IP")

_EN_NAMED = {
    "CARD": r"card(?:\s+number)?|number",
    "ACCOUNT": r"account(?:\s+number)?|iban",
    "PASSWORD": r"password|passcode|passphrase|pin",
    "SECRET": r"key|token|secret|password",
    "ID": r"ssn|number|id",
    "EMAIL": r"e-?mail(?:\s+address)?|address",
    "PHONE": r"phone(?:\s+number)?|mobile(?:\s+number)?|number",
    "ADDRESS": r"address",
    "PERSON": r"colleague|accountant|manager|boss|partner|wife|husband|friend|assistant|"
    r"contact|person|customer|client",
    "IP": r"ip(?:\s+address)?|address",
}
_EN_GENERIC = {
    "CARD": "the card you mentioned",
    "ACCOUNT": "the bank account you mentioned",
    "PASSWORD": "the password you shared",
    "SECRET": "the key you shared",
    "ID": "the ID number you gave",
    "EMAIL": "the email address you gave",
    "PHONE": "the phone number you gave",
    "ADDRESS": "the address you gave",
    "PERSON": "the person you mentioned",
    "IP": "the IP address you gave",
}
_JA_NAMED = {
    "CARD": r"カード(?:番号)?|番号",
    "ACCOUNT": r"口座(?:番号)?|IBAN",
    "PASSWORD": r"パスワード|暗証番号",
    "SECRET": r"キー|トークン|パスワード",
    "ID": r"マイナンバー|個人番号|番号",
    "EMAIL": r"メールアドレス|アドレス|メール",
    "PHONE": r"電話番号|電話|携帯|番号",
    "ADDRESS": r"住所|送付先|〒",
    "PERSON": r"",
    "IP": r"IPアドレス|アドレス",
}
_JA_NOUN = {
    "CARD": "カード",
    "ACCOUNT": "口座",
    "PASSWORD": "パスワード",
    "SECRET": "キー",
    "ID": "番号",
    "EMAIL": "メールアドレス",
    "PHONE": "電話番号",
    "ADDRESS": "住所",
    "PERSON": "方",
    "IP": "IPアドレス",
}
_EN_COPULA = re.compile(r"\s+(?:is|was|are|:)\s*$", re.IGNORECASE)
_JA_COPULA = re.compile(r"(?:は|が|[:：])\s*$")
_JA_HONORIFIC = re.compile(r"^\s*(?:さん|様|さま|氏|殿)")
_JOINER = re.compile(r"^[\s,、・/〒]*$")


class _Analyzer(Protocol):
    def analyze(self, text: str, language: str | None = None) -> Sequence[Any]: ...


class _EngineSource(Protocol):
    def get(self) -> _Analyzer: ...


def engine_finder(source: _EngineSource) -> PiiFinder:
    """A finder over a shared PII engine (``SharedPiiEngine``): built lazily, used per call."""

    def find(text: str, language: str) -> list[PiiSpan]:
        return [(e.type, e.start, e.end) for e in source.get().analyze(text, language)]

    return find


def _trim(text: str, start: int, end: int) -> int:
    """Leave a clause-ending comma a recognizer took with the value ("Sunflower!2024,")."""
    while end - start > 1 and text[end - 1] in ",、;" and text[end : end + 1] in ("", " ", "\n"):
        end -= 1
    return end


def _kind(types: Iterable[str]) -> str:
    kinds = {_KINDS.get(t, "OTHER") for t in types}
    return next((k for k in _PRIORITY if k in kinds), next(iter(sorted(kinds))))


def _runs(text: str, spans: Iterable[PiiSpan]) -> list[tuple[int, int, str]]:
    """Merge spans that touch or are only separated by spaces/commas/〒 into runs."""
    ordered = sorted((s, _trim(text, s, e), t) for t, s, e in spans if 0 <= s < e <= len(text))
    runs: list[tuple[int, int, list[str]]] = []
    for start, end, kind in ordered:
        if runs and (start <= runs[-1][1] or _JOINER.match(text[runs[-1][1] : start])):
            last = runs[-1]
            runs[-1] = (last[0], max(last[1], end), [*last[2], kind])
        else:
            runs.append((start, end, [kind]))
    out = []
    for start, end, kinds in runs:
        if text[max(0, start - 1) : start] == "〒":
            start -= 1
        out.append((start, end, _kind(kinds)))
    return out


def _english(before: str, after: str, kind: str) -> tuple[str, str, str]:
    """Return (before, replacement, after) for one value in English text."""
    named = _EN_NAMED.get(kind)
    stem = _EN_COPULA.sub("", before)
    if named and re.search(rf"\b(?:{named})\s*$", stem, re.IGNORECASE):
        return stem.rstrip(), "", after  # "my bank account DE89… instead" -> "… account instead"
    return before, _EN_GENERIC.get(kind, "the details you gave"), after


def _japanese(before: str, after: str, kind: str) -> tuple[str, str, str]:
    """Return (before, replacement, after) for one value in Japanese text."""
    if kind == "PERSON":
        after = _JA_HONORIFIC.sub("", after)
    named = _JA_NAMED.get(kind)
    stem = _JA_COPULA.sub("", before.rstrip())
    if named and re.search(rf"(?:{named})\s*$", stem):
        after = re.sub(r"^\s*です", "", after)
        return stem, "", after
    noun = _JA_NOUN.get(kind, "情報")
    before = before.rstrip()
    # "経理担当の keiri@… に" -> "経理担当のメールアドレスに"; elsewhere "ご記載のメールアドレス".
    middle = noun if before.endswith("の") else f"ご記載の{noun}"
    return before, middle, after.lstrip()


def scrub(text: str, spans: Iterable[PiiSpan], language: str) -> str:
    """Return ``text`` without the personal data at ``spans`` (see module doc)."""
    runs = _runs(text, spans)
    if not runs:
        return text
    result = text
    for start, end, kind in reversed(runs):
        before, after = result[:start], result[end:]
        if language == "ja":
            before, middle, after = _japanese(before, after, kind)
        else:
            before, middle, after = _english(before, after, kind)
            if middle and before and not before.endswith(" "):
                middle = " " + middle
        result = before + middle + after
    return _tidy(result, language)


def _tidy(text: str, language: str) -> str:
    if language == "ja":
        text = re.sub(r"\s+(?=[にへをがはでのと、。？！」])", "", text)
        return re.sub(r"[ \t]{2,}", " ", text).strip()
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    return re.sub(r"([,;:])(?=[,.;:?!])", "", text).strip()


class Scrubber:
    """Applies a finder to text; without one (unit tests, no engine) text passes unchanged."""

    def __init__(self, finder: PiiFinder | None = None) -> None:
        self._finder = finder

    def __call__(self, text: str, language: str) -> str:
        """Return ``text`` with personal data removed or replaced by a generic phrase."""
        if self._finder is None or not text.strip():
            return text
        return scrub(text, self._finder(text, language), language)

    def types(self, text: str, language: str) -> set[str]:
        """The entity types of the personal data in ``text`` (empty without a finder)."""
        if self._finder is None or not text.strip():
            return set()
        return {kind for kind, _, _ in self._finder(text, language)}

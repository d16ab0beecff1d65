"""Order and ticket numbers a thread names ("order #48213", "ご注文番号 48213", "ticket 5521")."""

from __future__ import annotations

import re

from guardrails.language import normalise_width

_REFERENCE = re.compile(
    r"(?:order|ticket|case|invoice|reference|ref\.?|request)\s*(?:no\.?|number|num\.?|id)?"
    r"\s*[:#]?\s*#?\s*([A-Z]{0,4}-?\d{4,12})\b"
    r"|#\s?(\d{4,12})\b"
    r"|(?:注文|ご注文|チケット|問い合わせ|お問い合わせ|受付|請求書|申込)(?:番号|No\.?|ID)?"
    r"\s*[:：は]?\s*[#＃]?\s*([A-Z]{0,4}-?\d{4,12})",
    re.IGNORECASE,
)


def references(text: str) -> list[str]:
    """The order/ticket numbers in ``text``, in order, without repeats (digits half-width)."""
    found = []
    for match in _REFERENCE.finditer(normalise_width(text)):
        value = next(g for g in match.groups() if g)
        found.append(value.upper())
    return list(dict.fromkeys(found))


def thread_references(subject: str | None, bodies: list[str]) -> list[str]:
    """Every order/ticket number named in the subject or the thread's messages."""
    return references("\n".join([subject or "", *bodies]))

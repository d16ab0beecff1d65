"""How to address the customer: one rule for the prompt, the offline drafter and the checks.

English replies greet by first name ("Hi Maria,"), or by title and family name when the name
carries a title ("Dr. Jane Roe" -> "Dr. Roe"); Japanese ones by family name, to which the
greeting adds 様 ("山田 太郎" -> 山田). A name that looks like an email address or user name
is never used (DIGEST: "Hi, vendas5" is wrong); masked names such as ``<PERSON_1>`` are names.
"""

from __future__ import annotations

import re

from guardrails.language import JAPANESE

_PERSON_PLACEHOLDER = re.compile(r"^<PERSON_\d+>$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})


def _is_name_like(name: str) -> bool:
    """Reject e-mail addresses, user names and non-person placeholders."""
    if _PERSON_PLACEHOLDER.match(name.split()[0]):
        return True
    return not any(ch.isdigit() or ch in "@<>_/" for ch in name)


def _reorder(name: str) -> str:
    """Turn "Lopez, Maria" into "Maria Lopez"; leave anything else alone."""
    if name.count(",") == 1 and not JAPANESE.search(name):
        last, first = (part.strip() for part in name.split(","))
        if first and last:
            return f"{first} {last}"
    return name


def address_name(name: str | None, language: str) -> str | None:
    """Return how to address the customer, or ``None`` when there is no usable name.

    English: the first name, or title + family name ("Dr. Roe"). Japanese: the family name
    of a Japanese name (without 様: the greeting adds it); a foreign name in full.
    """
    cleaned = " ".join((name or "").split()).strip(" ,")
    if not cleaned or not _is_name_like(cleaned):
        return None
    tokens = _reorder(cleaned).split()
    if _PERSON_PLACEHOLDER.match(tokens[0]):
        return tokens[0]
    has_title = tokens[0].lower().rstrip(".") in _HONORIFICS and len(tokens) > 1
    if JAPANESE.search(cleaned):
        # Japanese names are written family name first: "山田 太郎" -> 山田; without a space
        # we cannot split reliably, and the full name with 様 is still polite.
        return tokens[0]
    if language == "ja":
        return " ".join(tokens[1:] if has_title else tokens)  # foreign names: full name + 様
    return f"{tokens[0]} {tokens[-1]}" if has_title else tokens[0]

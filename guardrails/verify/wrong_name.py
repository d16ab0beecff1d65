"""``wrong_name`` (block): the greeting names someone other than the customer.

Also when it uses the customer's company or user name instead of their own ("Hi, vendas5"),
and when it misspells the customer's own name ("Joyxe" for Joyce, 斉藤 for 斎藤): a near miss
is the agent's typo, reported here and not as someone else's data (``foreign_pii``). Near
misses are looked for wherever the draft addresses the customer: the greeting, "Thanks again,
Joycee!", "Ms. Millar", 「斉藤様」.
English: "Hi/Dear <first name or Mr./Ms. surname>,"; Japanese: "<family or full name>様".
A plain greeting ("Hi there,", "お客様") is always fine, and so is a short form that starts
the name ("Jen" for Jennifer).
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext
from guardrails.language import KANJI
from guardrails.pii.names import fold_apostrophes
from guardrails.pii.ownership import name_variant_of, names_given

EN_GREETING = re.compile(
    r"^[ \t]*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening|day)|greetings|hiya)\b"
    r"[ \t,]*(?P<name>(?:(?:mr|mrs|ms|mx|dr|prof)\.[ \t]*)?[^,!:;.\n?]{0,60})",
    re.IGNORECASE,
)
JA_ADDRESSEE = re.compile(r"^[ \t　]*(?P<name>[^\n。、！？様]{1,30}?)[ \t　]*様")
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+", re.IGNORECASE)
_PLAIN_EN = frozenset(
    """there all everyone everybody team folks friend friends again customer valued sir madam or
    and thanks thank you support user colleague colleagues guys""".split()
)
# Addressees that name nobody in particular ("お客様", "ご担当者様", "皆様").
_PLAIN_JA = re.compile(r"(?:お客|ご担当者|担当者|皆|みな|ご利用者|会員|各位)$")
_COMPANY_NOISE = re.compile(
    r"\b(?:inc|corp|co|ltd|llc|gmbh|kk)\b\.?|株式会社|有限会社|\(株\)|（株）", re.I
)
_SPACES = re.compile(r"[\s　・]+")
# Where a draft addresses the customer after the greeting line: near misses are looked for here.
_ADDRESS_EN = re.compile(
    r"\b(?:thanks|thank\s+you|cheers|sorry|welcome|hi|hello|dear)(?:\s+(?:again|so\s+much|"
    r"very\s+much))?,\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*[.!,]"
    r"|\b(?:mr|mrs|ms|miss|mx|dr)\.?\s+(?P<surname>[A-Z][a-z]+)",
    re.IGNORECASE,
)
_ADDRESS_JA = re.compile(f"(?P<name>[{KANJI}ァ-ヶー・]{{1,12}}?)[ 　]*(?:様|さん)")
_TEMPLATE = re.compile(r"[○〇◯×]{2}|[\[\]{}<>＜＞*|%$]")


def _tokens(text: str | None) -> set[str]:
    return {t.lower() for t in re.split(r"[\s　,]+", fold_apostrophes(text or "")) if t}


def _customer_names(ctx: GuardrailContext) -> tuple[str, ...]:
    customer, _staff = names_given(
        ctx.customer.name, ctx.agent.name, ((m.role, m.author_name) for m in ctx.messages)
    )
    return customer


def _known_names(ctx: GuardrailContext) -> set[str]:
    return {token for name in _customer_names(ctx) for token in _tokens(name)}


def _other_identities(ctx: GuardrailContext) -> set[str]:
    """Company and user name forms a greeting must not use instead of the person's name."""
    out: set[str] = set()
    if ctx.customer.company:
        company = _COMPANY_NOISE.sub("", ctx.customer.company).strip()
        out |= {_SPACES.sub("", company).lower()} | _tokens(company)
    if ctx.customer.username:
        out.add(ctx.customer.username.lower())
    return {o for o in out if len(o) >= 2}


def _is_family_of(addressee: str, full_name: str | None) -> bool:
    """True when e.g. 山田 addresses 山田太郎 (a full name written without a space)."""
    full = _SPACES.sub("", full_name or "").lower()
    return bool(full) and any(full.startswith(addressee[i:]) for i in range(len(addressee)))


def _problem(addressee: str, ctx: GuardrailContext, *, japanese: bool) -> str | None:
    """Why ``addressee`` is the wrong name, or None when it is fine."""
    addressee = fold_apostrophes(addressee)  # "O’Neil" greets O'Neil
    known = _known_names(ctx)
    others = _other_identities(ctx) - known
    if name_variant_of(_HONORIFIC.sub("", addressee), _customer_names(ctx)):
        return "misspells the customer's name"
    if japanese:
        flat = _SPACES.sub("", addressee).lower()
        if any(flat.endswith(n) for n in known if n) or _is_family_of(flat, ctx.customer.name):
            return None
        if flat in others or _SPACES.sub("", _COMPANY_NOISE.sub("", addressee)).lower() in others:
            return "uses the customer's company or user name instead of their name"
        return "names someone other than this customer" if known else None
    words = [w.lower() for w in _HONORIFIC.sub("", addressee).split()]
    if not words or all(w in _PLAIN_EN for w in words) or words[0] in _PLAIN_EN:
        return None
    if all(w in known or any(len(w) >= 3 and n.startswith(w) for n in known) for w in words):
        return None  # their name, or a short form of it ("Jen" for Jennifer)
    if any(w in others for w in words):
        return "uses the customer's company or user name instead of their name"
    return "names someone other than this customer" if known else None


class WrongName(GuardrailBase):
    """Checks that the greeting addresses the customer by their own name."""

    code: ClassVar[FlagCode] = "wrong_name"
    severity: ClassVar[Severity] = "block"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return a block finding when the greeting names the wrong person."""
        first = draft.lstrip()
        offset = len(draft) - len(first)
        en = EN_GREETING.match(first)
        ja = None if en else JA_ADDRESSEE.match(first)
        match = en or ja
        if match is None or (ja and _PLAIN_JA.search(ja.group("name").strip())):
            return []
        addressee = match.group("name").strip()
        if not addressee or _TEMPLATE.search(addressee):
            return self._misspelt_later(draft, ctx, 0)  # template residue: placeholder_left's
        problem = _problem(addressee, ctx, japanese=ja is not None)
        start = (
            offset
            + match.start("name")
            + (len(match.group("name")) - len(match.group("name").lstrip()))
        )
        if problem is None:
            return self._misspelt_later(draft, ctx, start + len(addressee))
        return [
            self.finding(
                message=f"The greeting {problem}.",
                span=Span(start=start, end=start + len(addressee)),
                evidence="greeting",
            )
        ]

    def _misspelt_later(self, draft: str, ctx: GuardrailContext, after: int) -> list[Finding]:
        """Near misses of the customer's name where the draft addresses them after ``after``."""
        names = _customer_names(ctx)
        if not names:
            return []
        findings = []
        for m in (*_ADDRESS_EN.finditer(draft, after), *_ADDRESS_JA.finditer(draft, after)):
            group = "surname" if m.lastgroup == "surname" else "name"
            name = m.group(group)
            if _PLAIN_JA.search(name) or not name_variant_of(name, names):
                continue
            findings.append(
                self.finding(
                    message="The draft misspells the customer's name.",
                    span=Span(start=m.start(group), end=m.end(group)),
                    evidence="address",
                )
            )
        return findings

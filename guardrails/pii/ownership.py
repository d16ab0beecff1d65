"""Whose data a detected value is: this customer's, the company's (allowed), or someone else's."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from guardrails.context import GuardrailContext
from guardrails.japanese import tokenize
from guardrails.language import KANA, normalise_width
from guardrails.normalise import normalise
from guardrails.pii.names import fold_apostrophes
from guardrails.run_memo import per_run

_NAME_SPLIT = re.compile(r"[\s・･,]+")
_KANA_ONLY = re.compile(f"[{KANA}]+")


@per_run  # asked of the same names and values by every entity of the request
def value_key(value: str) -> str:
    """Fold a value for comparison: width, case, apostrophes, separators in numbers, addresses."""
    folded = fold_apostrophes(normalise(value).text).casefold().strip()
    if re.fullmatch(r"[\d\s()+\-.]+", folded):
        return re.sub(r"\D", "", folded)
    return re.sub(r"\s+", " ", folded)


@lru_cache(maxsize=64)
def _published_keys(contacts: tuple[str, ...]) -> frozenset[str]:
    """``value_key`` of each published contact (company data, never the customer's)."""
    return frozenset(value_key(c) for c in contacts if c)


def _name_keys(names: Iterable[str | None]) -> set[str]:
    keys: set[str] = set()
    for name in names:
        if name:
            keys.add(value_key(name))
            keys.update(value_key(p) for p in re.split(r"[\s・]+", name) if len(p) >= 2)
    return keys


def _flat(name: str) -> str:
    return _NAME_SPLIT.sub("", normalise_width(name).casefold())


@per_run
def _reading(name: str) -> str:
    """The katakana reading of a Japanese name (斉藤 and 斎藤 both read サイトウ)."""
    return "".join(m.reading_form() for _, m in tokenize(name))


def is_spelling_variant(candidate: str, name: str) -> bool:
    """True when ``candidate`` is a near-miss spelling of ``name`` but not the same name.

    Latin script: an edit (OSA) distance of 1, or 2 for names of 8 letters or more, between
    names of at least 4 letters ("Joyxe" for Joyce, "Millar" for Miller); a shorter form that
    starts the name ("Jen" for Jennifer) is a nickname, not a misspelling. Japanese: the same
    reading written with other characters (斉藤 for 斎藤, 渡部 for 渡辺), one kana off
    (ジョイズ for ジョイス), or one character off in a full name of four or more.
    """
    a, b = _flat(candidate), _flat(name)
    if not a or not b or a == b:
        return False
    if a.isascii() != b.isascii():
        return False
    if a.isascii():
        if min(len(a), len(b)) < 4 or b.startswith(a):
            return False
        return OSA.distance(a, b) <= (2 if len(b) >= 8 else 1)
    if _KANA_ONLY.fullmatch(a + b):
        return len(b) >= 3 and OSA.distance(a, b) <= 1
    if len(a) == len(b) >= 4 and OSA.distance(a, b) <= 1:
        return True  # a full name with one character off (斎藤花予 for 斎藤花子)
    return len(a) == len(b) and _reading(a) == _reading(b)


def name_variant_of(candidate: str, names: Iterable[str]) -> bool:
    """True when ``candidate`` misspells one of ``names`` (word by word for full names).

    Every word of the candidate must be a word of the names or a near miss of one, and at
    least one must be a near miss: "Joyce Millar" and 斎藤 華子 (for 斎藤 花子) qualify.
    """
    words = [w for n in names for w in [_flat(n), *(_flat(p) for p in _NAME_SPLIT.split(n))] if w]
    if not words:
        return False
    parts = [_flat(p) for p in _NAME_SPLIT.split(candidate) if p.strip()] or [_flat(candidate)]
    if _flat(candidate) in words:
        return False
    if any(is_spelling_variant(_flat(candidate), w) for w in words):
        return True
    return all(p in words or any(is_spelling_variant(p, w) for w in words) for p in parts) and any(
        p not in words for p in parts
    )


def names_given(
    customer_name: str | None,
    agent_name: str | None,
    authors: Iterable[tuple[str, str | None]],
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The person names a request gives: the customer's, then the company staff's.

    The customer's are their profile name and the authors of customer messages; the staff's
    are the agent and the authors of agent messages (a colleague who replied earlier).
    ``authors``: each message's role and author name, oldest first. This is the one reading
    of who is who: the prompt's masker, the outbound scan and the stored copies are told the
    same names in the same order, so a stored copy reuses the request's analyses.
    """
    customer, staff = [customer_name], [agent_name]
    for role, name in authors:
        (customer if role == "customer" else staff).append(name)
    return (
        tuple(dict.fromkeys(n for n in customer if n)),
        tuple(dict.fromkeys(n for n in staff if n)),
    )


@dataclass(frozen=True)
class Ownership:
    """Value keys (``value_key``) of the customer's own data and of allowed company data."""

    customer: frozenset[str] = frozenset()
    allowed: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()  # full names to pass as known names to the detector
    customer_names: tuple[str, ...] = ()  # the customer's own names, as written

    @classmethod
    def build(
        cls,
        *,
        customer_names: Iterable[str | None] = (),
        customer_values: Iterable[str | None] = (),
        allowed_names: Iterable[str | None] = (),
        allowed_values: Iterable[str | None] = (),
        company_names: Iterable[str | None] = (),
        published: tuple[str, ...] = (),
    ) -> Ownership:
        """Build from the customer's names/values and the allow-list (staff, brand, contacts).

        ``allowed_names`` are people (the agent, colleagues): found wherever they stand, then
        allowed. ``company_names`` (the brand) are allowed when found but not sought as a
        person's name. ``published``: the company's published contacts, allowed like
        ``allowed_values``; their keys are cached, as the same KB's hundreds of contacts
        recur on every request.
        """
        cust_names = [n for n in customer_names if n]
        ok_names = [n for n in allowed_names if n]
        own = {value_key(v) for v in customer_values if v}
        ok = {value_key(v) for v in allowed_values if v} | _published_keys(published)
        ok |= _name_keys(company_names)  # "Thanks for choosing Harper" for Harper Travel
        customer = _name_keys(cust_names) | own
        return cls(
            customer=frozenset(customer),
            # The customer wins: a colleague or brand sharing a word of their name (佐藤 健 and
            # the customer 佐藤 花子) does not let that word through unmasked.
            allowed=frozenset((_name_keys(ok_names) | ok) - customer),
            names=tuple(dict.fromkeys(cust_names + ok_names)),
            customer_names=tuple(dict.fromkeys(cust_names)),
        )

    @classmethod
    def from_context(cls, ctx: GuardrailContext) -> Ownership:
        """The customer (profile and message authors); allowed: staff, contacts, brand."""
        customer_msgs = ctx.customer_messages
        customer_names, staff_names = names_given(
            ctx.customer.name, ctx.agent.name, ((m.role, m.author_name) for m in ctx.messages)
        )
        return cls.build(
            customer_names=customer_names,
            customer_values=[
                ctx.customer.email,
                ctx.customer.username,
                # Their company (and its words: "Hi Acme,"): a wrong greeting, but not a leak.
                ctx.customer.company,
                *(ctx.customer.company or "").split(),
                *(m.author_email for m in customer_msgs),
            ],
            allowed_names=staff_names,
            allowed_values=[ctx.agent.email],
            company_names=[ctx.voice.brand],
            published=ctx.voice.published_contacts,
        )

    def is_customers(self, value: str) -> bool:
        """True when ``value`` is this customer's own name, email, user name, etc."""
        return value_key(value) in self.customer

    def is_customer_name_variant(self, value: str) -> bool:
        """True when ``value`` misspells the customer's name ("Joyxe" for Joyce, 斉藤 for 斎藤)."""
        return name_variant_of(value, self.customer_names)

    def is_allowed(self, value: str) -> bool:
        """True for company data: published contacts, the staff's names, the brand's words.

        Allowed values stay in the clear in the prompt and pass the outbound scan; a word that
        is also the customer's is never allowed (see :meth:`build`).
        """
        return value_key(value) in self.allowed

"""Hypothesis strategies for planted personal values, shared by the property tests.

Emails, North American phone numbers in several layouts and Luhn-valid card numbers (Visa and
Mastercard ranges, spaced, dashed or unbroken): used by the masking properties of
``guardrails`` and by the pipeline's "never reaches a remote model" properties, so both plant
the same kinds of value.
"""

from __future__ import annotations

from hypothesis import strategies as st

FIRST = ["maria", "john", "aiko", "oluwaseun", "li", "francois"]
LAST = ["lopez", "smith", "tanaka", "adeyemi", "wang", "dubois"]
DOMAINS = ["example.com", "mail.example.org", "corp.example.co.uk", "example.jp"]


def luhn_complete(digits: str) -> str:
    """``digits`` followed by the Luhn check digit that makes the whole number valid."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return digits + str((10 - total % 10) % 10)


def card_number(prefix: str, digits: str, sep: str) -> str:
    """A 16-digit Luhn-valid card number from ``prefix`` + ``digits``, in groups of four."""
    number = luhn_complete((prefix + digits)[:15])
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


emails = st.builds(
    lambda first, last, n, d: f"{first}.{last}{n}@{d}",
    st.sampled_from(FIRST),
    st.sampled_from(LAST),
    st.integers(0, 999),
    st.sampled_from(DOMAINS),
)
phones = st.builds(
    lambda a, b, c, fmt: fmt.format(a=a, b=b, c=c),
    st.integers(201, 989),
    st.integers(200, 999),
    st.integers(1000, 9999),
    st.sampled_from(["+1 {a} {b} {c}", "({a}) {b}-{c}", "{a}-{b}-{c}", "+1-{a}-{b}-{c}"]),
)
cards = st.builds(
    card_number,
    st.sampled_from(["4", "51", "55", "2221", "2720"]),
    st.text(alphabet="0123456789", min_size=14, max_size=14),
    st.sampled_from([" ", "-", ""]),
)

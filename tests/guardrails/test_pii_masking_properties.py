"""Property tests: masking then restoring never puts a value where it does not belong.

Hypothesis plants the customer's own email and phone, another person's email and phone, and a
card number (any owner) in a customer message, masks it with one ``RequestMasker``, then lets a
"model" answer with those placeholders in any order, repeated, beside placeholders the request
never issued and altered ones. Restoring must put back, at each placeholder's own place, only
the value that placeholder stood for, and only when it is the customer's own and not sensitive;
every other placeholder stays as written. Bounded: a few dozen examples, derandomised.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrails.pii import Ownership, PiiEngine, RequestMasker
from guardrails.pii.masking import PLACEHOLDER
from tests.guardrails.pii_engine_cache import shared_pii_engine
from tests.pii_values import cards, emails, phones

SEPARATOR = " ~ "  # between the model's pieces: no placeholder, value or word contains it
TEMPLATE = (
    "Hi, I am Maria Lopez. Write to {own_email} or call {own_phone}. My card {card} was "
    "charged twice. My neighbour ({other_email}, {other_phone}) had the same problem."
)


@pytest.fixture(scope="module")
def pii_engine() -> PiiEngine:
    return shared_pii_engine()


def _placeholder_of(masker: RequestMasker, value: str) -> str | None:
    """The placeholder this request gives ``value`` (masking a copy records nothing)."""
    found = PLACEHOLDER.findall(masker.mask(f"Contact: {value} thanks", "en", record=False))
    return f"<{found[0][0]}_{found[0][1]}>" if len(found) == 1 else None


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)
@given(
    own_email=emails,
    own_phone=phones,
    other_email=emails,
    other_phone=phones,
    card=cards,
    data=st.data(),
)
def test_restoring_puts_back_only_the_customers_own_values_at_their_own_places(
    pii_engine: PiiEngine,
    own_email: str,
    own_phone: str,
    other_email: str,
    other_phone: str,
    card: str,
    data: st.DataObject,
) -> None:
    if len({own_email, other_email}) < 2 or len({own_phone, other_phone}) < 2:
        return  # the same value cannot be the customer's and someone else's
    owner = Ownership.build(
        customer_names=["Maria Lopez"],
        customer_values=[own_email, own_phone],
        allowed_names=["Sam"],
    )
    masker = RequestMasker(pii_engine, owner)
    text = TEMPLATE.format(
        own_email=own_email,
        own_phone=own_phone,
        card=card,
        other_email=other_email,
        other_phone=other_phone,
    )
    masked = masker.mask(text, "en")
    planted = {
        "own": [own_email, own_phone, "Maria Lopez"],
        "foreign": [other_email, other_phone],
        "sensitive": [card],
    }
    # Only the customer's own values may come back; the others must never appear.
    restorable = {}
    kept = []
    for kind, planted_values in planted.items():
        for value in planted_values:
            placeholder = _placeholder_of(masker, value)
            assert value not in masked, f"a {kind} value was sent in clear"
            if placeholder is None:
                continue
            if kind == "own":
                restorable[placeholder] = value
            else:
                kept.append(placeholder)
    # Not vacuous: the emails and the card were masked, so each kind is exercised.
    assert own_email in restorable.values() and len(kept) >= 2, (restorable, kept)
    issued = sorted({*restorable, *kept})
    never_issued = ["<EMAIL_ADDRESS_9>", "<PERSON_7>", "<CREDIT_CARD_4>"]
    altered = ["[EMAIL_ADDRESS_1]", "<phone number 1>"]
    pieces = data.draw(
        st.lists(st.sampled_from([*issued, *never_issued, *altered, "thanks"]), max_size=12)
    )
    output = SEPARATOR.join(pieces)

    result = masker.restore(output)

    restored_pieces = result.text.split(SEPARATOR) if output else [""]
    assert len(restored_pieces) == len(pieces or [""])
    for written, restored in zip(pieces, restored_pieces, strict=False):
        assert restored == restorable.get(written, written), (written, restored)
    for value in [*planted["foreign"], *planted["sensitive"]]:
        assert value not in result.text
    assert set(result.restored) <= set(restorable)
    assert set(result.withheld) <= set(kept)
    # The whole round trip (a model echoing the masked text): each of the customer's own
    # values back exactly where its placeholder stood, nothing else changed.
    expected = PLACEHOLDER.sub(lambda m: restorable.get(m.group(0), m.group(0)), masked)
    assert masker.restore(masked).text == expected

import pytest

from guardrails.context import Article, GuardrailContext, Message, Person, VoiceRules
from guardrails.pii import (
    ForeignPiiGuardrail,
    Ownership,
    PiiEngine,
    RequestMasker,
    SensitivePiiGuardrail,
)
from tests.guardrails.pii_engine_cache import shared_pii_engine

OWNER = Ownership.build(
    customer_names=["Maria Lopez"],
    customer_values=["maria@example.com"],
    allowed_names=["Sam"],
    allowed_values=["support@example.com"],
)


@pytest.fixture(scope="session")
def pii_engine() -> PiiEngine:
    return shared_pii_engine()


def test_mask_numbers_values_consistently_across_texts(pii_engine: PiiEngine) -> None:
    masker = RequestMasker(pii_engine, OWNER)
    first = masker.mask("I am Maria Lopez, write to maria@example.com.", "en")
    second = masker.mask("Again: maria@example.com, or ask John Carter.", "en")
    assert first == "I am <PERSON_1>, write to <EMAIL_ADDRESS_1>."
    assert second == "Again: <EMAIL_ADDRESS_1>, or ask <PERSON_2>."
    assert masker.inbound_counts == {"PERSON": 2, "EMAIL_ADDRESS": 2}


def test_a_surname_shared_with_a_colleague_is_masked_as_the_customers(
    pii_engine: PiiEngine,
) -> None:
    """Staff names are allowed, but never a word that is also the customer's name."""
    own = Ownership.build(customer_names=["佐藤 花子"], allowed_names=["佐藤 健"])
    masked = RequestMasker(pii_engine, own).mask("佐藤です。注文の件で連絡しました。", "ja")
    assert "佐藤" not in masked and masked.startswith("<PERSON_1>")


def test_allow_list_is_not_masked(pii_engine: PiiEngine) -> None:
    masker = RequestMasker(pii_engine, OWNER)
    text = "Sam here, contact support@example.com"
    assert masker.mask(text, "en") == text


def test_decisions_never_hold_the_value(pii_engine: PiiEngine) -> None:
    masker = RequestMasker(pii_engine, OWNER, fingerprint=lambda v: f"h{len(v)}")
    masker.mask("Card 4111 1111 1111 1111 from maria@example.com", "en")
    assert {d.entity_type for d in masker.decisions} == {"CREDIT_CARD", "EMAIL_ADDRESS"}
    assert all("4111" not in repr(d) and "maria" not in repr(d) for d in masker.decisions)
    assert all(d.action == "mask" and d.value_fingerprint for d in masker.decisions)


@pytest.mark.parametrize(
    ("output", "expected", "withheld", "unknown"),
    [
        ("Hi <PERSON_1>,", "Hi Maria Lopez,", (), ()),
        (
            "Your card <CREDIT_CARD_1> is fine",
            "Your card <CREDIT_CARD_1> is fine",
            ("<CREDIT_CARD_1>",),
            (),
        ),
        ("Ask <PERSON_2>", "Ask <PERSON_2>", ("<PERSON_2>",), ()),
        (
            "Hi [PERSON_1], see <PERSON_9>",
            "Hi [PERSON_1], see <PERSON_9>",
            (),
            ("[PERSON_1]", "<PERSON_9>"),
        ),
    ],
)
def test_restore_only_customers_own_non_sensitive_values(
    pii_engine: PiiEngine,
    output: str,
    expected: str,
    withheld: tuple[str, ...],
    unknown: tuple[str, ...],
) -> None:
    masker = RequestMasker(pii_engine, OWNER)
    masker.mask("I am Maria Lopez, card 4111 1111 1111 1111, colleague John Carter.", "en")
    result = masker.restore(output)
    assert (result.text, result.withheld, result.unknown) == (expected, withheld, unknown)


def _ctx(lang: str = "en") -> GuardrailContext:
    return GuardrailContext(
        messages=(Message(role="customer", body="Hi", author_name="Maria Lopez"),),
        customer_language=lang,
        draft_language=lang,
        customer=Person(name="Maria Lopez", email="maria@example.com"),
        agent=Person(name="Sam"),
        voice=VoiceRules(published_contacts=("support@example.com",)),
    )


@pytest.mark.parametrize(
    ("draft", "codes", "value"),
    [
        ("Hi Maria,\n\nWe replied to maria@example.com.\n\nBest,\nSam", [], None),
        ("Hi Maria, write to support@example.com.", [], None),
        (
            "Hi Maria, John Carter (john@example.org) had this too.",
            ["foreign_pii", "foreign_pii"],
            "john@example.org",
        ),
        (
            "Hi Maria, your card 4111 1111 1111 1111 was charged.",
            ["sensitive_pii"],
            "4111 1111 1111 1111",
        ),
    ],
)
def test_outbound_guardrails(
    pii_engine: PiiEngine, draft: str, codes: list[str], value: str | None
) -> None:
    ctx = _ctx()
    findings = ForeignPiiGuardrail(pii_engine).check(draft, ctx)
    findings += SensitivePiiGuardrail(pii_engine).check(draft, ctx)
    assert sorted(f.code for f in findings) == codes
    assert all(f.severity == "block" and f.span is not None for f in findings)
    if value is not None:
        assert value in {draft[f.span.start : f.span.end] for f in findings if f.span}
        assert all(value not in f.message for f in findings)


@pytest.mark.parametrize("name", ["maria", "MARIA", "Maria"])
def test_the_customers_name_in_any_case_is_masked_and_restored(
    pii_engine: PiiEngine, name: str
) -> None:
    masker = RequestMasker(pii_engine, OWNER)
    masked = masker.mask(f"hi, {name} here, order 5521 is late", "en")
    assert name not in masked and "<PERSON_1>" in masked
    assert masker.restore("Hi <PERSON_1>,").text == f"Hi {name},"


def test_a_curly_apostrophe_is_the_customers_name_not_foreign(pii_engine: PiiEngine) -> None:
    ctx = GuardrailContext(
        messages=(Message(role="customer", body="Hi", author_name="Sean O'Neil"),),
        customer_language="en",
        draft_language="en",
        customer=Person(name="Sean O'Neil"),
        agent=Person(name="Sam"),
        voice=VoiceRules(),
    )
    assert not ForeignPiiGuardrail(pii_engine).check("Dear Mr O\u2019Neil, it is refunded.", ctx)
    assert Ownership.from_context(ctx).is_customers("O\u2019Neil")


def test_japanese_my_number_is_sensitive(pii_engine: PiiEngine) -> None:
    draft = "田中様、マイナンバー123456789018を確認しました。"
    findings = SensitivePiiGuardrail(pii_engine).check(draft, _ctx("ja"))
    assert [f.code for f in findings] == ["sensitive_pii"]


def test_values_from_the_thread_or_kb_are_not_foreign(pii_engine: PiiEngine) -> None:
    ctx = GuardrailContext(
        messages=(Message(role="customer", body="I'd like to send a gift to my sister Ana Ruiz."),),
        customer_language="en",
        draft_language="en",
        customer=Person(name="Maria Lopez"),
        agent=Person(name="Sam"),
        articles=(Article(id="ship", title="Carriers", body="We ship with Canada Post."),),
    )
    guardrail = ForeignPiiGuardrail(pii_engine)
    clean = "Hi Maria,\n\nYour gift for Ana Ruiz ships with Canada Post.\n\nSam"
    assert guardrail.check(clean, ctx) == []
    leaked = "Hi Maria,\n\nJohn Whitaker had the same problem last week.\n\nSam"
    assert [f.code for f in guardrail.check(leaked, ctx)] == ["foreign_pii"]


def test_a_copy_is_masked_alike_but_recorded_once(pii_engine: PiiEngine) -> None:
    masker = RequestMasker(pii_engine, OWNER)
    text = "Card 4111 1111 1111 1111, refund it?"
    first = masker.mask(text, "en", source="thread.messages[0] (customer)")
    copy = masker.mask(text, "en", record=False)
    assert copy == first and "<CREDIT_CARD_1>" in first
    assert [(d.entity_type, d.source) for d in masker.decisions] == [
        ("CREDIT_CARD", "thread.messages[0] (customer)")
    ]
    assert masker.inbound_counts == {"CREDIT_CARD": 1}


@pytest.mark.parametrize(
    ("names", "text", "language", "masked"),
    [
        (
            ["Maria Lopez"],
            "ship it to 1600 Lopez Street, Springfield, IL 62704 please",
            "en",
            "ship it to <STREET_ADDRESS_1> please",
        ),
        (["山田 太郎"], "東京都千代田区山田町一丁目二番三号です。", "ja", "<JP_ADDRESS_1>です。"),
    ],
)
def test_an_address_holding_the_customers_name_is_masked_whole(
    pii_engine: PiiEngine, names: list[str], text: str, language: str, masked: str
) -> None:
    """The name inside the address never breaks it up into a name and the rest in clear."""
    masker = RequestMasker(pii_engine, Ownership.build(customer_names=names))
    assert masker.mask(text, language) == masked


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A phone-like run as an address's unit number: the address stops inside it.
        ("Ship to 12 Main Street, Apt 03-1234-5678, Springfield", "1234-5678"),
        ("Ship to 12 Main Street, Apt 03-1234-5678", "5678"),
    ],
)
def test_no_piece_of_a_value_cut_by_another_stays_in_clear(
    pii_engine: PiiEngine, text: str, value: str
) -> None:
    masked = RequestMasker(pii_engine).mask(text, "en")
    assert value not in masked and "12 Main" not in masked, masked


def test_a_widened_value_is_not_restored_as_the_customers(pii_engine: PiiEngine) -> None:
    # The customer's own email, run into a name reader's finding (Joséphine for a known
    # José): only a value that is the customer's whole is put back; the widened one is
    # withheld, so restore never puts text where it did not stand.
    owner = Ownership.build(customer_names=["José"], customer_values=["maria@example.com"])
    masker = RequestMasker(pii_engine, owner)
    masked = masker.mask("Joséphine wrote from maria@example.com", "en")
    assert "Joséphine" not in masked and "José" not in masked
    result = masker.restore(masked)
    assert result.text == "<PERSON_1> wrote from maria@example.com"
    assert result.withheld == ("<PERSON_1>",)


def test_a_part_of_a_full_name_masked_in_an_earlier_text_is_masked_in_a_later_one(
    pii_engine: PiiEngine,
) -> None:
    # Each message is analysed alone: the surname of the previous message's full name was
    # too weak alone and reached the model.
    masker = RequestMasker(pii_engine)
    first = masker.mask("先週Alan Thorntonさんとお話ししました。", "ja")
    later = masker.mask("Thornton部長によると返金は可能とのことでした。", "ja")
    assert "Thornton" not in first + later
    assert later.startswith("<PERSON_")


def test_an_earlier_full_name_adds_nothing_to_a_text_without_its_words(
    pii_engine: PiiEngine,
) -> None:
    masker = RequestMasker(pii_engine)
    masker.mask("Alan Thornton called about the refund.", "en")
    text = "Please confirm the delivery address."
    assert masker.mask(text, "en") == text
    assert masker._known_names(text) == masker.ownership.names

"""ForeignPiiGuardrail: whose data a draft holds (third parties vs the customer's typo)."""

from __future__ import annotations

import pytest

from guardrails.context import Article, GuardrailContext, Message, Person, VoiceRules
from guardrails.pii import ForeignPiiGuardrail, PiiEngine
from guardrails.pii import guardrails as pii_guardrails
from tests.guardrails.colleague_thread import colleague_thread
from tests.guardrails.pii_engine_cache import shared_pii_engine


@pytest.fixture(scope="session")
def pii_engine() -> PiiEngine:
    return shared_pii_engine()


def _ctx(thread: str, lang: str = "en", name: str = "Joyce Miller") -> GuardrailContext:
    return GuardrailContext(
        messages=(Message(role="customer", body=thread, author_name=name),),
        customer_language=lang,
        draft_language=lang,
        customer=Person(name=name, email="joyce.miller@example.com"),
        agent=Person(name="Sam"),
        voice=VoiceRules(published_contacts=("support@northwind.example", "0120-123-456")),
    )


def _types(engine: PiiEngine, draft: str, ctx: GuardrailContext) -> list[str]:
    return [f.evidence or "" for f in ForeignPiiGuardrail(engine).check(draft, ctx)]


@pytest.mark.parametrize(
    ("thread", "draft"),
    [
        # A third party's address the customer mentioned is still not theirs to receive.
        (
            "My colleague John Carter (john.carter@acme.example) saw it too. Can you help?",
            "Hi Joyce, we have written to john.carter@acme.example as well.",
        ),
        ("Where is my order?", "Hi Joyce, ask dana.kim@northwind.example about billing."),
        ("Where is my order?", "Hi Joyce, call our warehouse lead on +1 415 555 0199."),
    ],
)
def test_someone_elses_contact_is_foreign(pii_engine: PiiEngine, thread: str, draft: str) -> None:
    found = _types(pii_engine, draft, _ctx(thread))
    assert "EMAIL_ADDRESS" in found or "PHONE_NUMBER" in found


def test_japanese_relative_contact_is_foreign(pii_engine: PiiEngine) -> None:
    ctx = _ctx("夫（takeshi.saito@example.jp）が注文しました。", "ja", "斎藤 花子")
    draft = "斎藤様\n\ntakeshi.saito@example.jp にもお送りしました。"
    assert "EMAIL_ADDRESS" in _types(pii_engine, draft, ctx)


@pytest.mark.parametrize(
    ("thread", "draft"),
    [
        (
            "You can reach me at 415-555-0132. Where is my order?",
            "Hi Joyce, we'll call 415-555-0132.",
        ),
        ("Where is my order?", "Hi Joyce, we sent it to joyce.miller@example.com."),
        ("Where is my order?", "Hi Joyce, write to support@northwind.example any time."),
    ],
)
def test_the_customers_own_and_published_contacts_pass(
    pii_engine: PiiEngine, thread: str, draft: str
) -> None:
    assert _types(pii_engine, draft, _ctx(thread)) == []


@pytest.mark.parametrize(
    ("draft", "name", "lang"),
    [
        ("Hi Joyxe,\n\nThanks for reaching out.", "Joyce Miller", "en"),
        ("Dear Ms. Millar,\n\nThank you.", "Joyce Miller", "en"),
        ("斉藤様\n\nお問い合わせありがとうございます。", "斎藤 花子", "ja"),
    ],
)
def test_misspelt_customer_name_is_not_foreign(
    pii_engine: PiiEngine, draft: str, name: str, lang: str
) -> None:
    assert "PERSON" not in _types(pii_engine, draft, _ctx("Where is my order?", lang, name))


def test_placeholder_residue_is_not_foreign(pii_engine: PiiEngine) -> None:
    ctx = _ctx("注文が届きません。", "ja", "斎藤 花子")
    assert _types(pii_engine, "斎藤様\n\n<phone_number_2>にお電話いたします。", ctx) == []


def test_misspelt_given_name_after_the_family_name_is_not_foreign(pii_engine: PiiEngine) -> None:
    ctx = _ctx("注文が届きません。", "ja", "斎藤 花子")
    assert "PERSON" not in _types(
        pii_engine, "斎藤 花了様\n\nお問い合わせありがとうございます。", ctx
    )


def _ctx_without_agent(thread: str, lang: str, name: str) -> GuardrailContext:
    return GuardrailContext(
        messages=(Message(role="customer", body=thread, author_name=name),),
        customer_language=lang,
        draft_language=lang,
        customer=Person(name=name),
        agent=Person(name=None),
    )


@pytest.mark.parametrize(
    ("draft", "lang", "name"),
    [
        (
            "Hi Joyce,\n\nYour order left our warehouse today.\n\nBest regards,\nMarcus",
            "en",
            "Joyce Miller",
        ),
        (
            "斎藤様\n\n本日発送いたしました。\n\nよろしくお願いいたします。\n高橋",
            "ja",
            "斎藤 花子",
        ),
    ],
)
def test_sign_off_name_is_the_senders_when_no_agent_is_given(
    pii_engine: PiiEngine, draft: str, lang: str, name: str
) -> None:
    ctx = _ctx_without_agent("Where is my order?", lang, name)
    assert "PERSON" not in _types(pii_engine, draft, ctx)


def test_a_stranger_in_the_body_is_still_foreign_without_an_agent(pii_engine: PiiEngine) -> None:
    # The sign-off exemption covers the signature lines only, not names in the reply's body.
    draft = (
        "Hi Joyce,\n\nI checked with Marcus Delgado from the warehouse.\n\nBest regards,\nMarcus"
    )
    ctx = _ctx_without_agent("Where is my order?", "en", "Joyce Miller")
    assert "PERSON" in _types(pii_engine, draft, ctx)


def test_a_colleague_who_replied_in_the_thread_is_not_foreign(pii_engine: PiiEngine) -> None:
    """Staff who wrote earlier agent messages are the company's, like the agent."""
    draft = "Hi Joyce,\n\nMarcus Delgado from our team has looked into it again.\n\nBest,\nSam"
    stranger = _ctx("Where is my order?")
    assert "PERSON" in _types(pii_engine, draft, stranger)
    colleague = colleague_thread(
        "Joyce Miller",
        "Marcus Delgado",
        customer_person=stranger.customer,
        agent=stranger.agent,
        brand=stranger.voice.brand,
    )
    assert "PERSON" not in _types(pii_engine, draft, colleague)


def _whole_fold(parts: list[str]) -> str:
    """The folded text as it was built before the KB part was cached: one fold of the join."""
    return pii_guardrails._fold("\n".join(parts))


@pytest.mark.parametrize("subject", [None, "", "Ｒｅ： ＤＯＵＢＬＥ charge"])
def test_request_and_company_texts_equal_one_fold_of_the_whole_request(
    subject: str | None,
) -> None:
    articles = (
        Article(id="a", title="Ｂｉｌｌｉｎｇ  team", body="Ask  Ｄａｎａ Kim\n\nabout invoices."),
        Article(id="b", title="", body=""),
        Article(id="c", title="ｶﾀｶﾅ", body="  Straße "),
    )
    messages = (
        Message(role="customer", body="Hi,\n my  colleague  Ｊｏｈｎ", signature="Joyce\nACME"),
        Message(role="agent", body="Hello Joyce", signature=None),
        Message(role="customer", body="", signature=None),
    )
    for kb in (articles, ()):
        ctx = GuardrailContext(
            messages=messages,
            customer_language="en",
            draft_language="en",
            articles=kb,
            subject=subject,
        )
        kb_parts = [f"{a.title}\n{a.body}" for a in kb]
        request = [m.body for m in messages] + [m.signature or "" for m in messages] + kb_parts
        request += [subject] if subject else []
        company = kb_parts + [f"{m.body}\n{m.signature or ''}" for m in messages[1:2]]
        company += [m.signature or "" for m in messages if m.role == "customer"]
        company.append(subject or "")
        assert pii_guardrails._request_text(ctx) == _whole_fold(request)
        assert pii_guardrails._company_text(ctx) == _whole_fold(company)

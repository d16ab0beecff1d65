"""The issue-13 checks on small English and Japanese drafts: spans, suggestions, clean drafts."""

from __future__ import annotations

from guardrails.context import GuardrailContext, Message, Person, VoiceRules
from guardrails.practice.channel import ChannelRule, PublicPii
from guardrails.practice.customer_secret import CustomerSharedSecret
from guardrails.practice.escalation import Escalation
from guardrails.practice.proofreading import Proofreading
from guardrails.practice.signature import Signature
from guardrails.practice.subject import Subject
from guardrails.practice.tone import Tone
from guardrails.registry import GUARDRAIL_CLASSES
from tests.guardrails.pii_engine_cache import shared_pii_engine


def ctx(
    customer: str,
    lang: str = "en",
    *,
    channel: str = "email",
    subject: str | None = None,
    history: tuple[Message, ...] = (),
) -> GuardrailContext:
    return GuardrailContext(
        messages=(*history, Message("customer", customer)),
        customer_language=lang,
        draft_language=lang,
        customer=Person(name="Maria Lopez"),
        agent=Person(name="Sam", title="Customer Support"),
        voice=VoiceRules(brand="Sitely", published_contacts=("support@sitely.example",)),
        subject=subject,
        channel=channel,
    )


def spans(findings: list, draft: str) -> list[tuple[str, str | None]]:  # type: ignore[type-arg]
    return [(draft[f.span.start : f.span.end], f.suggestion) for f in findings if f.span]


def test_all_new_codes_are_registered() -> None:
    for code in ("proofreading", "tone", "escalation", "channel_rule", "public_pii"):
        assert code in GUARDRAIL_CLASSES
    for code in ("subject", "signature", "customer_shared_secret"):
        assert code in GUARDRAIL_CLASSES


def test_proofreading_english_typos_repeats_and_brackets() -> None:
    draft = "Hi Maria,\n\nI have recieved it and and will fix (soon.\n\nBest regards,\nSam"
    found = spans(Proofreading().check(draft, ctx("Help")), draft)
    assert ("recieved", "received") in found
    assert ("and and", "and") in found
    assert ("(", None) in found


def test_proofreading_knows_names_urls_and_kb_words() -> None:
    draft = "Hi Maria,\n\nYour Bloomly webhook at https://x.example/recieve works.\n\nBest,\nSam"
    assert Proofreading().check(draft, ctx("My Bloomly shop")) == []


def test_proofreading_japanese_keigo_ra_nuki_width_particles() -> None:
    draft = "先ほどおっしゃられた件、明日見れます。ＩＤ123をを入力し、お伺いさせていただきます。"
    found = spans(Proofreading().check(draft, ctx("質問です", "ja")), draft)
    assert ("おっしゃられ", "おっしゃっ") in found
    assert ("見れ", "見られ") in found
    assert ("ＩＤ123", "ID123") in found
    assert ("をを", "を") in found
    assert ("お伺いさせていただき", "伺い") in found


def test_proofreading_correct_japanese_is_clean() -> None:
    draft = "先ほどおっしゃった件、明日見られます。ご自宅に帰れる時間にお伺いいたします。"
    assert Proofreading().check(draft, ctx("質問です", "ja")) == []


def test_tone_blunt_refusal_gets_softened_suggestions() -> None:
    draft = "Hi Maria,\n\nThis coupon has expired. We cannot extend it.\n\nBest,\nSam"
    found = spans(Tone().check(draft, ctx("How do I use my coupon?")), draft)
    assert (
        "This coupon has expired",
        "It looks like this coupon's validity period has passed",
    ) in found
    assert any(fix and fix.startswith("I'm afraid we're unable to") for _, fix in found)
    ja = "山田様\n\n年額プランの返金はできません。\n\nよろしくお願いいたします。"
    assert ("できません", "いたしかねます") in spans(
        Tone().check(ja, ctx("返金できますか。", "ja")), ja
    )


def test_tone_upset_customer_needs_a_specific_apology_and_blame_is_flagged() -> None:
    upset = ctx("I was charged twice for order 48213. Unacceptable!")
    evidence = {f.evidence for f in Tone().check("Hi Maria,\n\nDone.\n\nBest,\nSam", upset)}
    assert "no_apology" in evidence
    good = "Hi Maria,\n\nI'm sorry you were charged twice. I'll refund the charge today.\n\nSam"
    assert Tone().check(good, upset) == []
    blame = "Hi Maria,\n\nAs I already said, you failed to enter the code.\n\nSam"
    assert {f.evidence for f in Tone().check(blame, ctx("Where is my code?"))} == {"blame"}


def test_escalation_carries_a_masked_handoff() -> None:
    guard = Escalation(shared_pii_engine())
    thread = ctx("I want to speak to your manager about order 48213. Email me at tom@example.com")
    [finding] = guard.check("Hi", thread)
    assert finding.evidence is not None
    assert "#48213" in finding.evidence and "tom@example.com" not in finding.evidence
    assert guard.check("Hi", ctx("How do I add a manager role to my team?")) == []
    assert guard.check("x", ctx("プランを解約する方法を教えてください。", "ja")) == []
    assert guard.check("x", ctx("責任者と話をさせてください。", "ja"))


def test_channel_rules_per_channel() -> None:
    rule = ChannelRule()
    chat = "タイトルは「設定」から変更できます。ご不明な点は本メールにご返信ください。"
    assert ("本メール", "このチャット") in spans(
        rule.check(chat, ctx("質問", "ja", channel="chat")), chat
    )
    assert rule.check("Sorry! We're on it.", ctx("help", channel="social"))
    assert rule.check("Sorry! Please send us a DM.", ctx("help", channel="social")) == []
    assert rule.check("Settings > General.", ctx("How?"))
    assert rule.check("Hi Maria,\n\nSettings > General.\n\nBest regards,\nSam", ctx("How?")) == []


def test_public_pii_only_on_social_and_not_the_company_contact() -> None:
    guard = PublicPii(shared_pii_engine())
    draft = "We emailed maria.lopez@example.com; or write to support@sitely.example."
    found = spans(guard.check(draft, ctx("help", channel="social")), draft)
    assert [text for text, _ in found] == ["maria.lopez@example.com"]
    assert guard.check(draft, ctx("help")) == []


def test_subject_names_the_order_number_and_the_matter() -> None:
    thread = ctx("Order 48213 has not shipped.", subject="Order update")
    [finding] = Subject().check("Hi", thread)
    assert finding.suggestion == "Order 48213 has not shipped"
    thread = ctx(
        "Why hasn't it shipped?",
        subject="Delivery date",
        history=(Message("customer", "Order 48213 was due on Monday."),),
    )
    [finding] = Subject().check("Hi", thread)
    assert (finding.evidence, finding.suggestion) == (
        "no_reference",
        "Delivery date (order #48213)",
    )
    assert Subject().check("Hi", ctx("Order 48213?", subject="Shipping date for order 48213")) == []
    assert Subject().check("Hi", ctx("Hi", subject="Question"))
    assert Subject().check("Hi", ctx("Hi", channel="chat", subject="Question")) == []


def test_signature_needs_the_agents_name_and_title() -> None:
    missing = "Hi Maria,\n\nDone.\n\nBest regards,\nThe team"
    [finding] = Signature().check(missing, ctx("Hi"))
    assert finding.suggestion == "Best regards,\nSam\nCustomer Support"
    signed = "Hi Maria,\n\nDone.\n\nBest regards,\nSam\nCustomer Support, Sitely"
    assert Signature().check(signed, ctx("Hi")) == []


def test_customer_shared_secret_wants_a_warning() -> None:
    guard = CustomerSharedSecret(shared_pii_engine())
    posted = ctx("My card 4111 1111 1111 1111 was charged twice.")
    assert [f.evidence for f in guard.check("Hi Maria, refunded.", posted)] == ["CREDIT_CARD"]
    warned = "Hi Maria, please don't send card numbers by email. Refunded."
    assert guard.check(warned, posted) == []
    # A curly apostrophe (as most editors type it) is the same warning.
    assert guard.check(warned.replace("'", "’"), posted) == []
    assert guard.check("Hi Maria, refunded.", ctx("I was charged twice.")) == []


def test_a_vague_subject_gets_one_naming_the_matter() -> None:
    found = Subject().check(
        "Hi", ctx("Why was I billed twice for ticket 5521?", subject="Question")
    )
    assert [(f.evidence, f.suggestion) for f in found] == [
        ("vague", "Billed twice for ticket 5521")
    ]
    draft = "Subject: Re: Question\n\nHi Maria,"
    [finding] = Subject().check(draft, ctx("I can't export my blog posts."))
    assert finding.span is not None
    assert draft[finding.span.start : finding.span.end] == "Re: Question"
    assert finding.suggestion == "Unable to export your blog posts"
    ja = Subject().check("x", ctx("請求書の宛名を変更できますか。", "ja", subject="お問い合わせ"))
    assert [f.suggestion for f in ja] == ["請求書の宛名の変更について"]
    # Nothing in the thread names a matter: flagged, with nothing to suggest.
    assert [f.suggestion for f in Subject().check("Hi", ctx("Hello", subject="Question"))] == [None]


def test_tone_skips_the_customers_words_quoted_in_the_draft() -> None:
    calm_en = ctx("Where do I find the export?")
    calm_ja = ctx("エクスポートはどこですか。", "ja")
    quoted_ja = "森様\n\n「注文を変更できません」とのこと、承知いたしました。変更いたしました。"
    assert Tone().check(quoted_ja, calm_ja) == []
    quote_line = (
        "Hi Maria,\n\n> We can't process my return, your form says.\n\nDone: see Settings.\n"
    )
    assert Tone().check(quote_line, calm_en) == []
    reported = "Hi Maria,\n\nYou mentioned that we do not refund gift cards. We do: here's how.\n"
    assert Tone().check(reported, calm_en) == []
    # The same words as our own still read as a refusal.
    own = "森様\n\n注文を変更できません。"
    assert [f.evidence for f in Tone().check(own, calm_ja)] == ["blunt_refusal"]
    assert [f.evidence for f in Tone().check("We can't process your return.", calm_en)] == [
        "blunt_refusal"
    ]

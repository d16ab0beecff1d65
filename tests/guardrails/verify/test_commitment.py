import dataclasses
from collections.abc import Callable

import pytest

from guardrails.context import Article, GuardrailContext
from guardrails.verify.commitment import Commitment

MakeCtx = Callable[..., GuardrailContext]


@pytest.mark.parametrize(
    "draft",
    [
        "We will refund the duplicate charge.",
        "I'll send you a replacement right away.",
        "You'll receive a full refund within 5 days.",
        "We'll ship the replacement by Friday.",
        "We will fix the sync error by tomorrow.",
        "We'll get back to you and refund you by Friday.",
        "We will give you a 20% discount on your next order.",
        "返金いたします。",
        "代替品をお送りいたします。",
        "3営業日以内にご返金いたします。",
        "明日までに代替品を発送いたします。",
        "次回使えるクーポンをお送りいたします。",
    ],
)
def test_flags_promises(draft: str, make_ctx: MakeCtx) -> None:
    findings = Commitment().check(draft, make_ctx())
    assert findings and findings[0].span is not None


@pytest.mark.parametrize(
    "draft",
    [
        "We cannot refund this order.",
        "Refunds are issued within 5 business days of approval.",
        "We'll get back to you as soon as we can.",
        "If you'd like a refund, you can request one in Settings.",
        "返金はいたしかねます。",
        "返金の手続きは注文履歴から行えます。",
        "担当部署に確認いたします。",
        # A time frame for our follow-up reply on a point still being checked is the
        # recommended cushion, not a promise of an outcome.
        "We are checking this with our team: why can't you use it? We will reply within 2 "
        "business days.",
        "We'll get back to you by Friday.",
        "We'll check your refund and get back to you by Friday.",
        "I'll send you an update within 24 hours.",
        "こちらは担当部署に確認のうえ、2営業日以内にご連絡いたします。",
        "3営業日以内に返金の状況をご報告いたします。",
    ],
)
def test_statements_and_refusals_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx()) == []


@pytest.mark.parametrize(
    "draft",
    [
        "I can offer a refund right now.",
        "I've refunded it and added a $20 credit.",
        "Yes, we can definitely offer you an extension.",
        "Let me generate a promo code for $54 off.",
        "I went ahead and issued a full refund.",
        "We'd be happy to send you a new one free of charge.",
        "Your refund has been processed.",
        "Here's a coupon for 10% off your next order.",
        "We can't refund the fee, but I can offer a credit instead.",
        "返金いたしました。",
        "クーポンを発行します。",
        "返品期限を延長いたします。",
        "ご返金の手続きを完了いたしました。",
        "送料は当社で負担させていただきます。",
        "300円分のポイントを差し上げます。",
    ],
)
def test_flags_offers_and_completed_actions(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx())


@pytest.mark.parametrize(
    "draft",
    [
        "We offer free returns on defective items.",  # a policy, simple present
        "I've sent you a link to reset your password.",  # no benefit as the object
        "I've added a note to your account.",
        "Unfortunately we aren't able to give discounts on shipped orders.",
        "I don't think we can issue a refund for a digital download.",
        "Let me check whether we can refund the fee.",
        "Once your refund has been processed, you'll get an email.",
        "交換についてのご案内をお送りいたします。",
        "ポイントの付与はいたしかねます。",
        "パスワード再設定用のリンクをお送りいたしました。",
    ],
)
def test_non_offers_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx()) == []


def test_kb_policy_quoted_verbatim_is_not_a_promise(make_ctx: MakeCtx) -> None:
    policy = "Once the return reaches us, we will refund the items within 5 business days."
    article = Article(id="r", title="Returns", body=f"Returns. {policy}")
    ctx = dataclasses.replace(make_ctx(), articles=(article,))
    assert Commitment().check(policy, ctx) == []
    assert Commitment().check(policy, make_ctx())  # not in this KB: a promise


@pytest.mark.parametrize(
    "draft",
    [
        "You'll get a $20 credit on your next bill.",
        "Your order will be fully refunded.",
        "Shall I send you a replacement?",
        "Would you like me to issue a refund for the missing item?",
        "送料を無料にいたします。",
    ],
)
def test_flags_offers_as_questions_and_future_passives(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx())


@pytest.mark.parametrize(
    "draft",
    ["Can I ask which size you ordered?", "We'll send you a confirmation email shortly."],
)
def test_questions_and_notices_without_benefit_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx()) == []


@pytest.mark.parametrize(
    "draft",
    [
        "Our team has approved your refund request.",
        "I've comped your shipping on this order.",
        "We'll honour the sale price for you.",
        "A full refund is on its way.",
        "次回使える1,000円クーポンを発行しておきます。",
        "今回は特別に返品を承ります。",
        "お詫びとしてポイントを500ポイント追加しました。",
    ],
)
def test_team_subjects_idioms_and_japanese_aspect(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx())


@pytest.mark.parametrize(
    "draft",
    [
        "Good news: I was able to get you a full refund.",
        "We're happy to extend your return window to 60 days.",
        "You won't be charged for the return shipping.",
        "I'll personally make sure you're refunded this week.",
        "As a one-time courtesy, I've removed the cancellation fee.",
        "次回送料を無料とさせていただきます。",
        "今回に限り、交換手数料はいただきません。",
    ],
)
def test_benefits_said_other_ways(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx())


@pytest.mark.parametrize(
    "draft",
    [
        "I've voided the second charge.",
        "I can price-match that for you.",
        "Your next month is on us.",
        "Let me issue you a prepaid return label right away.",
        "代わりの商品を明日発送する手配をいたしました。",
        "クーポンコード「SORRY10」をご用意しました。",
        "ポイントで補填させていただきます。",
        "お詫びの品をお送りいたします。",
    ],
)
def test_reversals_idioms_and_quoted_objects(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx())


@pytest.mark.parametrize(
    "draft",
    [
        "I've sorted out a full refund for the duplicate order.",
        "Happy to refund the shipping on this one.",
        "You're getting a full refund, no need to send anything back.",
        "I'll make an exception and accept the return.",
        "今回のご注文は全額返金の対応をさせていただきます。",
        "ご注文の代金は返金済みです。",
    ],
)
def test_sentence_level_offers(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx())


@pytest.mark.parametrize(
    "draft",
    [
        "I'm really sorry your refund is taking this long.",
        "We're glad the replacement works perfectly.",
        "I've attached a prepaid return label; return shipping is free for defective items.",
        "We are checking with our team: whether we offer a nonprofit discount.",
        "Could you confirm the order number so I can check the refund status?",
        "I'd suggest trying the coupon again after clearing your cart.",
        "交換品が無事に届いたとのこと、安心いたしました。",
        "送料については、注文確認メールに記載がございます。",
    ],
)
def test_feelings_questions_and_customer_actions_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx()) == []


@pytest.mark.parametrize(
    "draft",
    [
        # a charge we take on, remove or hold
        "We're absorbing the customs charges on this one.",
        "The restocking fee has been removed from your order.",
        "I'll hold the current price for you until the end of the month.",
        # a new thing sent in place of the customer's
        "I'm shipping you a brand-new keyboard tomorrow.",
        # what the customer will receive, or an act already gone through
        "You'll see a refund on your card in a few days.",
        "Your credit for the missed lesson went through this morning.",
        "Consider this a goodwill credit for the trouble.",
        # a duration added to something the customer has
        "I've added two weeks to your subscription at no charge.",
        # Japanese humble forms of refund, deduction and halving
        "二重にお支払いいただいた分をお返しいたしました。",
        "差額を払い戻しさせていただきます。",
        "今月分の料金から500円を差し引かせていただきます。",
        "送料を半額にいたします。",
        "誤った請求は取り消し処理をいたしました。",
    ],
)
def test_flags_offers_by_structure(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx())


@pytest.mark.parametrize(
    "draft",
    [
        "I looked at your account and there is no open refund on it.",
        "I've put two weeks on the calendar for the review.",
        "We've added a note to your order.",
        "Your order has been cancelled as you asked.",
        "返品の流れについてご説明いたします。",
        "お支払い方法を追加いたしました。",
        "交換品の準備ができ次第、追跡番号をお知らせいたします。",
    ],
)
def test_no_promise_without_a_benefit_to_this_customer(draft: str, make_ctx: MakeCtx) -> None:
    assert Commitment().check(draft, make_ctx()) == []


@pytest.mark.parametrize(
    ("draft", "promised"),
    [
        ("Thanks for the “quick” note.\n返金いたします。", ["返金いたします"]),
        ("Thanks for the “quick” note. We will refund it.", ["We will refund"]),
        ("Thanks for the “quick” note. Your order shipped.", []),
    ],
)
def test_japanese_offers_are_found_in_mixed_drafts_and_skipped_in_english_ones(
    draft: str, promised: list[str], make_ctx: MakeCtx
) -> None:
    found = [f.evidence or "" for f in Commitment().check(draft, make_ctx())]
    assert [any(p in e for e in found) for p in promised] == [True] * len(promised)
    assert bool(found) == bool(promised)

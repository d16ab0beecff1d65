"""Instructions to agents are told from text addressed to the customer by their structure."""

from __future__ import annotations

import pytest

from guardrails.text.agent_directed import agent_directed

AGENT_EN = [
    "Ask the customer for their membership level and enter it into the discount field.",
    "If the caller cannot answer the security question, escalate the ticket to tier 2.",
    "Confirm the cardholder's billing address before you reissue a card.",
    "The customer must be told that refunds above $200 need approval.",
    "Agents should check the expiry date before applying the discount.",
    "Tier 2 can issue goodwill credits up to $20.",
    "Please remind the user that the export link expires after an hour.",
    "Never promise the client a delivery date.",
    "Check the customer's order history before offering a replacement.",
    # a third person told or asked by an imperative, a label, a support tier
    "Tell them the credit expires after a year.",
    "Ask for their membership level.",
    "Let him know the parcel left today.",
    "Agents: verify the membership in the CRM before applying it.",
    "Internal note: refunds above $200 need approval.",
    "Escalate refunds over $200 to Tier 2 in the console.",
    "Transfer the call to Tier 1 if the caller is not verified.",
    "Team lead: approve refunds above $100.",
    "Tier 2 - check the logs before replying.",
    "Staff only: the override code is in the shared drive.",
]
CUSTOMER_EN = [
    "Members get 10% off every order.",
    "Update your card under Settings > Billing > Payment method.",
    "Ask your administrator to add you to the workspace.",
    "Our support team will reply within 24 hours.",
    "You can cancel your plan at any time.",
    "Click Forgot password and enter the email address of your account.",
    "A member of our team will call you back.",
    "The user interface is available in English and Japanese.",
    "If the email does not arrive, check your spam folder.",
    "Send them back within 30 days in their original packaging.",
    "Tell us your order number and we will look into it.",
    "Let us know if the code does not work.",
    "Note: codes expire after 30 days.",
    "Our Tier 2 plan includes phone support.",
    "Tier pricing: the Pro tier costs $20 a month.",
    # a command naming a tier without handing the case over; a price line under a tier label
    "Contact Tier 2 support at help@example.com if the error persists.",
    "Upgrade to Tier 3 to unlock priority support.",
    "Tier 2 members get free shipping on every order.",
    "Tier 2: 100 GB of storage for $10 a month.",
    "Tier 1 - Basic plan: $5 a month.",
    # a request passed on to teammates or guests; a sentence speaking to "you"
    "Tell them to check their spam folder for the invite.",
    "Ask them to accept the invitation from their inbox.",
    "Remind them to bring a photo ID to the event.",
    "If you share an account, ask them to sign out first.",
    # a role label before a definition
    "Agent: the person who answers your chat.",
]
AGENT_JA = [
    "お客様に会員ランクを確認し、注文画面の割引欄に入力してください。",
    "お客様へ返金予定日をご案内ください。",
    "お客様から注文番号を聞き取り、管理画面で検索してください。",
    "承認前に返金日をお約束しないこと。",
    "電話での解約は、ご本人に生年月日を確認すること。",
    "オペレーターは会員ランクを確認してから割引を適用してください。",
    "担当者は会員ランクを管理画面で確認してください。",
    "※社内用：割引の適用前に会員ランクを確認してください。",
    "オペレーターがお客様に返金日を約束しないようにしてください。",
]
CUSTOMER_JA = [
    "お客様のマイページから住所を変更できます。",
    "領収書はマイページからダウンロードしてください。",
    "写真を添えてご連絡ください。",
    "お客様にはメールでお知らせいたします。",
    "解約手数料はかかりません。",
    "担当者からご連絡いたします。",
    "担当者が確認のうえ、ご連絡いたします。",
    "注意：クーポンは1回限り有効です。",
    # the agents are the subject of a side clause, or of a statement before 〜ので…ください
    "スタッフが伺うまで、ご自宅でお待ちください。",
    "担当者が決まりましたら、メールでお知らせしますのでお待ちください。",
    "オペレーターが混み合っている場合は、時間をおいておかけ直しください。",
    "担当者がお伺いした際に、身分証をご提示ください。",
    "スタッフは全員マスクを着用していますので、ご安心ください。",
    "担当者が不在の場合は、留守番電話にメッセージを残してください。",
    # a role label before a name
    "担当者：カスタマーサポート部",
]


@pytest.mark.parametrize("sentence", AGENT_EN)
def test_english_agent_instructions(sentence: str) -> None:
    assert agent_directed(sentence, "en")


@pytest.mark.parametrize("sentence", CUSTOMER_EN)
def test_english_text_for_customers(sentence: str) -> None:
    assert not agent_directed(sentence, "en")


@pytest.mark.parametrize("sentence", AGENT_JA)
def test_japanese_agent_instructions(sentence: str) -> None:
    assert agent_directed(sentence, "ja")


@pytest.mark.parametrize("sentence", CUSTOMER_JA)
def test_japanese_text_for_customers(sentence: str) -> None:
    assert not agent_directed(sentence, "ja")

"""The offline drafter starts from a saved reply and adapts it to the person (EN and JA)."""

from __future__ import annotations

import datetime as dt

import pytest

from guardrails.verify.placeholder_left import placeholder_spans
from service.backends.base import DraftInputs, Passage, SavedReplyStart
from service.backends.offline import OfflineBackend
from service.backends.offline_saved_reply import FillValues, fill_placeholders, saved_reply_parts

EN = FillValues(language="en", customer_name="Maria Lopez", agent_name="Sam Park", brand="Acme")
JA = FillValues(
    language="ja", customer_name="山田 太郎", agent_name="佐藤 花子", brand="エグザンプル"
)
NOBODY = FillValues(language="en", customer_name=None, agent_name=None, brand=None)
JA_NOBODY = FillValues(language="ja", customer_name=None, agent_name=None, brand=None)
# Half-width katakana (older systems export names so) is Japanese: family name first.
JA_HALF_WIDTH = FillValues(language="ja", customer_name="ﾔﾏﾀﾞ ﾀﾛｳ", agent_name="ｻﾄｳ ﾊﾅｺ", brand=None)


@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        ("Hi {{ticket.requester.first_name}},", EN, "Hi Maria,"),
        ("Hi {{ ticket.requester.name }},", EN, "Hi Maria,"),  # greeting: first name
        ("This is for {{ticket.requester.name}}.", EN, "This is for Maria Lopez."),
        ("Hi {%customer.firstName%},", EN, "Hi Maria,"),
        ("Dear {%customer.lastName%},", EN, "Dear Maria,"),  # greeting rule wins
        ("Hi [NAME],", EN, "Hi Maria,"),
        ("Hi %customer.firstName%,", EN, "Hi Maria,"),
        ("Hi {$customer_firstname},", EN, "Hi Maria,"),
        ("Hi ${Contacts.First Name},", EN, "Hi Maria,"),
        ("Hi {{ ticket.requester.name | default: 'there' }},", EN, "Hi Maria,"),
        ("｛｛name｝｝様", JA, "山田様"),
        ("Hi {name},", EN, "Hi Maria,"),
        ("Hello [Customer Name],", EN, "Hello Maria,"),
        ("Thanks,\n{{current_user.first_name}}", EN, "Thanks,\nSam"),
        ("Thanks,\n{{current_user.name}}", EN, "Thanks,\nSam Park"),
        ("Thanks,\n{%user.firstName%}", EN, "Thanks,\nSam"),
        ("The {{ticket.brand.name}} team", EN, "The Acme team"),
        ("{{ticket.requester.name}}様", JA, "山田様"),
        ("{%customer.fullName%}様", JA, "山田様"),
        ("○○様", JA, "山田様"),
        ("担当：{{current_user.name}}", JA, "担当：佐藤 花子"),
        ("姓：{%customer.lastName%}", JA_HALF_WIDTH, "姓：ﾔﾏﾀﾞ"),
        ("担当：{{current_user.first_name}}", JA_HALF_WIDTH, "担当：ｻﾄｳ ﾊﾅｺ"),
        # Nothing known: removed cleanly.
        ("Hi {{ticket.requester.first_name}},\n\nDone.", NOBODY, "Hi,\n\nDone."),
        ("Hi [NAME], thanks!", NOBODY, "Hi, thanks!"),
        ("Thanks,\n{%user.firstName%}", NOBODY, "Thanks,"),
        (
            "{name}様\n\nお問い合わせありがとうございます。",
            JA_NOBODY,
            "お客様\n\nお問い合わせありがとうございます。",
        ),
        # Fields the request does not know are removed, with a stray '#'.
        ("Your ticket #{{ticket.id}} is closed.", EN, "Your ticket is closed."),
        ("Order {{ticket.organization.name}} ready [DATE].", EN, "Order ready."),
        ("TODO: add steps\nWe refund it.", EN, "add steps\nWe refund it."),
    ],
)
def test_fill_placeholders(template: str, values: FillValues, expected: str) -> None:
    filled = fill_placeholders(template, values)
    assert filled == expected
    assert list(placeholder_spans(filled)) == []


def test_a_user_name_is_never_used_as_the_name() -> None:
    values = FillValues(language="en", customer_name="vendas5", agent_name=None, brand=None)
    assert fill_placeholders("Hi {{ticket.requester.first_name}},", values) == "Hi,"


def test_parts_split_greeting_body_and_sign_off() -> None:
    parts = saved_reply_parts("Hi Maria,\n\nWe refund it.\n\nBest regards,\nSam", "en")
    assert (parts.greeting, parts.body, parts.sign_off) == (
        "Hi Maria,",
        "We refund it.",
        "Best regards,\nSam",
    )


REFUNDS = Passage(
    "billing-refunds",
    "Refunds",
    "If both charges have posted, we refund the duplicate charge to the original card.",
    "https://help.example.com/refunds",
    dt.date(2026, 9, 1),
    3.0,
)
INVOICES = Passage(
    "billing-invoices",
    "Invoices as PDF",
    "To download invoices, open Billing, choose Invoices and click Download PDF.",
    "https://help.example.com/invoices",
    dt.date(2026, 9, 1),
    2.0,
)
SAVED_EN = SavedReplyStart(
    reply_id="team:refund",
    title="Duplicate charge",
    body=(
        "Hi {{ticket.requester.first_name}},\n\nIf both charges have posted, we refund the "
        "duplicate charge to the original card.\n\nBest regards,\n{{current_user.first_name}}"
    ),
    uncovered=(1,),
)


def _en_inputs(saved: SavedReplyStart | None) -> DraftInputs:
    return DraftInputs(
        language="en",
        customer_name="Maria Lopez",
        agent_name="Sam",
        agent_title="Customer Support",
        brand="Example Co.",
        subject="Double charge",
        latest_customer_text="I was charged twice. Can you refund the duplicate charge? "
        "How do I download my invoices as PDF?",
        questions=("Can you refund the duplicate charge?", "How do I download my invoices as PDF?"),
        passages=(REFUNDS, INVOICES),
        saved_reply=saved,
    )


def test_english_draft_keeps_the_saved_text_filled_and_answers_the_open_ask() -> None:
    body = OfflineBackend().compose(_en_inputs(SAVED_EN))
    assert body.startswith("Hi Maria,\n\n")
    assert "we refund the duplicate charge to the original card" in body  # the team's words
    assert "Download PDF" in body  # the ask the saved reply leaves open, from the KB
    # The team's sign-off, completed with the agent's title (the signature check's rule).
    assert body.rstrip().endswith("Best regards,\nSam\nCustomer Support, Example Co.")
    assert "I'm sorry about" not in body  # the team's own opening, no second acknowledgement
    assert list(placeholder_spans(body)) == []
    # Without a saved reply the drafter writes its own text: the start changes the draft.
    assert OfflineBackend().compose(_en_inputs(None)) != body


def test_saved_reply_without_greeting_or_sign_off_gets_the_drafters() -> None:
    saved = SavedReplyStart("team:bare", "Bare", "We refund the duplicate charge.", ())
    body = OfflineBackend().compose(_en_inputs(saved))
    drafted = OfflineBackend().compose(_en_inputs(None))
    assert body.startswith("Hi Maria,\n\n")
    # The drafter's own line on the customer's matter and its own sign-off.
    assert body.split("\n\n")[1] == drafted.split("\n\n")[1]
    assert "We refund the duplicate charge." in body
    assert body.rstrip().endswith(drafted.rstrip().split("\n\n")[-1])


def test_japanese_draft_fills_the_name_before_sama_and_answers_from_the_kb() -> None:
    invoices = Passage(
        "ja-invoices",
        "請求書について",
        "請求書は、アカウント設定の「お支払い」から PDF でダウンロードいただけます。",
        "https://help.example.com/ja/invoices",
        dt.date(2026, 9, 1),
        2.0,
    )
    saved = SavedReplyStart(
        reply_id="ja:refund",
        title="返金",
        body="{%customer.fullName%}様\n\nいつもご利用いただき、誠にありがとうございます。\n\n"
        "重複分をご利用のお支払い方法に返金いたします。\n\nよろしくお願いいたします。\n"
        "{%user.fullName%}",
        uncovered=(1,),
    )
    inputs = DraftInputs(
        language="ja",
        customer_name="山田 太郎",
        agent_name="佐藤",
        agent_title="カスタマーサポート",
        brand="株式会社エグザンプル",
        subject="二重請求",
        latest_customer_text="二重に請求されました。返金できますか。請求書はどこからダウンロードできますか。",
        questions=("返金できますか。", "請求書はどこからダウンロードできますか。"),
        passages=(invoices,),
        saved_reply=saved,
    )
    body = OfflineBackend().compose(inputs)
    assert body.startswith("山田様\n\n")
    assert "重複分をご利用のお支払い方法に返金いたします。" in body
    assert "PDF でダウンロードいただけます" in body
    assert body.rstrip().endswith(
        "よろしくお願いいたします。\n佐藤\n株式会社エグザンプル カスタマーサポート"
    )
    assert list(placeholder_spans(body)) == []

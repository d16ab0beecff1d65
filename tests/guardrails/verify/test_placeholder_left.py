from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext
from guardrails.verify.placeholder_left import PlaceholderLeft

MakeCtx = Callable[..., GuardrailContext]


@pytest.mark.parametrize(
    ("draft", "residue"),
    [
        ("Hi [CUSTOMER NAME],\n\nThanks!", "[CUSTOMER NAME]"),
        ("Your order {{order_id}} has shipped.", "{{order_id}}"),
        ("We emailed <PERSON_1> yesterday.", "<PERSON_1>"),
        ("○○様\n\nお問い合わせありがとうございます。", "○○"),
        ("The total is $XX.XX.", "XX.XX"),
        ("TODO: add the return steps.", "TODO"),
        ("Regards,\n[Your Name]", "[Your Name]"),
        ("【お客様名】様", "【お客様名】"),
    ],
)
def test_flags_template_residue(draft: str, residue: str, make_ctx: MakeCtx) -> None:
    findings = PlaceholderLeft().check(draft, make_ctx())
    assert [draft[f.span.start : f.span.end] for f in findings if f.span] == [residue]
    assert findings[0].severity == "block"


@pytest.mark.parametrize(
    "draft",
    [
        "Hi Maria,\n\nSee [the refund article](https://help.example.com/refunds).",
        "Your size XXL is in stock.",
        "山田様\n\nお問い合わせありがとうございます。",
        "Order #48213 ships today [billing-refunds].",
    ],
)
def test_clean_drafts_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert PlaceholderLeft().check(draft, make_ctx()) == []


@pytest.mark.parametrize(
    ("draft", "residue"),
    [
        ("Hi <PERSON 1>,", "<PERSON 1>"),
        ("Hi <person_3>,", "<person_3>"),
        ("Hi < Person_1 >,", "< Person_1 >"),
        ("We emailed [EMAIL_ADDRESS_2].", "[EMAIL_ADDRESS_2]"),
        ("Hi {name},", "{name}"),
        ("{name}様\n\nお問い合わせありがとうございます。", "{name}"),
        ("{氏名}様", "{氏名}"),
        ("Hi {{ticket.requester.first_name}},", "{{ticket.requester.first_name}}"),
        ("Hi {%customer.firstName%},", "{%customer.firstName%}"),
        ("Hi [NAME],", "[NAME]"),
        ("Hi [name],", "[name]"),
        ("Hi *|FNAME|*,", "*|FNAME|*"),
        ("Hi %FIRST_NAME%,", "%FIRST_NAME%"),
        ("Hi <first name>,", "<first name>"),
        ("[お客様名]様", "[お客様名]"),
        ("We'll call <phone number 1>.", "<phone number 1>"),
        ("Ticket `<PERSON_1>` was updated.", "<PERSON_1>"),  # ours, even in code
    ],
)
def test_flags_every_placeholder_variant(draft: str, residue: str, make_ctx: MakeCtx) -> None:
    findings = PlaceholderLeft().check(draft, make_ctx())
    assert [draft[f.span.start : f.span.end] for f in findings if f.span] == [residue]


@pytest.mark.parametrize(
    "draft",
    [
        "Add `.banner { display: none; }` to your CSS.",
        'The API returns `{"status": "active"}`.',
        "Paste this:\n\n```\n{site_id}\n```",
        "The endpoint is GET /v1/orders/{order_id}.",
        "See https://api.example.com/v1/invoices/{invoice_id} for details.",
        "Write to <support@example.com> or see <https://help.example.com>.",
        "Keep files < 10 MB and set x <= 5.",
        "Option [A] is monthly and [B] yearly.",
        "Use {{ }} only inside the Liquid editor.",
        "斎藤様\n\n【ご注文番号】4821\n【お届け予定】3〜5営業日",
        "【重要】パスワードは第三者に教えないでください。",
        "［設定］→［通知］の順に開いてください。",
    ],
)
def test_ordinary_braces_and_brackets_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert PlaceholderLeft().check(draft, make_ctx()) == []


@pytest.mark.parametrize("residue", ["<<FirstName>>", "$first_name"])
def test_flags_merge_fields(residue: str, make_ctx: MakeCtx) -> None:
    draft = f"Dear {residue},\n\nThanks."
    findings = PlaceholderLeft().check(draft, make_ctx())
    assert [f.evidence for f in findings] == [residue]


@pytest.mark.parametrize(
    ("draft", "residue"), [("Hi NAME,", "NAME"), ("Hi <CUSTOMER>,", "<CUSTOMER>")]
)
def test_flags_bare_capital_field_names(draft: str, residue: str, make_ctx: MakeCtx) -> None:
    assert [f.evidence for f in PlaceholderLeft().check(draft, make_ctx())] == [residue]


def test_upper_case_html_is_not_a_placeholder(make_ctx: MakeCtx) -> None:
    assert PlaceholderLeft().check("Line one<BR>line two <STRONG>now</STRONG>", make_ctx()) == []


def test_capitalised_label_in_angle_brackets(make_ctx: MakeCtx) -> None:
    assert [f.evidence for f in PlaceholderLeft().check("Dear <Customer Name>,", make_ctx())] == [
        "<Customer Name>"
    ]


def test_bracketed_ui_field_names_pass(make_ctx: MakeCtx) -> None:
    draft = "下記の［注文番号］欄をご確認ください。Fill in the [Order Number] field."
    assert PlaceholderLeft().check(draft, make_ctx()) == []


# Saved replies (issue 13): each helpdesk's own template tags, pasted unfilled.
@pytest.mark.parametrize(
    ("draft", "residue"),
    [
        ("Hi {{ticket.requester.first_name}},\n\nDone.", "{{ticket.requester.first_name}}"),
        (
            "Hi {{ ticket.requester.name | default: 'there' }},",
            "{{ ticket.requester.name | default: 'there' }}",
        ),
        ("Hi {%customer.firstName%},\n\nDone.", "{%customer.firstName%}"),
        ("Hi {%customer.firstName,fallback=there%},", "{%customer.firstName,fallback=there%}"),
        ("Hi %customer.firstName%,", "%customer.firstName%"),
        ("Hi [NAME],\n\nDone.", "[NAME]"),
        ("Hi [FIRST NAME],", "[FIRST NAME]"),
        ("Hi {name},", "{name}"),
        ("Hi {$customer_firstname},", "{$customer_firstname}"),
        ("Hi ${Contacts.First Name},", "${Contacts.First Name}"),
        ("Hi [% Data.CustomerName %],", "[% Data.CustomerName %]"),
        ("Thanks,\n{{current_user.first_name}}", "{{current_user.first_name}}"),
        ("｛｛name｝｝様\n\nお問い合わせありがとうございます。", "｛｛name｝｝"),
        ("{{ticket.requester.name}}様", "{{ticket.requester.name}}"),
    ],
)
def test_flags_helpdesk_template_tags(draft: str, residue: str, make_ctx: MakeCtx) -> None:
    findings = PlaceholderLeft().check(draft, make_ctx())
    assert [draft[f.span.start : f.span.end] for f in findings if f.span] == [residue]


@pytest.mark.parametrize(
    "draft",
    [
        "We offer 20% off, and 5% more for members.",
        "Your download is 50%. complete; the rest follows.",
        "Use the [% off] filter in the Deals tab.",
        "Hi Maria,\n\nThe total is 49.00 EUR (100%).",
    ],
)
def test_percent_signs_and_brackets_in_prose_are_not_tags(draft: str, make_ctx: MakeCtx) -> None:
    assert PlaceholderLeft().check(draft, make_ctx()) == []

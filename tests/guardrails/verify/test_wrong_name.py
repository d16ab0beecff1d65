from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext, Person
from guardrails.verify.wrong_name import WrongName

MakeCtx = Callable[..., GuardrailContext]
MARIA = Person(name="Maria Lopez", company="Acme Corp", username="vendas5")
YAMADA = Person(name="山田 太郎", company="株式会社ミドリ商事", username="hikari_fan88")


@pytest.mark.parametrize(
    ("customer", "draft", "name"),
    [
        (MARIA, "Hi Acme,\n\nThanks.", "Acme"),
        (MARIA, "Hi, vendas5!\n\nThanks.", "vendas5"),
        (MARIA, "Hi John,\n\nThanks.", "John"),
        (MARIA, "Dear Mr. Smith,\n\nThanks.", "Mr. Smith"),
        (YAMADA, "田中様\n\nお問い合わせありがとうございます。", "田中"),
        (
            YAMADA,
            "株式会社ミドリ商事様\n\nお問い合わせありがとうございます。",
            "株式会社ミドリ商事",
        ),
        (YAMADA, "hikari_fan88様\n\nありがとうございます。", "hikari_fan88"),
        # Kanji outside U+4E00-U+9FA5 are kanji too: 﨑 (a compatibility ideograph), 𠮷.
        (YAMADA, "田﨑様\n\nお問い合わせありがとうございます。", "田﨑"),
        (YAMADA, "𠮷田様\n\nお問い合わせありがとうございます。", "𠮷田"),
    ],
)
def test_flags_wrong_addressee(customer: Person, draft: str, name: str, make_ctx: MakeCtx) -> None:
    findings = WrongName().check(draft, make_ctx(customer=customer))
    assert [draft[f.span.start : f.span.end] for f in findings if f.span] == [name]
    assert findings[0].severity == "block"


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (MARIA, "Hi Maria,\n\nThanks."),
        (MARIA, "Dear Ms. Lopez,\n\nThanks."),
        (MARIA, "Hello Maria Lopez!"),
        (MARIA, "Hi there,\n\nThanks."),
        (MARIA, "Hello,\n\nThanks."),
        (MARIA, "Thanks for reaching out."),
        (YAMADA, "山田様\n\nお問い合わせありがとうございます。"),
        (YAMADA, "山田 太郎 様\n\nありがとうございます。"),
        (YAMADA, "株式会社ミドリ商事 山田様\n\nありがとうございます。"),
        (YAMADA, "お客様\n\nありがとうございます。"),
        (Person(name="山田太郎"), "山田様\n\nありがとうございます。"),
        (YAMADA, "[CUSTOMER NAME]様"),
        (Person(name="山﨑 太郎"), "山﨑様\n\nありがとうございます。"),
        (Person(name="Sean O'Neil"), "Dear Mr O\u2019Neil,\n\nThanks."),  # a curly apostrophe
        (Person(name="Sean O\u2019Neil"), "Dear Mr O'Neil,\n\nThanks."),
    ],
)
def test_right_or_plain_greetings_pass(customer: Person, draft: str, make_ctx: MakeCtx) -> None:
    assert WrongName().check(draft, make_ctx(customer=customer)) == []


JOYCE = Person(name="Joyce Miller")
SAITO = Person(name="斎藤 花子")


@pytest.mark.parametrize(
    ("customer", "draft", "name"),
    [
        (JOYCE, "Hi Joyxe,\n\nThanks.", "Joyxe"),
        (JOYCE, "Dear Ms. Millar,\n\nThanks.", "Ms. Millar"),
        (JOYCE, "Hi Joyce,\n\nYour order has shipped. Thanks again, Joycee!", "Joycee"),
        (SAITO, "斉藤様\n\nお問い合わせありがとうございます。", "斉藤"),
        (SAITO, "斎藤様\n\n斉藤様のご注文を確認しました。", "斉藤"),
    ],
)
def test_misspelt_customer_name(customer: Person, draft: str, name: str, make_ctx: MakeCtx) -> None:
    findings = WrongName().check(draft, make_ctx(customer=customer))
    assert [draft[f.span.start : f.span.end] for f in findings if f.span] == [name]
    assert "misspells" in findings[0].message


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        (Person(name="Jennifer Ortiz"), "Hi Jen,\n\nThanks."),
        (JOYCE, "Hi Joyce,\n\nWe hope you enjoy it. Thanks again, Joyce!"),
        (JOYCE, "Hi *|FNAME|*,\n\nThanks."),  # template residue: placeholder_left's
        (SAITO, "斎藤様\n\n担当の斉木がご案内いたします。"),
    ],
)
def test_right_names_and_short_forms_pass(customer: Person, draft: str, make_ctx: MakeCtx) -> None:
    assert WrongName().check(draft, make_ctx(customer=customer)) == []

"""Escalation read from structure: which trigger a customer turn states, and which it does not."""

from __future__ import annotations

import pytest

from guardrails.context import GuardrailContext, Message, Person, VoiceRules
from guardrails.practice import escalation_en, escalation_ja
from guardrails.practice.escalation import triggers


def en(text: str, upset: bool = False) -> set[str]:
    return escalation_en.triggers(text, "Sitely", upset)


def ja(text: str, upset: bool = False) -> set[str]:
    return escalation_ja.triggers(text, upset)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Could you hand this over to your supervisor?", "manager"),
        ("Let me speak with somebody more senior.", "manager"),
        ("I'm escalating this.", "manager"),
        ("My attorney is reading this thread and you will hear from her.", "legal"),
        ("I am taking you to small claims.", "legal"),
        ("I won't hesitate to take legal action.", "legal"),
        ("I've already called my credit card company about this payment.", "chargeback"),
        ("A chargeback is next.", "chargeback"),
        ("I'm lodging a complaint with trading standards.", "public"),
        ("You're getting a one-star review from me.", "public"),
        ("I'm going to share this on Reddit.", "public"),
        ("Terminate my contract at the end of the month.", "cancel"),
        ("I'm moving my shops to Shopify next week.", "cancel"),
        ("This is the fifth message I've sent about it.", "repeat"),
        ("I keep explaining the same thing.", "repeat"),
    ],
)
def test_english_triggers(text: str, trigger: str) -> None:
    assert trigger in en(text)


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to cancel my plan, only change the card.",
        "There's no need for a supervisor, thanks.",
        "What happens to my pages if I cancel next year?",
        "My supervisor wants the quote in PDF.",
        "How can I give the manager role to a colleague?",
        "I'm an attorney building a site for my practice.",
        "How do I cancel a booking a customer made on my site?",
        "I gave you five stars on Trustpilot, well deserved.",
        "Can I embed my Yelp reviews?",
        "I moved my domain to Cloudflare last year; do I need new DNS records?",
        "Please send the receipt again, I lost it.",
    ],
)
def test_english_clean(text: str) -> None:
    assert en(text) == set()


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("店長を呼んでください。", "manager"),
        ("上の人に代わってほしいです。", "manager"),
        ("弁護士に依頼するつもりです。", "legal"),
        ("裁判も辞さない覚悟です。", "legal"),
        ("銀行に連絡して引き落としを止めてもらいます。", "chargeback"),
        ("国民生活センターに報告します。", "public"),
        ("掲示板に書き込みます。", "public"),
        ("契約を解除させてください。", "cancel"),
        ("サブスクを解約していただけますか。", "cancel"),
        ("何回もメールしています。", "repeat"),
        ("これで4度目です。", "repeat"),
    ],
)
def test_japanese_triggers(text: str, trigger: str) -> None:
    assert trigger in ja(text)


@pytest.mark.parametrize(
    "text",
    [
        "退会するつもりはありません。",
        "責任者に代わっていただく必要はありません、結構です。",
        "もし退会したら、投稿は残りますか。",
        "上司に確認してから連絡します。",
        "レビューをトップページに載せる機能はありますか。",
        "注文をキャンセルする方法を教えてください。",
        "二つ目のサイトを作りました。",
        "退会はいつでもできますか。",
        "責任をもって対応してください。",
    ],
)
def test_japanese_clean(text: str) -> None:
    assert ja(text) == set()


def _thread(*customer_turns: str) -> GuardrailContext:
    messages: list[Message] = []
    for turn in customer_turns:
        if messages:
            messages.append(Message("agent", "Thanks, we're on it."))
        messages.append(Message("customer", turn))
    return GuardrailContext(
        messages=tuple(messages),
        customer_language="en",
        draft_language="en",
        customer=Person(name="Maria Lopez"),
        agent=Person(name="Sam", title="Support"),
        voice=VoiceRules(brand="Sitely"),
        subject=None,
        channel="email",
    )


def test_third_turn_on_one_matter_is_a_repeat_contact() -> None:
    same = _thread(
        "The gallery widget shows blank tiles.",
        "The gallery widget still shows blank tiles after the update.",
        "Any news on the gallery widget?",
    )
    assert triggers(same) == ["repeat"]


def test_three_turns_on_three_matters_or_a_closing_thanks_are_not() -> None:
    different = _thread(
        "How do I add a logo?", "Where do I change the font?", "Can I hide the footer?"
    )
    closed = _thread(
        "The gallery widget shows blank tiles.",
        "The gallery widget still shows blank tiles.",
        "The gallery widget works now, thank you!",
    )
    assert triggers(different) == []
    assert triggers(closed) == []


def test_multi_word_entry_found_when_its_first_word_is_inflected() -> None:
    # _find skips tokens that cannot start an entry; a lemma ("teams" -> team) can start one.
    (tokens, _question), *_ = escalation_en.clauses("Two teams lead the review")
    multi = (("team", "lead"), ("review", "board"))
    assert escalation_en._find(tokens, frozenset(), multi) == [(1, 3)]


def test_contractions_and_cannot_still_expand() -> None:
    # Words without an apostrophe skip the contraction table, but "cannot" is not one of them.
    assert escalation_en._words("I cannot, won't and don't") == [
        "i",
        "can",
        "not",
        ",",
        "will",
        "not",
        "and",
        "do",
        "not",
    ]

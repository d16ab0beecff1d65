from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.sentences import Sentence, split_sentences
from guardrails.verify import ungrounded_figure
from guardrails.verify.ungrounded_figure import UngroundedFigure

MakeCtx = Callable[..., GuardrailContext]


@pytest.mark.parametrize(
    ("draft", "figure"),
    [
        ("Delivery to Canada takes 2-3 business days.", "2-3 business days"),
        ("Shipping costs $12 per order.", "$12"),
        ("You save 25% with annual billing.", "25%"),
        ("It will arrive on December 3.", "December 3"),
        ("You can add 8 items per order.", "8 items"),
        ("送料は全国一律７７０円です。", "７７０円"),
        ("通常配送は2〜4営業日でお届けします。", "2〜4営業日"),
        ("全商品10％割引です。", "10％"),
        ("12月3日にお届けします。", "12月3日"),
    ],
)
def test_flags_figures_missing_from_kb_and_thread(
    draft: str, figure: str, make_ctx: MakeCtx
) -> None:
    findings = UngroundedFigure().check(draft, make_ctx("I was charged $24.99 on Nov 18."))
    assert [draft[f.span.start : f.span.end] for f in findings if f.span] == [figure]


@pytest.mark.parametrize(
    "draft",
    [
        "Delivery to Canada takes 5-7 business days and costs $15.",
        "We refunded the $24.99 charge from November 18.",
        "送料は全国一律５５０円で、3〜5営業日でお届けします。",
        "ポイントの有効期限は1年間です。",
        "Your order #48213 is on its way.",
        "Call us at 03-1234-5678.",
    ],
)
def test_grounded_figures_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert UngroundedFigure().check(draft, make_ctx("I was charged $24.99 on Nov 18.")) == []


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("We are checking this with our team and will reply within 2 business days.", []),
        ("担当部署に確認のうえ、2営業日以内にご連絡いたします。", []),
        ("We will refund you within 2 business days.", ["2 business days"]),
        ("2営業日以内に返金いたします。", ["2営業日"]),
    ],
)
def test_our_follow_up_time_frame_is_not_an_ungrounded_figure(
    draft: str, flagged: list[str]
) -> None:
    ctx = GuardrailContext(messages=(), customer_language="en", draft_language="en")
    found = [f.evidence for f in UngroundedFigure().check(draft, ctx)]
    assert found == flagged


@pytest.mark.parametrize(
    "draft",
    [
        "The Basic plan is 39.99 a month.",
        "Our phone line is open from 8 am to 11 pm.",
        "Live chat is available 24/7.",
        "The courier needs four more days.",
        "A technician will call you back in half an hour.",
        "The replacement should arrive in about a month.",
        "受付時間は午前9時から午後6時までです。",
        "配送には六日ほどかかります。",
        "サポートは二十四時間対応しております。",
    ],
)
def test_flags_figures_written_without_digits_or_signs(draft: str, make_ctx: MakeCtx) -> None:
    assert UngroundedFigure().check(draft, make_ctx())


@pytest.mark.parametrize(
    ("draft", "thread"),
    [
        ("Delivery to Canada takes five to seven business days.", "Do you ship to Canada?"),
        ("The reset email arrives within ten minutes.", "How do I reset my password?"),
        ("The 39.99 charge is the annual add-on.", "Why was I charged 39.99?"),
        ("Our team will call you at 9 am as you asked.", "Can you call me at 9am?"),
        ("Your order should arrive within the four days you mentioned.", "It takes 4 days?"),
        ("通常配送は三〜五営業日でお届けします。", "配送にどれくらいかかりますか。"),
        ("ポイントの有効期限は一年間です。", "ポイントの期限は？"),
    ],
)
def test_normalised_values_are_grounded(draft: str, thread: str, make_ctx: MakeCtx) -> None:
    assert UngroundedFigure().check(draft, make_ctx(thread)) == []


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("ご契約の補償上限は5000万円です。", ["5000万円"]),
        ("ご契約の補償上限は1億5000万円です。", []),
        ("ご契約の補償上限は一億五千万円です。", []),
    ],
)
def test_japanese_amounts_are_grounded_by_their_whole_value(draft: str, flagged: list[str]) -> None:
    # the thread's 1億5000万円 grounds the same amount however written, never its 5000万 tail
    ctx = GuardrailContext(
        messages=(Message(role="customer", body="補償上限は1億5000万円ですか？"),),
        customer_language="ja",
        draft_language="ja",
    )
    assert [f.evidence for f in UngroundedFigure().check(draft, ctx)] == flagged


def test_splits_the_draft_into_sentences_once_and_only_for_ungrounded_figures(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    splits: list[str] = []
    real = split_sentences

    def counted(text: str) -> list[Sentence]:
        splits.append(text)
        return real(text)

    monkeypatch.setattr(ungrounded_figure, "split_sentences", counted)
    ctx = GuardrailContext(
        messages=(Message(role="customer", body="I paid $30 for 2 items."),),
        customer_language="en",
        draft_language="en",
    )
    grounded = "You paid $30 for 2 items."
    assert UngroundedFigure().check(grounded, ctx) == []
    assert splits == []
    draft = "You paid $30 for 2 items. We will reply within 2 business days. It costs $45 and 10%."
    assert [f.evidence for f in UngroundedFigure().check(draft, ctx)] == ["$45", "10%"]
    assert splits == [draft]

"""A Japanese deferral wrapped mid-sentence leaves its ask pending; a wrap that ends a sentence
does not make an answer a deferral."""

from __future__ import annotations

import pytest

from .judging import judge_statuses


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        (
            "配送料はいくらかかりますか？",
            "お問い合わせありがとうございます。配送料は倉庫で確認して\nから明日ご連絡いたします。",
        ),
        (
            "返品できますか？",
            "ご連絡ありがとうございます。返品の可否は分かり\n次第ご連絡いたします。",
        ),
        (
            "Can I swap the blue jumper for a red one?",
            "Thanks for your order. I'll check the stock in red with our\nwarehouse and let you "
            "know tomorrow.",
        ),
    ],
)
def test_a_wrapped_deferral_is_pending(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) == ["pending"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        ("返品できますか？", "返品は可能です。\n商品到着後7日以内にご連絡ください。"),
        (
            "配送料はいくらかかりますか？",
            "配送料は一律500円です。\nご不明点があればご連絡ください。",
        ),
    ],
)
def test_an_answer_over_two_lines_stays_answered(ask: str, draft: str) -> None:
    assert judge_statuses([ask], draft) == ["answered"]

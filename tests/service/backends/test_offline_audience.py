"""The offline drafter never quotes internal articles or instructions written for agents."""

from __future__ import annotations

from service.backends.base import DraftInputs, Passage
from service.backends.offline import OfflineBackend

PROCEDURE_EN = Passage(
    "membership",
    "Membership discounts",
    "Members get 10% off every order. Ask the customer for their membership level and enter "
    "it into the discount field of the order screen. Agents should check the expiry date "
    "before applying the discount.",
    None,
    None,
    0.0,
)
INTERNAL_EN = Passage(
    "refund-approvals",
    "Refund approvals",
    "Refunds above $200 need a team lead's approval in the Refund Console. Goodwill credits "
    "of up to $20 may be offered once per year.",
    None,
    None,
    0.0,
    audience="internal",
)
PROCEDURE_JA = Passage(
    "rank",
    "会員ランク特典",
    "ゴールド会員は全商品が5%引きになります。お客様に会員ランクを確認し、注文画面の割引欄に"
    "入力してください。",
    None,
    None,
    0.0,
)


def _inputs(language: str, question: str, *passages: Passage) -> DraftInputs:
    return DraftInputs(
        language=language,
        customer_name=None,
        agent_name="Sam",
        agent_title=None,
        brand=None,
        subject=None,
        latest_customer_text=question,
        questions=(question,),
        passages=passages,
    )


def test_agent_procedure_is_not_copied_but_the_fact_is() -> None:
    draft = OfflineBackend().compose(
        _inputs("en", "Do members get a discount on orders?", PROCEDURE_EN)
    )
    assert "Members get 10% off every order." in draft
    assert "Ask the customer" not in draft
    assert "Agents should" not in draft


def test_internal_article_is_never_quoted() -> None:
    draft = OfflineBackend().compose(
        _inputs("en", "Can you approve a refund above $200?", INTERNAL_EN)
    )
    assert "Refund Console" not in draft and "Goodwill" not in draft
    assert "Refund approvals" not in draft  # not even cited to the customer
    assert "checking this with our team" in draft  # deferred, visibly


def test_japanese_agent_procedure_is_not_copied() -> None:
    draft = OfflineBackend().compose(
        _inputs("ja", "ゴールド会員の割引はありますか？", PROCEDURE_JA)
    )
    assert "5%引き" in draft
    assert "割引欄に入力してください" not in draft

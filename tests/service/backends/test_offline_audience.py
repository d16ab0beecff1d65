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


# A procedure as bullets: the second step points back to the first ("Enter it"), and a label,
# a support tier and a third person told something mark the rest as text for agents.
BULLETS_EN = Passage(
    "loyalty",
    "Loyalty discount",
    "Loyalty members get 15% off every order.\n"
    "- Ask for their loyalty number\n"
    "- Enter it in the discount box of the order screen\n"
    "Agents: check the number in the CRM first.\n"
    "Escalate disputed discounts to Tier 2.",
    None,
    None,
    0.0,
)
LABELLED_JA = Passage(
    "loyalty-ja",
    "ロイヤルティ割引",
    "ロイヤルティ会員は全商品15%引きになります。オペレーターは会員番号を確認してから割引を"
    "適用してください。※社内用：割引の取り消しは上長の承認が必要です。",
    None,
    None,
    0.0,
)


def test_a_procedure_step_pointing_back_to_an_agent_step_is_not_copied() -> None:
    draft = OfflineBackend().compose(
        _inputs("en", "What is the loyalty discount on orders?", BULLETS_EN)
    )
    assert "15% off every order" in draft
    for text in ("Ask for their", "Enter it in the discount box", "CRM", "Tier 2"):
        assert text not in draft, text


def test_japanese_agent_subject_and_internal_label_are_not_copied() -> None:
    draft = OfflineBackend().compose(
        _inputs("ja", "ロイヤルティ会員の割引はありますか？", LABELLED_JA)
    )
    assert "15%引き" in draft
    assert "オペレーター" not in draft and "社内用" not in draft and "上長" not in draft


def test_a_customer_fact_on_its_own_line_after_an_agent_note_is_kept() -> None:
    # "They" on the next line is a fact for customers, not a step of the agent's note; the
    # drop of a sentence pointing back to agent text carries only within its line or to a
    # command on the next line (above: "- Enter it ...")
    returns = Passage(
        "returns",
        "Returns for members",
        "Members can return any order within 60 days.\n"
        "Internal note: check the membership in the CRM first.\n"
        "They get free returns on every order.",
        None,
        None,
        0.0,
    )
    draft = OfflineBackend().compose(_inputs("en", "Do members get free returns?", returns))
    assert "They get free returns on every order." in draft
    assert "CRM" not in draft
    # negative: in the same line, a sentence pointing back goes on with the note
    same_line = Passage(
        "returns2",
        "Returns for members",
        "Members can return any order within 60 days. Internal note: check the membership "
        "in the CRM first. They must match the order name.",
        None,
        None,
        0.0,
    )
    draft = OfflineBackend().compose(_inputs("en", "Do members get free returns?", same_line))
    assert "match the order name" not in draft

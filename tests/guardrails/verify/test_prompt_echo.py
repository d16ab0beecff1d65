"""``prompt_echo``: a draft that repeats the prompt's tags, instructions or customer text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from guardrails.context import GuardrailContext
from guardrails.verify.prompt_echo import PromptEcho, instruction_fragments

MakeCtx = Callable[..., GuardrailContext]

LONG_MESSAGE = (
    "Hello, I ordered a blue winter jacket three weeks ago and it still has not arrived even "
    "though the tracking page said it would be delivered last Tuesday afternoon. Can you help?"
)


@pytest.mark.parametrize(
    "draft",
    [
        '<customer_thread>\n<message role="customer">Hello</message>\n</customer_thread>',
        "Hi Maria,\n\n</message>\nWe ship to Canada.",
        'Hi Maria, see <article id="shipping-intl"> for details.',
        "Hi Maria,\n\nWrite the reply draft now.",
        "Answer EVERY question the customer asked, in the order asked, in this one reply.",
        "Placeholders such as <PERSON_1> or <EMAIL_ADDRESS_1> stand for personal data that was "
        "masked.",
    ],
)
def test_echoed_prompt_is_blocked(draft: str, make_ctx: MakeCtx) -> None:
    findings = PromptEcho().check(draft, make_ctx())
    assert findings and all(f.severity == "block" for f in findings)
    assert {f.code for f in findings} == {"prompt_echo"}


def test_echoed_customer_message_is_blocked(make_ctx: MakeCtx) -> None:
    draft = f"Hi Maria,\n\n{LONG_MESSAGE}\n\nSam"
    (finding,) = PromptEcho().check(draft, make_ctx(LONG_MESSAGE))
    assert "customer's message verbatim" in finding.message
    assert finding.evidence is None  # never the customer's text


def test_echoed_japanese_customer_message_is_blocked(make_ctx: MakeCtx) -> None:
    message = (
        "先週注文した商品がまだ届いておりません。追跡番号を確認したところ、配送センターで止まっている"
        "ようです。いつ届くのか教えていただけますでしょうか。"
    )
    draft = f"山田様\n\n{message}\n\nサポート担当"
    findings = PromptEcho().check(draft, make_ctx(message))
    assert [f.code for f in findings] == ["prompt_echo"]


@pytest.mark.parametrize(
    "draft",
    [
        "Hi Maria,\n\nYes, we ship to Canada; delivery takes 5-7 business days "
        "[shipping-intl].\n\nBest regards,\nSam",
        # A short quote of the customer is normal; only a long verbatim run is an echo.
        "Hi Maria,\n\nYou wrote that the jacket still has not arrived. I am sorry about that; "
        "I have asked the carrier and will write back by Friday.\n\nSam",
        "Hi Maria,\n\nThe message you sent arrived; the article on shipping explains the rest.",
    ],
)
def test_real_replies_pass(draft: str, make_ctx: MakeCtx) -> None:
    assert PromptEcho().check(draft, make_ctx(LONG_MESSAGE)) == []


def test_instructions_come_from_the_shipped_templates() -> None:
    fragments = instruction_fragments()
    assert "write the reply draft now" in fragments
    assert all(len(f.split()) >= 5 for f in fragments)

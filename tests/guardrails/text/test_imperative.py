"""One reading of a command, shared by the agent-text reader and the drafter's answer check."""

from __future__ import annotations

import pytest

from guardrails.text.imperative import is_command, main_clause

COMMANDS = [
    ("en", "Send us a photo of the damage within 7 days."),
    ("en", "If it stays closed, please hold the bell button."),
    ("en", "Approve refunds above $100."),  # a verb that is no noun needs no function word
    ("en", "Never promise the client a delivery date."),
    ("en", "Tell her the parcel left today."),
    ("ja", "写真を添えてご連絡ください。"),
]
NOT_COMMANDS = [
    ("en", "Plan upgrades take effect immediately."),  # a noun compound opening a statement
    ("en", "Tier 2 members get free shipping."),
    ("en", "Thank you for your patience."),
    ("en", "Return shipping is free."),
    ("en", "Refunds reach your card within 5 days."),
    ("ja", "破損の場合は交換いたします。"),
]


@pytest.mark.parametrize(("language", "sentence"), COMMANDS)
def test_commands(language: str, sentence: str) -> None:
    assert is_command(sentence, language)


@pytest.mark.parametrize(("language", "sentence"), NOT_COMMANDS)
def test_not_commands(language: str, sentence: str) -> None:
    assert not is_command(sentence, language)


def test_main_clause_drops_a_leading_clause_and_adverbs() -> None:
    assert main_clause("If the customer asks, please check the order.") == "check the order."
    assert main_clause("Check the order.") == "Check the order."

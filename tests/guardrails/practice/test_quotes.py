"""Quoted spans: the customer's words inside a draft."""

from __future__ import annotations

from guardrails.practice.quotes import is_quoted, quoted_spans


def test_brackets_quote_lines_and_reported_speech_are_quoted() -> None:
    text = '「できません」と。\n> I cannot log in\nYou said it fails. We "never" do. Ours.'
    spans = quoted_spans(text)
    quoted = {text[s:e] for s, e in spans}
    assert quoted == {"「できません」", "> I cannot log in", "You said it fails", '"never"'}
    ours = text.index("Ours")
    assert not is_quoted(spans, ours, ours + 4)
    assert is_quoted(spans, 1, 6)

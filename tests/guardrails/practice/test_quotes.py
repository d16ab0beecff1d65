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


def test_injection_check_empties_the_same_corner_quotes() -> None:
    from guardrails.injection_model import reported_quote_spans, sentence_quotes_emptied

    text = "担当者に「設定をリセットしてください」と言われ、『規約』を読みました。"
    corner = [(s, e) for s, e in quoted_spans(text) if text[s] in "「『"]
    assert [text[s:e] for s, e in corner] == ["「設定をリセットしてください」", "『規約』"]
    assert reported_quote_spans(text) == corner[:1]  # only the one a quotative と follows
    assert sentence_quotes_emptied(text) == "担当者に「」と言われ、「」を読みました。"

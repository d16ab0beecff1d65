"""``_defers`` lays a window out one sentence a line once, for its own and follow_up's patterns."""

from __future__ import annotations

import pytest

import guardrails.follow_up as follow_up
import guardrails.questions.judge as judge


def test_a_window_is_laid_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = follow_up.one_sentence_a_line

    def counted(text: str) -> str:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(judge, "one_sentence_a_line", counted)
    monkeypatch.setattr(follow_up, "one_sentence_a_line", counted)
    assert judge._defers("確認の\nうえ、ご連絡いたします。")
    assert not judge._defers("It ships on Friday.")
    assert len(calls) == 2


def test_promises_reply_reads_the_same_as_before_layout() -> None:
    for text in (
        "Let me check and get back to you.",
        "確認して\nおりますので、折り返しご連絡いたします。",
    ):
        assert follow_up.promises_reply(text)
        assert follow_up.promises_reply_in_lines(follow_up.one_sentence_a_line(text))
    assert not follow_up.promises_reply("We'll refund it today.")

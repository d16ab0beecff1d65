"""Long runs of spaces in an ask: the judge reads each run once, with the same matches."""

from __future__ import annotations

import time

from guardrails.context import GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question, extract_questions
from guardrails.questions.judge import _CONDITION_AFTER, _FRAME_AFTER, _TRAILING_MARK

_RUN = 50_000


def test_condition_after_the_ask_is_cut_as_before() -> None:
    assert _CONDITION_AFTER.sub("", "Will I lose my points if I cancel?") == "Will I lose my points"
    assert _CONDITION_AFTER.sub("", "Can I pay ,  when I arrive?") == "Can I pay"
    assert _CONDITION_AFTER.sub("", "Can I pay\n\tIN  CASE it rains?") == "Can I pay"
    # a comma with no space after it joins no condition; "iffy" is no "if"
    assert _CONDITION_AFTER.sub("", "Can I pay,when I arrive?") == "Can I pay,when I arrive?"
    assert _CONDITION_AFTER.sub("", "Is the weather iffy today?") == "Is the weather iffy today?"


def test_condition_after_starts_only_where_its_run_of_spaces_starts() -> None:
    # the structure that bounds the work: no attempt from inside a run, so each run is read once
    text = "Can I pay" + " " * 5 + "if I arrive late?"
    assert _CONDITION_AFTER.match(text, len("Can I pay")) is not None
    assert all(_CONDITION_AFTER.match(text, pos) is None for pos in range(10, 14))


def test_a_frame_after_the_ask_is_cut_as_before_from_the_start_of_its_run() -> None:
    assert _FRAME_AFTER.sub("", "Are dogs allowed on the train?") == "Are dogs allowed"
    assert _FRAME_AFTER.sub("", "Can I bring a guest  to the gym") == "Can I bring a guest"
    text = "Can I bring a guest" + " " * 5 + "to the gym"
    assert _FRAME_AFTER.match(text, 19) is not None
    assert all(_FRAME_AFTER.match(text, pos) is None for pos in range(20, 24))


def test_trailing_marks_are_cut_as_before_and_only_from_the_first_mark() -> None:
    assert _TRAILING_MARK.sub("", "Can I pay by card? ?！ ") == "Can I pay by card"
    assert _TRAILING_MARK.sub("", "カードで払えますか。") == "カードで払えますか"
    text = "Can I pay" + " " * 5
    assert _TRAILING_MARK.match(text, 9) is not None
    assert all(_TRAILING_MARK.match(text, pos) is None for pos in range(10, 14))


def test_an_ask_with_a_long_run_of_spaces_is_judged_in_linear_time() -> None:
    # Generous wall-clock bound, clearly a clock test: this takes about 0.4 s on a loaded 2-core
    # machine; the old cubic condition pattern took 9 s for 1,000 spaces (and 68 s for 2,000).
    ask = "Can you change my booking" + " " * _RUN + "to Friday?"
    ctx = GuardrailContext(
        messages=(Message(role="customer", body=ask),),
        customer_language="en",
        draft_language="en",
        articles=(),
    )
    start = time.perf_counter()
    questions = extract_questions(ctx)
    LexicalJudge().assess(questions or [Question("q1", ask)], "Yes, we can move it.", ctx)
    assert time.perf_counter() - start < 10.0

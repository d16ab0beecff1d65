"""The literals a regex needs: a text without them has no match; a text with them may."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrails.pii.literal_cue import LiteralCue

PATTERNS = [
    r"pass(?:word|[- ]?code)",
    r"(?:new\s+)?(?:pin(?:\s+code)?|otp|(?:security|access)\s+(?:code|number))(?![A-Za-z])",
    r"\bgh[pousr]_[A-Za-z0-9]{4,}",
    r"(?<![A-Za-z])your\s+code\s*:?\s*(?P<value>\d{4,8})",
    r"(?:パスワード|暗証番号)は?",
]


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_match_passes_the_cue(pattern: str, data: st.DataObject) -> None:
    text = data.draw(st.from_regex(re.compile(pattern, re.IGNORECASE)))
    assert LiteralCue([pattern], ignore_case=True).may_match(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="pasword cdeinumbrtyk-_:PASSWORDCODEIN0123", max_size=30))
def test_a_text_the_cue_rejects_has_no_match(text: str) -> None:
    cue = LiteralCue(PATTERNS, ignore_case=True)
    if not cue.may_match(text):
        assert not any(re.search(p, text, re.IGNORECASE) for p in PATTERNS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my security number is 4821", True),
        ("the security team has your number", True),  # may match: both literals are there
        ("security is our priority", False),  # "security" alone is no label
        ("PIN: 4821", True),
        ("PıN: 4821", True),  # re folds the dotless i into i
        ("token ghs_abcd", True),
        ("order #48218 shipped", False),
    ],
)
def test_cue_on_examples(text: str, expected: bool) -> None:
    cue = LiteralCue(PATTERNS, ignore_case=True)
    assert cue.may_match(text) is expected
    if any(re.search(p, text, re.IGNORECASE) for p in PATTERNS):
        assert cue.may_match(text)


def test_case_folding_follows_the_re_engine() -> None:
    cue = LiteralCue([r"pass"], ignore_case=True)
    for twin in ("ſ", "S"):  # the long s is an s to ``re`` but not to str.lower
        text = f"pa{twin}{twin}: x"
        assert bool(re.search("pass", text, re.IGNORECASE)) == cue.may_match(text)


def test_a_pattern_without_literals_has_no_cue() -> None:
    with pytest.raises(ValueError, match="no literal"):
        LiteralCue([r"\d{4}|[a-z]+"], ignore_case=True)


def test_case_sensitive_cue_keeps_case() -> None:
    cue = LiteralCue([r"AKIA[0-9A-Z]{4}"], ignore_case=False)
    assert cue.may_match("key AKIA1234")
    assert not cue.may_match("key akia1234")


@pytest.mark.parametrize("pattern", [r"(?i)ſecret", r"(?i)İd", r"(?i)ıd", r"(?i)straße"])
def test_a_literal_folding_unlike_re_gives_no_cue(pattern: str) -> None:
    """``re`` takes "secret" for "ſecret"; a cue built from "ſecret" would reject it: refused."""
    with pytest.raises(ValueError, match="folds unlike re"):
        LiteralCue([pattern], ignore_case=True)


def test_a_literal_with_a_case_twin_lower_merges_still_gives_a_cue() -> None:
    """The Kelvin sign lowers to "k", as the text's fold makes it: the cue stands."""
    cue = LiteralCue([r"(?i)\u212aey"], ignore_case=True)
    assert cue.may_match("KEY") and cue.may_match("key") and not cue.may_match("door")

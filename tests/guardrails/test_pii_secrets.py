"""Passwords and keys: every text a secret pattern matches passes the prefilter's cue."""

import importlib
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardrails.pii import PiiEngine
from guardrails.pii import secrets as secrets_module
from guardrails.pii.engine import prefiltered_entities
from tests.guardrails.pii_engine_cache import shared_pii_engine

SECRET_TYPES = ["PASSWORD", "SECRET"]
_PARSER: Any = importlib.import_module("re._parser")
_PATTERNS = [p.pattern for p in secrets_module._PASSWORD_PATTERNS] + [
    p.regex for p in secrets_module._KEY_PATTERNS
]


@pytest.fixture(scope="session")
def pii_engine() -> PiiEngine:
    return shared_pii_engine()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my security number is 48291", "48291"),
        ("access number: 5521", "5521"),
        ("login number is x7Hq2", "x7Hq2"),
        ("my pswd: x7Hq2k", "x7Hq2k"),
        ("x7Hq2k is mypw", "x7Hq2k"),
    ],
)
def test_every_password_label_reaches_the_recognizer(
    pii_engine: PiiEngine, text: str, value: str
) -> None:
    found = {(e.type, text[e.start : e.end]) for e in pii_engine.analyze(text, "en")}
    assert ("PASSWORD", value) in found


def _spell(items: Any) -> set[str]:
    """Every string a label pattern's sequence spells (lookarounds ignored, classes sampled)."""
    found = {""}
    for op, av in items:
        if op is _PARSER.LITERAL:
            options = {chr(av)}
        elif op is _PARSER.BRANCH:
            options = set().union(*(_spell(alt) for alt in av[1]))
        elif op is _PARSER.SUBPATTERN:
            options = _spell(av[-1])
        elif op is _PARSER.MAX_REPEAT:
            low, high, item = av
            once = _spell(item)
            options = ({""} if low == 0 else set()) | (once if high >= 1 else set())
        elif op is _PARSER.IN:
            options = {chr(c) for o, c in av if o is _PARSER.LITERAL} or {" "}  # \s: a space
        else:
            options = {""}  # a lookaround or a word boundary
        found = {a + b for a in found for b in options}
    return found


LABELS = sorted(
    _spell(_PARSER.parse(secrets_module._LABEL_EN))
    | _spell(_PARSER.parse(secrets_module._LABEL_JA))
)


def test_every_label_the_recognizer_accepts_passes_the_prefilter() -> None:
    """Each spelling of the recognizer's label pattern, as it reads it, keeps PASSWORD."""
    recognizer = secrets_module.PasswordRecognizer()
    assert len(LABELS) > 500  # the label alternatives, spelled out
    accepted = 0
    for label in LABELS:
        text = f"my {label}: x7Hq2k9"
        accepted += bool(recognizer.analyze(text, ["PASSWORD"]))
        assert "PASSWORD" in prefiltered_entities(text, SECRET_TYPES), text
    assert accepted > 0.9 * len(LABELS)  # the spellings are labels the recognizer reads


@pytest.mark.parametrize("pattern", _PATTERNS)
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_text_a_secret_pattern_matches_passes_the_cue(
    pattern: str, data: st.DataObject
) -> None:
    """The cue is read off the recognizers' own patterns: any label they take passes it."""
    text = data.draw(st.from_regex(re.compile(pattern, re.IGNORECASE)))
    assert set(SECRET_TYPES) <= set(prefiltered_entities(text, SECRET_TYPES))


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("パスワード", "sakura2024x"),
        ("暗証番号", "4821"),
        ("認証コード", "583920"),
        ("ワンタイムパス", "k7Qx9z"),
        ("PIN番号", "7391"),
    ],
)
def test_japanese_labels_reach_the_recognizer(
    pii_engine: PiiEngine, label: str, value: str
) -> None:
    text = f"{label}は {value} です"
    assert ("PASSWORD", value) in {
        (e.type, text[e.start : e.end]) for e in pii_engine.analyze(text, "ja")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Re: Double charge on order #48218",
        "Your refund was issued today.",
        "ご注文ありがとうございます",
    ],
)
def test_texts_without_a_label_skip_the_secret_recognizers(text: str) -> None:
    assert not set(SECRET_TYPES) & set(prefiltered_entities(text, SECRET_TYPES))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("OTP code: 483920", "483920"),
        ("your otp code is 483920", "483920"),
        ("PIN code: 4821", "4821"),
        ("otp: 483920", "483920"),
    ],
)
def test_a_code_kind_before_code_is_one_label(text: str, code: str) -> None:
    """ "OTP code" is the label: the value after it is masked, not "code:" refused."""
    found = secrets_module.PasswordRecognizer().analyze(text, ["PASSWORD"], None)
    assert [text[r.start : r.end] for r in found] == [code]

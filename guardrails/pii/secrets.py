"""Passwords, one-time codes and access keys written into a text: always sensitive.

A password or code is found next to its label, whichever side the label is on and however the
sentence runs: "your new password is X", "here is your new password: X", "X is your new
password", "my pw: X", "I changed my password to X", "use X as your login code",
"パスワードは X です", "認証コード: 123456", "仮パスワード「X」". The label words are the
kinds of secret (password, passcode, PIN, one-time / verification / security code, and their
Japanese names), optionally with a remark in brackets; the value is one token that is not an
ordinary word ("my password is incorrect" names no password), or a code in digit groups
("583 920"). A value stops where Japanese text resumes ("8文字以上で..." is a rule, not a
password).
"""

from __future__ import annotations

import re

from presidio_analyzer import (
    EntityRecognizer,
    LocalRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.language import KANA, KANJI
from guardrails.pii.literal_cue import LiteralCue
from guardrails.pii.names import word_commonness

# What a secret is called. "code" alone is not one (discount, postal, order codes): only a
# code that proves who someone is. A social security number is no secret of this kind (the
# SSN recognizer reads it).
_CODE_KIND = (
    r"(?:verification|(?<!social\s)security|confirmation|one[- ]?time|login|log-in|sign[- ]?in|"
    r"access|auth(?:entication|orization)?|2fa|mfa|otp|sms|reset|recovery|backup|activation)"
)
# "pass:" alone is a label only where it starts one ("email: x / pass: y", "Pass: y") or after a
# possessive; after another word on its line it is a noun of its own ("Boarding pass:",
# "day pass:"). A line break before it starts a label ("user: ana\npass: x").
_BARE_PASS = r"(?:(?<![A-Za-z][ \t])|(?<=\bmy )|(?<=\byour ))pass(?=\s*[:=])"
_LABEL_EN = (
    r"(?:(?:new|temporary|temp|initial|current|old|default|wifi|wi-fi|account|admin|login)\s+)?"
    rf"(?:password|pass[- ]?code|passphrase|passwd|pswd|pwd|pw|p/w|{_BARE_PASS}"
    # the kind of a code before "otp" and "pin" alone: "OTP code: 4839" is the label "OTP code"
    # (with "OTP" taken first, "code:" was read as the value, refused, and nothing masked)
    rf"|{_CODE_KIND}\s+(?:code|pin|number|password)|pin(?:\s+(?:code|number))?|otp)"
)
_LABEL_JA = (
    r"(?:(?:新しい|新|仮|初期|ワンタイム)?(?:パスワード|パスコード|パスフレーズ)|暗証番号|"
    r"(?:ワンタイム|セキュリティ|認証|確認|ログイン)コード|認証番号|ワンタイムパス|PIN(?:コード|番号)?)"
)
# A code shown in digit groups ("583 920", "4821-0937"), else one token.
_VALUE = (
    r"\d{2,4}(?:[ -]\d{2,4}){1,2}(?![^\s、。,，.!?」』)）])|[^\s、。,，「」『』()（）<>\"']{4,64}"
)
# A remark in brackets after the label: "password (case sensitive):", "コード（6桁）：".
_REMARK = r"(?:\s*\([^()\n]{1,30}\))?"
# Label, then what may stand between it and the value: "is", ":", "for your account is", "は",
# "to" ("changed my password to X"), or nothing before an opening quote (仮パスワード「X」).
_FORWARD = re.compile(
    rf"(?i)(?<![A-Za-z])(?:{_LABEL_EN}|{_LABEL_JA}){_REMARK}"
    r"(?:\s+(?:for|of|to|on)\s+(?:your|the|my|this|our)(?:\s+[\w-]+){1,2})?"
    r"(?:(?:\s*(?:is|was|will\s+be|(?:has\s+been\s+|was\s+)?(?:set|changed|reset|updated)\s+to"
    r"|to|now|:|=|"
    r"：|は|を|が|→|->|-)\s*){1,3}|\s+|(?=[「『\"']))"
    r"[「『\"']?(?P<value>" + _VALUE + ")"
)
# The value before its label: "X is your new password", "123456 is your verification code",
# "use 771204 as your login code".
_BACKWARD = re.compile(
    rf"(?i)(?<![^\s:：「『\"'])(?P<value>{_VALUE})[」』\"']?\s*"
    r"(?:is|was|will\s+be|as|=|が|は)\s*(?:your|the|my|our|their|his|her|あなたの)?\s*"
    rf"(?:{_LABEL_EN}|{_LABEL_JA})(?![A-Za-z])"
)
# "code" alone is no label, but a code given to the reader and made of digits only is one
# ("Your code: 583 920", "your code is 4821"): an SMS or e-mail sign-in code.
_YOUR_CODE = re.compile(
    r"(?i)(?<![A-Za-z])your\s+code\s*(?:is|:|=|：)?\s*"
    r"(?P<value>\d{4,8}|\d{2,4}(?:[ -]\d{2,4}){1,2})(?![\w-])"
)
_PASSWORD_PATTERNS = (_FORWARD, _BACKWARD, _YOUR_CODE)
# Well-known access key formats (SECRET), found whatever the text around them.
_KEY_PATTERNS = (
    Pattern("aws_key", r"\bAKIA[0-9A-Z]{16}\b", 0.9),
    Pattern("api_key", r"\b(?:sk|pk|rk)[-_](?:live|test|proj)?[-_]?[A-Za-z0-9]{16,}\b", 0.9),
    Pattern("github", r"\bgh[pousr]_[A-Za-z0-9]{30,}\b", 0.9),
    Pattern("private_key", r"-----BEGIN [A-Z ]*PRIVATE KEY-----", 1.0),
)
# A text without the literals every match of these patterns holds (a label such as "password",
# "access" and "number", "パスワード", or a key's prefix) holds no PASSWORD and no SECRET: read
# off the patterns themselves, so a label added to them is in the cue. Case-insensitive, as
# both recognizers are (Presidio's PatternRecognizer too, by default). Presidio runs the key
# patterns with the ``regex`` module, whose case-insensitive matches of these literals are a
# subset of ``re``'s (``re`` alone also takes "ı" for "i"): the cue read with ``re`` is looser,
# the safe side.
SECRET_CUE = LiteralCue(
    [p.pattern for p in _PASSWORD_PATTERNS] + [p.regex for p in _KEY_PATTERNS], ignore_case=True
)
# A typed secret ends where Japanese text resumes: "abc123でお願いします", "8文字以上で...".
_JA_TEXT = re.compile(f"[{KANA}{KANJI}]")
_TRAILING = re.compile(r"(?:です|でした|になります|となります|でございます|[.:;。！？])+$")
_PLACEHOLDER = re.compile(r"^<[A-Z_]+_\d+>$|^[*xX•●#.\-_]+$")
_JA_WORD = re.compile(f"^[{KANA}{KANJI}]+$")


def is_secret_value(value: str) -> bool:
    """True when ``value`` could be a password or code rather than an ordinary word."""
    if len(value) < 4 or _PLACEHOLDER.match(value) or len(set(value)) == 1:
        return False
    if _JA_WORD.match(value):
        return False  # a Japanese word ("変更", "忘れました"), not a typed secret
    if any(c.isdigit() for c in value) or not value.isalpha():
        return True
    # Letters only: a password when it is not an English word ("ggbszawojpk", not "incorrect").
    return word_commonness(value) < 1.5


class PasswordRecognizer(LocalRecognizer):
    """PASSWORD: a password or one-time code next to its label, before or after it."""

    def __init__(self, supported_language: str = "en", score: float = 0.95) -> None:
        # Above a name's 0.85: "パスワードは sakura2024!" is one password, not a name.
        self.score = score
        super().__init__(
            supported_entities=["PASSWORD"],
            supported_language=supported_language,
            name="PasswordRecognizer",
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return every labelled password or code in ``text``."""
        results: dict[tuple[int, int], RecognizerResult] = {}
        for pattern in _PASSWORD_PATTERNS:
            for match in pattern.finditer(text):
                start, end = match.span("value")
                value = match.group("value")
                japanese = _JA_TEXT.search(value)
                if japanese:
                    end -= len(value) - japanese.start()
                    value = value[: japanese.start()]
                trailing = _TRAILING.search(value)
                if trailing and trailing.start() > 0:
                    end -= len(value) - trailing.start()
                    value = value[: trailing.start()]
                if is_secret_value(value):
                    results[(start, end)] = RecognizerResult("PASSWORD", start, end, self.score)
        return list(results.values())


def secret_recognizers(language: str) -> list[EntityRecognizer]:
    """PASSWORD (a value by its label) and SECRET (well-known key formats)."""
    secret = PatternRecognizer(
        supported_entity="SECRET",
        supported_language=language,
        name="SecretKeyRecognizer",
        patterns=list(_KEY_PATTERNS),
    )
    return [PasswordRecognizer(language), secret]

"""Passwords and access keys written into a text: always sensitive, whoever's they are."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer


def secret_recognizers(language: str) -> list[EntityRecognizer]:
    """PASSWORD (a value after a password label) and SECRET (well-known key formats)."""
    password = PatternRecognizer(
        supported_entity="PASSWORD",
        supported_language=language,
        name="PasswordRecognizer",
        patterns=[
            Pattern(
                "labelled",
                r"(?i)(?<=(?:password|passcode|passwd|pwd|pin|パスワード|暗証番号)"
                r"(?:\s?(?:is|:|=|：|は))\s?)[^\s、。]{4,64}",
                # Above a name's 0.85: "パスワードは sakura2024!" is one password, not a
                # name ("sakura") and a leftover "2024!".
                0.95,
            ),
        ],
    )
    secret = PatternRecognizer(
        supported_entity="SECRET",
        supported_language=language,
        name="SecretKeyRecognizer",
        patterns=[
            Pattern("aws_key", r"\bAKIA[0-9A-Z]{16}\b", 0.9),
            Pattern(
                "api_key", r"\b(?:sk|pk|rk)[-_](?:live|test|proj)?[-_]?[A-Za-z0-9]{16,}\b", 0.9
            ),
            Pattern("github", r"\bgh[pousr]_[A-Za-z0-9]{30,}\b", 0.9),
            Pattern("private_key", r"-----BEGIN [A-Z ]*PRIVATE KEY-----", 1.0),
        ],
    )
    return [password, secret]

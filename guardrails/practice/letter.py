"""The parts of a reply written as a letter: greeting, body and sign-off, with their spans.

One reading of a draft's form for the checks that need it (``channel_rule`` on email wants all
three; ``signature`` reads the lines after the sign-off).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EN_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|thanks? (?:you )?for)"
    r"\b|^\s*[A-Z][\w .'-]{0,40},\s*$",
    re.IGNORECASE,
)
_JA_GREETING = re.compile(
    r"様|お世話になっております|いつも.{0,20}(?:ありがとうございます|ご利用)|こんにちは|はじめまして|"
    r"お問い合わせ(?:いただき)?、?(?:誠に)?ありがとう"
)
_EN_SIGN_OFF = re.compile(
    r"^\s*(?:(?:best|kind|warm|warmest|many)?\s*(?:regards|wishes|thanks)|thank you|cheers|"
    r"sincerely|yours sincerely|yours truly|all the best|best|take care|talk soon)\b[\s,!.]*$",
    re.IGNORECASE,
)
_JA_SIGN_OFF = re.compile(
    r"よろしくお願い(?:いた)?(?:します|申し上げます)|宜しくお願い|敬具|^\s*以上\s*$|"
    r"今後とも.*(?:お願い|ご愛顧)"
)
_LAST_LINES = 6  # a sign-off sits among the last lines of a reply


@dataclass(frozen=True)
class Line:
    """A non-empty line of the draft and its span."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Letter:
    """A draft's greeting line, sign-off line and the lines after the sign-off (signature)."""

    lines: tuple[Line, ...]
    greeting: Line | None
    sign_off: Line | None

    @property
    def signature(self) -> tuple[Line, ...]:
        """The lines after the sign-off line (the agent's name, title, company)."""
        if self.sign_off is None:
            return ()
        return tuple(line for line in self.lines if line.start > self.sign_off.start)

    @property
    def body(self) -> tuple[Line, ...]:
        """The lines between greeting and sign-off."""
        start = self.greeting.end if self.greeting else -1
        end = self.sign_off.start if self.sign_off else float("inf")
        return tuple(line for line in self.lines if start < line.start < end)


def lines_of(text: str) -> tuple[Line, ...]:
    """The non-empty lines of ``text`` with spans (whitespace trimmed)."""
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return tuple(out)


def read_letter(text: str, language: str) -> Letter:
    """Find the greeting (first two lines) and the sign-off (last lines) of a draft."""
    lines = lines_of(text)
    greeting_re = _JA_GREETING if language == "ja" else _EN_GREETING
    sign_off_re = _JA_SIGN_OFF if language == "ja" else _EN_SIGN_OFF
    greeting = next((line for line in lines[:2] if greeting_re.search(line.text)), None)
    tail = [line for line in lines[-_LAST_LINES:] if line is not greeting]
    sign_off = next((line for line in reversed(tail) if sign_off_re.search(line.text)), None)
    return Letter(lines=lines, greeting=greeting, sign_off=sign_off)

"""Keyboard slips in any language: a word typed twice, an open bracket or quote, mixed widths.

Mixed widths: one token with full- and half-width characters ("ＩＤ123", "ｶｰド番号").
"""

from __future__ import annotations

import re
import unicodedata

from guardrails.language import HALF_WIDTH_KATAKANA, KATAKANA_LETTERS
from guardrails.practice.edits import Edit

_REPEATED_WORD = re.compile(r"\b([A-Za-z]+)\s+(\1)\b", re.IGNORECASE)
# "had had" and "that that" are grammatical.
_GRAMMATICAL_REPEATS = frozenset({"had", "that"})
_PAIRS = {")": "(", "]": "[", "}": "{", "）": "（", "」": "「", "』": "『", "】": "【", "”": "“"}
_OPENERS = frozenset(_PAIRS.values())
# Every bracket character, so the scan visits only those instead of every character.
_BRACKET = re.compile("[" + re.escape("".join(sorted(_OPENERS | set(_PAIRS)))) + "]")
# "1)", "a)" opening a list line, and ":)" / ":-(" smileys, are not brackets.
_NOT_A_BRACKET = re.compile(r"(?m)^\s*(?:\d{1,2}|[a-zA-Z])\)|[:;]-?[()]")
# Text where brackets and quotes are data, not prose: URLs, mail addresses, placeholders.
_OPAQUE = re.compile(
    r"https?://[^\s（）「」『』【】<>)]+|www\.[^\s（）「」『』【】<>)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\{\{.*?\}\}|\{%.*?%\}"
)
_ALNUM_RUN = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+")
_KANA_RUN = re.compile(f"[{KATAKANA_LETTERS}{HALF_WIDTH_KATAKANA}]+")
_FULL_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_HALF_ALNUM = re.compile(r"[0-9A-Za-z]")
_HALF_KANA = re.compile(f"[{HALF_WIDTH_KATAKANA}]")
_FULL_KANA = re.compile(r"[ァ-ヺ]")


def repeated_words(text: str) -> list[Edit]:
    """A word typed twice in a row ("the the")."""
    return [
        Edit(
            start=m.start(),
            end=m.end(),
            kind="repeated_word",
            message="A word is repeated.",
            suggestion=m.group(1),
        )
        for m in _REPEATED_WORD.finditer(text)
        if m.group(1).lower() not in _GRAMMATICAL_REPEATS
    ]


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (spans stay valid)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def unbalanced_brackets(text: str) -> list[Edit]:
    """A bracket or quote that is never closed, or closed without being opened."""
    prose = _blank(_blank(text, _OPAQUE), _NOT_A_BRACKET)
    stack: list[int] = []
    stray: list[int] = []
    for bracket in _BRACKET.finditer(prose):
        index, char = bracket.start(), bracket.group()
        if char in _OPENERS:
            stack.append(index)
        elif stack and prose[stack[-1]] == _PAIRS[char]:
            stack.pop()
        else:
            stray.append(index)
    if prose.count('"') % 2:
        stray.append(prose.rindex('"'))
    return [
        Edit(
            start=i,
            end=i + 1,
            kind="unbalanced_bracket",
            message="A bracket or quotation mark is not balanced.",
        )
        for i in sorted(stack + stray)
    ]


def _width_edit(match: re.Match[str], full: re.Pattern[str], half: re.Pattern[str]) -> Edit | None:
    token = match.group()
    if not (full.search(token) and half.search(token)):
        return None
    return Edit(
        start=match.start(),
        end=match.end(),
        kind="mixed_width",
        message="One word mixes full-width and half-width characters.",
        suggestion=unicodedata.normalize("NFKC", token),
    )


def mixed_widths(text: str) -> list[Edit]:
    """Letters/digits or katakana mixing full- and half-width forms within one token."""
    # A token can mix widths only if the text holds the rarer form at all (full-width
    # letters, half-width kana): one search spares testing every token of most drafts.
    edits: list[Edit | None] = []
    if _FULL_ALNUM.search(text):
        edits += [_width_edit(m, _FULL_ALNUM, _HALF_ALNUM) for m in _ALNUM_RUN.finditer(text)]
    if _HALF_KANA.search(text):
        edits += [_width_edit(m, _FULL_KANA, _HALF_KANA) for m in _KANA_RUN.finditer(text)]
    return [e for e in edits if e is not None]

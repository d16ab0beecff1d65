"""How the offline drafter addresses the customer and signs off, in the brand's voice.

Whom to address is decided once, in ``guardrails.text.greeting`` (the prompt uses the same
rule); this module writes the greeting and sign-off lines around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.backends.offline_phrases import Phrases

_NAME_SLOT = re.compile(r"\s*\{name\}(様|さん)?")


def fill_name_slot(template: str, name: str | None) -> str:
    """Fill a voice template's ``{name}`` slot; without a name, drop the slot and its honorific."""
    if name is not None:
        return template.replace("{name}", name)
    filled = _NAME_SLOT.sub("", template)
    return re.sub(r"\s+([,.!、。])", r"\1", filled).strip()


def greeting_line(name: str | None, override: str | None, phrases: Phrases) -> str:
    """Return the greeting: the voice's override if any, else the language's default."""
    if override:
        filled = fill_name_slot(override, name)
        if any(ch.isalnum() for ch in filled):
            return filled
    if name is None:
        return phrases.greeting_plain
    return phrases.greeting_named.format(name=name)


def agent_short_name(agent_name: str | None) -> str | None:
    """Return how the agent names themself in a Japanese intro: the family name."""
    if not agent_name or not agent_name.strip():
        return None
    return agent_name.split()[0]


def team_label(brand: str | None, title: str | None, language: str) -> str | None:
    """Return "Customer Support, Example Co." / "株式会社エグザンプル カスタマーサポート"."""
    parts = [p.strip() for p in ((brand, title) if language == "ja" else (title, brand)) if p]
    if not parts:
        return None
    return (" " if language == "ja" else ", ").join(parts)


def _signature(agent: str | None, title: str | None, brand: str | None, language: str) -> list[str]:
    team = team_label(brand, title, language)
    if language == "ja":
        return [line for line in (team, agent) if line]
    if agent is None and title is None and brand:
        return [f"The {brand} team"]
    return [line for line in (agent, team) if line]


def sign_off_lines(
    agent_name: str | None,
    agent_title: str | None,
    brand: str | None,
    override: str | None,
    phrases: Phrases,
    language: str,
) -> list[str]:
    """Return the closing lines: courtesy line (Japanese), sign-off, agent name, title and brand."""
    lines: list[str] = []
    closing = phrases.closing_line.format(brand=brand) if brand else phrases.closing_line_plain
    if closing:
        lines += [closing, ""]
    agent = agent_name.strip() if agent_name and agent_name.strip() else None
    if override:
        lines.append(fill_name_slot(override, agent))
        if "{name}" in override:
            agent = None  # the override already carries the agent's name
    elif phrases.sign_off:
        lines.append(phrases.sign_off)
    return lines + _signature(agent, agent_title, brand, language)


def intro_line(
    agent_name: str | None, agent_title: str | None, brand: str | None, phrases: Phrases
) -> str | None:
    """Return the self-introduction Japanese replies open with, or ``None``."""
    agent = agent_short_name(agent_name)
    team = team_label(brand, agent_title, "ja")
    if not phrases.intro or agent is None or team is None:
        return None
    return phrases.intro.format(agent=agent, team=team)


def glossary_pattern(glossary: Sequence[tuple[str, str]]) -> re.Pattern[str] | None:
    """Compile the customer terms into one alternation, longest first, word-bounded if Latin."""
    terms = sorted((term for term, _ in glossary if term.strip()), key=len, reverse=True)
    if not terms:
        return None
    parts = [rf"\b{re.escape(t)}\b" if t.isascii() else re.escape(t) for t in terms]
    return re.compile("|".join(parts), re.IGNORECASE)


def apply_glossary(text: str, glossary: Sequence[tuple[str, str]]) -> str:
    """Replace the customer's words with the official ones, in one pass (no cascades)."""
    pattern = glossary_pattern(glossary)
    if pattern is None:
        return text
    official = {term.lower(): value for term, value in glossary}

    def _swap(match: re.Match[str]) -> str:
        value = official[match.group(0).lower()]
        if match.group(0)[:1].isupper() and value[:1].islower():
            return value[:1].upper() + value[1:]
        return value

    return pattern.sub(_swap, text)

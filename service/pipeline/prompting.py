"""Render the system and user prompts from the Jinja2 templates in ``prompts/``."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from guardrails.verify.prompt_echo import PROMPT_TAGS
from service.backends.base import ChatMessage, DraftInputs, Passage, SavedReplyStart

TEMPLATE_NAMES = ("system.j2", "user.j2")
_FENCE_TAGS = re.compile(rf"<(/?)({'|'.join(PROMPT_TAGS)})\b", re.IGNORECASE)
_LANGUAGE_NAMES = {"en": "English", "ja": "Japanese"}


def fence(text: str) -> str:
    """Neutralise tags in untrusted text that could close or fake the prompt's data fences."""
    return _FENCE_TAGS.sub(lambda m: f"\u2039{m.group(1)}{m.group(2)}", text)


@dataclass(frozen=True)
class ThreadLine:
    """A normalised thread message as the user prompt shows it."""

    role: str
    author: str | None
    body: str


@dataclass(frozen=True)
class RenderedPrompt:
    """The chat messages for one request and the template version that produced them."""

    messages: tuple[ChatMessage, ...]
    version: str


def _default_prompt_dir() -> Path:
    return Path(str(resources.files("prompts")))


class PromptRenderer:
    """Loads the templates once, hashes them (the prompt version) and renders per request."""

    def __init__(self, prompt_dir: Path | None = None) -> None:
        directory = prompt_dir or _default_prompt_dir()
        self._env = Environment(
            loader=FileSystemLoader(directory),
            undefined=StrictUndefined,
            autoescape=False,  # prompts are plain text, not HTML
            keep_trailing_newline=True,
        )
        self._env.filters["fence"] = fence
        digest = hashlib.sha256()
        for name in TEMPLATE_NAMES:
            digest.update(name.encode() + b"\0" + (directory / name).read_bytes())
        self.version = f"sha256:{digest.hexdigest()[:16]}"
        self._system = self._env.get_template("system.j2")
        self._user = self._env.get_template("user.j2")

    def render(
        self,
        inputs: DraftInputs,
        thread: list[ThreadLine],
        *,
        voice_guide: str,
        banned_phrases: tuple[str, ...],
    ) -> RenderedPrompt:
        """Render both messages for one request; customer text is fenced as data."""
        context = self._context(inputs, thread, voice_guide, banned_phrases)
        system = self._system.render(**context).strip()
        user = self._user.render(**context).strip()
        return RenderedPrompt(
            messages=(ChatMessage("system", system), ChatMessage("user", user)),
            version=self.version,
        )

    @staticmethod
    def _context(
        inputs: DraftInputs,
        thread: list[ThreadLine],
        voice_guide: str,
        banned_phrases: tuple[str, ...],
    ) -> dict[str, object]:
        signature = ", ".join(p for p in (inputs.agent_name, inputs.agent_title, inputs.brand) if p)
        name = inputs.greeting_name or inputs.customer_name
        if inputs.language == "ja":
            greeting_rule = f"family name followed by 様: 「{name}様」"
        else:
            greeting_rule = f'first name: "Hi {name},"'
        if inputs.greeting:
            # The brand's greeting names the customer with "{name}" (e.g. "{name}様"): fill it
            # with the name (placeholder) the model must use, never send the template slot.
            greeting = inputs.greeting.replace("{name}", name) if name else inputs.greeting
            greeting_rule = f'the brand greeting "{greeting}"'
        return {
            "brand": inputs.brand,
            "language": inputs.language,
            "language_name": _LANGUAGE_NAMES.get(inputs.language, inputs.language),
            "customer_name": inputs.customer_name,
            "greeting_rule": greeting_rule,
            "question_count": len(inputs.questions),
            "upset": inputs.upset,
            "questions": [fence(q) for q in inputs.questions],
            "sign_off": inputs.sign_off,
            "agent_title": inputs.agent_title,
            "agent_signature": signature or "the support team",
            "channel": inputs.channel,
            "glossary": list(inputs.glossary),
            "banned_phrases": list(banned_phrases),
            "voice_guide": fence(voice_guide.strip()),
            "subject": fence(inputs.subject) if inputs.subject else None,
            "messages": [ThreadLine(t.role, t.author, fence(t.body)) for t in thread],
            "passages": [_fenced_passage(p) for p in inputs.passages],
            "attachments": list(inputs.attachments),
            "saved_reply": _fenced_saved_reply(inputs.saved_reply),
            "saved_reply_uncovered": [i + 1 for i in inputs.saved_reply.uncovered]
            if inputs.saved_reply
            else [],
        }


_HEADING = re.compile(r"\A\s*#+[ \t]*(?P<title>[^\n]*)\n?")


def without_title_heading(body: str, title: str) -> str:
    """The body without a leading Markdown heading that repeats the title (shown once)."""
    match = _HEADING.match(body)
    if match and match.group("title").strip() == title.strip():
        return body[match.end() :].lstrip("\n")
    return body


def _fenced_saved_reply(saved: SavedReplyStart | None) -> SavedReplyStart | None:
    # Operator-written, but a macro may quote a customer: fenced like an article.
    if saved is None:
        return None
    return replace(saved, body=fence(saved.body), title=fence(saved.title))


def _fenced_passage(passage: Passage) -> Passage:
    # Articles are operator-supplied but may quote customers; fence their bodies too.
    body = without_title_heading(passage.body, passage.title)
    return replace(passage, body=fence(body), title=fence(passage.title))

"""Load saved replies from a file: our JSON, Markdown, Zendesk macros or Help Scout saved replies.

Every format becomes a list of :class:`SavedReply` whose ids are ``SET:KEY``: SET is the id
given on import, KEY the reply's own id in the file (a Zendesk macro id, a Help Scout saved
reply id, a JSON ``id``, a Markdown front-matter ``id`` or the file name). Shapes:

- JSON: ``[{"id", "title", "body"}]``, ``{"saved_replies": [...]}`` or one such object;
- Zendesk macros API: ``{"macros": [{"id", "title", "actions": [{"field": "comment_value",
  "value": ...}]}]}`` (or ``{"macro": {...}}``); the reply is the ``comment_value`` action
  (``comment_value_html`` as text when there is no plain one); macros without a comment only
  set fields and are skipped;
- Help Scout saved replies API: ``[{"id", "name", "text"}]``, one such object, or a HAL
  document with the list under ``_embedded`` (``chatText`` when there is no ``text``);
- Markdown: one reply per file; front matter (``id``, ``title``) optional, else the first
  ``# heading`` is the title and the file name the id.

HTML bodies become plain text. Anything else is an ``InvalidRequestError`` naming the file and
the reply, never quoting its text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from service.errors import InvalidRequestError
from service.knowledge.files import read_text, split_front_matter
from service.models import SavedReply
from service.models.validation import describe
from service.pipeline.normalise import html_to_text

MARKDOWN_SUFFIXES = (".md", ".markdown")
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_HEADING = re.compile(r"\A\s*#[ \t]+(?P<title>[^\n]+)\n?")


@dataclass(frozen=True)
class _Raw:
    """One reply as read from the file, before validation."""

    key: str
    title: str
    body: str


@dataclass(frozen=True)
class LoadedReplies:
    """The replies of one file and how many entries were skipped (macros without a comment)."""

    replies: list[SavedReply]
    skipped: int = 0


def load_saved_replies(path: Path, set_id: str) -> LoadedReplies:
    """The saved replies in ``path``, with ids ``set_id:KEY``; InvalidRequestError if unusable."""
    text = read_text(path)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        raws, skipped = [_markdown(text, path)], 0
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidRequestError(
                f"{path.name}: neither Markdown (.md) nor valid JSON ({exc.msg})"
            ) from exc
        raws, skipped = _from_json(data, path)
    if not raws:
        raise InvalidRequestError(f"{path.name}: no saved reply with text found")
    return LoadedReplies(replies=_validated(raws, set_id, path), skipped=skipped)


def _validated(raws: list[_Raw], set_id: str, path: Path) -> list[SavedReply]:
    replies: list[SavedReply] = []
    seen: set[str] = set()
    for number, raw in enumerate(raws, start=1):
        where = f"{path.name}: saved reply {number}"
        if not raw.body.strip():
            raise InvalidRequestError(f"{where}: empty text")
        if raw.key in seen:
            raise InvalidRequestError(f"{where}: duplicate id {raw.key!r}")
        seen.add(raw.key)
        try:
            reply = SavedReply(id=f"{set_id}:{raw.key}", title=raw.title, body=raw.body.strip())
        except ValidationError as exc:
            raise InvalidRequestError(f"{where}: {describe(exc)}") from exc
        replies.append(reply)
    return replies


def _key(value: object, fallback: str) -> str:
    """A reply's own id as an id-safe key ("Refund policy" -> "Refund-policy")."""
    key = _KEY_UNSAFE.sub("-", str(value) if value is not None else "").strip("-.")
    return key or fallback


# --- Markdown -------------------------------------------------------------------------------


def _markdown(text: str, path: Path) -> _Raw:
    found = split_front_matter(text, path, allow_empty=True)
    meta, body = found if found is not None else ({}, text)
    title = meta.get("title")
    heading = _HEADING.match(body)
    if title is None and heading:
        title, body = heading.group("title").strip(), body[heading.end() :]
    key = _key(meta.get("id"), _key(path.stem, "reply"))
    return _Raw(key=key, title=str(title or path.stem), body=body)


# --- JSON shapes ----------------------------------------------------------------------------


def _from_json(data: Any, path: Path) -> tuple[list[_Raw], int]:
    items = _items(data, path)
    raws: list[_Raw] = []
    skipped = 0
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InvalidRequestError(f"{path.name}: saved reply {number} is not an object")
        raw = _one(item, number, path)
        if raw is None:
            skipped += 1
        else:
            raws.append(raw)
    return raws, skipped


def _items(data: Any, path: Path) -> list[Any]:
    """The list of reply objects, wherever the format keeps it."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise InvalidRequestError(f"{path.name}: expected a JSON object or list of saved replies")
    for wrapper in ("macros", "saved_replies", "savedReplies"):
        if isinstance(data.get(wrapper), list):
            return list(data[wrapper])
    if isinstance(data.get("macro"), dict):
        return [data["macro"]]
    embedded = data.get("_embedded")
    if isinstance(embedded, dict):
        lists = [v for v in embedded.values() if isinstance(v, list)]
        if len(lists) == 1:
            return lists[0]
        raise InvalidRequestError(f"{path.name}: _embedded holds no single list of saved replies")
    return [data]


def _one(item: dict[str, Any], number: int, path: Path) -> _Raw | None:
    """One reply object in any of the shapes; None for a macro that writes no comment."""
    fallback = f"reply-{number}"
    if "actions" in item:
        return _zendesk(item, number, path)
    if "body" in item:
        body = html_to_text(_text(item["body"], number, path))
        key = _key(item.get("id"), _key(item.get("title"), fallback))
        return _Raw(key=key, title=str(item.get("title") or key), body=body)
    if "name" in item and ("text" in item or "chatText" in item):
        text = item.get("text") or item.get("chatText")
        return _Raw(
            key=_key(item.get("id"), fallback),
            title=str(item["name"]),
            body=html_to_text(_text(text, number, path)),
        )
    if "name" in item and "preview" in item:
        raise InvalidRequestError(
            f"{path.name}: saved reply {number} has only a preview (Help Scout's list); "
            "export each saved reply (GET .../saved-replies/ID) for its full text"
        )
    raise InvalidRequestError(
        f"{path.name}: saved reply {number} is in no known shape "
        "(id/title/body, Zendesk macro, Help Scout saved reply)"
    )


def _zendesk(item: dict[str, Any], number: int, path: Path) -> _Raw | None:
    actions = item["actions"]
    if not isinstance(actions, list):
        raise InvalidRequestError(f"{path.name}: macro {number}: actions must be a list")
    plain = _comment(actions, "comment_value")
    rich = _comment(actions, "comment_value_html")
    if plain is None and rich is None:
        return None
    body = plain if plain is not None else html_to_text(rich or "")
    key = _key(item.get("id"), f"macro-{number}")
    return _Raw(key=key, title=str(item.get("title") or key), body=_text(body, number, path))


def _comment(actions: Iterable[Any], field: str) -> str | None:
    """The text of the macro's comment action; older macros give ``[channel, text]``."""
    for action in actions:
        if isinstance(action, dict) and action.get("field") == field:
            value = action.get("value")
            if isinstance(value, list) and value:
                value = value[-1]
            return value if isinstance(value, str) else None
    return None


def _text(value: Any, number: int, path: Path) -> str:
    if not isinstance(value, str):
        raise InvalidRequestError(f"{path.name}: saved reply {number}: text must be a string")
    return value

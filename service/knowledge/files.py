"""Load KB articles (Markdown with front matter, or JSON) and voices from files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from service.errors import InvalidRequestError
from service.models import KnowledgeArticle, Voice
from service.models.validation import describe

ARTICLE_SUFFIXES = (".md", ".markdown", ".json")


def split_front_matter(
    text: str, path: Path, *, allow_empty: bool = False
) -> tuple[dict[str, Any], str] | None:
    """``(front matter, rest)`` of a Markdown file, or None when it has no front matter.

    One reader for every Markdown import (articles, saved replies); ``allow_empty`` accepts
    a ``---``/``---`` block with nothing in it.
    """
    if not text.startswith("---"):
        return None
    parts = text.split("\n---", 1)
    if len(parts) != 2:
        raise InvalidRequestError(f"{path.name}: front matter is not closed with '---'")
    try:
        meta = yaml.safe_load(parts[0].lstrip("-\n"))
    except yaml.YAMLError as exc:
        raise InvalidRequestError(f"{path.name}: front matter is not valid YAML") from exc
    if meta is None and allow_empty:
        meta = {}
    if not isinstance(meta, dict):
        raise InvalidRequestError(f"{path.name}: front matter must be a mapping")
    return meta, parts[1].lstrip("-")


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    found = split_front_matter(text, path)
    if found is None:
        raise InvalidRequestError(f"{path.name}: no front matter (id, title, url, last_reviewed)")
    meta, body = found
    return meta, body.strip()


def read_text(path: Path) -> str:
    """The file's UTF-8 text, or an ``InvalidRequestError`` saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InvalidRequestError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidRequestError(f"{path}: cannot read ({type(exc).__name__})") from exc


def load_article(path: Path) -> list[KnowledgeArticle]:
    """One Markdown article, or the article(s) of a JSON file (an object or a list)."""
    text = read_text(path)
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidRequestError(f"{path.name}: not valid JSON ({exc.msg})") from exc
        items = data if isinstance(data, list) else [data]
    else:
        meta, body = _front_matter(text, path)
        items = [{**meta, "body": body}]
    try:
        return [KnowledgeArticle.model_validate(item) for item in items]
    except ValidationError as exc:
        raise InvalidRequestError(f"{path.name}: {describe(exc)}") from exc


def load_knowledge_base(directory: Path) -> list[KnowledgeArticle]:
    """Every article under ``directory`` (sorted by path); ids must be unique."""
    if not directory.is_dir():
        raise InvalidRequestError(f"{directory}: not a directory")
    files = sorted(p for p in directory.rglob("*") if p.suffix in ARTICLE_SUFFIXES)
    articles = [a for path in files for a in load_article(path)]
    if not articles:
        raise InvalidRequestError(f"{directory}: no .md or .json articles found")
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise InvalidRequestError(f"{directory}: duplicate article id {article.id!r}")
        seen.add(article.id)
    return articles


def load_voice(path: Path) -> Voice:
    """A voice from a JSON file (the contract's ``voice`` object)."""
    try:
        return Voice.model_validate_json(read_text(path))
    except ValidationError as exc:
        raise InvalidRequestError(f"{path.name}: {describe(exc)}") from exc

"""KB files: the optional ``audience`` front-matter field (public by default)."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import InvalidRequestError
from service.knowledge.files import load_knowledge_base


def _write(directory: Path, name: str, meta: str) -> None:
    (directory / name).write_text(f"---\n{meta}\n---\nBody text.\n", encoding="utf-8")


def test_audience_defaults_to_public_and_reads_internal(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "id: a\ntitle: Public")
    _write(tmp_path, "b.md", "id: b\ntitle: Procedure\naudience: internal")
    articles = {a.id: a for a in load_knowledge_base(tmp_path)}
    assert articles["a"].audience == "public"
    assert articles["b"].audience == "internal"


def test_unknown_audience_is_a_clear_error(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "id: a\ntitle: Public\naudience: agents")
    with pytest.raises(InvalidRequestError, match="audience"):
        load_knowledge_base(tmp_path)

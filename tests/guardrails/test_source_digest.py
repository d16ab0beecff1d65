"""Which files key a cache of results: code and shipped data, never bytecode; a digest follows
every byte and every path."""

from __future__ import annotations

import hashlib
from pathlib import Path

from guardrails.source_digest import add_files, shipped_files


def test_shipped_files_are_code_and_data_not_bytecode(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "__pycache__").mkdir()
    for name in ("a.py", "sub/weights.json", "__pycache__/a.cpython-311.pyc", "b.pyc"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in shipped_files(tmp_path)] == [
        "a.py",
        "sub/weights.json",
    ]


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    add_files(digest, root, shipped_files(root))
    return digest.hexdigest()


def test_the_digest_follows_bytes_and_names(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("A = 1\n", encoding="utf-8")
    first = _digest(tmp_path)
    assert _digest(tmp_path) == first
    (tmp_path / "a.py").write_text("A = 2\n", encoding="utf-8")
    second = _digest(tmp_path)
    assert second != first
    (tmp_path / "a.py").rename(tmp_path / "b.py")
    assert _digest(tmp_path) != second

"""Digests of shipped source and data files: what keys caches of results those files decide.

One rule for which files count (code and the shipped weights and tables, never bytecode), used
by the eval result cache's pipeline fingerprint and by the PII detector's version.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol


class _Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...


def shipped_files(root: Path) -> list[Path]:
    """Every file the code under ``root`` reads: code, and the shipped weights and tables.

    Not only ``*.py``: a retrained model (``injection_model.npz``, the name tagger's weights) or a
    rebuilt word table changes verdicts as much as a code edit, and must not be served stale.
    """
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def add_files(digest: _Digest, root: Path, paths: Iterable[Path]) -> None:
    """Feed each file's path under ``root`` and its bytes to ``digest``, in the order given."""
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())

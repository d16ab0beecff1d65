"""First/last-name lists from the ``names-dataset`` wheel, plus English word commonness.

names-dataset ships its lists inside the wheel (no download) as large pickles that take
~12 s and ~2 GB to load, so the first build writes a compact ``name<TAB>first<TAB>last``
rank file to a cache directory and every later process loads that (~1 s).

Cost of the cache: one ~34 MB file per names-dataset version, written once (atomically, so
concurrent workers are safe). Its directory is ``PiiEngine.build(name_cache_dir=...)`` /
``SharedPiiEngine(name_cache_dir=...)``; by default :func:`default_cache_dir`
(``~/.cache/replydraft``). Point it at a writable volume in containers whose home is
read-only, or pre-build it in the image to avoid the first-start 12 s / 2 GB spike.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import importlib.resources
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from wordfreq import zipf_frequency

NO_RANK = 1_000_000


def default_cache_dir() -> Path:
    """Return the per-user cache directory for derived name lists."""
    return Path.home() / ".cache" / "replydraft"


def _best_rank(info: dict[str, dict[str, int]]) -> int:
    ranks = info.get("rank") or {}
    return min(ranks.values()) if ranks else NO_RANK


def _load_from_package() -> dict[str, tuple[int, int]]:
    root = importlib.resources.files("names_dataset") / "v3"
    table: dict[str, tuple[int, int]] = {}
    for column, filename in ((0, "first_names.pkl.gz"), (1, "last_names.pkl.gz")):
        with gzip.open(str(root / filename), "rb") as fh:
            # Trusted: the pickle ships inside an installed, pinned wheel.
            data: dict[str, dict[str, dict[str, int]]] = pickle.load(fh)  # noqa: S301
        for name, info in data.items():
            ranks = list(table.get(name, (NO_RANK, NO_RANK)))
            ranks[column] = _best_rank(info)
            table[name] = (ranks[0], ranks[1])
        del data
    return table


def _write_cache(path: Path, table: dict[str, tuple[int, int]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename so concurrent workers never read a half-written file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.writelines(f"{n}\t{f}\t{last}\n" for n, (f, last) in table.items())
    os.replace(tmp, path)


def _read_cache(path: Path) -> dict[str, tuple[int, int]]:
    table: dict[str, tuple[int, int]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            name, first, last = line.rstrip("\n").split("\t")
            table[name] = (int(first), int(last))
    return table


@dataclass(frozen=True)
class NameLexicon:
    """Best popularity rank of a token as a first and as a last name (lower = more common)."""

    ranks: dict[str, tuple[int, int]]

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> NameLexicon:
        """Load the compact rank file, deriving it from the installed wheel the first time."""
        version = importlib.metadata.version("names-dataset")
        path = (cache_dir or default_cache_dir()) / f"names-dataset-{version}.tsv"
        if path.exists():
            return cls(_read_cache(path))
        table = _load_from_package()
        _write_cache(path, table)
        return cls(table)

    def first_rank(self, token: str) -> int:
        """Best rank of ``token`` as a first name (``NO_RANK`` when unknown)."""
        return self.ranks.get(token, (NO_RANK, NO_RANK))[0]

    def name_ranks(self, token: str) -> tuple[int, int]:
        """``(first_rank, last_rank)`` of ``token``."""
        return self.ranks.get(token, (NO_RANK, NO_RANK))

    def last_rank(self, token: str) -> int:
        """Best rank of ``token`` as a last name (``NO_RANK`` when unknown)."""
        return self.ranks.get(token, (NO_RANK, NO_RANK))[1]


def word_commonness(token: str) -> float:
    """Zipf frequency of ``token`` as an English word (0 = unseen, 7 = 'the')."""
    return float(zipf_frequency(token.lower(), "en", wordlist="small"))

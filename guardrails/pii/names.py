"""First/last-name lists from the ``names-dataset`` wheel, plus English word commonness.

names-dataset ships its lists inside the wheel (no download) as large pickles that take
~12 s and ~2 GB to load, so the first build writes a compact rank file (sorted arrays, see
:class:`NameLexicon`) to a cache directory, saying so on standard error, and every later
process memory-maps that file (milliseconds; its pages are shared between processes).

Cost of the cache: one ~50 MB file per names-dataset version, written once (atomically, so
concurrent workers are safe). Its directory is ``PiiEngine.build(name_cache_dir=...)`` /
``SharedPiiEngine(name_cache_dir=...)``; by default :func:`default_cache_dir`
(``~/.cache/replydraft``). Point it at a writable volume in containers whose home is
read-only, or pre-build it in the image to avoid the first-start 12 s / 2 GB spike.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import importlib.resources
import mmap
import os
import pickle
import struct
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from wordfreq import zipf_frequency

from guardrails.run_memo import per_run
from guardrails.text.word_class import is_known_word

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


MAGIC = b"RDNAMES1"
_HEADER = struct.Struct("<8sQ")


def _write_cache(path: Path, table: dict[str, tuple[int, int]]) -> None:
    """Write the table as sorted arrays (see :class:`NameLexicon`) beside ``path``'s name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(table, key=_key_hash)
    hashes = np.fromiter((_key_hash(k) for k in keys), dtype="<u8", count=len(keys))
    first = np.fromiter((table[k][0] for k in keys), dtype="<u4", count=len(keys))
    last = np.fromiter((table[k][1] for k in keys), dtype="<u4", count=len(keys))
    encoded = [k.encode() for k in keys]
    offsets = np.zeros(len(keys) + 1, dtype="<u8")
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    # Write then rename so concurrent workers never read a half-written file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(_HEADER.pack(MAGIC, len(keys)))
        for array in (hashes, first, last, offsets):
            fh.write(array.tobytes())
        fh.write(b"".join(encoded))
    os.replace(tmp, path)


def _key_hash(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "little")


class NameLexicon:
    """Best popularity rank of a token as a first and as a last name (lower = more common).

    The ~1.5 million names live in one memory-mapped file of sorted arrays (name hashes,
    first ranks, last ranks, offsets into the UTF-8 names), not in a dict: a dict of them
    took ~450 MB in every worker, while the mapped file's pages are shared by every process
    on the machine through the page cache. A lookup is a binary search on the hashes, then
    the name itself is compared, so a hash collision never gives a wrong rank.
    """

    def __init__(self, path: Path) -> None:
        with path.open("rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        magic, count = _HEADER.unpack_from(self._map, 0)
        if magic != MAGIC:
            raise ValueError(f"{path} is not a name table")
        at = _HEADER.size
        self._hashes = np.frombuffer(self._map, dtype="<u8", count=count, offset=at)
        at += 8 * count
        self._first = np.frombuffer(self._map, dtype="<u4", count=count, offset=at)
        at += 4 * count
        self._last = np.frombuffer(self._map, dtype="<u4", count=count, offset=at)
        at += 4 * count
        self._offsets = np.frombuffer(self._map, dtype="<u8", count=count + 1, offset=at)
        self._names_at = at + 8 * (count + 1)
        self._count = int(count)
        # Texts repeat their words: the common ones skip the search. Kept across requests for
        # dictionary words that are no name in the table only ("Thanks", "Billing"); a
        # customer's name, even a dictionary word ("Grace", "Baker"), is memoised for its
        # request alone (``per_run``).
        self._cached = per_run(keep=self._names_nobody)(self._lookup)

    def __len__(self) -> int:
        return self._count

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> NameLexicon:
        """Map the compact rank file, deriving it from the installed wheel the first time.

        The first build takes ~15 s and ~1.5 GB at its peak; it says so on standard error.
        """
        version = importlib.metadata.version("names-dataset")
        path = (cache_dir or default_cache_dir()) / f"names-dataset-{version}.bin"
        if not path.exists():
            # A plain line, not a log record: this runs before logging is set up (and in the
            # CLI), and a silent 15 s start looks like a hang.
            started = time.monotonic()
            sys.stderr.write(
                f"replydraft: building the name table {path} from names-dataset "
                "(first start only; ~15 s, ~1.5 GB at its peak)...\n"
            )
            sys.stderr.flush()
            _write_cache(path, _load_from_package())
            sys.stderr.write(
                f"replydraft: name table built in {time.monotonic() - started:.1f} s\n"
            )
        return cls(path)

    def _lookup(self, token: str) -> tuple[int, int]:
        key = _key_hash(token)
        # The key as the table's own type: a plain int below 2**63 made numpy compare as
        # float64, converting the whole table (~4 ms, and inexact) on every look-up.
        at = int(np.searchsorted(self._hashes, np.uint64(key)))
        encoded = token.encode()
        while at < self._count and int(self._hashes[at]) == key:
            start = self._names_at + int(self._offsets[at])
            end = self._names_at + int(self._offsets[at + 1])
            if self._map[start:end] == encoded:
                return int(self._first[at]), int(self._last[at])
            at += 1
        return NO_RANK, NO_RANK

    def _names_nobody(self, token: str) -> bool:
        """Whether ``token`` is a dictionary word that the table ranks as no one's name."""
        return is_known_word(token) and self._lookup(token) == (NO_RANK, NO_RANK)

    def name_ranks(self, token: str) -> tuple[int, int]:
        """``(first_rank, last_rank)`` of ``token``."""
        return self._cached(token)

    def first_rank(self, token: str) -> int:
        """Best rank of ``token`` as a first name (``NO_RANK`` when unknown)."""
        return self.name_ranks(token)[0]

    def last_rank(self, token: str) -> int:
        """Best rank of ``token`` as a last name (``NO_RANK`` when unknown)."""
        return self.name_ranks(token)[1]


def word_commonness(token: str) -> float:
    """Zipf frequency of ``token`` as an English word (0 = unseen, 7 = 'the')."""
    return float(zipf_frequency(token.lower(), "en", wordlist="small"))


# Apostrophes a name is typed with besides the typewriter one: the curly ones, the modifier
# letter apostrophe, the grave accent (``normalise`` already makes the full-width one plain).
_APOSTROPHES = ("\u2019", "\u2018", "\u02bc", "`")


def fold_apostrophes(text: str) -> str:
    """``text`` with every apostrophe typed as the typewriter one ("O’Neil" is O'Neil)."""
    for apostrophe in _APOSTROPHES:
        if apostrophe in text:
            text = text.replace(apostrophe, "'")
    return text

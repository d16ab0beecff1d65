"""The memory-mapped name table: exact ranks, unknown names, hash collisions, first build."""

from __future__ import annotations

from pathlib import Path

import pytest

from guardrails.pii import names
from guardrails.pii.names import NO_RANK, NameLexicon

TABLE = {"Maria": (1, 16), "Lopez": (112, 1), "田中": (757, 35), "Ng": (NO_RANK, 40)}


def _table(tmp_path: Path) -> NameLexicon:
    path = tmp_path / "names.bin"
    names._write_cache(path, TABLE)
    return NameLexicon(path)


def test_every_name_has_its_own_ranks(tmp_path: Path) -> None:
    lexicon = _table(tmp_path)
    assert len(lexicon) == len(TABLE)
    for name, ranks in TABLE.items():
        assert lexicon.name_ranks(name) == ranks
    assert lexicon.first_rank("Lopez") == 112 and lexicon.last_rank("Lopez") == 1


def test_unknown_names_and_prefixes_have_no_rank(tmp_path: Path) -> None:
    lexicon = _table(tmp_path)
    for token in ("Mari", "Marias", "maria", "", "田"):
        assert lexicon.name_ranks(token) == (NO_RANK, NO_RANK)


def test_colliding_hashes_still_give_each_name_its_ranks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(names, "_key_hash", lambda name: 7)  # every name collides
    lexicon = _table(tmp_path)
    for name, ranks in TABLE.items():
        assert lexicon.name_ranks(name) == ranks
    assert lexicon.name_ranks("Sam") == (NO_RANK, NO_RANK)


def test_the_first_build_says_so_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(names, "_load_from_package", lambda: dict(TABLE))
    lexicon = NameLexicon.load(tmp_path)
    assert lexicon.name_ranks("Maria") == (1, 16)
    err = capsys.readouterr().err
    assert "building the name table" in err and "name table built in" in err
    NameLexicon.load(tmp_path)  # the second start maps the file silently
    assert capsys.readouterr().err == ""


def test_a_file_that_is_not_a_name_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.bin"
    path.write_bytes(b"\0" * 64)
    with pytest.raises(ValueError, match="not a name table"):
        NameLexicon(path)


def test_hashes_float64_cannot_tell_apart_each_find_their_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Below 2**63 a plain int key made numpy compare the uint64 table as float64, in which
    # these four hashes are one number: the search landed on the first and missed the rest
    # (and converted the whole table on every look-up).
    near = {name: 2**62 + i for i, name in enumerate(TABLE, start=1)}
    monkeypatch.setattr(names, "_key_hash", lambda name: near.get(name, 2**62 + 9))
    lexicon = _table(tmp_path)
    for name, ranks in TABLE.items():
        assert lexicon.name_ranks(name) == ranks

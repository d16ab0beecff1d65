"""``guardrails.japanese``: Sudachi reads any length of text, in sentence pieces."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from guardrails import japanese
from guardrails.japanese import (
    MAX_CHUNK_BYTES,
    chunks,
    content_terms,
    counter_at,
    kanji_stem,
    modifies_as_prefix,
    phrase_starts,
    spells_a_kanji_noun,
    tokenize,
    verbal_noun_at,
)
from guardrails.run_memo import run_memo


def test_short_text_is_one_piece() -> None:
    assert list(chunks("返金してください。")) == [(0, "返金してください。")]


def test_long_text_is_cut_at_sentence_ends_under_the_byte_limit() -> None:
    text = "注文した商品がまだ届いていません。" * 4000  # ~200,000 bytes
    pieces = list(chunks(text))
    assert len(pieces) > 1
    assert "".join(p for _, p in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece.encode("utf-8")) <= MAX_CHUNK_BYTES
        assert piece.endswith("。")


def test_a_sentence_longer_than_the_limit_is_sliced() -> None:
    text = "あ" * 30_000  # no sentence end at all
    pieces = list(chunks(text))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p.encode("utf-8")) <= MAX_CHUNK_BYTES for _, p in pieces)


def test_tokenize_offsets_index_the_whole_text() -> None:
    text = "請求書を送ってください。" * 5000
    morphemes = list(tokenize(text))
    offset, last = morphemes[-1]
    assert text[offset + last.begin() : offset + last.end()] == last.surface()
    assert offset > 0


def test_content_terms_of_a_text_over_sudachis_limit() -> None:
    text = "返金の手続きを教えてください。" * 4000  # Sudachi alone refuses > ~49,000 bytes
    assert content_terms(text).count("返金") == 4000


def test_kanji_stem_keeps_the_iteration_mark() -> None:
    # 々 repeats the kanji before it: the stem of 若々しい is 若々 (it was once no stem).
    assert kanji_stem("若々しい") == "若々"
    assert kanji_stem("お届け") == "届"
    assert kanji_stem("届け先") is None


@pytest.mark.parametrize(("kanji", "modifies"), [("小", True), ("大", True), ("景", False)])
def test_modifies_as_prefix(kanji: str, modifies: bool) -> None:
    assert modifies_as_prefix(kanji) is modifies


def test_japanese_tokenizing_reads_past_a_lone_surrogate() -> None:
    surfaces = [m.surface() for _, m in tokenize("修理\udc00します")]
    assert "修理" in surfaces and "\ufffd" in "".join(surfaces)


def test_a_long_japanese_text_with_a_lone_surrogate_is_tokenized() -> None:
    # Over 1 KB the text is cut into pieces by its encoded length: the fold comes first.
    text = "返品の手続きについて教えてください。" * 80 + "\udc00"
    assert sum(1 for _ in tokenize(text)) > 80


def test_phrases_keep_an_address_and_a_name_with_its_honorific_whole() -> None:
    text = "東京都千代田区丸の内一丁目二番三号の山田太郎様に、「返事」を書いてください"
    starts = phrase_starts(text)
    phrases = [text[a:b] for a, b in zip([0, *starts], [*starts, len(text)], strict=True)]
    assert phrases == [
        "東京都千代田区丸の内一丁目二番三号の",
        "山田太郎様に、",
        "「返事」を",
        "書いてください",
    ]


class _CountingTokenizer:
    """Sudachi's tokenizer, recording each piece it is asked to read."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.pieces: list[str] = []

    def tokenize(self, piece: str) -> Any:
        self.pieces.append(piece)
        return self.real.tokenize(piece)


def _read(found: Iterable[tuple[int, Any]]) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(offset, m.surface(), tuple(m.part_of_speech())) for offset, m in found]


def test_a_run_tokenises_each_text_once_keyed_by_text_and_tokenizer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counting = _CountingTokenizer(japanese.tokenizer())
    monkeypatch.setattr(japanese, "tokenizer", lambda: counting)
    text, other = "注文した商品が届きません。", "注文した商品が届きました。"
    plain = _read(tokenize(text))
    assert counting.pieces == [text]
    with run_memo():
        assert _read(tokenize(text)) == plain
        assert _read(tokenize(text)) == plain  # the ask reader, the injection check, ...
        assert counting.pieces == [text, text]
        # Another text is another entry, however alike.
        assert _read(tokenize(other)) != plain
        assert counting.pieces == [text, text, other]
        # A tokenizer given by the caller (another mode, another dictionary) is never served
        # from the default tokenizer's entries.
        given = _CountingTokenizer(counting.real)
        assert _read(tokenize(text, given)) == plain
        assert given.pieces == [text]
    tokenize(text)  # outside a run: read again, nothing kept
    assert counting.pieces == [text, text, other, text]


@pytest.mark.parametrize(
    ("text", "pos", "counter"),
    [
        ("注文は600件でした", 6, "件"),
        ("8時30分です", 1, "時"),
        ("600円です", 3, "円"),
        # A suffix is no counter noun ...
        ("1-2-3様方", 5, None),
        ("1-2-3宛", 5, None),
        ("1-2-3内", 5, None),
        ("1-2-3個", 5, None),
        ("1-2-3殿", 5, None),
        ("日本人です", 2, None),
        # ... but 人 counting people is (Sudachi tags it as it tags 様, and reads it ニン).
        ("会員は317人です", 6, "人"),
        ("2丁目3人で伺います", 4, "人"),
        # Counters written with a kana ka (か月, か所, ヶ月) are counter nouns too.
        ("2丁目3か月前", 4, "か月"),
        ("2丁目3か所に傷", 4, "か所"),
        ("1-2-3ヶ月", 5, "ヶ月"),
        ("2丁目30分に集合", 5, "分"),
        ("1-2-3階", 5, "階"),
        ("電話は090-1234-5678です", 16, None),
        ("1-2-3藤田ビル", 5, None),
        ("2丁目3に集合", 4, None),
    ],
)
def test_counter_at(text: str, pos: int, counter: str | None) -> None:
    assert counter_at(text, pos) == counter


def test_verbal_nouns_and_verb_kanji_are_read_from_the_lexicon() -> None:
    from guardrails.japanese import is_verbal_noun, verb_kanji

    assert is_verbal_noun("運搬") and is_verbal_noun("診療")
    assert not is_verbal_noun("雨天")
    assert verb_kanji("ピアノも運んでもらえますか？") == frozenset({"運"})
    # 配 of the noun 置き配 heads no verb
    assert verb_kanji("置き配はできますか") == frozenset()


@pytest.mark.parametrize(
    ("text", "pos", "verbal"),
    [
        ("Dean White作成の議事録", 10, True),  # 作成: an action the name does
        ("Nora Stone担当です", 10, True),
        ("Zenvoria社の製品", 8, False),  # a suffix naming a company
        ("Galaxyシリーズの新機種", 6, False),  # a common noun the run modifies
    ],
)
def test_verbal_noun_at(text: str, pos: int, verbal: bool) -> None:
    assert verbal_noun_at(text, pos) is verbal


@pytest.mark.parametrize(
    ("word", "expected"),
    [("ウサギ", True), ("ネコ", True), ("ミナミ", False), ("パソコン", False)],
)
def test_spells_a_kanji_noun(word: str, expected: bool) -> None:
    # ウサギ is 兎 written in katakana (an animal); ミナミ and パソコン have no kanji spelling.
    assert spells_a_kanji_noun(word) is expected

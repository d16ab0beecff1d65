"""Japanese tokenisation with SudachiPy: one dictionary per process, one tokenizer per thread.

Content words are Sudachi's *normalised* forms, so inflections and spelling variants meet
("返金して"/"返金する" -> 返金, "使えない" -> 使う, "なぜ" -> 何故). Mode A (short units) splits
compounds ("請求書" -> 請求 + 書), so a compound in a question meets its parts in an article.
Nouns that work as adverbs (今日, 先日, 以内, 中) and adverbs (すぐ, なぜ) are not topical and
are left out. Sudachi's synonym groups ("使う"/"利用", "解約"/"キャンセル", "支払う"/"支払い")
let callers match words the customer and the article spell differently.

Two compounds are kept whole where short units would lose the topic: a kanji numeral with
its counter noun ("二重" would be 二 + 重, a numeral and a one-character bound noun), and a
"way of doing" noun ("使い方", "申し込み方") is read as its verb ("使う"), the topic; the
"way" is no more topical than 方法. ``kanji_stem`` gives the shared kanji of a verb and the
noun made from it ("届く"/"お届け", "払う"/"払い"), so those meet too.

SudachiPy refuses an input over ~49,000 UTF-8 bytes (about 16,000 kanji), well inside what the
service accepts, so every caller tokenizes through :func:`tokenize`, which feeds Sudachi
pieces cut at sentence ends (:func:`chunks`) and reports each morpheme's offset in the whole.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sudachipy import Dictionary, SplitMode

from guardrails.language import HIRAGANA, KANJI
from guardrails.run_memo import per_run

_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
# Sub-categories that carry no topic: bound forms, numerals, and time/relation nouns.
_NOT_TOPICAL = frozenset({"非自立可能", "数詞", "副詞可能"})
_local = threading.local()
_KANJI_NUMERAL = re.compile(r"^[一二三四五六七八九十両]$")
_ONE_KANJI = re.compile(f"^[{KANJI}]$")
# Counters of time and quantity: "三回", "二日" stay a numeral and a counter, not a topic.
_COUNTERS = frozenset("回日週月年時分秒個件円人枚本度歳台冊点")
# "使い方": a verb's continuative form + 方 ("the way to ...").
_WAY_OF = re.compile(f"^([{KANJI}]+[{HIRAGANA}]+)方$")
# A word written kanji + okurigana ("届く", "届け", "払い"), after an honorific お/ご.
_OKURIGANA = re.compile(f"^[おご御]?([{KANJI}]+)[{HIRAGANA}]+$")


@dataclass(frozen=True)
class Word:
    """One content word: its normalised form and its Sudachi synonym group ids."""

    form: str
    synonyms: tuple[int, ...] = ()


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    # Loading the core dictionary costs ~40 ms; it is shared, tokenizers are not.
    return Dictionary()


def _thread_tokenizer(mode: str) -> Any:
    """This thread's Sudachi tokenizer in split ``mode`` ("A", "C"); tokenizers are per thread."""
    held: dict[str, Any] = getattr(_local, "tokenizers", None) or {}
    _local.tokenizers = held
    if mode not in held:
        held[mode] = _dictionary().tokenizer(mode=getattr(SplitMode, mode))
    return held[mode]


def long_unit_tokenizer() -> Any:
    """This thread's Sudachi tokenizer in mode C (long units: "東京都千代田区丸の内" is one)."""
    return _thread_tokenizer("C")


def tokenizer() -> Any:
    """This thread's Sudachi tokenizer (mode A: short units, best for search)."""
    return _thread_tokenizer("A")


# Sudachi's own limit is 49,149 bytes, and its time per character grows with the input's
# length (a 10,000-character piece costs twice what ten 1,000-character pieces do), so pieces
# are kept to a few sentences: time stays linear in the text's length.
MAX_CHUNK_BYTES = 4_096
# A sentence ends after 。！？!? or a line break (and any closing quotes/brackets after them).
_SENTENCE_END = re.compile(r"[。！？!?\n]+[」』）)\]】]*")


def chunks(text: str, max_bytes: int = MAX_CHUNK_BYTES) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` of ``text`` in order, each piece at most ``max_bytes`` in UTF-8.

    Pieces end at sentence ends; a sentence longer than the limit on its own is cut into
    slices of ``max_bytes // 4`` characters (a character is at most 4 bytes).
    """
    if len(text) * 4 <= max_bytes or len(text.encode("utf-8")) <= max_bytes:
        yield 0, text
        return
    start = 0  # start of the piece being gathered
    size = 0  # its UTF-8 size
    cursor = 0
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    for end in [*ends, len(text)]:
        if end <= cursor:
            continue
        sentence_bytes = len(text[cursor:end].encode("utf-8"))
        if size and size + sentence_bytes > max_bytes:
            yield start, text[start:cursor]
            start, size = cursor, 0
        if sentence_bytes > max_bytes:
            step = max_bytes // 4
            for cut in range(cursor, end, step):
                yield cut, text[cut : min(cut + step, end)]
            start, size = end, 0
        else:
            size += sentence_bytes
        cursor = end
    if start < len(text):
        yield start, text[start:]


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def tokenize(text: str, tok: Any | None = None) -> Iterator[tuple[int, Any]]:
    """``(offset, morpheme)`` for every morpheme of ``text``, any length.

    ``offset`` is where the morpheme's piece starts in ``text`` (add it to ``begin()`` and
    ``end()``). ``tok`` defaults to this thread's mode-A tokenizer, whose morphemes of a text
    are read once per run (``run_memo``) and shared: callers only read them.
    """
    if tok is None:
        return iter(_default_morphemes(text))
    return _tokenize(text, tok)


@per_run  # the ask reader, content words, the injection check and the practice checks
def _default_morphemes(text: str) -> tuple[tuple[int, Any], ...]:
    """:func:`tokenize` of ``text`` with this thread's mode-A tokenizer, all at once."""
    return tuple(_tokenize(text, tokenizer()))


def _tokenize(text: str, tok: Any) -> Iterator[tuple[int, Any]]:
    """``(offset, morpheme)`` for every morpheme of ``text``, by ``tok``, piece by piece."""
    # Sudachi and ``chunks`` encode the text: a lone surrogate (a model's JSON "\udc00" escape
    # decodes to one) would raise, so it stands as the replacement character (offsets kept).
    text = _LONE_SURROGATE.sub("\ufffd", text)
    for offset, piece in chunks(text):
        for morpheme in tok.tokenize(piece):
            yield offset, morpheme


# Characters read on either side of a position to tell the morpheme that opens there.
_COUNTER_WINDOW = 8


def _morpheme_at(text: str, pos: int) -> Any | None:
    """The morpheme that opens at ``text[pos]``, read on a few characters around it, or None."""
    start = max(0, pos - _COUNTER_WINDOW)
    for offset, morpheme in tokenize(text[start : pos + _COUNTER_WINDOW]):
        if start + offset + morpheme.begin() == pos:
            return morpheme
    return None


def counter_at(text: str, pos: int) -> str | None:
    """The counter noun that opens at ``text[pos]`` after a number, else None.

    "30分", "3時", "600円", "3回", "600件", "3階", "3か月", "2か所": Sudachi's common nouns
    used as counters (助数詞可能), read on a few characters around ``pos``; and 人 counting
    people ("3人"). Sudachi tags that 人 as the same suffix as 様 but reads it ニン, as in
    no suffix a name or an address takes (日本人 is one word read ジン). Other suffixes are
    not (様方, 宛, 内 after an address's last number, nor 個, 歳): a reader that drops a
    number before a counter (the address) keeps it before a suffix, masking more rather than
    leaving a number out.
    """
    morpheme = _morpheme_at(text, pos)
    return str(morpheme.surface()) if morpheme is not None and _is_counter(morpheme) else None


def verbal_noun_at(text: str, pos: int) -> bool:
    """Whether the word opening at ``text[pos]`` is a verbal noun (Sudachi's サ変可能 noun).

    作成, 担当, 監修, 経由: an action, so a name before one is its doer or its object ("X作成",
    "X担当"), not the modifier of a compound noun that names a thing (X社, Xチャレンジ). Read
    on a few characters around ``pos``, as :func:`counter_at` reads a counter.
    """
    morpheme = _morpheme_at(text, pos)
    return morpheme is not None and morpheme.part_of_speech()[:3] == (
        "名詞",
        "普通名詞",
        "サ変可能",
    )


# 人 after a number counts people: Sudachi's suffix 人 with the reading it gives it there.
_PEOPLE_COUNTER = ("接尾辞", "ニン")


def _is_counter(morpheme: Any) -> bool:
    """A counter noun (名詞 普通名詞 助数詞可能) or 人 counting people (suffix read ニン)."""
    pos = morpheme.part_of_speech()
    if pos[:3] == ("名詞", "普通名詞", "助数詞可能"):
        return True
    return (pos[0], morpheme.reading_form()) == _PEOPLE_COUNTER


# A phrase (bunsetsu) is a self-standing word with what attaches to it (compounds, suffixes
# such as 様, particles, auxiliaries); the next phrase starts at a self-standing word after a
# particle, an auxiliary, an interjection or a comma, stop or closing bracket.
_ATTACHED = frozenset({"助詞", "助動詞", "接尾辞", "補助記号", "空白"})
_CLOSES_PHRASE = frozenset({"助詞", "助動詞", "感動詞", "空白"})
_CLOSING_MARKS = frozenset({"読点", "句点", "括弧閉"})


def phrase_starts(text: str) -> list[int]:
    """Offsets in ``text`` where a phrase (bunsetsu) starts, after its first, in order.

    Read with long units (:func:`long_unit_tokenizer`), so an address ("東京都千代田区丸の内一丁目
    二番三号の") or a name with its honorific ("山田太郎様に") is one phrase: a cut between two
    phrases splits no name and no address.
    """
    starts: list[int] = []
    closed = False  # whether the morpheme before ends a phrase
    for offset, morpheme in tokenize(text, long_unit_tokenizer()):
        pos = morpheme.part_of_speech()
        opens = pos[0] not in _ATTACHED or pos[1] == "括弧開"
        if closed and opens and pos[1] != "非自立可能":
            starts.append(offset + morpheme.begin())
        closed = pos[0] in _CLOSES_PHRASE or (pos[0] == "補助記号" and pos[1] in _CLOSING_MARKS)
    return starts


def content_words(text: str) -> list[Word]:
    """Topical content words (nouns, verbs, adjectives) of a Japanese text, in order."""
    words = []
    morphemes = [morpheme for _, morpheme in tokenize(text)]
    skip = False
    for index, morpheme in enumerate(morphemes):
        if skip:
            skip = False
            continue
        compound = _numeral_compound(morphemes, index)
        if compound is not None:
            words.append(Word(compound))
            skip = True
            continue
        pos = morpheme.part_of_speech()
        if pos[0] in _CONTENT_POS and pos[1] not in _NOT_TOPICAL and pos[2] not in _NOT_TOPICAL:
            form = morpheme.normalized_form().lower()
            way = _WAY_OF.match(form) if pos[0] == "名詞" else None
            verb = _verb_of(way.group(1)) if way else None
            words.append(verb or Word(form, tuple(morpheme.synonym_group_ids())))
    return words


def _numeral_compound(morphemes: list[Any], index: int) -> str | None:
    """A kanji numeral and the one-kanji noun after it ("二重", "二倍"), as one word."""
    if index + 1 >= len(morphemes):
        return None
    first, second = morphemes[index], morphemes[index + 1]
    if first.part_of_speech()[1] != "数詞" or not _KANJI_NUMERAL.match(first.surface()):
        return None
    surface = second.surface()
    if second.part_of_speech()[0] != "名詞" or not _ONE_KANJI.match(surface):
        return None
    if surface in _COUNTERS:
        return None
    return str(first.surface()) + str(surface)


@per_run
def _verb_of(continuative: str) -> Word | None:
    """The verb of a continuative form ("使い" -> 使う), or ``None`` if it is not one."""
    morphemes = [m for _, m in tokenize(continuative + "ます")]
    if len(morphemes) != 2 or morphemes[0].part_of_speech()[0] != "動詞":
        return None
    verb = morphemes[0]
    return Word(verb.normalized_form().lower(), tuple(verb.synonym_group_ids()))


@lru_cache(maxsize=1024)
def modifies_as_prefix(kanji: str) -> bool:
    """True when Sudachi's lexicon lists ``kanji`` as a prefix or an adjective stem.

    Such a kanji before a one-kanji noun makes a narrower kind of it: 小雨 is rain, 大皿 a
    dish. A kanji that is only a noun (景 in 景色, 音 in 音色) joins another noun into a new
    word that is no kind of it: a view is no colour.
    """
    return any(m.part_of_speech()[0] in {"接頭辞", "形容詞"} for m in _dictionary().lookup(kanji))


@per_run  # asked of a reply's two-kanji words: kept for the run only (a word may be a name)
def is_verbal_noun(word: str) -> bool:
    """True when Sudachi's lexicon lists ``word`` as a noun that takes する (運搬, 診療, 持参).

    Such a noun names an act: 運搬 is the act of 運ぶ, 診療 of 診る.
    """
    return any(m.part_of_speech()[2] == "サ変可能" for m in _dictionary().lookup(word))


@per_run
def verb_kanji(text: str) -> frozenset[str]:
    """The kanji that open the verbs of ``text`` (運 of 運んで, 診 of 診て, 借 of 借りる)."""
    return frozenset(
        str(m.surface())[0]
        for _, m in tokenize(text)
        if m.part_of_speech()[0] == "動詞" and _ONE_KANJI.match(str(m.surface())[:1])
    )


def can_name_a_person(surface: str) -> bool:
    """True when Sudachi's lexicon lists ``surface`` as a person's name under any reading.

    林 and 森 are common nouns in most texts and surnames in others: read alone, either may
    be a customer's name. Not cached: the answer is asked of request words.
    """
    return any(m.part_of_speech()[2] == "人名" for m in _dictionary().lookup(surface))


def names_a_place(surface: str) -> bool:
    """True when Sudachi's lexicon lists ``surface`` as a place (横浜市, 品川区; not 品川市)."""
    return any(m.part_of_speech()[2] == "地名" for m in _dictionary().lookup(surface))


_ALL_KANJI = re.compile(f"[{KANJI}]+")


def spells_a_kanji_noun(surface: str) -> bool:
    """True when Sudachi reads ``surface`` as a common noun normally written in kanji.

    ウサギ (兎), ネコ (猫), ツバメ (燕): Japanese writes animals and plants in katakana, so a
    katakana word that is the kana spelling of a kanji noun names a thing or an animal
    (ウサギさん in a children's story), not a person. Not cached: the answer is asked of
    request words.
    """
    return any(
        m.part_of_speech()[1] == "普通名詞" and bool(_ALL_KANJI.fullmatch(m.normalized_form()))
        for m in _dictionary().lookup(surface)
    )


def kanji_stem(word: str) -> str | None:
    """The kanji of a word written kanji + okurigana ("届く", "お届け" -> 届), else ``None``."""
    match = _OKURIGANA.match(word)
    return match.group(1) if match else None


def content_terms(text: str) -> list[str]:
    """Normalised content words (nouns, verbs, adjectives) of a Japanese text."""
    return [word.form for word in content_words(text)]


def search_terms(text: str) -> list[str]:
    """Content words plus one ``≈<id>`` token per synonym group, for a search index.

    A query word then meets an article word of the same group ("使えない" -> 利用).
    A verb and the noun made from it meet on their kanji stem ("届く"/"お届け" -> ``〜届``).
    """
    terms = []
    for word in content_words(text):
        terms.append(word.form)
        terms.extend(f"≈{group}" for group in word.synonyms)
        stem = kanji_stem(word.form)
        if stem is not None:
            terms.append(f"〜{stem}")
    return terms


@per_run
def synonym_groups(word: str) -> frozenset[int]:
    """Sudachi synonym group ids of one word (empty unless it is a single dictionary word)."""
    morphemes = [m for _, m in tokenize(word)]
    if len(morphemes) != 1:
        return frozenset()
    return frozenset(morphemes[0].synonym_group_ids())

"""A small learned tagger for Japanese person names over Sudachi tokens (a linear-chain CRF).

Sudachi's dictionary tags the names it knows (人名) and nothing else: foreign names written in
katakana, stage names and surnames tagged as places are missed, and some dictionary names
are companies, places or common words in context (自民党, 東京電力, 見方). This tagger decides
per token from Sudachi's part-of-speech tags (人名/姓/名, 地名, 組織), the character type,
the words and tags around it (a role such as 会長 or 選手 before, an honorific or a suffix
such as 党, 電力 or 銀行 after), whether the word was the surname of a full name earlier in
the same text, how the same word is used elsewhere in the text, the other members of a list
it is in (A、B、C), whether the names dictionary knows it as a person's, a place's or a
company's name (``ja_gazetteer``, from JMnedict), and the rule-based verdict of
``recognizers_ja.person_spans`` (a feature, not the answer).

The model is a linear-chain CRF over the corpus's entity kinds (person, organisation,
place, facility, product, event, other) trained with L1 and L2 regularisation by CRFsuite
(``benchmarks/ja_person_train.py``, only the ``dev`` part of the stockmark ner-wikipedia
file; settings chosen by 5-fold cross-validation inside it). Its weights ship in the
package as plain JSON (``ja_person_weights.json``): per feature, the non-zero weight of
each label, and the label-to-label transition weights. A token is a person token when its
marginal probability (forward-backward, numpy) reaches the shipped threshold, so nothing
beyond the package is needed at run time and nothing is downloaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache, reduce
from importlib import resources
from operator import add
from typing import Protocol, cast

import numpy as np

from guardrails.japanese import can_name_a_person
from guardrails.language import KANJI
from guardrails.pii.ja_gazetteer import full_name_tokens, gazetteer_code
from guardrails.run_memo import kept_table, per_run

WEIGHTS_FILE = "ja_person_weights.json"
_KATAKANA = re.compile(r"^[ァ-ヴー・=]+$")
_HIRAGANA = re.compile(r"^[ぁ-ゖー]+$")
_KANJI = re.compile(f"^[{KANJI}〆ヶ]+$")
_LATIN = re.compile(r"^[A-Za-z.]+$")
_DIGIT = re.compile(r"^\d+$")
# Nouns and suffixes that name a person by role, rank or relation (会長, 選手, 氏, さん, 様).
_ROLE = re.compile(
    r"^(?:さん|様|さま|氏|君|くん|ちゃん|殿|先生|選手|監督|会長|社長|総裁|議長|委員長|"
    r"首相|大統領|知事|市長|議員|大臣|長官|教授|博士|容疑者|被告|夫人|親方|関|師匠)$"
)
# Parts of speech no name is made of: a particle or a verb between two names (高畑や宮崎)
# never joins them into one.
_NEVER_NAME = frozenset(
    {"助詞", "助動詞", "動詞", "形容詞", "形状詞", "副詞", "連体詞", "接続詞", "感動詞"}
)
# Rule spans (``recognizers_ja``) come with one of these scores; the feature is its kind.
_RULE_KIND = {0.0: "none", 0.7: "compound", 0.85: "tagged", 0.9: "marked"}


class TokenLike(Protocol):
    """What the tagger reads of a token (``recognizers_ja.Token``)."""

    @property
    def begin(self) -> int: ...  # noqa: D102

    @property
    def end(self) -> int: ...  # noqa: D102

    @property
    def surface(self) -> str: ...  # noqa: D102

    @property
    def pos(self) -> tuple[str, ...]: ...  # noqa: D102

    @property
    def oov(self) -> bool: ...  # noqa: D102

    @property
    def head(self) -> str: ...  # noqa: D102


@per_run
def char_type(surface: str) -> str:
    """The script of ``surface``: ``kata``, ``hira``, ``kanji``, ``latin``, ``digit``, ``mixed``."""
    for name, pattern in (
        ("kata", _KATAKANA),
        ("hira", _HIRAGANA),
        ("kanji", _KANJI),
        ("latin", _LATIN),
        ("digit", _DIGIT),
    ):
        if pattern.match(surface):
            return name
    return "mixed"


def _char_types(tokens: Sequence[TokenLike]) -> list[str]:
    """Each token's :func:`char_type`, asked once per distinct surface of the text."""
    found: dict[str, str] = {}
    out = []
    for tok in tokens:
        kind = found.get(tok.surface)
        if kind is None:
            kind = found[tok.surface] = char_type(tok.surface)
        out.append(kind)
    return out


Ranks = Callable[[str], tuple[int, int]]  # a word's rank as a first and as a last name
NO_RANK = 1_000_000


def _no_ranks(word: str) -> tuple[int, int]:
    return (NO_RANK, NO_RANK)


def _bucket(rank: int) -> str:
    return next((str(b) for b in (300, 3000, 30000) if rank <= b), "none")


# One token as the features see it: surface, POS (3 levels), POS (4 levels), out of
# vocabulary, head of a compound proper noun. Neighbours beyond the text's edges are ``EDGE``.
Word = tuple[str, str, str, str, str]
EDGE: Word = ("EDGE", "EDGE", "EDGE", "EDGE", "")


def names_nobody(*args: object) -> bool:
    """Whether every word among ``args`` is a dictionary word that names nobody.

    A proper noun, or a common noun the lexicon also lists as a person's name (林, 森), names
    someone.

    Such words (particles, 注文, 返金) are a fixed vocabulary: what is computed from them may
    be kept across requests (``per_run(keep=names_nobody)``). An unknown word or a proper
    noun may be the customer's name, and is memoised for the request only. Arguments that
    are not words (tags, kinds, ranks) are fixed labels. White space Sudachi tags as such (a
    line break: out of its vocabulary, and in every text) names nobody either.
    """
    nobody = _nobody_words
    for arg in args:
        if isinstance(arg, tuple) and len(arg) == 5 and arg is not EDGE and arg != EDGE:
            if _is_blank(cast("Word", arg)):
                continue
            if arg[3] != "False" or "固有名詞" in arg[2]:
                return False
            # A dictionary word met before is answered by one look-up, not the lexicon's memo.
            if (arg,) not in nobody and not _word_names_nobody(cast("Word", arg)):
                return False
    return True


def _is_blank(word: Word) -> bool:
    """White space, tagged 空白 by Sudachi: no name is made of it."""
    return word[0].isspace() and word[1].startswith("空白")


def _names_nobody(word: Word) -> bool:
    """A dictionary word, no proper noun, and no person's name under any reading."""
    return not (word[3] != "False" or "固有名詞" in word[2] or _can_name_a_person(word[0]))


# Asked of every word of every part a request sums (a few hundred a text): a word found to
# name nobody is kept process-wide (a fixed vocabulary, as the part sums kept for it), and
# then answered by ``names_nobody``'s one look-up; any other word is memoised for its run.
@per_run(keep=_names_nobody, size=65_536)
def _word_names_nobody(word: Word) -> bool:
    return _names_nobody(word)


_nobody_words = kept_table(_word_names_nobody)


@per_run  # asked of every part a word is in (about a dozen): looked up once per run
def _can_name_a_person(surface: str) -> bool:
    """:func:`guardrails.japanese.can_name_a_person` (a request's word: for its run only)."""
    return can_name_a_person(surface)


def _ranked_as_nobody(ranks: Ranks, word: Word) -> bool:
    """Whether ``word`` is a dictionary word that the name table ranks as no one's name.

    Sudachi tags some surnames as common nouns (林, 森): those are never kept.
    """
    return names_nobody(word) and ranks(word[0]) == (NO_RANK, NO_RANK)


@per_run(keep=_ranked_as_nobody)
def _ranks_of(ranks: Ranks, word: Word) -> tuple[int, int]:
    """``ranks`` of the word's surface, kept for dictionary words that name nobody."""
    return ranks(word[0])


def _word(token: TokenLike) -> Word:
    pos = token.pos
    return (token.surface, "/".join(pos[:3]), "/".join(pos[:4]), str(token.oov), token.head)


def _own(word: Word, rule: str, ranks: tuple[int, int]) -> list[str]:
    surface, tag, pos4, oov, head = word
    kind = char_type(surface)
    first, last = _bucket(ranks[0]), _bucket(ranks[1])
    # Which kinds of name JMnedict knows the word as (katakana words only).
    gaz = gazetteer_code(surface) if kind == "kata" else "-"
    return [
        "bias",
        f"w={surface}",
        f"pos={tag}",
        f"pos4={pos4}",
        f"type={kind}",
        f"type+pos={kind}/{tag}",
        f"len={min(len(surface), 6)}/{kind}",
        f"oov={oov}/{kind}",
        f"pre1={surface[0]}/{kind}",
        f"suf1={surface[-1]}/{kind}",
        f"suf2={surface[-2:]}/{kind}",
        f"first={first}/{kind}",
        f"lastname={last}/{kind}",
        f"names={first}/{last}/{tag}",
        f"rule={rule}",
        f"rule+pos={rule}/{tag}",
        f"rule+type={rule}/{kind}",
        f"head={head}/{tag}",
        f"gaz={gaz}",
        f"gaz+pos={gaz}/{tag}",
    ]


def _neighbour(side: str, word: Word) -> list[str]:
    surface, tag, pos4, oov, _ = word
    role = bool(_ROLE.match(surface)) if surface != "EDGE" else False
    return [
        f"{side}={tag}",
        f"{side}4={pos4}",
        f"{side}_w={surface}",
        f"{side}_first={surface[0]}",
        f"{side}_last={surface[-1]}",
        f"{side}_type={char_type(surface)}",
        f"{side}_oov={oov}",
        f"{side}_role={role}",
        f"{side}_gaz={gazetteer_code(surface) if char_type(surface) == 'kata' else '-'}",
    ]


def _far(prev2: Word, next2: Word) -> list[str]:
    return [
        f"prev2={prev2[1]}",
        f"next2={next2[1]}",
        f"prev2_w={prev2[0]}",
        f"next2_w={next2[0]}",
    ]


def _pair(word: Word, prev: Word, nxt: Word) -> list[str]:
    kind = char_type(word[0])
    return [
        f"next_w+type={nxt[0]}/{kind}",
        f"prev_w+type={prev[0]}/{kind}",
        f"around={prev[1]}|{nxt[1]}",
        f"prev4+own={prev[2]}|{word[2]}",
        f"own+next4={word[2]}|{nxt[2]}",
        f"prev_w+pos={prev[0]}/{word[1]}",
        f"next_w+pos={nxt[0]}/{word[1]}",
        f"next_last+pos={nxt[0][-1]}/{nxt[1]}/{kind}",
        f"prev_last+pos={prev[0][-1]}/{prev[1]}/{kind}",
    ]


def _seen(repeat: bool, word: Word) -> list[str]:
    return [f"seen_full={repeat}", f"seen_full+pos={repeat}/{word[1]}"] if repeat else []


def _compound(parts: int, common: int, before: Word, after: Word, known: str = "") -> list[str]:
    if parts < 2:
        return []
    return [
        # The kinds of name the names dictionary knows its parts as (ジェームズ: a person).
        f"compound_gaz={known}",
        f"compound={min(parts, 4)}",
        f"compound_common={min(common, 2)}",
        f"compound_prev={before[1]}",
        f"compound_next={after[1]}",
        f"compound_prev_w={before[0]}",
        f"compound_next_w={after[0]}",
        f"compound_next_last={after[0][-1]}",
    ]


# Words that join the members of a list: 、 and ・ between names, と and や between nouns.
_LIST_JOINERS = frozenset({"、", "・", ",", "と", "や"})


def _listed(side: str, joiner: Word, other: Word, other_rule: str, own: Word) -> list[str]:
    """A list joiner between this word and ``other``: list members are alike (A、B、C).

    Names are often listed (島、池田、桝 or ハンフリーズとパーク); what the other member is
    (its part of speech, its rule verdict, its character type) says what this one is.
    """
    if joiner[0] not in _LIST_JOINERS:
        return []
    kind = char_type(own[0])
    return [
        f"{side}_list={joiner[0]}/{other[1]}",
        f"{side}_list_rule={joiner[0]}/{other_rule}/{kind}",
        f"{side}_list_type={joiner[0]}/{char_type(other[0])}/{kind}",
    ]


def _echo(kinds: frozenset[str], word: Word) -> list[str]:
    """How the same word is used elsewhere in the text (one text names one person alike).

    ``kinds``: the rule verdicts of its other occurrences, and ``last``/``first`` when one of
    them is the last or first part of a katakana ``A・B`` name (マロー after a full
    エドワード・マロー).
    """
    return [f"echo={k}" for k in sorted(kinds)] + [f"echo+pos={k}/{word[1]}" for k in sorted(kinds)]


def echo_kinds(
    tokens: Sequence[TokenLike],
    kinds: Sequence[str],
    compounds: Sequence[tuple[int, int, int]],
    types: Sequence[str] | None = None,
) -> list[frozenset[str]]:
    """Per token, what its other occurrences in the text are (see :func:`_echo`).

    Only words of two characters or more: a one-character word recurs by chance. ``types``:
    each token's :func:`char_type`, when the caller has them.
    """
    types = _char_types(tokens) if types is None else types
    # Counted per word, then each token's own uses taken off: linear in the text's length.
    uses: dict[str, dict[str, int]] = {}
    own: list[tuple[str, ...]] = []
    for i, tok in enumerate(tokens):
        if len(tok.surface) < 2 or types[i] in ("digit", "mixed"):
            own.append(())
            continue
        parts, first, last = compounds[i]
        place = "" if parts < 2 else "last" if i == last else "first" if i == first else ""
        mine = tuple(use for use in (kinds[i], place) if use)
        own.append(mine)
        counts = uses.setdefault(tok.surface, {})
        for use in mine:
            counts[use] = counts.get(use, 0) + 1
    # A word's echoes depend only on its counts and its own uses: each pair answered once.
    answered: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}
    out: list[frozenset[str]] = []
    for i, tok in enumerate(tokens):
        mine = own[i]  # a rule kind and maybe a place in a compound: never the same twice
        seen = uses.get(tok.surface) if mine else None
        if not seen:
            out.append(_NO_ECHO)
            continue
        key = (tok.surface, mine)
        found = answered.get(key)
        if found is None:
            found = answered[key] = frozenset(use for use, n in seen.items() if n > (use in mine))
        out.append(found)
    return out


_NO_ECHO: frozenset[str] = frozenset()


def _listed_name(listed: bool, word: Word) -> list[str]:
    # Part of a person's full name the names dictionary lists (see ``ja_gazetteer``).
    return [f"gaz_full+pos={word[1]}", f"gaz_full+type={char_type(word[0])}"] if listed else []


def _quoted(depth: int, word: Word) -> list[str]:
    # Inside 「」 or 『』 a proper noun is more often a work's or a group's title.
    return [f"quoted+pos={word[1]}"] if depth else []


def quote_depths(tokens: Sequence[TokenLike]) -> list[int]:
    """Per token, how many 「」/『』 quotes it lies inside (the brackets themselves: outside)."""
    out, depth = [], 0
    for tok in tokens:
        if tok.surface in ("」", "』"):
            depth = max(0, depth - 1)
        out.append(depth if tok.surface not in ("「", "『") else 0)
        if tok.surface in ("「", "『"):
            depth += 1
    return out


def compound_kinds(
    tokens: Sequence[TokenLike], compounds: Sequence[tuple[int, int, int]]
) -> list[str]:
    """Per token, the name kinds (``gazetteer_code``) any word of its katakana compound has."""
    out = []
    for parts, first, last in compounds:
        if parts < 2:
            out.append("")
            continue
        codes = {gazetteer_code(t.surface) for t in tokens[first : last + 1 : 2]}
        out.append("".join(sorted(set("".join(codes)) - {"-"})))
    return out


def common_parts(
    tokens: Sequence[TokenLike], compounds: Sequence[tuple[int, int, int]]
) -> list[int]:
    """Per token, how many words of its katakana compound are common nouns Sudachi knows.

    サクラ・レコード or ブルー・ムーン・バンド: a company or a band names itself with
    common words (レコード, バンド); a person's name parts are proper nouns or unknown.
    """
    out = []
    for parts, first, last in compounds:
        if parts < 2:
            out.append(0)
            continue
        out.append(
            sum(
                1
                for t in tokens[first : last + 1 : 2]
                if len(t.pos) > 1 and t.pos[1] == "普通名詞" and not t.oov
            )
        )
    return out


def katakana_compounds(
    tokens: Sequence[TokenLike], types: Sequence[str] | None = None
) -> list[tuple[int, int, int]]:
    """Per token, ``(parts, first index, last index)`` of the ``A・B`` katakana run it is in.

    A foreign name is written as katakana words joined by ``・`` or ``=``; the words before
    and after the whole run (a role, 大臣, a particle) tell a person from a company.
    """
    types = _char_types(tokens) if types is None else types  # each token's char_type
    out = [(1, i, i) for i in range(len(tokens))]
    i = 0
    while i < len(tokens):
        if types[i] != "kata" or tokens[i].surface in ("・", "="):
            i += 1
            continue
        j = i
        while (
            j + 2 < len(tokens)
            and tokens[j + 1].surface in ("・", "=")
            and types[j + 2] == "kata"
            and tokens[j + 2].surface not in ("・", "=")
        ):
            j += 2
        if j > i:
            parts = (j - i) // 2 + 1
            for k in range(i, j + 1):
                out[k] = (parts, i, j)
        i = j + 1
    return out


def surnames_of_full_names(tokens: Sequence[TokenLike]) -> set[str]:
    """Words that open a full name in the text: a 姓 or a name-tagged word before a 名."""
    found: set[str] = set()
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a.end != b.begin or len(a.pos) < 4 or len(b.pos) < 4:
            continue
        if a.pos[2] == "人名" and b.pos[2] == "人名" and b.pos[3] == "名":
            found.add(a.surface)
    return found


def rule_kinds(
    tokens: Sequence[TokenLike], rule_spans: Sequence[tuple[int, int, float]]
) -> list[str]:
    """Per token, the kind of rule span it lies in (``none``, ``tagged``, ``marked``...)."""
    kinds = ["none"] * len(tokens)
    j = 0
    ordered = sorted(rule_spans)
    for i, tok in enumerate(tokens):
        while j < len(ordered) and ordered[j][1] <= tok.begin:
            j += 1
        if j < len(ordered) and ordered[j][0] <= tok.begin and tok.end <= ordered[j][1]:
            kinds[i] = _RULE_KIND.get(ordered[j][2], "tagged")
    return kinds


# One feature part of one token: the function that names its features and its arguments.
Part = tuple[Callable[..., list[str]], tuple[object, ...]]


class TextContext:
    """What a token's features read of the whole text, computed once per text.

    The one source :func:`token_parts` (training) and :meth:`PersonTagger.scores` read.
    """

    __slots__ = (
        "words", "padded", "surnames", "compounds", "common", "known", "depths", "echoes",
        "rules", "listed",
    )  # fmt: skip

    def __init__(self, tokens: Sequence[TokenLike], kinds: Sequence[str]) -> None:
        self.words = [_word(t) for t in tokens]
        self.padded = [EDGE, EDGE, *self.words, EDGE, EDGE]
        self.surnames = surnames_of_full_names(tokens)
        types = _char_types(tokens)
        self.compounds = katakana_compounds(tokens, types)
        self.common = common_parts(tokens, self.compounds)
        self.known = compound_kinds(tokens, self.compounds)
        self.depths = quote_depths(tokens)
        self.echoes = echo_kinds(tokens, kinds, self.compounds, types)
        self.rules = ["none", "none", *kinds, "none", "none"]
        self.listed = full_name_tokens([w[0] for w in self.words])

    def sparse_parts(self, tokens: Sequence[TokenLike], i: int) -> list[Part]:
        """Token ``i``'s parts after its own, neighbours and pairs, in :func:`token_parts`' order.

        Most tokens have none of them (no quote, list, compound, echo): each is named only
        when its test holds, and a part left out is one that names no feature.
        """
        word, padded = self.words[i], self.padded
        prev, nxt = padded[i + 1], padded[i + 3]
        parts, first, last = self.compounds[i]
        found: list[Part] = []
        if self.surnames:
            repeat = _repeats_surname(tokens, i, self.surnames)
            if repeat:
                found.append((_seen, (repeat, word)))
        if parts >= 2:
            found.append(
                (_compound, (parts, self.common[i], padded[first + 1], padded[last + 3],
                             self.known[i]))
            )  # fmt: skip
        if self.depths[i]:
            found.append((_quoted, (self.depths[i], word)))
        if prev[0] in _LIST_JOINERS:
            found.append((_listed, ("prev", prev, padded[i], self.rules[i], word)))
        if nxt[0] in _LIST_JOINERS:
            found.append((_listed, ("next", nxt, padded[i + 4], self.rules[i + 4], word)))
        if self.echoes[i]:
            found.append((_echo, (self.echoes[i], word)))
        if self.listed[i]:
            found.append((_listed_name, (self.listed[i], word)))
        return found


def token_parts(
    tokens: Sequence[TokenLike], kinds: Sequence[str], ranks: Ranks = _no_ranks
) -> Iterator[list[Part]]:
    """Each token's feature parts in turn: the one list training and :class:`PersonTagger` read.

    Yielded token by token: a list of every token's parts held at once kept hundreds of
    thousands of tuples alive in a long text, and the garbage collector's full passes over them
    doubled the tagger's time.
    """
    text = TextContext(tokens, kinds)
    words, padded = text.words, text.padded
    for i, word in enumerate(words):
        prev, nxt = padded[i + 1], padded[i + 3]
        parts, first, last = text.compounds[i]
        yield [
            (_own, (word, kinds[i], _ranks_of(ranks, word))),
            (_neighbour, ("prev", prev)),
            (_neighbour, ("next", nxt)),
            (_far, (padded[i], padded[i + 4])),
            (_pair, (word, prev, nxt)),
            (_seen, (_repeats_surname(tokens, i, text.surnames), word)),
            (
                _compound,
                (parts, text.common[i], padded[first + 1], padded[last + 3], text.known[i]),
            ),
            (_quoted, (text.depths[i], word)),
            (_listed, ("prev", prev, padded[i], text.rules[i], word)),
            (_listed, ("next", nxt, padded[i + 4], text.rules[i + 4], word)),
            (_echo, (text.echoes[i], word)),
            (_listed_name, (text.listed[i], word)),
        ]


def sequence_features(
    tokens: Sequence[TokenLike], kinds: Sequence[str], ranks: Ranks = _no_ranks
) -> list[list[str]]:
    """Feature names of every token (what training reads; :class:`PersonTagger` sums them)."""
    return [
        [feature for part, args in parts for feature in part(*args)]
        for parts in token_parts(tokens, kinds, ranks)
    ]


def _repeats_surname(tokens: Sequence[TokenLike], i: int, surnames: set[str]) -> bool:
    """A word that was a full name's surname, here not followed by a given name."""
    tok = tokens[i]
    if tok.surface not in surnames:
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return not (nxt is not None and len(nxt.pos) >= 4 and nxt.pos[3] == "名")


PERSON = "P"


def is_person(label: str) -> bool:
    """Whether a CRF label is the person kind: ``P``, or ``B-P``/``I-P`` in a BIO scheme."""
    return label.rpartition("-")[2] == PERSON


# Every feature part ``token_parts`` names.
_PARTS: tuple[Callable[..., list[str]], ...] = (
    _own,
    _neighbour,
    _far,
    _pair,
    _listed,
    _seen,
    _compound,
    _quoted,
    _echo,
    _listed_name,
)


# numpy adds fewer values than this one after another, left to right; more, pairwise.
_PAIRWISE_FROM = 8


def _left_sum(row: np.ndarray) -> float:
    """``row`` added left to right, as numpy sums a short row, without a numpy call's overhead.

    Not Python's ``sum``: from 3.12 it compensates its rounding.
    """
    return reduce(add, row.tolist(), 0.0)


def _numpy_sum(row: np.ndarray) -> float:
    """The sum numpy itself gives ``row``."""
    return float(row.sum())


class PersonTagger:
    """Person/other labels for a token sequence: learned weights and marginal probabilities.

    The CRF has one label per entity kind of the training corpus (person, organisation,
    place, facility, product, event, other): knowing what a company or a place looks like
    is what keeps one from being taken for a person. A token's label scores are the sums of
    its features' weight vectors, computed in parts (the token itself, each neighbour, the
    ones two away, the pairs) that are memoised: words and tags repeat, so a long text costs
    a few dictionary look-ups per token. A token is a person token when its marginal
    probability of the person label (forward-backward over the sentence) reaches
    ``threshold``: lower finds more names.
    """

    def __init__(
        self,
        weights: Mapping[str, Sequence[float]],
        transitions: dict[str, float] | None = None,
        threshold: float = 0.5,
        ranks: Ranks = _no_ranks,
        labels: Sequence[str] = (PERSON, "O"),
    ) -> None:
        self.label_names = tuple(labels)
        self.weights = {f: np.asarray(w, dtype=np.float64) for f, w in weights.items()}
        k = len(self.label_names)
        self.transitions = np.zeros((k, k))
        for key, w in (transitions or {}).items():
            a, b = key.split(">")
            self.transitions[self.label_names.index(a), self.label_names.index(b)] = w
        self._exp_transitions = np.exp(self.transitions)
        self.threshold = threshold
        self.ranks = ranks
        # The person label, or its begin and inside labels (``B-P``, ``I-P``) when the
        # model was trained on BIO labels: a token's person probability is their sum.
        self._person = [i for i, name in enumerate(self.label_names) if is_person(name)]
        self._zero = np.zeros(k)
        # Each part's weight sum, memoised: words and tags repeat, so a long text costs a few
        # dictionary look-ups per token. Kept across requests only for dictionary words
        # (``names_nobody``); a name or an unknown word is memoised for its request alone.
        self._summed_parts: dict[Callable[..., list[str]], Callable[..., np.ndarray]] = {
            part: per_run(keep=names_nobody)(self._summed(part)) for part in _PARTS
        }
        self._kept_parts = {part: kept_table(summed) for part, summed in self._summed_parts.items()}
        # Every weighted feature's row in one matrix, and a last row of zeros for a feature
        # without weights: the parts a token shares with no other (the words two away, the
        # pairs) are summed by row index for all tokens at once.
        self._rows = {feature: row for row, feature in enumerate(self.weights)}
        self._matrix = np.zeros((len(self._rows) + 1, k))
        for feature, row in self._rows.items():
            self._matrix[row] = self.weights[feature]
        self._no_row = len(self._rows)
        # A token's pair features (its word with each neighbour's) as rows: a trio of
        # dictionary words recurs across requests (請求書 を お), a trio with a name does not
        # and is memoised for its request alone (``names_nobody``).
        self._pair_rows = per_run(keep=names_nobody)(_rows_of(_pair, self._rows, self._no_row))
        self._kept_pair_rows = kept_table(self._pair_rows)
        # A word's rows as the word two before a token and as the word two after it.
        self._far_rows = per_run(keep=names_nobody)(_rows_of(_far, self._rows, self._no_row))
        self._kept_far_rows = kept_table(self._far_rows)

    def _summed(self, part: Callable[..., list[str]]) -> Callable[..., np.ndarray]:
        weight_of, zero = self.weights.get, self._zero

        def total(*args: object) -> np.ndarray:
            # Left to right from zero, as ever; a feature without weights adds nothing and is
            # skipped: the sum starts at +0.0 and so is never -0.0, for which adding +0.0 is
            # the one float addition that changes a value. Most features of a word have none.
            return sum([w for w in map(weight_of, part(*args)) if w is not None], zero)

        return total

    def _part_sum(self, part: Callable[..., list[str]], args: tuple[object, ...]) -> np.ndarray:
        """One part's weight sum: a sum kept across requests is looked up before the call."""
        found = self._kept_parts[part].get(args)
        return found if found is not None else self._summed_parts[part](*args)

    def _rows_summed(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Per list of feature rows, their weight vectors summed from zero left to right.

        As a part's memoised sum adds them (a row without weights is zeros and changes no
        sum: the sum starts at +0.0 and so is never -0.0), one numpy addition per position
        across all the lists.
        """
        picked = self._matrix[np.array(rows, dtype=np.intp)]  # (lists, features, labels)
        total = np.zeros((len(rows), self._matrix.shape[1]))
        for position in range(picked.shape[1]):
            total += picked[:, position]
        return total

    def scores(self, tokens: Sequence[TokenLike], kinds: Sequence[str]) -> np.ndarray:
        """Each token's label scores, shape ``(tokens, labels)`` (without transitions).

        The parts of :func:`token_parts`, summed in its order and bit for bit as its features'
        weights add up (a test compares them): a word's own part and its parts as a
        neighbour once per distinct word and rule verdict (memoised, kept across requests
        for dictionary words), the words two away and the pairs by feature row for all
        tokens at once, and the rare parts (a quote, a list, a compound, an echo) only for
        the tokens that have them.
        """
        k = len(self.label_names)
        if not tokens:
            return np.zeros((0, k))
        text = TextContext(tokens, kinds)
        # Each distinct word (and the text's edge) numbered once: the parts below are indexed
        # by these numbers, not hashed per token.
        numbers: dict[Word, int] = {EDGE: 0}
        ids = [numbers.setdefault(w, len(numbers)) for w in text.padded]
        distinct = list(numbers)
        own_keys: dict[tuple[int, str], int] = {}
        own_of = [
            own_keys.setdefault((ids[i + 2], kind), len(own_keys)) for i, kind in enumerate(kinds)
        ]
        own = np.array([
            self._part_sum(_own, (distinct[w], kind, _ranks_of(self.ranks, distinct[w])))
            for w, kind in own_keys
        ])  # fmt: skip
        prev = np.array([self._part_sum(_neighbour, ("prev", w)) for w in distinct])
        nxt = np.array([self._part_sum(_neighbour, ("next", w)) for w in distinct])
        n = len(tokens)
        summed: np.ndarray = own[own_of]
        summed += prev[ids[1 : n + 1]]
        summed += nxt[ids[3 : n + 3]]
        summed += self._far_sums(distinct, ids, n)
        summed += self._pair_sums(distinct, ids, n)
        self._add_sparse_parts(summed, tokens, text)
        return summed

    def _feature_rows(self, features: list[str]) -> list[int]:
        row, none = self._rows.get, self._no_row
        return [row(f, none) for f in features]

    def _far_sums(self, distinct: list[Word], ids: list[int], n: int) -> np.ndarray:
        """Each token's :func:`_far` part: the feature rows each word gives as either end."""
        # _far(before, after) names (before's tag, after's tag, before's word, after's word).
        kept, computed = self._kept_far_rows, self._far_rows
        as_before = np.array([kept.get((w, EDGE)) or computed(w, EDGE) for w in distinct], np.intp)
        as_after = np.array([kept.get((EDGE, w)) or computed(EDGE, w) for w in distinct], np.intp)
        numbered = np.array(ids, np.intp)
        before, after = as_before[numbered[:n]], as_after[numbered[4 : n + 4]]
        matrix = self._matrix
        total = np.zeros((n, matrix.shape[1]))
        for rows in (before[:, 0], after[:, 1], before[:, 2], after[:, 3]):
            total += matrix[rows]
        return total

    def _pair_sums(self, distinct: list[Word], ids: list[int], n: int) -> np.ndarray:
        """Each token's :func:`_pair` part, once per distinct (previous, own, next) words."""
        triples: dict[tuple[int, int, int], int] = {}
        index = [
            triples.setdefault((ids[i + 1], ids[i + 2], ids[i + 3]), len(triples)) for i in range(n)
        ]
        kept, computed = self._kept_pair_rows, self._pair_rows
        rows = []
        for p, w, x in triples:
            args = (distinct[w], distinct[p], distinct[x])
            found = kept.get(args)
            rows.append(found if found is not None else computed(*args))
        return self._rows_summed(rows)[index]

    def _add_sparse_parts(
        self, summed: np.ndarray, tokens: Sequence[TokenLike], text: TextContext
    ) -> None:
        """The rare parts added into ``summed`` part by part, in :func:`token_parts`' order."""
        # Per token in its parts' order: its additions happen as the plain sum's would.
        for i in range(len(tokens)):
            for part, args in text.sparse_parts(tokens, i):
                summed[i] += self._part_sum(part, args)

    def person_probabilities(
        self, tokens: Sequence[TokenLike], kinds: Sequence[str]
    ) -> list[float]:
        """Each token's marginal probability of being part of a person's name.

        A particle, auxiliary, verb or other part of speech no name is made of is never a
        person token (so 高畑や宮崎 stays two names).
        """
        return [float(p) for p in self.marginals(tokens, kinds)[:, self._person].sum(axis=1)]

    def marginals(self, tokens: Sequence[TokenLike], kinds: Sequence[str]) -> np.ndarray:
        """Each token's marginal probability of every label, shape ``(tokens, labels)``."""
        if not tokens:
            return np.zeros((0, len(self.label_names)))
        scores = self.scores(tokens, kinds)
        never = [i for i, tok in enumerate(tokens) if tok.pos[0] in _NEVER_NAME]
        scores[np.ix_(never, self._person)] = -1e9
        return self._marginals(scores)

    def _marginals(self, scores: np.ndarray) -> np.ndarray:
        """Every label's marginal at each position (forward-backward, rescaled at each step)."""
        n = len(scores)
        expo = np.exp(scores - scores.max(axis=1, keepdims=True))
        trans = self._exp_transitions
        alpha = np.empty_like(expo)
        beta = np.empty_like(expo)
        alpha[0] = expo[0] / expo[0].sum()
        # Each step is written into its row (no new arrays), and a row's labels, when fewer
        # than eight, are summed left to right in Python, as numpy sums so few: every value is
        # bit for bit what ``a = (a @ trans) * expo[t]; a /= a.sum()`` gave, at half the cost
        # (a test compares them). Eight or more numpy sums pairwise: its own sum then.
        total = _left_sum if expo.shape[1] < _PAIRWISE_FROM else _numpy_sum
        for t in range(1, n):
            row = alpha[t]
            np.dot(alpha[t - 1], trans, out=row)
            row *= expo[t]
            row /= total(row)
        beta[n - 1] = 1.0
        scaled = np.empty(expo.shape[1])
        for t in range(n - 2, -1, -1):
            row = beta[t]
            np.multiply(expo[t + 1], beta[t + 1], out=scaled)
            np.dot(trans, scaled, out=row)
            row /= total(row)
        both = alpha * beta
        return np.asarray(both / both.sum(axis=1, keepdims=True))

    def labels(self, tokens: Sequence[TokenLike], kinds: Sequence[str]) -> list[bool]:
        """Per token, whether it is part of a person's name (marginal >= ``threshold``)."""
        return [p >= self.threshold for p in self.person_probabilities(tokens, kinds)]

    def spans(
        self, tokens: Sequence[TokenLike], rule_spans: Sequence[tuple[int, int, float]]
    ) -> list[tuple[int, int]]:
        """Name spans: runs of person tokens (joined across a ``・`` between two of them)."""
        person = self.labels(tokens, rule_kinds(tokens, rule_spans))
        spans: list[tuple[int, int]] = []
        for i, tok in enumerate(tokens):
            if not person[i]:
                continue
            joined = (
                spans
                and i >= 2
                and person[i - 2]
                and tokens[i - 1].surface in ("・", "=")
                and tokens[i - 1].end == tok.begin
            )
            if spans and (spans[-1][1] == tok.begin or joined):
                spans[-1] = (spans[-1][0], tok.end)
            else:
                spans.append((tok.begin, tok.end))
        return spans


def _rows_of(
    part: Callable[..., list[str]], rows: Mapping[str, int], no_row: int
) -> Callable[..., tuple[int, ...]]:
    """``part``'s features as weight-matrix rows (``no_row`` for a feature without weights)."""
    row = rows.get

    def feature_rows(*args: object) -> tuple[int, ...]:
        return tuple([row(f, no_row) for f in part(*args)])

    return feature_rows


@lru_cache(maxsize=1)
def _weights() -> dict[str, object] | None:
    path = resources.files("guardrails.pii") / WEIGHTS_FILE
    if not path.is_file():
        return None
    loaded: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def tagger_from(model: dict[str, object], ranks: Ranks = _no_ranks) -> PersonTagger:
    """A tagger from an exported model (the JSON the training script writes)."""
    labels = model["labels"]
    weights, transitions = model["weights"], model["transitions"]
    assert isinstance(labels, list) and isinstance(weights, dict)
    assert isinstance(transitions, dict)
    index = {name: i for i, name in enumerate(labels)}
    dense: dict[str, list[float]] = {}
    for feature, sparse in weights.items():
        vector = [0.0] * len(labels)
        for name, w in sparse.items():
            vector[index[name]] = w
        dense[feature] = vector
    threshold = model.get("threshold", 0.5)
    assert isinstance(threshold, float | int)
    return PersonTagger(dense, transitions, float(threshold), ranks, labels)


def load_tagger(ranks: Ranks = _no_ranks) -> PersonTagger | None:
    """The shipped tagger reading name ranks from ``ranks``; ``None`` without weights."""
    loaded = _weights()
    return None if loaded is None else tagger_from(loaded, ranks)

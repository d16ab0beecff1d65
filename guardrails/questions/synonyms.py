"""Synonym tokens for matching an ask with its answer, from SudachiPy's synonym dictionary.

Japanese words the customer and the reply spell differently meet through Sudachi's synonym
groups (解約/キャンセル, 使う/利用) and a verb meets the noun made from it through their shared
kanji (届く/お届け): each becomes a ``≈<group>`` or ``〜<kanji>`` token beside the content terms.
English synonyms are folded to shared concepts in ``guardrails.terms``; an English word whose
lemma the light stemmer cannot reach (sent/send, paid/pay, bought/buy, children/child) meets it
through the lemminflect lexicon: its lemma's terms become the word's tokens. A noun made from a
verb (renewal/renew, deletion/delete, verification/verify) meets the verb the same way: its
suffix is undone and kept only when the lexicon knows the result as a verb.

English words the customer and the reply choose differently ("cost"/"price", "pause"/"freeze",
"husband"/"partner") meet through a table derived from WordNet 3.0, shipped beside this module
(``en_synonyms.tsv.gz``, built by ``benchmarks/wordnet_synonyms_build.py``; licence in
``en_synonyms.LICENSE``): an ask word's synonyms, and the wider words of its first noun sense,
become its tokens, so a reply naming one of them holds the ask word. WordNet's phrases are
in the table as one token each ("call_off" for "cancel", "right_away" for "immediately"; see
``phrase_terms``), and so are its pertainyms, both ways ("yearly" / "year"). An adjective of
what can be done meets its verb like a noun made from one ("washable" / "wash").

A narrower word also says the wider one it falls under, one way only: a reply naming Saturday
and Sunday answers an ask about weekends (「土曜日」 one about 「土日」), but an ask about
Saturday is not answered by a sentence about the weekend (``hypernym_terms``).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from guardrails.japanese import content_words, kanji_stem, tokenize
from guardrails.language import JAPANESE
from guardrails.run_memo import per_run
from guardrails.terms import content_terms, en_terms, is_ja_stop_word
from guardrails.text.word_class import is_known_word

_EN_WORD = re.compile(r"[A-Za-z]{3,}")
EN_SYNONYMS_PATH = Path(__file__).with_name("en_synonyms.tsv.gz")


def _table_rows(path: Path) -> Iterator[tuple[str, str, str]]:
    """The rows of the WordNet table file: (lemma, synonyms, wider words), space-separated.

    The one reader of the file; a missing file has no rows. Not cached: each table built
    from it is (``wordnet_table``, ``_compound_heads``), and keeping the raw rows beside them
    would hold the file twice in every worker's memory.
    """
    if not path.exists():
        return
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            lemma, synonyms, wider = line.rstrip("\n").split("\t")
            yield lemma, synonyms, wider


@lru_cache(maxsize=1)
def wordnet_table(path: Path = EN_SYNONYMS_PATH) -> dict[str, tuple[str, ...]]:
    """Lemma -> the words a reply may use for it (WordNet synonyms, then its wider words).

    Loaded once, when first needed; a missing table leaves the judge as it was without it.
    """
    return {
        lemma: tuple((synonyms + " " + wider).split())
        for lemma, synonyms, wider in _table_rows(path)
    }


@per_run(keep=is_known_word)
def wordnet_terms(word: str) -> frozenset[str]:
    """The content terms of the words WordNet gives for ``word`` (any of its lemmas).

    A stop word has none; the word's own terms are left out ("pause" -> "freez", "break", ...).
    """
    from lemminflect import getAllLemmas

    own = en_terms(word)
    if not own:
        return frozenset()
    table = wordnet_table()
    lower = word.lower()
    lemmas = {lower} | {lemma for forms in getAllLemmas(lower).values() for lemma in forms}
    out: set[str] = set()
    for lemma in lemmas:
        for other in table.get(lemma, ()):
            out |= _tokens_of(other)
    return frozenset(out - own)


def _tokens_of(word: str) -> set[str]:
    """A table word's tokens: its terms, or itself for a phrase ("call_off", see below)."""
    return {word} if "_" in word else en_terms(word)


@lru_cache(maxsize=1)
def _phrases() -> frozenset[str]:
    """The table's multiword lemmas ("call_off", "right_away")."""
    return frozenset(k for k in wordnet_table() if "_" in k)


_WORDS = re.compile(r"[a-z]+")


@per_run(keep=is_known_word)
def _base_forms(word: str) -> frozenset[str]:
    from lemminflect import getAllLemmas

    return frozenset({word} | {lemma for forms in getAllLemmas(word).values() for lemma in forms})


@per_run
def phrase_terms(text: str) -> frozenset[str]:
    """The table's multiword lemmas that ``text`` says, as one token each.

    WordNet names one sense by a phrase ("call off" is "cancel", "right away" "immediately"):
    a reply saying "we've called off the order" holds ``call_off``, which the ask word
    "cancel" lists among its synonyms. The phrase's first word may be inflected ("called").
    """
    phrases = _phrases()
    if not phrases or not _EN_WORD.search(text):
        return frozenset()
    words = _WORDS.findall(text.lower())
    out: set[str] = set()
    for i, first in enumerate(words):
        for n in (2, 3):
            if i + n > len(words):
                break
            rest = "_".join(words[i + 1 : i + n])
            for base in _base_forms(first):
                if f"{base}_{rest}" in phrases:
                    out.add(f"{base}_{rest}")
    return frozenset(out)


# Noun-forming suffixes and the verb endings they replace, longest first.
_DERIVATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ication", ("y",)),
    ("ation", ("ate", "e", "")),
    ("ition", ("", "ite")),
    ("ion", ("e", "")),
    ("ment", ("",)),
    ("al", ("e", "")),
    ("ance", ("e", "")),
    ("ence", ("e", "")),
    # an adjective of what can be done says the verb: "machine washable" / "wash it cool"
    ("able", ("e", "")),
    ("ible", ("e", "")),
)
# A shorter stem is too often a different word ("final" is no "fine", "total" no "tote").
_MIN_STEM = 4


def _agent_verb(noun: str) -> str | None:
    """The verb an agent noun is made from ("editor" -> "edit", "driver" -> "drive").

    Only for a word the lexicon does not list as a verb itself ("order", "number", "cover"
    are verbs and stay as they are), and only a verb the lexicon knows.
    """
    from lemminflect import getAllLemmas

    if not noun.endswith(("er", "or")) or len(noun) < 5 or "VERB" in getAllLemmas(noun):
        return None
    stem = noun[:-2]
    candidates = [stem + "e", stem] if noun.endswith("er") else [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])  # shopper -> shop
    return next((c for c in candidates if len(c) >= 4 and "VERB" in getAllLemmas(c)), None)


def _verb_of(noun: str) -> str | None:
    """The verb a noun is made from ("renewal" -> "renew"), when the lexicon knows it."""
    from lemminflect import getAllLemmas

    agent = _agent_verb(noun)
    if agent is not None:
        return agent
    for suffix, endings in _DERIVATIONS:
        stem = noun[: -len(suffix)]
        if noun.endswith(suffix) and (len(stem) >= _MIN_STEM or suffix == "ition"):
            for ending in endings:
                if "VERB" in getAllLemmas(stem + ending):
                    return stem + ending
            return None
    return None


@per_run(keep=is_known_word)
def _lemma_terms(word: str) -> frozenset[str]:
    """The terms of ``word``'s lemmas that its own terms lack ("sent" -> the terms of "send")."""
    from lemminflect import getAllLemmas  # its lexicon loads once, when first needed

    own = en_terms(word)
    if not own:
        return frozenset()  # a stop word stays one whatever its lemma
    lemmas = {lemma for forms in getAllLemmas(word.lower()).values() for lemma in forms}
    # the verb a noun is made from, for the word and its singular ("movers" -> "move")
    verbs = {_verb_of(form) for form in {word.lower(), *lemmas}}
    lemmas |= {verb for verb in verbs if verb is not None}
    out: set[str] = set()
    for lemma in lemmas - {word.lower()}:
        out |= en_terms(lemma)
    return frozenset(out - own)


@per_run
def lemma_terms(text: str) -> frozenset[str]:
    """The lemma terms of the English words in ``text`` that their stems do not reach."""
    out: set[str] = set()
    for word in _EN_WORD.findall(text):
        out |= _lemma_terms(word)
    return frozenset(out)


# A humble visit: we come (「本日16時に担当者が伺います」「係の者が参ります」). 伺う also
# means to hear or ask: after を (「ご要望を伺います」) or で (「お電話で伺います」: asked by
# phone, 「メールで伺います」) it comes nowhere, nor in a sentence that names what it is about
# (「症状について担当者が伺います」, see ``says_humble_visit``). 参ります after て is the stock
# closing 「努めて参ります」「検討して参ります」 (to go on doing), no visit.
_JA_HUMBLE_VISIT = re.compile(
    r"(?<![をで])お?伺(?:います|う|いいたします|いします|えます|える|わせていただきます)(?!か)|"
    r"(?<!て)参(?:ります|る|れます)(?!か)"
)
_ABOUT_A_TOPIC = re.compile(r"について|につき|に関して|に関し")
# how far back in its sentence a visit looks for what it is about: a bounded look keeps a long
# run of visits linear
_ABOUT_REACH = 40


def says_humble_visit(text: str) -> bool:
    """True when ``text`` says in the humble form that we come (a visit, not a hearing).

    One source: the judge reads it as an undertaking of ours, ``synonym_terms`` as come/go.
    """
    for m in _JA_HUMBLE_VISIT.finditer(text):
        before = text[max(0, m.start() - _ABOUT_REACH) : m.start()]
        sentence = re.split(r"[。！？!?\n]", before)[-1]
        if not _ABOUT_A_TOPIC.search(sentence):
            return True
    return False


# Keigo verbs that replace a plain verb by another word (suppletion), not by an ending: a reply
# says 「担当者が伺います」 where the ask said 「見に来てもらえますか」. Sudachi groups neither
# with its plain verb, and 伺 is a stop word (伺いたい asks), so each names its plain verbs' own
# terms here. A closed class of the language, not phrases of any corpus: the humble and the
# honorific forms of come/go/visit, see, say, eat/drink and know.
_KEIGO_VERBS = (
    (re.compile(r"いらっしゃ|お越し|訪問"), ("来", "行")),
    (re.compile(r"拝見|ご覧"), ("見",)),
    (re.compile(r"申し(?:上げ)?(?:ます|まし)"), ("言",)),
    (re.compile(r"召し上が"), ("食", "飲")),
    (re.compile(r"存じ"), ("知",)),
)


# Days named from today, in their plain and formal words: a reply says 「本日伺えます」 where
# the ask said 「今日中に来て」. Sudachi groups neither pair; a closed class of the language.
_DAYS_FROM_TODAY = {
    "今日": "today",
    "本日": "today",
    "きょう": "today",
    "明日": "tomorrow",
    "あす": "tomorrow",
    "あした": "tomorrow",
    "昨日": "yesterday",
    "きのう": "yesterday",
    "さくじつ": "yesterday",
}


def _day_tokens(form: str) -> set[str]:
    """The day token of a word naming a day from today (今日, 本日 -> ``≈today``)."""
    day = _DAYS_FROM_TODAY.get(form)
    return {f"≈{day}"} if day else set()


def _day_words(text: str) -> list[str]:
    """The words of ``text`` naming a day from today, each a morpheme of its own.

    A kanji bigram of a longer word is no day: 明日香 (a name) holds 明日 but is one word.
    Only words that are content terms of ``text`` count, as the terms are what windows hold.
    """
    terms = set(content_terms(text))
    return [
        m.surface()
        for _, m in tokenize(text)
        if m.surface() in _DAYS_FROM_TODAY and m.surface() in terms
    ]


@per_run
def synonym_terms(text: str) -> frozenset[str]:
    """The synonym-group and kanji-stem tokens of the Japanese words in ``text``.

    A suppletive keigo verb also holds the terms of the plain verbs it stands for.
    """
    if not JAPANESE.search(text):
        return frozenset()
    out: set[str] = {
        term for pattern, terms in _KEIGO_VERBS if pattern.search(text) for term in terms
    }
    if says_humble_visit(text):
        out |= {"来", "行"}
    for term in _day_words(text):
        out |= _day_tokens(term)
    for word in content_words(text):
        if is_ja_stop_word(word.form):
            continue  # 予定, 方法: their synonyms carry no more topic than they do
        out.update(f"≈{group}" for group in word.synonyms)
        stem = kanji_stem(word.form)
        if stem is not None:
            out.add(f"〜{stem}")
    return frozenset(out)


@per_run
def word_synonyms(text: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Per content word of ``text``: its content terms and its synonym (or lemma) tokens.

    A window holding one of a word's synonym tokens holds that word, spelled differently:
    "bought" is held by a window saying "buy".
    """
    out = []
    for word in _EN_WORD.findall(text):
        lemma = _lemma_terms(word)
        if lemma:
            out.append((frozenset(en_terms(word)), lemma))
    if not JAPANESE.search(text):
        return tuple(out)
    for word in content_words(text):
        if is_ja_stop_word(word.form):
            continue
        tokens = {f"≈{group}" for group in word.synonyms}
        stem = kanji_stem(word.form)
        if stem is not None:
            tokens.add(f"〜{stem}")
        terms = frozenset(content_terms(word.form))
        if tokens and terms:
            out.append((terms, frozenset(tokens)))
    # a day named from today is an adverb to Sudachi, no content word: read from its morphemes
    out.extend((frozenset({term}), frozenset(_day_tokens(term))) for term in _day_words(text))
    return tuple(out)


@per_run
def wordnet_synonyms(text: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Per English content word of ``text``: its content terms and its WordNet tokens.

    Kept apart from ``word_synonyms`` because a word held only under a WordNet synonym is
    weaker evidence than the word itself or its lemma: the judge weighs it less.
    """
    out = []
    for word in _EN_WORD.findall(text):
        tokens = wordnet_terms(word)
        if tokens:
            out.append((frozenset(en_terms(word)), tokens))
    table = wordnet_table()
    for phrase in phrase_terms(text):
        # the ask's phrase ("straight off", "call off") is held by a single-word synonym
        tokens = frozenset(t for other in table.get(phrase, ()) for t in _tokens_of(other))
        terms = frozenset(en_terms(phrase.replace("_", " ")))
        if tokens and terms:
            out.append((terms, tokens - terms))
    return tuple(out)


@lru_cache(maxsize=1)
def _compound_heads(path: Path = EN_SYNONYMS_PATH) -> dict[str, frozenset[str]]:
    """Lemma -> the heads of the compound wider words of its first noun sense.

    A compound's head names its kind: a "contract" is a "written agreement", so an
    agreement; a "fee" is a "fixed charge", so a charge. Only a compound's head is kept: a
    wider word said in one word is too often a loose class ("result" -> "phenomenon").
    """
    out: dict[str, frozenset[str]] = {}
    for lemma, _, wider in _table_rows(path):
        heads = frozenset(w.rsplit("_", 1)[1] for w in wider.split() if "_" in w)
        if heads and "_" not in lemma:
            out[lemma] = heads
    return out


@per_run(keep=is_known_word)
def _kind_terms(word: str) -> frozenset[str]:
    """The terms of the kinds ``word`` (or its lemma) is, by its compound wider words."""
    own = en_terms(word)
    if not own:
        return frozenset()
    heads = _compound_heads()
    out: set[str] = set()
    for lemma in _base_forms(word.lower()):
        for head in heads.get(lemma, ()):
            out |= en_terms(head)
    return frozenset(out - own)


@per_run
def kind_terms(text: str) -> frozenset[str]:
    """The terms of the kinds the English words of ``text`` are ("contract" -> agreement).

    A reply naming the narrower thing names the wider one the ask may use: "I've emailed the
    signed contract" sends the rental agreement asked for.
    """
    out: set[str] = set()
    for word in _EN_WORD.findall(text):
        out |= _kind_terms(word)
    return frozenset(out)


# Narrower words and the wider word each falls under (the wider word's own content term). Days
# are the case a support lead meets every day: opening hours, delivery days, support hours.
_EN_HYPERNYMS: dict[str, str] = {
    **{day: "weekend" for day in ("saturday", "sunday", "saturdays", "sundays")},
    **{
        day: "weekday"
        for base in ("monday", "tuesday", "wednesday", "thursday", "friday")
        for day in (base, base + "s")
    },
}
_JA_HYPERNYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("土曜", ("土日", "週末")),
    ("日曜", ("土日", "週末")),
    ("月曜", ("平日",)),
    ("火曜", ("平日",)),
    ("水曜", ("平日",)),
    ("木曜", ("平日",)),
    ("金曜", ("平日",)),
)


@per_run
def hypernym_terms(text: str) -> frozenset[str]:
    """The content terms of the wider words that the narrower words in ``text`` fall under."""
    out: set[str] = set()
    for word in _EN_WORD.findall(text.lower()):
        wider = _EN_HYPERNYMS.get(word)
        if wider is not None:
            out |= en_terms(wider)
    if JAPANESE.search(text):
        for narrow, wider_words in _JA_HYPERNYMS:
            if narrow in text:
                for wider_word in wider_words:
                    out |= content_terms(wider_word)
    return frozenset(out)


# Small counts spelled out, as a reply writes them ("a table for six") where the ask wrote the
# digit ("book for 6"). Not "one": a pronoun as often as a count ("a new one").
_COUNT_WORDS = {
    word: value
    for value, word in enumerate(
        "two three four five six seven eight nine ten eleven twelve".split(), start=2
    )
}
_COUNT_WORD = re.compile(rf"\b(?:{'|'.join(_COUNT_WORDS)})\b", re.IGNORECASE)


def count_terms(text: str) -> frozenset[str]:
    """The number terms (``#6``) of the counts ``text`` spells out, as a digit's term reads."""
    return frozenset(f"#{_COUNT_WORDS[m.group(0).lower()]}" for m in _COUNT_WORD.finditer(text))

"""Text plumbing for the offline drafter: KB prose lines, sentences, and matching terms.

Terms are what the drafter compares a question with a KB sentence on: light-stemmed
English words, and SudachiPy content words for Japanese (short units, from the shared
tokenizer in ``guardrails.japanese``), so "refunds"/"refunded" and "ご請求"/"請求書" meet.
``bigram_terms`` is the tokenizer-free alternative a caller may inject.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from guardrails.japanese import content_terms, kanji_stem, synonym_groups
from guardrails.language import HIRAGANA, KANA, KANJI
from guardrails.run_memo import memoised
from guardrails.sentences import sentence_texts
from guardrails.terms import en_terms
from guardrails.text.word_class import is_only_adverb

TermFn = Callable[[str], Iterable[str]]
SynonymFn = Callable[[str], Iterable[int]]

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_MD_LINK = re.compile(r"\[([^\]]+)\]\((\S+?)\)")
_MD_MARK = re.compile(r"(\*\*|__|`)")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_IDENTIFIER = re.compile(r"^(?=.*[a-z])(?=.*\d)[a-z0-9]{5,}$")  # "2fa" is an acronym
_DIGIT_ACRONYM = re.compile(r"^\d[a-z]{2,3}$")
_EN_ACRONYM = re.compile(r"\b([0-9]?[A-Z]{2,4})s?\b")
_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_CJK_RUN = re.compile(f"[{KANA}{KANJI}]+")
_LATIN_RUN = re.compile(r"[A-Za-z0-9]+")
# A verb or adjective written kanji + okurigana ("入れる", "送る"): its kanji stem.
_KANJI_STEM = re.compile(f"^([{KANJI}]+)[{HIRAGANA}]+$")
_ALL_KANJI = re.compile(f"^[{KANJI}]{{2,}}$")

# Function words and support small talk: they match everywhere and would make any article
# look relevant to any question.
_EN_STOP = frozenset(
    """a about above after again all also am an and any are as at be been before being
    below but by can could did do does doing done for from get got had has have having he
    her here hers him his how i if in into is it its just know let like may me might more
    most my need no not now of off on once only or other our out over own please same she
    should so some still such tell than thank thanks that the their them then there these
    they this those through to too under until up very want was way we were what when where
    which while who whom why will with would yes you your yours hi hello dear regards also
    able possible question questions help anyone something anything else really take takes
    took taking find found can't cannot won't doesn't don't isn't didn't wasn't aren't
    couldn't work works worked working wonder wondering wondered ago certain""".split()
)
# Words about the help text itself ("is there a page that explains returns?"): what the page
# is about is the topic, and citing the article answers the question.
_EN_META = frozenset(
    "page pages article articles explain explains explained information info detail details "
    "documentation doc docs guide".split()
)
# "how long" / "how much" ask for a figure; "long" and "much" are not what the question is about.
_EN_HOW_WHAT = re.compile(r"\bhow\s+(?:long|much|many|often|soon|far)\b", re.IGNORECASE)
_JA_STOP = frozenset(
    "こと もの 方 場合 方法 教える 可能 問い合わせ 質問 件 よう ため 際 お願い 願う "
    "今回 様 私 弊社 御社 貴社 確認 いかが 何 どう どの 頂く 下さる 為る 居る 有る 成る "
    "出来る 致す 知る 条件".split()
)


def prose_lines(markdown: str) -> list[str]:
    """Return the readable lines of a Markdown article: no front matter, headings or tables."""
    body = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"))
    lines = []
    for raw in body.split("\n"):
        line = raw.strip()
        if not line or line.startswith(("#", "|", "```", ">")):
            continue
        line = _MD_LINK.sub(r"\1 (\2)", _LIST_MARK.sub("", line))
        lines.append(_MD_MARK.sub("", line).strip())
    return [line for line in lines if line]


def article_sentences(body: str) -> list[str]:
    """Return every sentence of a Markdown article body, in document order.

    Each prose line is split by ``guardrails.sentences``, the one splitter for both languages.
    """
    return [s for line in prose_lines(body) for s in sentence_texts(line)]


def english_terms(text: str) -> frozenset[str]:
    """Return the content terms of English ``text``.

    Terms are ``guardrails.terms.en_terms`` (stems and support synonyms, shared with the answer
    judge), less the words no article is about.
    """
    folded = text.lower().replace("’", "'")
    words = [w.removesuffix("'s") for w in _EN_WORD.findall(_EN_HOW_WHAT.sub(" ", folded))]
    # An adverb ("actually", "quickly") says how, not what the question is about.
    # A code mixing letters and digits ("SPRING20", "A1B2") identifies the customer's case;
    # it names no topic (and a stemmer would cut it into "spr" + "20").
    kept = " ".join(
        w
        for w in words
        if w not in _EN_STOP
        and w not in _EN_META
        and len(w) > 1
        and not is_only_adverb(w)
        and not _IDENTIFIER.match(w)
    )
    # An acronym as written ("2FA", "SSO") is one term, met by the phrase it stands for.
    acronyms = {a.lower() for a in _EN_ACRONYM.findall(text)}
    acronyms |= {w for w in words if _DIGIT_ACRONYM.match(w)}  # "2fa" written lower-case
    return frozenset(t.removeprefix("#") for t in en_terms(kept)) | acronyms


def bigram_terms(text: str) -> frozenset[str]:
    """Return character bigrams of the CJK runs plus Latin words: Japanese without a tokenizer."""
    grams = {run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)}
    return frozenset(grams) | english_terms(" ".join(_LATIN_RUN.findall(text)))


def japanese_terms(text: str) -> list[str]:
    """Return the SudachiPy content words of Japanese ``text`` (the process-wide tokenizer)."""
    return [t for t in content_terms(text) if t not in _JA_STOP and (len(t) > 1 or t.isascii())]


class TermMatcher:
    """Turns text into comparable terms for one reply language."""

    def __init__(self, japanese: TermFn | None = None, synonyms: SynonymFn | None = None) -> None:
        """``japanese`` extracts Japanese terms; ``synonyms`` gives a term's synonym groups.

        Both default to SudachiPy (``guardrails.japanese``); an injected ``japanese`` without
        ``synonyms`` matches terms only as written.
        """
        self._japanese = japanese or japanese_terms
        if synonyms is None and japanese is None:
            synonyms = synonym_groups
        self._synonyms = synonyms

    def terms(self, text: str, language: str) -> frozenset[str]:
        """Return the content terms of ``text`` read as ``language``.

        Memoised for the request's run only (``run_memo``): the texts are the customer's
        asks as well as articles. An article's terms are kept with its vocabulary, which the
        offline drafter caches by the article's content.
        """
        key = ("offline-terms", self, language, text)
        return memoised(key, lambda: self._compute(text, language))

    def align(self, wanted: frozenset[str], vocabulary: frozenset[str]) -> frozenset[str]:
        """Rewrite ``wanted`` terms into ``vocabulary``'s words where they mean the same.

        A Japanese term the article lacks is replaced by an article word of the same Sudachi
        synonym group ("使う" -> 利用, "解約" -> キャンセル), or by a Sino-Japanese compound
        built on the verb's kanji ("入れる" -> 入力), or by the verb or noun sharing its kanji
        ("届く" -> 届ける of お届け, "払い" -> 払う). Other terms are returned unchanged.
        """
        swaps = self.swaps(wanted, vocabulary)
        if not swaps:
            return wanted
        return frozenset(swaps.get(t, t) for t in wanted)

    def swaps(self, wanted: frozenset[str], vocabulary: frozenset[str]) -> dict[str, str]:
        """The rewrites ``align`` makes: wanted term -> the article word that means the same."""
        missing = [t for t in wanted if t not in vocabulary and not t.isascii()]
        return {t: w for t in missing if (w := self._equivalent(t, vocabulary)) is not None}

    def _equivalent(self, term: str, vocabulary: frozenset[str]) -> str | None:
        candidates = sorted(w for w in vocabulary if not w.isascii())
        if self._synonyms is not None:
            groups = set(self._synonyms(term))
            if groups:
                for word in candidates:
                    if groups.intersection(self._synonyms(word)):
                        return word
        stem = _KANJI_STEM.match(term)
        if stem:
            for word in candidates:
                if _ALL_KANJI.match(word) and word.startswith(stem.group(1)):
                    return word
        # A verb and the noun made from it ("届く"/"届ける", "払い"/"払う") share their kanji.
        shared = kanji_stem(term)
        if shared is not None:
            for word in candidates:
                if kanji_stem(word) == shared:
                    return word
        return None

    def _compute(self, text: str, language: str) -> frozenset[str]:
        if language != "ja":
            return english_terms(text)
        latin = english_terms(" ".join(_LATIN_RUN.findall(text)))
        return frozenset(self._japanese(text)) | latin

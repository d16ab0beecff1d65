"""Choosing what the offline drafter says: the best article and sentences for each question.

An article answers a question when it contains enough of the question's terms (coverage);
its sentences are ranked by overlap with the question, then with the rest of the customer's
message. A question asking "how" prefers step-by-step sentences, one asking "how much"
prefers sentences with figures. Below the coverage threshold the question is left pending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.backends.base import DraftInputs, Passage
from service.backends.offline_text import TermMatcher, article_sentences
from service.backends.offline_topics import Topic, restate
from service.backends.offline_voice import apply_glossary

_STEPS_WANTED = {
    "en": re.compile(r"^(?:\w+,\s*)?how (?:do|can|could|should|to|would)\b", re.IGNORECASE),
    "ja": re.compile(r"方法|どうすれば|どこから|どこで|手順|やり方|どのように"),
}
_STEPS_GIVEN = {
    "en": re.compile(r"(^To |\bgo to\b|\bclick\b| > )", re.IGNORECASE),
    "ja": re.compile(r"( > |クリック|から.*(?:変更|設定|お手続き|行え|できます))"),
}
_FIGURES_WANTED = {
    "en": re.compile(r"\b(how much|how long|price|prices|cost|costs|fee|fees|pricing)\b", re.I),
    "ja": re.compile(r"料金|価格|費用|いくら|金額|手数料|何日|どのくらい|期間"),
}
_DIGIT = re.compile(r"\d")
# A sentence opening with one of these leans on the sentence before it ("Keep them safe").
_ANAPHOR = {
    "en": re.compile(r"^(?:\w+\s+){0,2}(?:it|they|them|this|these|those|that)\b", re.I),
    "ja": re.compile(r"^(?:これ|それ|その|この|こちら)"),
}
_NEEDS = {
    "en": re.compile(
        r"\b(send us|reply (?:to [\w ]+ )?with|include (?:your|the)|provide (?:your|the|us)|"
        r"you(?:'ll| will) need to|please have)\b",
        re.IGNORECASE,
    ),
    "ja": re.compile(
        r"お送りください|ご送付ください|お知らせください|ご用意ください|ご記載ください"
    ),
}
_NEGATED = {
    "en": re.compile(r"\b(never|do not|don't|cannot|can't)\b", re.IGNORECASE),
    "ja": re.compile(r"ないでください|になりません|お控えください"),
}


# A question with fewer terms than this ("How do I sign in now?") borrows the sentence
# before it ("I lost my phone and can't get the 2FA code.") to know what it is about.
_THIN_QUESTION = 3
# What follows "without" (or comes before 〜ずに) is what must not happen: still relevant,
# but the sentences to copy are those about the main request.
_NEGATED_CLAUSE = {
    "en": re.compile(r"\s*\b(?:without|instead of|rather than|but not)\b.*$", re.IGNORECASE),
    "ja": re.compile(r"^.*?(?:せずに|ずに|ないで)、?"),
}
_SENTENCE_BREAK = re.compile(r"(?<=[.!?。？！])\s*|\n+")


@dataclass(frozen=True)
class Answer:
    """What the drafter found for one question: the article and sentences, or nothing."""

    topic: Topic
    passage: Passage | None
    sentences: tuple[str, ...]
    need: str | None = None  # a relevant article sentence on what the customer must send


@dataclass(frozen=True)
class _Candidate:
    key: tuple[float, int, int, int, int]  # coverage, best sentence score, -rank
    matched: int
    passage: Passage
    sentences: tuple[str, ...]
    scores: tuple[tuple[int, int, int], ...]  # per sentence: focus + intent, question, context


@dataclass(frozen=True)
class _Wanted:
    all: frozenset[str]  # the question's terms (plus its lead-in when the question is thin)
    focus: frozenset[str]  # the main clause's terms: not "without changing my domain name"
    context: frozenset[str]  # the rest of the customer's message: breaks ties


class AnswerFinder:
    """Finds, per question, the best-matching passage and the sentences to copy from it."""

    def __init__(self, terms: TermMatcher, min_coverage: float, max_sentences: int) -> None:
        self._terms = terms
        self.min_coverage = min_coverage
        self.max_sentences = max_sentences

    def answers(self, inputs: DraftInputs) -> list[Answer]:
        """Return one answer per question, in order (one for the message if none were asked)."""
        used: set[str] = set()
        if not inputs.questions:
            return [self._answer(inputs.latest_customer_text, Topic("", False), inputs, used)]
        return [
            self._answer(q, restate(q, inputs.language, inputs.glossary), inputs, used)
            for q in inputs.questions
        ]

    @staticmethod
    def need_sentence(answers: list[Answer]) -> str | None:
        """Return the first article sentence saying what the customer must send, if not said."""
        said = {s for a in answers for s in a.sentences}
        needs = [a.need for a in answers if a.need and a.need not in said]
        return needs[0] if needs else None

    def _answer(self, question: str, topic: Topic, inputs: DraftInputs, used: set[str]) -> Answer:
        language = inputs.language
        # The glossary maps the customer's words to the brand's, which the KB is written in.
        official = apply_glossary(question, inputs.glossary)
        wanted = self._terms.terms(official, language)
        if len(wanted) < _THIN_QUESTION:
            lead_in = _sentence_before(question, inputs.latest_customer_text)
            wanted |= self._terms.terms(apply_glossary(lead_in, inputs.glossary), language)
        focus = self._terms.terms(_main_clause(official, language), language) or wanted
        latest = apply_glossary(inputs.latest_customer_text, inputs.glossary)
        terms = _Wanted(wanted, focus, self._terms.terms(latest, language) - wanted)
        best: _Candidate | None = None
        for rank, passage in enumerate(inputs.passages):
            candidate = self._candidate(question, terms, passage, rank, language)
            if candidate is not None and (best is None or candidate.key > best.key):
                best = candidate
        if best is None or not self._answers_well(best, len(wanted)):
            return Answer(topic, None, ())
        relevant = self._relevant(best)
        chosen = self._pick_sentences(best, relevant, used, language)
        used.update(chosen)
        return Answer(topic, best.passage, chosen, _need(best, relevant, chosen, language))

    def _candidate(
        self,
        question: str,
        wanted: _Wanted,
        passage: Passage,
        rank: int,
        language: str,
    ) -> _Candidate | None:
        if not wanted.all:
            return None
        sentences = tuple(article_sentences(passage.body, language))
        sentence_terms = [self._terms.terms(s, language) for s in sentences]
        covered = self._terms.terms(passage.title, language).union(*sentence_terms)
        matched = len(wanted.all & covered)
        scores = tuple(
            (
                _question_score(question, sentence, len(wanted.focus & terms), language),
                len(wanted.all & terms),
                len(wanted.context & terms),
            )
            for sentence, terms in zip(sentences, sentence_terms, strict=True)
        )
        best = max(scores, default=(0, 0, 0))
        key = (matched / len(wanted.all), *best, -rank)
        return _Candidate(key, matched, passage, sentences, scores)

    def _answers_well(self, candidate: _Candidate, wanted: int) -> bool:
        # Two matched terms at least (one if the question has only one), so a single common
        # word such as "account" does not make an unrelated article look like an answer.
        enough_terms = candidate.matched >= min(2, wanted)
        return enough_terms and candidate.key[0] >= self.min_coverage and candidate.key[1] > 0

    @staticmethod
    def _relevant(candidate: _Candidate) -> list[int]:
        """Indices of the sentences worth copying, best first."""
        scores = candidate.scores
        floor = max(1, (max(scores)[0] + 1) // 2)
        return sorted(
            (i for i, score in enumerate(scores) if score[0] >= floor),
            key=lambda i: (-scores[i][0], -scores[i][1], -scores[i][2], i),
        )

    def _pick_sentences(
        self, candidate: _Candidate, ranked: list[int], used: set[str], language: str
    ) -> tuple[str, ...]:
        fresh = [i for i in ranked if candidate.sentences[i] not in used] or ranked
        chosen = set(fresh[: self.max_sentences])
        anaphor = _ANAPHOR["ja" if language == "ja" else "en"]
        # A chosen sentence that says "them"/"これ" brings the sentence it refers back to.
        chosen |= {i - 1 for i in chosen if i > 0 and anaphor.match(candidate.sentences[i])}
        # Back to document order, so the copied sentences read as the article wrote them.
        return tuple(candidate.sentences[i] for i in sorted(chosen))


def _question_score(question: str, sentence: str, overlap: int, language: str) -> int:
    """Overlap with the question, plus one when the sentence has the kind of answer asked for."""
    if overlap == 0:
        return 0
    lang = "ja" if language == "ja" else "en"
    wants_steps = _STEPS_WANTED[lang].search(question) and _STEPS_GIVEN[lang].search(sentence)
    wants_figures = _FIGURES_WANTED[lang].search(question) and _DIGIT.search(sentence)
    return overlap + (1 if wants_steps or wants_figures else 0)


def _sentence_before(question: str, text: str) -> str:
    """Return the statement just before ``question`` in its paragraph ("" if none)."""
    index = text.find(question)
    if index <= 0:
        return ""
    paragraph = re.split(r"\n\s*\n", text[:index])[-1]  # a blank line starts a new topic
    before = [s.strip() for s in _SENTENCE_BREAK.split(paragraph) if s.strip()]
    # A question before it is a question of its own, not context for this one.
    return before[-1] if before and not before[-1].endswith(("?", "？")) else ""


def _main_clause(question: str, language: str) -> str:
    """Return ``question`` without its "without …" / "〜ずに" clause."""
    return _NEGATED_CLAUSE["ja" if language == "ja" else "en"].sub("", question)


def _need(
    candidate: _Candidate, relevant: list[int], chosen: tuple[str, ...], language: str
) -> str | None:
    """Return a relevant, not yet copied sentence asking the customer to send something."""
    lang = "ja" if language == "ja" else "en"
    for i in sorted(relevant):
        sentence = candidate.sentences[i]
        if sentence in chosen or _NEGATED[lang].search(sentence):
            continue
        if _NEEDS[lang].search(sentence):
            return sentence
    return None

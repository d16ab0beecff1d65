"""``offline``: the deterministic drafter, default when no model is configured, and the fallback.

It composes a reply from the request's facts (``DraftInputs``) the way DIGEST says a good
agent writes one: greeting by name, a second line on the specific matter, one answer block
per question in order (sentences copied from the best-matching KB article, cited by title
and URL), an explicit pending line where no article answers, what the customer must send,
a close-the-loop line and the agent's sign-off. It copies facts only from the passages,
so it never invents a figure, link or promise; and it never touches the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.backends.base import Completion, DraftInputs, ModelRequest, Passage
from service.backends.offline_phrases import Phrases, phrases_for
from service.backends.offline_text import TermFn, TermMatcher, article_sentences
from service.backends.offline_topics import Topic, restate, seems_upset, subject_topic
from service.backends.offline_voice import (
    address_name,
    apply_glossary,
    greeting_line,
    intro_line,
    sign_off_lines,
)

_NEEDS = {
    "en": re.compile(
        r"\b(send us|reply with|include (?:your|the)|provide (?:your|the|us)|attach|"
        r"we(?:'ll| will)? need|you(?:'ll| will) need|please have)\b",
        re.IGNORECASE,
    ),
    "ja": re.compile(
        r"(お送りください|ご送付ください|お知らせください|ご提供ください|"
        r"ご用意ください|添付してください|ご記載ください)"
    ),
}


@dataclass(frozen=True)
class Answer:
    """What the drafter found for one question: the article and sentences, or nothing."""

    topic: Topic
    passage: Passage | None
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class _Candidate:
    key: tuple[float, int, int]  # (coverage, best sentence overlap, -rank): higher is better
    matched: int
    passage: Passage
    sentences: tuple[str, ...]
    overlaps: tuple[int, ...]


class OfflineBackend:
    """Deterministic, network-free drafter composing replies from KB passages (EN and JA)."""

    name = "offline"
    local = True  # nothing leaves the process

    def __init__(
        self,
        *,
        pending_days: int | None = 2,
        min_coverage: float = 0.5,
        max_sentences: int = 2,
        japanese_terms: TermFn | None = None,
    ) -> None:
        """Configure the drafter.

        Args:
            pending_days: business days promised in the "we are checking" line; ``None``
                writes the line without a time frame (no deadline for guardrails to flag).
            min_coverage: share of a question's terms an article must contain to answer it.
            max_sentences: most sentences copied from an article per question.
            japanese_terms: term extraction for Japanese (share the pipeline's SudachiPy);
                default SudachiPy, built lazily on first Japanese request.
        """
        self.pending_days = pending_days
        self.min_coverage = min_coverage
        self.max_sentences = max_sentences
        self._terms = TermMatcher(japanese_terms)

    async def complete(self, request: ModelRequest) -> Completion:
        """Return the composed draft; token counts are 0 and cost is ``None``."""
        return Completion(text=self.compose(request.inputs), model=self.name)

    def compose(self, inputs: DraftInputs) -> str:
        """Compose the reply text for ``inputs`` (same inputs, same text)."""
        phrases = phrases_for(inputs.language)
        answers = self.answers(inputs)
        parts = [self._opening(inputs, phrases)]
        parts += [self._block(i, a, len(answers), inputs, phrases) for i, a in enumerate(answers)]
        parts += self._closing(inputs, answers, phrases)
        return "\n\n".join(part for part in parts if part) + "\n"

    def answers(self, inputs: DraftInputs) -> list[Answer]:
        """Return one answer per question, in order (one for the message if none were asked)."""
        used: set[str] = set()
        if not inputs.questions:
            return [self._answer(inputs.latest_customer_text, None, inputs, used)]
        glossary = inputs.glossary
        return [
            self._answer(q, restate(q, inputs.language, glossary), inputs, used)
            for q in inputs.questions
        ]

    # --- choosing what to say -------------------------------------------------------------

    def _answer(
        self, question: str, topic: Topic | None, inputs: DraftInputs, used: set[str]
    ) -> Answer:
        language = inputs.language
        wanted = self._terms.terms(question, language)
        wanted |= self._terms.terms(apply_glossary(question, inputs.glossary), language)
        label = topic or Topic("", False)
        best = self._best_candidate(wanted, inputs.passages, language)
        if best is None or not self._answers_well(best, len(wanted)):
            return Answer(label, None, ())
        chosen = self._pick_sentences(best, used)
        used.update(chosen)
        return Answer(label, best.passage, chosen)

    def _best_candidate(
        self, wanted: frozenset[str], passages: tuple[Passage, ...], language: str
    ) -> _Candidate | None:
        best: _Candidate | None = None
        for rank, passage in enumerate(passages):
            candidate = self._candidate(wanted, passage, rank, language)
            if candidate is not None and (best is None or candidate.key > best.key):
                best = candidate
        return best

    def _candidate(
        self, wanted: frozenset[str], passage: Passage, rank: int, language: str
    ) -> _Candidate | None:
        if not wanted:
            return None
        sentences = tuple(article_sentences(passage.body, language))
        sentence_terms = [self._terms.terms(s, language) for s in sentences]
        covered = self._terms.terms(passage.title, language).union(*sentence_terms)
        matched = len(wanted & covered)
        overlaps = tuple(len(wanted & terms) for terms in sentence_terms)
        key = (matched / len(wanted), max(overlaps, default=0), -rank)
        return _Candidate(key, matched, passage, sentences, overlaps)

    def _answers_well(self, candidate: _Candidate, wanted: int) -> bool:
        # Two matched terms at least (one if the question has only one), so a single common
        # word such as "account" does not make an unrelated article look like an answer.
        enough_terms = candidate.matched >= min(2, wanted)
        return enough_terms and candidate.key[0] >= self.min_coverage and candidate.key[1] > 0

    def _pick_sentences(self, candidate: _Candidate, used: set[str]) -> tuple[str, ...]:
        top = max(candidate.overlaps)
        floor = max(1, (top + 1) // 2)
        ranked = sorted(
            (i for i, n in enumerate(candidate.overlaps) if n >= floor),
            key=lambda i: (-candidate.overlaps[i], i),
        )
        fresh = [i for i in ranked if candidate.sentences[i] not in used] or ranked
        # Back to document order, so the copied sentences read as the article wrote them.
        chosen = sorted(fresh[: self.max_sentences])
        return tuple(candidate.sentences[i] for i in chosen)

    # --- writing it -----------------------------------------------------------------------

    def _opening(self, inputs: DraftInputs, phrases: Phrases) -> str:
        name = address_name(inputs.customer_name, inputs.language)
        greeting = greeting_line(name, inputs.greeting, phrases)
        intro = intro_line(inputs.agent_name, inputs.agent_title, inputs.brand, phrases)
        lines = [line for line in (intro, self._acknowledgement(inputs, phrases)) if line]
        return greeting + "\n\n" + "\n".join(lines)

    def _acknowledgement(self, inputs: DraftInputs, phrases: Phrases) -> str:
        topic = subject_topic(inputs.subject, inputs.language, inputs.glossary)
        upset = seems_upset(
            f"{inputs.subject or ''}\n{inputs.latest_customer_text}", inputs.language
        )
        if upset:
            return phrases.ack_sorry_about.format(topic=topic) if topic else phrases.ack_sorry
        return phrases.ack_thanks_about.format(topic=topic) if topic else phrases.ack_thanks

    def _block(
        self, index: int, answer: Answer, count: int, inputs: DraftInputs, phrases: Phrases
    ) -> str:
        lines = [self._label(index, answer.topic, count)] if answer.topic.text else []
        if answer.passage is None:
            lines.append(self._pending(phrases))
        else:
            if not answer.topic.text:
                lines.append(phrases.no_question_lead)
            lines.append(_join_sentences(answer.sentences, inputs.language))
            lines.append(_read_more(answer.passage, phrases))
        return "\n".join(lines)

    @staticmethod
    def _label(index: int, topic: Topic, count: int) -> str:
        end = "" if topic.text.endswith(("について", "?", "？")) else ":"
        return f"{index + 1}. {topic.text}{end}" if count > 1 else f"{topic.text}{end}"

    def _pending(self, phrases: Phrases) -> str:
        if self.pending_days is None:
            return phrases.pending_open
        return phrases.pending_in_days.format(days=self.pending_days)

    def _closing(self, inputs: DraftInputs, answers: list[Answer], phrases: Phrases) -> list[str]:
        extra = [self._need_line(inputs, answers, phrases)]
        if inputs.attachments:
            extra.append(_attachments_line(inputs.attachments, inputs.language))
        if inputs.channel == "social":
            extra.append(phrases.social_private)
        pending = any(a.passage is None for a in answers)
        extra.append(phrases.close_pending if pending else phrases.close_done)
        body = "\n".join(line for line in extra if line)
        sign = sign_off_lines(
            inputs.agent_name,
            inputs.agent_title,
            inputs.brand,
            inputs.sign_off,
            phrases,
            inputs.language,
        )
        return [body, "\n".join(sign)]

    def _need_line(self, inputs: DraftInputs, answers: list[Answer], phrases: Phrases) -> str:
        pattern = _NEEDS.get(inputs.language, _NEEDS["en"])
        said = {s for a in answers for s in a.sentences}
        for answer in answers:
            if answer.passage is None:
                continue
            for sentence in article_sentences(answer.passage.body, inputs.language):
                if sentence not in said and pattern.search(sentence):
                    return phrases.need_from_you.format(sentence=sentence)
        return ""


def _join_sentences(sentences: tuple[str, ...], language: str) -> str:
    return ("" if language == "ja" else " ").join(sentences)


def _read_more(passage: Passage, phrases: Phrases) -> str:
    if passage.url:
        return phrases.read_more.format(title=passage.title, url=passage.url)
    return phrases.read_more_no_url.format(title=passage.title)


def _attachments_line(filenames: tuple[str, ...], language: str) -> str:
    listed = ", ".join(filenames)
    if language == "ja":
        return f"添付ファイル（{listed}）もあわせてご確認ください。"
    return f"I've attached {listed} for your reference."

"""``offline``: the deterministic drafter, default when no model is configured, and the fallback.

It composes a reply from the request's facts (``DraftInputs``) the way DIGEST says a good
agent writes one: greeting by name, a second line on the specific matter, one answer block
per question in order (sentences copied from the best-matching KB article, cited by title
and URL), an explicit pending line where no article answers, what the customer must send,
a close-the-loop line and the agent's sign-off. It copies facts only from the passages,
so it never invents a figure, link or promise; and it never touches the network. A message
that only thanks us gets thanks back and a close, no answer block and no promise. What it
restates from the customer (questions, the subject) goes through the injected PII finder
first, so personal data in the customer's text is never copied into the draft.
"""

from __future__ import annotations

from dataclasses import replace

from guardrails.text.greeting import address_name
from guardrails.text.mood import customer_upset
from service.backends.base import Completion, DraftInputs, ModelRequest, Passage, SavedReplyStart
from service.backends.offline_phrases import Phrases, phrases_for
from service.backends.offline_saved_reply import (
    FillValues,
    completed_sign_off,
    fill_placeholders,
    saved_reply_parts,
)
from service.backends.offline_scrub import PiiFinder, Scrubber
from service.backends.offline_select import Answer, AnswerFinder, only_thanks
from service.backends.offline_soften import soften
from service.backends.offline_text import TermFn, TermMatcher
from service.backends.offline_topics import Topic, subject_topic
from service.backends.offline_voice import (
    greeting_line,
    intro_line,
    sign_off_lines,
    team_label,
)

__all__ = ["Answer", "OfflineBackend"]

# What a customer should never send us in the clear; the reply asks them not to (DIGEST).
_SECRET_TYPES = frozenset({"CREDIT_CARD", "PASSWORD", "JP_MY_NUMBER", "US_SSN"})


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
        find_pii: PiiFinder | None = None,
    ) -> None:
        """Configure the drafter.

        Args:
            pending_days: business days promised in the "we are checking" line; ``None``
                writes the line without a time frame (no deadline for guardrails to flag).
            min_coverage: share of a question's terms an article must contain to answer it.
            max_sentences: most sentences copied from an article per question.
            japanese_terms: term extraction for Japanese; default the process-wide SudachiPy
                tokenizer of ``guardrails.japanese`` (``offline_text.bigram_terms`` needs none).
            find_pii: ``(text, language) -> [(type, start, end), ...]``, the personal data in
                the customer's text (the service passes its PII engine); restated questions
                and subjects are scrubbed of it. ``None``: no scrubbing (unit tests).
        """
        self.pending_days = pending_days
        self.scrub = Scrubber(find_pii)
        self.finder = AnswerFinder(
            TermMatcher(japanese_terms), min_coverage, max_sentences, self.scrub
        )

    async def complete(self, request: ModelRequest) -> Completion:
        """Return the composed draft; token counts are 0 and cost is ``None``."""
        return Completion(text=self.compose(request.inputs), model=self.name)

    def compose(self, inputs: DraftInputs) -> str:
        """Compose the reply text for ``inputs`` (same inputs, same text)."""
        phrases = phrases_for(inputs.language, inputs.channel)
        if inputs.saved_reply is not None:
            return self._from_saved_reply(inputs, inputs.saved_reply, phrases)
        answers = self.answers(inputs)
        parts = [self._opening(inputs, phrases)]
        parts += [self._block(i, a, len(answers), inputs, phrases) for i, a in enumerate(answers)]
        parts += self._closing(inputs, answers, phrases)
        return "\n\n".join(part for part in parts if part) + "\n"

    def answers(self, inputs: DraftInputs) -> list[Answer]:
        """Return one answer per question, in order (one for the message if none were asked)."""
        return self.finder.answers(inputs)

    def _from_saved_reply(
        self, inputs: DraftInputs, saved: SavedReplyStart, phrases: Phrases
    ) -> str:
        """The team's saved reply, filled and kept, with answers for the asks it leaves open."""
        fill = FillValues(inputs.language, inputs.customer_name, inputs.agent_name, inputs.brand)
        parts = saved_reply_parts(fill_placeholders(saved.body, fill), inputs.language)
        open_asks = tuple(inputs.questions[i] for i in saved.uncovered if i < len(inputs.questions))
        answers = self.answers(replace(inputs, questions=open_asks)) if open_asks else []
        name = address_name(inputs.customer_name, inputs.language)
        # A saved reply with its own greeting opens in the team's words; without one, the
        # drafter writes the opening (greeting and the line on the customer's matter).
        opening = (
            [parts.greeting]
            if parts.greeting
            else [
                greeting_line(name, inputs.greeting, phrases),
                self._acknowledgement(inputs, phrases),
            ]
        )
        lines = [*opening, parts.body]
        lines += [self._block(i, a, len(answers), inputs, phrases) for i, a in enumerate(answers)]
        extras, sign = self._closing(inputs, answers, phrases, own_close=False)
        team = team_label(inputs.brand, inputs.agent_title, inputs.language)
        own_sign = parts.sign_off and completed_sign_off(
            parts.sign_off, inputs.agent_name, team, inputs.language
        )
        lines += [extras, own_sign or sign]
        return "\n\n".join(line for line in lines if line) + "\n"

    # --- writing it -----------------------------------------------------------------------

    def _opening(self, inputs: DraftInputs, phrases: Phrases) -> str:
        name = address_name(inputs.customer_name, inputs.language)
        greeting = greeting_line(name, inputs.greeting, phrases)
        intro = intro_line(inputs.agent_name, inputs.agent_title, inputs.brand, phrases)
        lines = [line for line in (intro, self._acknowledgement(inputs, phrases)) if line]
        return greeting + "\n\n" + "\n".join(lines)

    def _acknowledgement(self, inputs: DraftInputs, phrases: Phrases) -> str:
        if not inputs.questions and only_thanks(inputs.latest_customer_text, inputs.language):
            return phrases.ack_kind_words
        subject = self.scrub(inputs.subject, inputs.language) if inputs.subject else None
        topic = subject_topic(subject, inputs.language, inputs.glossary)
        upset = customer_upset(inputs.subject, inputs.latest_customer_text, inputs.language)
        if upset:
            return phrases.ack_sorry_about.format(topic=topic) if topic else phrases.ack_sorry
        return phrases.ack_thanks_about.format(topic=topic) if topic else phrases.ack_thanks

    def _block(
        self, index: int, answer: Answer, count: int, inputs: DraftInputs, phrases: Phrases
    ) -> str:
        number = f"{index + 1}. " if count > 1 else ""
        if answer.passage is None:
            return number + self._pending(answer.topic, inputs.language, phrases)
        lines = [number + _label(answer.topic)] if answer.topic.text else [phrases.no_question_lead]
        copied = tuple(soften(s, inputs.language) for s in answer.sentences)
        # On chat, one sentence a line: chat lines stay short (channel register).
        joiner = "\n" if inputs.channel == "chat" else _joiner(inputs.language)
        lines.append(joiner.join(copied))
        lines.append(_read_more(answer.passage, phrases))
        return "\n".join(lines)

    def _pending(self, topic: Topic, language: str, phrases: Phrases) -> str:
        # One sentence naming the question and saying it is being checked, so a reader (and
        # the coverage judge) sees at once which question is pending.
        days = self.pending_days
        if not topic.text:
            return (
                phrases.pending_open if days is None else phrases.pending_in_days.format(days=days)
            )
        when = phrases.when_open if days is None else phrases.when_in_days.format(days=days)
        return phrases.pending_about.format(topic=_inline_topic(topic, language), when=when)

    def _closing(
        self,
        inputs: DraftInputs,
        answers: list[Answer],
        phrases: Phrases,
        *,
        own_close: bool = True,
    ) -> list[str]:
        """Extra lines and the close (``own_close`` False: a pending close only), and sign-off."""
        extra = [self._need_line(answers, phrases)]
        if inputs.attachments:
            extra.append(_attachments_line(inputs.attachments, inputs.language))
        if inputs.channel == "social":
            extra.append(phrases.social_private)
        if self.scrub.types(inputs.latest_customer_text, inputs.language) & _SECRET_TYPES:
            extra.append(phrases.shared_secret)
        pending = any(a.passage is None for a in answers)
        if not own_close:
            # A saved reply closes in the team's words; only say what is still pending.
            extra.append(phrases.close_pending if pending else "")
        elif not answers:
            extra.append(phrases.close_kind_words)
        else:
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

    def _need_line(self, answers: list[Answer], phrases: Phrases) -> str:
        sentence = self.finder.need_sentence(answers)
        return phrases.need_from_you.format(sentence=sentence) if sentence else ""


def _label(topic: Topic) -> str:
    """The block's heading: the restated question, with a colon unless it is a question."""
    end = "" if topic.text.endswith(("について", "?", "？")) else ":"
    return topic.text + end


def _inline_topic(topic: Topic, language: str) -> str:
    """The restated question inside a sentence: "…につきましては" / "whether we ship …."."""
    text = topic.text
    if language == "ja":
        return text.removesuffix("について") + "につきましては"
    first = text.split()[0] if text.split() else ""
    if not (first.isupper() or first[1:2].isupper()):
        text = text[:1].lower() + text[1:]
    return text if text.endswith("?") else text + "."


def _joiner(language: str) -> str:
    return "" if language == "ja" else " "


def _read_more(passage: Passage, phrases: Phrases) -> str:
    if passage.url:
        return phrases.read_more.format(title=passage.title, url=passage.url)
    return phrases.read_more_no_url.format(title=passage.title)


def _attachments_line(filenames: tuple[str, ...], language: str) -> str:
    listed = ", ".join(filenames)
    if language == "ja":
        return f"添付ファイル（{listed}）もあわせてご確認ください。"
    return f"I've attached {listed} for your reference."

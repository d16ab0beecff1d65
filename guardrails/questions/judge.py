"""Decide, per question, whether the draft answers it (answered | partial | missing | pending).

The default judge is offline and lexical: it scores each draft sentence (and each pair of
adjacent sentences) by the share of the question's content terms it contains, and, where a
KB article answers the question, by the share of that answer's own terms it contains (so
"How long does shipping take?" is answered by "It arrives in 5-7 business days").

A request to act ("Can you refund the duplicate charge?") is answered by doing it (an act, an
offer as the ``commitment`` guardrail reads one, a refusal, steps), not by a policy statement on
its topic; a sentence naming only the ask's focus must give the form the ask wants (steps for
"how do I start a return"), and so must a KB sentence to count as the ask's answer.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from guardrails.base import QuestionAssessment, QuestionStatus, Span
from guardrails.context import Article, GuardrailContext
from guardrails.follow_up import (
    ANSWER_COMING_EN,
    DEFERRAL_JA,
    FIND_OUT_EN,
    FOLLOW_UP_EN,
    one_sentence_a_line,
    promises_reply_in_lines,
)
from guardrails.japanese import content_words, is_verbal_noun, modifies_as_prefix, verb_kanji
from guardrails.kb_cache import DerivedCache, kb_key
from guardrails.language import JAPANESE, KANJI, KATAKANA, normalise_width
from guardrails.questions.align import align_left_over, align_sole
from guardrails.questions.answer_types import (
    ASKS_WHO,
    JA_NO_WORD,
    JA_YES_WORD,
    NO_WORD,
    POLAR_ANSWER,
    VALUE_TYPES,
    YES_WORD,
    asked_types,
    clauses,
    is_polar,
    linked_types,
    place_by_menu_only,
    polar_in_form,
    restates_head,
    says_it_depends,
    says_neither,
    stands_for,
    supplied_types,
    takes_a_stand,
    told_in_past,
    type_share,
)
from guardrails.questions.antecedent import resolved, speaks_of_another
from guardrails.questions.echo import answer_candidates, deferral_under_echo, frames_by_thanks
from guardrails.questions.extract import Question, asks_in, points_back
from guardrails.questions.focus import AskFocus, ask_focus, yes_no_shape
from guardrails.questions.instructed import asks_what_to_do, instructs_asked_act
from guardrails.questions.patterns import LIST_MARKER, WHAT_NEXT
from guardrails.questions.slot_fit import (
    alternatives,
    asks_span,
    either_will_do,
    leaves_the_choice_open,
    names_the_choice,
    other_place,
    supplies_span,
    without_named_acts,
)
from guardrails.questions.synonyms import (
    count_terms,
    hypernym_terms,
    kind_terms,
    lemma_terms,
    phrase_terms,
    says_humble_visit,
    synonym_terms,
    word_synonyms,
    wordnet_synonyms,
)
from guardrails.run_memo import per_run
from guardrails.sentences import Sentence, split_sentences, unwrap_soft_breaks
from guardrails.terms import content_terms
from guardrails.verify.commitment import Commitment

PENDING = re.compile(
    r"(?:we(?:'re| are) (?:checking|looking into|investigating|confirming)|"
    r"(?:i|we)(?:'ve| have) (?:passed|forwarded|escalated|raised)|"
    # asking a colleague is waiting for their answer: "I've asked our stock team whether ..."
    r"(?:i|we)(?:'ve| have) (?:asked|contacted|messaged|emailed) (?:our|the|a) [\w ]{0,30}?"
    # (whole words: the "if" inside "certificate" asks nobody anything)
    r"\b(?:whether|if|to (?:check|look|investigate|confirm|find out|review))\b|"
    # opening an investigation is looking into it: "I've opened a trace with the courier"
    r"(?:opened|lodged|filed|started|logged) an? (?:trace|investigation|ticket|case|claim|"
    r"inquiry|enquiry|query)|"
    r"(?:i|we)(?:'ve| have) sent (?:it|this|that|your [\w ]{1,20}) (?:on )?to (?:our|the)|"
    # a team's act still to come, not a description of the team: "our team will contact you",
    # "the billing team is reviewing it", not "our support team is available 8 am to 8 pm"
    r"(?:our|the) [\w ]{0,20}team(?:'ll| will (?!be\b)| will be (?:in touch|\w+ing\b)|"
    r" (?:is|are) (?:(?:now|currently|already|still|going to)\s+)?"
    r"(?!(?:some|no|any|every)thing\b)\w+ing\b)|"
    # our next message still to come, in follow_up's one list of its words
    # (a third party's call on its way, "they'll ring you before they arrive", is no deferral)
    rf"(?:will|we'll|i'll) (?:{FOLLOW_UP_EN}|confirm)|(?:'ll|to) {ANSWER_COMING_EN}|"
    r"looking into|checking (?:this|with|on)|still investigating|under investigation|"
    rf"{DEFERRAL_JA}|担当(?:部署|部門|者|チーム)(?:で|に|へ|より|から))",
    re.IGNORECASE,
)
# A promise of news when the customer's own thing moves on ("we'll text you when she's ready",
# "I'll email you once it ships"): news of an event, which defers an ask whose answer the reply
# does not give, but not one it gives beside the promise. News of our own finding out ("once
# we know", "when the team has an answer") is an answer still owed, not an event.
_NOTICE_ON_EVENT = re.compile(
    r"\b(?:will|'ll)\s+(?:update\s+you|let\s+you\s+know|"
    r"(?:message|email|e-mail|text|call|ring|phone)\s+you)\s+(?:again\s+)?"
    r"(?:when|once|as\s+soon\s+as|the\s+moment)\s+(?:it|she|he|they|your|the)\b"
    r"(?![^.;!?]*\b(?:know|hear|heard|answer|update|news|decid\w*|decision|review\w*|"
    r"confirm\w*|check\w*|reply|result|outcome|find|found|approv\w*)\b)[^.;!?]*",
    re.IGNORECASE,
)
ANSWERED_SCORE = 0.5
# An ask word the window holds only under a WordNet synonym counts this share of its weight:
# "partners" for "husband" is likely the same thing, not surely.
SYNONYM_WEIGHT = 0.75
PARTIAL_SCORE = 0.25
# A KB sentence must share this much of the question's weight to count as its answer.
KB_MATCH_SCORE = 0.5
# Matching this many of the KB answer's own terms counts as a full match.
KB_ANSWER_TERMS = 3
# A reply act that settles an ask: a completed action ("I've issued the refund", "All taken
# care of", 「返金手続きをいたしました」), an offer or a yes/no answer ("Yes, we can definitely
# offer you an extension", 「はい、可能です」), or a refusal ("Unfortunately we can't ... as ...",
# 「申し訳ございませんが…承っておりません」). With some of the ask's topic in the same window it
# answers a request or a problem report, and a yes/no question.
# A completed act of ours: "I've"/"we have", a participle, not an act that hands the ask on
# ("I've passed this to ..."). Shared by ANSWER_ACT and ``_DONE`` below.
_WE_HAVE = r"(?:i|we)(?:'ve|\s+have)\s+"
_HANDED_ON = r"passed|forwarded|escalated|raised|asked"
_PARTICIPLE = r"\w+(?:ed|en|t|ne|de)\b"
ANSWER_ACT = re.compile(
    rf"\b(?:{_WE_HAVE}(?:(?:just|now|already|also|since|then|actually|\w+ly|"
    rf"gone\s+ahead\s+and)\s+){{0,2}}(?!{_HANDED_ON}|(?:opened|lodged|filed|"
    r"started|logged)\s+an?\s+(?:trace|investigation|ticket|case|claim|inquiry|enquiry|query))"
    rf"{_PARTICIPLE}|"
    r"(?:has|have)\s+(?:(?:now|already|also|just)\s+)?been\s+\w+|"
    # an offer: "I can pop one in the post today", "we'd be happy to swap it", "I'll update it"
    r"(?:i|we)\s*(?:can|could|'ll|will|'d\s+be\s+(?:happy|glad)\s+to|would\s+be\s+(?:happy|glad)\s+to|"
    r"(?:am|'m|are|'re)\s+(?:happy|glad)\s+to)\s+(?:(?:also|gladly|happily|definitely|certainly|"
    # ... but a promise to reply later or to find out first is a deferral ("we'll get back to
    # you", "I'll write back"): follow_up's lists of those verbs
    rf"just|now|(?!{FOLLOW_UP_EN})\w+ly)\s+)?(?!{FOLLOW_UP_EN}|{FIND_OUT_EN}|get\s+back|come\s+back|let\s+you|"
    r"keep\s+you|look|investigat|chase|contact)\w+|"
    # ... an arrangement made: "A technician is booked for tomorrow", "a new card is ordered"
    r"(?:is|are)\s+(?:now\s+|already\s+|all\s+)?(?:booked|scheduled|arranged|ordered|reserved|"
    r"rebooked|credited|reversed|repaired|replaced)\b|"
    r"(?:is|are)\s+(?:now\s+)?(?:cancel+ed|done|sorted|fixed|closed|updated|changed|refunded|"
    r"resolved|complete|completed|on\s+(?:its|their)\s+way)|all\s+(?:taken\s+care\s+of|done|"
    r"sorted|set)|taken\s+care\s+of|^(?:yes|yep|sure|absolutely|of\s+course|certainly|no)\b|"
    r"^\W*(?:done|sorted|consider\s+it\s+done)\b|"
    r"we\s+can\s+(?:definitely\s+|certainly\s+)?\w+|you\s+can\s+\w+|"
    r"unfortunately|i'?m\s+afraid|we\s+(?:can't|cannot|can\s+not|are\s+unable|'re\s+unable|"
    r"don't|do\s+not|won't)|not\s+(?:able|possible)|(?:i|we)\s+don't\s+need|you\s+don't\s+need)|"
    r"(?:いたしました|致しました|しました|完了(?:しました|いたしました)|済み(?:です|で[、,]?|となって)|ました[。!！]?$|"
    rf"^(?:{JA_YES_WORD}|{JA_NO_WORD})|(?:可能です|できます|いただけます|(?<!ありがとう)ございます)(?!か)|"
    r"申し訳(?:ございません|ありません)が|かねます|承っておりません|できません)",
    re.IGNORECASE,
)


class QuestionJudge(Protocol):
    """Assesses how a draft deals with each customer question."""

    name: str

    def assess(
        self, questions: list[Question], draft: str, ctx: GuardrailContext
    ) -> list[QuestionAssessment]:
        """Return one assessment per question, in the same order."""
        ...


@dataclass(frozen=True)
class _Window:
    start: int
    end: int
    terms: set[str]


def _terms(text: str) -> set[str]:
    """Content terms plus synonym, lemma and wider-word terms.

    Sudachi synonym tokens (Japanese), lemma terms (English), the wider words that the
    text's narrower words fall under, and small counts spelled out ("six" holds ``#6``).
    "I've sent it" holds "send" (and its concept) for an ask "can you send the invoice"; "on
    Saturdays" holds "weekend".
    """
    return set(_all_terms(text))


@per_run
def _all_terms(text: str) -> frozenset[str]:
    # Asked again of the same text by several checks of each ask (a third of the calls on the
    # dev chats): one look-up then, not six look-ups and five unions.
    return frozenset(
        content_terms(text)
        | synonym_terms(text)
        | lemma_terms(text)
        | hypernym_terms(text)
        | phrase_terms(text)
        | count_terms(text)
    )


def _sentence_terms(text: str) -> set[str]:
    """Terms plus the answer types the sentence supplies (``@phone``, ``@time``, ...).

    A deferral's own time frame ("we'll get back to you by tomorrow", 「2営業日以内にご連絡
    いたします」) says when the reply comes, not what was asked: it supplies no type.
    """
    if _defers(text):
        return _terms(text)
    return _terms(text) | supplied_types(text)


def _kinds_said(text: str, wanted: set[str]) -> set[str]:
    """The ask's own words that ``text`` names by a narrower kind ("contract" -> agreement).

    Only the ask's own words: a kind word is not matched against the ask's synonyms, which
    would chain two loose links ("countries" -> "political unit" -> "unite" -> "merge").
    """
    return set(kind_terms(text) & wanted)


def _windows(sentences: list[Sentence | None], echoes: Sequence[Sentence] = ()) -> list[_Window]:
    """Each sentence and each pair of adjacent sentences, with their terms.

    ``None`` stands for an echo of an ask (a heading, a question, a restatement): it is no
    window, and the sentences either side of it are not adjacent. ``echoes`` are those echoes
    in order (one for each ``None``): a thank-you framing the ask lends its words to the next
    sentence when that sentence takes up one of them ("Thanks for your question about return
    postage. Postage is on us."), as the pair's window would without the echo; the window
    spans the next sentence alone. A sentence that names nothing of the frame borrows nothing.
    """
    terms = [_sentence_terms(s.text) if s else set() for s in sentences]
    out = [_Window(s.start, s.end, t) for s, t in zip(sentences, terms, strict=True) if s]
    for i in range(len(sentences) - 1):
        first, second = sentences[i], sentences[i + 1]
        if first and second:
            out.append(_Window(first.start, second.end, terms[i] | terms[i + 1]))
    echo_at = iter(echoes)
    for i, sentence in enumerate(sentences):
        echo = next(echo_at, None) if sentence is None else None
        after = sentences[i + 1] if i + 1 < len(sentences) else None
        if echo is None or after is None or not frames_by_thanks(echo.text):
            continue
        if content_terms(echo.text) & content_terms(after.text):
            out.append(_Window(after.start, after.end, terms[i + 1] | _terms(echo.text)))
    return out + _list_windows(sentences, terms)


def _list_windows(sentences: list[Sentence | None], terms: list[set[str]]) -> list[_Window]:
    """One window for each run of two or more bulleted lines, with the list's answer types.

    Each bullet is a sentence of its own, so no sentence alone is a list: "- red / - yellow /
    - black" names the colours asked for only as a whole.
    """
    out: list[_Window] = []
    run: list[int] = []
    for i, sentence in enumerate([*sentences, None]):
        if sentence is not None and LIST_MARKER.match(sentence.text):
            run.append(i)
            continue
        if len(run) >= 2:
            items = [sentences[j] for j in run]
            text = "\n".join(s.text for s in items if s)
            joined = set().union(*(terms[j] for j in run)) | supplied_types(text)
            start, end = items[0], items[-1]
            if start and end:
                out.append(_Window(start.start, end.end, joined))
        run = []
    return out


@per_run
def _defers(text: str) -> bool:
    # Asked of the same reply windows for every question: once per window per run.
    # a promise of our next message after a check ("let me check and get back to you",
    # 「確認のうえご連絡いたします」) is read by follow_up, the one source of those words
    # read each sentence whole: a wrap inside 「確認して⏎おります」 or 「確認の⏎うえ」 is no end
    text = one_sentence_a_line(text)
    return bool(PENDING.search(text)) or promises_reply_in_lines(text)


def _defers_only_by_notice(text: str) -> bool:
    """True when ``text`` defers nothing but by a promise of news of an event.

    ``_NOTICE_ON_EVENT``: "It leaves our warehouse tomorrow; we'll email you once it ships"
    answers "Has it shipped?", and the promise does not make it pending.
    """
    return _NOTICE_ON_EVENT.search(text) is not None and not _defers(
        _NOTICE_ON_EVENT.sub(" ", text)
    )


# From the first mark of the trailing run only: tried from each mark of a long run that is not
# the last, it cost the square of the run's length.
_TRAILING_MARK = re.compile(r"(?<![\s。．.?？!！])[\s。．.?？!！]++$")


def _deferred_under_heading(
    assessment: QuestionAssessment, candidates: list[Sentence | None], echoes: list[Sentence]
) -> QuestionAssessment:
    """An ask left missing or partial is pending when a deferral sits under its heading.

    A deferral that quotes the ask itself defers it too: 「「どうすればよいですか」につきまし
    ては、担当部署に確認のうえ…ご連絡いたします」, though the ask has no word to match.
    """
    if assessment.status not in {"missing", "partial"}:
        return assessment
    deferral = deferral_under_echo(candidates, echoes, assessment.text, _defers) if echoes else None
    if deferral is None:
        quoted = _TRAILING_MARK.sub("", assessment.text.strip())
        deferral = next(
            (
                s
                for s in candidates
                if s is not None and quoted and quoted in s.text and _defers(s.text)
            ),
            None,
        )
    if deferral is None:
        return assessment
    return assessment.model_copy(
        update={"status": "pending", "answer_span": Span(start=deferral.start, end=deferral.end)}
    )


# A closing offer to help again defers nothing: "If you have other questions, we'll get back
# to you", 「その他ご不明点がございましたら…」.
_OPEN_OFFER = re.compile(
    r"\b(?:if|should)\s+(?:you|there)\b|\bany\s*(?:thing|other|further|more)\b|"
    r"\bfeel\s+free\b|ございましたら|ありましたら|あれば",
    re.IGNORECASE,
)


def _sole_ask_deferred(
    assessment: QuestionAssessment, candidates: list[Sentence | None]
) -> QuestionAssessment:
    """The turn's only ask, missing from a reply that defers: the deferral is about it.

    "Where's my refund?" answered "I've asked the warehouse whether the boots are booked
    in, and I'll let you know": the deferral names the return, not the refund, yet there is
    nothing else it could be about. A closing offer ("if you have other questions, we'll get
    back to you") is no deferral.
    """
    if assessment.status != "missing":
        return assessment
    deferral = next(
        (
            s
            for s in candidates
            if s is not None and _defers(s.text) and not _OPEN_OFFER.search(s.text)
        ),
        None,
    )
    if deferral is None:
        return assessment
    return assessment.model_copy(
        update={"status": "pending", "answer_span": Span(start=deferral.start, end=deferral.end)}
    )


# A matter handed to a colleague or a team: "I've passed this to our billing team", "We've
# forwarded your details to Sam in accounts", 「担当部署に申し伝えました」. The thing handed on
# is the customer's message itself (a pronoun or the message named as such), never a thing of
# its own ("I've passed the invoice query to ..." defers the invoice ask alone, by its words).
# The verbs are ``_HANDED_ON``, the acts that are no answer; a delivery ("I've sent it to your
# email") is no hand-over. Japanese leaves the object unsaid: the party (a department, a person
# in charge) and a completed hand-over say it. Fixed words and bounded gaps only: linear.
_MATTER_HANDED_OVER = re.compile(
    rf"\b{_WE_HAVE}(?:(?:now|just|already|also)\s+)?(?:{_HANDED_ON})\s+"
    r"(?:this|it|that|(?:your|the)\s+(?:query|question|questions|request|details|case|message|"
    r"email|e-mail|enquiry|inquiry|complaint|ticket|concerns?|matter))\s+"
    r"(?:(?:on|over|up)\s+)?(?:to|with)\b|"
    r"(?:担当|専門)[^。\n]{0,20}?(?:に|へ)(?:引き継ぎ|申し伝え|転送|共有|お伝え)"
    r"(?:いたしました|致しました|しました|ました)",
    re.IGNORECASE,
)
# 「返品については担当者に引き継ぎました」「配送の件は…共有しました」: the matter named before the
# hand-over, as its topic.
_JA_HANDED_TOPIC = re.compile(
    r"([^。、\n]{1,30}?)(?:について(?:は|も)?|に関して(?:は)?|の件(?:は|も|につきましては)?)"
)


def _matter_handed_over(
    assessed: list[QuestionAssessment], candidates: list[Sentence | None]
) -> list[QuestionAssessment]:
    """Asks left missing are pending when the reply hands the matter to a colleague.

    A support lead reads "I've passed this to our accounts team; they'll call you today" as
    the open asks of the message put in their hands. A hand-over tied to asks by their words
    ("... who will arrange the refund for the mug", 「返品については…引き継ぎました」) hands on
    those asks alone; one tied to none hands on every ask left open. Only a hand-over of the
    message itself (``_MATTER_HANDED_OVER``: "this", "your details", never a named thing), and
    not a closing offer.
    """
    if not any(a.status == "missing" for a in assessed):
        return assessed
    handed = next(
        (
            c
            for c in candidates
            if c is not None
            and _MATTER_HANDED_OVER.search(c.text)
            and not _OPEN_OFFER.search(c.text)
        ),
        None,
    )
    if handed is None:
        return assessed
    framed = _JA_HANDED_TOPIC.search(handed.text) if JAPANESE.search(handed.text) else None
    # the words that tie the hand-over to an ask: the named topic in Japanese, else the sentence
    said = _terms(framed.group(1) if framed else handed.text)
    tied = [bool(_topic(a.text) & said) for a in assessed]
    if framed is None and not any(tied):
        tied = [True] * len(assessed)  # tied to no ask: the whole matter
    span = Span(start=handed.start, end=handed.end)
    return [
        a.model_copy(update={"status": "pending", "answer_span": span})
        if a.status == "missing" and tie
        else a
        for a, tie in zip(assessed, tied, strict=True)
    ]


@per_run
def _says_something(text: str) -> bool:
    """True when a sentence acts, fixes or defers: not an echo whatever words it shares."""
    return bool(ANSWER_ACT.search(text) or FIX.search(text) or _defers(text))


def _idle(text: str) -> bool:
    """True for a sentence with nothing to answer an ask: an apology alone, or a deferral."""
    return _defers(text) or (bool(APOLOGY.search(text)) and not _says_something(text))


def kb_sentence_terms(ctx: GuardrailContext) -> list[set[str]]:
    """The content terms of every KB sentence (computed once per knowledge base)."""
    return _kb_index(ctx.articles).sentences


class _Weights:
    """Inverse document frequency over KB sentences: "plan" weighs less than "SSO"."""

    def __init__(self, kb: list[set[str]]) -> None:
        self.df: dict[str, int] = {}
        for terms in kb:
            for term in terms:
                self.df[term] = self.df.get(term, 0) + 1
        self.n = len(kb)
        # Each term's weight once per KB, not once per question and sentence.
        self._idf = {t: 1.0 + math.log((self.n + 1) / (1 + df)) for t, df in self.df.items()}
        self._unseen = 1.0 + math.log(self.n + 1)

    def of(self, terms: set[str]) -> float:
        idf, unseen = self._idf, self._unseen
        return sum(idf.get(t, unseen) for t in terms)


@dataclass(frozen=True)
class _KBIndex:
    """What the judge reads of a knowledge base, built once per KB content.

    ``sentences`` holds each KB sentence's terms; ``by_term`` the sentences holding each
    term, so an ask is matched only against the sentences sharing one of its words (any
    other scores 0, below ``KB_MATCH_SCORE``). Shared between requests: callers only read it.
    """

    sentences: list[set[str]]
    weights: _Weights
    by_term: dict[str, tuple[int, ...]]

    def sharing(self, terms: set[str]) -> list[set[str]]:
        """The terms of the KB sentences that share a term with ``terms``, in KB order."""
        found = {i for t in terms for i in self.by_term.get(t, ())}
        return [self.sentences[i] for i in sorted(found)]


def _build_kb_index(articles: tuple[Article, ...]) -> _KBIndex:
    sentences = [
        _terms(sentence.text) for article in articles for sentence in split_sentences(article.body)
    ]
    by_term: dict[str, list[int]] = {}
    for i, terms in enumerate(sentences):
        for term in terms:
            by_term.setdefault(term, []).append(i)
    return _KBIndex(sentences, _Weights(sentences), {t: tuple(ids) for t, ids in by_term.items()})


# Knowledge bases whose index is held at once (keyed by the KB's content, ``kb_key``).
_KB_INDEXES: DerivedCache[str, _KBIndex] = DerivedCache(16)


def _kb_index(articles: tuple[Article, ...]) -> _KBIndex:
    """Sentence terms, their weights and the term index depend only on the KB: cached."""
    return _KB_INDEXES.get(kb_key(articles), lambda: _build_kb_index(articles))


# The reason a customer gives is context, not what they ask for ("I'd like a refund because I
# changed my mind"; 「サイズが合わないので返品したい」).
_REASON_AFTER = re.compile(r"\b(?:because|since|cause|as\s+i|as\s+we)\b.*$", re.IGNORECASE | re.S)
_REASON_BEFORE = re.compile(r"^.*(?:ので|ため(?:に)?)[、,]", re.S)


@per_run  # the ask's focus, terms and topic each start from it
def _ask_core(text: str) -> str:
    """The ask without the reason the customer gives for it (when anything is left)."""
    core = _REASON_BEFORE.sub("", _REASON_AFTER.sub("", text))
    return core if content_terms(core) else text


# A condition after the ask ("Will I lose my points if I cancel?") and a place or time
# after its object ("Are dogs allowed on the train?", "Can I bring a guest to the gym?") frame
# the ask; the thing asked about comes before them.
# It starts where a run of spaces starts, and each run is read once, with no way to split it
# between two quantifiers: "\s*,?\s+" tried every split of every run from every start, cubic
# in the run's length (seconds for a thousand spaces). Same matches: the leftmost start of the
# old pattern was never inside a run, and whitespace it gave up could never match the rest.
_CONDITION_AFTER = re.compile(
    r"(?<!\s)(?:\s*+,)?+\s++\b(?:if|when|once|after|before|unless|while|in\s+case)\b.*$",
    re.IGNORECASE | re.S,
)
# (Like the condition, the frame starts where its run of spaces starts and reads it once.)
_FRAME_AFTER = re.compile(
    r"(?<!\s)\s++\b(?:to|on|in|at|for|from|into|onto|with|during|near|inside|outside|over)\s+"
    r"(?:(?:the|a|an|my|our|your|this|that|these|those|its|their)\s+)?[\w'-]+(?:\s+[\w'-]+)?"
    r"\W*$",
    re.IGNORECASE,
)


# "Is there a vegetarian option on the menu?": the thing is the words right after "is there
# a/an/any", up to a preposition or a clause ("Is there a charge for towels?" asks of a charge).
_THERE_IS = re.compile(
    r"\W*(?:is|are)\s+there\s+(?:(?:a|an|any|some)\s+)?"
    r"((?:(?!(?:for|at|in|on|near|to|with|by|of|from|inside|outside|around|nearby|that|which|"
    r"where|when|if|or|and)\b)[\w'-]+\s*){1,3})",
    re.IGNORECASE,
)
# A thing said to be there for the customer: "Free wifi is available", "there's a café",
# "we have lockers", "every room has a kettle".
_EXISTS = re.compile(
    r"\b(?:is|are)\s+(?:\w+\s+)?(?:available|provided|offered|included|open|on\s+offer)\b|"
    r"\bthere(?:'s|\s+is|\s+are)\b|\b(?:we|you'll|you\s+will)\s+(?:have|offer|provide|find)\b|"
    r"\b(?:has|have)\s+(?:a|an|its\s+own|their\s+own|free)\b",
    re.IGNORECASE,
)


def _says_exists(ask: str, text: str) -> bool:
    """True when ``text`` says the thing an "Is there X ...?" ask asks after is there.

    "Is there wifi on board?" - "Free wifi is available on every train": the thing right after
    "is there", not the place that frames it nor a later noun ("Is there a charge for towels?"
    asks of a charge, not towels), with a predicate of being there; "Wifi is a popular
    feature" names the thing and says nothing of it being there.
    """
    core = _ask_core(ask)
    there = _THERE_IS.match(core)
    if there is None:
        return False
    thing = content_terms(there.group(1))
    return bool(thing & _terms(text)) and bool(_EXISTS.search(text))


def _focus(text: str) -> AskFocus:
    """The ask's focus: its last noun phrase, and the one before a framing phrase or condition.

    "Are dogs allowed on the train?" is about dogs as much as the train: a reply saying "Small
    dogs travel free" is on the ask, though it leaves "train" unsaid.
    """
    core = _ask_core(text)
    whole = ask_focus(core)
    if not JAPANESE.search(core) and _WHAT_IS.search(core):
        # "What's the deposit for the cottage?" asks for the deposit: the noun the wh-word
        # asks after is its focus as much as the frame's
        framed = _FRAME_AFTER.sub("", _CONDITION_AFTER.sub("", core))
        if framed != core and content_terms(framed):
            return AskFocus(whole.words, whole.focus | ask_focus(framed).focus)
    if JAPANESE.search(core) or not is_polar(core):
        return whole
    # the object of a light verb is what a yes/no ask is about too: "Do you have lockers in
    # the dorms?" is about lockers, so "Every bed has its own locker" is on it
    shape = yes_no_shape(core)
    if shape.light:
        whole = AskFocus(whole.words, whole.focus | shape.head)
    main = _CONDITION_AFTER.sub("", core)
    framed = _FRAME_AFTER.sub("", main)
    # "Can I pay with PayPal?", "Do you ship to Canada?": with only a verb before it, the
    # phrase is what is asked about, not its frame
    if len(content_terms(framed)) >= 2:
        main = framed
    if main == core or not content_terms(main):
        return whole
    return AskFocus(whole.words, whole.focus | ask_focus(main).focus)


def _question_terms(text: str) -> set[str]:
    return content_terms(_ask_core(text)) | asked_types(text)


def _kb_answer_terms(wanted: set[str], kb: _KBIndex, focus: AskFocus | None = None) -> set[str]:
    """Terms of the KB sentences that best match the question, minus the question's own.

    A KB sentence sharing one side word and not the ask's focus is about something else
    ("Refunds go back to ..." for "How do I get back into my account?") and answers nothing.
    """
    wanted = {t for t in wanted if not t.startswith("@")}  # pseudo-terms are not KB wording
    weights = kb.weights
    total = weights.of(wanted) or 1.0
    # Only a sentence within a rounding error of KB_MATCH_SCORE can be (or tie with) the
    # answer: the focus test, the costly part, runs on those alone.
    scored = [
        (score, terms)
        for score, terms in ((weights.of(wanted & t) / total, t) for t in kb.sharing(wanted))
        if score >= KB_MATCH_SCORE - 1e-9 and _kb_on_topic(focus, terms)
    ]
    top = max((score for score, _ in scored), default=0.0)
    if top < KB_MATCH_SCORE:
        return set()
    # Ties (two sentences naming Canada and shipping) pool their wording.
    return {t for score, terms in scored if score >= top - 1e-9 for t in terms} - wanted


def _kb_on_topic(focus: AskFocus | None, terms: set[str]) -> bool:
    """Whether a KB sentence is about the ask.

    It must share more than one side word, and more than the focus alone when the ask names
    something besides it.

    「ログイン画面から再設定メールをお送りします」 names the login of 「アプリにログインできま
    せん」 and nothing of the app: it is about resetting a password, another matter.
    """
    if focus is None:
        return True
    return not focus.missed_by(terms) and not focus.only_focus(terms)


_SYNONYM_MARKS = "≈〜"


def _on_focus(focus: AskFocus | None, terms: set[str]) -> bool:
    """False when ``terms`` share only one side word with the ask, not its focus."""
    return focus is None or not focus.missed_by(terms)


# Below this an ask is missing: a window sharing one side word, not the focus, is off topic.
OFF_FOCUS_CAP = PARTIAL_SCORE - 1e-9


def _with_synonyms(
    window: set[str], synonyms: tuple[tuple[frozenset[str], frozenset[str]], ...]
) -> set[str]:
    """The window's terms plus the terms of each ask word it holds under a synonym."""
    extra = [terms for terms, tokens in synonyms if tokens & window]
    return window.union(*extra) if extra else window


_KANA_KANJI = re.compile(f"^[{KATAKANA}{KANJI}]{{2,}}$")


def _with_compounds(window: set[str], wanted: set[str] | frozenset[str], ask: str = "") -> set[str]:
    """The window's terms plus each Japanese ask word that a compound in it is built on.

    Japanese writes compounds without spaces: 「クーポンコード」 names the coupon of
    「クーポンはどこに入力」, 「返品送料」 the return. Only katakana/kanji words of two
    characters or more count, so one character never matches inside another word. The
    kanji of a verb of ``ask`` is said by a verbal noun on it (``_act_of``).
    """
    verbs = verb_kanji(ask) if ask else frozenset()
    extra = {
        t
        for t in wanted - window
        if (_KANA_KANJI.match(t) and any(t in w and t != w for w in window))
        or (
            _ONE_KANJI.match(t) and any(_kind_of(w, t) or _act_of(w, t, t in verbs) for w in window)
        )
    }
    return window | extra if extra else window


# An honorific after a noun leaves the noun: 子様 (お子様) is 子 (子ども).
_HONORIFIC = ("様", "さま")


def _act_of(word: str, head: str, verb: bool) -> bool:
    """True when ``word`` names the act or the thing of the one-kanji ``head`` in other words.

    A Sino-Japanese verbal noun built on the kanji of the ask's verb names its act (運搬 for
    運んで, 診療 for 診て, 持参 for 持って; Sudachi's サ変可能 nouns), and an honorific noun
    its plain noun (子様 for 子ども). A noun that takes no する (雨天) is no act, and the
    kanji must head a verb of the ask (``verb``): 配 of the noun 置き配 is no act of 配送.
    """
    if word in {head + suffix for suffix in _HONORIFIC}:
        return True
    return verb and len(word) == 2 and word[0] == head and is_verbal_noun(word)


_ONE_KANJI = re.compile(f"^[{KANJI}]$")


def _kind_of(word: str, head: str) -> bool:
    """True when the two-kanji ``word`` is a kind of the one-kanji ``head`` (小雨 of 雨).

    Its first kanji must modify the head as a prefix or an adjective does
    (``modifies_as_prefix``): 景色 ends in 色 and is no colour.
    """
    return len(word) == 2 and word[1] == head and modifies_as_prefix(word[0])


def _with_answer_types(window: set[str], wanted: set[str]) -> set[str]:
    """The window's terms plus the ask words said by an answer of the type asked for.

    "0800 123 4567" says "phone number" for "What's your phone number?"; only the types the
    ask asks for count, so a price in the reply does not answer "when".
    """
    typed = window & {t for t in wanted if t.startswith("@")}
    return window | (stands_for(typed) & wanted) if typed else window


# The share of an ask's weight its answer type carries when it asks for one ("when", "how
# much", "what's your phone number"): a support lead reads the ask's focus first, so a reply
# of that form with none of the ask's other words ("It runs until 31 March.") answers it.
TYPE_SHARE = 0.5


def _direct(
    wanted: set[str], window: set[str], weights: _Weights, weak: frozenset[str] = frozenset()
) -> float:
    """The share of the ask's weight in the window, its answer type counting its ``share``.

    An ask word in ``weak`` (held only under a WordNet synonym) counts ``SYNONYM_WEIGHT``.
    """
    types = {t for t in wanted if t.startswith("@")}
    topic = wanted - types

    def held(terms: set[str]) -> float:
        found = terms & window
        return weights.of(found) - (1 - SYNONYM_WEIGHT) * weights.of(found & weak)

    if not types or not topic:
        return held(wanted) / weights.of(wanted)
    # "who do I talk to" wants a phone number or an email: either one is the answer's form.
    share = type_share(types & window)
    on_topic = held(topic) / weights.of(topic)
    if share:
        return share + (1 - share) * on_topic
    # Steps or a cause are not what a "how"/"why" ask is named by: without them its words
    # still count in full; a number, an address, a time or a price is what its ask wants.
    return (
        (1 - TYPE_SHARE) * on_topic if type_share(types, required=True) >= TYPE_SHARE else on_topic
    )


def _score(
    wanted: set[str],
    answer: set[str],
    window: set[str],
    weights: _Weights,
    focus: AskFocus | None = None,
    weak: frozenset[str] = frozenset(),
) -> float:
    direct = _direct(wanted, window, weights, weak)
    # An answer of the form asked for ("When ...?" met by "within 5 business days") is about
    # the ask whichever of its words it repeats; steps or a cause are no such form.
    # A cause given for the asked event is about it too ("閉館しておりました" after "why
    # was the east wing closed"), though a cause alone carries less of the ask.
    typed = type_share(wanted & window) >= TYPE_SHARE or "@reason" in wanted & window
    if not typed and not _on_focus(focus, window):
        direct = min(direct, OFF_FOCUS_CAP)
    matched = {t for t in answer & window if t[0] not in _SYNONYM_MARKS}
    # The KB's answer wording supports a window only with enough of it, or with a number,
    # or alongside some of the question's own words: one shared generic word is not enough.
    has_number = any(t.startswith("#") for t in matched)
    if not matched or (len(matched) < KB_ANSWER_TERMS and not has_number and direct == 0):
        score = direct
    else:
        score = max(direct, min(1.0, len(matched) / min(len(answer), KB_ANSWER_TERMS)))
    return score


def _names_only_focus(wanted: set[str], window: set[str], focus: AskFocus) -> bool:
    """True when a window shares only the ask's focus and lacks the form the ask wants.

    "How do I start a return?" is not answered by "You can return unused items within 30
    days" (no steps), nor 「返品の申し込み方法」 by 「14日以内であれば返品を承ります」: a
    sentence naming the focus must also give what is asked of it (steps, a time, a price).
    """
    types = {t for t in wanted if t.startswith("@")}
    if type_share(types, required=True) == 0 or types & window:
        return False
    return focus.only_focus(window)


_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]*\"")


# An undertaking in the humble form: 「代金を差し引かせていただきます」「返金いたします」. It acts
# on the ask only when it names the ask's topic (points offered for a refund do not refund),
# so it counts where the window shares the ask's words, never as a topic-free act. A promise
# to write, a closing, an apology or thanks is none: 「よろしくお願いいたします」. A humble visit
# (「担当者が伺います」, ``says_humble_visit``: one source with the synonym terms) is one too.
_JA_UNDERTAKING = re.compile(
    r"(?<!ご連絡)(?<!ご案内)(?<!お知らせ)(?<!ご報告)(?<!願い)(?<!詫び)(?<!感謝)(?<!祈り)(?<!待ち)"
    r"(?:せていただきます|(?:いた|致)します)(?!か)"
)


def _acts(text: str, *, undertaking: bool = True) -> bool:
    """True when a sentence of ``text`` settles something (quoted asks and deferrals do not).

    ``undertaking`` counts a Japanese humble undertaking; a sentence sharing only the
    words of the problem a request came with needs more ("I've sent a new lamp").
    """
    for sentence in split_sentences(text):
        own = _QUOTED.sub("", sentence.text).strip()
        if _defers(own):
            continue
        if ANSWER_ACT.search(own) or (
            undertaking and (_JA_UNDERTAKING.search(own) or says_humble_visit(own))
        ):
            return True
    return False


# A request that embeds what it wants to know ("could you tell me how to start a return",
# 「返品の申し込み方法を教えてください」) asks for information; any other request asks us to act
# ("Can you refund the duplicate charge?", 「返金をお願いします」).
_INFO_REQUEST = re.compile(
    r"\b(?:tell|know|explain|advise|clarify|show\s+me|understand|wondering|how|what|when|where|"
    r"which|who|why|whether)\b|"
    # to confirm a value is to tell it: "can you confirm the time window", not "confirm my order"
    r"\bconfirm\s+(?:the|my|our|your)\s+(?:[a-z]+\s+)?(?:time|date|day|window|slot|price|cost|"
    r"amount|address|number)s?\b|教え|知りたい|伺いたい|お聞き|お尋ね|ご案内|説明|方法|どう|いつ|"
    r"どこ|なぜ|何|どの|どんな|いくら",
    re.IGNORECASE,
)
# "You can return unused items within 30 days" states what the customer may do: an answer to
# "Can I ...?", no act on a request unless it says where or how (a procedure).
_YOU_MAY_ACT = re.compile(r"\byou\s+(?:can|could|may)\s+\w+", re.IGNORECASE)
# We as the actor at the head of a clause ("We cover the return postage", 「当社が負担します」):
# the company says what it does, which answers "can you cover ...?" (not "after we receive").
_WE_DO = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|so|yes|no)\s*,?\s+)(?:we|our\s+(?:\w+\s+)?team)\s+(?!receive|get)\w+|"
    r"(?:当社|弊社|当店|私ども|わたくしども)(?:が|で|にて|より|では)|"
    # the humble form makes the speaker the actor: 「重複分を元のカードに返金いたします」
    r"(?:いた|致)し(?:ます|ました)(?!か)|させていただ(?:きます|きました)",
    re.IGNORECASE | re.MULTILINE,
)
# A polite Japanese negative closing a sentence is a refusal: 「海外への発送は行っておりません」.
# An apology (申し訳ございません) or "no trouble" (構いません) ends the same way: no refusal.
_JA_REFUSAL = re.compile(
    r"(?:(?<!申し訳ござい)(?<!申し訳あり)(?<!構い)(?<!かまい)ません|ないです|かねます)(?:ので|が)?"
    r"[。.!！]?\s*$",
    re.MULTILINE,
)
_COMMITMENT = Commitment()
ACTION = "action"  # the judge's own kind for a request that asks us to act


def asks_for_action(question: Question) -> bool:
    """True for a request that asks the company to act, not to inform."""
    return question.kind == "request" and not _INFO_REQUEST.search(question.text)


def _mode(question: Question) -> str:
    """How the judge reads an ask: its kind, or ``action`` for a request to act."""
    return ACTION if asks_for_action(question) else question.kind


def _responds(text: str, ctx: GuardrailContext | None) -> bool:
    """True when ``text`` does something about a request, not only states a policy.

    An act, a fix or an instruction, a yes or a no, steps the customer can follow, a deferral,
    or an offer or completed action as the ``commitment`` guardrail reads one. "Refunds go back
    to the original payment method within 5 business days" answers no "please refund me".
    """
    own = _QUOTED.sub("", text)
    if (
        ANSWER_ACT.search(_YOU_MAY_ACT.sub("", own))
        or FIX.search(own)
        or _defers(own)
        or _WE_DO.search(own)
        or says_humble_visit(own)
        or any(
            POLAR_ANSWER.search(s.text) or _JA_REFUSAL.search(s.text) for s in split_sentences(own)
        )
        or "@procedure" in supplied_types(own)
    ):
        return True
    return ctx is not None and bool(_COMMITMENT.check(own, ctx))


def _status(
    score: float, text: str, kind: str, ctx: GuardrailContext | None = None
) -> QuestionStatus:
    # A request or problem report is settled by an act on its topic; a question needs more of
    # its own words before a "yes" or "we can" counts as its answer.
    act = score >= (PARTIAL_SCORE if kind == "question" else 1e-9) and _acts(text)
    # A deferral that names the ask's topic at all defers it ("I've passed your refund question
    # to billing"); whether the KB could have answered it is the runner's deferred_question.
    settled = act or _defers_only_by_notice(text)
    if score > 0 and _defers(text) and not (settled and score >= ANSWERED_SCORE):
        return "pending"
    if kind == ACTION and (score >= ANSWERED_SCORE or act) and not _responds(text, ctx):
        return "partial"  # on the topic, but neither doing it nor saying how
    if score >= ANSWERED_SCORE or act:
        return "answered"
    return "partial" if score >= PARTIAL_SCORE else "missing"


# What settles a problem report besides a completed action: a fix or an instruction to the
# customer ("the fix went out this morning, so please update the app", 「Cookieを許可して
# いただくと…」「再度お試しください」). Asking the customer for details does not settle it.
FIX = re.compile(
    r"\b(?:please\s+(?!(?:let\s+us|send\s+us|share|provide|confirm|tell\s+us|reply|contact|"
    r"get\s+in\s+touch|call\s+us|email\s+us)\b)\w+|(?:the\s+)?fix\s+(?:is|was|went|has)|"
    r"(?:try|update|restart|reinstall|clear|log\s+out\s+and)\b[^.]*\b(?:again|app|browser|"
    r"cache|version|once\s+more)|(?:went|is|was)\s+(?:out|live|released|fixed|resolved)|"
    # an explanation of the cause: "that message usually means the postcode doesn't match"
    r"(?:usually|often|normally|probably|likely)?\s*means\b|\bhappens\s+when\b|"
    r"\b(?:is|was)\s+caused\s+by\b|\bthat's\s+because\b)|"
    r"(?:お試し|ご返送|ご利用|ご確認|お手続き|ご変更|ご更新)(?:ください|いただけます)|"
    r"(?:いただく|いただければ|いただきますと)(?:と|、)|修正(?:いたしました|しました|済み)",
    re.IGNORECASE,
)
# An apology or a thanks in the past tense is no act ("失礼いたしました", "sorry we missed it").
APOLOGY = re.compile(
    r"(?:失礼|ご迷惑を?おかけ|ご不便を?おかけ|申し訳(?:ございません|ありません)でし|お待たせ|"
    r"お手数をおかけ|ありがとうございまし)(?:いたしました|しました|た)?|"
    r"\b(?:sorry|apologi[sz]e|apologies|thanks?|thank\s+you)\b[^.!]*",
    re.IGNORECASE,
)
# A confirmation that names no topic: it settles the customer's request whatever it was.
_GENERIC_ACT = re.compile(
    r"^\W*(?:all\s+(?:taken\s+care\s+of|done|sorted|set)|(?:that's|it's)\s+(?:done|sorted)|"
    r"done|sorted)\b|手続きが完了いたしました|対応(?:が完了)?いたしました",
    re.IGNORECASE,
)


def _direct_terms(text: str, windows: list[_Window]) -> bool:
    terms = content_terms(text)
    return any(terms & w.terms for w in windows)


def kb_answers(question: Question, ctx: GuardrailContext) -> bool:
    """True when a KB sentence answers the ask (it shares most of the ask's weighted terms).

    An article merely on the ask's topic is not enough: "Invoices" does not say whether an
    invoice can show a VAT number.
    """
    kb = _kb_index(ctx.articles)
    if not kb.sentences:
        return False
    wanted = _question_terms(question.text)
    if "@status" in wanted:
        return False  # a KB states policy, never where this customer's order or refund is
    if "@time" in wanted and _reports_a_problem(question.context):
        # nor when this customer's late parcel will come: 「まだ届きません。いつ届きますか」
        return False
    focus = _focus(question.text)
    return bool(wanted) and bool(_kb_answer_terms(wanted, kb, focus))


def _reports_a_problem(context: str) -> bool:
    """True when an ask's context reports the customer's own thing gone wrong."""
    return bool(context) and any(kind == "problem" for _, kind in asks_in(context))


# A pronoun that carries the ask's topic into the answer ("Yes, it keeps rain out.").
_POINTS_BACK = re.compile(
    r"\b(?:it|its|it's|they|they're|them|that|this|those|these|one|ones)\b", re.IGNORECASE
)


def _settling_window(
    scored: list[tuple[float, _Window]],
    best_score: float,
    draft: str,
    kind: str,
    ctx: GuardrailContext | None = None,
) -> _Window | None:
    """A window scoring about as high as the best one that also settles the ask by an act."""
    if best_score < PARTIAL_SCORE:
        return None
    for score, window in scored:
        text = draft[window.start : window.end]
        near = score >= best_score - 1e-9 or score >= max(PARTIAL_SCORE, best_score - 0.15)
        if _defers(text):
            continue  # an act beside a deferral ("Thanks! We'll get back to you") defers
        if near and _status(max(score, PARTIAL_SCORE), text, kind, ctx) == "answered":
            return window
    return None


def _focus_said(ask: str, text: str, terms: set[str]) -> bool:
    """True when ``text`` (its window ``terms``) names the ask's focus, in any words.

    The focus as said (``_question_terms``' own words), a synonym of it (Sudachi's groups, a
    lemma, WordNet), a kind of it (``_kinds_said``: "trainers" for shoes), or a compound built
    on it (「黒水牛」): the concept, not the spelling.
    """
    whole = _focus(ask)
    if not whole.focus:
        return True
    words = ask_focus(_asking_clause(ask)).words or whole.words
    asked = set().union(*words) | whole.focus
    own = _with_compounds(
        _with_synonyms(terms | _kinds_said(text, asked), word_synonyms(ask)), asked, ask
    )
    said = _with_synonyms(own, wordnet_synonyms(ask))
    # the focus, or two words of the asking clause each said in its own words or a lemma (a
    # WordNet link is too loose to count twice): 「着物を持っていなくても参加できますか」 is on
    # 「着物はお持ちでなくても大丈夫です」 though its last noun (参加) goes unsaid
    return bool(whole.focus & said) or sum(1 for word in words if word & own) >= 2


# A wish before a Japanese ask: 「家でも練習させたいのですが、おすすめの本はありますか」 asks
# for a book; the wish before のですが/けど is why, not what is asked. A report before it is
# the ask's topic (「請求が倍になっているんですけど、間違いじゃないですか」): it stays.
# asks_ja reads the same background in its private ``_main_clause`` (morphemes, and ので/から
# too, so a report as well) and ``_WISH_THEN``: no public function returns the asking clause
# as text, so this stays until asks_ja exposes one.
_JA_WISH_BEFORE = re.compile(
    r"^.*(?:たい|ほしい|欲しい)(?:の|ん)です(?:が|けど|けれど(?:も)?)[、,]?", re.S
)


def _asking_clause(ask: str) -> str:
    """The clause of ``ask`` that asks, without the background before it (Japanese only)."""
    if not JAPANESE.search(ask):
        return ask
    clause = _JA_WISH_BEFORE.sub("", ask)
    return clause if content_terms(clause) else ask


def _short_of_slot(
    question: Question,
    mode: str,
    draft: str,
    windows: list[_Window],
    best: tuple[int, int] | None,
    bare: set[tuple[int, int]],
) -> bool:
    """True when the best window, judged an answer, fills no slot of the ask.

    A window naming only the ask's focus without the form it wants (``bare``), an act on a
    side word of a question (``_act_beside_focus``), or every thing of a which-of ask with
    none chosen (``leaves_the_choice_open``): on the topic, no answer.
    """
    if best is None:
        return False
    if leaves_the_choice_open(question.text, draft[best[0] : best[1]]):
        return True
    if mode == "question" and _value_unsupplied(question, draft, windows, best):
        return True
    return best in bare or _act_beside_focus(question, mode, draft, windows, best)


def _value_unsupplied(
    question: Question, draft: str, windows: list[_Window], best: tuple[int, int]
) -> bool:
    """True when a question wanting a value gets its topic and no value of the asked type.

    "Where can I find my ride history?" is not answered by "Ride history is kept for two
    years" (a length of time, no place), 「駐車場はどこですか」 not by 「駐車場はご宿泊の方は無料
    です」: every word of the ask, its slot empty. Only the types whose absence leaves no
    answer (a place, a time, a price, a number: ``type_share(required=True)``), and only for
    an ask not in yes/no form: "Do you have it in a size 12?" is answered by a yes.
    """
    if polar_in_form(question.text):
        return False
    # asked of the ask itself, not its reason ("a refund because the sofa is the wrong size")
    wanted = asked_types(_ask_core(question.text))
    # a choice is named by one of its options, which no type reader sees (「どちらが負担」 -
    # 「当店が負担いたします」)
    if not wanted or "@choice" in wanted or type_share(set(wanted), required=True) < TYPE_SHARE:
        return False
    text = draft[best[0] : best[1]]
    window = next((w for w in windows if (w.start, w.end) == best), None)
    if window is None or wanted & window.terms:
        return False
    # the value in the sentence after or before it: "We ship to Canada. Delivery there takes
    # 5-7 business days." (the pair is a window of its own, scored no higher)
    if any(wanted & w.terms for w in windows if w.start == best[0] or w.end == best[1]):
        return False
    if _value_on_focus(question.text, wanted, draft, windows):
        return False
    return not (wanted & linked_types(question.text, text, lambda clause: True))


def _value_on_focus(ask: str, wanted: frozenset[str], draft: str, windows: list[_Window]) -> bool:
    """True when some window gives a value of the ``wanted`` type and names the ask's focus.

    The value said on the asked thing in a sentence of its own while a sentence on another
    matter scored higher: a question on how long shipping to Canada lasts, answered under its
    numbered heading by "Parcels reach Canada in 5-8 business days", below a refund sentence
    whose "posted" reads as a delivery word.
    """
    return any(
        wanted & w.terms and _focus_said(ask, draft[w.start : w.end], w.terms) for w in windows
    )


def _act_beside_focus(
    question: Question,
    mode: str,
    draft: str,
    windows: list[_Window],
    best: tuple[int, int],
) -> bool:
    """True when a question is accepted by an act that is not about what the question asks.

    "Do the kids need bowling shoes or are trainers ok?" is not answered by "You're welcome
    to bring your cake; our staff will help the children get ready": the window shares a
    side word (the children) and does something, but names nothing of the asked thing, so
    it supplies no value for the ask's slot. 「おすすめの本はありますか」 is not answered by
    「ご家庭での練習はとても効果があります」 (the background's words, no book). Only for a
    question (a request or a problem is settled by an act on its topic), and only when the
    window's own score fell short of an answer: the act alone carried it.
    """
    if mode != "question":
        return False
    window = next((w for w in windows if (w.start, w.end) == best), None)
    if window is None:
        return False
    wanted = asked_types(question.text)
    if wanted & window.terms:
        return False  # a value of the asked type is the slot filled ("It's £9 each.")
    if wanted and _value_on_focus(question.text, wanted, draft, windows):
        return False
    return not _focus_said(question.text, draft[best[0] : best[1]], set(window.terms))


def _deferred_if_tied(
    best: tuple[int, int] | None,
    status: QuestionStatus,
    scored: list[tuple[float, _Window]],
    best_score: float,
    draft: str,
    ask: str = "",
    rivals: frozenset[str] = frozenset(),
) -> tuple[tuple[int, int] | None, QuestionStatus]:
    """An ask's span and status, pending when missing and a deferral ties with its best window.

    A deferral naming the ask's topic as much as the best window does defers it, though the
    best came first ("We hold X; your passport is with the consulate. I'm checking the status
    with our consulate desk and will update you"). It must name a word of this ask's topic that
    no other ask of the turn (``rivals``) has: "I'm checking the order exchange" defers the
    exchange, not "When will my refund for the order arrive?", though both name the order.
    """
    if status != "missing" or best_score <= 0:
        return best, status
    own = _topic(ask) - rivals
    for score, window in scored:
        text = draft[window.start : window.end]
        if (
            score >= best_score - 1e-9
            and _defers(text)
            and not _defers_only_by_notice(text)
            and _said(ask, text) & own
        ):
            return (window.start, window.end), "pending"
    return best, status


def _rival_topics(questions: list[Question]) -> dict[str, frozenset[str]]:
    """Each ask's rivals: the topic words (``_topic``) of the turn's other asks.

    Counted once per turn, so a long run of asks is read in linear time.
    """
    topics = {q.id: _topic(q.text) for q in questions}
    counts = Counter(t for topic in topics.values() for t in topic)
    return {
        qid: frozenset(t for t, n in counts.items() if n > (t in topic))
        for qid, topic in topics.items()
    }


def _settling_act(windows: list[_Window], draft: str, mode: str) -> _Window | None:
    """The first reply sentence that acts or fixes, in a reply that defers nothing.

    An apology (「ご迷惑をおかけしました」, "Sorry we missed that") is no act. A request to act
    is settled only by a sentence that does something about it ("You can return unused items"
    does not refund an order), and an offer of something else (points for a refund) is
    no act on it: only the sentences that act or fix count here, whatever their topic.
    """
    if _defers(draft):
        return None  # the deferral is most likely about the turn's only ask
    for window in windows:
        sentences = split_sentences(draft[window.start : window.end])
        if len(sentences) != 1:
            continue
        own = APOLOGY.sub("", _QUOTED.sub("", sentences[0].text))
        if mode == ACTION:
            own = _YOU_MAY_ACT.sub("", own)
        if FIX.search(own) or ANSWER_ACT.search(own):
            return window
        if mode == "problem" and _PLAN.search(own) and not _OPEN_OFFER.search(own):
            # what will be done about it: "An engineer will come tomorrow to fix the boiler"
            return window
        if mode == "problem" and "@time" in window.terms and not told_in_past(own):
            # when it will be put right, however said: 「本日中にお届けとのことです」
            return window
        if mode in {"problem", ACTION} and "@procedure" in window.terms:
            # steps for the customer to follow are the fix: "hold the Wi-Fi button for 5
            # seconds, then choose your network again in the app"; to a request to act they
            # are how it gets done ("Drop it at the shop any weekday and our tailor will fix it"),
            # which ``_responds`` counts as doing something about it too
            return window
    return None


def _answer_in_other_words(
    question: Question,
    mode: str,
    wanted: set[str],
    windows: list[_Window],
    draft: str,
    polar_first: bool,
    sole: bool,
    only_polar: bool = False,
    only_polar_question: bool = False,
    only_need: bool = False,
) -> _Window | None:
    """A reply sentence that settles the ask without its words, or ``None``.

    The turn's only problem or request met by a completed action or a fix ("I've refunded
    the $8 difference", 「本日取り消しました」), a yes/no ask met by a yes or a no, or an ask
    for what to bring or do met by an instruction doing it ("Just bring a water bottle").
    """
    told = _instruction_for(question.text, windows, draft, sole)
    if told is not None:
        return told
    chosen = _choice_for_which(question.text, windows, draft)
    if chosen is not None:
        return chosen
    if sole and mode != "question":
        act = _settling_act(windows, draft, mode)
        if act is not None:
            return act
    if polar_in_form(question.text):
        across = _answered_across_languages(
            question.text, windows, draft, sole or only_polar or only_polar_question
        )
        if across is not None:
            return across
        refusal = _refusal_with_reason(question.text, windows, draft)
        if refusal is not None:
            return refusal
        return _polar_window(
            windows, draft, wanted, polar_first, question.text, sole, only_polar, only_need
        )
    if sole:
        return (
            _value_for_what_is(question.text, windows, draft)
            or _depends_for_value(question.text, windows, draft)
            or _party_for_who(question.text, windows, draft)
        )
    return None


def _choice_for_which(ask: str, windows: list[_Window], draft: str) -> _Window | None:
    """The reply sentence choosing one of the things a which-of ask names, or ``None``.

    The slot of 「柘植と黒水牛だとどっちが長持ちしますか」 is one of the two, chosen: 「黒水牛
    のほうが丈夫です」 fills it in other words than 長持ち (``names_the_choice``).
    """
    if not alternatives(ask):
        return None
    for window in windows:
        text = draft[window.start : window.end]
        if len(split_sentences(text)) != 1 or _defers(text):
            continue
        if names_the_choice(ask, text) or either_will_do(ask, text):
            return window
    return None


# Yes, no or leave said in English as a clause of its own: "you're welcome to leave it",
# "Registering ... is included", "you can't", "we don't".
_STAND_EN = re.compile(
    r"^\W*(?:yes|no)\b|\byou(?:'re|\s+are)\s+(?:welcome|free)\s+to\b|"
    r"\byou\s+(?:can|may|can't|cannot|don't\s+need)\b|"
    r"\b(?:is|are)\s+(?:(?:also|always)\s+)?(?:included|allowed|permitted|fine|not\s+allowed)\b|"
    r"\bwe\s+(?:can|can't|cannot|don't|do\s+not)\b",
    re.IGNORECASE,
)


def _answered_across_languages(
    ask: str, windows: list[_Window], draft: str, alone: bool
) -> _Window | None:
    """A stand on a yes/no ask asked in one language and answered in the other, or ``None``.

    A Japanese ask answered in English (「荷物だけ預けられますか」 - "you're welcome to leave
    your luggage") shares no word with its answer but the few the concept table folds, so
    only the form can tell: to the turn's only yes/no ask (``alone``), the first sentence
    taking a stand (a yes, a no, leave given or refused) in the reply's language answers it,
    if it names the ask's topic (``_tied_across_languages``): "You can check in from 3 pm"
    takes a stand on check-in, not on 「ペットと一緒に泊まれますか」. A sentence that only
    gives facts ("Check-in starts at 3 pm") takes none.
    """
    asked_ja = bool(JAPANESE.search(ask))
    if not alone or asked_ja == bool(JAPANESE.search(draft)):
        return None
    for window in windows:
        text = draft[window.start : window.end]
        if len(split_sentences(text)) != 1 or _defers(text):
            continue
        stand = (
            _STAND_EN.search(text)
            if asked_ja
            else _JA_PREDICATE_ANSWER.search(text) or _JA_LEAVE.search(text)
        )
        if stand and _tied_across_languages(ask, text):
            return window
    return None


_DIGITS = re.compile(r"\d+")


def _tied_across_languages(ask: str, text: str) -> bool:
    """True when ``text`` names a thing of ``ask`` asked in the other language.

    Only the concept table links the two languages' words (解約 and "cancel" fold to one
    concept), or a number both say (「3時に」 / "at 3 pm"); a shared form of words is no link.
    """
    numbers = set(_DIGITS.findall(normalise_width(ask)))
    if numbers & set(_DIGITS.findall(normalise_width(text))):
        return True
    return bool(content_terms(ask) & content_terms(text))


def _instruction_for(ask: str, windows: list[_Window], draft: str, sole: bool) -> _Window | None:
    """The first one-sentence window telling the customer to do what ``ask`` asks about."""
    if not asks_what_to_do(ask):
        return None
    for window in windows:
        text = draft[window.start : window.end]
        if len(split_sentences(text)) != 1 or _defers(text):
            continue
        if instructs_asked_act(ask, text, any_act=sole):
            return window
    return None


# A refusal and its reason in one sentence, said by us or to the customer: the no first, then
# why ("we don't lend bikes out, because our insurance ..."; not "Bikes aren't kept here as
# ..."), or in Japanese the reason first and the humble no closing it
# (「保険の対象外となるため、貸し出しは行っておりません」).
_NO_THEN_WHY = re.compile(
    r"\b(?:we|i|you)(?:'re|\s+are|'m|\s+am)?\s+(?:(?:do|can|could|will|would)(?:n't|\s+not)|"
    r"cannot|won't|unable\s+to|not\s+able\s+to|never)\b[^.;]{1,80}?\b(?:because|as|since|"
    r"due\s+to|for\s+(?:safety|"
    r"privacy|security|hygiene|insurance|legal)\s+reasons)\b",
    re.IGNORECASE,
)
_WHY_THEN_NO = re.compile(
    r"(?:ため|ので|により|から)、?[^。]{1,60}?(?:おりません|かねます|できません)"
)


def _refusal_with_reason(ask: str, windows: list[_Window], draft: str) -> _Window | None:
    """The first sentence that refuses the yes/no ask and says why, naming its topic.

    "Can I borrow a bike while mine is fixed?" met by "Sorry, we don't lend bikes out,
    because our insurance doesn't cover it": a no with its reason is an answer a support
    lead sends, though its verb (lend) is not the ask's (borrow).
    """
    topic = _topic(ask)
    for window in windows:
        for sentence in split_sentences(draft[window.start : window.end]):
            text = sentence.text
            if not _said(ask, text) & topic or _defers(text):
                continue
            if _NO_THEN_WHY.search(text) or _WHY_THEN_NO.search(text):
                return window
    return None


# A party named at the head of a sentence: "We do, if it arrived faulty", "You pay the
# postage", "Our installer handles that", 「当社が負担いたします」「お客様のご負担となります」.
_PARTY = re.compile(
    r"^\W*(?:(?:yes|no|normally|usually)\W+)?(?:we|you|they|our\s+[\w-]+|your\s+[\w-]+)\b|"
    r"(?:当社|弊社|当店|お客様|お客さま|購入者|出品者|販売店|メーカー)(?:が|の|で|にて|より|側)",
    re.IGNORECASE,
)


def _party_for_who(ask: str, windows: list[_Window], draft: str) -> _Window | None:
    """The reply's first sentence naming a party, to the turn's only who-ask, or ``None``.

    "Who pays the return postage?" met by "We do, if the item arrived faulty": the answer
    to a who-ask is a party, said as the sentence's subject, whatever words it repeats.
    """
    if not ASKS_WHO.search(normalise_width(ask)):
        return None
    first = next((w for w in windows if len(split_sentences(draft[w.start : w.end])) == 1), None)
    if first is None:
        return None
    text = draft[first.start : first.end]
    return first if _PARTY.search(text) and not _defers(text) else None


def _depends_for_value(ask: str, windows: list[_Window], draft: str) -> _Window | None:
    """The reply's first sentence saying what the value asked for depends on, or ``None``.

    "How much is a deep clean?" met first by "It depends on the size of the flat": the
    turn's only ask for a value (a price, a time, a count) answered by what it turns on.
    """
    if not asked_types(ask) & VALUE_TYPES:
        return None
    first = next((w for w in windows if len(split_sentences(draft[w.start : w.end])) == 1), None)
    if first is None:
        return None
    text = draft[first.start : first.end]
    return first if says_it_depends(text) and not _defers(text) else None


# "What's the deposit for the van?" answered "It's £250, held on your card": a what-is ask and
# a reply sentence that says "it is" with a value of a typed form (a price, a time, a count).
_WHAT_IS = re.compile(
    r"^\W*(?:(?:and|also|so|ok|okay)\W+)*what(?:'s|\s+is|\s+are|\s+was|\s+will\s+be)\b",
    re.IGNORECASE,
)
_IT_IS = re.compile(
    r"^\W*(?:it|that|they|this)(?:'s|\s+is|'re|\s+are|\s+was|'ll\s+be|\s+will\s+be)\b",
    re.IGNORECASE,
)
_VALUE_TYPES = frozenset(
    {"@price", "@time", "@clock", "@quantity", "@phone", "@email", "@url", "@size", "@frequency"}
)


def _value_for_what_is(ask: str, windows: list[_Window], draft: str) -> _Window | None:
    """The reply's first sentence saying "it is <value>" to the turn's only what-is ask."""
    if not _WHAT_IS.search(ask):
        return None
    first = next((w for w in windows if len(split_sentences(draft[w.start : w.end])) == 1), None)
    if first is None:
        return None
    text = draft[first.start : first.end]
    if _IT_IS.search(text) and first.terms & _VALUE_TYPES and not _defers(text):
        return first
    return None


# "Can I ...?" / "I was wondering if I can ..." is answered yes by "You can ...", the same
# words with the person swapped; "Can invoices show X?" is not ("You can download invoices").
_MAY_I = re.compile(
    r"\b(?:(?:can|could|may)\s+(?:i|we)|(?:i|we)\s+(?:can|could|may))\b|"
    # the same ask for leave in other words: "Is it possible to pay in instalments?", "Am I
    # able to ...", "Is it OK to ..."
    r"\b(?:is|would)\s+it\s+(?:be\s+)?(?:possible|ok|okay|alright|allowed)\s+(?:for\s+(?:me|us)\s+)?"
    r"to\b|\b(?:am\s+i|are\s+we)\s+(?:able|allowed)\s+to\b",
    re.IGNORECASE,
)
_YOU_MAY = re.compile(r"^\W*you\s+(?:can|can't|cannot|may)\b", re.IGNORECASE)
# "Do you engrave ...?" is answered by "We engrave ..." / "We don't engrave ...": the ask's own
# verb with the person swapped, as "yes" or "no" in full.
_DO_YOU = re.compile(
    r"\b(?:do|does|can|could|will|would)\s+(?:you|your\s+(?:team|store|shop|company))\s+"
    r"(?:\w+ly\s+)?([a-z]+)",
    re.IGNORECASE,
)
_WE_VERB = re.compile(
    r"^\W*(?:(?:yes|no|sure|sadly|unfortunately)\W+)?we\s+(?:(?:only|also|still|usually|always|"
    r"never|do\s+not|don't|can(?:not|'t)?|will|won't|now)\s+)?([a-z]+)",
    re.IGNORECASE,
)


# "Will it work ...?" / "Has my refund gone through?" answered "It will" / "It has": the ask's
# own auxiliary said back by the thing asked about.
_ASK_AUX = re.compile(
    r"^\W*(will|would|has|have|did|was|were|are|is|does|do|can|could)\b", re.IGNORECASE
)
_SAID_AUX = re.compile(
    r"^\W*(?:yes|no)?\W*(?:it|they|he|she)\s+(will|would|has|have|did|was|were|are|is|does|do|"
    r"can|could)(?:n't|\s+not)?\b",
    re.IGNORECASE,
)


# "Can I move my booking to Friday?" / "Could you send me the contract?" ask for something to
# be done: the thing done says yes ("I've moved your booking to the 08:30 on Friday").
_ASKS_DONE = re.compile(
    r"^\W*(?:(?:and|also|so|ok|okay)\W+)*(?:(?:can|could|may)\s+(?:i|we|you)|"
    r"(?:will|would)\s+you)\b",
    re.IGNORECASE,
)
# A completed act of ours opening the sentence: "I've moved ...", "We have just sent ...".
_DONE = re.compile(
    rf"^\W*(?:(?:ok(?:ay)?|great|sure|of\s+course|done|all\s+set)\W+)?{_WE_HAVE}"
    rf"(?:(?:just|now|already|also|gone\s+ahead\s+and)\s+)?(?!{_HANDED_ON}|contacted|been)"
    rf"{_PARTICIPLE}",
    re.IGNORECASE,
)


# "No problem at all." / "Happy to!" grant a "could I / can you ...?" ask as a yes does (to
# "Is it waterproof?" they say nothing: ``_EXPLICIT_YES_NO`` leaves them).
_NO_TROUBLE = re.compile(
    # a clause of its own: "No problem with the rest" or "Happy to help!" grants nothing
    r"^\W*(?:no\s+(?:problem|worries|trouble)|not\s+a\s+problem|happy\s+to|with\s+pleasure)"
    r"(?:\s+at\s+all)?\s*[.!,:;–—-]",
    re.IGNORECASE,
)


def _grants_request(ask: str, text: str) -> bool:
    """True when ``text`` opens by granting a "could I / can you ...?" ask ("No problem")."""
    asks = _ASKS_DONE.search(ask) or _ASKS_DONE.search(_last_clause(ask))
    return bool(asks) and bool(_NO_TROUBLE.search(text))


def _says_done(ask: str, text: str) -> bool:
    """True when ``text`` opens with the act a "can I / could you ...?" ask asks for, done.

    The act may be named ("I've moved ...") or only confirmed ("All sorted: ..."); where it
    is used, the sentence must still name the ask's topic. The ask may follow a clause of
    background ("We're away next month, can you pause the deliveries?").
    """
    asks = _ASKS_DONE.search(ask) or _ASKS_DONE.search(_last_clause(ask))
    return bool(asks) and bool(_DONE.search(text) or _GENERIC_ACT.search(_GREETING.sub("", text)))


# A greeting opening a reply sentence ("Hi Sam, all sorted"): no part of what it says.
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b[^,:;!.?]{0,30}[,!]\s*",
    re.IGNORECASE,
)


# A plea that names no thing of its own ("Is there anything you can do?", "Is there something
# you could do about it?"): it asks us to put right what the customer told, so a remedy of ours
# done, opening a reply sentence ("I've refunded the delivery charge", "We've booked a
# replacement heater"), answers it whatever it names. Any other act done is no remedy: "I've
# noted this on your account", "I've attached our policy", "I've updated your email address",
# "I've looked into it" leave the plea open. A handed-on case or an apology is no act at all
# (``_DONE`` leaves them).
_PLEA = re.compile(
    r"^\W*(?:(?:and|so|but|please)\W+)*(?:is|was)\s+there\s+(?:any|some)thing\s+(?:else\s+)?"
    r"(?:(?:you|we|your\s+team)\s+)?(?:can|could|might)\s+(?:do|try)\b(?:\s+(?:about|for)\s+"
    r"(?:it|this|that|me|us))?\W*$",
    re.IGNORECASE,
)
# What puts a wrong right: money back, a thing replaced or mended, a booking remade, a charge
# undone; or a visit, a replacement or money arranged.
_REMEDY = re.compile(
    r"\b(?:refunded|credited|reimbursed|compensated|replaced|repaired|fixed|rebooked|reissued|"
    r"extended|waived|reversed|reinstated|upgraded|cancelled|canceled)\b|"
    r"\b(?:booked|arranged|sent|ordered|dispatched|scheduled|issued|added|applied)\b"
    r"[^.;:]{0,40}?\b(?:replacement|new\s+one|engineer|technician|plumber|electrician|repair|"
    r"refund|credit|voucher|compensation|discount)",
    re.IGNORECASE,
)


def _answers_plea(ask: str, text: str) -> bool:
    """True when ``text`` opens with a remedy of ours done and ``ask`` is a plea naming nothing."""
    if not _PLEA.search(ask) or _defers(text):
        return False
    done = _DONE.search(text)
    return done is not None and bool(_REMEDY.search(text, done.start()))


# A permission ask ("Can we bring a gas stove?", "Is it OK to ...") answered by what is allowed:
# "Small camping stoves are fine", "Large bottles aren't allowed". The sentence still has to
# name the ask's topic (checked where it is used), so "Pets are fine" says nothing of stoves.
_ALLOWED = re.compile(
    r"\b(?:is|are|'s|'re)(?:\s+(?:absolutely|perfectly|totally|also|always))?\s+"
    r"(?:fine|ok|okay|allowed|permitted)\b|"
    r"\b(?:is|are)(?:n't|\s+not)\s+(?:allowed|permitted)\b|\b(?:not|never)\s+(?:allowed|permitted)\b",
    re.IGNORECASE,
)


# The thing a permission ask asks to have with it or use: the words after its verb up to a
# place, a time or a manner ("bring my dog | to the campsite", "pay the deposit | in cash").
_ASKED_OBJECT = re.compile(
    r"\b(?:bring|use|take|pay|leave|park|carry|wear|have|keep|store|fly|ride)\s+"
    r"((?:(?!to|into|in|on|at|for|with|without|inside|outside|overnight|during|by|near|from)"
    r"[\w'-]+\s*){1,4})",
    re.IGNORECASE,
)


# What a permission is said to hold for: "fine for the balance", "allowed on the terrace".
_ALLOWED_FOR = re.compile(
    r"\b(?:fine|ok|okay|allowed|accepted|welcome)\s+(?:for|on|in)\s+(?:the|your|any)\s+(\w+)", re.I
)


def _allowed_for_another(ask: str, text: str) -> bool:
    """True when ``text`` allows something for another thing than the one the ask names.

    "Can I pay the deposit by cheque?" met by "Cheques are fine for the balance": the
    means is allowed, for the balance; of the deposit nothing is said.
    """
    said = _ALLOWED_FOR.search(text)
    asked = _ASKED_OBJECT.search(ask)
    if said is None or asked is None:
        return False
    thing = _terms(asked.group(1))
    return bool(thing) and not thing & _terms(text) and not _terms(said.group(1)) & _terms(ask)


def _allowed_of_topic(ask: str, text: str, *, opens_reply: bool = False) -> bool:
    """True when ``text`` says of the thing the ask asks to have that it is allowed (or not).

    The clause's subject, before the predicate, must share a word with the asked object, not
    with the place: "Small camping stoves are fine" answers "Can we bring a gas stove to the
    campsite?", "The campsite is fine for tents" not. A bare pronoun ("That's fine") stands
    for the asked act only when it opens the reply's first answering sentence
    (``opens_reply``): after a clause or a sentence of its own it points back to that.
    """
    said = _ALLOWED.search(text)
    asked = _ASKED_OBJECT.search(ask)
    if said is None or asked is None:
        return False
    before = text[: said.start()]
    # "That's fine outside rush hour" to "Can I bring my bike on the train?": nothing comes
    # before the pronoun for it to point back to, so it is the act asked about
    if _ACT_PRONOUN.fullmatch(before.strip()):
        return opens_reply
    subject = re.split(r"[,;:]", before)[-1]
    return bool(_terms(subject) & _terms(asked.group(1)))


# A subject that is only a pronoun for the act asked about: "That", "It", "This".
_ACT_PRONOUN = re.compile(r"(?:that|it|this)(?:'s)?", re.IGNORECASE)


def _says_asked_aux(ask: str, text: str) -> bool:
    """True when ``text`` opens with the yes/no ask's own auxiliary ("It will", "It hasn't")."""
    asked, said = _ASK_AUX.search(ask), _SAID_AUX.search(text)
    if asked is None or said is None:
        return False
    return asked.group(1).lower() == said.group(1).lower()


def _says_asked_verb(ask: str, text: str) -> bool:
    """True when ``text`` opens with "we" and the verb of a "do you <verb>" ask."""
    asked, said = _DO_YOU.search(ask), _WE_VERB.search(text)
    if asked is None or said is None:
        return False
    verb = _terms(asked.group(1))
    if not verb:
        # "Do you have it in stock?" / "We have one copy left": a verb too common to be a
        # content term still answers in its own word
        return asked.group(1).lower() == said.group(1).lower()
    return bool(verb & _terms(said.group(1)))


# "Can someone come back out to look at it?" is answered by "An engineer will come back on
# Thursday": the ask's own verb said back as what will happen, whoever does it ("can he come
# back?" - "Our fitter will come back on Wednesday").
_SOMEONE_DO = re.compile(
    r"\b(?:can|could|will|would)\s+(?:someone|somebody|anyone|anybody|you|he|she|they|"
    r"your\s+\w+|an?\s+\w+|the\s+\w+)\s+(?:\w+ly\s+)?([a-z]+)",
    re.IGNORECASE,
)
_WILL_DO = re.compile(
    r"\b(?:will|'ll|(?:is|are)\s+going\s+to)\s+(?:\w+ly\s+)?(?:be\s+)?([a-z]+)", re.IGNORECASE
)


_IF_BEFORE = re.compile(r"\b(?:if|unless|should|in\s+case)\b", re.IGNORECASE)


def _says_asked_verb_ahead(ask: str, text: str) -> bool:
    """True when ``text`` says the ask's own verb will be done ("... will come back on ...").

    A condition on it ("if the fault comes back") or a deferral leaves the ask open.
    """
    asked = _SOMEONE_DO.search(ask)
    if asked is None or _OPEN_OFFER.search(text) or _defers(text):
        return False
    word = asked.group(1).lower()
    verb = _terms(word)
    # a verb too common to be a content term ("come", "send") answers in its own word
    return any(
        (verb & _terms(m.group(1)) if verb else m.group(1).lower() == word)
        and not _IF_BEFORE.search(text[: m.start()])
        for m in _WILL_DO.finditer(text)
    )


# "Is fuel included in the hourly rate?", 「ヘルメットはセットに含まれていますか」 ask whether a
# thing costs extra: a sentence naming that thing as included, covered, free or charged (a price)
# answers it, yes or no, in whatever words ("Fuel is covered", 「ガソリン代はかかりません」
# 「ヘルメットが無料で付いております」). Another thing's price ("The hourly rate is $9") does not.
# The words that say a thing is part of what is paid for, one source for the ask and the
# reply. 込み after a noun is "included" (料金込み, 税込み); after a verb stem it is another
# word (持ち込み: to bring in, 申し込み: to apply).
_INCLUDED_EN = r"included|includes?|including|covered|covers?|comes?\s+with"
_INCLUDED_JA = r"含まれ|(?<=[一-龥ァ-ヶー])込み|付い|付き|付属"
_INCLUSION_ASK = re.compile(rf"\b(?:{_INCLUDED_EN})\b|{_INCLUDED_JA}", re.I)
_INCLUSION_SAID = re.compile(
    rf"\b(?:{_INCLUDED_EN}|free|no\s+(?:extra\s+|additional\s+)?"
    r"(?:charge|cost|fee)|(?:at\s+)?extra\s+cost|charged?\s+(?:separately|extra))\b|"
    rf"{_INCLUDED_JA}|無料|かかりません|かかります|別途|有料",
    re.I,
)
# "Does the tour price include lunch?": the thing asked after is what follows the verb, not
# the price named before it.
_INCLUDES_WHAT = re.compile(
    r"\b(?:include|includes|cover|covers|come\s+with|comes\s+with)\s+"
    r"(?:(?:the|a|an|my|our|your|any)\s+)?(\w[\w' -]{0,60}?)\W{0,8}$",
    re.I,
)
_JA_TOPIC = re.compile(r"^\W*(.+?)(?:は|って|も)")
# the noun that ends a Japanese topic: ヘルメット of 「レンタル料にヘルメットは」
_JA_LAST_NOUN = re.compile(r"[一-龥ァ-ヶーA-Za-z0-9]+$")


def _says_inclusion(ask: str, text: str, terms: set[str]) -> bool:
    """True when ``text`` says whether the thing an inclusion ask names costs extra.

    The thing must be the ask's own, whole: "The tour price includes the boat trip" says
    nothing of lunch, "Ski hire is charged separately" nothing of ski lessons, and
    「朝食会場は…」 nothing of 「朝食は」 (the noun must stand as the sentence's own topic).
    """
    if not _INCLUSION_ASK.search(ask):
        return False
    if not (_INCLUSION_SAID.search(text) or "@price" in supplied_types(text)):
        return False
    if JAPANESE.search(ask):
        topic = _JA_TOPIC.search(ask)
        noun = _JA_LAST_NOUN.search(topic.group(1)) if topic else None
        # one kanji alone (代 of ガソリン代) names no thing
        if noun is None or len(noun.group()) < 2:
            return False
        return bool(re.search(re.escape(noun.group()) + r"(?:は|が|も|を|って|込|代|料)", text))
    after = _INCLUDES_WHAT.search(ask)
    thing = _terms(after.group(1)) if after else set(yes_no_shape(ask).subject)
    return bool(thing) and thing <= terms


# Japanese answers a yes/no ask by saying its own verb back, plain or negated, the topic left
# unsaid: 「キャンセル料はかかりますか」 - 「三日前まではかかりません」. The verb is the ask's last
# predicate before its polite ending; light verbs (できる, ある, なる) say nothing of their own
# and are read elsewhere with the ask's topic. A noun marked by any particle before the verb
# that is not the ask's own speaks of another thing: 「サイズも選べます」「Wi-Fiも使えます」
# 「四名様まで泊まれます」「お電話でしたら変えられます」 say nothing of 「色は」「駐車場は」
# 「ペットは」「ネットで」; a point of time (「前日まで」) only bounds the act.
_JA_ASK_VERB = re.compile(
    r"(?:^|[はがをにへもと、])([^はがをにへもと、]{1,5}?)(?:て(?:い|お(?:り)?))?(?:ます|ません)"
    r"(?:でしょう)?か[。？?！!\s]*$"
)
_JA_LIGHT_VERBS = frozenset({"でき", "あり", "ござい", "なり", "いただけ", "もらえ", "し", "いけ"})
# starting only where a run of kanji, katakana or Latin letters starts: linear on a long run
_JA_TOPIC_NOUN = re.compile(
    # a noun of two or more, or a kanji with さ (長さ, 重さ: a measure's name)
    r"(?<![一-龥ァ-ヶーA-Za-z0-9-])([一-龥ァ-ヶーA-Za-z0-9][一-龥ァ-ヶーA-Za-z0-9-]+|[一-龥]さ)"
    r"(は|が|を|も|に|まで|でしたら|なら)"
)
# a point of time before まで (「前日まで」「三日前まで」) bounds the act, no other topic
_JA_POINT_OF_TIME = re.compile(r"[日週月年時前後]$")
# かかる asks a cost after a charge (送料, キャンセル料, 代, 費) and a time after a length; a
# length of time (「三日ほどかかります」「数日かかります」) is no answer to a cost ask.
_JA_CHARGE_NOUN = re.compile(r"[料代費金](?:は|って|も|が)")
_JA_LENGTH_OF_TIME = re.compile(
    r"(?<![0-9一二三四五六七八九十数何半])[0-9一二三四五六七八九十数何半]+"
    # 三日前, 三日後 name a point, not a length: 「三日前まではかかりません」 answers a cost ask
    r"(?:日|日間|週間|時間|分|か月|ヶ月|カ月|年)(?![前後目])"
)


def _says_asked_verb_ja(ask: str, text: str) -> bool:
    """True when ``text`` ends on the Japanese yes/no ask's own verb, with no other topic."""
    asked = _JA_ASK_VERB.search(ask.strip())
    if asked is None or asked.group(1) in _JA_LIGHT_VERBS:
        return False
    ends = re.search(
        re.escape(asked.group(1)) + r"(?:て(?:い|お(?:り)?))?(?:ます|ません)[。.!！]?\s*$", text
    )
    if ends is None:
        return False
    if (
        asked.group(1).startswith("かか")
        and _JA_CHARGE_NOUN.search(ask)
        and _JA_LENGTH_OF_TIME.search(text)
    ):
        return False
    own = content_terms(ask)
    return all(
        content_terms(noun) & own or (particle == "まで" and _JA_POINT_OF_TIME.search(noun))
        for noun, particle in _JA_TOPIC_NOUN.findall(text[: ends.start()])
    )


# A yes or a no standing alone as its own clause ("We do: ...", "Absolutely! ...", "No -"):
# with one yes/no ask in the turn, there is nothing else it can answer. "Yes, we ship to
# Australia" is not alone: what follows the comma is what it says yes to.
_PLAIN_YES_NO = re.compile(
    rf"^\W*(?:(?:{YES_WORD}|{NO_WORD})\s*[.:;!–—-]|"
    # a qualified no standing as its own clause: "Not at first - a keyboard will do", "Not yet."
    r"not\s+(?:at\s+first|initially|yet|really|at\s+all)\s*[.:;!–—-]|"
    # a yes or no drawn as the conclusion: "Corkage is £10 a bottle, so yes, you're welcome to"
    r".*[,;]\s*so\s+(?:yes|no)\b|"
    # an auxiliary with its verb left unsaid is a whole clause, a comma after it too: "You can,
    # as many times as you like", "It is: the shell is sealed", "We do, from May"
    r"(?:we|you|it|they)\s+(?:do|don't|do\s+not|does|doesn't|can|can't|cannot|will|won't|is|"
    r"isn't|are|aren't)\s*[,.:;!–—-])",
    re.IGNORECASE,
)


# "Do I need to print my ticket?" is answered by "No need" or "You'll need to ...": the ask's
# own "need" said back, as a yes or a no.
_NEED_ASK = re.compile(
    # anyone may be the one who has to: "does someone have to be home?"
    r"\b(?:do|does|will|would)\s+(?:i|we|you|it|they|some(?:one|body)|any(?:one|body))\s+"
    r"(?:need|have)\s+to\b|\b(?:must|should)\s+(?:i|we|some(?:one|body)|any(?:one|body))\b|"
    r"\b(?:do|does|will|would)\s+(?:i|we)\s+need\b|\bis\s+it\s+(?:necessary|required|compulsory)\b",
    re.IGNORECASE,
)
_NEED_SAID = re.compile(
    # leave to do otherwise says no: "You're welcome to drop her off", "Feel free to leave"
    r"^\W*(?:(?:you're|you\s+are)\s+(?:welcome|free)\s+to|feel\s+free\s+to)\b|"
    r"^\W*(?:(?:yes|no)\W+)?(?:(?:there'?s\s+)?no\s+need|not\s+(?:needed|necessary|required)|"
    r"(?:you|we|it|they)(?:'ll|\s+(?:don't|do\s+not|doesn't|won't|will\s+not|will|do|does))?\s+"
    r"(?:need|have\s+to|must)\b)",
    re.IGNORECASE,
)


# 「予約は必要ですか」「買わないといけませんか」 answered by 「不要です」「必要ございません」
# 「…で結構です」「…で大丈夫です」: whether it is needed, said as the sentence's predicate.
_JA_NEED_ASK = re.compile(
    r"必要(?:です|でしょう|があります|ありま(?:す|せん))か|要りますか|"
    r"(?:なければ|なくては|ないと)(?:いけ|なら|だめ)"
)
_JA_NEED_SAID = re.compile(
    r"(?:(?:不要|必要)(?:です|でございます|となります)|必要(?:は|が)?(?:ありません|ございません)|"
    r"要りません|結構です|大丈夫です)[。.!！]?\s*$"
)


# "Do I need to bring my own paddle?", 「道具は持っていかなくても大丈夫ですか」: whether the
# customer must bring a thing, answered by our providing that very thing ("Paddles are provided
# at the boathouse", 「道具は教室でご用意します」「傘は無料でお貸ししております」): no, they need
# not. Only an ask of need (must, should, need to; 必要, なくても大丈夫, ほうがいい), not a
# permission ("Can I bring my dog?") nor a request to us ("Can you pack it?", 「持ってきてもらえ
# ますか」); and the provision must name the thing to bring, not another thing beside it. The
# thing is the object of the bring verb (up to three words, stopping at a preposition or a
# conjunction; in Japanese the noun marked は/を/も before 持って/持参). Bounded: linear.
_BRING_THING_EN = re.compile(
    r"\b(?:bring|take\s+along|carry|pack)\s+(?:(?:my|our|your|a|an|the|any|some)\s+)?(?:own\s+)?"
    r"(?P<thing>[a-z]+(?:[\s-](?!(?:when|if|to|for|with|on|at|in|into|and|or|along|myself|"
    r"ourselves)\b)[a-z]+){0,2})",
    re.IGNORECASE,
)
_BRING_THING_JA = re.compile(
    rf"(?P<thing>[おご]?[{KANJI}{KATAKANA}ー]{{1,12}})(?:は|を|も|って)[^。？?、]{{0,8}}?"
    r"(?:持って(?:いか|いく|行か|行く)|持参)"
)
_LAST_RUN = re.compile(rf"(?:[a-z]+|[{KANJI}]+|[{KATAKANA}ー]+)$", re.IGNORECASE)
_BRING_NEED_EN = re.compile(
    r"\b(?:need|needs|have\s+to|has\s+to|must|should|necessary|required)\b", re.IGNORECASE
)
_BRING_NEED_JA = re.compile(
    r"必要|要りますか|なくても(?:大丈夫|いい|よい|平気|構いませ)|(?:ほう|方)が(?:いい|よい|良い)|べき"
)
_PROVIDED = re.compile(
    r"\b(?:(?:is|are|will\s+be)\s+(?:all\s+|always\s+)?(?:provided|supplied|lent|loaned)|"
    r"(?:we|i)(?:'ll|\s+will|\s+can)?\s+(?:provide|supply|lend|loan)|on\s+loan)\b|"
    r"(?:ご用意|ご準備)(?:します|いたします|しております|いたしております|がございます|があります)|"
    r"お貸し(?:します|いたします|しております|いたしております|出し)|"
    r"貸し?出し(?:して|いたして)(?:おります|います)|備え付け|完備",
    re.IGNORECASE,
)


def _provides_what_to_bring(ask: str, text: str) -> bool:
    """True when ``text`` says we provide the very thing a need-to-bring ask names.

    "Do I need to bring my own paddle?" - "Paddles are provided at the boathouse." A
    provision of another thing ("Life jackets are provided"), a sale of it, a permission ask
    or a request to us is no answer.
    """
    ja = bool(JAPANESE.search(ask))
    need = _BRING_NEED_JA if ja else _BRING_NEED_EN
    bring = (_BRING_THING_JA if ja else _BRING_THING_EN).search(ask)
    if bring is None or not need.search(ask) or not _PROVIDED.search(text):
        return False
    # the head of the thing: its last word ("yoga mat" -> mat; 「自転車用ヘルメット」 -> the last
    # run of one script), so that a provision of the modifier ("Bikes are provided" for "my own
    # bike helmet") says nothing of it
    head = _LAST_RUN.search(bring.group("thing"))
    thing = content_terms(head.group(0)) if head else set()
    return bool(thing) and bool(thing & _terms(text))


def _asks_need(ask: str) -> bool:
    """True when ``ask`` asks whether something is needed ("do I need to book?", 「必要ですか」)."""
    return bool(_JA_NEED_ASK.search(ask) if JAPANESE.search(ask) else _NEED_ASK.search(ask))


def _says_need(ask: str, text: str) -> bool:
    """True when ``text`` answers a "do I need to ...?" ask by saying whether it is needed.

    In Japanese the need is the closing predicate, and a topic phrase of another thing
    (「駐車場は不要です」 to 「予約は必要ですか」) says it of that thing instead; asking the
    customer for the very thing asked about (「ヘルメットの着用をお願いしております」 to
    「ヘルメットは必要ですか」) says yes, it is needed.
    """
    if JAPANESE.search(ask):
        if not _JA_NEED_ASK.search(ask):
            return False
        if _JA_NEED_SAID.search(text):
            return _ja_fine_of_asked(ask, text) and not _ja_topic_of_another(ask, text)
        # a request is read in its own clause: a reason before it (「宅内での作業がございます
        # ので、」) opens on a thing of its own that is no rival topic
        return _ja_asks_for_needed(ask, text) and not _ja_topic_of_another(ask, _last_clause(text))
    if not _NEED_ASK.search(ask):
        return False
    need = _NEED_SAID.search(text)
    if need is not None:
        # leave to do otherwise ("You're welcome to leave the keys") names an act of its own
        leave = bool(re.search(r"\b(?:welcome|free)\s+to$", need.group(0), re.IGNORECASE))
        return leave or not _need_of_another(ask, text[need.end() :])
    # what is enough instead, said of the asked thing by a pronoun inside its subject phrase
    # ("A PDF of it is enough", "Showing it on your phone will do" to "Do I need to print my
    # ticket?"): no, it is not needed. A subject that is only a pronoun ("These are enough")
    # may stand for anything said before.
    suffices = _SUFFICES.search(text)
    if suffices is None:
        return False
    subject = re.split(r"[,;:]", text[: suffices.start()])[-1].strip()
    # the pronoun after the subject's first word, so inside a phrase and not the subject itself
    return bool(_OF_THE_ASKED.intersection(re.findall(r"\w+", subject.lower())[1:]))


# The thing a Japanese need ask names: the last word before は/が/って and the need, after any
# particle (「スキー教室にヘルメットは必要ですか」: ヘルメット; 「立ち会いは要りますか」: 立ち会い).
_JA_NEEDED_THING = re.compile(r"([^、。は が]{1,16}?)(?:は|が|って)(?:必要|要り|いり)")
_JA_PARTICLE = re.compile(r"[にのでとを、]|とき|際")
# A sentence asking the customer to do or bring something: 「…をお願いいたします」「…をお願い
# しております」「…をご用意ください」「…を着用してください」.
_JA_ASKED_OF_CUSTOMER = re.compile(
    r"(?:お願い(?:いた|致)?し(?:ます|ております)|お願いします|ください|下さい)[。.!！]?\s*$"
)


def _ja_asks_for_needed(ask: str, text: str) -> bool:
    """True when ``text`` asks the customer for the thing a Japanese need ask names.

    A request to contact us is not the thing; the thing's own words must be in the request.
    """
    if not _JA_ASKED_OF_CUSTOMER.search(text):
        return False
    named = _JA_NEEDED_THING.search(normalise_width(ask))
    if named is None:
        return False
    thing = _JA_PARTICLE.split(named.group(1))[-1]
    terms = content_terms(thing)
    return bool(terms) and terms <= content_terms(text)


# A sentence closing on what suffices: "... is enough", "... will do", "... is all you need"
# ("is fine" says leave, not sufficiency: "Using them after a class is fine").
_SUFFICES = re.compile(
    r"\b(?:is|are|will\s+be)\s+(?:quite\s+|perfectly\s+)?(?:enough|sufficient|all\s+you\s+need)"
    r"\s*[.!]?\s*$|\bwill\s+do\s*[.!]?\s*$",
    re.IGNORECASE,
)
# The asked thing pointed back to from inside a subject phrase: "a PDF of it", "showing them".
_OF_THE_ASKED = frozenset({"it", "them"})


# An explicit yes or no opening a sentence ("Yes, at any time from Account > Plan").
_EXPLICIT_YES_NO = re.compile(
    rf"^\W*(?:{YES_WORD}|(?!no\s+(?:problem|worries|trouble)){NO_WORD})\b",
    re.IGNORECASE,
)


def _yes_with_particulars(text: str, terms: set[str], *, explicit: bool = False) -> bool:
    """True for a yes or a no that goes on to give particulars: steps, a time, a price, a count.

    Said to the turn's only yes/no ask ("Is there a quiet hour?" -> "Yes, we ask guests to keep
    the noise down from 11 pm until 7 am"), it answers that ask in other words; a bare claim
    after the yes ("Yes, we ship to Australia") may be about anything, and does not.
    ``explicit`` takes only a yes or a no said first, not a Japanese predicate's (「…できます」
    says what is allowed, which may be another thing than the ask's).
    """
    said = _EXPLICIT_YES_NO.search(text) or (not explicit and _JA_PREDICATE_ANSWER.search(text))
    # a place is no particular of the ask's: 「駐車場は店舗の裏にございます」 says where
    # something else is
    return bool(said) and any(t.startswith("@") and t != "@place" for t in terms)


# Japanese says yes or no at the end: 「建物の裏に10台分ございます」「2週間まで延長可能です」;
# 「…でございます」 is only the polite copula, no yes.
_JA_PREDICATE_ANSWER = re.compile(
    r"(?:(?<!で)ございます|(?<!で)あります|できます|いただけます|可能です|承ります|ございません|ありません|"
    r"できません|いただけません|いたしかねます)[。.!！]?\s*$"
)
# Leave granted in other words: 「撮影して構いません」「お子様連れでも差し支えございません」.
# Only a settled ask (``done``, under the topic guard) takes these, never a yes with
# particulars: 「DVDの延長は2週間まで構いません」 gives particulars of another thing.
_JA_LEAVE = re.compile(
    r"(?:構いません|差し支え(?:ございません|ありません)|大丈夫です)[。.!！]?\s*$"
)
# 「結構です」「大丈夫です」 close any clause (「ご返信いただければ結構です」「忘れても
# 大丈夫です」「営業しておりますので大丈夫です」); they settle the ask only said of a thing, a
# noun with で (「サインで結構です」「ゲストのままで」「来ていただくだけで」), or with the ask's
# own noun in the sentence.
_JA_FINE = re.compile(r"(?:結構|大丈夫)です[。.!！]?\s*$")
_JA_FINE_OF_THING = re.compile(
    rf"(?:[{KANJI}{KATAKANA}A-Za-z0-9]|だけ|のみ|まま)でも?(?:結構|大丈夫)です[。.!！]?\s*$"
)


# 「初心者ですが大丈夫でしょうか」 asks whether all is well; 「ご心配ありません」「問題ありません」
# 「ご安心ください」 closing a sentence say it is, in the ask's own kind of word.
_JA_FINE_ASK = re.compile(
    r"(?:大丈夫|問題(?:ない|ありません|ございません)|平気)(?:です|でしょう)?か[。?？]?\s*$"
)
_JA_NO_WORRY = re.compile(
    r"(?:(?:ご)?心配(?:は|も)?(?:ありません|ございません|いりません|要りません|無用です)|"
    r"問題(?:は|も)?(?:ありません|ございません)|大丈夫です|ご安心ください)[。.!！]?\s*$"
)


# "Is it free?", 「無料ですか」「有料ですか」: a yes/no ask about the charge.
_FREE_ASK = re.compile(r"\b(?:free|chargeable)\b|無料|有料|タダ", re.IGNORECASE)
# The charge said either way: "there's no charge", "you don't pay anything", "it's free",
# 「料金はかかりません」「無料です」「有料となります」.
_CHARGE_SAID = re.compile(
    r"\bno\s+(?:extra\s+|additional\s+)?(?:charge|cost|fee)s?\b|\bfree\s+of\s+charge\b|"
    r"\b(?:don't|do\s+not|doesn't|does\s+not|won't|will\s+not|never)\s+(?:pay|cost|charge)\b|"
    r"\b(?:is|are|it's|they're)\s+(?:completely\s+|totally\s+|always\s+)?free\b|"
    r"(?:料金|費用|お金|代金|手数料)(?:は|も)?(?:一切)?(?:かかり(?:ません|ます)|(?:いただき|頂き)ません)|"
    r"(?:無料|有料)(?:です|でご|となり|にて|で承)",
    re.IGNORECASE,
)
# The charge itself as a clause's topic names no rival one (「料金はかかりません」); after the
# thing charged for it makes that thing the topic (「振替に料金は」 is said of 振替).
_JA_CHARGE_TOPIC = re.compile(r"(?:^|(?<=[^\W\d_])に)(?:料金|費用|お金|代金|手数料)(?=は|も)")


def _says_charge(ask: str, text: str) -> bool:
    """True when ``text`` says whether there is a charge, to a yes/no ask about one.

    Said of another thing it is no answer: 「会員は駐車場が無料です」 to 「レッスンは無料ですか」
    opens on a topic of its own, "Parking is free" names nothing of "Is the tour free?".
    """
    free = _FREE_ASK.search(ask)
    if free is None or not _CHARGE_SAID.search(text):
        return False
    if JAPANESE.search(ask):
        clause = _last_clause(text)
        # 「料金は」 opening drops whole; 「振替に料金は」 reads as 「振替は」
        return not _ja_topic_of_another(
            ask, re.sub(r"^[はも]", "", _JA_CHARGE_TOPIC.sub("", clause).replace("には", "は"))
        )
    # the thing charged for, not the charge itself ("free" is the ask's predicate)
    thing = _topic(ask) - _terms(free.group(0))
    if _said(ask, text) & thing:
        return True
    # "It's free" stands for the thing asked; "It's free to return anything" names its own act
    return bool(_IT_IS.search(text)) and not _FREE_TO_ACT.search(text)


# "free to <verb>": the act that costs nothing, named by the sentence itself.
_FREE_TO_ACT = re.compile(r"\bfree\s+to\s+[a-z]", re.IGNORECASE)


# Words that stand for the thing asked or for any thing: "you'll need to print it", "you
# don't need to bring anything".
_STANDS_FOR_ANY = re.compile(
    r"\b(?:it|them|that|this|one|any|anything|something|everything|all)\b", re.IGNORECASE
)


def _need_of_another(ask: str, rest: str) -> bool:
    """True when the need said (``rest`` follows "you must") is of a thing the ask never names.

    "You must return the laptop" to "Must I return the charger too?" repeats the ask's verb
    of another object: the words after the verb name none of the ask's own.
    """
    # the need's own verb straight after it, the ask's verb again ("must return the ...")
    said = re.match(r"\s+(?:to\s+)?([A-Za-z]+)\s+([^,;:.!?]+)", rest)
    if said is None or _STANDS_FOR_ANY.search(said.group(2)):
        return False
    verb = content_terms(said.group(1))
    if not verb or not verb <= _topic(ask):
        return False
    asked = _topic(ask) - verb
    named = content_terms(said.group(2)) - verb
    return bool(asked and named) and not _said(ask, said.group(2)) & asked


def _ja_fine_back(ask: str, text: str) -> bool:
    """True when ``text`` closes on "no worry" to an ask closing on "is that all right?".

    Said of a thing of its own (「お支払いについてはご心配ありません」) it is no answer; a
    reason before it (「…から始めますので、」) opens no rival topic.
    """
    return (
        bool(_JA_FINE_ASK.search(normalise_width(ask).strip()))
        and bool(_JA_NO_WORRY.search(text))
        and not _ja_topic_of_another(ask, _last_clause(text))
    )


def _last_clause(text: str) -> str:
    """The clause closing a Japanese sentence: what follows its last comma."""
    return re.split(r"[、,]", text)[-1]


def _ja_fine_of_asked(ask: str, text: str) -> bool:
    """False when ``text`` closes on 結構です/大丈夫です said of no thing the ask names."""
    fine = _JA_FINE.search(text)
    if fine is None:
        return True
    # the predicate's own words (an ask may close on 大丈夫ですか too) name no thing
    shared = _terms(ask) & _terms(text) - _terms(fine.group(0))
    return bool(_JA_FINE_OF_THING.search(text)) or bool(shared)


def _heads_of_compounds(terms: set[str], text: str) -> set[str]:
    """The one-kanji ``terms`` that head a kanji compound of ``text`` (犬 of 小型犬).

    A Japanese compound is headed by its last part, so 小型犬 and 介助犬 are kinds of 犬:
    said of them, a yes says yes of the dog the ask names. A single kanji before the head
    must modify it as a prefix does (``_kind_of``): 狛犬 and 番犬 are no pet dogs.
    """
    return {
        t
        for t in terms
        if _ONE_KANJI.match(t)
        and any(
            len(m.group(1)) > 1 or _kind_of(m.group(0), t)
            for m in re.finditer(f"([{KANJI}]{{1,3}}){t}(?![{KANJI}])", text)
        )
    }


# The topic a Japanese sentence opens on: the nouns up to its first は, が or も, with those
# joined by の (「DVDの延長は」); も marks a topic as は does, adding it to another
# (「駐車場も広いので」).
# (でも/ても is "even with", no topic: 「ワンちゃん連れでも差し支えございません」.)
_JA_OPENING_TOPIC = re.compile(r"^[^。、は がも]{1,30}?(?:は|が|(?<![でて])も)")
# The customer as the topic - people of a kind (「未経験の方も」「お子様連れのお客様は」) - is
# the one who asked, not a rival thing.
_JA_PERSON_TOPIC = re.compile(r"(?:方|人|方々|皆様|皆さま|お客様|お客さま)(?:は|が|も)$")


def _ja_topic_of_another(ask: str, text: str) -> bool:
    """True when the Japanese ``text`` opens on a thing of its own that the ask never names.

    「DVDの延長はネットでも構いません」 grants leave for DVDs, not for the 本 of 「本の貸出延長は
    ネットでできますか」: a word of the sentence's topic phrase that the ask lacks (even
    inside its compounds) means another thing competes for what is allowed.
    """
    opening = _JA_OPENING_TOPIC.match(text)
    if opening is None or _JA_PERSON_TOPIC.search(opening.group(0)):
        return False
    asked = normalise_width(ask).lower()
    own = content_terms(ask)
    # words are read in Sudachi's normalised form (振替 as 振り替え): the ask's own words too
    forms = {word.form for word in content_words(asked)}
    # a time or degree noun (最初は, 今回は: Sudachi's 副詞可能) frames the sentence and names
    # no thing, so ``content_words`` leaves it out
    return any(
        word.form not in asked
        and word.form not in forms
        and not _with_compounds(set(content_terms(word.form)), own, ask) & own
        for word in content_words(opening.group(0))
    )


def _polar_window(
    windows: list[_Window],
    draft: str,
    wanted: set[str],
    first: bool,
    ask: str = "",
    sole: bool = False,
    only_polar: bool = False,
    only_need: bool = False,
) -> _Window | None:
    """The reply sentence that says yes or no to a yes/no ask ("Yes, it has taped seams.").

    It must share a word with the ask, or, for the turn's first yes/no ask, go on about the
    thing asked (a pronoun pointing back, "Yes, it ..."; Japanese leaves it unsaid), settle it
    by an act ("Of course, I've moved the due date"), or say nothing more ("Yes!"). "Yes, we
    ship to Australia." names something else and answers another ask. When it is the turn's
    only ask, or its only yes/no ask (``only_polar``: a how-much ask beside it wants no yes), a
    yes or no standing as a clause of its own answers it whatever follows ("We do: our late
    clinic runs until 8 pm"). Whether a thing is needed ("There's no need to book") answers
    the turn's first yes/no ask, or its only ask about a need (``only_need``): the need is the
    slot, whatever the thing is called ("make an appointment").
    """
    topic = {t for t in wanted if not t.startswith("@")}
    asks_may_i = bool(_MAY_I.search(ask))
    # The reply answers in the turn's order: a yes with particulars opening the reply ("Yes, the
    # usual hours apply, 8 till 8.") answers the turn's first yes/no ask as it would the only one.
    opening = windows[0] if first and windows else None
    for window in windows:
        sentences = split_sentences(draft[window.start : window.end])
        if len(sentences) != 1:
            continue
        text = sentences[0].text
        says_yes = (
            POLAR_ANSWER.search(text)
            or (asks_may_i and _YOU_MAY.search(text))
            or (asks_may_i and _allowed_of_topic(ask, text, opens_reply=window is windows[0]))
            or _says_asked_verb(ask, text)
            or _says_asked_verb_ahead(ask, text)
            or _says_inclusion(ask, text, window.terms)
            or _says_asked_verb_ja(ask, text)
            or _says_asked_aux(ask, text)
            or _says_need(ask, text)
            or _provides_what_to_bring(ask, text)
            or _ja_fine_back(ask, text)
            or _grants_request(ask, text)
            or _says_exists(ask, text)
            or restates_head(ask, text)
            or (sole and _yes_with_particulars(text, window.terms))
            or (window is opening and _yes_with_particulars(text, window.terms, explicit=True))
            or ((sole or only_polar) and _PLAIN_YES_NO.search(text))
        )
        if _says_charge(ask, text) and not _defers(text):
            return window  # the charge said of the asked thing, either way
        # a done act says yes only on the ask's own topic ("I've sent you our timetable" moves
        # no seat), so it stands apart from the forms that may point back by a pronoun; so does
        # a Japanese sentence ending in a yes or a no (「自転車はお貸出しいただけます」): it
        # names what it allows, and answers the ask only when that is the ask's topic
        done = not says_yes and (
            _says_done(ask, text)
            or _answers_plea(ask, text)
            or bool(
                JAPANESE.search(ask)
                and (
                    _JA_PREDICATE_ANSWER.search(text)
                    or (_JA_LEAVE.search(text) and _ja_fine_of_asked(ask, text))
                )
                and not _ja_topic_of_another(ask, text)
            )
        )
        # a yes beside a promise of news ("You're welcome to drop her off and we'll text you
        # when she's ready") is still a yes
        if not (says_yes or done) or (_defers(text) and not _defers_only_by_notice(text)):
            continue
        own = window.terms | _kinds_said(text, topic)
        said = (
            _with_compounds(
                _with_synonyms(_with_synonyms(own, word_synonyms(ask)), wordnet_synonyms(ask)),
                topic,
                ask,
            )
            if ask
            else own
        )
        said = said | _heads_of_compounds(topic - said, text)
        if done:
            if topic & said or _answers_plea(ask, text):
                return window
            continue
        if (
            topic & said
            or (sole and _yes_with_particulars(text, window.terms))
            or (window is opening and _yes_with_particulars(text, window.terms, explicit=True))
            or ((sole or only_polar) and _PLAIN_YES_NO.search(text))
            or ((first or only_need) and _says_need(ask, text))
            # the reply opening on a yes or a no, in a turn of several asks where only this
            # one wants it: "Can you shorten trousers from another shop? How long?" -
            # "Absolutely, we alter clothes from anywhere." (what follows the yes may serve
            # the other asks; to a turn's only ask, "Yes, we ship to Australia" says nothing
            # of paying by PayPal)
            or (only_polar and not sole and window is opening and _EXPLICIT_YES_NO.search(text))
        ):
            return window
        rest = POLAR_ANSWER.sub("", text)
        if first and (
            _grants_request(ask, text)
            or JAPANESE.search(text)
            or _POINTS_BACK.search(rest)
            or ANSWER_ACT.search(rest)
            or not content_terms(rest)
        ):
            return window
    return None


def _generic_act(
    question: Question, mode: str, windows: list[_Window], draft: str
) -> _Window | None:
    """A confirmation naming no topic, settling a request or problem alone, or ``None``.

    Only for an ask none of whose words the draft holds ("All taken care of!",
    「手続きが完了いたしました」).
    """
    if mode == "question" or _direct_terms(question.text, windows):
        return None
    return next(
        (w for w in windows if w.end - w.start and _GENERIC_ACT.search(draft[w.start : w.end])),
        None,
    )


def _act_on_context(
    question: Question, mode: str, windows: list[_Window], draft: str
) -> _Window | None:
    """A reply act on the problem a request came with, or ``None``.

    "My lamp arrived broken. Can you replace it?" answered by "I've sent a new lamp".
    """
    if mode == "question" or not question.context:
        return None
    topic = content_terms(question.context)
    for window in windows:
        text = draft[window.start : window.end]
        if topic & window.terms and _acts(text, undertaking=False) and not _defers(text):
            return window
    return None


# A pronoun that stands for the thing an instruction acts on ("Open it and choose Rename").
_OBJECT_PRONOUN = re.compile(r"\b(?:it|them|they|one|ones)\b", re.IGNORECASE)


def _with_pronoun_focus(window: set[str], text: str, wanted: set[str], focus: AskFocus) -> set[str]:
    """The window's terms plus the ask's focus, when the answer names the focus by a pronoun.

    "How do I rename a playlist?" is answered by "Open it, tap the dots and choose Rename":
    steps (the form asked for) that do the ask's own action on "it"; "Where's my card?" by
    "It was posted on Tuesday": a status of "it". Only a window of the form the ask wants
    (steps, a status) holding a pronoun; steps must also share an ask word besides the focus.
    """
    kind = next((k for k in ("@procedure", "@status") if k in wanted and k in window), None)
    if kind is None or not focus.focus:
        return window
    if focus.focus & window or not _OBJECT_PRONOUN.search(text):
        return window
    others = [word for word in focus.words if not word & focus.focus]
    if kind == "@procedure" and not any(word & window for word in others):
        return window
    return window | focus.focus


def _score_windows(
    question: Question,
    wanted: set[str],
    windows: list[_Window],
    kb: _KBIndex,
    draft: str = "",
    others: frozenset[str] = frozenset(),
) -> tuple[list[tuple[float, _Window]], set[tuple[int, int]]]:
    """Each window's score for the ask, and the spans of the windows naming only its focus.

    A window naming only the focus without the form asked for is at most partial, and no act
    in it settles the ask ("You can return ..." for "how do I start a return").
    """
    focus = _focus(question.text)
    answer = _kb_answer_terms(wanted, kb, focus)
    weights = kb.weights
    synonyms = word_synonyms(question.text)
    wordnet = wordnet_synonyms(question.text)
    scored: list[tuple[float, _Window]] = []
    bare: set[tuple[int, int]] = set()
    # Yes/no asks and reports are answered by other means than a value of their form.
    asks_value = question.kind == "question" and not is_polar(question.text)
    values = wanted & VALUE_TYPES if asks_value else set()
    topic = _topic(question.text)

    def said(text: str) -> frozenset[str]:
        return _said(question.text, text)

    def on_topic(text: str) -> bool:
        return bool(said(text) & topic)

    linked: list[set[str]] = []
    for w in windows:
        own = w.terms
        if own & values:
            own = own - (values - linked_types(question.text, draft[w.start : w.end], on_topic))
        if "@place" in own and place_by_menu_only(draft[w.start : w.end]):
            # a menu path leading to another thing is no place of the ask's
            own = own if on_topic(draft[w.start : w.end]) else own - {"@place"}
        linked.append(own)
    # Talking around the ask: the reply gives values (a time, a price, a count) beside the
    # ask's topic, yet none of the form asked for about the ask itself ("How much is the
    # membership?" met by "It runs for 12 months and covers 8 clubs"). It is left out, not
    # half answered, whatever topic words it repeats. An ask in yes/no form that names a value
    # ("Is there a fee?") may be answered by a yes or a no instead, and a value may depend on
    # something the reply names ("It depends on the size of the flat").
    value_unsaid = (
        bool(values)
        and not polar_in_form(question.text)
        # "Where would I see the price list?" names a price but wants a place or steps
        and not wanted & {"@procedure", "@place"}
        and not any(own & values for own in linked)
        and not any(says_it_depends(draft[w.start : w.end]) for w in windows)
    )
    around = value_unsaid and any(
        w.terms & VALUE_TYPES and on_topic(draft[w.start : w.end]) for w in windows
    )
    # Skirting: a value ask whose reply gives no value at all ("Your lenses are being cut at
    # our lab" to "When will they be ready?"), or a yes/no ask whose on-topic sentences take
    # no stand. Read from words alone this also meets correct replies that give the value or
    # the stand in words the lexicon does not type ("after the half-term break", "kept at 29
    # degrees", "covered up to 100"), so it is capped at partial for the agent to see in the
    # report, never a missing ask and its unanswered_question flag.
    span_unsaid = _span_unsaid(question, windows, draft, on_topic)
    skirted = not around and (
        value_unsaid or _skirts_yes_no(question, windows, draft, said) or span_unsaid
    )
    for w, own in zip(windows, linked, strict=True):
        strong = _with_synonyms(own | _kinds_said(draft[w.start : w.end], wanted), synonyms)
        held = _with_synonyms(strong, wordnet)
        terms = _with_answer_types(_with_compounds(held, wanted, question.text), wanted)
        terms = _with_pronoun_focus(terms, draft[w.start : w.end], wanted, focus)
        weak = frozenset(held - strong)
        score = _score(wanted, answer, terms, weights, focus, weak)
        if _names_only_focus(wanted, terms, focus):
            bare.add((w.start, w.end))
            score = min(score, PARTIAL_SCORE)
        text = draft[w.start : w.end]
        if (
            _value_of_another_ask(own & values, terms, focus, others)
            or span_unsaid
            or other_place(question.text, text)
            or _allowed_for_another(question.text, text)
        ):
            # no act in it settles this ask either ("... and you can pick one at reception",
            # "Your massage is booked for 3 pm" to "how long does it last?")
            bare.add((w.start, w.end))
        if around:
            score = min(score, OFF_FOCUS_CAP)
        elif skirted or (w.start, w.end) in bare:
            score = min(score, PARTIAL_SCORE)
        scored.append((score, w))
    return scored, bare


def _value_of_another_ask(
    given: set[str], terms: set[str], focus: AskFocus, others: frozenset[str]
) -> bool:
    """True when a window's value is said of another ask's thing, not of this ask's.

    "Do you rent lockers? And how much is a monthly desk?" met by "Lockers are £10 a month":
    the price is the lockers', the desk's is left out (the window misses a word of this ask's
    focus). ``others`` are the focus words of the turn's other asks that this ask does not
    name.
    """
    return bool(given) and bool(focus.focus - terms) and bool(terms & others)


def _span_unsaid(
    question: Question,
    windows: list[_Window],
    draft: str,
    on_topic: Callable[[str], bool],
) -> bool:
    """True when a how-long ask is met on its topic by no length of time, only points in time.

    "How long does a cleaning take?" met by "Our next free cleaning is at 2:30 on Friday": a
    time of another event, not how long the asked one takes (``supplies_span``).
    """
    if question.kind != "question" or not asks_span(question.text):
        return False
    texts = [draft[w.start : w.end] for w in windows]
    named = [text for text in texts if on_topic(text)]
    return bool(named) and not any(supplies_span(text) for text in texts)


@per_run  # asked of each reply sentence for an ask in every window holding it, by two checks
def _said(ask: str, text: str) -> frozenset[str]:
    """The terms ``text`` says of ``ask``: under the ask's synonyms, and its topic's compounds."""
    held = _with_synonyms(_with_synonyms(_terms(text), word_synonyms(ask)), wordnet_synonyms(ask))
    return frozenset(_with_compounds(held, _topic(ask), ask))


def _skirts_yes_no(
    question: Question,
    windows: list[_Window],
    draft: str,
    said: Callable[[str], frozenset[str]],
) -> bool:
    """True when the reply names a yes/no question's topic without a yes or a no.

    Every reply sentence on its topic skirts it (``says_neither``: no stand, not the word it
    turns on) and none acts on it: "Will the drivers carry it upstairs?" met by "Our drivers
    work in pairs". A reply that never names its topic is left to the other tests.
    """
    if question.kind != "question" or not is_polar(question.text):
        return False
    topic = _topic(question.text)
    named = {
        sentence.text
        for w in windows
        for sentence in split_sentences(draft[w.start : w.end])
        if said(sentence.text) & topic
    }
    # an act the sentence names only as a thing ("Membership freezing is popular") says
    # nothing of whether it can be done: the head counts as said only as a verb
    return bool(named) and all(
        (
            says_neither(question.text, text, said(without_named_acts(text)))
            or _names_act_only(question.text, text, said)
            or _only_talks_about(question.text, text, said)
        )
        and not _acts(text)
        and not (_WE_DO.search(text) or says_humble_visit(text))
        for text in named
    )


# A Japanese phrase the rest of the sentence is said about: 「会員の休止については…」.
_ABOUT_JA = re.compile(r"について(?:は)?|に関して(?:は)?|に関する|の件(?:は|で)")
# What says yes or no to a Japanese yes/no ask after such a phrase: a possibility, a
# refusal, a yes or a no, what we take on (承ります), a fee or none.
_JA_VERDICT = re.compile(
    r"でき(?:ます|ません|る|ない)|いただけ(?:ます|ません)|可能|不可|かねます|ません|ない|大丈夫|"
    r"承|受け付け|お受け|対応|まで|無料|有料|円|"
    rf"{JA_YES_WORD}|{JA_NO_WORD}"
)


def _only_talks_about(ask: str, text: str, said: Callable[[str], frozenset[str]]) -> bool:
    """True when ``text`` names the ask's words only in what it talks about, not in a verdict.

    「会員の休止については今月多くのお問い合わせをいただいております」 to 「会員を休止できますか」:
    the ask is the topic of the sentence (について), and what is said of it is neither a
    yes nor a no (many people ask about it).
    """
    about = _ABOUT_JA.search(text)
    if about is None:
        return False
    topic = _topic(ask)
    # the word the yes or no turns on (休止), else the ask's words
    key = yes_no_shape(ask).head or topic
    rest = text[about.end() :]
    return (
        bool(said(text[: about.start()]) & topic)
        and not said(rest) & key
        and not _JA_VERDICT.search(rest)
    )


def _names_act_only(ask: str, text: str, said: Callable[[str], frozenset[str]]) -> bool:
    """True when ``text`` names the yes/no ask's act only as a thing, taking no stand.

    "Can I borrow a bike while mine is fixed?" met by "Borrowing a bike while yours is fixed
    is something many customers ask about": the act is the sentence's topic, not its verb.
    """
    head = yes_no_shape(ask).head
    return (
        bool(head & said(text))
        and not head & said(without_named_acts(text))
        and not takes_a_stand(text)
    )


@per_run  # read for every reply sentence an ask's terms are matched against
def _topic(text: str) -> frozenset[str]:
    """The ask's own words without a condition after it ("after her operation").

    "When can I collect my car after the MOT?" is about collecting the car: a time of the
    MOT is no time of that.
    """
    core = _ask_core(text)
    main = _CONDITION_AFTER.sub("", core) if not JAPANESE.search(core) else core
    return frozenset(
        t for t in _terms(main if content_terms(main) else core) if not t.startswith("@")
    )


def _answers_beside_deferral(ask: str, text: str) -> bool:
    """True when a clause of ``text`` deferring nothing answers ``ask`` in its form.

    That is a yes or a no to a yes/no ask, or the form of the asked answer (a time, a price).
    A deferral leaves a question open only when nothing beside it answers it: "Yes, you can
    change it online; I'll check the fare difference and get back to you" answers "Can I
    change it online?", and "We'll look into extending hours, but for now we open at 9 am"
    answers "What time do you open?". "Sure, I'll check with billing and get back to you"
    (one clause, deferring) and "Thanks for flagging it. We'll look into it." stay pending.
    """
    wanted = asked_types(ask)
    polar = is_polar(ask)
    # beside it: in the deferring sentence itself (a link or a yes in another sentence of the
    # window may serve another ask)
    return any(
        (polar and bool(POLAR_ANSWER.search(c) or _JA_REFUSAL.search(c)))
        or bool(supplied_types(c) & wanted)
        for s in split_sentences(text)
        if _defers(s.text)
        for c in clauses(s.text)
        if not _defers(c)
    )


def _deferring_clauses_blanked(draft: str) -> str:
    """``draft`` with its deferring clauses blanked out, every other offset kept."""
    out = list(draft)
    for sentence in split_sentences(draft):
        at = 0
        for clause in clauses(sentence.text):
            start = sentence.text.find(clause, at)
            if start < 0:
                continue
            at = start + len(clause)
            if _defers(clause):
                begin = sentence.start + start
                out[begin : begin + len(clause)] = " " * len(clause)
    return "".join(out)


def _deferral_beside_apology(
    scored: list[tuple[float, _Window]],
    best: tuple[int, int] | None,
    best_score: float,
    status: str,
    draft: str,
    mode: str = "problem",
    ask: str = "",
) -> _Window | None:
    """The deferral scoring as high as the best window, when that window only apologises.

    "I'm sorry your package isn't there. I've opened a trace, and we'll get back to you": the
    apology names the problem as well as the pair with the deferral does, and the problem is
    pending. A question or a request is deferred so only when the best window is an apology or
    a thanks giving nothing of any answer's form ("Thanks for flagging the double charge. We'll
    look into it." for "Why did the kettle order bill me two times?"): pending, and the runner's
    deferred_question says whether the KB could have answered it.
    """
    best_text = draft[best[0] : best[1]] if best else ""
    apology_only = bool(APOLOGY.search(best_text)) and not _says_something(best_text)
    if mode != "problem" and not (apology_only and not supplied_types(best_text)):
        return None
    if status != "partial" and not apology_only:
        return None
    # a question's deferral window gives none of the answer ("It opens at 7 am; we'll let you
    # know if that changes" answers "When does the pool open?")
    answer_forms = asked_types(ask) if mode != "problem" else frozenset()
    return next(
        (
            w
            for sc, w in scored
            if sc >= best_score - 1e-9
            and _defers(draft[w.start : w.end])
            and not supplied_types(draft[w.start : w.end]) & answer_forms
            # nor answers it beside the deferral ("Yes, you can change it online; I'll check
            # the fare difference and get back to you")
            and not (mode != "problem" and _answers_beside_deferral(ask, draft[w.start : w.end]))
        ),
        None,
    )


# What will happen, said as a plan: "A claims handler will review it within five days".
# Japanese says it by what is planned or expected and by work under way: 「明日お届けの予定です」,
# 「15時頃の復旧を見込んでおります」, 「現在復旧作業中です」.
_PLAN = re.compile(
    r"\b(?:will|'ll|is\s+going\s+to|are\s+going\s+to)\s+\w+|"
    r"予定(?:です|でございます|となって(?:おります|います))|見込(?:みです|んで(?:おります|います))|"
    r"(?:作業|対応|手配|復旧)中(?:です|でございます)",
    re.IGNORECASE,
)


def _next_step(question: Question, windows: list[_Window], draft: str) -> QuestionAssessment | None:
    """The answer to "What happens now?" / "What are my options?", or ``None``.

    Such an ask takes its topic from the conversation, so no word of it need recur: the first
    reply sentence that acts, fixes, gives steps, offers or tells what will happen answers it
    (a deferral leaves it pending). ``None`` for any other ask.
    """
    last = split_sentences(question.text)[-1].text if question.text.strip() else ""
    if not WHAT_NEXT.search(normalise_width(last)):
        return None
    for window in windows:
        text = draft[window.start : window.end]
        if len(split_sentences(text)) != 1 or (APOLOGY.search(text) and not _says_something(text)):
            continue
        status: QuestionStatus | None = None
        if _defers(text):
            status = "pending"
        elif _acts(text) or FIX.search(text) or "@procedure" in window.terms or _PLAN.search(text):
            status = "answered"
        if status is not None:
            return _assessed(question, status, window)
    return None


def _assessed(question: Question, status: QuestionStatus, window: _Window) -> QuestionAssessment:
    """``question`` judged ``status``, its answer the reply window ``window``."""
    return QuestionAssessment(
        id=question.id,
        text=question.text,
        status=status,
        answer_span=Span(start=window.start, end=window.end),
    )


def _pointing_back(question: Question) -> tuple[str, str] | None:
    """(sentences before, asking sentence) of an English ask that points back, else None.

    The ask's last sentence takes its topic from the ones before it ("... Where is it?").
    """
    if JAPANESE.search(question.text):
        return None
    sentences = split_sentences(question.text)
    if len(sentences) < 2 or not points_back(sentences[-1].text):
        return None
    return " ".join(s.text for s in sentences[:-1]), sentences[-1].text


def _as_asked(question: Question, pointing: tuple[str, str] | None) -> Question:
    """An English ask that points back as the judge reads it: its asking sentence, resolved.

    "My card was ordered ten days ago and hasn't come. Where is it?" asks where the card is:
    the form (where) is the last sentence's, the topic what "it" stands for. The sentence
    before goes to the ask's context, as a problem merged into an ask does. ``pointing`` is
    :func:`_pointing_back` of the ask.
    """
    if pointing is None:
        return question
    before, asking = pointing
    return Question(
        question.id,
        resolved(asking, before),
        question.kind,
        " ".join(t for t in (before, question.context) if t),
    )


# The order of statuses from the one that says least is answered to the one that says most.
_STRICTNESS: dict[QuestionStatus, int] = {"missing": 0, "partial": 1, "pending": 2, "answered": 3}


def _others_focus(question: Question, questions: list[Question]) -> frozenset[str]:
    """The focus words of the turn's other asks that ``question`` does not name itself."""
    own = _question_terms(question.text)
    wants = own & VALUE_TYPES
    if not wants or len(questions) < 2:
        return frozenset()  # only a value ask is read against the others' things
    # an ask wanting the same kind of value may be this one again in other words ("when will
    # I get paid? when will the money be in my account?"): its words tell nothing apart; an
    # ask that points back ("how much would that be?") takes its thing from another ask
    if points_back(question.text) or _POINTS_BACK.search(question.text):
        return frozenset()
    # an ask named only by its slot ("how long does it take", 「どのくらい時間が」) is about
    # a thing another ask names: nothing tells it apart either
    slot_words = stands_for(VALUE_TYPES)
    thing = {t for t in _focus(question.text).focus - slot_words if not t.startswith("#")}
    if not thing:
        return frozenset()
    words = set().union(
        *(
            _focus(q.text).focus
            for q in questions
            if q.id != question.id and not asked_types(q.text) & wants
        )
    )
    return frozenset(words - own)


class LexicalJudge:
    """Offline judge: question and KB-answer term overlap with draft sentences."""

    name = "lexical"

    def assess(
        self, questions: list[Question], draft: str, ctx: GuardrailContext
    ) -> list[QuestionAssessment]:
        """Return one assessment per question, in the same order."""
        if not questions:
            return []
        # a soft line wrap is a space (same length: every span below still points into draft)
        draft = unwrap_soft_breaks(draft)
        # judged as asked, reported as told: the report keeps the customer's own words
        pointing = [_pointing_back(q) for q in questions]
        asked = [_as_asked(q, p) for q, p in zip(questions, pointing, strict=True)]
        assessed = self._judged(asked, draft, ctx)
        # A question deferred beside its answer ("Yes, you can change it online; I'll check the
        # fare difference and get back to you") is judged on the rest of the reply.
        # Only the deferring window itself counts: a yes in another sentence may answer
        # another ask ("Yes, the cot is suitable from birth. Delivery depends on the area; I'll
        # email you by tomorrow" leaves "Do you deliver to holiday cottages?" open).
        aside = [
            i
            for i, (q, a) in enumerate(zip(asked, assessed, strict=True))
            if a.status == "pending"
            and a.answer_span is not None
            and _mode(q) != "problem"
            and _answers_beside_deferral(q.text, draft[a.answer_span.start : a.answer_span.end])
        ]
        if aside:
            rest = self._judged(asked, _deferring_clauses_blanked(draft), ctx)
            for i in aside:
                if rest[i].status == "answered":
                    assessed[i] = rest[i]
        # A reply that takes up another thing of the sentence before and not what "it" stands
        # for ("Our store is open till 9" after "I ordered a lamp from your store. When will it
        # come?") tells nothing of which reading is right: the stricter of the two stands.
        doubtful = [
            i for i, p in enumerate(pointing) if p is not None and speaks_of_another(p[0], draft)
        ]
        if doubtful:
            whole = self._judged(questions, draft, ctx)
            for i in doubtful:
                if _STRICTNESS[whole[i].status] < _STRICTNESS[assessed[i].status]:
                    assessed[i] = whole[i]
        return [
            a.model_copy(update={"text": q.text}) for a, q in zip(assessed, questions, strict=True)
        ]

    def _judged(
        self, questions: list[Question], draft: str, ctx: GuardrailContext
    ) -> list[QuestionAssessment]:
        """``assess`` for asks as the judge reads them."""
        echoes: list[Sentence] = []
        candidates = answer_candidates(
            split_sentences(draft), [q.text for q in questions], _says_something, _defers, echoes
        )
        windows = _windows(candidates, echoes)
        kb = _kb_index(ctx.articles)
        polar = [q.id for q in questions if is_polar(q.text)]
        # a request in yes/no form (「使いたいです」, "could you send it?") wants an act more than
        # a yes: the turn's yes/no questions, for a stand read by form alone
        polar_questions = [q.id for q in questions if q.kind == "question" and q.id in polar]
        rivals = _rival_topics(questions)
        needs = [q.id for q in questions if _asks_need(q.text)]
        assessed = [
            _next_step(q, windows, draft)
            or self._assess_one(
                q,
                draft,
                windows,
                kb,
                polar_first=polar[:1] == [q.id],
                sole=len(questions) == 1,
                only_polar=polar == [q.id],
                only_polar_question=polar_questions == [q.id],
                only_need=needs == [q.id],
                ctx=ctx,
                others=_others_focus(q, questions),
                rivals=rivals[q.id],
            )
            for q in questions
        ]
        assessed = [_deferred_under_heading(a, candidates, echoes) for a in assessed]
        assessed = align_left_over(assessed, candidates, idle=_idle, terms=_terms)
        assessed = align_sole(assessed, candidates, idle=_idle, terms=_terms)
        if len(assessed) == 1:
            assessed = [_sole_ask_deferred(assessed[0], candidates)]
        return _matter_handed_over(assessed, candidates)

    def _assess_one(
        self,
        question: Question,
        draft: str,
        windows: list[_Window],
        kb: _KBIndex,
        *,
        polar_first: bool = False,
        sole: bool = False,
        only_polar: bool = False,
        only_polar_question: bool = False,
        only_need: bool = False,
        ctx: GuardrailContext | None = None,
        others: frozenset[str] = frozenset(),
        rivals: frozenset[str] = frozenset(),
    ) -> QuestionAssessment:
        wanted = _question_terms(question.text)
        if not wanted:  # nothing to match on ("Why?"): do not claim it is unanswered
            return QuestionAssessment(id=question.id, text=question.text, status="partial")
        mode = _mode(question)
        act = _generic_act(question, mode, windows, draft)
        if act is not None:
            return _assessed(question, "answered", act)
        scored, bare = _score_windows(question, wanted, windows, kb, draft, others)
        best: tuple[int, int] | None = None
        best_score = 0.0
        for score, window in scored:
            if score > best_score:
                best, best_score = (window.start, window.end), score
        settled = _settling_window(
            [(sc, w) for sc, w in scored if (w.start, w.end) not in bare],
            best_score,
            draft,
            mode,
            ctx,
        )
        if settled is not None:
            # "You're right, the invoice was sent in error. I've voided it.": the window that
            # also holds the act settles the ask, though the apology alone scored as high.
            best, best_score = (settled.start, settled.end), max(best_score, PARTIAL_SCORE)
        act = (
            _act_on_context(question, mode, windows, draft) if best_score < PARTIAL_SCORE else None
        )
        if act is not None:
            return _assessed(question, "answered", act)
        status = _status(best_score, draft[best[0] : best[1]] if best else "", mode, ctx)
        if status == "answered" and _short_of_slot(question, mode, draft, windows, best, bare):
            status = "partial"
        if status in {"partial", "answered"}:
            deferring = _deferral_beside_apology(
                scored, best, best_score, status, draft, mode, question.text
            )
            if deferring is not None:
                best, status = (deferring.start, deferring.end), "pending"
        # a promise of news of an event defers the ask only if nothing else answers it
        noticed = status == "pending" and _defers_only_by_notice(
            draft[best[0] : best[1]] if best else ""
        )
        if status in {"missing", "partial"} or noticed:
            other = _answer_in_other_words(
                question,
                mode,
                wanted,
                [
                    w
                    for w in windows
                    if (w.start, w.end) not in bare
                    and not other_place(question.text, draft[w.start : w.end])
                ],
                draft,
                polar_first,
                sole,
                only_polar,
                only_polar_question,
                only_need,
            )
            if other is not None:
                best, status = (other.start, other.end), "answered"
        best, status = _deferred_if_tied(
            best, status, scored, best_score, draft, question.text, rivals
        )
        span = Span(start=best[0], end=best[1]) if best and status != "missing" else None
        return QuestionAssessment(
            id=question.id, text=question.text, status=status, answer_span=span
        )

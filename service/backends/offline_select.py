"""Choosing what the offline drafter says: the best article and sentences for each question.

An article answers a question when it contains enough of the question's terms (coverage);
its sentences are ranked by overlap with the question, then with the rest of the customer's
message. A question asking "how" prefers step-by-step sentences, one asking "how much"
prefers sentences with figures. Below the coverage threshold the question is left pending.

What a question asks for counts as one of its terms: "when" / 何日 / いつまで is met by a
sentence on the question's subject that holds a time frame, "how much" / "a certain amount"
by one with a figure. And the question's distinctive terms, those the fewest passages hold,
must be in the article chosen: "請求が二重になっているのはなぜ" is not answered by a receipts
sentence that shares only 請求 with it. A when/why question about something overdue ("まだ
届かない", "still no refund") is about this customer's case, which no article can answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.figures import find_figures
from guardrails.sentences import sentence_texts
from guardrails.text.acronyms import looks_like_acronym, spelled_acronyms
from guardrails.text.agent_directed import agent_directed
from guardrails.text.imperative import is_command
from guardrails.text.mood import seems_upset
from guardrails.text.negation import EN_DO_NOT
from guardrails.text.word_class import is_common_word
from service.backends.base import DraftInputs, Passage
from service.backends.offline_check import (
    CAUSE,
    STEPS_GIVEN,
    TIME_FRAME,
    forms_given,
    forms_missing,
    forms_wanted,
)
from service.backends.offline_scrub import Scrubber
from service.backends.offline_text import TermMatcher, article_sentences, prose_lines
from service.backends.offline_topics import Topic, restate
from service.backends.offline_voice import apply_glossary

_STEPS_WANTED = {
    "en": re.compile(
        r"^(?:\w+,\s*)?(?:(?:then|so|please|can you|could you)\s+)*"
        r"(?:(?:tell|show|explain to) me\s+)?how (?:do|can|could|should|to|would)\b",
        re.IGNORECASE,
    ),
    "ja": re.compile(r"方法|どうすれば|どこから|どこで|どこに|手順|やり方|どのように"),
}
_FIGURES_WANTED = {
    "en": re.compile(
        r"\b(how much|how long|how soon|when|price|prices|cost|costs|fee|fees|pricing)\b", re.I
    ),
    "ja": re.compile(r"料金|価格|費用|いくら|金額|手数料|何日|どのくらい|どれくらい|期間|いつ"),
}
# A question asking when / how long must get the article's time frame, whatever else is copied.
_WHEN_WANTED = {
    "en": re.compile(r"\b(how long|how soon|when|how many (?:days|hours|weeks))\b", re.I),
    "ja": re.compile(
        r"いつ(?!でも|も)|何日|何営業日|何時間|どのくらい|どれくらい|かかりますか|までに"
    ),
}
# A question asking for an amount ("free over a certain amount?", "いくらですか").
_AMOUNT_WANTED = {
    "en": re.compile(r"\b(how much|amount|price|prices|cost|costs|fee|fees|minimum)\b", re.I),
    "ja": re.compile(r"いくら|料金|価格|費用|金額|手数料"),
}
# The kind of answer asked for, as pseudo-terms a sentence meets with a time frame / figure.
_WHEN = "⌚when"
_AMOUNT = "⌚amount"
# Something the customer is still waiting for: the usual time frame has passed already.
_OVERDUE = {
    "en": re.compile(
        r"\b(?:still (?:no|not|nothing|waiting|hasn't|haven't)|not (?:yet|arrived|received)|"
        r"(?:hasn't|haven't|has not|have not|didn't|did not|never) (?:\w+ )?"
        r"(?:arrived|received|come|came|reached|got))\b",
        re.I,
    ),
    "ja": re.compile(r"まだ[^。！？!?]{0,15}(?:ない|ません|ず)|届かない|届いていない|届きません"),
}
# A question about what usually happens ("How long does shipping usually take?") asks for the
# general rule, which an article states even when this case is late; the frequency adverbs
# of each language mark it (a closed word class, not phrases of any one case).
_GENERIC = {
    "en": re.compile(
        r"\b(?:usually|normally|typically|generally|in general|on average|ordinarily)\b", re.I
    ),
    "ja": re.compile(r"通常|普通は|普段|一般的に|たいてい|大抵|平均"),
}
_WHY_WHEN_WHERE = {
    "en": re.compile(r"\b(?:why|when|how long|where is|where are)\b", re.I),
    "ja": re.compile(r"なぜ|何故|どうして|なんで|いつ|何日|どこに"),
}
# Thanks and praise: a message of only these needs a thank-you, not an answer or a promise.
_GRATITUDE = {
    "en": re.compile(
        r"\b(thank(?:s| you)|appreciate|grateful|great (?:support|job|product|service)|love)\b",
        re.I,
    ),
    "ja": re.compile(r"ありがと|感謝|お礼|助かりました|おかげさまで|お陰様で"),
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
    "en": re.compile(rf"\b(?:{EN_DO_NOT}|cannot|can't)\b", re.IGNORECASE),
    "ja": re.compile(r"ないでください|になりません|お控えください"),
}


# A question with fewer terms than this ("How do I sign in now?") borrows the sentence
# before it ("I lost my phone and can't get the 2FA code.") to know what it is about.
_THIN_QUESTION = 3
# A thin question looks one statement back for what it is about; one with a pronoun ("Why
# can't I use it?") may point further back, past a remark ("This is false advertising.").
_LEAD_INS = 1
_LEAD_INS_WITH_PRONOUN = 2
_PRONOUN = {
    "en": re.compile(r"\b(?:it|this|that|them|they|these|those)\b", re.IGNORECASE),
    "ja": re.compile(r"それ|これ|あれ|その|この"),
}
# What follows "without" (or comes before 〜ずに) is what must not happen: still relevant,
# but the sentences to copy are those about the main request.
_NEGATED_CLAUSE = {
    "en": re.compile(r"\s*\b(?:without|instead of|rather than|but not)\b.*$", re.IGNORECASE),
    "ja": re.compile(r"^.*?(?:せずに|ずに|ないで)、?"),
}
# A leading subordinate clause says when or why, not what is asked: "Before I switch tools I
# want to download my projects", 「経費精算に使いたいので、領収書をいただけますか」. It ends at a
# comma, or where the main clause's subject starts.
_SUBORDINATE_LEAD = {
    "en": re.compile(
        r"^\s*(?:before|after|since|because|as|when|whenever|once|although|though|while|now\s+that"
        r"|so)\s+\S+.*?(?:,\s*|\s+(?=(?:i|we)\s))",
        re.IGNORECASE,
    ),
    "ja": re.compile(r"^.*?(?:ので(?!す)、?|ため、)"),
}
# A terse ask after a problem ("What can you do about it?") is about the problem, which may sit
# in an earlier message or the subject. The nearest few statements are looked at.
_PROBLEM_CONTEXT = 3
_EN_ASKS = re.compile(r"[?？]\s*$")
_JA_ASKS = re.compile(r"(?:[?？]|か[。.]?|かね[。.]?)\s*$")


@dataclass(frozen=True)
class Answer:
    """What the drafter found for one question: the article and sentences, or nothing."""

    topic: Topic
    passage: Passage | None
    sentences: tuple[str, ...]
    need: str | None = None  # a relevant article sentence on what the customer must send


@dataclass(frozen=True)
class _Candidate:
    # coverage, distinctive, best sentence, title, -rank
    key: tuple[float, int, int, int, int, int, int]
    matched: int
    passage: Passage
    sentences: tuple[str, ...]
    scores: tuple[tuple[int, int, int], ...]  # per sentence: focus + intent, question, context
    covers_rare: bool  # the article holds (one of) the question's distinctive terms
    on_rare: tuple[bool, ...] = ()  # per sentence: it holds one of them


@dataclass(frozen=True)
class _Wanted:
    all: frozenset[str]  # the question's terms (plus its lead-in when the question is thin)
    focus: frozenset[str]  # the main clause's terms: not "without changing my domain name"
    context: frozenset[str]  # the rest of the customer's message: breaks ties
    rare: frozenset[str] = frozenset()  # the question's terms the fewest passages hold
    rare_in: int = 0  # how many passages hold them
    need_rare: bool = True  # the article must hold one (not when a lead-in says the topic)
    unheld: frozenset[str] = frozenset()  # terms no passage holds: they tell no article apart
    distinctive: frozenset[str] = frozenset()  # all the wanted terms the fewest passages hold

    @property
    def weight(self) -> float:
        """How many terms an article must cover: one term no article holds counts half.

        One word the KB does not use is often the customer's own word for what an article
        says ("What perks do members get?"); it must not keep that article from answering.
        Two or more are a question about something the KB lacks ("Does it support SAML
        single sign-on?", "請求が二重になっているのはなぜ"), and count in full.
        """
        return len(self.all) - (0.5 if len(self.all & self.unheld) == 1 else 0.0)

    @property
    def needed(self) -> int:
        """Matched terms required: two, or one when the rest is that one word the KB lacks."""
        if len(self.all & self.unheld) == 1:
            return max(1, min(2, len(self.all) - 1))
        return min(2, len(self.all))


class AnswerFinder:
    """Finds, per question, the best-matching passage and the sentences to copy from it."""

    def __init__(
        self,
        terms: TermMatcher,
        min_coverage: float,
        max_sentences: int,
        scrub: Scrubber | None = None,
    ) -> None:
        self._terms = terms
        self.min_coverage = min_coverage
        self.max_sentences = max_sentences
        self.scrub = scrub or Scrubber()
        # Articles recur in every question and request on the same KB: read each once.
        self._vocabularies: dict[
            tuple[str, str, str], tuple[tuple[str, ...], list[frozenset[str]], frozenset[str]]
        ] = {}

    def answers(self, inputs: DraftInputs) -> list[Answer]:
        """Return one answer per question, in order (one for the message if none were asked).

        A message with no question that only thanks us gets no answer at all: nothing to
        answer and nothing to promise. Restated questions never carry personal data.
        """
        used: set[str] = set()
        language = inputs.language
        if not inputs.questions:
            if only_thanks(inputs.latest_customer_text, language):
                return []
            return [self._statement_answer(inputs, used)]
        out = []
        for question in inputs.questions:
            shown = self.scrub(question, language)
            topic = restate(shown, language, inputs.glossary)
            out.append(self._answer(question, topic, inputs, used, shown))
        return out

    def _statement_answer(self, inputs: DraftInputs, used: set[str]) -> Answer:
        """Answer a message without questions: as a whole, else its first answerable sentence."""
        text = inputs.latest_customer_text
        whole = self._answer(text, Topic("", False), inputs, used)
        if whole.passage is not None:
            return whole
        for sentence in sentence_texts(text):
            part = self._answer(sentence, Topic("", False), inputs, used)
            if part.passage is not None:
                return part
        return whole

    @staticmethod
    def need_sentence(answers: list[Answer]) -> str | None:
        """Return the first article sentence saying what the customer must send, if not said."""
        said = {s for a in answers for s in a.sentences}
        needs = [a.need for a in answers if a.need and a.need not in said]
        return needs[0] if needs else None

    def _answer(
        self,
        question: str,
        topic: Topic,
        inputs: DraftInputs,
        used: set[str],
        shown: str | None = None,
    ) -> Answer:
        language = inputs.language
        lang = "ja" if language == "ja" else "en"
        # The glossary maps the customer's words to the brand's, which the KB is written in;
        # personal data is no topic to match on.
        official = apply_glossary(shown if shown is not None else question, inputs.glossary)
        asks = _asks_for(question, lang)
        # The asked phrase keeps its lengths of time ("Is there a 12 month option?" asks about
        # the 12-month plan); only the customer's statements lose them (``_stated_terms``).
        own = self._terms.terms(official, language) | asks
        focus = self._terms.terms(_main_clause(official, language), language) | asks
        latest = apply_glossary(inputs.latest_customer_text, inputs.glossary)
        context = self._stated_terms(latest, language)
        before = _statements_before(question, inputs, language, self.scrub)
        if (
            _WHY_WHEN_WHERE[lang].search(question)
            and not _GENERIC[lang].search(question)
            and any(_OVERDUE[lang].search(text) for text in (question, *before))
        ):
            # "まだ届きません。いつ届きますか。": the usual time frame has passed already, so
            # only a look at this case answers; a question on the usual time frame is still
            # answered by the article that states it.
            return Answer(topic, None, ())
        unheld = self._unheld(own - asks, inputs.passages, language)
        # A common word no article uses ("new", "instead", "good") names no topic at all.
        noise = frozenset(t for t in unheld if is_common_word(t))
        own, focus, unheld = own - noise, focus - noise, unheld - noise
        # The distinctive terms of what is asked, not of a clause saying when or why.
        rare, rare_in = self._rare_terms((focus - asks) or (own - asks), inputs.passages, language)
        # A thin question ("How do I sign in now?") is read with the statement before it;
        # failing that, with its own words alone ("今日中に返金していただけますか": 返金).
        attempts: list[tuple[frozenset[str], frozenset[str], bool]] = []
        topic_free: list[tuple[frozenset[str], frozenset[str], bool]] = []
        if len(own - asks) < _THIN_QUESTION:  # "when"/"how much" name no topic
            pronoun = _PRONOUN[lang].search(question)
            reach = _LEAD_INS_WITH_PRONOUN if pronoun else _LEAD_INS
            # The statement just before, or the customer's earlier messages, are read with the
            # question; the subject only stands in for a question that names no topic at all
            # (below): it may be about something else ("Double charge on order #48213" does
            # not answer "do you ship to Canada?").
            earlier = _earlier_statements(inputs, language, self.scrub)
            subject = {self.scrub(inputs.subject, language)} if inputs.subject else set()
            for lead_in in before[:reach] + earlier + sorted(subject):
                extra = self._stated_terms(apply_glossary(lead_in, inputs.glossary), language)
                if not extra - own:
                    continue
                if lead_in not in subject:
                    attempts.append((own | extra, focus | extra, False))
                topic_free.append((extra | asks, extra | asks, False))
        attempts.append((own, focus or own, True))
        if focus and focus != own:
            attempts.append((focus, focus, True))  # the main clause alone
        if not (own - asks - unheld):
            # None of the question's words is a KB topic ("What can you do about it?", "What
            # happens now?"): it asks about the problem before it, so that problem is the query.
            attempts += topic_free
        for wanted, focused, need_rare in attempts:
            # The lead-in's own words the KB lacks count as unheld too, and its distinctive
            # terms decide between articles covering as much ("promo code ... Why can't I use
            # it?": the article on promo codes, not the one that also says "use" and "codes").
            extra_unknown = self._unheld(wanted - own - asks, inputs.passages, language)
            extra_noise = frozenset(t for t in extra_unknown if is_common_word(t))
            wanted, focused = wanted - extra_noise, focused - extra_noise
            distinctive = self._rare_terms(wanted - asks, inputs.passages, language)[0]
            terms = _Wanted(
                wanted,
                focused,
                context - wanted,
                rare,
                rare_in,
                need_rare,
                unheld | (extra_unknown - extra_noise),
                distinctive,
            )
            best = self._best(question, terms, inputs.passages, language)
            if best is not None:
                relevant = self._relevant(best, question, language)
                chosen = self._pick_sentences(best, relevant, used, question, language)
                if forms_missing(forms_wanted(question), chosen, language):
                    # The best article does not give what is asked (a cause, steps, a place,
                    # a time): it talks about the topic and answers nothing. Another reading
                    # of the question may find one that does; else the ask is deferred.
                    continue
                used.update(chosen)
                return Answer(topic, best.passage, chosen, _need(best, relevant, chosen, language))
        return Answer(topic, None, ())

    def _stated_terms(self, text: str, language: str) -> frozenset[str]:
        """The terms of a customer's statement ``text`` that may name a topic.

        A length of time the customer states ("down for two hours", 「2時間も」) says how
        long, not what about: its unit must not make an article holding "24 hours" look
        like the answer. What a "how long" asks for is its own pseudo-term (``_WHEN``).
        """
        spans = [(f.start, f.end) for f in find_figures(text) if f.kind == "duration"]
        for start, end in reversed(spans):
            text = text[:start] + " " + text[end:]
        return frozenset(self._terms.terms(text, language))

    def _rare_terms(
        self, own: frozenset[str], passages: tuple[Passage, ...], language: str
    ) -> tuple[frozenset[str], int]:
        """The question's distinctive terms: those held by the fewest (but some) passages.

        A term no passage holds says nothing about which article answers; among the others,
        the rarest is what the question is about ("二重" in a question on 請求, "PayPal").
        """
        if not own or not passages:
            return frozenset(), 0
        held = {term: 0 for term in own}
        for passage in passages:
            vocabulary = self._vocabulary(passage, language)[2]
            for term in self._holds(own, vocabulary):
                held[term] += 1
        counts = [n for n in held.values() if n]
        if not counts:
            return frozenset(), 0
        return frozenset(t for t, n in held.items() if n == min(counts)), min(counts)

    def _unheld(
        self, own: frozenset[str], passages: tuple[Passage, ...], language: str
    ) -> frozenset[str]:
        """The question's terms that no passage holds, as written or in other words."""
        held: set[str] = set()
        for passage in passages:
            if passage.audience != "internal":
                held |= self._holds(own, self._vocabulary(passage, language)[2])
        return own - held

    def _holds(self, terms: frozenset[str], vocabulary: frozenset[str]) -> frozenset[str]:
        """Those of ``terms`` that ``vocabulary`` holds, as written or in other words."""
        swaps = self._terms.swaps(terms, vocabulary)
        return frozenset(t for t in terms if t in vocabulary or t in swaps)

    def _vocabulary(
        self, passage: Passage, language: str
    ) -> tuple[tuple[str, ...], list[frozenset[str]], frozenset[str]]:
        """A passage's sentences, their terms, and every term of the article (title too).

        Sentences written as instructions to agents ("Ask the customer for ...") still tell
        what the article is about, but are not among the sentences that may be copied.
        """
        key = (passage.title, passage.body, language)
        found = self._vocabularies.get(key)
        if found is None:
            every = article_sentences(passage.body)
            sentences = _for_customers(passage.body, language)
            sentence_terms = [
                self._terms.terms(s, language) | _acronyms(s, language) for s in sentences
            ]
            covered = (
                self._terms.terms(passage.title, language) | _acronyms(passage.title, language)
            ).union(*sentence_terms, *(self._terms.terms(s, language) for s in every))
            found = (sentences, sentence_terms, covered)
            if len(self._vocabularies) >= _VOCABULARY_CACHE:  # KBs change: bound the memory
                self._vocabularies.pop(next(iter(self._vocabularies)))
            self._vocabularies[key] = found
        return found[0], list(found[1]), found[2]

    def _best(
        self, question: str, terms: _Wanted, passages: tuple[Passage, ...], language: str
    ) -> _Candidate | None:
        best: _Candidate | None = None
        for rank, passage in enumerate(passages):
            if passage.audience == "internal":
                continue  # grounding for the agent, never quoted to the customer
            candidate = self._candidate(question, terms, passage, rank, language)
            if candidate is None or not self._answers_well(candidate, terms, len(passages)):
                continue  # a closer match that cannot answer must not hide one that can
            if best is None or candidate.key > best.key:
                best = candidate
        return best

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
        sentences, sentence_terms, covered = self._vocabulary(passage, language)
        covers_rare = not (wanted.rare and wanted.need_rare) or bool(
            self._holds(wanted.rare, covered)
        )
        on_rare = tuple(bool(self._holds(wanted.rare, terms)) for terms in sentence_terms)
        # The customer's words in the article's spelling ("使えない" -> 利用, "入れる" -> 入力).
        align = self._terms.align
        weight = wanted.weight
        wanted_distinctive = wanted.distinctive
        wanted = _Wanted(
            align(wanted.all, covered),
            align(wanted.focus, covered),
            align(wanted.context, covered),
        )
        # A sentence on the question's subject with a time frame / figure meets "when" / "how
        # much"; what it met counts for the whole article too.
        lang = "ja" if language == "ja" else "en"
        topical = wanted.all - _ASKS
        sentence_terms = [
            terms | _answers_kind(sentence, lang) if terms & topical else terms
            for sentence, terms in zip(sentences, sentence_terms, strict=True)
        ]
        covered = covered.union(*sentence_terms)
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
        distinctive = int(bool(self._holds(wanted_distinctive, covered)))
        # An exact tie is broken by the title before the KB's order: an article whose title
        # names what is asked is about it ("How do I use a promo code?": "Coupons and promo
        # codes", not the two-factor article that also says "use" and "codes").
        titled = len(wanted.focus & self._terms.terms(passage.title, language))
        key = (matched / weight, distinctive, *best, titled, -rank)
        return _Candidate(key, matched, passage, sentences, scores, covers_rare, on_rare)

    def _answers_well(self, candidate: _Candidate, wanted: _Wanted, passages: int) -> bool:
        # Two matched terms at least (one if the question has only one), so a single common
        # word such as "account" does not make an unrelated article look like an answer; one
        # is enough when it is the question's own rare term, held by this passage alone
        # ("Can I pay with PayPal?").
        one_rare = passages > 1 and wanted.rare_in == 1 and any(candidate.on_rare)
        enough_terms = candidate.matched >= wanted.needed or one_rare
        return (
            enough_terms
            and candidate.covers_rare
            and candidate.key[0] >= self.min_coverage
            and candidate.key[2] > 0
        )

    @staticmethod
    def _relevant(candidate: _Candidate, question: str, language: str) -> list[int]:
        """Indices of the sentences worth copying, best first.

        Sentences scoring at least half the best; then any sentence on the question's subject
        holding a time frame ("within 5-10 business days"): what happens next, and when. If
        some sentence holds the question's distinctive term, only those are worth copying
        ("返金をお願いします" gets the refund sentence, not the return-shipping one).
        """
        scores = candidate.scores
        on_rare = tuple(
            score if rare else (0, 0, 0)
            for score, rare in zip(scores, candidate.on_rare, strict=True)
        )
        if on_rare and max(on_rare)[0] > 0:
            scores = on_rare
        floor = max(1, (max(scores)[0] + 1) // 2)
        ranked = sorted(
            (i for i, score in enumerate(scores) if score[0] >= floor),
            key=lambda i: (-scores[i][0], -scores[i][1], -scores[i][2], i),
        )
        timed = TIME_FRAME["ja" if language == "ja" else "en"]
        ranked += [
            i
            for i, score in enumerate(scores)
            if i not in ranked and score[1] > 0 and timed.search(candidate.sentences[i])
        ]
        return ranked

    def _pick_sentences(
        self,
        candidate: _Candidate,
        ranked: list[int],
        used: set[str],
        question: str,
        language: str,
    ) -> tuple[str, ...]:
        fresh = [i for i in ranked if candidate.sentences[i] not in used] or ranked
        picked = fresh[: self.max_sentences]
        lang = "ja" if language == "ja" else "en"
        if _WHEN_WANTED[lang].search(question):
            # "How long does a refund take?" must get the time frame even if it ranks lower.
            timed = [i for i in ranked if TIME_FRAME[lang].search(candidate.sentences[i])]
            # The article was chosen as the answer: its time frame answers "how long" even
            # when the sentence shares no word with the ask ("Refunds reach your card within
            # 5-10 business days" for "How long until the duplicate charge is back?").
            timed = timed or [
                i
                for i, sentence in enumerate(candidate.sentences)
                if TIME_FRAME[lang].search(sentence)
            ]
            if timed and not set(timed) & set(picked):
                picked = [*picked[: max(0, self.max_sentences - 1)], timed[0]]
        picked = self._with_forms(candidate, ranked, picked, used, question, language)
        chosen = set(picked)
        anaphor = _ANAPHOR[lang]
        # A chosen sentence that says "them"/"これ" brings the sentence it refers back to.
        chosen |= {i - 1 for i in chosen if i > 0 and anaphor.match(candidate.sentences[i])}
        # Back to document order, so the copied sentences read as the article wrote them.
        return tuple(candidate.sentences[i] for i in sorted(chosen))

    def _with_forms(
        self,
        candidate: _Candidate,
        ranked: list[int],
        picked: list[int],
        used: set[str],
        question: str,
        language: str,
    ) -> list[int]:
        """``picked`` with a sentence giving each form the question wants and none gives yet.

        The article was chosen as the answer: its steps answer "how do I reset it?" even when
        the steps sentence shares no word with the ask (「再設定の方法」 gets 「ログイン画面で
        …クリックし」, not the link's validity). A cause must be on what is asked: a sentence
        sharing a term with the ask or with the sentences picked for it (「…欄に入力します」
        then 「各コードには有効期限があり、…ご利用いただけません」, both on the code); a cause
        of something else in the article answers no "why".
        """
        sentences = candidate.sentences
        missing = forms_missing(forms_wanted(question), [sentences[i] for i in picked], language)
        if not missing:
            return picked
        terms = self._vocabulary(candidate.passage, language)[1]
        on_picked = frozenset[str]().union(*(terms[i] for i in picked))
        rest = [i for i in range(len(sentences)) if i not in ranked]
        order = [i for i in ranked + rest if sentences[i] not in used]
        order += [i for i in ranked + rest if sentences[i] in used]  # fresh ones first
        extra: list[int] = []
        for form in sorted(missing):
            # the first sentence giving it: a long article is not read further than needed
            giving = next(
                (
                    i
                    for i in order
                    if form in forms_given(sentences[i], language)
                    and (form != CAUSE or candidate.scores[i][1] > 0 or bool(terms[i] & on_picked))
                ),
                None,
            )
            if giving is not None and giving not in extra:
                extra.append(giving)
        if not extra:
            return picked
        keep = [i for i in picked if i not in extra][: max(0, self.max_sentences - len(extra))]
        return [*keep, *extra]


_ASKS = frozenset({_WHEN, _AMOUNT})
_VOCABULARY_CACHE = 2048


def _for_customers(body: str, language: str) -> tuple[str, ...]:
    """The sentences of an article ``body`` that may be copied: none written to agents.

    Nor one going on with such an instruction: a sentence pointing back ("Enter it in the
    discount field", 「それを入力してください」) right after it in the same line (a paragraph
    or a list item), or as the next step of the procedure, a command on the next line ("- Ask
    for their membership level" / "- Enter it ..."). A statement on a line of its own ("They
    get free returns on every order") is a fact for customers, and ends the run.
    """
    anaphor = _ANAPHOR["ja" if language == "ja" else "en"]
    out: list[str] = []
    after_agent = False
    for line in prose_lines(body):
        for index, sentence in enumerate(sentence_texts(line)):
            goes_on = (
                after_agent
                and bool(anaphor.match(sentence.strip()))
                and (index > 0 or is_command(sentence, language))
            )
            after_agent = agent_directed(sentence, language) or goes_on
            if not after_agent:
                out.append(sentence)
    return tuple(out)


def _acronyms(text: str, language: str) -> frozenset[str]:
    """The acronyms an English sentence spells out ("two-factor authentication" -> 2fa)."""
    if language == "ja":
        return frozenset()
    return frozenset(a for a in spelled_acronyms(text) if looks_like_acronym(a))


def _asks_for(question: str, lang: str) -> frozenset[str]:
    """The kind of answer a question asks for, as pseudo-terms (time frame, amount)."""
    asks = set()
    if _WHEN_WANTED[lang].search(question):
        asks.add(_WHEN)
    if _AMOUNT_WANTED[lang].search(question):
        asks.add(_AMOUNT)
    return frozenset(asks)


def _answers_kind(sentence: str, lang: str) -> frozenset[str]:
    """The pseudo-terms a sentence meets: a time frame meets "when", a figure "how much"."""
    kinds = set()
    if TIME_FRAME[lang].search(sentence):
        kinds.add(_WHEN)
    if _DIGIT.search(sentence):
        kinds.add(_AMOUNT)
    return frozenset(kinds)


def only_thanks(text: str, language: str) -> bool:
    """Return whether a message without questions just thanks or praises us (no problem)."""
    lang = "ja" if language == "ja" else "en"
    return bool(_GRATITUDE[lang].search(text)) and not seems_upset(text, language)


def _question_score(question: str, sentence: str, overlap: int, language: str) -> int:
    """Overlap with the question, plus one when the sentence has the kind of answer asked for."""
    if overlap == 0:
        return 0
    lang = "ja" if language == "ja" else "en"
    wants_steps = _STEPS_WANTED[lang].search(question) and STEPS_GIVEN[lang].search(sentence)
    wants_figures = _FIGURES_WANTED[lang].search(question) and _DIGIT.search(sentence)
    return overlap + (1 if wants_steps or wants_figures else 0)


def _statements_before(
    question: str, inputs: DraftInputs, language: str, scrub: Scrubber
) -> list[str]:
    """Return the statements before ``question`` in its paragraph, nearest first.

    Questions in between (and sentences the extractor took as questions of their own) are
    skipped: a question is not context for another one, but the statement both follow is
    ("クーポンが使えません。詐欺ですか。なぜ使えないのですか。").
    """
    text = inputs.latest_customer_text
    index = text.find(question)
    if index <= 0:
        return []
    paragraph = re.split(r"\n\s*\n", text[:index])[-1]  # a blank line starts a new topic
    # Personal data is no topic, and a password's "!" is no sentence end.
    paragraph = scrub(paragraph, language)
    before = sentence_texts(paragraph)
    asks = _JA_ASKS if language == "ja" else _EN_ASKS
    others = [q.strip() for q in inputs.questions if q.strip() and q != question]
    statements = [
        s for s in before if not asks.search(s) and not any(s in q or q in s for q in others)
    ]
    return statements[::-1]


def _main_clause(question: str, language: str) -> str:
    """Return ``question`` without its "without …" / "〜ずに" clause or a leading "before …"."""
    lang = "ja" if language == "ja" else "en"
    main = _NEGATED_CLAUSE[lang].sub("", question)
    *_, last = sentence_texts(main) or [main]
    if last != main and _PRONOUN[lang].search(last) is None:
        main = last  # context, then the ask: the ask is the main clause
    stripped = _SUBORDINATE_LEAD[lang].sub("", main, count=1)
    return stripped if stripped.strip() else main


def _earlier_statements(inputs: DraftInputs, language: str, scrub: Scrubber) -> list[str]:
    """Statements of the customer's earlier messages, nearest first."""
    asks = _JA_ASKS if language == "ja" else _EN_ASKS
    earlier = scrub(inputs.earlier_customer_text, language) if inputs.earlier_customer_text else ""
    statements = sentence_texts(earlier)
    return [s for s in reversed(statements) if s and not asks.search(s)][:_PROBLEM_CONTEXT]


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

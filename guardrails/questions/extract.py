"""Extract the asks in the customer's latest turn (English and Japanese), with their kind.

An ask is anything the customer expects the reply to deal with: a question ("how do i
cancel", 「可能でしょうか」), a request ("I'd like a refund", 「領収書の発行をお願いいたします」) or
a problem report ("my card hasn't arrived", 「カードが届きません」). Each sentence is read for its
clause structure (``asks_en`` / ``asks_ja``), not for a question mark. One sentence may hold
several questions ("whether you ship to Canada, and how long delivery takes").

Not asks: pleasantries ("Hi Sam, how are you?"), outbursts of anger ("Are you kidding me?",
「いい加減にしてください。」), announcements ("I have a question for you?", "A few questions:")
and instructions aimed at the assistant. The same ask said twice counts once, and a problem
report next to the question or request it motivates ("My card hasn't arrived. Can you send a
new one?") is one ask, told by the question or request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import islice, takewhile

from guardrails.base import AskKind
from guardrails.context import GuardrailContext
from guardrails.injection import INJECTION
from guardrails.language import JAPANESE, normalise_width
from guardrails.mail_headers import FORWARD_HEADER, FORWARDED_FIELD, is_postscript
from guardrails.questions.asks_en import (
    QUESTION_AUXILIARIES,
    ask_kind_en,
    can_open_imperative,
    exclaims_trouble_en,
    introduces_writer_en,
    is_direct_question_en,
    is_meta,
    is_polar_en,
    is_rising_statement_en,
    notes_goodwill_en,
    professes_ignorance_en,
    reports_defect_en,
    reports_others_words_en,
    reports_owned_problem_en,
    reports_problem_en,
    speaks_as_party_en,
)
from guardrails.questions.asks_ja import (
    WAY_NOUNS,
    acts_on_arrangement_ja,
    addresses_reader_ja,
    announces_ja,
    announces_topic_ja,
    ask_kind_ja,
    asks_when_ja,
    contacts_about_ja,
    coordinated_asks_ja,
    ends_in_afterthought_ja,
    ends_on_wish_ja,
    introduces_writer_ja,
    names_only_act_ja,
    notes_goodwill_ja,
    owned_wish_split_ja,
    reports_problem_ja,
    requests_act_ja,
    specifies_ja,
    wants_by_deadline_ja,
    weighs_question_ja,
    wishes_ja,
)
from guardrails.questions.held_turn import held_and_latest
from guardrails.questions.patterns import (
    COLON_END,
    EN_SPLIT,
    INTRO,
    JA_SPLIT,
    LIST_MARKER,
    OUTBURST,
    PLEASANTRY,
    QUOTE_HEADER,
    QUOTED_LINE,
    SIGNATURE_START,
    TOPIC_SHIFT,
    VAGUE_REQUEST,
    greets_only,
    without_closing_thanks,
    without_greeting,
)
from guardrails.run_memo import per_run, run_memo
from guardrails.sentences import (
    ends_sentence,
    flatten,
    is_closing_line,
    opens_ask,
    sentence_texts,
    split_sentences,
    unwrap_soft_breaks,
)
from guardrails.terms import content_terms
from guardrails.text.marks import as_written, fold_marks
from guardrails.text.word_class import classes_of, is_base_verb, is_plural_noun

__all__ = ["AskKind", "Question", "ask_kind", "asks_in", "extract_questions"]

# Spaces before "and" are read from the start of their run only, and once (from each of them,
# a long run cost the square of its length; the leftmost match never started inside one).
# "... and I also need ...": the customer as the subject again, before "also" and the verb.
_AND_ALSO = re.compile(
    r"(?:,\s*+(?:and\s++)?|(?<![\s,])\s++and\s++)(?:(?:i|we)\s++)?also\s++([a-z]+)\b",
    re.IGNORECASE,
)
# Fewer characters than this on one side of a conjunction and it is not a question of its own.
_MIN_CLAUSE_CHARS_EN = 12
_MIN_CLAUSE_CHARS_JA = 6
# "I'd like to send a gift", "I want to travel": the customer's wish, no one asked to act.
_WISH_ONLY = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:i'?d|i\s+would|i\s+want|we'?d|we\s+would|we\s+want)\s+(?:like\s+)?to\s+"
    r"(?!.*\b(?:you|please|your)\b)(?!(?:know|ask|request|get|have|receive|cancel|return|change|"
    r"update|close|order|make|book|open|speak|talk)\b)",
    re.IGNORECASE,
)
# "I really need that refund.", "I need this payment to clear": a need for what is already on the
# table (a definite object, no act named) restates why the customer writes; "I need a new
# card" and "we need our deposit back" still ask. So does a purpose said of a thing already named
# ("I need them for my accountant", "i need it to get to my appointments"); "I need it to be
# fixed", "I need this to stop" still ask for an act.
_NEED_GIVEN = re.compile(
    r"^\s*(?:and\s+|so\s+|but\s+)?(?:i|we)\s+(?:really\s+|just\s+|badly\s+|urgently\s+)?"
    r"need\s+(?:the|this|that|these|those|it|them)\b(?!.*\b(?:back|returned|refunded|replaced|"
    r"cancell?ed|changed|fixed|sent|to\s+(?:be|stop|work|arrive|change))\b)",
    re.IGNORECASE,
)
# "we're looking at hiring a hot tub", "I'd love to join the May course", "we're planning to
# move": what the customer is considering, told to set up the question next to it. Nobody is
# asked to act ("you", "please" or a question mark would ask).
_CONSIDERING = re.compile(
    r"\b(?:i|we)(?:'m|'re|\s+am|\s+are|m|re)?\s+(?:currently\s+|just\s+|really\s+|also\s+)?"
    r"(?:looking\s+(?:at|into|to)|thinking\s+(?:of|about)|planning\s+(?:to|on)|considering)\b|"
    r"\b(?:i|we)(?:'d|\s+would)\s+(?:really\s+)?love\s+to\b",
    re.IGNORECASE,
)
_ADDRESSED = re.compile(r"\b(?:you|u|your|please|pls)\b|\?", re.IGNORECASE)
# "I wanted to ask about the membership freeze.", "I'm writing about invoice 2231.": a speech
# act that names only its topic. Beside the question or request about that topic it is the
# ask's context; alone it still asks about the topic.
_ANNOUNCED_TOPIC = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:i|we)\s+(?:just\s+|also\s+)?"
    r"(?:(?:wanted|want|would\s+like|'d\s+like|was\s+hoping|am\s+hoping|'m\s+hoping)\s+to\s+"
    r"(?:ask|enquire|inquire|check|query)|(?:am|'m|are|'re)\s+(?:writing|contacting\s+you|"
    r"reaching\s+out|getting\s+in\s+touch|emailing)|(?:have|had|got)\s+(?:a|some|one)\s+"
    r"(?:quick\s+)?(?:question|questions|query|queries))\s+(?:about|regarding|concerning|on)\b",
    re.IGNORECASE,
)
# "I must wire rent to Lisbon.", "We have to renew our passes": the customer's own need, told
# as a statement with no one addressed. A question after it that points back to it ("What's the
# usual transit time for that?") asks about that need: one ask, told by the question.
_STATED_NEED = re.compile(
    r"^\s*(?:and\s+|so\s+)?(?:i|we)\s+(?:really\s+|just\s+|urgently\s+|also\s+)?"
    r"(?:need|must|have\s+to|want|would\s+like|'d\s+like)\b(?!.*\b(?:you|u|please)\b)",
    re.IGNORECASE,
)
# "I need them back before the 20th", "we'd like it by friday": the customer's need of a thing
# already asked about ("it", "them"), bound to a deadline. Nobody is addressed.
_NEED_BY = re.compile(
    r"\b(?:i|we)(?:\s+(?:really\s+|just\s+|urgently\s+|also\s+)?"
    r"(?:need|must\s+have|have\s+to\s+have|want|would\s+like)|['’]d\s+(?:really\s+)?like)"
    r"\s+(?:it|them|this|that|these|those)\b"
    r"(?:\s+\w+){0,3}?\s+(?:by|before|until|till|no\s+later\s+than)\s+\w",
    re.IGNORECASE,
)
# 「来月でやめたいと考えております」: a wish stated as a plan, not a request.
_WISH_JA = re.compile(r"たいと(?:考え|思|存じ)")
# A request to the agent whose verb has no object: what it acts on was said before.
_ELIDED_OBJECT = re.compile(
    r"^\W*(?:please\s+)?(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|kindly\s+)?"
    r"(?:[a-z]+\s+)?[a-z]+(?:\s+(?:for\s+(?:me|us)|please|again))*\W*$",
    re.IGNORECASE,
)
# "it", "that", "this", "them" stand for what was said before; "there" and "one" may be
# expletive or name a new thing ("Is there a car park?", "Is one free on Friday?").
_POINTS_BACK = re.compile(r"\b(?:this|it|that|them)\b|これ|それ|この件|その件", re.IGNORECASE)
_WH_WORDS = frozenset("what when where why how which who whose".split())
# "these", "those" point back too when an ask is weighed against the background before it
# ("Could you cancel one of those?"); kept apart from _POINTS_BACK, which reads single asks.
# "are they available" after "we want to hire 2 costumes": "they" as the subject of a question
# (an auxiliary right before it) stands for the things named before; "they said ..." does not.
_POINTS_BACK_PLURAL = re.compile(
    r"\b(?:these|those)\b|\b(?:are|were|do|did|can|could|will|would)\s+they\b", re.IGNORECASE
)
# A remedy asked for with no object ("a replacement", "a refund", "my money back"): it is the
# remedy for the trouble just reported; "a refund for my gym membership" names its own.
_REMEDY_FOR_IT = re.compile(
    r"\b(?:(?:a|an)\s+(?:replacement|refund|repair|exchange)|(?:my|our)\s+money\s+back)\b"
    r"(?!\s+(?:of|for|on)\b)",
    re.IGNORECASE,
)
_FIRST_WORD = re.compile(r"[A-Za-z']+|[^\W\d_]", re.UNICODE)
# 「ご確認のほどよろしくお願いいたします」: a closing formula that asks again for what was just
# asked; alone it still asks.
_CLOSING_REQUEST = re.compile(
    r"の(?:ほど|程)(?:を)?、?(?:どうぞ|何卒|なにとぞ)?(?:よろしく|宜しく)"
)
# Pro-verbs: they stand for an act named elsewhere ("How do I do that?", "What happened?").
_PRO_VERBS = frozenset({"do", "done", "happen", "go", "get"})
# Calls for help and urgency: they name no topic ("Help please!", "It's urgent, please assist").
# "something", "anything" name nothing either ("Could you help me with something?").
_HELP_WORDS = frozenset(
    {"help", "assist", "assistance", "urgent", "asap", "please", "something", "anything"}
)
_HELP_TERMS = frozenset(content_terms(" ".join(sorted(_HELP_WORDS))))  # as terms are stemmed
# "or" between two questions offers alternatives: "is something wrong or is the system slow"
# asks one thing, answered by choosing.
# A question after a time or an amount asks a fact of its own, even in pro-verbs ("When should
# I do that?", 「いつまでに連絡すればよいですか」).
# "what" heading a noun ("What ID does she need?", "What size?") asks which thing, a fact too.
_FACT_WH = re.compile(
    r"\b(?:when|how\s+(?:long|much|many|soon|often))\b|いくら|何日|どのくらい|どれくらい|"
    r"\bwhat\s+(?!(?:is|are|was|were|do|does|did|can|could|will|would|should|shall|has|have|"
    r"happens?|happened|now|next|else|about|if|the|a|an|this|that|it|i|you|we|they)\b)[a-z]+",
    re.IGNORECASE,
)
_ALTERNATIVE = re.compile(r"\bor\b", re.IGNORECASE)
# A wh-word pressed ("when exactly", "where exactly is it"): the customer insists on an ask.
_INSISTING = re.compile(r"^\W*(?:and\s+|so\s+|but\s+)?[a-z]+\s+(?:exactly|precisely)\b", re.I)
# At most this many comma-joined pieces are read as direct questions side by side.
_MAX_COMMA_QUESTIONS = 4
# Two asks whose content terms overlap this much are the same ask said twice.
_SAME_ASK = 0.75


@dataclass(frozen=True)
class Question:
    """An ask of the customer's, with its id (q1, q2, ... in order) and its kind."""

    id: str
    text: str
    kind: AskKind = "question"
    # The problem report or wish merged into this ask ("My lamp arrived broken."), which a
    # reply may address instead of the ask's own words; not part of the contract's text.
    context: str = ""


@dataclass(frozen=True)
class _Ask:
    text: str
    kind: AskKind
    sentence: int  # index of the sentence it came from, for adjacency
    context: str = ""
    # The content terms of ``context``, gathered part by part as asks fold into this one: a
    # context that grows with every fold was re-termed whole at each comparison (100 KB of one
    # folded sentence: quadratic, ~20 s).
    context_terms: frozenset[str] | None = None
    # An item of a list (a bullet, a number): a wish heading the list is its setting.
    item: bool = False

    def terms_of_context(self) -> frozenset[str]:
        """The content terms of this ask's context (its parts' terms, kept as it was built)."""
        if self.context_terms is not None:
            return self.context_terms
        return frozenset(content_terms(self.context)) if self.context else frozenset()


@per_run  # a sentence is read alone and again with the sends around it (``_turn_asks``)
def ask_kind(sentence: str) -> AskKind | None:
    """The kind of ask one sentence makes (``question``/``request``/``problem``), or ``None``."""
    # a greeting opening the sentence ("Hiya, i'd like ...") asks nothing: the clause after
    # it is what every rule below reads
    folded = without_greeting(normalise_width(sentence).strip())
    if not folded:
        return None
    # Pleasantries, outbursts of anger, announcements of questions to come, and instructions
    # aimed at the assistant (reported by prompt_injection) are not asks.
    if PLEASANTRY.search(folded) and not (
        # "can you believe the kettle broke again": news of trouble exclaimed, still an ask
        not JAPANESE.search(folded) and exclaims_trouble_en(folded)
    ):
        return None
    if OUTBURST.search(folded):
        return None
    if INTRO.search(folded) and not content_terms(INTRO.sub("", folded)):
        return None
    if JAPANESE.search(folded):
        kind = ask_kind_ja(folded)
    else:
        kind = None if is_meta(folded) else ask_kind_en(folded)
        if kind is None and not is_meta(folded):
            # "my son starts in may do you run trial days": the question typed on after its
            # setting, no mark between, asks (the setting is its context)
            typed_on = _question_typed_on(folded)
            kind = ask_kind_en(typed_on) if typed_on is not None else None
    # The injection pattern (long, every sentence of every message) is read only for a
    # sentence that asks something: a statement is no ask whether or not it instructs.
    if kind is not None and INJECTION.search(folded):
        return None
    return kind


def _split_compound(sentence: str) -> list[str]:
    """Split "A, and how B?" / "Aか、また Bか" into separate questions."""
    parts = [sentence]
    for pattern, minimum in ((EN_SPLIT, _MIN_CLAUSE_CHARS_EN), (JA_SPLIT, _MIN_CLAUSE_CHARS_JA)):
        next_parts: list[str] = []
        for part in parts:
            matches = [m for m in pattern.finditer(part) if not _ALTERNATIVE.search(m.group(0))]
            starts = [0] + [m.end() for m in matches]
            ends = [m.start() for m in matches] + [len(part)]
            pieces = [part[a:b] for a, b in zip(starts, ends, strict=True)]
            # 「返品できるのか、できないのか教えてください」: a piece naming nothing of its own
            # is the other side of an alternative, not a question of its own.
            named = pattern is EN_SPLIT or (
                all(_names_own(k, pieces) for k in range(len(pieces)))
                and not _alternative_ja(pieces)
                # 「どれにすればいいか、どうやって決めればいいですか」: one ask, how to decide
                and not (len(pieces) == 2 and weighs_question_ja(pieces[0], pieces[1]))
                # 「送ってもらえますか、来週使うので」: the reason added after the ask
                and not ends_in_afterthought_ja(pieces[-1])
            )
            # a short wh-question whole in itself stands beside an ask naming its own thing
            # ("when is it and do we need shoes"), not one pointing back ("where is it and why
            # is it late" asks after one parcel)
            short_ok = pattern is EN_SPLIT and not any(_POINTS_BACK.search(p) for p in pieces[1:])
            # (each piece then a direct question itself: "which ones can I and can't I
            # return" is one)
            short_ok = short_ok and all(is_direct_question_en(p) for p in pieces)
            if named and all(
                len(p.strip()) >= minimum or (short_ok and _whole_wh_question(p)) for p in pieces
            ):
                next_parts.extend(p.strip(" ,、") for p in pieces)
            else:
                next_parts.append(part)
        parts = next_parts
    # "Could you send a quote and tell us which day you come?": a second ask, told as a request
    # to tell, joined to the first act.
    parts = [q for p in parts for q in (_split_tell(p) if not JAPANESE.search(p) else (p,))]
    # "do you have it in blue want one for my mum do you post to Leeds": questions typed on
    # with no mark between them.
    parts = [q for p in parts for q in (_split_run_on(p) if not JAPANESE.search(p) else (p,))]
    # "Could you look up my booking and also move it to May?": a second act joined by "and also".
    parts = [q for p in parts for q in _split_also(p)]
    # "I'd like compensation and I'd like to know if I can leave": two wishes, each its own.
    parts = [q for p in parts for q in _split_wishes(p)]
    # "What time do you close on Thursdays, is there a student discount": two direct questions
    # joined by a comma alone.
    parts = [
        q for p in parts for q in (_split_comma_questions(p) if not JAPANESE.search(p) else (p,))
    ]
    # 「〜を知りたいのと、〜も教えてください」: a Japanese list of asks joined by の + と.
    parts = [q for p in parts for q in (coordinated_asks_ja(p) if JAPANESE.search(p) else (p,))]
    # 「予約をキャンセルしたいのですが、キャンセル料はかかりますか」: an act on the customer's
    # own booking, then a question of its own
    parts = [q for p in parts for q in (owned_wish_split_ja(p) if JAPANESE.search(p) else (p,))]
    return [p for p in parts if p]


# An auxiliary and its subject opening a yes/no question mid-text, no mark before it: "... in
# the big pots do you deliver". The break's spaces are read from their start only.
_RUN_ON_QUESTION = re.compile(
    r"(?<=[a-z0-9])\s++(?=(?:do|does|can|could|is|are|will|would)\s++"
    r"(?:you|u|i|we|it|they|there)\b)",
    re.IGNORECASE,
)
# Words after which a question is the object or the rest of a clause, not a new question:
# "i was wondering do you ...", "quick question do you ...", "thanks do you ...", "not sure
# do you ...", a wh-word's own clause ("what time on friday do you open").
_TAKES_RUN_ON = frozenset(
    "know wonder wondering wondered ask asking asked tell see sure idea curious unsure question "
    "if whether and or but so because please also then hi hello hey thanks thank like just "
    "what when where why how which who whose".split()
)
_MAX_RUN_ON = 4  # at most this many questions typed on: a longer run is a list, read whole


def _split_run_on(part: str) -> list[str]:
    """Split yes/no questions typed one after another with no mark between them.

    "do you still have the oak benches want one for the garden do you deliver at weekends"
    asks twice. Each piece opens with an auxiliary and its subject and is a direct question of
    at least a clause's length; a statement before a question ("my son is struggling with
    maths do you have tutors") is its setting, one ask, and a question after "wondering",
    "question" or a wh-word's clause is part of it.
    """
    if part.rstrip().endswith("?") and "?" in part.rstrip()[:-1]:
        return [part]
    cuts = [m.start() for m in _RUN_ON_QUESTION.finditer(part)]
    if not cuts or len(cuts) >= _MAX_RUN_ON:
        return [part]
    pieces: list[str] = []
    start = 0
    for cut in cuts:
        left = part[start:cut]
        before = _FIRST_WORD.findall(left.lower())
        if not before or before[-1] in _TAKES_RUN_ON | _QUESTION_SUBJECTS | QUESTION_AUXILIARIES:
            continue  # "will it do the job alone": "do" after "will it" is the main verb
        pieces.append(left.strip())
        start = cut
    pieces.append(part[start:].strip())
    if len(pieces) < 2:
        return [part]
    opens = all(
        _opening_word(p) in QUESTION_AUXILIARIES
        and len(p) >= _MIN_CLAUSE_CHARS_EN
        and is_direct_question_en(p)
        for p in pieces
    )
    return pieces if opens and all(_names_own(k, pieces) for k in range(len(pieces))) else [part]


def _question_typed_on(text: str) -> str | None:
    """The direct question closing a line with no mark, after a setting or "wondering".

    "i was wondering do you open on mondays", "we moved house last week can you update the
    address": the last auxiliary and its subject (``_RUN_ON_QUESTION``) open a direct
    question of a clause's length, and that is what the line asks. After a subject, or an
    auxiliary with its own subject ("as soon as I can I will", "all we can do you see"), the
    auxiliary is no question's; a line ending in a stop is a statement and is left alone.
    """
    if ends_sentence(text) or _opening_word(text) in _WH_WORDS | QUESTION_AUXILIARIES:
        return None  # a line opening as a question was read whole ("how is it going there")
    cut = None
    for match in _RUN_ON_QUESTION.finditer(text):
        cut = match.start()
    if cut is None:
        return None
    before = _FIRST_WORD.findall(text[:cut].lower())
    if not before or before[-1] in _QUESTION_SUBJECTS:
        return None
    if before[-1] in QUESTION_AUXILIARIES and before[-2:-1] and before[-2] in _QUESTION_SUBJECTS:
        return None  # "all we can do you see": the auxiliary has its subject before it
    tail = text[cut:].strip()
    if len(tail) < _MIN_CLAUSE_CHARS_EN or not is_direct_question_en(tail):
        return None
    return tail


def _whole_wh_question(piece: str) -> bool:
    """True for a short wh-question whole in itself: "when is it", "how much is it".

    Shorter than a clause of its own (``_MIN_CLAUSE_CHARS_EN``), it still asks when its
    wh-word heads a direct question ("when is it and do we need shoes" asks twice); "or how"
    and "and why" (no clause of their own) stay with the question they follow.
    """
    text = piece.strip(" ,")
    return _opening_word(text) in _WH_WORDS and is_direct_question_en(text)


# "..., and tell us which day ...", "and let me know whether ...": a request to tell an embedded
# question, after the first act of the sentence. Spaces are read from the start of their run.
_AND_TELL = re.compile(
    r"(?:,|(?<![\s,]))\s++and\s++(?:(?:also|then)\s++)?(?=(?:tell|let)\s++(?:me|us)\s++"
    r"(?:know\s++)?(?:whether|if|how|what|when|where|which|who|why)\b)",
    re.IGNORECASE,
)
# Verbs of finding out: "check the order and tell me when it ships" asks for the check's
# result, one ask; any other act ("send a quote and tell us which day") is one ask more.
_FINDING_OUT = frozenset(
    "check look find see confirm investigate verify chase ask research trace track".split()
)
# The first verb of a request, in its base form: after "can/could/would you (please)" or
# "please".
_REQUEST_VERB = re.compile(
    r"^\W*(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|kindly\s+|also\s+)?|"
    r"(?:please|pls|kindly)\s+)([a-z]+)",
    re.IGNORECASE,
)


def _split_tell(part: str) -> list[str]:
    """Split "Could you send a quote, and tell us which day you come?" into its two asks.

    The second is a request to tell something the first act does not find out: after "check
    my order and tell me when it ships" the telling is the check's result, one ask. Each side
    names a term of its own.
    """
    match = _AND_TELL.search(part)
    if match is None:
        return [part]
    left, right = part[: match.start()].strip(" ,"), part[match.end() :].strip()
    verb = _REQUEST_VERB.match(left)
    if verb is None or verb.group(1).lower() in _FINDING_OUT:
        return [part]
    if len(left) < _MIN_CLAUSE_CHARS_EN or not _names_own(0, [left, right]):
        return [part]
    if not _names_own(1, [left, right]) or _POINTS_BACK.search(right):
        # "roll a die and tell me what number it is": the telling is the act's own result
        return [part]
    return [left, right]


# An embedded yes/no question closing a piece: 「出張で直してもらえるのか」「延期になるか」.
_EMBEDDED_POLAR_END_JA = re.compile(r"(?:の|ん)?か(?:どうか)?\s*$")
# An embedded question taken by a verb of telling or knowing: 「…のか教えてください」.
_EMBEDDED_TOLD_JA = re.compile(
    r"(?:の|ん)?か(?:どうか)?\s*(?:を\s*)?(?:教え|知り|知ら|わか|分か|確認|伺|お知らせ|ご教示|ご確認)"
)


def _alternative_ja(pieces: list[str]) -> bool:
    """True for 「AのかBのか教えてください」 cut at its comma: one ask, answered by choosing.

    Each piece before the last ends in an embedded yes/no question, the last one's is taken
    by a verb of telling, and no piece holds a question word: 「いつ届くのか、送料はいくら
    なのか教えてください」 asks two things.
    """
    if len(pieces) < 2 or any(_WH_JA.search(p) for p in pieces):
        return False
    return all(_EMBEDDED_POLAR_END_JA.search(p.strip(" 、,")) for p in pieces[:-1]) and bool(
        _EMBEDDED_TOLD_JA.search(pieces[-1])
    )


def _wish_only(part: str) -> bool:
    """True for a split-off imperative that asks nothing: "Have a great day", "Enjoy it".

    A whole clause opening with a base verb yet no ask is a wish or a greeting; a piece that
    continues a frame ("whether annual billing is cheaper" after "tell me whether ...") opens
    with no verb and stays an ask of its own.
    """
    if part.rstrip().endswith("?") or ask_kind(part) is not None:
        return False
    return is_base_verb(_opening_word(part))


def _split_comma_questions(part: str) -> list[str]:
    """Split "A, B" where both sides are direct questions that each name a topic of their own.

    "What time do you close on Thursdays, is there a student discount" asks twice. One ask
    stays one: a subordinate clause ("If it's late, can you refund it?"), small talk ("how are
    you, can I ..."), a side that points back ("where is my order, why has it not shipped"),
    names nearly nothing ("..., would you say") or opens with a phrase ("by what date, must
    I ...").
    """
    pieces = [p.strip() for p in part.split(", ")]
    if not 2 <= len(pieces) <= _MAX_COMMA_QUESTIONS:
        # a longer run of commas is a list ("do you sell red, blue, green, ..."), not questions
        # side by side; bounding it also bounds the work: each piece is read at most twice,
        # where a long list re-read the growing front at every comma (quadratic: 30 s at 2,000)
        return [part]
    out: list[str] = []
    for piece in pieces:
        if out and _ASKS_OUTCOME.match(out[-1]) and is_direct_question_en(piece):
            # "what happens if it rains, do we get our money back": the yes/no question
            # offers the outcome asked about, one ask
            out[-1] = f"{out[-1]}, {piece}"
        elif out and _heads_comma_list(out[-1]) and _own_question(piece, after=out[-1]):
            out.append(piece)
        elif out:
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return out if len(out) > 1 else [part]


# A question about what will come of something: "what happens if it rains", "what would happen
# when the gift runs out". Its verb names no act, only an outcome to be told.
_ASKS_OUTCOME = re.compile(
    r"^\W*(?:(?:and|so|but|ok|okay)\s+)?what\s+(?:happens|happened|(?:will|would|could|does)\s+"
    r"happen)\b",
    re.IGNORECASE,
)


def _heads_comma_list(clause: str) -> bool:
    """True for a first piece that a direct question after a comma stands beside.

    A direct question of its own, or a wh-ask however few terms it names: "what should i do
    to prepare, can i eat the night before" asks twice.
    """
    if _own_question(clause):
        return True
    return (
        len(clause) >= _MIN_CLAUSE_CHARS_EN
        and _opening_word(clause) in _WH_WORDS
        # "what, if any(thing), are ...": one question, the wh-word's own clause names nothing
        and bool(content_terms(clause) - _PRO_VERBS - _HELP_TERMS)
        and ask_kind(clause) in {"question", "request"}
    )


def _own_question(clause: str, after: str = "") -> bool:
    """True for a direct question naming two terms, pointing back to nothing before it.

    After a yes/no question, one that points back with a term of its own asks a new fact
    ("can i come back in for an adjustment, is that free within 3 months?"); after a
    wh-question it restates it ("where is my order, why has it not shipped").
    """
    first = _opening_word(clause)
    terms = content_terms(clause) - _PRO_VERBS
    points = bool(_POINTS_BACK.search(clause))
    if points and after:
        points = _opening_word(after) not in QUESTION_AUXILIARIES or not terms - content_terms(
            after
        )
    return (
        len(clause) >= _MIN_CLAUSE_CHARS_EN
        and first in _WH_WORDS | QUESTION_AUXILIARIES
        and is_direct_question_en(clause)
        and ask_kind(clause) == "question"
        and not points
        and len(terms) >= 2
    )


# Subjects after a fronted auxiliary in a direct question: a pronoun or a determiner.
_QUESTION_SUBJECTS = frozenset(
    "i you we it they he she there this that the my your our these those".split()
)


def _ends_in_question(sentence: str) -> bool:
    """True when a statement runs on, after a comma, into a direct question of its own.

    "I also have a cat, is the spray safe for her": the customer tells a fact, then asks about
    it; the sentence as a whole (a statement first) reads as no ask. The question must open
    with an auxiliary and name its own terms; "We moved in 2019, which is when ..." does not.
    """
    pieces = sentence.split(", ")
    if not 2 <= len(pieces) <= _MAX_COMMA_QUESTIONS:
        return False
    last = pieces[-1].strip()
    words = _FIRST_WORD.findall(last.lower())
    if len(words) >= 3 and words[0] in _WH_WORDS:
        # "the sheet says once a day but the label says twice, which one is right", "..., how
        # do i return it": a wh-word before an auxiliary and its subject, or a which/what noun
        # before its verb, asks; "..., which is odd", "..., who was a painter" are relative
        return (
            _wh_question_after_comma(words)
            and not _relative_after(pieces[-2], words)
            and ask_kind(last) == "question"
        )
    if _opening_word(last) not in QUESTION_AUXILIARIES or len(words) < 2:
        return False
    if words[1] in _NAMED_BEFORE or _FIGURE.fullmatch(last.split()[1]):
        # "my husband will drive too, can he be added", "3 more kids are coming, is 18 ok":
        # the person or the figure asked about was named by the statement before the comma,
        # so the question needs no two terms of its own
        return (
            is_direct_question_en(last)
            and ask_kind(last) == "question"
            and bool(content_terms(last))
        )
    # "is the spray safe", "can i bring it"; not "have a lovely day" (an imperative)
    return words[1] in _QUESTION_SUBJECTS and _own_question(last)


def _wh_question_after_comma(words: list[str]) -> bool:
    """True for the words of a direct wh-question, not a relative clause ("which is odd").

    The wh-word heads an auxiliary and its subject ("how do i", "when will it"), or which/what
    heads a noun before the auxiliary ("which one is right", "what time do you close").
    """
    if words[1] in QUESTION_AUXILIARIES:
        return words[2] in _QUESTION_SUBJECTS
    return words[0] in {"which", "what"} and words[2] in QUESTION_AUXILIARIES


# A relative pronoun, the copula after it and the determiner opening its complement: "..., who
# was your manager", "..., which is the one I ordered".
_RELATIVE_PRONOUNS = frozenset({"who", "which"})
_COPULAS = frozenset({"is", "was", "are", "were"})
_SINGULAR_COPULAS = frozenset({"is", "was"})
_DETERMINERS = frozenset("the a an my your our his her its their this that".split())


def _relative_after(before: str, words: list[str]) -> bool:
    """True when who/which + be + a determiner after a comma modifies the noun before it.

    "I booked it through Anna, who was your manager at the time": the clause says who Anna
    was. It needs a noun phrase to modify: a name or a noun ends the words before the comma
    ("I called on Monday, who was the person I spoke to" ends on a name too and reads as
    relative; "I looked at three sofas, which is the cheapest" cannot modify a plural with
    "is" and asks).
    """
    if words[0] not in _RELATIVE_PRONOUNS or words[1] not in _COPULAS:
        return False
    if words[2] not in _DETERMINERS:
        return False
    previous = _FIRST_WORD.findall(before)
    if not previous:
        return False
    last = previous[-1]
    if words[0] == "which" and words[1] in _SINGULAR_COPULAS and is_plural_noun(last):
        return False
    classes = classes_of(last)
    named = last[:1].isupper() and last.lower() != "i"
    return named or ("NOUN" in classes and "ADV" not in classes)


# Subjects that stand for a person named before them ("my son ..., can he join").
_NAMED_BEFORE = frozenset({"he", "she"})
# A figure as the subject ("is 18 ok"): a number the statement before it sets up.
_FIGURE = re.compile(r"\d+")


# The customer as the subject before "also" ("and I also need"), inside an _AND_ALSO match.
_SUBJECT_ALSO = re.compile(r"\b(?:i|we)\s+also\b", re.IGNORECASE)


def _split_also(part: str) -> list[str]:
    """Split "A and also <verb> B" into two acts when the word after "also" is a base verb.

    "also" marks an act added to the first ("cancel the order and also refund the deposit");
    "and also" before a noun ("the hat and also the scarf") lists objects of one act. With the
    customer as its subject again ("... and I also need a bag added") the clause after it is
    the added ask, whatever its verb.
    """
    match = _AND_ALSO.search(part)
    if match is None:
        return [part]
    who = _SUBJECT_ALSO.search(match.group(0))
    if not who and not can_open_imperative(match.group(1).lower()):
        return [part]
    start = match.start() + who.start() if who else match.start(1)
    left, right = part[: match.start()].strip(" ,"), part[start:].strip()
    if len(left) < _MIN_CLAUSE_CHARS_EN or len(right) < _MIN_CLAUSE_CHARS_EN:
        return [part]
    return [left, *_split_also(right)]


# A first-person wish or need, one reading for every rule: "I would like", "i'd really love",
# "we want", "I just need", "we must" ("I like it", "I love it" wish nothing).
_WISH_OPENING = (
    r"(?:i|we)\b(?:\s+(?:really|just|also|urgently|still))*"
    r"(?:(?:'d|\s+would)(?:\s+(?:really|also|just))*\s+(?:like|love)|\s+(?:want|need|must))\b"
)
_OWN_WISH = re.compile(rf"^\W*{_WISH_OPENING}", re.IGNORECASE)
# The same wish again after "and": "... and I would like the bill put on hold".
_AND_WISH = re.compile(rf"(?:,\s*+)?\s+and\s+(?={_WISH_OPENING})", re.IGNORECASE)


def _split_wishes(part: str) -> list[str]:
    """Split "I would like X and I would like Y" into its wishes, each an ask of its own.

    Both clauses open with the customer's wish ("I'd like compensation ... and I'd like to
    know if I can leave"); "We're off on Friday and we'd like to do it before then" opens
    with no wish and stays one, its wish told by the clause before it.
    """
    if not _OWN_WISH.match(part):
        return [part]
    out: list[str] = []
    rest = part
    # a loop, not recursion: a long run of wishes is read once, at any length
    while (match := _AND_WISH.search(rest)) is not None:
        left, right = rest[: match.start()].strip(" ,"), rest[match.end() :].strip()
        if len(left) < _MIN_CLAUSE_CHARS_EN or len(right) < _MIN_CLAUSE_CHARS_EN:
            break
        if _wish_points_back(right):
            break  # "... and I would like it to be by the window": a detail of the first wish
        out.append(left)
        rest = right
    return [*out, rest]


# How many words after a wish's opening may hold the pointer to what was wished before.
_POINTER_REACH = 3


def _wish_points_back(clause: str) -> bool:
    """True for a wish whose object points back: "I want it today", "I'd like to have it by 5".

    It adds a detail (when, where, how) to the wish before it, one ask with it; "I'd like to
    add a bag" names its own object.
    """
    wish = _OWN_WISH.match(clause)
    if wish is None:
        return False
    # the words are read from the wish on, never the whole rest of the clause: a long run of
    # wishes asks this of every one of them
    head = islice(_FIRST_WORD.finditer(clause, wish.end()), _POINTER_REACH)
    return any(_POINTS_BACK.fullmatch(w.group(0)) for w in head)


def _names_own(k: int, pieces: list[str]) -> bool:
    """True when piece ``k`` names a term that no other piece names."""
    others = set().union(*(content_terms(p) for j, p in enumerate(pieces) if j != k))
    return bool(content_terms(pieces[k]) - others)


def _clean_body(body: str) -> str:
    """Drop quoted history and a trailing signature the pipeline may have missed.

    A quoted line (">") is dropped wherever it stands, even when it quotes a "wrote:" header:
    a customer who answers below the quote ("> On 3 Feb, you wrote: ..." then their text) still
    writes after it. A header whose next line is quoted opens only that quote; a header followed
    by plain text, a signature or a forwarded message ends the customer's own words.
    """
    lines = body.split("\n")
    # the first non-blank line at or after each index, found once from the end: reading the
    # rest of the body for every line is quadratic on a long run of blank or dropped lines
    next_text = [len(lines)] * (len(lines) + 1)
    for k in range(len(lines) - 1, -1, -1):
        next_text[k] = k if lines[k].strip() else next_text[k + 1]

    def following_from(k: int) -> str:
        at = next_text[k]
        return lines[at] if at < len(lines) else ""

    kept = []
    signed = False  # inside a signature block under a sign-off
    for k, line in enumerate(lines):
        if QUOTED_LINE.match(line):
            continue
        if signed and not is_postscript(line):
            continue
        signed = False  # "P.S. is the shop open on Sunday?": the customer writes on
        following = following_from(k + 1)
        if _header_wrapped(line, lines[k + 1] if k + 1 < len(lines) else ""):
            # "On Mon, 3 Nov 2026 at 10:12, Support Team⏎<support@example.com> wrote:": a
            # client wrapped the quote header; its first line is the header too
            line = f"{line} {lines[k + 1]}"
            following = following_from(k + 2)
        if SIGNATURE_START.match(line):
            if QUOTE_HEADER.match(line) and QUOTED_LINE.match(following):
                continue
            break
        if is_closing_line(line.strip()) and _layout_line(following):
            # "Kind regards," then "Jamie Park", a title, a phone, a disclaimer: a signature
            # with no "--" above it. What follows the sign-off is the sender's block, never an
            # ask ("please notify the sender" in a disclaimer asks nothing of the shop), up to
            # a postscript, which the customer adds below their name.
            signed = True
        kept.append(line)
    return "\n".join(kept)


def _header_wrapped(line: str, next_line: str) -> bool:
    """True when ``line`` opens a quote header that a mail client wrapped onto ``next_line``.

    The next line ends the header ("... wrote:", 「…書きました：」) and the two read as one
    header; a sentence of the customer's (ending in a stop) never opens one.
    """
    if not line.strip() or not next_line.strip() or ends_sentence(line.strip()):
        return False
    if QUOTE_HEADER.match(line) or not QUOTE_HEADER.match(next_line):
        return False
    return bool(QUOTE_HEADER.match(f"{line} {next_line}")) and bool(_HEADER_OPENING.match(line))


# What opens a quote header: "On <date>", a date ("2026/11/03", 「2026年11月3日」), a weekday.
_HEADER_OPENING = re.compile(
    r"^\s*(?:on\s|am\s|le\s|\d{1,4}[/\-.年]|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)",
    re.IGNORECASE,
)


# A layout line under a sign-off: a name, a title, a company; short and with no sentence end.
_LAYOUT_CHARS_EN = 40
_LAYOUT_CHARS_JA = 24


def _layout_line(line: str) -> bool:
    """True for a line that heads a signature block: short, no sentence end, asking nothing.

    "Jamie Park", "Operations Lead", 「株式会社ノースゲート 総務部」 are; "Also, can you ship to
    Leeds?" and 「追加で質問です」 after a "Thanks," are the customer writing on.
    """
    text = normalise_width(line).strip()
    limit = _LAYOUT_CHARS_JA if JAPANESE.search(text) else _LAYOUT_CHARS_EN
    if not text or len(text) > limit or ends_sentence(text):
        return False
    if TOPIC_SHIFT.match(text) or LIST_MARKER.match(text) or is_postscript(text):
        return False  # "P.S. ...", "Also ...", a list item: more of the customer's words
    if _TITLE_CASE.match(text) and (not opens_ask(text) or _named_by_auxiliary(text)):
        # "Peter Lang", "Northgate Design Ltd", "Will Turner", "Can Ozturk": a name, whatever
        # verb it spells; "Can You Send It Today" opens with an auxiliary before its subject
        # and is read as the sentence it is
        return True
    return ask_kind(text) is None


# A line of capitalised words only (a name, a company, a title), numbers and marks between.
_TITLE_CASE = re.compile(
    r"^(?:[A-Z][\w'’.&-]*|[\d|/&,.()+-]+)(?:\s+(?:[A-Z][\w'’.&-]*|[\d|/&,.()+-]+))*$"
)


# A name is a few words: "Can Ozturk", "Do Van Minh".
_NAME_WORDS = 3


def _named_by_auxiliary(line: str) -> bool:
    """True for a short title-case line whose first word, an auxiliary, heads no subject.

    "Can Ozturk" under "Regards," is a name ("Can" a given name); "Can You Send It Today"
    puts its subject after the auxiliary and "When Will It Arrive" opens with a wh-word.
    """
    words = _FIRST_WORD.findall(line)
    if not 2 <= len(words) <= _NAME_WORDS or words[0].lower() not in QUESTION_AUXILIARIES:
        return False
    return words[1].lower() not in _QUESTION_SUBJECTS


def _anaphoric(sentence: str) -> bool:
    """True when the topic is in the sentence before ("Please look into this.").

    The pointing may be by a pronoun or by leaving the object out ("Can you clarify?",
    "Would you check again for me please?").
    """
    points = bool(_POINTS_BACK.search(sentence) or _ELIDED_OBJECT.match(sentence))
    return points and len(content_terms(sentence)) <= 1


def points_back(sentence: str) -> bool:
    """True when an ask takes its topic from the sentence before it ("Where is it?").

    Extraction merges such an ask with that sentence; the judge reads it the same way.
    """
    folded = normalise_width(sentence)
    if VAGUE_REQUEST.match(folded) or _CLOSING_REQUEST.search(folded):
        return False  # "Please advise.": the sentence before is the ask
    return _anaphoric(sentence) or _contentless(sentence)


def _asks_fact(sentence: str) -> bool:
    """True for an ask of a time, an amount or which thing (いつ read as asks_ja reads it)."""
    return bool(_FACT_WH.search(sentence)) or asks_when_ja(sentence)


def _contentless(sentence: str) -> bool:
    """True for an ask that names nothing of its own ("What is going on?", "Why?")."""
    return not content_terms(sentence) - _PRO_VERBS and not _asks_fact(sentence)


def _adds_nothing(sentence: str, kind: AskKind, before: _Ask) -> bool:
    """True when a pointing-back ask after another ask says nothing of its own.

    "Did you lose my money? What is going on?" and "Is something wrong with my top up? check
    it out please" ask once: the second names no topic and asks for no fact (a time or an
    amount: "Is this a known bug? When will it be fixed?" asks twice). A request on "it" deals
    with the trouble a question before it reports; after any other ask it is a new act ("Do
    you have it in grey? Could you hold one for me?", "Cancel my lesson. Can you also refund
    it?": two asks).
    """
    if _asks_fact(sentence):
        return False
    if _contentless(sentence):
        return True
    return (
        kind == "request"
        and before.kind == "question"
        and _anaphoric(sentence)
        and _reports_problem(before.text)
    )


# A wish told in the first person: "I'd like ...", "we need ...", "we want to ...".
_WISH_STATED = re.compile(
    r"^\W*(?:(?:hi|hello|hey|ok|so)\W+)?(?:i|we)(?:'d|\s+would)\s+(?:like|love)\b|"
    r"^\W*(?:(?:hi|hello|hey|ok|so)\W+)?(?:i|we)\s+(?:need|want)\b",
    re.IGNORECASE,
)
# A yes/no ask about the thing just wished for, by a pronoun standing for it: "can they be
# gluten free", "could it be by the window", "would you be able to post one".
_ABOUT_WISHED = re.compile(
    r"\b(?:it|they|them)\b|"
    # "one", "some" as pronouns (ending their phrase), not determiners ("is one court lit")
    r"\b(?:one|some)\b(?=\s*(?:[?.!,]|$)|\s+(?:to|for|by|in|on|at|please|today|tomorrow)\b)",
    re.IGNORECASE,
)
# A noun phrase after the last comma that the pronoun stands for (right dislocation).
_DISLOCATED = re.compile(
    r",\s*(?:your|the|my|our|those|these|that|this)\s+[^,]*[?.!]?\s*$", re.IGNORECASE
)
# An act added to the wish, not a detail of it: "can you also ...", "another", "as well".
_ADDED_ACT = re.compile(r"\b(?:also|too|another|as\s+well|else)\b", re.IGNORECASE)
# A question about the thing's own state, not a spec of the order: the copula asked first
# ("is it in stock", "are they dog friendly") or a passive of another act ("can it be
# refunded", "can it be swapped"). "Can they be gluten free" (an adjective of the made
# thing) stays a detail of the wish.
_ASKS_STATE = re.compile(
    # "is it possible/ok to ..." asks leave for the wish itself, not the thing's state
    r"^\W*(?:is|are|was|were)\s+(?:it|they|one|some)\b(?!\s+(?:possible|ok|okay|alright)\b)|"
    # a passive of another act; making or conveying the ordered thing ("can they be
    # delivered to Leeds") is still the order's detail
    r"\b(?:it|they|one|some)\s+be\s+"
    r"(?!(?:delivered|sent|posted|shipped|made|baked|wrapped|printed)\b)(?:\w+ed|\w+en|sold|paid|done|put)\b",
    re.IGNORECASE,
)
# Another person who would do the act ("can he come today"): not a detail of the thing.
_OTHER_ACTOR = re.compile(r"^\W*\w+\s+(?:he|she|I|we)\b", re.IGNORECASE)


def _elaborates_wish(sentence: str, before: _Ask) -> bool:
    """True when a yes/no ask only details the wish stated just before it.

    "I'd like some paint samples. Would you be able to post one?" is one ask: the question
    points to the thing wished for and adds no act of its own; "Cancel my lesson. Can you
    also refund it?" adds one ("also"), and "I'd like a cake. How much is it?" asks a fact.
    """
    if before.kind != "request" or before.text.rstrip().endswith("?"):
        return False
    if not _WISH_STATED.match(without_greeting(before.text)) or _ADDED_ACT.search(sentence):
        return False
    if _ASKS_STATE.search(sentence) or _OTHER_ACTOR.match(sentence):
        return False  # "Is it in stock?", "Can it be refunded?", "Can I take my bike on it?"
    if _DISLOCATED.search(sentence):
        return False  # "are they open on sundays, your shops in leeds?": "they" points ahead
    return (
        is_polar_en(sentence) and bool(_ABOUT_WISHED.search(sentence)) and not _asks_fact(sentence)
    )


def _reports_problem(text: str) -> bool:
    """True when an ask's sentence tells of trouble, in either language."""
    return reports_problem_ja(text) if JAPANESE.search(text) else reports_problem_en(text)


def _carries_out(sentence: str, before: _Ask) -> bool:
    """True when ``sentence`` asks how to do what the request before it named.

    "I need to update my billing address. How do I do that?" is one ask: the question adds no term
    of its own. "Cancel my order. Can you also refund it?" adds "refund", a second ask.
    """
    if before.kind != "request" or before.text.rstrip().endswith("?") or _asks_fact(sentence):
        return False
    return not content_terms(sentence) - _PRO_VERBS - content_terms(before.text)


# A numbered item inside a line (「①返品は可能ですか②返金はいつですか」): each opens an item.
_INLINE_ITEM = re.compile(r"(?<=\S)\s*(?=[②-⑳])")


# A number item inside a line: "1) is the room dog friendly 2) do you have parking",
# 「1. 空きはありますか 2. 料金はいくらですか」.
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s")
# At most this many inline items are read (a longer run is a list of figures, not asks).
_MAX_INLINE_ITEMS = 12


def _inline_items(text: str) -> list[str]:
    """A line cut at its inline numbers "1) ... 2) ... 3) ...", counted up from 1, or the line.

    The numbers must run 1, 2, 3 ... in order (two at least): "open 9) to 5" or a lone
    "2) " is no list.
    """
    cuts: list[int] = []
    for match in _INLINE_NUMBER.finditer(text):
        if int(match.group(1)) != len(cuts) + 1 or len(cuts) >= _MAX_INLINE_ITEMS:
            break
        cuts.append(match.start())
    if len(cuts) < 2:
        return [text]
    pieces = [text[: cuts[0]]] + [
        text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)
    ]
    return [p.strip() for p in pieces if p.strip()]


def _items(body: str) -> list[tuple[str, bool]]:
    """The sentences of a cleaned body, each with whether it is a list item (bullet or number)."""
    out: list[tuple[str, bool]] = []
    for s in split_sentences(body):
        text = flatten(s.text)
        if greets_only(normalise_width(text)):
            # "Hi there," on its own line: no ask, and no sentence between the ones it opens
            # (a report and the request after it stay next to each other)
            continue
        # "Hiya, do you have ..." asks what follows the greeting: the ask's text, its repeats
        # and the clauses split from it are read without it
        text = without_greeting(text)
        # "... can i come into the appointment with her thank you": thanks closing a sentence
        # typed with no stop before them ask nothing and would hide the ask before them
        text = without_closing_thanks(text)
        marked = bool(LIST_MARKER.match(text))
        if JAPANESE.search(text):
            pieces = [p for q in _INLINE_ITEM.split(text) for p in _inline_items(q)]
            for piece in pieces:
                marked = marked or len(pieces) > 1
                out.append((LIST_MARKER.sub("", piece), marked))
            continue
        # "Could you tell me: 1) the price 2) the hours": the words before the first number
        # head the items after it
        for k, piece in enumerate(_inline_items(text)):
            out.append((LIST_MARKER.sub("", piece), marked or k > 0))
    return out


def _list_head(sentence: str) -> AskKind | None:
    """The kind of ask a sentence opening a list hands to its items, or ``None`` if it opens none.

    A head points forward: 「以下の点を教えてください」, "I have a few questions:", 「確認したい
    ことが2つあります」, or any ask ending in a colon ("Could you confirm:"). Its items then say
    what is asked; an item that names a thing and no verb (「・駐車場の有無」, "- opening
    hours") asks about that thing in the head's way (a question when the head only announces).
    """
    folded = normalise_width(sentence).strip()
    if JAPANESE.search(folded):
        own, announces = ask_kind_ja(folded), announces_ja(folded)
    else:
        own, announces = ask_kind_en(folded), is_meta(folded)
    if INTRO.search(folded) or announces:
        return own or "question"
    return own if COLON_END.search(folded) else None


def _raw_asks(body: str) -> list[_Ask]:
    return _raw_asks_counted(body)[0]


def _raw_asks_counted(body: str, party: bool | None = None) -> tuple[list[_Ask], int]:
    """The asks of one body before merging, and how many sentences (items) it has.

    The customer's own words are read; when they ask nothing ("Forwarding my complaint
    below."), the forwarded message is what they ask about, and its asks are read instead.
    ``party`` says whether the customer's words name a party (``speaks_as_party_en``) when
    the body is only the tail of them.
    """
    found, count = _asks_of(_clean_body(body), party)
    forwarded = _forwarded_text(body)
    if forwarded and not any(_asks_own(a) for a in found):
        # read after the customer's own lines: a report of theirs stays, as the context; a
        # pointer ("Please see below.") is no ask of its own
        more, extra = _asks_of(_clean_body(forwarded))
        kept = [a for a in found if _weak(a)]
        return kept + [replace(a, sentence=a.sentence + count) for a in more], count + extra
    return found, count


# The customer pointing at a message of their own sent before: "following up on my email",
# "my question below", "resending my enquiry", 「先日のメールの件」「以前お送りした質問」.
_OWN_EARLIER = re.compile(
    r"\b(?:my|our)\s+(?:(?:last|earlier|previous|original|first|other)\s+)?(?:email|e-mail|"
    r"message|mail|enquiry|inquiry|question|questions|note)\b|"
    # the pointer in the same clause, a bounded gap: an open ".*" between the two words read
    # every "I sent" to the line's end (the square of a long line's length)
    r"\b(?:i|we)\s+(?:sent|wrote|emailed|asked)\b[^\n]{0,120}?\b(?:below|above|again)\b|"
    r"(?:先日|以前|前回|先ほど|先程)(?:の|に)?(?:メール|お問い合わせ|問い合わせ|質問|ご質問|連絡)|"
    r"(?:お送り|送信|送)(?:した|っ?た)(?:メール|質問|内容|問い合わせ)",
    re.IGNORECASE,
)


def _unquote_own(body: str) -> str:
    """``body`` with the customer's own earlier message, quoted in it, read as their words.

    "Following up on my email from Monday: > Can you do it nut free? ...": the customer quotes
    a message of their own that is still unanswered, so its asks are open; the quoted lines
    lose their marks, in place. Only bare quoted lines pointed at by the customer's own words
    (``_OWN_EARLIER``) count: a quote under a "wrote:" header or an "Original Message" line,
    or a quote inside the quote, may be the shop's reply, whose questions are not theirs; a
    quote under a line that hands it to another writer ("Your agent replied:", 「担当の方
    より：」, ``_hands_to_other``) is theirs too, and stays quoted.
    """
    lines = body.split("\n")
    quoted = [k for k, line in enumerate(lines) if QUOTED_LINE.match(line)]
    if not quoted or not _OWN_EARLIER.search(_clean_body(body)):
        return body
    if any(_thread_head(line) for line in lines):
        return body
    others = _others_quotes(lines, quoted)
    own = [k for k in quoted if k not in others]
    if not own:
        return body
    for k in own:
        lines[k] = QUOTED_LINE.sub("", lines[k], count=1).lstrip()
        if QUOTED_LINE.match(lines[k]):
            return body  # a quote inside the quote: a thread, not one message resent
    return "\n".join(lines)


def _others_quotes(lines: list[str], quoted: list[int]) -> set[int]:
    """The quoted lines (of ``quoted``, in order) in quotes introduced as another's words."""
    out: set[int] = set()
    last = -1  # the quoted line before, its quote going on over blank lines
    from_other = False
    for k in quoted:
        if last < 0 or any(line.strip() for line in lines[last + 1 : k]):
            from_other = _quote_from_other(lines, k)  # a quote opens: its introduction, once
        last = k
        if from_other:
            out.add(k)
    return out


def _quote_from_other(lines: list[str], k: int) -> bool:
    """True when the quote opening at line ``k`` is introduced as another writer's words.

    The introduction is the line above the quote ("Your agent replied:") or a label opening
    its first line ("> From the shop: can you confirm ...").
    """
    first = QUOTED_LINE.sub("", lines[k], count=1)
    label = re.match(r"[^:：]{1,60}[:：]", first)
    if label is not None and _hands_to_other(label.group()):
        return True
    k -= 1
    while k >= 0 and not lines[k].strip():
        k -= 1  # blank lines between the introduction and the quote
    return k >= 0 and _hands_to_other(lines[k])


# Verbs that hand the lines below to their writer ("Your agent replied:", "I wrote:").
_SAYING = re.compile(
    r"\b(?:said|says|replied|replies|wrote|writes|e-?mailed|told|answered|responded|asked|"
    r"messaged|sent|forwarded)\b",
    re.IGNORECASE,
)
# Words between a subject and its verb that leave the subject as it is ("we had already sent").
_BEFORE_VERB = frozenset(
    "also already just originally first then previously had have has once".split()
)
_BE_FORMS = frozenset("am is are was were been being".split())
_OWN_SUBJECTS = frozenset({"i", "we", "i've", "we've", "i'd", "we'd"})
# A Japanese line handing what follows to someone: 「担当の方から：」「店長さんより」「窓口から
# 次の返信が届きました。」. A bare から/より counts only before a colon (「急いでいるから」 is a
# reason). Read on the line's last 40 characters.
_FROM_OTHER_JA = re.compile(
    r"(?:(?:さん|様|さま|氏|殿|方|担当者?)(?:から|より)|(?:から|より)(?=[:：])|"
    r"(?:から|より)(?:以下の|次の)?(?:ご?返信|ご?回答|メール|ご?連絡|お?返事|メッセージ)"
    r"(?:です|が(?:あり|届き|来)ました)?)[:：。]?\s*$"
)


def _hands_to_other(line: str) -> bool:
    """True for a line that introduces the quote below it as someone else's words.

    "Your colleague said:", "My manager replied to you:", "I was told:" (a passive: told by
    someone), "From the warehouse:", 「担当の方より：」「店長さんから」: the quoted lines are
    theirs, not the customer's own earlier message. "Here is what I sent:", "My email said:"
    and 「先日お送りしたメールより」 introduce the customer's own.
    """
    text = normalise_width(line).strip()
    if JAPANESE.search(text[-40:]):
        return bool(_FROM_OTHER_JA.search(text[-40:])) and not _OWN_EARLIER.search(text)
    if not COLON_END.search(text):
        return False
    clause = re.split(r"[.!?;]\s", text)[-1]
    verbs = list(_SAYING.finditer(clause))
    if not verbs:
        return clause.lower().startswith("from ") and not _OWN_EARLIER.search(clause)
    before = clause[: verbs[-1].start()]
    words = [w for w in re.findall(r"[\w']+", before.lower()) if w not in _BEFORE_VERB]
    if not words or words[-1] in _OWN_SUBJECTS:
        return False
    if words[-1] in _BE_FORMS:
        return True  # "I was told:", "we were sent this:"
    return not _OWN_EARLIER.search(before)


def _resent_lines(body: str, unquoted: str) -> str:
    """The lines ``_unquote_own`` read as the customer's own resent message, joined."""
    if unquoted == body:
        return ""
    pairs = zip(body.split("\n"), unquoted.split("\n"), strict=True)
    return "\n".join(after for before, after in pairs if before != after)


# What a chase of an earlier message names beside the message itself: its status, a reply,
# where it sits ("any update on my email below?", 「先日のメールの件、その後いかがでしょうか」).
_CHASE_TERMS = frozenset(
    term
    for word in (
        "follow update news progress status reply response answer below above yet again still "
        "chase checking receive received see seen 進捗 返事 返信 回答 状況 先日 以前 前回 先ほど"
    ).split()
    for term in content_terms(word)  # each word alone: read as a phrase, one term may drop
)


def _chases(text: str) -> bool:
    """True for an ask that only chases the customer's earlier message: "Any news on my email?".

    It points at the message (``_OWN_EARLIER``) and names nothing else of its own.
    """
    if not _OWN_EARLIER.search(text):
        return False
    return not content_terms(_OWN_EARLIER.sub(" ", text)) - _CHASE_TERMS - _PRO_VERBS


def _without_chases(asks: list[_Ask], resent: str) -> list[_Ask]:
    """``asks`` less the chases of a resent message whose own asks are read from its lines.

    "Following up on my email below, any update?⏎> ... Can you send a replacement?": the
    chase asks for the quoted request to be dealt with, so the request is the one ask. A
    chase stays when the resent lines ask nothing (it is then the only ask).
    """
    if not resent:
        return asks
    flat = " ".join(flatten(resent).split())
    resent_asks = [a for a in asks if " ".join(flatten(a.text).split())[-40:] in flat]
    if not resent_asks:
        return asks
    return [a for a in asks if a in resent_asks or not _chases(a.text)]


# "-----Original Message-----", 「-----元のメッセージ-----」: the head of a quoted thread.
_ORIGINAL_MESSAGE = re.compile(r"^\s*-{2,}\s*(?:original\s+message|元のメッセージ)", re.IGNORECASE)


def _thread_head(line: str) -> bool:
    """True for a line heading quoted history: a "wrote:" header, a forward, an original."""
    return bool(
        QUOTE_HEADER.match(line) or FORWARD_HEADER.match(line) or _ORIGINAL_MESSAGE.match(line)
    )


def _with_own_quote(body: str, quoted: str | None) -> str:
    """The body with the customer's own earlier message, which a normaliser cut, quoted again.

    The service cuts "> " lines into ``quoted`` (their marks dropped); when the customer's
    words point at a message of their own and the cut text is bare quoted lines (no header of
    a thread), it is put back under them as a quote, for ``_own_quote`` to read.
    """
    if not quoted or any(QUOTED_LINE.match(line) for line in body.split("\n")):
        return body
    body_lines = body.split("\n")
    if not _OWN_EARLIER.search(body) or any(_hands_to_other(line) for line in body_lines):
        return body  # the quote cut from under "Your colleague said:" is the colleague's
    lines = quoted.split("\n")
    if any(_thread_head(line) for line in lines):
        return body
    return body + "\n\n" + "\n".join(f"> {line}" for line in lines)


# "please" and its like: "Please see below." without it only points the reader on.
_PLEASE_WORD = re.compile(r"\b(?:please|pls|plz|kindly)\b", re.IGNORECASE)


def _asks_own(ask: _Ask) -> bool:
    """True for an ask of the customer's own, not context or a pointer ("Please see below.")."""
    return not _weak(ask) and ask_kind(_PLEASE_WORD.sub("", ask.text)) is not None


def _forwarded_text(body: str) -> str:
    """The text of the first message forwarded in ``body``, its header fields left out."""
    lines = body.split("\n")
    start = _forward_start(lines)
    if start is None:
        return ""
    # an index past the blank and field lines, not a copy of the rest for each one skipped
    at = start + 1
    while at < len(lines) and (not lines[at].strip() or FORWARDED_FIELD.match(lines[at])):
        at += 1
    return "\n".join(lines[at:])


def _forward_start(lines: list[str]) -> int | None:
    """The index of the line opening a forwarded message, or ``None``."""
    return next((k for k, line in enumerate(lines) if FORWARD_HEADER.match(line)), None)


def _asks_of(text: str, party: bool | None = None) -> tuple[list[_Ask], int]:
    """The asks of a cleaned text before merging, and how many sentences (items) it has.

    ``party`` is whether the text names the customer or the shop; ``None`` reads it from
    ``text``.
    """
    items = _items(text)
    sentences = [text for text, _ in items]
    found: list[_Ask] = []
    head: tuple[int, AskKind] | None = None
    party = speaks_as_party_en(text) if party is None else party
    for i, (sentence, marked) in enumerate(items):
        kind = ask_kind(sentence)
        if not marked:
            head_kind = _list_head(sentence)
            head = (i, head_kind) if head_kind is not None else None
        elif head is not None and kind is None and content_terms(sentence):
            # 「以下の点を教えてください。・営業時間 ・駐車場の有無」: each item is an ask of the
            # head's kind, and the head (which named nothing) is no ask of its own.
            found = [a for a in found if a.sentence != head[0]]
            found.append(_Ask(sentence, head[1], i, sentences[head[0]], item=True))
            continue
        if kind is None:
            kind = _unmarked_kind(sentence, party)
        if kind is None:
            continue
        sentence = _without_announcement(sentence)
        last = found[-1] if found and found[-1].sentence == i - 1 else None
        if last is not None and not JAPANESE.search(sentence) and _elaborates_wish(sentence, last):
            # "We'd like to order a cake for 20. Can you write a name on it?": one order
            found[-1] = _Ask(f"{last.text} {sentence}", last.kind, i, last.context, item=marked)
            continue
        folded = normalise_width(sentence)
        vague = bool(VAGUE_REQUEST.match(folded) or _CLOSING_REQUEST.search(folded))
        if i > 0 and (vague or _anaphoric(sentence) or _contentless(sentence)):
            # "Please advise." says nothing alone, and "Why can't I use it?" points back: the
            # ask runs from the problem reported just before (else the sentence before) to
            # here. A question just before ("Is this a known bug? When will it be fixed?")
            # is an ask of its own.
            before = found[-1] if found and found[-1].sentence == i - 1 else None
            if (
                vague
                or before is None
                or before.kind == "problem"
                or _carries_out(sentence, before)
                or _adds_nothing(sentence, kind, before)
            ):
                recent = [a for a in found if i - a.sentence <= 2 and a.kind == "problem"]
                first = recent[-1].sentence if recent else i - 1
                found = [a for a in found if a.sentence < first]
                # The sentences in between are context for the judge, not the ask's text.
                context = " ".join(sentences[first + 1 : i])
                found.append(_Ask(f"{sentences[first]} {sentence}", kind, i, context))
                continue
        parts = _split_compound(sentence) if kind != "problem" else [sentence]
        if len(parts) > 1:
            # "Have a great day and could you send the receipt?": a clause split off that asks
            # nothing by itself (a wish, a greeting) is no ask; the rest keep the kind
            asking = [p for p in parts if not _wish_only(p)]
            parts = asking or parts
        found.extend(_Ask(part, kind, i, item=marked) for part in parts)
    return found, len(items)


@per_run  # a sentence is read alone and again with the sends around it (``_turn_asks``)
def _unmarked_kind(sentence: str, party: bool) -> AskKind | None:
    """The ask an English sentence no ask form marks still makes, in a text naming a party.

    ``party``: the text around it names the customer or the shop (``speaks_as_party_en``).
    """
    if JAPANESE.search(sentence):
        return None
    if _ends_in_question(sentence):
        return "question"  # "I also have a cat, is the spray safe for her"
    if party and reports_defect_en(sentence):
        # "the little figure has snapped off": no one named in it, but the customer's
        # message around it says whose thing it is
        return "problem"
    if reports_owned_problem_en(sentence, party):
        return "problem"  # "the discount didn't apply" in a message about the customer's own
    return None


# The first comma, colon or dash of a sentence: "One more thing, is there ...".
_LEAD_BREAK = re.compile(r"[,:]\s|\s[-–—]\s")


def _without_announcement(sentence: str) -> str:
    """The sentence without an announcement heading it ("One more thing, is there parking?").

    The announcement names no topic (``is_meta``); what follows it is the ask, and its
    words are what the reply must answer. A sentence that is only an announcement stays.
    """
    match = _LEAD_BREAK.search(sentence)
    if match is None or JAPANESE.search(sentence) or not is_meta(sentence[: match.start()]):
        return sentence
    rest = sentence[match.end() :].strip()
    return rest if len(rest) >= _MIN_CLAUSE_CHARS_EN and ask_kind(rest) is not None else sentence


def _opening_word(text: str) -> str:
    """The first word of an ask, lower-cased: its wh-word or auxiliary ("where", "can")."""
    match = _FIRST_WORD.search(text)
    return match.group(0).lower() if match else ""


def _wh_of(text: str) -> frozenset[str]:
    """The question words of an ask, wherever they stand ("can you tell me where ...")."""
    words = {w.lower() for w in _FIRST_WORD.findall(text)} & _WH_WORDS
    return frozenset(words | set(_WH_JA.findall(text)))


def _same_ask(later: _Ask, earlier: _Ask) -> bool:
    """True when ``later`` says ``earlier`` again.

    Most of their terms are shared; or they open alike with the same terms ("Where is my
    parcel? Where is my parcel??"); or ``later`` points back with nothing new ("My card was
    declined. Could you say why? Why was it declined?").
    """
    ta = content_terms(later.text)
    tb = content_terms(earlier.text) | earlier.terms_of_context()
    if not ta or not tb:
        return False
    first_a, first_b = _opening_word(later.text), _opening_word(earlier.text)
    if first_a != first_b and {first_a, first_b} <= _WH_WORDS:
        return False  # "How do I pause my plan? When can I pause it?": two asks
    if len(ta & tb) / max(len(ta), len(tb)) >= _SAME_ASK and len(ta & tb) >= 2:
        return True
    if first_a == first_b in _WH_WORDS and _INSISTING.match(later.text):
        # "when will my refund come? ... when exactly will the refund be in my account??": the
        # same wh-word again, pressed with "exactly", about the same thing, asks it again;
        # "Where is my parcel? Where exactly do I drop off a return?" asks two things
        return later.sentence - earlier.sentence <= 2 and _shares_topic(later, [earlier])
    if ta == content_terms(earlier.text) and first_a == first_b:
        return True
    if ta <= tb and _wh_of(later.text) and _wh_of(later.text) == _wh_of(earlier.text):
        return True  # 「荷物はいつ届きますか。いつ届くのか教えてください。」: the same when, again
    # "Can you post my order to my mum's house? ... So yeah, can it go to her house?": a
    # pronoun, a pro-verb or a "yeah" adds nothing to what the earlier ask named
    return bool(_POINTS_BACK.search(later.text)) and ta - _PRO_VERBS - _NAMES_NOTHING <= tb


# Words the term reader keeps that name nothing: an answer particle, a pronoun for a person.
_NAMES_NOTHING = frozenset(content_terms("yeah yep yup okay ok her him his hers"))


def _weak(ask: _Ask) -> bool:
    """An ask that the ask beside it tells better: it merges into that one.

    A problem report; an announced topic ("I wanted to ask about ..."); a wish that asks
    nobody to act ("I'd like to ..."); a need for what is already named; a detail that sets
    how something asked for next to it is done (「宛名は山田でお願いします」).
    """
    text = without_greeting(ask.text)  # "Hiya, i'd like to ..." is the wish it opens
    if ask.kind == "problem" or _ANNOUNCED_TOPIC.match(text):
        return True
    if (
        ask.kind == "request"
        and not JAPANESE.search(ask.text)
        and reports_others_words_en(ask.text)
    ):
        return True  # "The dentist said I need a crown." beside "How much is a crown?"
    if _topic_only(ask):
        return True  # 「解約について教えてください。」 beside the ask it announces
    if _rising(ask) or _belief_queried(ask):
        return True  # "the invoice says both were sent??", "i thought they lasted two years?"
    if ask.kind == "question" and not ask.text.rstrip().endswith("?"):
        # "No clue why the login froze." beside "Could the login be reset?": the customer's
        # ignorance told as a statement is the context of the direct ask next to it.
        return not JAPANESE.search(ask.text) and professes_ignorance_en(ask.text)
    if ask.kind != "request":
        return False
    wish = (
        _WISH_ONLY.match(text)
        or _WISH_JA.search(text)
        or _NEED_GIVEN.match(text)
        or _wish_in_second_clause(text)
    )
    if _CONSIDERING.search(text) and not _ADDRESSED.search(text):
        return True
    if _wishes_own_act(ask):
        # "i want to add my son to my car insurance": the act on the customer's own thing is
        # asked for, greeting or none (``_merge`` still folds it into "is that allowed?")
        return False
    return bool(wish) or (bool(JAPANESE.search(ask.text)) and specifies_ja(ask.text))


# "He's got exams in May and I'd like to add a session": a clause of the customer's own, joined
# by and/so/but, where the wish opens.
_OWN_CLAUSE = re.compile(
    r"\s(?:and|so|but)\s+(?=(?:i|we)\b|(?:would|'d)\s+(?:really\s+)?(?:like|love)\s+to\b|"
    r"want\s+to\b)",
    re.IGNORECASE,
)
# A wish for any act, its verb whatever it is ("i'd like to book a trial"), as read when the
# questions after it take up what it names (_wish_taken_up).
_WISH_ANY = re.compile(
    r"^\s*(?:(?:i|we)\s*)?(?:'d|would)\s+(?:really\s+)?(?:like|love)\s+to\s+|"
    r"^\s*(?:i|we)\s+want\s+to\s+",
    re.IGNORECASE,
)
# Only the first few such clauses are read: each read scans to the end (linear per clause).
_MAX_OWN_CLAUSES = 3


def _second_clause_wish(text: str, wish_of: re.Pattern[str] = _WISH_ONLY) -> str | None:
    """The act wished for in a clause after and/so/but ("add a second session"), or ``None``.

    ``wish_of`` reads the wish: by default one that asks nobody to act (``_WISH_ONLY``).
    """
    for k, match in enumerate(_OWN_CLAUSE.finditer(text)):
        if k >= _MAX_OWN_CLAUSES:
            break
        rest = text[match.end() :]
        if not re.match(r"(?:i|we)\b", rest, re.IGNORECASE):
            rest = "i " + rest  # "... and would like to book": the subject left out
        wish = wish_of.match(rest)
        if wish is not None:
            return rest[wish.end() :]
    return None


def _wish_in_second_clause(text: str) -> bool:
    """True when a clause after and/so/but is a wish that names nothing of its own.

    "We're off on Friday and we'd like to do that before then" wants what is asked beside
    it; "We're moving to Bristol and we'd like to transfer our membership" wants an act with
    its own object, a request of its own (unless the questions after it take that object up:
    ``_wish_taken_up``).
    """
    act = _second_clause_wish(text)
    if act is None:
        return False
    own = content_terms(act) - _PRO_VERBS
    return not own or (bool(_POINTS_BACK.search(act)) and len(own) <= 1)


def _wish_taken_up(wish: _Ask, after: list[_Ask]) -> bool:
    """True when the asks of the sentence after a wish with its own object ask about that object.

    "He's got exams and I'd like to add a second session. What days do you have, and would
    the second session cost the same?": the questions are about the session wished for, one
    matter. "... and we'd like to transfer our membership. Is the Bristol gym open late?"
    asks about something else: the wish stays a request of its own.
    """
    act = _second_clause_wish(wish.text, _WISH_ANY) if wish.kind == "request" else None
    if act is None or not after:
        return False
    wanted = content_terms(act) - _PRO_VERBS
    together = takewhile(lambda a: a.sentence == after[0].sentence, after)
    # "... and want to order 50 cupcakes. Is that enough notice?": "that" is the wish
    return any(
        wanted & content_terms(a.text) or (a.kind == "question" and _points_to_wish(a.text))
        for a in together
    )


# A question whose subject is "that"/"this" before a predicate ("is that enough notice?",
# "would that be possible?"): it stands for the act wished just before. ("does it have a
# sauna" asks about a thing named, not the act.)
_WISH_POINTER = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:is|would|will|can|could|does)\s+(?:that|this)\b", re.IGNORECASE
)


def _points_to_wish(text: str) -> bool:
    """True for a yes/no question about "that"/"this" just wished for ("is that possible?")."""
    return bool(_WISH_POINTER.match(text))


# What the customer held true, said with a rising tone: "i thought batteries lasted two years?".
_HELD_BELIEF = re.compile(
    r"^\W*(?:(?:but|and|so)\s+)?(?:i|we)\s+(?:always\s+|honestly\s+)?(?:thought|assumed|"
    r"believed|was\s+told|were\s+told|understood)\b",
    re.IGNORECASE,
)


def _belief_queried(ask: _Ask) -> bool:
    """True for a belief of the customer's put as a question ("i thought it was free?").

    Beside a question or request it is what the customer expected, that ask's context;
    alone it still asks whether the belief holds.
    """
    return (
        ask.kind == "question"
        and ask.text.rstrip().endswith("?")
        and bool(_HELD_BELIEF.match(ask.text))
    )


def _rising(ask: _Ask) -> bool:
    """True for an English report said with a rising tone ("the invoice says both were sent??")."""
    return (
        ask.kind == "question"
        and not JAPANESE.search(ask.text)
        and is_rising_statement_en(ask.text)
    )


def _shares_topic(ask: _Ask, others: list[_Ask]) -> bool:
    """True when ``ask`` names a content term of ``others`` or points back to them.

    "My parcel never arrived. Can you resend it?" and "... Can you resend the parcel?" share
    a topic; "My parcel never arrived. What are your opening hours?" does not.
    """
    named = {t for o in others for t in content_terms(o.text) | o.terms_of_context()}
    return _names_of(ask, named, problem=any(o.kind == "problem" for o in others))


def _names_of(ask: _Ask, named: set[str], *, problem: bool) -> bool:
    """``_shares_topic`` against the terms ``named`` (``problem``: a trouble was told there)."""
    own = content_terms(ask.text) - _PRO_VERBS - _HELP_TERMS
    # "The cable is fine. Can you help me please?" (a call merged with the sentence before
    # it): the call names nothing, so it is about what came before
    call = (sentence_texts(ask.text) or [ask.text])[-1]
    if _POINTS_BACK.search(ask.text) or _POINTS_BACK_PLURAL.search(ask.text):
        return True
    if not content_terms(call) - _PRO_VERBS - _HELP_TERMS:
        return True
    if _REMEDY_FOR_IT.search(ask.text) and problem:
        return True  # "The bulb stopped working. Can I get a replacement?": of the bulb
    shared = own & named
    if JAPANESE.search(ask.text):
        # a Japanese word's English gloss is broad (届く and 配送 are both "deliver"): the
        # words themselves must recur (「返金がまだ届いていません」「配送先を変更したい」: two)
        shared = {t for t in shared if JAPANESE.search(t)}
    return bool(shared)


def _context_of(weak: _Ask, ask: _Ask) -> bool:
    """True when ``weak`` is the context of the ask beside it and merges into it.

    A report said with a rising tone is context only for a question about the same thing:
    "The invoice says I owe 40 pounds? When is the next yoga class?" asks twice.
    """
    if not _weak(weak):
        return False
    return (
        not _context_if_same_topic(weak)
        or _shares_topic(ask, [weak])
        or _shares_topic(weak, [ask])
        # "My landlord said we need a certificate. Can you issue one?": one of what was needed
        or (weak.kind == "request" and bool(_QUANTITY_BACK.search(ask.text.lower())))
        # "Why was I billed for delivery? I thought postage was included?": why it asks
        or (
            _belief_queried(weak)
            and ask.sentence < weak.sentence
            and bool(_ASKS_WHY.match(ask.text))
        )
    )


# "How can I change my site name ...?" after "I'd like to rename my shop": how to do the act
# just wished for, the same matter ("how much will it cost" asks a fact of its own).
_HOW_TO = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?how\s+(?:can|do|could|would|should|shall)\s+(?:i|we)\b",
    re.IGNORECASE,
)


def _wishes_own_act(ask: _Ask) -> bool:
    """True for an English wish to act on the customer's own thing ("i want to add my son")."""
    text = without_greeting(ask.text)
    return ask.kind == "request" and bool(_WISH_ONLY.match(text) and _ACTS_ON_OWN.search(text))


_ASKS_WHY = re.compile(r"^\W*(?:(?:but|so|and)\s+)?(?:why|how\s+come)\b", re.IGNORECASE)


def _context_if_same_topic(weak: _Ask) -> bool:
    """True for a weak ask that is context only of an ask on its own topic.

    A report said with a rising tone, a belief put as a question ("I thought delivery was
    free? Also what time do you close?" asks twice) and a need in someone else's words ("My
    boss said we need the invoices. Can you send last year's statements?" asks twice).
    """
    return (
        _rising(weak)
        or _belief_queried(weak)
        or (
            weak.kind == "request"
            and not JAPANESE.search(weak.text)
            and reports_others_words_en(weak.text)
        )
    )


def _topic_only(ask: _Ask) -> bool:
    """True for a Japanese ask that names only a topic (「解約について教えてください」)."""
    return bool(JAPANESE.search(ask.text)) and announces_topic_ja(ask.text)


def _rank(ask: _Ask) -> int:
    """Which of two merged asks names it: a direct question or request, then a wish."""
    return 0 if ask.kind == "problem" else 1 if _weak(ask) else 2


def _carries_out_wish_ja(ask: _Ask, wish: _Ask) -> bool:
    """True when a Japanese ask only asks how to do what the wish before it named.

    「返品したいです。返品の方法を教えてください。」 is one ask; 「日程を変更したいです。変更
    手数料はかかりますか」 adds the fee, a second ask.
    """
    if ask.sentence == wish.sentence or wish.kind != "request" or ask.kind == "problem":
        return False
    if not JAPANESE.search(wish.text) or not wishes_ja(wish.text):
        return False
    if _asks_fact(ask.text):
        return False  # 「いつまでに連絡すればよいですか」 asks a time of its own
    named, asked = content_terms(wish.text), content_terms(ask.text)
    return bool(asked & named) and not asked - named - WAY_NOUNS


# A quantity pronoun standing for what was named before: "donate some", "send one please".
_QUANTITY_BACK = re.compile(r"\b(?:some|one|any)(?=\s*(?:$|[?.!,]|\s(?:or|and|please|for)\b))")


def _asks_about_need(ask: _Ask, need: _Ask) -> bool:
    """True when an English question points back to the need stated just before it.

    It points back by a pronoun ("Will that cost extra?") or by naming what the need names
    ("We must extend our pass. Can we extend online?"); "there" does not ("We must extend our
    pass. Is there parking near the gym?" asks two things).
    """
    if ask.kind not in {"question", "request"} or need.kind != "request":
        return False
    if ask.sentence != need.sentence + 1:
        return False
    if JAPANESE.search(ask.text):
        return False
    if ask.kind == "request" and _QUANTITY_BACK.search(ask.text) and _STATED_NEED.match(need.text):
        # "We need 200 bottles of water. Would you be able to donate some?": some of them
        return True
    if _POINTS_BACK_PLURAL.search(ask.text) and _STATED_NEED.match(without_greeting(need.text)):
        # "hi we want to hire 2 costumes. are they available?": the question's subject is the
        # things the need names (a greeting before it changes nothing)
        return True
    if not _STATED_NEED.match(need.text):
        return False
    shared = bool(content_terms(ask.text) & content_terms(need.text))
    if _ACTS_ON_OWN.search(need.text) and not shared:
        # "I need to move my ferry booking to the 16th. Will that cost anything?": an act the
        # shop must do on the customer's own booking is asked for in itself; a question about
        # it that names none of its words asks a second thing ("We must extend our pass. Can
        # we extend online?" names the act: one ask)
        return False
    return shared or bool(_POINTS_BACK.search(ask.text))


# A wish or need to act on a thing the customer already has ("move my booking", "cancel our
# rental", "change the delivery address on my order"): "my"/"our" inside the verb's object
# phrase, which runs to a clause break. A beneficiary, a destination or a companion is not the
# object ("order a cake for my son", "send a card to my mum", "book a table with our team").
_ACTS_ON_OWN = re.compile(
    r"\b(?:need|must|have\s+to|want|'d\s+like|would\s+like)\s+(?:to\s+)?[a-z]+\s+"
    r"(?:(?!(?:for|with|to|and|but|so|because|if|when|which|that)\b)[a-z0-9'-]+\s+){0,5}?"
    r"(?:my|our)\b",
    re.IGNORECASE,
)
# A first-person wish or need for something new, named by an indefinite or a number: "we'd
# like to rent three paddleboards", "I want to order a cake", "we need 40 chairs", "... and
# want 250 printed bags". Nothing of the customer's is acted on; the question after it asks
# how the shop can meet it.
_WANTS_NEW = re.compile(
    r"(?:^|\b(?:and|so|but)\s+|\b(?:i|we)\s*)(?:(?:really|also|just)\s+)?"
    r"(?:(?:'d|would)\s+(?:really\s+)?(?:like|love)|want|need)\s+(?P<act>to\s+[a-z]+\s+)?"
    r"(?:a|an|some|(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
    r"a\s+few|a\s+couple\s+of))\b",
    re.IGNORECASE,
)


def _sets_up_ask(wish: _Ask, ask: _Ask, asks_after: int) -> bool:
    """True when an English wish for something new is the setting of the ask right after it.

    A wish that names no act ("we want 250 printed bags. Do you offer bulk discounts?") is the
    setting of an ask about it. A wish to do an act ("I'd like
    to book a massage for Thursday") is a request of its own unless the one ask after it
    (``asks_after`` counts the asks from ``ask`` on) points at the thing wished for ("Do you
    have anything after 5?"): "I'd like to order a cake. Do you do gluten free?" and "I'd
    like to book two places. Is lunch included? Is there parking?" keep the booking. Not
    when the ask adds a matter ("Also, can you update my email?"), when the wish addresses
    the shop itself ("could you ...") or acts on the customer's own thing ("I need to move
    my booking"), nor in Japanese.
    """
    if wish.kind != "request" or ask.kind not in {"question", "request"}:
        return False
    if ask.sentence != wish.sentence + 1 or _ADDED_ASK.search(ask.text) or wish.item:
        return False  # a wish that is an item itself heads nothing (「①お休みしたい ②…」)
    if JAPANESE.search(wish.text):
        # 「年末に犬を預けたいです。1. 空いてますか 2. 一泊いくらですか」: a wish heading a
        # list of asks is the list's setting, unless it acts on an arrangement of the
        # customer's own (「予約を変更したいです」)
        return ask.item and wishes_ja(wish.text) and not acts_on_arrangement_ja(wish.text)
    text = without_greeting(wish.text)
    if _ADDRESSED.search(text) or _ACTS_ON_OWN.search(text):
        return False
    wants = _WANTS_NEW.search(text)
    if wants is None:
        return False
    # a wish heading a list ("I'd like to order a gift box: - can I pick the date - ...")
    # is the list's setting; so is a wish naming no act that counts what it wants ("we want
    # 250 printed bags. Do you offer bulk discounts?": a supply asked for) or that the ask is
    # about ("I need a crown. How much is one?"; not "I need a crown. Do you have parking?")
    # a count says what is wanted, not what the ask after it is about: "We need 3 extra towels
    # in room 12. What time does the pool close?" asks twice. "one" and "any" point back only
    # when the ask shares the wish's topic ("Do you have any tables too?" after chairs does not)
    shared = _shares_topic(ask, [wish])
    pointed = bool(_WISHED_THING.search(ask.text)) or (
        shared and bool(_WISHED_ONE.search(ask.text))
    )
    if not wants.group("act"):
        return ask.item or pointed or shared
    return ask.item or (asks_after == 1 and pointed)


# A pronoun for the thing just wished for, in the ask about it: "do you have anything after 5".
_WISHED_THING = re.compile(r"\b(?:anything|something)\b", re.IGNORECASE)
# "one" or "any", a pronoun or a determiner ("any tables"): a pointer only beside a shared topic.
_WISHED_ONE = re.compile(r"\b(?:one|any)\b", re.IGNORECASE)


# A guess offered at the answer of the question just asked: "like once a day?", "say 20 minutes?".
_GUESS = re.compile(
    r"^\W*(?:like|say|maybe|perhaps|so)\s+(?:around\s+|about\s+)?(?!i\b|you\b|we\b)\w+", re.I
)


def _offers_guess(ask: _Ask, before: _Ask) -> bool:
    """True when ``ask`` is a verbless guess at the answer to the question just before it.

    "how often should i feed them? like twice a day?" asks once; "Is there parking? Any wifi?"
    asks twice (no guess word opens the second).
    """
    if before.kind != "question" or ask.kind != "question" or JAPANESE.search(ask.text):
        return False
    if ask.sentence != before.sentence + 1 or not before.text.rstrip().endswith("?"):
        return False
    return bool(_GUESS.match(ask.text)) and not is_direct_question_en(ask.text)


# A question opened by "or": the other side of the question before it.
_OR_OPENING = re.compile(r"^\W*(?:or\b|それとも|あるいは|もしくは)", re.IGNORECASE)


def _offers_alternative(ask: _Ask, before: _Ask) -> bool:
    """True when ``ask`` opens with "or" and offers the other answer to the question before it.

    "Can I buy the permit on the day? Or do I have to buy it online?" and 「当日買えますか？
    それとも事前購入が必要ですか？」 ask once: either answer settles both.
    """
    # a request and a question may be the two sides ("can you deliver tomorrow? or can I
    # collect in store?"): both are answered by the one choice
    if not (
        {ask.kind, before.kind} <= {"question", "request"}
        and ask.sentence == before.sentence + 1
        and bool(_OR_OPENING.match(normalise_width(ask.text)))
    ):
        return False
    # the other side names the same thing or points back to it ("or could you post it
    # instead"); "Is the flat pet friendly? Or are there parking spaces?" asks twice
    if JAPANESE.search(ask.text):
        # それとも/もしくは join the two sides of one either-or question: both yes/no; a
        # question word after it asks something else (「…それとも、駐車場は何台分ありますか」)
        return not (_WH_JA.search(ask.text) or _WH_JA.search(before.text))
    own = content_terms(_OR_OPENING.sub("", normalise_width(ask.text))) - _PRO_VERBS
    return bool(own & (content_terms(before.text) - _PRO_VERBS)) or bool(
        _ALTERNATIVE_BACK.search(ask.text)
    )


# Japanese question words: a question holding one asks for a thing, not yes or no.
_WH_JA = re.compile(
    r"何|なに|なん|いつ|どこ|どう|どなた|誰|だれ|どれ|どの|どちら|いくら|いくつ|なぜ|どんな"
)


# What points an "or" question back to the one before: "it", "instead", "only", "rather".
_ALTERNATIVE_BACK = re.compile(r"\b(?:it|them|that|instead|only|rather)\b", re.IGNORECASE)


def _sets_deadline(ask: _Ask, before: _Ask) -> bool:
    """True when ``ask`` only says by when the customer needs what ``before`` asked about.

    "Can you fix the zip? I need it by Friday." and 「いつ頃仕上がりますか。金曜日までに受け取り
    たいです。」 are one ask each: the need points back (it, them; in Japanese a wish with no
    object of its own) and carries a deadline. "Can you fix the zip? I need a new belt by
    Friday." names a thing of its own: two asks.
    """
    if ask.kind != "request" or before.kind not in {"question", "request"}:
        return False
    if ask.sentence != before.sentence + 1 or _weak(before):
        return False
    if JAPANESE.search(ask.text):
        return wants_by_deadline_ja(ask.text)
    if _ADDRESSED.search(ask.text):
        return False
    if _NEED_BY.search(ask.text):
        return True
    # "so we need to collect the bike by friday": an act of the customer's own on the thing
    # asked about before (a noun it shares); "I need to renew the insurance by Friday" after
    # "Can you fix my screen?" is its own ask
    own = _OWN_ACT_BY.search(ask.text)
    if own is None:
        return False
    done_to = own.string[own.start("thing") : own.end()]
    # the same noun said again (a gloss is too broad here: "delivery" and "arrive" meet)
    thing = _noun_words(done_to)
    return bool(thing & _noun_words(before.text)) or bool(_ONE_BACK.search(done_to))


def _noun_words(text: str) -> set[str]:
    """The longer words of ``text`` with a plural -s cut: a crude key for "the same noun"."""
    words = re.findall(r"[a-z]{3,}", text.lower())
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words} - _NOT_NOUNS


_NOT_NOUNS = frozenset("the our my your their and for with new old same".split())


# An act of the customer's own due by a date, and the thing it is done to.
_OWN_ACT_BY = re.compile(
    r"\b(?:i|we)\s+(?:really\s+|just\s+|also\s+)?(?:need|have|must)\s+(?:to\s+)?[a-z]+\s+"
    r"(?P<thing>(?:it|them|these|those)\b|(?:the|our|my|a|an)\b(?:\s+[a-z']+){1,3}?)"
    r"(?:\s+[a-z']+){0,3}?\s+(?:by|before|until|till|"
    r"no\s+later\s+than)\s+\w",
    re.IGNORECASE,
)
# "the old one", "the same": a thing named by pointing back to one asked about.
_ONE_BACK = re.compile(r"\b(?:one|ones|same|it|them|these|those)\b", re.IGNORECASE)


def _told_by(keeper: _Ask, sentence: int, *parts: _Ask | str) -> _Ask:
    """One ask folded from several: told by ``keeper``'s words, the rest its context.

    A part is an ask whose context is carried over, or a text folded in; the context's terms
    are the union of the parts' (each termed once), not re-read from the joined string.
    """
    texts = [p.context if isinstance(p, _Ask) else p for p in parts]
    terms = frozenset().union(
        *(p.terms_of_context() if isinstance(p, _Ask) else content_terms(p) for p in parts if p)
    )
    return _Ask(keeper.text, keeper.kind, sentence, " ".join(t for t in texts if t), terms)


# How many asks back a repeated ask is looked for (no real message holds this many).
_REPEAT_REACH = 64


def _merge(asks: list[_Ask]) -> list[_Ask]:
    """Fold problem reports into the ask next to them, and drop asks said twice."""
    out: list[_Ask] = []
    for k, ask in enumerate(asks):
        prev = out[-1] if out else None
        adjacent = prev is not None and ask.sentence - prev.sentence <= 2
        shifts = bool(TOPIC_SHIFT.match(normalise_width(ask.text)))
        # 「会費について知りたいのと、休会の方法も教えてください」: a topic listed beside another
        # ask in one sentence is an ask of its own, not an announcement.
        # "I'd like to change my seat and I'd like to add a bag": two wishes of one sentence,
        # split by ``_split_wishes``, are two asks, each shown whole.
        listed = (
            prev is not None
            and prev.sentence == ask.sentence
            and (_topic_only(prev) or _topic_only(ask) or _wishes_side_by_side(prev, ask))
        )
        if (
            prev is not None
            and adjacent
            and not shifts
            and not listed
            and not _added_matter(prev, ask)
            and (_context_of(prev, ask) or _context_of(ask, prev))
        ):
            # A problem report or a wish ("I'd like to send a gift to Toronto") next to a
            # question or request is its context (or restates it): one ask, told by the
            # question or request; two problem reports in a row are one problem.
            keep, other = (prev, ask) if _rank(prev) >= _rank(ask) else (ask, prev)
            out[-1] = _told_by(keep, ask.sentence, keep, other, other.text)
            continue
        if prev is not None and not shifts and _sets_up_ask(prev, ask, len(asks) - k):
            # "We'd like to rent three kayaks. Do you provide life jackets?": one ask
            out[-1] = _told_by(ask, ask.sentence, prev, prev.text)
            continue
        if (
            prev is not None
            and adjacent
            and not shifts
            and _wishes_own_act(prev)
            and (
                _points_to_wish(ask.text)
                or (bool(_POINTS_BACK.search(ask.text)) and not _asks_fact(ask.text))
                or bool(_HOW_TO.match(ask.text))
            )
        ):
            # "We'd like to bring our own caterer. Is that allowed?", "I want to top up my
            # account. Can I do it with Google Pay?": the question is about the act wished
            # for; one asking a fact of it ("how much will it cost") is an ask of its own
            out[-1] = _told_by(ask, ask.sentence, prev, prev.text)
            continue
        if (
            prev is not None
            and adjacent
            and not shifts
            # "I would like the package cancelled. i also want the fee refunded": an ask that
            # says it adds one is not about the need before it
            and not _ADDED_ASK.search(ask.text)
            and _asks_about_need(ask, prev)
        ):
            # "I must wire rent to Lisbon. What's the usual transit time for that?": the need is
            # the context.
            out[-1] = _told_by(ask, ask.sentence, prev, prev.text)
            continue
        if prev is not None and _offers_alternative(ask, prev):
            # 「当日買えますか？それとも事前購入が必要ですか？」: the other side of one ask
            out[-1] = _told_by(prev, ask.sentence, prev, ask.text)
            continue
        if prev is not None and _offers_guess(ask, prev):
            # "how much is less? like once a day?": the customer's guess at the answer
            out[-1] = _told_by(prev, ask.sentence, prev, ask.text)
            continue
        if prev is not None and adjacent and not shifts and _sets_deadline(ask, prev):
            # "How long does cleaning take? I need them back before the 20th.": the deadline
            # bounds the ask before it; the reply answers both by answering that ask.
            out[-1] = _told_by(prev, ask.sentence, prev, ask.text)
            continue
        if prev is not None and adjacent and not shifts and _carries_out_wish_ja(ask, prev):
            # 「解約したいです。解約の手続きを教えてください。」: the wish, then how to do it.
            out[-1] = _told_by(ask, ask.sentence, prev, prev.text)
            continue
        restated = (
            prev is not None
            and adjacent
            and not shifts
            and prev.kind == ask.kind == "request"
            and prev.sentence != ask.sentence
            # "Can you post it to my mum's? ... So can you also send the invoice to me?": a
            # request that says it adds one is not the first said again
            and not _ADDED_ASK.search(ask.text)
            and _says_act_again(prev.text, ask.text)
        )
        if restated and prev is not None:
            # "I want my money back now. Can you refund the second charge today?": one demand
            # said twice, told by the fuller of the two.
            keep = ask if len(content_terms(ask.text)) >= len(content_terms(prev.text)) else prev
            out[-1] = replace(keep, sentence=ask.sentence)
            continue
        # Only an ask with content terms can say an earlier one again (``_same_ask``), and a
        # customer repeats an ask within a screenful: the last ``_REPEAT_REACH`` asks are
        # compared, so a 100 KB run of asks ("how much? like ...") stays linear.
        if content_terms(ask.text) and any(
            _same_ask(ask, earlier) for earlier in out[-_REPEAT_REACH:]
        ):
            continue
        out.append(ask)
    return _drop_empty_calls(_fold_background(_fold_statements(out)))


def _wishes_side_by_side(first: _Ask, second: _Ask) -> bool:
    """True for two first-person wishes of one sentence, each opening its clause."""
    return bool(_OWN_WISH.match(without_greeting(first.text)) and _OWN_WISH.match(second.text))


def _says_act_again(first: str, second: str) -> bool:
    """True when two requests share a term, a reversal verb read with its stem ("unban": "ban").

    "please lift the ban ... just unban me" asks the same act twice: un- on a verb names the
    undoing of the thing its stem names. Read that way, the two must act on the same object:
    "unsubscribe me from the newsletter ... subscribe me to the SMS alerts" asks two things.
    """
    terms_a, terms_b = set(content_terms(first)), set(content_terms(second))
    if terms_a & terms_b:
        return True
    undone_a, stems_a = _undone(first)
    undone_b, stems_b = _undone(second)
    act = (terms_a | stems_a) & (terms_b | stems_b)
    if not act:
        return False
    # what each acts on besides the act: the same thing, or none named (or "it") by one
    object_a = terms_a - act - undone_a - _NO_OBJECT
    object_b = terms_b - act - undone_b - _NO_OBJECT
    if _POINTS_BACK.search(first) or _POINTS_BACK.search(second):
        return True
    return not object_a or not object_b or bool(object_a & object_b)


def _undone(text: str) -> tuple[set[str], set[str]]:
    """The content terms of the un- verbs in ``text`` and of their stems ("unban": "ban")."""
    words = [w for w in _FIRST_WORD.findall(text) if w.lower().startswith("un")]
    stems = " ".join(w[2:] for w in words if len(w) - 2 >= _MIN_UNDONE)
    return set(content_terms(" ".join(words))), set(content_terms(stems))


# Words beside an act that name no object of it: courtesy and when ("unban me pls, today").
_NO_OBJECT = frozenset(content_terms("please pls plz thanks thank today now asap again soon"))
# A stem at least this long after un- may be what is undone ("ban", "block"); "it" is not.
_MIN_UNDONE = 3


def _added_matter(report: _Ask, ask: _Ask) -> bool:
    """True for a report that opens a matter of its own ("Also the handle is chipped.").

    Added with "also" and sharing no topic with the ask after it ("Can you send the blue
    one?"), it is not that ask's context: the reply must deal with it apart.
    """
    if report.kind != "problem" or JAPANESE.search(report.text):
        # English only: 「またしても二重請求です」 opens with また ("yet again"), no added matter,
        # and a Japanese topic is shared only by the same words recurring
        return False
    if (
        report.sentence < ask.sentence
        and _ADDED_ASK.search(ask.text)
        and _OWN_WORDS.search(" ".join(report.text.split()[:_OWNER_REACH]))
    ):
        # "My prescription still hasn't come. Could you also switch my deliveries to work?":
        # the ask after the customer's own report says it is one more thing, so the report is
        # a matter of its own, not that ask's background ("Transfers may show as pending.
        # Please also check the details." tells no trouble of the writer's)
        return True
    return bool(TOPIC_SHIFT.match(normalise_width(report.text))) and not _shares_topic(
        ask, [report]
    )


# The customer in their own report, in its subject: "my bag came back ...", "I tried to ...",
# "the lid of my kettle ..." (within its first few words; "... by one of our processors" far
# into a statement is a company's voice).
_OWN_WORDS = re.compile(r"\b(?:i|i'm|i've|my|we|we're|we've|our)\b", re.IGNORECASE)
_OWNER_REACH = 5
# An English ask that says it adds to what came before: "could you also ...", "additionally".
# ("another" is left out: "can you send another?" asks for the remedy of the report before it.)
_ADDED_ASK = re.compile(r"\b(?:also|additionally|separately)\b", re.IGNORECASE)


def _fold_background(asks: list[_Ask]) -> list[_Ask]:
    """Fold the background told before the first direct ask into it, however long it runs.

    "my UVB tube stopped working after 5 weeks. It's the T5 one. I know they last a year. Can
    I get a replacement?" is one ask: reports, wishes and announced topics before the first
    question or request set it up, with sentences that ask nothing between them (adjacent ones
    were merged already). An ask that shifts topic ("Also, ...") opens something new, and with
    no direct ask at all the background is what the customer asks about. The ask must be
    about the background (a shared term, or "it", "this"): "The exchange rate on my statement
    is wrong. ... What are your opening hours on Sunday?" asks twice.
    """
    lead = 0
    while lead < len(asks) and (_weak(asks[lead]) or _wish_taken_up(asks[lead], asks[lead + 1 :])):
        lead += 1
    if lead == 0 or lead == len(asks):
        return asks
    first = asks[lead]
    if TOPIC_SHIFT.match(normalise_width(first.text)):
        return asks
    if asks[lead - 1].sentence == first.sentence:
        return asks  # 「会費について知りたいのと、休会の方法も教えてください」: listed, two asks
    # "I'd like to add a second session. What days do you have, and would the second session
    # cost the same?": the questions of one sentence are read together against the background
    together = [a for a in asks[lead:] if a.sentence == first.sentence]
    # a report added with "also" about something else stays a matter of its own
    apart = [a for a in asks[:lead] if any(_added_matter(a, b) for b in together)]
    background = [a for a in asks[:lead] if a not in apart]
    if not background or not any(_shares_topic(a, background) for a in together):
        return asks  # a lost real ask is worse than an over-count: the judge could not flag it
    parts = [p for a in background for p in (a, a.text)]
    folded = _told_by(first, first.sentence, *parts, first)
    return [*apart, folded, *asks[lead + 1 :]]


# How many sentences a told setting may stand before the direct ask it sets up.
_SETTING_REACH = 2


def _fold_statements(asks: list[_Ask]) -> list[_Ask]:
    """Fold wishes, plans and needs told as statements into the direct ask right after them.

    "We'd like our two armchairs reupholstered. ... Could someone come and measure them?",
    「日程を変えたいです。1月12日の午前に変更できますか。」: the statement addresses no one
    (``_told_only``); the question or plea after it, in another sentence of the same text, is
    what the customer asks, and the statement is its context when it is about the same thing
    (``_setting_of``). A direct ask that adds a matter ("Also, ...", 「あわせて…」) or opens with
    "and" starts its own, and a statement with no direct ask after it (the turn's last word,
    "I'd like a refund.") is an ask of its own.
    """
    out: list[_Ask] = []
    told: list[_Ask] = []  # statements waiting for the direct ask they set up
    for ask in asks:
        if told and ask.sentence - told[-1].sentence > _SETTING_REACH:
            out.extend(told)
            told = []
        if _told_only(ask):
            told.append(ask)
            continue
        if told and ask.kind == "problem":
            # "we have no idea when it was last emptied. the previous owners arent answering.
            # what size tanker do you send": a report between them is read by the problem folds
            out.append(ask)
            continue
        if (
            told
            and _direct(ask)
            and ask.sentence != told[-1].sentence
            and not _adds_matter(ask)
            and _setting_of(told, ask)
        ):
            parts = [p for t in told for p in (t, t.text)]
            out.append(_told_by(ask, ask.sentence, *parts, ask))
        else:
            out.extend(told)
            out.append(ask)
        told = []
    return [*out, *told]


def _setting_of(told: list[_Ask], ask: _Ask) -> bool:
    """True when the statements ``told`` set up ``ask``: the same matter, nothing asked apart.

    The ask names a term of theirs or points back ("... and I have to top it up. Could someone
    look at it?", ``_shares_topic``), or a statement only says why the customer writes
    (「見積もりの件で連絡しました」). "I'm looking for a copy of my March invoice. Can you tell
    me how to change my password?" asks twice; so does a statement that is itself an act on
    the customer's own matter (「返金を希望しております」「清掃はキャンセルさせていただきます」),
    which the reply must take up whatever the question after it asks.
    """
    if any(_acts_on_own_matter(t.text) for t in told):
        return False
    if any(JAPANESE.search(t.text) and contacts_about_ja(t.text) for t in told):
        return True
    return _shares_topic(ask, told)


def _acts_on_own_matter(text: str) -> bool:
    """True for a statement acting on the customer's own arrangement or asking an act of it."""
    if JAPANESE.search(text):
        return requests_act_ja(text)
    return bool(_ACTS_ON_OWN.search(text))


# "and" opening an ask joins it to what came before as one more: "and how do i add a user".
_AND_OPENING = re.compile(r"^\W*and\b", re.IGNORECASE)


def _adds_matter(ask: _Ask) -> bool:
    """True for an ask that says it is one more matter ("Also, ...", "and ...", 「あと、…」)."""
    folded = normalise_width(ask.text)
    return bool(
        TOPIC_SHIFT.match(folded) or _AND_OPENING.match(folded) or _ADDED_ASK.search(folded)
    )


def _told_only(ask: _Ask) -> bool:
    """True for a wish, plan or need told as a statement: it turns to no one.

    A request or question in declarative mood with no addressee: no "you", "please" or "?",
    no imperative or question word opening it ("I'd like our chairs reupholstered", "I need
    to send a 25kg box", "we have no idea when it was last emptied"); in Japanese, no question
    end and no plea to the reader, nor ending on a wish (「見積もりをお願いした件で連絡しました」,
    「念のため確認したく連絡しました」). A report of trouble is read by the problem folds, and the
    customer's own wish or need ("I'd like to cancel my plan", "we need 40 chairs", "We have to
    shift our slot") by ``_merge``'s topic tests: here they are asks of their own.
    """
    if ask.kind not in {"request", "question"} or ask.item:
        return False
    text = without_greeting(normalise_width(ask.text)).strip()
    if not text or TOPIC_SHIFT.match(text):
        return False
    if JAPANESE.search(text):
        # 「ケーキを20個注文したいです。」 ends on the wish itself: a request of its own
        return not addresses_reader_ja(text) and not ends_on_wish_ja(text)
    if _ADDRESSED.search(text) or _WISH_TO_ACT.search(text) or _ACTS_ON_OWN.search(text):
        return False
    first = _opening_word(text)
    if first in _WH_WORDS | QUESTION_AUXILIARIES or is_base_verb(first) or first in _PLEASE_SET:
        return False  # "when is it coming.", "cancel my order", "pls refund it": direct
    if ask.kind == "question":
        # an indirect question put to the reader is a real ask ("I was wondering whether the
        # museum is step-free."); ignorance told as a statement ("we have no idea when it was
        # last emptied.") sets up the question after it
        return professes_ignorance_en(text) or (
            ends_sentence(text) and not text.rstrip().endswith("?") and not _ASKS_TOLD.search(text)
        )
    return True


# Verbs that put a question to the reader from inside a statement: "I wonder whether ...".
_ASKS_TOLD = re.compile(
    r"\b(?:wonder\w*|ask\w*|know|enquir\w*|inquir\w*|check\w*|confirm\w*|curious|tell)\b",
    re.IGNORECASE,
)


_PLEASE_SET = frozenset({"please", "pls", "plz", "kindly"})
# The customer's wish or need, in any clause: "I'd like to cancel my plan", "so I need a new
# tyre", "... and want to order 50 cupcakes". It asks for what it names: ``_merge`` weighs it
# against the ask after it by topic. (A duty told as a circumstance, "I now have to travel to
# Barcelona", is no wish.)
_WISH_TO_ACT = re.compile(
    rf"\b{_WISH_OPENING}|\b(?:and|so|but)\s+(?:would\s+(?:like|love)|want|need)\b",
    re.IGNORECASE,
)


def _direct(ask: _Ask) -> bool:
    """True for a question or request that turns to the reader (the ask a setting is for)."""
    return ask.kind in {"question", "request"} and not _told_only(ask) and not _weak(ask)


def _drop_empty_calls(asks: list[_Ask]) -> list[_Ask]:
    """Drop a bare call for help ("Help me!", "Please assist.") when another ask names the topic.

    Such a call names nothing to answer; the ask next to it is what the reply must deal with.
    Alone, it stays: the customer asked for help and said no more.
    """
    if len(asks) < 2:
        return asks
    kept = [
        a
        for k, a in enumerate(asks)
        if (a.kind != "request" or content_terms(a.text) - _PRO_VERBS - _HELP_WORDS - _HELP_TERMS)
        and not _probes_next(a, asks[k + 1 : k + 2])
    ]
    return kept or asks


def _probes_next(ask: _Ask, after: list[_Ask]) -> bool:
    """True for a bare status probe right before the ask it probes ("any news? when will it ship").

    The ask after it must follow at once and not open a new matter ("any news? also can I
    change my address" keeps both: the probe is about the earlier matter).
    """
    if not VAGUE_REQUEST.match(normalise_width(ask.text)) or not after:
        return False
    nxt = after[0]
    # the ask after it asks after the same matter: a question or report of its state, with no
    # word adding a matter ("any news? I also need to change my address" asks twice)
    return (
        nxt.sentence == ask.sentence + 1
        and nxt.kind in {"question", "problem"}
        and not _ADDS_MATTER.search(normalise_width(nxt.text))
    )


# A word that adds a matter anywhere in an ask: "also", "separately", "another", "as well".
_ADDS_MATTER = re.compile(
    r"\b(?:also|separately|another|additionally|as\s+well|too)\b|^\s*(?:また|あと|それと|別件)",
    re.IGNORECASE,
)


def asks_in(body: str) -> list[tuple[str, AskKind]]:
    """The asks of one message body as (text, kind), in order, repeats merged."""
    with run_memo():  # one extraction is one run (or joins the caller's)
        unquoted = _unquote_own(body)
        text = unwrap_soft_breaks(unquoted)
        asks = _merge(_raw_asks(fold_marks(text)))
        asks = _without_chases(asks, _resent_lines(body, unquoted))
        return [(t, a.kind) for t, a in zip(_own_words(asks, text), asks, strict=True)]


def _own_words(asks: list[_Ask], original: str) -> list[str]:
    """The asks' texts with the customer's own marks ("dispatched??", not "dispatched?").

    The rules read the text with its marks folded (``fold_marks``); what the agent is shown is
    what the customer typed.
    """
    if fold_marks(original) == original:
        return [a.text for a in asks]
    out: list[str] = []
    cursor = 0
    for ask in asks:
        text, cursor = as_written(ask.text, original, cursor)
        out.append(text)
    return out


def _turn_asks(bodies: list[str], held: int = 0) -> list[_Ask]:
    """The asks of several messages sent in a row, sends about one matter read as one text.

    A chat turn is often typed as several short sends ("hi" / "my order came damaged" / "can
    you replace it?"): read alone, a send loses the sentence before it, which tells what "it"
    is, what a bare "please advise" asks about and which report a request is told by. A send
    whose first ask goes on with the sends before it (``_goes_on``) is read with them as one
    text, one paragraph a send (quotes and signatures cut from each): "The loco came with a
    bent coupling." then "Can you send a new one?" is one ask. A send that asks about a thing
    of its own starts a new reading, its sentences numbered too far from the earlier ones to
    be merged as adjacent: "I was double billed in March." then "how do I change my delivery
    address?" asks twice. An ask repeated in a later send counts once either way. The first
    send after a held turn (``held`` messages) goes on with it: the hold breaks no topic.
    A forwarded message is read, as in a single body, when the customer's own words ask
    nothing.
    """
    own = [_clean_body(body) for body in bodies]
    groups: list[list[int]] = []
    asked: list[_Ask] = []  # the asks of the open group so far (its last sends, read together)
    named: set[str] = set()  # the content terms of the open group's sends
    party = False  # whether the open group's sends name the customer or the shop
    forward: int | None = None  # the open group's first send holding a forward
    for k, text in enumerate(own):
        # Each send is analysed once here (memoised for the run) and the open group is read
        # only from its last sentences on: re-reading the whole group at every send made a
        # turn of many sends quadratic (200 sends of 3,500 characters: 4 minutes).
        alone = list(_raw_asks_memo(fold_marks(text))[0]) if groups and asked else []
        after_hold = held > 0 and k == held
        if groups and (after_hold or not alone or _goes_on(alone[0], asked, named)):
            groups[-1].append(k)
        else:
            groups.append([k])
            named, party, forward = set(), False, None
        named |= content_terms(text)
        party = party or speaks_as_party_en(text)
        if forward is None and _forward_start(bodies[k].split("\n")) is not None:
            forward = k
        asked = list(
            _raw_asks_memo(fold_marks(_tail_text(groups[-1], own, bodies, forward)), party)[0]
        )
    found: list[_Ask] = []
    offset = 0
    for group in groups:
        raw, count = _raw_asks_memo(fold_marks(_group_text(group, own, bodies)))
        found.extend(replace(a, sentence=a.sentence + offset) for a in raw)
        offset += count + _UNRELATED_GAP  # sentences this far apart are never merged as adjacent
    return _merge(found) or _writer_only(bodies)


# How many sentences before a group's latest send are read with it to find the group's last
# ask: a fold reaches two sentences back (``_asks_of``), one more is kept for a list head.
_LOOK_BACK = 4


def _tail_text(group: list[int], own: list[str], bodies: list[str], forward: int | None) -> str:
    """The group's latest send with the last ``_LOOK_BACK`` sentences of the sends before it.

    Read together they give the asks the whole group would end with, at a cost bounded by the
    latest send's length (the sentences before are cut at a sentence start of their send).
    """
    pieces = [own[group[-1]]]
    left = _LOOK_BACK
    for k in reversed(group[:-1]):
        if left <= 0:
            break
        if not own[k].strip():
            continue
        sentences = split_sentences(own[k])
        if len(sentences) > left:
            pieces.append(own[k][sentences[-left].start :])
            break
        pieces.append(own[k])
        left -= len(sentences)
    text = "\n\n".join(p for p in reversed(pieces) if p.strip())
    if forward is not None:
        lines = bodies[forward].split("\n")
        text += "\n\n" + "\n".join(lines[_forward_start(lines) or 0 :])
    return text


@per_run
def _raw_asks_memo(body: str, party: bool | None = None) -> tuple[tuple[_Ask, ...], int]:
    # A send read alone and then as a group of one is the same text: analysed once a run.
    found, count = _raw_asks_counted(body, party)
    return tuple(found), count


# A gap in sentence numbers wider than any adjacency test (_merge reads two apart as adjacent).
_UNRELATED_GAP = 3


def _group_text(group: list[int], own: list[str], bodies: list[str]) -> str:
    """The sends of one group as one text: their own words, then the first forward among them."""
    text = "\n\n".join(own[k] for k in group if own[k].strip())
    forwards = [bodies[k] for k in group if _forward_start(bodies[k].split("\n")) is not None]
    if forwards:
        lines = forwards[0].split("\n")
        text += "\n\n" + "\n".join(lines[_forward_start(lines) or 0 :])
    return text


def _goes_on(first: _Ask, asked: list[_Ask], named: set[str]) -> bool:
    """True when a send whose first ask is ``first`` goes on with the sends of a group.

    ``asked`` is the group's asks so far, ``named`` the content terms of its sends.

    It points back or is bare ("please advise", "what can you do", "can you fix it", 「交換で
    きますか」, 「どうすればいいですか」), asks for a remedy of a trouble told ("can I get a
    refund"), or names a content word of those sends ("my card was declined" / "why was my
    card declined"). A question after a question is its own ask even when it points back by
    "it" ("is the blue jacket back in stock?" / "and does it come in XL?": two questions).
    """
    last = asked[-1] if asked else None
    if (
        first.kind == "question"
        and last is not None
        and last.kind == "question"
        and not _weak(last)
        and not _weak(first)
    ):
        return _shares_term(first, named)
    folded = normalise_width(first.text)
    bare = bool(VAGUE_REQUEST.match(folded) or _CLOSING_REQUEST.search(folded))
    return (
        bare
        or _anaphoric(first.text)
        or _contentless(first.text)
        or _names_of(first, named, problem=True)
        or names_only_act_ja(first.text)
    )


def _shares_term(ask: _Ask, named: set[str]) -> bool:
    """True when ``ask`` names one of the content terms ``named`` (not only a pronoun for it)."""
    own = content_terms(ask.text) - _PRO_VERBS - _HELP_TERMS
    shared = own & named
    if JAPANESE.search(ask.text):
        shared = {t for t in shared if JAPANESE.search(t)}  # as ``_shares_topic`` reads them
    return bool(shared)


def _writer_only(bodies: list[str]) -> list[_Ask]:
    """A turn that only says who writes, by an act done before, as one request.

    「着物の予約をお願いした佐藤です。」 or "Hi, I'm the one who booked the room for Saturday."
    with nothing else: the customer has opened the matter of that booking and waits for the
    shop to take it up. Beside any other ask such a line adds none. A turn that thanks,
    praises or closes the matter ("This is Priya, who ordered the cake. Everyone loved it!")
    waits on nothing: no ask.
    """
    said = normalise_width(" ".join(_clean_body(b) for b in bodies))
    if notes_goodwill_en(said) or notes_goodwill_ja(said):
        return []
    for body in bodies:
        for sentence in sentence_texts(_clean_body(body)):
            folded = normalise_width(sentence)
            reads = introduces_writer_ja if JAPANESE.search(folded) else introduces_writer_en
            if reads(folded):
                return [_Ask(sentence.strip(), "request", 0)]
    return []


def _with_forward(body: str, quoted: str | None) -> str:
    """The body with the forwarded message a normaliser cut from it put back below it.

    The service cuts history at a forward header (the same ``FORWARD_HEADER``) and keeps it
    as ``quoted``; when the customer's own words ask nothing, the forward is the ask.
    """
    lines = (quoted or "").split("\n")
    start = _forward_start(lines)
    if start is None or _forward_start(body.split("\n")) is not None:
        return body  # nothing forwarded, or the body still holds its forward
    return body + "\n\n" + "\n".join(lines[start:])


def extract_questions(ctx: GuardrailContext) -> list[Question]:
    """Return the asks of the latest customer turn, in the order asked.

    A turn before it that the agent only put on hold ("let me check") is still open: its asks
    are read with the latest turn's (``held_turn``).
    """
    held, latest = held_and_latest(ctx.messages)
    # a soft line wrap is a space: a wrapped ask is one sentence to every rule that reads it
    # the hold breaks no topic: "The app charged me until 8." / "Let me look into that." /
    # "Thanks. Can you refund the extra two hours?" is one matter, read as one text with the
    # latest turn's first send (each send's quotes and signature cut first)
    with_quotes = [
        _with_own_quote(_with_forward(m.body, m.quoted), m.quoted) for m in (*held, *latest)
    ]
    unquoted = [_unquote_own(body) for body in with_quotes]
    bodies = [unwrap_soft_breaks(body) for body in unquoted]
    resent = "\n".join(_resent_lines(b, u) for b, u in zip(with_quotes, unquoted, strict=True))
    with run_memo():  # one extraction is one run (or joins the caller's)
        found = _without_chases(_turn_asks(bodies, len(held)), resent.strip())
    texts = _own_words(found, "\n\n".join(bodies))
    return [
        Question(id=f"q{i}", text=text, kind=a.kind, context=a.context)
        for i, (text, a) in enumerate(zip(texts, found, strict=True), start=1)
    ]

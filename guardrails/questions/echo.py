"""Draft sentences that echo an ask instead of answering it.

A reply often repeats what it answers: a heading naming the ask ("How to start a return:",
「返品の申し込み方法について」), the ask quoted as a label (「領収書を送れますか」について),
the question asked back ("Why were you charged twice for order #123?") or restated in the
reply's own voice. None of these is an answer, although each holds every word of the ask;
only what follows can be. The offline judge drops them as answer candidates.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from guardrails.questions.answer_types import POLAR_ANSWER, asked_types, is_polar, supplied_types
from guardrails.questions.patterns import COLON_END
from guardrails.questions.slot_fit import chooses_one
from guardrails.sentences import Sentence
from guardrails.terms import content_terms

# A line that asks: it ends in a question mark, or (Japanese) in the question particle か.
_QUESTION = re.compile(r"[?？][\s)\]」』\"'”’]*$|か[。]?[\s」』]*$")
# A label line: it ends in a colon, or (Japanese) in a topic marker with no predicate after it
# (「…について」「…に関して」「…の件」): it names what follows and says nothing itself.
_LABEL = re.compile(COLON_END.pattern + r"|(?:について|に関して|に関する|の件)\s*$")
# The reply's own undertaking restates a request in its words and still accepts it
# ("We'll send you a return label"): it is the answer to the request, not its echo.
_UNDERTAKING = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will|\s+shall|'d\s+be\s+happy|\s+would\s+be\s+happy)\b|"
    r"(?:いたします|致します|させていただきます|お送りします|手配します)",
    re.IGNORECASE,
)
# Where a statement ends and a question tacked on to it begins, in one sentence: "That message
# usually means the postcode doesn't match; could you double-check it?", "It's fixed — can you
# try again?", "The fix is live, could you try once more?".
_QUESTION_TAIL = re.compile(
    r"(?:;|\s[—–-]\s|,)\s*(?=(?:and\s+|so\s+)?(?:could|can|would|will|do|did|does|is|are|have|has|"
    r"may|might|shall|should)\s+(?:you|we|i|it|that|this|they)\b[^;,—–]*[?？]\s*$)",
    re.IGNORECASE,
)
# An offer tacked on after a semicolon, whatever opens it: "...; would 10 am suit you?". The
# tail holds no other question mark, so the match stays linear; whether it is put to the
# customer ("you", "suit") is looked at on the tail itself, not by a second unbounded run.
_OFFER_TAIL = re.compile(
    r";\s*(?=(?:could|can|would|will|shall|should)\s+[^;,—–?？]*[?？]\s*$)", re.IGNORECASE
)
_TO_CUSTOMER = re.compile(r"\b(?:you|suit)\b", re.IGNORECASE)
# A restatement holds at least this share of the ask's words (and nothing else).
RESTATE_SHARE = 0.75
# A thank-you for the ask, framing its words: "Thanks for asking why you were charged twice",
# "Thank you for your question about the new price", 「新しい料金についてのお問い合わせありがとう
# ございます」. The frame is no fact, and the ask's words inside it are put as asked, not
# asserted: the sentence says the ask back (a yes/no ask too, whose words are not affirmed).
# Each pattern is a run of fixed words and optional ones, anchored at one end: linear.
_THANKS_FOR_ASK_EN = re.compile(
    r"^\W*(?:(?:hi|hello|dear)\b[^,.!:;]{0,40}[,.!:;]\s*)?"
    r"(?:thanks|thank\s+you|many\s+thanks)(?:\s+(?:so|very)\s+much)?\s+for\s+"
    r"(?:(?:your|the|this)\s+)?(?:asking|question|message|email|e-mail|enquiry|inquiry|query|"
    r"getting\s+in\s+touch|reaching\s+out|contacting\s+us|writing(?:\s+in)?|checking(?:\s+in)?)"
    r"\b(?:\s+(?:about|on|regarding|re|over|as\s+to|concerning))?",
    re.IGNORECASE,
)
_THANKS_FOR_ASK_JA = re.compile(
    # text before the thanks frames only under a topic mark (「…についてのお問い合わせ」);
    # 「駐車場は無料です、お問い合わせありがとうございます」 answers, then thanks
    r"(?:(?:について|に関して|に関する|の件)(?:の)?|^\W*)(?:お問い合わせ|お問合せ|ご質問|ご連絡|"
    r"ご相談)(?:を)?(?:いただき|頂き)?[、,]?(?:誠に|まことに)?ありがとうございま(?:す|した)"
    r"[。！!]?\s*$"
)
# Where a clause of its own may start inside the frame: "Thanks for asking whether the pool is
# heated, and yes it is", "...; it is not", "... Sundays and yes we do".
_CLAUSE_IN_FRAME = re.compile(r"[,;]\s*(?:(?:and|but)\s+)?|\s+(?:and|but)\s+", re.IGNORECASE)
# A clause in the frame read as an answer: at most this many are looked at, so a long run of
# commas is read in linear time.
_CLAUSES_READ = 8
# Framed Japanese text that ends as a statement (です/ます/ません) says something itself.
_JA_STATES = re.compile(r"(?:です|ます|ません)[、,]?$")


def _answers_in_frame(framed: str) -> bool:
    """True when a clause inside a thank-you's frame answers: a yes or a no, "we do", "it is".

    ``POLAR_ANSWER`` (the one reader of a yes/no answer) is tried at the start of each clause.
    """
    for count, m in enumerate(_CLAUSE_IN_FRAME.finditer(framed)):
        if count >= _CLAUSES_READ:
            break
        if POLAR_ANSWER.match(framed[m.end() :]):
            return True
    return False


def _thanked_ask(text: str) -> str | None:
    """What a thank-you for the ask frames ("Thanks for asking why ..." -> "why ..."), or None.

    ``None`` when ``text`` is no such thank-you, or when the frame also answers (a yes or a
    no, "we do", "it is not" after a comma, a semicolon or "and"; an undertaking; Japanese
    text ending as a statement); an empty string for a bare thank-you.
    """
    m = _THANKS_FOR_ASK_EN.search(text)
    if m is not None:
        rest = text[m.end() :]
        # "Thanks for asking, the gym has lockers": a clause of its own after the thanks,
        # which may well assert; only words run on from the frame are framed by it
        if re.match(r"\s*[,:;!.—–-]", rest) or _answers_in_frame(rest) or _UNDERTAKING.search(rest):
            return None
        return rest
    m = _THANKS_FOR_ASK_JA.search(text)
    if m is not None:
        framed = text[: m.start()]
        return None if _JA_STATES.search(framed.strip()) else framed
    return None


def frames_by_thanks(text: str) -> bool:
    """True when ``text`` thanks the customer for the ask and frames some of its words.

    Such an echo names the ask's topic for the sentence after it (「返品の送料についてのお問い
    合わせありがとうございます。送料は当社が負担いたします。」), as a heading does not.
    """
    return bool(_thanked_ask(text))


def is_question(text: str) -> bool:
    """True for a sentence that asks (a clarifying question or the customer's ask repeated)."""
    return bool(_QUESTION.search(text.strip()))


def is_label(text: str) -> bool:
    """True for a heading or label line ("How to start a return:", 「…について」)."""
    return bool(_LABEL.search(text.strip()))


def restates(text: str, ask: str) -> bool:
    """True when ``text`` says the ask back with no word of its own.

    Person swaps ("I" -> "you", "my" -> "your") change no content word. A yes or a no, an
    undertaking, or a fact of a kind the ask did not name ("It arrives on Friday") is new.
    A yes/no ask restated as a statement affirms it ("Your order ships to Canada."), so it
    is never an echo of one. A thank-you for the ask that frames only its words ("Thanks for
    asking whether the gym has lockers") is one, of any ask (``_thanked_ask``).
    """
    thanked = _thanked_ask(text)
    if thanked is not None:
        # a thank-you for the ask with the ask's words and nothing else: the ask put back,
        # whatever share of it (a bare thank-you names nothing and is left to the others)
        framed = content_terms(thanked)
        return bool(framed) and framed <= content_terms(ask)
    if is_polar(ask) or POLAR_ANSWER.search(text) or _UNDERTAKING.search(text):
        return False
    if chooses_one(ask, text):
        return False  # one of a which-of ask's things, chosen: its slot filled in its words
    said, asked = content_terms(text), content_terms(ask)
    if not said or not asked or not said <= asked:
        return False
    # A status said back ("Your parcel was sent to the old address" for "why was it sent
    # there?") repeats the ask's own verb: no fact of a new kind.
    if supplied_types(text) - asked_types(ask) - {"@status"}:
        return False
    return len(said) >= RESTATE_SHARE * len(asked)


def _split_labels(sentence: Sentence) -> list[Sentence]:
    """The sentence with its leading label lines cut off as sentences of their own.

    A Japanese label line has no final punctuation, so the splitter joins it to the answer
    under it (a line 「返品の申し込み方法について」, then the answer on the next line).
    """
    out: list[Sentence] = []
    start, text = sentence.start, sentence.text
    while "\n" in text:
        head, rest = text.split("\n", 1)
        if not is_label(head) or not rest.strip():
            break
        out.append(Sentence(start, start + len(head), head))
        offset = len(head) + 1 + (len(rest) - len(rest.lstrip()))
        start, text = start + offset, rest.lstrip()
    out.append(Sentence(start, sentence.end, text))
    return out


def names_ask(text: str, ask: str) -> bool:
    """True when an echo line names this ask: it holds most of the ask's words."""
    asked = content_terms(ask)
    return bool(asked) and len(content_terms(text) & asked) >= RESTATE_SHARE * len(asked)


def deferral_under_echo(
    candidates: list[Sentence | None],
    echoes: list[Sentence],
    ask: str,
    defers: Callable[[str], bool],
) -> Sentence | None:
    """The deferral placed right under a heading that names ``ask``, or ``None``.

    "Why …?" on one line and "We're looking into this." on the next defers that ask though
    the deferral names no topic of its own.
    """
    heads = {e.end for e in echoes if names_ask(e.text, ask)}
    for sentence in candidates:
        if sentence is None or not defers(sentence.text):
            continue
        if any(0 <= sentence.start - end <= 2 for end in heads):
            return sentence
    return None


def _split_question_tail(sentence: Sentence) -> list[Sentence]:
    """The statement before a question tacked on to it, and the question, as two sentences."""
    m = _QUESTION_TAIL.search(sentence.text)
    if m is None:
        m = _OFFER_TAIL.search(sentence.text)
        if m is not None and not _TO_CUSTOMER.search(sentence.text, m.end()):
            m = None
    if m is None or not content_terms(sentence.text[: m.start()]):
        return [sentence]
    tail = len(sentence.text) - len(sentence.text[m.end() :].lstrip())
    return [
        Sentence(sentence.start, sentence.start + m.start(), sentence.text[: m.start()]),
        Sentence(sentence.start + tail, sentence.end, sentence.text[tail:]),
    ]


def answer_candidates(
    sentences: list[Sentence],
    asks: list[str],
    acts: Callable[[str], bool],
    defers: Callable[[str], bool],
    echoes: list[Sentence] | None = None,
) -> list[Sentence | None]:
    """The sentences that may answer an ask, ``None`` in place of each echo.

    Leading label lines are cut off first, so the answer under a heading stays a candidate.
    The placeholders keep adjacency: an answer is never paired across a heading. ``acts``
    tells a sentence that does something (settles, fixes or defers the ask) from a mere
    restatement of it, whatever words it shares with the ask; ``defers`` tells a deferral.
    The echoes themselves are appended to ``echoes`` when it is given.
    """
    out: list[Sentence | None] = []
    for sentence in sentences:
        for part in (q for p in _split_labels(sentence) for q in _split_question_tail(p)):
            text = part.text.strip()
            # A deferral may quote the ask it defers ("We're checking this: is the site
            # down?"): it still defers it, so only ``defers`` keeps a question or a label.
            echo = ((is_question(text) or is_label(text)) and not defers(text)) or (
                not acts(text) and any(restates(text, ask) for ask in asks)
            )
            out.append(None if echo else part)
            if echo and echoes is not None:
                echoes.append(part)
    return out

"""Whether a reply sentence fills the slot an ask leaves open, or only shares its words.

A skirt talks about the ask's topic in the ask's own words and leaves its slot empty: a
length of time asked, a point in time told ("How long does a cleaning take?" - "The next free
cleaning is at 2:30"); a place asked of, the opposite place told ("Can I take photos inside?" -
"Photos of the outside are fine"); a yes/no asked of an act, the act named only as a thing
talked about ("Can I freeze my membership?" - "Membership freezing is a popular topic"). Each
test here reads the slot from the ask's form and the reply's structure, not from topic words.
"""

from __future__ import annotations

import os
import re

from guardrails.figures import find_figures
from guardrails.language import JAPANESE, normalise_width
from guardrails.questions.answer_types import JA_CLOCK_HOUR
from guardrails.questions.word_class import mostly_nominal
from guardrails.run_memo import per_run
from guardrails.text.word_class import is_known_word

# An ask for a length of time: "how long", "how many days", 「どのくらい時間がかかりますか」
# 「何日かかりますか」「期間はどのくらいですか」 ("how long ago" asks for a point).
_ASKS_SPAN = re.compile(
    r"\bhow\s+long\b(?!\s+ago)|\bhow\s+many\s+(?:more\s+)?(?:minutes|hours|days|nights|weeks|"
    r"months|years)\b|(?:どのくらい|どれくらい|どれぐらい|どの程度|どのぐらい)(?:の)?(?:時間|期間|日数|かか)|"
    r"何(?:日|時間|分|週間|か月|ヶ月|カ月|年)(?:間)?(?:くらい|ぐらい|ほど)?(?:かか|必要|要|で)|期間は|"
    # the length named before its measure word: 「利用時間はどのくらいですか」
    r"(?<!営業)(?<!受付)(?<!診療)時間は(?:どのくらい|どれくらい|どれぐらい|どの程度|どのぐらい)",
    re.IGNORECASE,
)
# A point in time said as the end of a span ("ready by Thursday", "within the week", "done
# the same day", 「木曜日までに」「翌朝」「本日中に」), or a span without a figure ("overnight",
# 「一晩」). A clock time or a day said with "at" or "on" is the time of an event, no span.
_SPAN_WORDS = re.compile(
    r"\b(?:by|within|until|till|before|after|in\s+(?:about\s+|around\s+|under\s+)?(?:a|an|one|"
    r"two|three|four|five|six|\d)|overnight|same\s+day|next\s+(?:day|morning|week|working\s+day)|"
    r"tomorrow|today|tonight|straight\s+away|right\s+away|immediately|while\s+you\s+wait|"
    r"instantly|(?:a|an|one|half\s+an?)\s+(?:hour|day|week|month|year|night)|"
    # a unit of time in the plural is a length of it: "three and a half hours", "a few days"
    r"minutes|mins|hours|days|nights|weeks|months|years)\b|"
    r"まで|以内|中に|中には|程度|ほど|くらい|ぐらい|一晩|翌|明日|即日|当日|その場|すぐ|間",
    re.IGNORECASE,
)


# The end of the event said beside its start ("leaves at 8:15 and gets in at 9:40", "starts at
# 10 and ends at 12", 「8時に出航し、9時半に到着します」): with two clock times, its two ends
# give its length. "The next one is at 9:40" names a second event: no end word, no span.
_END_OF_EVENT = re.compile(
    r"\b(?:arriv(?:e|es|ing)|gets?\s+(?:in|back)|reach(?:es)?|ends?|ending|finish(?:es)?|"
    r"lands?|returns?|comes?\s+back|wraps?\s+up)\b|到着|着き|着です|終了|終わ|戻り",
    re.IGNORECASE,
)


def _clock_times(folded: str) -> int:
    """How many times of day ``folded`` says (10:30, 9 am, 10時; 十時 in kanji)."""
    figures = sum(1 for f in find_figures(folded) if f.kind == "time")
    kanji = sum(1 for m in JA_CLOCK_HOUR.finditer(folded) if not m.group()[0].isdigit())
    return figures + kanji


def asks_span(ask: str) -> bool:
    """True when ``ask`` asks how long something takes or lasts (a length of time)."""
    return bool(_ASKS_SPAN.search(normalise_width(ask)))


def supplies_span(text: str) -> bool:
    """True when ``text`` gives a length of time, or the end of one ("by Friday").

    A duration figure ("half an hour", 「30分」) or a word that makes a point in time the end
    of a span, or an event's start and end told as two clock times. "Our next free slot is at
    2:30 on Friday" and "The shop opens at 7 am" tell when another event happens: no span.
    """
    folded = normalise_width(text)
    if any(f.kind == "duration" for f in find_figures(folded)):
        return True
    if _END_OF_EVENT.search(folded) and _clock_times(folded) >= 2:
        return True  # its start and its end: "leaves at 8:15 and gets in at 9:40"
    return bool(_SPAN_WORDS.search(folded))


# Places that exclude each other: an ask about one is not answered by a sentence on the other.
_PLACE_SIDES = (
    (
        re.compile(
            r"\b(?:inside|indoors?|interior|in\s+the\s+(?:building|rooms?|galler(?:y|ies)))\b"
        ),
        re.compile(r"\b(?:outside|outdoors?|exterior|the\s+outside)\b"),
    ),
    (re.compile(r"\bupstairs\b"), re.compile(r"\bdownstairs\b")),
    (
        re.compile(r"館内|屋内|室内|店内|車内|機内"),
        re.compile(r"館外|屋外|室外|店外|車外|外観|外側|建物の外"),
    ),
)


def other_place(ask: str, text: str) -> bool:
    """True when ``text`` names only the place opposite to the one ``ask`` names.

    "Can I take photos inside the gallery?" - "Photos of the outside are fine": the sentence
    speaks of the outside and never of the inside. A sentence naming both sides answers.
    """
    ask_folded = normalise_width(ask).lower()
    folded = normalise_width(text).lower()
    for one, other in _PLACE_SIDES:
        for asked, opposite in ((one, other), (other, one)):
            if (
                asked.search(ask_folded)
                and not opposite.search(ask_folded)
                and opposite.search(folded)
                and not asked.search(folded)
            ):
                return True
    return False


# An -ing word that is no part of a verb phrase: not after a form of "be" ("is being fixed",
# "we're collecting"), nor after a word that takes a verb ("start taking", "keep using").
_GERUND = re.compile(r"\b([A-Za-z]+ing)\b")
_BEFORE_PARTICIPLE = re.compile(
    r"(?:\b(?:is|are|am|was|were|be|been|being|keep|keeps|start|starts|stop|stops|go|goes|"
    r"going|try|tries|enjoy|mind|avoid|recommend|suggest|consider)|'re|'s|'m)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


@per_run(keep=is_known_word)  # a process-wide memo keeps dictionary words only
def _verb_form(word: str) -> bool:
    """Whether ``word`` is a form of a verb in use ("freezing"), not mostly a noun."""
    from lemminflect import getAllLemmas  # its lexicon loads once, when first needed

    # a word used mostly as a noun ("evening", "booking") names a thing, not an act
    return "VERB" in getAllLemmas(word) and not mostly_nominal(word)


def without_named_acts(text: str) -> str:
    """``text`` without the acts it only names as things ("Membership freezing is popular").

    An -ing word heading or ending a noun phrase ("Borrowing a bike ... is something people
    ask about") names an act as a topic; said as a verb ("we are collecting it", "you can keep
    using it") it is left in. Only the -ing word is dropped, its objects stay.
    """

    def keep(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 24) : m.start()]
        if not _verb_form(m.group().lower()) or _BEFORE_PARTICIPLE.search(before):
            return m.group()  # a noun ("morning", "nothing") or a verb in use
        return ""

    return _GERUND.sub(keep, text)


# An ask for a choice between things it names: 「柘植と黒水牛だとどっちが長持ちしますか」,
# "Which lasts longer, the oak or the pine?". Its slot is one of the things, chosen.
_JA_WHICH = re.compile(r"(?:どっち|どちら)(?:が|の|を|に|で|も)")
_JA_ALTERNATIVES = re.compile(r"(?:だと|では|なら|でしたら)?[、,]?\s*$")
_EN_WHICH = re.compile(
    r"\bwhich\b[^,:?]*[,:]\s*(?:the\s+|a\s+|an\s+)?(.+?)\s+or\s+(?:the\s+|a\s+|an\s+)?(.+?)\W*$",
    re.IGNORECASE,
)
# The choice said of one thing: 「黒水牛のほうが丈夫です」「オークがおすすめです」, "the oak is
# better", "I'd go for the oak", "the oak lasts longer".
_JA_CHOSEN = r"(?:のほうが|の方が|がおすすめ|をおすすめ|が(?:長持ち|丈夫|人気|お得|向いて))"
# A comparative qualifies the thing named before it only inside its clause: "The annual plan
# is cheaper" chooses it; "the olive tree ..., and our prices are better" does not. "other
# than", "rather than", "whether" end in -er without being an adjective's comparative.
_EN_CHOSEN = re.compile(
    r"\b(?:better|best|more|less|longer|shorter|cheaper|stronger|recommend|go\s+(?:for|with)|"
    r"prefer|(?!(?:other|rather|either|neither|whether|whatever|however)\b)\w{3,}er\s+than)\b",
    re.IGNORECASE,
)
_EN_CLAUSE_END = re.compile(r"[,;:.!?\n\u2013\u2014]|\s-\s|\b(?:and|but|while|whereas|so)\b", re.I)
_EN_CHOOSING_BEFORE = re.compile(
    r"\b(?:recommend|go\s+(?:for|with)|choose|pick|prefer|suggest)\s+(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)


def alternatives(ask: str) -> tuple[str, ...]:
    """The things a which-of ask chooses between, as written (empty for any other ask)."""
    folded = normalise_width(ask).strip()
    which = _JA_WHICH.search(folded)
    if which is not None:
        before = _JA_ALTERNATIVES.sub("", folded[: which.start()])
        before = re.split(r"[。!?！？、,]", before)[-1]
        # the things joined by と or か right before the which-word: 「柘植と黒水牛だと」
        things = [t.strip() for t in re.split(r"と|か", before)]
        named = tuple(t for t in things if t)
        return named if len(named) >= 2 else ()
    m = _EN_WHICH.search(folded)
    return (m.group(1).strip(), m.group(2).strip()) if m else ()


def _ja_names(things: tuple[str, ...]) -> tuple[str, ...]:
    """The things as written and, when they share their head noun, the part that tells them apart.

    「綿のシーツと麻のシーツ」: a reply chooses 「麻のほうが丈夫です」 with the shared シーツ
    dropped. Only a shared ending leaving every thing a part of its own is dropped.
    """
    suffix = os.path.commonprefix([thing[::-1] for thing in things])[::-1]
    if not suffix or not JAPANESE.search(suffix):
        return things
    parts = tuple(re.sub(r"の$", "", thing[: -len(suffix)]) for thing in things)
    return things + parts if all(parts) else things


def names_the_choice(ask: str, text: str) -> bool:
    """True when ``text`` chooses one of the things the which-of ``ask`` names.

    「黒水牛のほうが丈夫で、おすすめです」 answers 「柘植と黒水牛だとどっちが長持ちしますか」
    though 長持ち goes unsaid; naming the things without choosing ("Both oak and pine are
    popular") answers nothing.
    """
    things = alternatives(ask)
    if len(things) < 2:
        return False
    folded = normalise_width(text)
    if any(re.search(re.escape(thing) + _JA_CHOSEN, folded) for thing in _ja_names(things)):
        return True
    # English: the thing named first, then a word of choosing after it ("the oak lasts longer
    # than the pine", "go for the oak" names it after the choosing word)
    named = [
        m
        for thing in things
        if not re.search(r"[^\x00-\x7f]", thing)
        for m in [re.search(rf"\b{re.escape(thing)}\b", folded, re.IGNORECASE)]
        if m is not None
    ]
    if not named:
        return False
    first = min(named, key=lambda m: m.start())
    end = _EN_CLAUSE_END.search(folded, first.end())
    clause = folded[: end.start() if end else len(folded)]
    return bool(
        _EN_CHOSEN.search(clause, first.end())
        or _EN_CHOOSING_BEFORE.search(folded[: first.start()])
    )


def chooses_one(ask: str, text: str) -> bool:
    """True when ``text`` names exactly one of a which-of ask's things and chooses it.

    "For a small balcony I'd recommend the olive tree" says only the ask's words and one
    thing: neither an echo of the ask nor its focus named bare, since the choice is its slot.
    """
    folded = normalise_width(text).lower()
    named = [thing for thing in alternatives(ask) if thing.lower() in folded]
    return len(named) == 1 and names_the_choice(ask, text)


# Both things on offer: "you can have either", 「どちらもお選びいただけます」.
_BOTH_OPEN = re.compile(
    r"(?:どちらも|どっちも|両方|いずれも)[^。]*(?:いただけ|できます|可能|大丈夫)|"
    r"\b(?:both|either)\b[^.]*\b(?:can|available|fine|possible)\b|"
    r"\b(?:can|could)\b[^.]*\b(?:both|either)\b",
    re.IGNORECASE,
)


# Either will do, and why: "Either is fine - both pass the same safety standard", 「どちらも
# 同じ基準を満たしておりますので、お好きな色をお選びいただけます」. The reason is what makes it
# an answer to a which-of ask rather than a shrug ("Either is fine.").
_EITHER_WILL_DO_EN = re.compile(
    r"\b(?:either|both)(?:\s+(?:one|ones|option|options|of\s+them))?\s+"
    r"(?:(?:is|are|would\s+be|will\s+be)\s+(?:(?:just|equally|perfectly)\s+)?"
    r"(?:fine|good|great|ok|okay|a\s+good\s+(?:choice|pick))|works?|would\s+work|will\s+(?:do|work))"
    r"\b(?=.*\b(?:because|since|as|so|both|they|each)\b)",
    re.IGNORECASE | re.S,
)
_EITHER_WILL_DO_JA = re.compile(
    r"(?:どちらでも|どっちでも|いずれでも|どちらも|どっちも|いずれも|両方とも?)[^。]*?"
    r"(?:ので|ため|から)[、,]?[^。]*?(?:お好み|お好き|お選びいただけ|構いません|大丈夫|問題ございません)"
)


def either_will_do(ask: str, text: str) -> bool:
    """True when ``text`` answers a which-of ``ask`` that either thing will do, with a reason.

    "Either is fine - both pass the same safety standard" settles "Which one should I get,
    the red helmet or the blue helmet?"; a bare "Either is fine." gives no ground to choose on.
    """
    if len(alternatives(ask)) < 2:
        return False
    folded = normalise_width(text)
    return bool(_EITHER_WILL_DO_EN.search(folded) or _EITHER_WILL_DO_JA.search(folded))


def leaves_the_choice_open(ask: str, text: str) -> bool:
    """True when ``text`` names every thing a which-of ``ask`` names and chooses none.

    「本革も合皮も人気の素材です」 to 「本革と合皮だとどっちが長持ちしますか」: all of the ask's
    words, and its slot (the one chosen) left empty.
    """
    things = alternatives(ask)
    if len(things) < 2 or names_the_choice(ask, text):
        return False
    folded = normalise_width(text).lower()
    if _BOTH_OPEN.search(folded):
        return (
            False  # either may be had: 「どちらもお選びいただけます」 answers which can be chosen
        )
    return all(thing.lower() in folded for thing in things)

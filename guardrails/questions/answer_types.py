"""The kind of fact an ask wants, and the kinds of fact a reply sentence supplies.

"What's your phone number?" is answered by "Call us on 0800 123 4567" although the two share
no word, and 「いつ届きますか」 by 「12月5日頃のお届け予定です」: a support lead reads the ask's
focus (its wh-word or the noun it asks for) and sees an answer of that form. Each answer type
has three parts, kept together here as one source:

* how an ask asks for it (the wh-word or the noun asked for: "what time", "how much", "link",
  電話番号, いつ);
* how a reply supplies it (a phone number, an email address, a URL, a time of day, a date or
  duration, a price; figures come from ``guardrails.figures``);
* the ask's own words the typed answer stands for ("phone", "number", "call" are said by the
  number itself), so a reply need not repeat them.

A yes/no ask ("Is the backpack waterproof?", 「ギフト包装はできますか」) wants a yes or a no:
a reply sentence opening with one (``POLAR_ANSWER``) answers it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lemminflect import getAllLemmas, getAllLemmasOOV, getInflection

from guardrails.figures import JA_DURATION_UNIT, Figure, find_figures
from guardrails.language import JAPANESE, normalise_width
from guardrails.questions.asks_en import is_polar_en
from guardrails.questions.asks_ja import asks_when_ja, is_polar_ja
from guardrails.questions.focus import yes_no_shape
from guardrails.run_memo import per_run
from guardrails.sentences import BULLET, NUMBERED, sentence_texts
from guardrails.terms import content_terms
from guardrails.text.word_class import classes_of, is_base_verb, is_known_word, is_plural_noun


@dataclass(frozen=True)
class AnswerType:
    """One kind of fact: how an ask asks for it, how a reply gives it, what it stands for."""

    name: str
    asked: re.Pattern[str]
    supplied: re.Pattern[str] | None
    figure_kinds: frozenset[str]
    stands_for: frozenset[str]
    # How much of the ask an answer of this form settles alone: a phone number is the answer
    # to "what's your number", but steps or a cause must also be about the ask's topic.
    share: float = 0.5
    # Whether a reply sentence without this form is less of an answer (a price ask met by no
    # price); a form that is one way among others to answer ("which": a list) is not required.
    required: bool = True

    @property
    def term(self) -> str:
        """The pseudo-term an ask and a supplying sentence share (``@phone``)."""
        return f"@{self.name}"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(content_terms(text))


# Opening hours: an hours word, then a span of the day ("open 9 to 3", "hours 8 am - 6 pm").
# The clock answer type reads bare hours after these words; _HOURS reads wider hours words and
# spans with am/pm, noon, midnight.
_HOURS_WORDS = r"open|opens|opening|hours|staffed|closes"
_BARE_HOUR = r"\d{1,2}(?:[:.]\d\d)?"
_SPAN_TO = r"(?:to|till|until|-|–)"
# An hour of the clock said with 時, in kanji or digits: 十時, 十一時開始, 八時半, 十四時十五分,
# 10時. Not a length (三時間, 二時間半), nor a word on 時 (時期, 時点, 時代, 時限, 時給); 一時
# alone is an hour only where no word goes on from it (一時から, 一時半), not 一時保育, 一時的.
_KANJI_DIGITS = "〇零一二三四五六七八九十"
JA_CLOCK_HOUR = re.compile(
    rf"(?<![{_KANJI_DIGITS}\d])"
    rf"(?:(?!一時)[{_KANJI_DIGITS}]{{1,3}}|一(?=時(?:半|[^一-龥ァ-ヶー々]|$))|\d{{1,2}})"
    r"時(?!間|期|点|々|代|刻|限|給|差|効)"
)
# A bare hour after opening or closing ("we open at 10", "closes at 5.30 on Fridays"), where no
# noun follows the number ("open at 3 locations" counts places).
_OPEN_AT_HOUR = (
    r"\b(?:open|opens|opening|close|closes|closing|shut|shuts)\b[^.?!]{0,24}?\bat\s+"
    # the hour in digits or in words: "we open at ten, an hour later than weekdays"
    r"(?:(?:[01]?\d|2[0-4])(?:[:.][0-5]\d)?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?=\s*(?:[.,;!)]|$)|\s+(?:on|in|every|each|and|sharp|daily|today|tomorrow|tonight|"
    r"from|until|till|weekdays?|weekends?|at\s+(?:the\s+)?weekends?)\b)"
)
# Digits in groups as people write phone numbers: "0800 123 4567", "+44 20 7946 0958",
# "(555) 010-2030", "0120-123-456"; seven to fifteen digits in all (checked in _phone).
_PHONE_SHAPE = re.compile(r"(?<![A-Za-z0-9/.])\+?\(?\d[\d ().-]{5,18}\d(?![A-Za-z0-9/])")
# A bare run of digits ("order 1234567", "39.99") or a date ("2026-11-29") is no phone number.
_NOT_PHONE = re.compile(r"[\d.]+|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|"
    r"thurs|fri|sat|sun"
)
_MASKED = r"<{kind}[^>]{{0,12}}>"  # a value the PII masker replaced ("<PHONE_NUMBER_1>")
# A small number in words and a unit of a length of time: "two and a half hours".
_SMALL_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_SPAN_UNIT = r"(?:minutes?|hours?|days?|weeks?|months?|years?)"
# An age said in words ("sixteen", "twenty-one").
_AGE_WORD = (
    rf"{_SMALL_NUMBER}|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy)(?:-[a-z]+)?"
)

# 「どのくらい」「どれぐらいの」: how far, a length of time unless an adjective of a price
# (安い・高い, read by ``price``), a size (大きい・広い, ``size``) or an amount (重い・多い,
# ``quantity``) follows.
_HOW_FAR_JA = r"(?:どの|どれ)(?:くらい|ぐらい)"
_PRICE_ADJ_JA = r"(?:安|高|お得)"
_SIZE_ADJ_JA = r"(?:大き|小さ|広|狭)"
_AMOUNT_ADJ_JA = r"(?:重|軽|多|少)"

TYPES: tuple[AnswerType, ...] = (
    AnswerType(
        "phone",
        _rx(
            r"\b(?:phone|telephone|tel|mobile|contact|hotline|helpline|support|customer\s+service)"
            r"\s+(?:number|no|line)\b|\bnumber\s+(?:to|i\s+can|we\s+can|for)\s+(?:call|ring|"
            r"text|reach|contact)|\b(?:call|ring|phone)\s+(?:you|u|someone|support|your|them)\b|"
            r"\bnumber\s+to\s+call\b|\bwho\s+(?:do|can|should|would)\s+i\s+(?:talk|speak|contact|"
            r"call|email|write|reach|ask)|電話|連絡先|問い合わせ先"
        ),
        _rx(_MASKED.format(kind="PHONE")),
        frozenset(),
        _words("phone number call telephone mobile contact hotline helpline line ring reach")
        | {"電話"},
    ),
    AnswerType(
        "email",
        _rx(
            r"\be-?mail(?:\s+address)?\b|\bwhere\s+(?:do|can|should)\s+i\s+(?:send|write|email)"
            r"|\bwho\s+(?:do|can|should|would)\s+i\s+(?:talk|speak|contact|email|write|reach|ask)"
            r"|メール|アドレス|連絡先|問い合わせ先"
        ),
        _rx(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+|" + _MASKED.format(kind="EMAIL")),
        frozenset(),
        _words("email mail address send write contact") | {"メール", "アドレス", "連絡先"},
    ),
    AnswerType(
        "url",
        # "online" asks for a link only where it is the place asked about ("where online");
        # "Could I settle a fine online?" names the channel of a yes/no ask
        _rx(
            r"\b(?:link|url|web\s*site|web\s*page|webpage|page)\b|\bwhere\b[^.?]*\bonline\b|"
            r"リンク|url|サイト|ページ"
        ),
        _rx(
            r"https?://\S+|\bwww\.\S+|\b[\w-]{1,63}\.(?:com|org|net|io|co|jp|uk|de|fr|app)(?:/\S*)?\b|"
            + _MASKED.format(kind="URL")
        ),
        frozenset(),
        _words("link url website webpage page online site see find")
        | {"リンク", "サイト", "ページ"},
    ),
    AnswerType(
        "clock",
        _rx(
            r"\bwhat\s+time\b|\b(?:opening|business|office|store|shop|working)\s+hours\b|"
            r"\bhours\b|\b(?:open|close|closing|opening)\b[^.?]*\b(?:when|until|till)\b|"
            r"\b(?:when|until\s+when|till\s+when)\b[^.?]*\b(?:open|close|closing|opening)\b|"
            r"何時|営業時間|開店|閉店"
        ),
        # opening hours said as a span of bare hours: "open 9 to 3", "usual hours, 8 till 6";
        # an hour in words with its part of the day: "from eight in the morning", "ten o'clock"
        _rx(
            rf"\b(?:{_HOURS_WORDS})\b[^.?!]{{0,30}}?\b(?<![\d.,£$€])"
            rf"{_BARE_HOUR}\s*{_SPAN_TO}\s*{_BARE_HOUR}\b(?![\d,%]|\.\d)|"
            rf"\b(?:{_SMALL_NUMBER}|{_BARE_HOUR})(?:\s+(?:thirty|fifteen|forty-five))?\s+"
            r"(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|o'?clock)\b|" + _OPEN_AT_HOUR
        ),
        frozenset({"time", "availability"}),
        _words("time hour hours open close opening closing") | {"営業", "時間", "何時"},
    ),
    AnswerType(
        "time",
        _rx(
            # "when" asks when it opens the ask or an embedded question, not in "what's
            # included when I rent ..."
            r"\bhow\s+long\b|^\W*(?:(?:and|so|but|also|ok|okay)\W+)*when\b|"
            r"\b(?:know|tell\s+(?:me|us)|ask(?:ing)?|wonder(?:ing)?|idea|sure|find\s+out|check|"
            r"confirm|say|advise|clarify)\b[^.?!]{0,20}?\bwhen\b|[,;:]\s*when\b|"
            r"\bhow\s+soon\b|\bwhat\s+(?:day|date)\b|\buntil\s+when\b|"
            r"\bby\s+when\b|\bexpir\w*\b|\bdeadline\b|"
            # a length or a point of time named as the thing asked after: "What's the
            # turnaround?", "the lead time on a sofa", "confirm the time window"
            r"\bturn[\s-]?around\b|\blead\s+time\b|\bprocessing\s+time\b|"
            r"\btime\s+(?:window|slot|frame)\b|\barrival\s+time\b|"
            # どのくらい before an adjective of amount or size asks a degree, not a length of
            # time: 「どのくらい安くなりますか」 (a price), 「どれくらい大きいですか」
            rf"何日|{_HOW_FAR_JA}(?!の?(?:{_PRICE_ADJ_JA}|{_SIZE_ADJ_JA}|{_AMOUNT_ADJ_JA}))|"
            r"何営業日|何時間|期限|期間|"  # いつ: asks_when_ja
            r"何年(?!生)|"  # years (a warranty of 五年間) or which year; not a school grade
            # 何 before a unit of a length of time asks for one: 「何分」「何週間」「何か月」;
            # not the adverb 何分 (なにぶん, "in any case": 何分にも, 何分よろしく) nor 何分か
            # ("some minutes", said, not asked)
            # ("some minutes", said, not asked); 何時 asks the hour of the clock (``clock``)
            rf"何\s?(?!分(?:か|にも|よろしく|ご))(?!時(?!間))(?:{JA_DURATION_UNIT})|"
            # a day or a date named as what is asked after: 「配送日を教えて」「営業日は」 (a
            # compound of two characters or more before it: not 今日, 土日, 毎日; nor a
            # weekday, 土曜日は, which sets the day the ask is about)
            r"(?<=[一-龥ァ-ヶー]{2})(?<!曜)(?:日|日時|日程|時期)(?:を|は|が|って|について)"
        ),
        _rx(
            rf"\b(?:{_WEEKDAYS})(?:day)?s?\b|\b(?:today|tonight|tomorrow|yesterday|"
            r"this\s+(?:morning|afternoon|evening|week|month)|next\s+(?:week|month|year)|"
            r"end\s+of\s+(?:the\s+)?(?:day|week|month|year)|later\s+today|right\s+away|"
            r"immediately|instantly|straight\s+away)\b|"
            # spelled-out spans the figure reader leaves: "in a single day", "a day or two",
            # "the same day", "overnight"
            r"\ba\s+single\s+(?:day|week|morning|afternoon|evening|visit|session)\b|"
            # one unit after a verb of lasting or a bound: "it lasts an hour", "within a day"
            r"\b(?:takes?|took|lasts?|lasted|runs?|needs?|allow|within|in|for|under|over|"
            r"about|around|roughly|just)\s+(?:an?|one)\s+(?:hour|day|week|month|year|night)\b|"
            r"\ban?\s+(?:day|week|hour|month)\s+or\s+two\b|\b(?:the\s+)?same\s+day\b|\bovernight\b|"
            # a span with a half in words: "three and a half hours", "an hour and a half" (the
            # figure reader takes whole spans only). A point of time said in words ("the next
            # morning", 翌月, 夕方) is left out: it names when another event happens as readily
            # as the asked one ("The workshop opens the next morning" to "How long is the repair?")
            rf"\b(?:an?|{_SMALL_NUMBER})\s+{_SPAN_UNIT}\s+and\s+a\s+half\b|"
            rf"\b{_SMALL_NUMBER}\s+and\s+a\s+half\s+{_SPAN_UNIT}\b|"
            # a night is a length of time: 「一晩お預かりします」
            r"一晩|本日|今日|明日|明後日|昨日|今週|来週|今月|来月|月末|週末|曜日|即日|すぐ|ただちに|直ちに"
        ),
        frozenset({"duration", "date", "time"}),
        _words("time long soon day date when deadline expire valid") | {"期限", "期間"},
    ),
    AnswerType(
        "price",
        _rx(
            r"\bhow\s+much\b|\bcost\b|\bprice\b|\bfees?\b|\b(?:certain|minimum|an?)\s+amount\b|"
            # 「キャンセル料」「手数料」: a fee named by its suffix
            r"いくら|何円|料金|費用|送料|値段|価格|[ァ-ヶー一-龥]料(?:は|が|って|を|も)|"
            # 「どのくらい安くなりますか」: how much cheaper, a price (no length of time)
            rf"{_HOW_FAR_JA}の?{_PRICE_ADJ_JA}"
        ),
        _rx(
            r"\bfree(?:\s+of\s+charge)?\b|\bno\s+(?:charge|fee|cost)\b|\bat\s+no\s+cost\b|無料|無償|"
            # an amount with a currency named after it, which the figure reader leaves:
            # "20 cents a day", "50p", "ten dollars" (not "pounds": a weight as often)
            rf"(?:\b\d{{1,4}}(?:[.,]\d{{1,2}})?|\b{_SMALL_NUMBER})\s?"
            r"(?:cents?|pence|dollars?|euros?|bucks|quid)\b|"
            # pence as "p" only right after one or two digits: "50p", not "1080p" (a screen)
            r"\b\d{1,2}p\b(?!\.?m\b)"
        ),
        frozenset({"price", "percentage"}),
        _words("cost price fee much charge pay amount") | {"料金", "費用", "送料", "値段", "価格"},
    ),
)
# Spelled-out or written counts ("up to six", "1,240 points", "a dozen", "unlimited"). A figure
# of another kind (a price, a date, a duration) or an id ("order 4410", "#88213") is no count.
_COUNT = re.compile(
    r"(?<![#\w.,/:-])\d{1,4}(?:,\d{3})?(?![\w.,/:%-]|\s?(?:am|pm)\b)|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|fifty|hundred|a\s+dozen|a\s+couple|unlimited|no\s+limit|as\s+many\s+as\s+you)\b|"
    r"(?:(?<![0-9])[0-9]{1,6}|(?<![一二三四五六七八九十百千])[一二三四五六七八九十百千]{1,6})\s?(?:個|台|点|枚|本|件|名|人|部|冊|回|箱|つ|口|アカウント)|"
    r"無制限|上限(?:は|なく|なし)",
    re.IGNORECASE,
)
_NOT_COUNT_BEFORE = re.compile(
    r"(?:\b(?:order|ticket|case|invoice|version|v|no|number|ref|reference|id|code|account|room|"
    r"flight|item)\s*#?|#|注文番号|番号)\s*$",
    re.IGNORECASE,
)
# A list of three or more short names ("Visa, Mastercard, PayPal and Apple Pay"), or two or
# more bulleted lines; Japanese separates them with 、 or ・ (「Visa・JCB・PayPay」).
_EN_ITEM = r"[A-Za-z0-9][\w'&+-]*(?:\s+[\w'&+()-]+){0,3}"
_EN_LIST = re.compile(rf"{_EN_ITEM}(?:,\s+{_EN_ITEM}){{1,}},?\s+(?:and|or|as\s+well\s+as)\s+\w")
# An item is a name, not a clause: no pronoun or auxiliary ("Sorry, I checked, and it shipped").
_CLAUSE_WORD = re.compile(
    r"\b(?:i|we|you|he|she|it|they|this|that|is|are|was|were|be|been|have|has|had|do|does|did|"
    r"will|would|can|could|should|sorry|thanks|please|so|then|but|if|when|because)\b",
    re.IGNORECASE,
)
_BULLETS = re.compile(rf"(?m)(?:^\s*(?:{BULLET}|{NUMBERED})\s+\S.*\n?){{2,}}")
# 「AとBとC」 joins three names as a list too (two と: one is as often "with").
_JA_LIST = re.compile(
    r"(?:[^\s、。・ぁ-ゖ]{1,24}[、・]){2,}[^\s、。・ぁ-ゖ]{1,24}|(?:[^\s、。・ぁ-ゖ]{1,24}と){2,}[^\s、。・ぁ-ゖ]"
)


# One word class of the plain yes and the plain no, the emphatic ones ("Absolutely", "Of
# course") with them: every rule reading a yes said first takes its words from here.
YES_WORD = r"(?:yes|yeah|yep|yup|sure|surely|of\s+course|certainly|absolutely|definitely|indeed)"
NO_WORD = r"(?:no|nope)"
# The Japanese yes and no said first (「はい、…」「もちろんです」「いいえ、…」), one source for
# every rule reading them.
JA_YES_WORD = r"(?:はい|ええ(?!っ?と)|もちろん)"  # not ええと, a hesitation ("um")
JA_NO_WORD = r"(?:いいえ)"
# Words an instruction may open with before its verb ("Please send", "Then click", a yes
# first: "Sure, just pick ..."), and a leading condition ("If it still fails, restart the app").
_LEAD = re.compile(
    rf"^\W*(?:(?:please|just|simply|then|first|next|also|now|so|and|{YES_WORD})\b[,!.]?\s+)+",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"^\W*(?:if|when|once|before|after|while|until)\b[^,]{0,80},\s*", re.I)
# Greetings and thanks open with a base-form verb too, with "I" left unsaid, and so do the
# closing offers ("Let me know if ...", "Feel free to reach out"): no instruction.
# Asking the customer to write back or tell us something is no step towards the answer.
_WRITE_BACK = re.compile(
    r"(?:reply|respond|contact|call|e-?mail|write|reach|message|text|tell|share|provide|confirm|"
    r"get\s+in\s+touch|send\s+us|drop\s+us)\b",
    re.IGNORECASE,
)
_AFTER_VERB = frozenset(
    "the a an your my our this that these those it them us me him her back up out in on off "
    "over to down away here there again any all both from via using through with into".split()
)
_ELLIPTIC = frozenset(
    {"thank", "hope", "welcome", "apologise", "apologize", "appreciate", "wish", "let", "feel"}
)


@per_run(keep=is_known_word)
def _only_verb(word: str) -> bool:
    """Whether the lemminflect lexicon lists ``word`` as a verb and nothing else ("restart")."""
    from lemminflect import getAllLemmas  # its lexicon loads once, when first needed

    return set(getAllLemmas(word.lower())) == {"VERB"}


def _instructs(text: str) -> bool:
    """True when a sentence of ``text`` is an instruction: it opens with a base-form verb.

    "Send the boots back within 30 days", "If it still fails, restart the app"; the word
    class comes from the lemminflect lexicon, not a list of verbs.
    """
    return bool(instruction_verbs(text))


def instruction_verbs(text: str) -> tuple[str, ...]:
    """The verbs (lower case) opening the instructions of ``text``, in order (``_instructs``)."""
    verbs: list[str] = []
    for line in re.split(r"(?<=[.!?])\s+|\n", text):
        rest = _LEAD.sub("", _CONDITION.sub("", line.strip()))
        words = re.findall(r"[A-Za-z]+", rest[:40])
        if not words or words[0].lower() in _ELLIPTIC or not is_base_verb(words[0]):
            continue
        if _WRITE_BACK.match(rest):
            continue  # "just reply to this message": a way to write back, not a step
        # "Return shipping is free": a noun that can be a verb, heading a noun phrase; a verb
        # is followed by its object's determiner, a pronoun or a particle ("Return the item").
        if _only_verb(words[0]) or (len(words) > 1 and words[1].lower() in _AFTER_VERB):
            verbs.append(words[0].lower())
    return tuple(verbs)


def _counts(text: str, figures: Sequence[Figure] | None = None) -> bool:
    """True when ``text`` gives a count ("up to six", "1,240 points", 「最大10点」).

    ``figures`` are ``text``'s figures when the caller has read them already.
    """
    if figures is None:
        figures = find_figures(text)
    # figures come in order and never overlap: the last one starting at or before a count
    # is the only one that can hold it (a scan of every figure per count was quadratic in a
    # run of short numbers, "1 1 1 ...")
    taken = [(f.start, f.end) for f in figures if f.kind not in {"quantity"}]
    starts = [start for start, _ in taken]
    for m in _COUNT.finditer(text):
        at = bisect_right(starts, m.start()) - 1
        if at >= 0 and m.start() < taken[at][1]:
            continue  # part of a price, a date, a time or a duration
        if _NOT_COUNT_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            continue
        return True
    return False


def _enumerates(text: str) -> bool:
    """True when ``text`` lists three or more names, or two or more bulleted lines."""
    if _BULLETS.search(text):
        return True
    # a list has a comma: without one, skip a scan that costs the square of a long word
    for m in _EN_LIST.finditer(text) if "," in text else ():
        items = re.split(r",\s+|\s+(?:and|or|as\s+well\s+as)\s+", m.group())
        # the first item may be the end of the clause that leads into the list ("It comes in
        # grey, navy and green"): only its last word is a member
        first = items[0].split()[-1:]
        if not any(_CLAUSE_WORD.search(item) for item in [*first, *items[1:]]):
            return True
    return bool(_JA_LIST.search(text))


_QUANTITY = AnswerType(
    "quantity",
    _rx(
        r"\bhow\s+many\b|\bnumber\s+of\b|\b(?:limit|maximum|max|minimum)\b|"
        # a size or an extent is said by a measure or a count ("How big is the hall?" ->
        # "It seats 300"); "how long" is a duration (``time``), "how much" a price
        r"\bhow\s+(?:big|large|small|far|heavy|tall|wide|deep|high|old)\b|"
        r"何(?:個|台|点|枚|本|件|名|人|部|冊|回|箱|つ|口)|いくつ|上限|最大|最低|"
        # 「どのくらい重いですか」「どれくらい多く」: an amount, as "how heavy", "how many"
        rf"{_HOW_FAR_JA}の?{_AMOUNT_ADJ_JA}"
    ),
    None,
    # "How many days do I have?" is answered by "30 days" as much as by a bare count
    frozenset({"quantity", "duration", "percentage"}),
    _words("many number limit maximum minimum big large size far heavy tall wide old")
    | {"上限", "最大", "最低"},
)
# "What sizes does the shirt come in?", 「どのサイズがありますか」: the answer names sizes ("XS to
# XXL", "UK 6-18", "sizes 36 to 46", 「S〜LL」), written in capitals, so matched case-sensitively.
_SIZE = AnswerType(
    "size",
    _rx(
        r"\b(?:what|which)\s+sizes?\b|\bsizes?\s+(?:range|options|available)\b|どのサイズ|何サイズ|"
        # 「どのくらい大きいですか」「どれくらいの広さ」: a size, told by its measures
        rf"{_HOW_FAR_JA}の?{_SIZE_ADJ_JA}"
    ),
    re.compile(
        r"\b(?:[2-6]?X{1,3}[SL]|XS|S/M|M/L|L/XL)\b|\b(?:UK|EU|US|JP)\s?\d{1,2}(?:\.5)?\b|"
        r"\b[Ss]izes?\s+\d{1,2}\b|\b(?:[Ss]mall|[Mm]edium)\s*(?:,|/|to|and|or)\s*(?:medium|large)\b|"
        r"(?<![A-Za-z])(?:S|M|L|LL|3L)(?:サイズ|〜|～|から)|"
        # a range of sizes told by what the items run or come in: "wetsuits run from a junior 8
        # up to 14", "the rings come in 5 to 12" (read only for an ask about sizes)
        r"\b(?:[Rr]uns?|[Rr]ange|[Gg]oes|[Cc]omes?\s+in)\s+(?:from\s+)?(?:(?:a|an|size|sizes)\s+)?"
        r"(?:[A-Za-z]+\s+)?\d{1,2}(?:\.5)?\s+(?:up\s+)?(?:to|-|–|through)\s+\d{1,2}(?:\.5)?\b"
    ),
    frozenset(),
    _words("size sizes fit") | {"サイズ"},
)
# "How often do the panels need cleaning?", 「どのくらいの頻度で」: the answer is a rate ("once
# or twice a year", "every three months", "weekly", 「月に1回」), whatever words it repeats.
_FREQUENCY = AnswerType(
    "frequency",
    _rx(r"\bhow\s+(?:often|frequently|regularly)\b|頻度|何回ごと|何年ごと|何か月ごと"),
    _rx(
        r"\b(?:once|twice|\w{1,24}\s+times)\s+(?:a|an|per|each|every)\b|"
        r"\b(?:every|each)\s+(?:\w{1,24}\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|"
        r"mornings?|evenings?|nights?|seasons?|quarters?)\b|"
        r"\b(?:daily|weekly|fortnightly|monthly|quarterly|yearly|annually|hourly|nightly)\b|"
        r"\b(?:per|a)\s+(?:day|week|month|year)\b|"
        r"毎(?:日|週|月|年|朝|晩|回)|(?:年|月|週|日|時間)に\s?(?:[0-9０-９]{1,3}|[一二三四五六七八九十])\s?回|"
        r"(?:[0-9０-９]{1,3}|[一二三四五六七八九十])\s?(?:日|週間|か月|ヶ月|カ月|年)(?:に|ごと)"
    ),
    frozenset(),
    _words("often frequently regularly") | {"頻度"},
)
# "Which payment methods do you accept?", "What kinds of plans are there?", 「何が使えますか」:
# the answer names the choices.
_CHOICE = AnswerType(
    "choice",
    _rx(
        # "What's included?", "What does the kit come with?": the answer lists the contents
        r"\bwhat(?:'s|\s+is|\s+are|\s+gets?|\s+comes?)\s+(?:included|in\s+the\s+(?:box|kit|pack)|"
        r"covered)\b|\bwhat\s+does\s+[\w\s]{1,30}?\s+(?:include|come\s+with|cover|contain)\b|"
        r"\bwhich\b|\bwhat\s+(?:kinds?|types?|sorts?)\s+of\b|\bwhat\s+(?:are\s+)?(?:the\s+|your\s+)?"
        r"(?:options|choices|alternatives)\b|何が(?:使え|でき|あり|選べ|利用)|どの(?!くらい|ぐらい|程度|よう)|"
        r"どんな|どちら|種類"
    ),
    None,
    frozenset(),
    frozenset(),
    # a single name answers "which card did you charge?" as well as a list: no list, no loss
    required=False,
)
# "Where's my replacement card?", "Has my order shipped?", 「注文した商品はどうなっていますか」:
# a status ask is answered by where the thing is or what has happened to it ("It's in transit",
# "it was posted on Tuesday", 「本日発送いたしました」), without naming the thing again.
_STATUS = AnswerType(
    "status",
    _rx(
        r"\bwhere(?:'s|\s+is|\s+are)\s+(?:my|our|the)\b|\bwhat(?:'s|\s+is)\s+(?:the\s+)?status\b|"
        # the embedded order: "say where our crate is", "no idea where the parcel is"
        r"\bwhere\s+(?:my|our|the)\s+(?:\w+\s+){0,3}?(?:is|are)\b(?!\s+\w+ing\b)|"
        # "Any update?", "any news on the coat?": where the customer's matter has got to
        r"\bstatus\s+of\b|\b(?:any|an)\s+(?:update|news|progress)\b|どうなって|状況"
    ),
    _rx(
        r"\b(?:in\s+transit|on\s+(?:its|their|the)\s+way|out\s+for\s+delivery|with\s+(?:the|our)\s+"
        r"(?:courier|carrier|driver|post(?:al\s+service)?|post\s+office)|"
        r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+)?(?:posted|shipped|dispatched|"
        r"delivered|sent|processed|approved|issued|returned|received|booked\s+in|picked\s+up|"
        r"ready\s+(?:for\s+collection|to\s+collect)))\b|"
        r"発送(?:いたしました|しました|済み)|配送中|お届け(?:済み|いたしました)|到着(?:済み|しております)"
    ),
    frozenset(),
    _words("status update where") | {"状況"},
    # a status alone may be another thing's ("Your order shipped" for "where's my refund?"):
    # it must name the thing, or point back to it ("It's in transit"; see the judge)
    share=0.2,
)
# "What age can children start?", 「何歳から通えますか」: the answer is an age ("from 4 years
# old", "aged 12 and over", 「4歳から」), whatever of the ask's other words it repeats. Japanese
# writes it with a counter the figure reader does not take for a quantity, hence its own form.
# What has been done to the thing so far, by any verb: "it's been relined", "the movement has
# been cleaned", "your order has now been packed". The subject is the thing itself (a pronoun,
# a noun after your/the/my, or one with its number, "order 4471"): "Repairs have been taken
# seriously for years" says nothing of where this repair has got to. Fixed words and bounded
# gaps: linear.
_DONE_TO_IT = re.compile(
    r"(?:\b(?:it|they|this|that)|\b(?:your|the|my|its|their)\s+(?:[a-z]+\s+){0,2}?[a-z]+|"
    r"\b[a-z]+\s+(?:no\.?\s*|#)?\d+)"
    r"(?:\s+has|\s+have|'s)\s+(?:now\s+|just\s+|already\s+)?been\s+(?P<done>[a-z]+(?:ed|en))\b",
    re.IGNORECASE,
)


def _done_to_it(folded: str) -> bool:
    """True when ``folded`` says what has been done to the thing (``_DONE_TO_IT``).

    The word after "been" must be a verb's past participle ("relined", "taken"), not an
    adjective with the same ending ("it has been open since May", "golden").
    """
    for m in _DONE_TO_IT.finditer(folded):
        word = m.group("done").lower()
        lemmas = getAllLemmas(word).get("VERB") or getAllLemmasOOV(word, "VERB").get("VERB", ())
        if any(word in getInflection(lemma, "VBN") for lemma in lemmas):
            return True
    return False


_AGE = AnswerType(
    "age",
    _rx(
        r"\bwhat\s+age\b|\bhow\s+old\b|\bage\s+(?:limit|range|group|restriction|requirement)s?\b|"
        r"\b(?:minimum|maximum)\s+age\b|何歳|何才|年齢"
    ),
    _rx(
        r"\b\d{1,3}\s*(?:-|to|and)?\s*(?:\d{1,3}\s*)?(?:years?|yrs?)[\s-]+old\b|"
        r"\b(?:aged?|ages)\s+\d{1,3}\b|\b\d{1,2}s?\s*(?:\+|and\s+(?:over|up|above|older))|"
        r"\bover\s+\d{1,2}s\b|(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s?(?:歳|才)|"
        # an age in words: "sixteen or older", "aged twelve", "eighteen and over"
        rf"\b(?:{_AGE_WORD})\s+(?:or|and)\s+(?:older|over|above|up)\b|"
        rf"\b(?:aged?|over|under)\s+(?:{_AGE_WORD})\b|\b(?:{_AGE_WORD})[\s-]+years?[\s-]+old\b|"
        # a school year stands for an age: "from Year 3", "secondary school pupils", 「小学1年生」
        r"\b(?:year|grade)\s+\d{1,2}\b|\b(?:primary|secondary|high)[\s-]school\b|"
        r"(?:小学|中学|高校)(?:[0-9０-９一二三四五六]年)?生|未就学|幼児|乳児"
    ),
    frozenset(),
    _words("age old year years") | {"年齢"},
)
# Verbs of a where-ask for a screen or a setting ("where would we update the PIN"): it asks the
# way there (_PROCEDURE), not a place (_PLACE).
_WHERE_WAY_VERBS = r"find|see|change|update|turn|set|download|add|remove|cancel"
# "Where can I park near the office?", "Where do we meet the guide?", 「どこで受け取れますか」: the
# answer is a place, said by a street, a spatial relation or a walk ("a car park on Mill Lane,
# two minutes' walk away", "next to reception", 「駅の改札前」「徒歩5分」), whatever of the ask's
# other words it repeats. A where-ask for the status of a thing ("where's my order") or for a
# screen ("where would we update the PIN") is read by those forms instead; a reply may answer
# a where-ask by steps too, so a sentence without a place loses nothing.
# A menu path is a place on a screen: "under Claims > New claim", 「「手続き」＞「発行」」
# (spaced, so a placeholder's closing ">" is none). It is a place of whatever it leads to:
# ``place_by_menu_only`` lets the judge keep it only for a path to the ask's own thing.
_MENU_PATH = r"[A-Za-z]{2,}\s+>\s+[A-Za-z]|」\s*>\s*「"
_PLACE = AnswerType(
    "place",
    _rx(
        r"^\W*(?:(?:and|also|so|ok|okay)\W+)*where\s+(?:can|could|do|should|would|will|may|"
        rf"shall)\s+(?:i|we|you)\s+(?!{_WHERE_WAY_VERBS}|get\s+(?:a|an|my|the)\s+(?:code|link|"
        r"form|invoice|receipt)|check|enter|apply)|"
        r"どこ(?:で|に|へ|から)"
    ),
    _rx(
        r"\b(?:on|at|in|off)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:Street|St|Road|Rd|Lane|"
        r"Avenue|Ave|Square|Place|Way|Drive|Parade|Row|Hill|Park|Gardens|Terrace|Quay|Station)\b|"
        r"\b(?:\d{1,3}|a|one|two|three|four|five|ten|few|couple\s+of)\s+(?:minutes?|mins?)'?\s+"
        r"(?:walk|drive|ride)\b|"
        r"\b(?:next\s+to|opposite|across\s+from|behind|beside|in\s+front\s+of|around\s+the\s+"
        r"corner|just\s+(?:inside|outside|past)|on\s+the\s+(?:ground|first|second|third|top)\s+floor|"
        r"(?:at|by)\s+(?:the\s+)?(?:main\s+)?(?:entrance|reception|front\s+desk|gate|door)|"
        # a place on a page, a screen or a thing: "at the top of your email", "under the logo"
        r"(?:at|on|in|near)\s+the\s+(?:very\s+)?(?:top|bottom|foot|head|back|front|end|side|"
        r"corner)\s+of|(?:(?:just|right|directly)|(?:is|are|it's|it\s+is|they're|it))\s+"
        r"(?:under|below|above|beneath)\s+the\s+\w+)\b|" + _MENU_PATH + "|"
        # a menu path is a place on a screen (``_MENU_PATH``)
        r"徒歩\s?[0-9０-９一二三四五六七八九十]{1,3}\s?分|(?:の|に)(?:隣|向かい|前|裏|横|正面)|[0-9０-９]{1,3}\s?階|"
        r"(?:入口|受付|フロント|改札)(?:前|横|付近|で|にて)"
    ),
    frozenset(),
    _words("where place location") | {"場所"},
    required=False,
)
# A measure ("2.1 metres", "23kg", 「2メートルまで」) is an extent, not a number of things:
# it answers a limit or an extent ask ("Is there a height limit?", 「重さの制限は」, "How tall
# ...?") and never "how many" ("How many guests?" -> "The ceiling is 4.5 metres high"). A
# length and a weight are kinds apart: where the ask names one (height, 重さ), only a measure of
# that kind answers it (「重さの制限」 -> 「高さは2メートルまで」 says nothing of weight).
# ``asked_types`` reads the ask (one source for both kinds), ``_MEASURES`` the reply.
_NEVER = re.compile(r"(?!)")
_LENGTH = AnswerType(
    "length", _NEVER, None, frozenset(), _words("height length width depth tall high wide deep")
)
_WEIGHT = AnswerType("weight", _NEVER, None, frozenset(), _words("weight heavy"))
_ASKS_EXTENT = _rx(
    r"\bhow\s+(?:big|large|small|far|heavy|tall|wide|deep|high)\b|"
    r"\b(?:limit|limits|maximum|max|minimum|restrictions?|allowance|size)\b|"
    r"上限|最大|最低|制限|大きさ|サイズ|高さ|長さ|重さ|重量|幅|奥行|距離|"
    # a measure asked by its unit: 「何キロですか」「何センチまで」
    r"何(?:キロ|メートル|センチ|ミリ|グラム|トン)"
)
_ASKS_WEIGHT = _rx(r"\bhow\s+heavy\b|\bweigh(?:t|s|ing)?\b|重さ|重量")
_ASKS_LENGTH = _rx(
    r"\bhow\s+(?:tall|wide|deep|high|far)\b|\b(?:height|length|width|depth|distance)\b|"
    r"高さ|長さ|幅|奥行|距離|何(?:メートル|センチ|ミリ)"
)

TYPES = (*TYPES, _QUANTITY, _FREQUENCY, _SIZE, _CHOICE, _STATUS, _AGE, _PLACE, _LENGTH, _WEIGHT)
_BY_NAME = {t.name: t for t in TYPES}
# "How do I download my invoices?" is answered by steps ("Go to Billing > History and click
# the PDF icon"), a path through the product's screens, or "you can ..."; "why" by a cause.
_PROCEDURE = AnswerType(
    "procedure",
    _rx(
        r"\bhow\s+(?:do|can|could|should|would|will)\s+(?:i|we)\b|\bhow\s+to\b|"
        # the embedded order too: "tell me how I can ...", "where I can find ..."
        r"\bhow\s+(?:i|we)\s+(?:can|could|should)\b|"
        # "explain how I load credit", "show me how we add a user"
        r"\b(?:explain|show\s+(?:me|us))\s+how\s+(?:i|we)\s+(?!am\b|was\b|were\b|feel\b)\w+|"
        r"\bwhere\s+(?:(?:do|can|could|should)\s+(?:i|we)|(?:i|we)\s+(?:can|could|should))\s+"
        rf"(?:{_WHERE_WAY_VERBS}|get)\b|"
        # 方法 asks how, unless it names a thing (支払い方法: the payment method)
        r"どうすれば|どうしたら|どうやって|どうやったら|どのように(?:して)?(?:[^、。]{0,8}?)(?:すれば|したら|すると|できます)|"
        r"(?<!支払い)(?<!支払)(?<!決済)(?<!配送)(?<!連絡)方法|手順|やり方"
    ),
    _rx(
        # "you can ..." tells how only with where or by what: "You can cancel any time" does not
        # a path through the product's screens: "Account > Plan", 「設定」→「ドメイン」 (not the
        # ">" closing a placeholder, "<PERSON_1>様")
        r"(?:[\w」』)\]]\s*(?:→|›)|[\w」』)\]]\s+>|[」』)\]]\s*>)\s*[\w「『(\[]|"
        r"\byou\s+(?:can|could|'ll\s+need\s+to|need\s+to|just)\b"
        r"[^.;!?]*?\b(?:from|in|under|via|through|at|on|using|with|by)\b|"
        # a navigation verb as an instruction ("Go to Billing", "then click ..."), not "refunds
        # go back to the card"
        r"(?:^|[,:;>(]\s*|\b(?:please|just|simply|then|and|first|to|can|need\s+to)\s+)"
        r"(?:go|head|click|tap|open|select|choose|press|visit|log\s+in|sign\s+in)\b|"
        # where it is done and a potential or request form: 「マイページから行えます」
        r"(?:から|で)[^。]{0,30}(?:できます|ください|いただけます|[えけげせてねべめれ]ます)|"
        r"(?:クリック|タップ|選択|押)し|"
        # an instruction, not a pointer to more reading or a way to write back
        r"(?<!ご覧)(?<!ご返信)(?<!ご連絡)(?<!お問い合わせ)(?<!お申し付け)ください"
    ),
    frozenset(),
    frozenset(),
    share=0.3,
)
_REASON = AnswerType(
    "reason",
    _rx(r"\bwhy\b|\bhow\s+come\b|\bwhat\s+happened\b|なぜ|どうして|なんで|理由"),
    _rx(
        r"\b(?:because|since|due\s+to|as\s+a\s+result|caused\s+by|after|that's\s+why|the\s+reason|"
        r"means|as\s+(?:the|your|our|it|we|you))\b|ため|ので|により|によって|理由|原因|"
        # a cause told as what made the rest happen: "a leak meant we had to shut it"
        r"\b(?:meant|led\s+to|forced\s+us|which\s+is\s+why)\b|"
        # an event told as what led to the rest: 「料金改定があり、…となりました」
        r"(?:が|も)あり[、,]|に伴い|に伴って|の影響で|ことから"
    ),
    frozenset(),
    frozenset(),
    share=0.3,
)
# "What's the difference between Lite and Pro?", 「AとBの違いは何ですか」: the answer sets the
# two side by side ("Pro runs 60 minutes, whereas Lite ...", 「…のに対し、…」); like steps, the
# form must come with the things compared.
_COMPARISON = AnswerType(
    "comparison",
    _rx(
        r"\bdifferences?\b|\bdiffer\b|\bcompare[sd]?\b|\bvs\.?\b|\bversus\b|"
        # 「AとBの違い」, not a compound (色違い, 間違い)
        r"(?<![色型柄間勘サイズ])違い|比較"
    ),
    _rx(
        r"\b(?:while|whereas|unlike|compared\s+(?:to|with)|instead\s+of|the\s+same\s+as|"
        r"(?:more|less|fewer|cheaper|dearer|bigger|smaller|faster|slower|longer|shorter|"
        r"better|lighter|heavier)\s+[\w\s]{0,20}?than)\b|(?:のに)?対し(?:て)?|一方|比べ|より"
    ),
    frozenset(),
    _words("difference differ compare versus") | {"違い", "比較"},
    share=0.3,
)
TYPES = (*TYPES, _PROCEDURE, _REASON, _COMPARISON)
_BY_NAME = {t.name: t for t in TYPES}


def _phone(text: str) -> bool:
    for m in _PHONE_SHAPE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group())
        if 7 <= digits <= 15 and not _NOT_PHONE.fullmatch(m.group().strip()):
            return True  # a bare "1234567" or "39.99" is an amount or an id, not a phone
    return False


# A request to act on a price ("Can you waive the late fee?", "Could you refund the charge?")
# asks for the act, not for a figure: the price noun in it asks for no price.
_ACT_ON = re.compile(r"^\W*(?:can|could|would|will)\s+you\b(?!.*\b(?:how|what|which)\b)", re.I)


# "Who pays the return postage?" / 「送料は誰が負担しますか」 ask for a party, not a price.
ASKS_WHO = re.compile(
    r"^\W*(?:(?:and|so|but|also|then)\W+)*who\b|誰|どなた|どちら様", re.IGNORECASE
)


# "What flavours ...?", "What colours ...?": "what" before a plural noun asks which members of
# a class there are, as "which" does; the answer names them (a list).
# A noun may stand before the plural one: "What payment methods ...?".
_WHAT_WORD = re.compile(r"\bwhat\s+([a-z]+)(?:\s+([a-z]+))?", re.IGNORECASE)


def _asks_members(text: str) -> bool:
    """True when ``text`` asks "what <plural noun>" (``_WHAT_WORD``)."""
    for m in _WHAT_WORD.finditer(text):
        first, second = m.group(1), m.group(2)
        if is_plural_noun(first):
            return True
        if second and "NOUN" in classes_of(first) and "AUX" not in classes_of(first):
            if is_plural_noun(second):
                return True
    return False


# "What / which days / dates / evenings ...?" asks for times, whatever else it names.
_ASKS_DAYS = re.compile(
    r"\b(?:what|which)\s+(?:days?|dates?|evenings?|nights?|weekends?|mornings?|afternoons?)\b", re.I
)
# "Where do I find / see X?": the way there (steps) or where on the page or the paper it is.
_WHERE_FIND = re.compile(
    r"\bwhere\s+(?:can|could|do|should|would|will|may)\s+(?:i|we|you)\s+(?:find|see|look)\b",
    re.IGNORECASE,
)


# 「どうしておけばいいですか」「どうしていればいい」: どうして with an auxiliary's conditional asks
# what to do (the way), not why (「どうして届かないのですか」 asks a cause).
_JA_DO_WHAT = re.compile(r"どうして(?:おけば|おいたら|いれば|いたら|おくべき|いるべき)")


@per_run
def asked_types(text: str) -> frozenset[str]:
    """The pseudo-terms (``@phone``, ``@time`` ...) of the answer types an ask asks for."""
    folded = normalise_width(text)
    out = frozenset(t.term for t in TYPES if t.asked.search(folded))
    if _JA_DO_WHAT.search(folded):
        out = (out - {_REASON.term}) | {_PROCEDURE.term}
    if _asks_members(folded):
        out |= {_CHOICE.term}
    if _ASKS_DAYS.search(folded):
        out |= {"@time"}  # "What days do you have?": days are times, a list or not
    if _WHERE_FIND.search(folded):
        out |= {_PLACE.term}  # "Where do I find my reference?": a place on a page answers too
    if asks_when_ja(folded):
        out |= {"@time"}  # いつ read from the sentence's words, as extraction reads it
    if _ASKS_EXTENT.search(folded):
        kinds = {
            kind.term
            for kind, named in ((_LENGTH, _ASKS_LENGTH), (_WEIGHT, _ASKS_WEIGHT))
            if named.search(folded)
        }
        out |= kinds or {_LENGTH.term, _WEIGHT.term}
    if "@price" in out and (_ACT_ON.search(folded) or ASKS_WHO.search(folded)):
        return out - {"@price"}
    return out


# A longer text is read in overlapping windows of twice this many characters, a window every
# this many, so that each answer type's rules see a bounded text: several of them (an email
# address, a list, a count) scan a long run of letters or digits from every place in it, a cost
# that grows with the square of the run. Every sentence and bulleted run of the dev corpora is
# under 450 characters (read whole, as before); a clue under this many characters long lies
# whole in one window, so only a clue longer than that, or one at a window's cut, reads apart.
SUPPLY_WINDOW = 300


def _text_windows(text: str, width: int) -> list[str]:
    """``text`` whole when at most ``2 * width`` long, else windows of ``2 * width``.

    A window starts every ``width`` characters, so every stretch of ``width`` lies whole in one.
    """
    if len(text) <= 2 * width:
        return [text]
    return [text[i : i + 2 * width] for i in range(0, len(text) - width, width)]


# A run of digits longer than any figure, phone number or count is read as one of this many
# digits: no reader tells a longer run from it (each matches a bounded number of digits and
# none may sit inside a longer number), and the figure reader tries every digit of a run.
_LONG_DIGITS = re.compile(r"[0-9]{25,}")
_DIGITS_KEPT = 24


@per_run
def supplied_types(text: str) -> frozenset[str]:
    """The pseudo-terms of the answer types a reply sentence supplies."""
    folded = _LONG_DIGITS.sub(lambda m: m.group()[:_DIGITS_KEPT], normalise_width(text))
    # a window that repeats an earlier one supplies what it did (a pasted block, a long run)
    windows = dict.fromkeys(_text_windows(folded, SUPPLY_WINDOW))
    return frozenset().union(*(_supplied(w) for w in windows))


# A measure: a number (or a range of two) with a unit of length, weight or capacity ("up to
# 2.1 metres", "155 to 158 cm", "23kg", 「2.1メートルまで」「155〜158センチ」「20キロ」). It
# says a length or a weight (see ``_LENGTH``) and a size ("What size board?"), never a count;
# the figure reader leaves it (it is no price, date or duration).
# (a thousands separator too: 「走行42,300km」)
_NUMBER = r"(?:\d{1,3}(?:,\d{3}){1,3}(?!\d)|\d{1,6}(?:[.,]\d{1,2})?)"
# The end of a Latin unit: no Latin letter after it (Japanese may follow: 「42,300kmです」,
# where ``\b`` sees no word boundary).
_UNIT_END = r"(?![A-Za-z])"
_NUMBER_SPAN = rf"(?<![0-9A-Za-z.,]){_NUMBER}(?:\s*(?:-|–|~|〜|to)\s*{_NUMBER})?"
_MEASURES = (
    (
        _LENGTH,
        re.compile(
            _NUMBER_SPAN
            # a one-letter unit only written onto its number ("2.1m"): "9 m..." is no measure
            + rf"(?:m{_UNIT_END}|\s?(?:(?:mm|cm|km|ft){_UNIT_END}|"
            rf"(?:millimet|centimet|met|kilomet)(?:er|re)s?{_UNIT_END}|"
            rf"inch(?:es)?{_UNIT_END}|f(?:oo|ee)t{_UNIT_END}|ミリ|センチ|メートル|キロメートル))",
            re.IGNORECASE,
        ),
    ),
    (
        _WEIGHT,
        re.compile(
            _NUMBER_SPAN
            + rf"(?:g{_UNIT_END}|\s?(?:(?:kg|lbs?|oz){_UNIT_END}|(?:kilo)?grams?{_UNIT_END}|"
            rf"kilos?{_UNIT_END}|pounds?{_UNIT_END}|グラム|キロ(?!メートル)))",
            re.IGNORECASE,
        ),
    ),
    (
        # a capacity says a size ("a 3,600 gallon tanker" for "what size tanker"), no length
        _SIZE,
        re.compile(
            _NUMBER_SPAN
            + rf"(?:\s?(?:(?:ml|cc|m3|m³){_UNIT_END}|(?:gallon|litre|liter|pint)s?{_UNIT_END}|"
            rf"cubic\s+(?:met(?:er|re)s?|f(?:oo|ee)t){_UNIT_END}|"
            r"リットル|ミリリットル|立方メートル))",
            re.IGNORECASE,
        ),
    ),
)


def _supplied(folded: str) -> frozenset[str]:
    """The answer types ``folded`` (a width-folded text of bounded length) supplies."""
    figures = find_figures(folded)
    kinds = {f.kind for f in figures}
    out = {
        t.term
        for t in TYPES
        if kinds & t.figure_kinds or (t.supplied is not None and t.supplied.search(folded))
    }
    if _done_to_it(folded):
        out.add(_STATUS.term)
    if JA_CLOCK_HOUR.search(folded):
        # the hour only, not a time for any ask: 「七時に開きます」 is no length (「利用時間は
        # どのくらい」) though the figure reader reads 7時 as a time of both kinds
        out.add("@clock")
    if _phone(folded):
        out.add("@phone")
    if _instructs(folded):
        out.add("@procedure")
    if _counts(folded, figures):
        out.add("@quantity")
    for kind, measure in _MEASURES:
        if measure.search(folded):
            out |= {kind.term, _SIZE.term}
    if _enumerates(folded):
        out.add("@choice")
    return frozenset(out)


def stands_for(terms: set[str] | frozenset[str]) -> frozenset[str]:
    """The ask words that the supplied answer types in ``terms`` say by themselves."""
    out: set[str] = set()
    for term in terms:
        kind = _BY_NAME.get(term[1:]) if term.startswith("@") else None
        if kind is not None:
            out |= kind.stands_for
    return frozenset(out)


# A reply sentence that opens with a yes or a no, a consent or a refusal: "Yes, it has ...",
# "Of course, I've moved ...", "No, but ...", 「はい、…」「かしこまりました。」.
POLAR_ANSWER = re.compile(
    rf"^\W*(?:{YES_WORD}|{NO_WORD}|not\s+at\s+all|"
    r"not\s+(?:at\s+the\s+moment|currently|yet|right\s+now|at\s+present)|"
    # a qualified no: "Not for a set period, I'm afraid", "Not quite"
    r"not\s+(?:for|in|on|quite|exactly|really|as\s+such)|"
    # a no for now: "Not at first - a keyboard is fine for the first year", "Not initially"
    r"not\s+(?:at\s+first|initially|to\s+begin\s+with|to\s+start\s+with)|(?:i'?m\s+)?sorry,?\s+but|"
    # there is one (or none): "There's a box for it at checkout", "There's no fee"
    r"there(?:'s|\s+is|\s+are)\s+(?:a|an|no|some|always)|"
    # a conditional yes: "Only if you make them an editor", "As long as it's unused"
    r"only\s+(?:if|when|with|for|on|after|once)|as\s+long\s+as|provided\s+(?:that|it|you)|"
    r"i'?m\s+afraid|unfortunately|sadly|no\s+problem|happy\s+to|glad\s+to|we\s+(?:do|don't|can|can't|"
    r"cannot)|it\s+(?:is|isn't|does|doesn't|can|can't)|they\s+(?:are|aren't|do|don't|can|"
    r"can't))\b|"
    rf"^\s*(?:{JA_YES_WORD}|{JA_NO_WORD}|"
    r"かしこまりました|承知(?:いたしました|しました)|承りました|"
    r"可能です|できます|ございます|申し訳(?:ございません|ありません))",
    re.IGNORECASE,
)


@per_run
def is_polar(text: str) -> bool:
    """True for a yes/no ask ("Is it waterproof?", "Could I get a week more?", 「できますか」)."""
    folded = normalise_width(text).strip()
    if not folded:
        return False
    if not JAPANESE.search(folded) and asked_types(folded):
        return False  # "Is there a number I can call?" wants the number, not a yes
    return polar_in_form(folded)


@per_run
def polar_in_form(text: str) -> bool:
    """True for an ask in yes/no form, whatever fact it names ("Is there a fee?").

    ``is_polar`` reads "Is there a number I can call?" as wanting the number; in form it is a
    yes/no ask all the same, and a reply without the number may still answer it ("Yes, the
    line is open until 6").
    """
    folded = normalise_width(text).strip()
    if not folded:
        return False
    if JAPANESE.search(folded):
        # A Japanese ask names what it wants by a noun (料金, 期限) in yes/no form too:
        # 「料金は安くなりますか」 wants a yes or a no; a wh-word (いくら, いつ) makes it no
        # yes/no ask, which is_polar_ja reads.
        return is_polar_ja(folded)
    # a lead-in before a colon is no part of the ask: "Yes, one last thing: can I ...?"
    lead, colon, ask = folded.rpartition(":")
    if colon and lead and ask.strip().endswith("?"):
        folded = ask.strip()
    if is_polar_en(folded) or _ANY_CHANCE.search(folded):
        return True
    # a clause of background before the ask: "We're away next month, can you pause it?"
    lead, comma, ask = folded.rpartition(",")
    return bool(comma and lead and _AUX_FIRST.match(ask)) and is_polar_en(ask.strip())


# The clause after a comma opening on a modal and its subject: the ask after its background
# ("my daughter will drive too, can she go on the agreement"), whoever the subject is.
_AUX_FIRST = re.compile(
    r"\s*(?:can|could|would|will|may)\s+"
    r"(?:you|i|we|he|she|they|it|my\s+\w+|our\s+\w+|your\s+\w+|the\s+\w+)\b",
    re.IGNORECASE,
)
# A yes/no ask with its verb left out: "Any chance of a late checkout?", "Any way to get it
# sooner?" ask whether it can be had, as "Could I have ...?" does.
_ANY_CHANCE = re.compile(
    r"^\W*(?:(?:and|also|so|ok|okay|hi|hello)\W+)*(?:is\s+there\s+)?any\s+(?:chance|possibility|"
    r"hope|way)\s+(?:of|to|for|that|we|i)\b",
    re.IGNORECASE,
)


# A value that depends on something the reply names: "It depends on the size of the flat",
# "Prices vary by season", 「サイズによって異なります」「内容次第です」. It is an answer to "How
# much?" or "How long?" of its own kind, if not a figure.
_DEPENDS = re.compile(
    r"\b(?:depends?|depending|varies|vary|varying)\b|によって(?:異な|違|変わ)|次第(?:です|で|と)",
    re.IGNORECASE,
)


def says_it_depends(text: str) -> bool:
    """True when ``text`` says the value asked for depends on something (``_DEPENDS``)."""
    return bool(_DEPENDS.search(text))


# A sentence that takes a stand on a yes/no question wherever its yes or no sits: a negative
# ("we don't", "not on Sundays", 「扱っておりません」), a modal or a permission ("you'll need",
# "can", "are welcome", 「できます」「大丈夫です」), an emphatic do ("does include"), what is or is
# not part of an offer ("included", "free", 「含まれます」), or, in Japanese, what we do as a
# practice (「お預かりしております」「承ります」). A sentence with none of these only describes
# the thing asked about ("Breakfast is served from 7 to 10"): it says neither yes nor no.
_STANCE = re.compile(
    r"\b(?:yes|no|not|never|none|nothing|neither|nor|without|only|always|can|cannot|could|"
    r"will|won't|would|shall|should|may|might|must|need|needs|needed|have\s+to|has\s+to|"
    r"had\s+to|able|unable|allowed|permitted|welcome|fine|ok|okay|possible|impossible|"
    r"includ\w*|free|extra|so\s+(?:you|it|we|they|that)|there(?:'s|\s+is|\s+are|\s+was|\s+were)|(?:do|does|did)\s+(?!(?:you|we|i|it|this|that|these|those|them|so|too|well|every|each|all|"
    r"the|a|an|more|less|daily|today|everything|anything|something)\b)[a-z]+)\b|n't\b|'ll\b|'d\b|"
    r"ない|ません|ず(?:に|、|。)|できます|できる|可能|大丈夫|構いません|差し支え|"
    r"いただけ|ございます|あります|承り|受け付け|ております|ています|含まれ|込み|無料|"
    rf"{JA_YES_WORD}|{JA_NO_WORD}",
    re.IGNORECASE,
)


# A plan of ours said in the future ("we'll keep it in the fridge", "our staff will help"):
# what we are going to do, which takes a stand only on the thing it names.
_FUTURE_PLAN = re.compile(r"\b(?:will|shall|would)\b|'ll\b|'d\b", re.IGNORECASE)


def takes_a_stand(text: str, *, plans: bool = True) -> bool:
    """True when ``text`` can say yes or no to a yes/no ask (see ``_STANCE``).

    With ``plans`` False a future of ours ("we'll send you photos") is no stand: read so for
    a sentence tied to the ask by nothing but its place in the reply.
    """
    if not plans:
        text = _FUTURE_PLAN.sub(" ", text)
    return bool(POLAR_ANSWER.search(text) or _STANCE.search(normalise_width(text)))


# A copula before an adjective: what a thing is said to be ("are very stable and ideal").
_COPULA_WORDS = re.compile(r"\b(?:is|are|was|were|'s|'re)((?:\s+[a-z-]+){1,4})", re.IGNORECASE)


def _says_what_it_is(text: str) -> bool:
    """True when ``text`` says what something is by an adjective ("they're lined and ideal").

    An adjective among the few words after a copula; a participle ("is served") is none.
    """
    return any(
        "ADJ" in classes_of(word)
        for m in _COPULA_WORDS.finditer(text)
        for word in m.group(1).split()
    )


def says_neither(
    ask: str, text: str, said: set[str] | frozenset[str], *, plans: bool = True
) -> bool:
    """True when ``text`` (its terms ``said``) skirts the yes/no ``ask``: no yes, no no.

    Of the ask's words it names at most the subject, leaves out the word the ask turns on and
    takes no stand (``yes_no_shape``): "Is breakfast included?" met by "Breakfast is served
    from 7 to 10", 「一時保育は当日でも利用できますか」 by 「一時保育の対象は未就学児です」. A
    sentence on the ask's other words ("Is breakfast served on Sundays?" - "Breakfast runs
    from 8 to 11 on Sundays") speaks to it, and so does one saying by an adjective what the
    subject is, to an ask about what it is ("Are the kayaks suitable?" - "They're ideal for
    first-timers"). An ask on "I" or "you" names its subject by a pronoun, and a reply on its
    object may well answer it ("Will I lose my points?" - "Points stay on your account"):
    never skirted here. ``plans`` as in ``takes_a_stand``.
    """
    shape = yes_no_shape(ask)
    if not (shape.subject or shape.addressee) or not shape.head:
        return False
    if shape.head & said or takes_a_stand(text, plans=plans):
        return False
    others = content_terms(ask) - shape.subject - shape.head
    if others & said and not shape.addressee:
        return False
    return not (shape.adjective and _says_what_it_is(text))


# An auxiliary before a verb or an adjective: "children *can join* from 10", "it *isn't
# heated*".
_AUX_BEFORE = re.compile(
    r"\b(?:can|cannot|can't|will|won't|may|do|does|don't|doesn't|is|are|isn't|aren't)\s+"
    r"(?:(?:not|also|only|still|always|usually)\s+)?([a-z]+)",
    re.IGNORECASE,
)


def restates_head(ask: str, text: str) -> bool:
    """True when ``text`` says the yes/no ask's head after an auxiliary, as a yes or a no.

    "Can my son join the club at 12?" met by "Children can join from 10"; "Is the pool
    heated?" by "The pool isn't heated in winter".
    """
    head = yes_no_shape(ask).head
    return bool(head) and any(
        content_terms(m.group(1)) & head for m in _AUX_BEFORE.finditer(normalise_width(text))
    )


def type_share(terms: set[str] | frozenset[str], *, required: bool = False) -> float:
    """The largest share of an ask that the answer types among ``terms`` settle alone.

    ``required`` counts only the types whose absence makes a sentence less of an answer.
    """
    shares = [
        kind.share
        for t in terms
        if t.startswith("@")
        and (kind := _BY_NAME.get(t[1:])) is not None
        and (kind.required or not required)
    ]
    return max(shares, default=0.0)


# The answer forms that are a value said by itself (a time, a price, a count, a number to
# call): the ones a reply can give about the wrong thing. Steps, a cause, a list or a status
# are read with their own words and are left out of the clause test below.
VALUE_TYPES = frozenset(
    {
        "@price",
        "@time",
        "@clock",
        "@quantity",
        "@phone",
        "@email",
        "@url",
        "@size",
        "@frequency",
        "@age",
    }
)
# Where a sentence's clauses meet: a relative clause ("our finance team, who work 9 to 5"), a
# new clause after a conjunction with its own subject ("... and it took an hour"), a semicolon
# or a dash; Japanese joins clauses with a continuative form and 、 (「担当しており、営業時間は…」).
# A break of the third kind reads spaces before it only from the start of their run: read from
# each space of a long run, it cost the square of the run's length. The same breaks: one
# starting inside a run always had one starting a space earlier; after a space (" - " ends on
# one) it starts with no spaces to read.
_CLAUSE_BREAK = re.compile(
    r"(?<=[.!?])\s+|(?<=[。！？])|(?:(?<!\s)\s*|(?!\s))(?:[;—–]|\s-\s|,\s*(?=(?:who|whom|whose|which|where|and|but|while|whereas|so)\b)|"
    r"\s(?=(?:who|whose)\b)|"
    r"\s(?=and\s+(?:it|they|we|he|she|i|you|this|that|our|the|my|your|their)\b))\s*|"
    r"(?<=[てでしりおり])、",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"^\W*(?:who|whom|whose|which|where)\b", re.IGNORECASE)
# Opening or working hours: a statement of when someone is there, not of when a thing happens
# ("open 8 am to 6 pm", "staffed Monday to Friday", 「営業時間は平日10時から17時」): an hours word
# before a span of the day, or a span of weekdays.
_DAY_TIME = rf"(?:{_BARE_HOUR}\s*(?:am|pm)?|noon|midnight)"
_HOURS = re.compile(
    rf"\b(?:{_HOURS_WORDS}|closed|available|work|works)\b[^.]{{0,30}}?"
    rf"\b{_DAY_TIME}\s*{_SPAN_TO}\s*{_DAY_TIME}|"
    rf"\b(?:{_WEEKDAYS})(?:day)?s?\s+(?:to|till|until|through|-|–)\s+(?:{_WEEKDAYS})(?:day)?s?\b|"
    # 営業日 after a count is a duration ("5営業日以内"), not the days a shop is open
    r"営業時間|受付時間|診療時間|(?<![\d〜~～ー－一二三四五六七八九十])営業日|窓口",
    re.IGNORECASE,
)
# A clause told in the past ("The vet started the surgery at 10 am", "which was founded in
# 1985"): its verb, near the clause's head, is in the past, and nothing in it looks ahead.
# Such a time is of an event over, not of the one a "when will/can" ask looks ahead to.
_PAST = re.compile(
    r"^\W*(?:and\s+|which\s+|who\s+)?(?:[\w'-]+\s+){0,3}?(?:was|were|had|did|began|took|\w{3,}ed)\b",
    re.IGNORECASE,
)
_AHEAD = re.compile(
    r"\b(?:will|'ll|shall|should|can|could|would|may|might|usually|normally|typically|"
    # "am" the verb, not the "am" of a clock time ("started at 10 am")
    r"is|are|(?<!\d)(?<!\d\s)am|be|been|being|has|have|'s|'re|'ve|"
    r"generally|expect|expected|due|until|by)\b",
    re.IGNORECASE,
)
_ASKS_AHEAD = re.compile(r"\b(?:will|would|can|could|how\s+soon|how\s+long)\b", re.IGNORECASE)


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` (a sentence or two), split where clauses meet.

    A relative clause set off by commas ends at its closing comma: "The technician, who saw
    it this morning, quoted £85" goes on in the main clause after it.
    """
    out: list[str] = []
    for part in (p.strip() for p in _CLAUSE_BREAK.split(text)):
        if _RELATIVE.search(part) and "," in part:
            inner, rest = part.split(",", 1)
            out += [inner.strip(), rest.strip()]
        elif part:
            out.append(part)
    return [p for p in out if p]


def _side_clause(ask: str, clause: str, on_topic: bool, kind: str) -> bool:
    """True when a clause's value is about something other than the ask.

    ``on_topic`` tells whether the clause names any of the ask's topic words; ``kind`` is
    the answer type the clause gives (hours and the past are tests of a time). A relative
    clause describes the noun before it; opening hours say when someone is there (which
    answers "what time do you open" or "when can I reach support", a clause naming it); a
    clause told in the past gives the time of an event over, not of the one a "when
    will/can" ask looks ahead to.
    """
    if not on_topic and _RELATIVE.search(clause):
        return True
    if kind != "@time":
        return False
    if not on_topic and _HOURS.search(clause) and "@clock" not in asked_types(ask):
        return True
    return (
        not JAPANESE.search(clause)
        and bool(_ASKS_AHEAD.search(ask))
        and bool(_PAST.search(clause))
        and not _AHEAD.search(clause)
    )


# A Japanese ask looking ahead: a non-past predicate asked (「いつ迎えに行けますか」「いつ届き
# ますか」), not 「いつ発送されましたか」. A Japanese sentence told in the past ends in 〜ました /
# 〜でした / 〜た; its continuative clauses (「午前10時に始まり、」) share that tense. A plan or an
# expectation in it (予定, 見込み, 以内, まで) still looks ahead.
_JA_ASKS_AHEAD = re.compile(r"(?:ますか|ますでしょうか|るか)[。？?]?\s*$")
_JA_PAST_END = re.compile(r"(?:ました|でした|った|いた|した)[。!！]?\s*$")
_JA_AHEAD = re.compile(r"予定|見込|以内|まで|頃|ごろ|次第|から")


def told_in_past(text: str) -> bool:
    """True when a sentence tells of something over, with nothing in it looking ahead.

    "The parcel was posted on Monday", 「昨日発送しました」; not "It will arrive on Monday" or
    「明日発送する予定です」.
    """
    folded = normalise_width(text).strip()
    if JAPANESE.search(folded):
        return bool(_JA_PAST_END.search(folded)) and not _JA_AHEAD.search(folded)
    return bool(_PAST.search(folded)) and not _AHEAD.search(folded)


# A Japanese condition opens the ask: 「検査のあと、いつ引き取りに行けますか」 asks about the
# collection; the check-up is when it applies.
_JA_CONDITION_BEFORE = re.compile(
    r"^.*?(?:の(?:あと|後|前|際|場合)|(?:た|だ)ら|(?:た|る)(?:あと|後|前|とき|時|場合))[、,]"
)


def _ja_past_sentences(ask: str, text: str) -> list[str]:
    """The sentences of ``text`` told in the past about something other than the ask.

    Only for a Japanese ``ask`` that looks ahead; a sentence naming the ask's own words
    after its condition (「3日前に返金手続きをいたしました」 for 「返金はいつされますか」) tells
    when the thing asked about was done, which answers it.
    """
    if not JAPANESE.search(ask) or not _JA_ASKS_AHEAD.search(ask.strip()):
        return []
    main = content_terms(_JA_CONDITION_BEFORE.sub("", ask))
    return [
        s
        for s in sentence_texts(text)
        if _JA_PAST_END.search(s) and not _JA_AHEAD.search(s) and not content_terms(s) & main
    ]


def linked_types(ask: str, text: str, on_topic: Callable[[str], bool]) -> frozenset[str]:
    """The answer types ``text`` supplies about the ask itself, not in a side clause.

    "When will my refund arrive?" is not answered by "Refunds are handled by our finance
    team, who work 9 am to 5 pm": the time is in a clause about the team. A value the ask
    asks for counts only when some clause that gives it is linked to the ask (see
    ``_side_clause``); ``on_topic`` tells whether a clause names the ask's topic.
    """
    full = supplied_types(text)
    wanted = asked_types(ask) & VALUE_TYPES
    if not full & wanted:
        return full
    keep = set(full - wanted)
    past = _ja_past_sentences(ask, text)
    for clause in clauses(text):
        near = on_topic(clause)
        # a single clause gives what the whole text gives ("+44 20 7946 0958" split from
        # nothing); a part of it gives what it supplies alone
        got = supplied_types(clause) & wanted
        if "@time" in got and any(clause in sentence for sentence in past):
            # the time of another event over, in a sentence told in the past (「検査は午前9時
            # に始まり、無事に終わりました」), is no time of what a 「いつ…ますか」 ask looks
            # ahead to; the time its own topic was done ("refunded 3 days ago") still answers
            got -= {"@time", "@clock"}
        keep |= {kind for kind in got if not _side_clause(ask, clause, near, kind)}
    return frozenset(keep)


_MENU_PATH_RX = re.compile(_MENU_PATH)


def place_by_menu_only(text: str) -> bool:
    """True when ``text`` gives a place only as a menu path (「「マイページ」＞「お知らせ」」).

    A path is a place of whatever it leads to, so it answers a where-ask only when it or its
    sentence names the ask's thing; the judge checks that.
    """
    folded = normalise_width(text)
    if _PLACE.supplied is None or not _MENU_PATH_RX.search(folded):
        return False
    return not _PLACE.supplied.search(_MENU_PATH_RX.sub(" ", folded))

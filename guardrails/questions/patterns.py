"""The regular expressions that recognise questions and requests, compiled once at import."""

from __future__ import annotations

import re

from guardrails.mail_headers import FORWARD_HEADER_TEXT
from guardrails.sentences import BULLET, ENCLOSED_NUMBER, NUMBERED

EN_REQUEST = re.compile(
    r"\b(?:please\s+(?:tell|let\s+me\s+know|advise|confirm|explain|send|check|clarify|"
    r"cancel|refund|update|change|remove|delete|reset|help|look|share|provide|fix|resend|"
    r"process|issue|arrange|close|stop|add)|"
    r"(?:(?:i'?d|i\s+would)\s+like|i\s+want|i\s+need|i'?m\s+trying)\s+to\s+(?:know|find\s+out|understand|"
    r"learn|ask|request|cancel|return|change|get|receive|have|update|upgrade|downgrade)|"
    r"(?:i\s+(?:was|am)|i'?m)\s+wondering|i\s+wonder\s+(?:if|whether|how|when|why|what)|"
    r"let\s+me\s+know|can\s+you|could\s+you|would\s+you|will\s+you|"
    r"is\s+it\s+possible\s+to|is\s+there\s+(?:a|any)\s+way)\b",
    re.IGNORECASE,
)
# Split a question sentence before a conjunction that opens another question. A split starts
# at a comma or where a run of spaces starts, and reads the run once: read again from each of
# its spaces, a long run cost the square of its length (the leftmost match never started
# inside a run, nor just after a comma it could have taken).
EN_SPLIT = re.compile(
    r"(?:,|(?<![\s,]))\s++(?:and|or|also|plus|as\s+well\s+as)\s++"
    # "can you fix it and roughly how much would it cost": an adverb of degree may come first
    r"(?:(?:also|roughly|approximately|about|exactly|then)\s++)?"
    # a wh-word with its "is" run on and no apostrophe ("and whats the latest") opens one too
    r"(?=(?:whether|if|(?:how|what|when|where|who)s?|why|which|can|could|do|does|did|is|are|will|"
    r"would(?!\s+(?:really\s+|also\s+)?(?:like|love|prefer|rather|appreciate))|should)\b)",
    re.IGNORECASE,
)
JA_QUESTION_END = re.compile(
    r"(?:ですか|ますか|でしょうか|ませんか|ましたか|でしたか|のか|んですか|かな|かしら|"
    r"[^ら]か)[。．.!！]*$"
)
# Nouns of an act asked of the shop on an order, a booking or a subscription (「返金してくだ
# さい」「キャンセルさせていただきます」「配達は停止で」).
JA_ACT_NOUNS = (
    "キャンセル",
    "返金",
    "交換",
    "変更",
    "解約",
    "削除",
    "再送",
    "発行",
    "修正",
    "返品",
    "停止",
)
JA_REQUEST = re.compile(
    r"(?:教えて|ご教示|お知らせ|ご連絡|知らせて|お送り|送って|ご確認|確認して|対応して|"
    rf"{'|'.join(JA_ACT_NOUNS)})[^。]*?(?:ください|下さい|いただけ|頂け|願え|もらえ)|"
    r"知りたい(?:です|のですが|と思)|"
    r"(?:して|て)(?:いただけ|頂け|もらえ)(?:ます|ない|ません)|"
    r"(?:を|の)お願い(?:します|いたします|致します)|"
    r"たいのですが[。、]?$|"
    r"ください[。！!]*$"
)
# "…か、また…か" / "…か、それと…": a second question in the same Japanese sentence.
# (「…ですか、それとも…ですか」 offers alternatives: one question, never split.)
JA_SPLIT = re.compile(
    r"(?<=[かの])[、,](?!\s*それとも)\s*(?:また|それと|あと|それから|加えて|さらに)?[、,]?\s*"
)
# "Hi Sam," / "Hello there" / "Good morning team," before a pleasantry.
_GREETING = (
    r"(?:(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening))"
    r"(?:\s+(?!how\b)(?:<[A-Z_]+\d*>|[\w'.-]+)(?:\s+(?!how\b)[\w'.-]+)?)?\s*[,!.:]?\s*)?"
)
PLEASANTRY = re.compile(
    rf"^\s*{_GREETING}(?:how\s+are\s+(?:you|things)|how'?s\s+it\s+going|"
    r"how\s+have\s+you\s+been|how\s+was\s+your\s+(?:weekend|day|week)|what\s+a\s+(?:day|week))"
    r"(?:\s+(?:doing|going|today|lately|these\s+days|so\s+far|on\s+your\s+end|there|all|guys|"
    r"folks|everyone|team))*\s*[?!.,]*\s*$|"
    rf"^\s*{_GREETING}(?:i\s+)?(?:hope\s+(?:you|all|this)|can\s+you\s+believe|isn'?t\s+(?:that|it)\s+"
    r"(?:ridiculous|crazy|funny))\b"
    # ... unless a real question follows: "Hope you can help: how do I export my site?"
    r"(?![^?]*[,:;]\s*(?:how|what|when|where|why|which|who|can(?!\s+you\s+believe)|could|do|does|is|are)\b)"
    r"[^?]*\?*\s*$|"
    r"(?:お元気|ご機嫌いかが|いかがお過ごし|お変わりありません|信じられます)|"
    r"^\s*(?:どうぞ)?よろしく(?:お願い|ご検討)|"
    # a closing wish for the reader's time or health, the whole sentence: 「良い週末をお過ごし
    # ください」「季節柄ご自愛ください」; 「快適にお過ごしいただけるよう…してください」 asks on
    r"^[^。！？!?]*(?:お過ごし|ご自愛)(?:くださいませ|ください|下さい)[。！!\s]*$",
    re.IGNORECASE,
)
# Anger, not a request: rhetorical questions ("Are you kidding me?", 「詐欺ですか。」) and
# demands about behaviour (「いい加減にしてください。」, 「ちゃんとしてください。」). The whole
# sentence must be the outburst: "Is this email a scam?" or 「このメールは詐欺ですか」 still ask.
# Leading spaces are read once (possessive): split between two quantifiers, a long run cost the
# square of its length; nothing after them can be a space, so no sentence matches differently.
OUTBURST = re.compile(
    r"^\s*+(?:(?:are|r)\s+you\s+(?:kidding|joking|serious)(?:\s+me)?|seriously|really|"
    r"is\s+this\s+(?:some\s+kind\s+of\s+|a\s+)?joke|"
    r"what(?:\s+is|'s)\s+wrong\s+with\s+(?:you|your\s+(?:company|team))(?:\s+people)?|"
    r"how\s+hard\s+(?:can|is)\s+(?:it|this|that)(?:\s+be)?|"
    r"how\s+many\s+times\s+do\s+i\s+(?:have|need)\s+to\s+(?:ask|say|tell\s+you|explain)"
    r"(?:\s+(?:it|this|that))?)[\s?!.]*$|"
    r"^\s*+(?:もう|本当に|ほんとうに|ほんとに|いったい|一体|まったく|全く|これ(?:は|って)?|"
    r"それ(?:は|って)?|まるで)*[、,\s]*+"
    r"(?:いい加減に(?:して|しろ)|勘弁(?:して|しろ)|ふざけ(?:ないで|るな|ている|てる|ています)|"
    r"(?:馬鹿|バカ|ばか)に(?:して|しないで|しています)|(?:なめ|舐め)(?:ないで|てる|ている|ています)|"
    r"(?:ちゃんと|しっかり|きちんと|真面目に|まじめに)(?:して|しろ)|"
    r"冗談(?:じゃ|では|でしょう|ですよね)|詐欺(?:です|でしょう|じゃ|では|だ)|"
    r"信じられない|ありえない|あり得ない|最悪)"
    r"[^。．！？!?\n]{0,12}[。．！？!?…]*\s*$",
    re.IGNORECASE,
)
# A request that means nothing without the sentence before it.
VAGUE_REQUEST = re.compile(
    r"^\s*(?:please\s+(?:advise|help)(?:\s+me)?|(?:how\s+)?(?:can|could)\s+you\s+help(?:\s+me)?|"
    r"any\s+(?:help|idea|update|news|progress|word)s?(?:\s+yet)?|what\s+(?:should|can)\s+i\s+do|thoughts|"
    r"let\s+me\s+know|(?:please\s+)?(?:get\s+back\s+to\s+(?:me|us)|reply|respond)"
    r"(?:\s+(?:asap|soon|quickly|urgently|as\s+soon\s+as\s+possible))?|どうすれば(?:よい|いい)でしょうか|どうしたら(?:よい|いい)でしょうか|"
    r"ご教示(?:ください|いただけますでしょうか)|教えてください|よろしくお願いします)[.?!。？！]*\s*$",
    re.IGNORECASE,
)
# Greetings opening a sentence, one or several ("Hiya, hi we want ...", "Hi Sam, can you",
# 「お世話になっております。」「こんにちは、」): they open the message and ask nothing, so every
# reader of an ask's clause structure reads what follows them. A bare "morning" opens a
# greeting only before punctuation ("morning slots" is a noun phrase); a name after a greeting
# only before a comma or "!" ("Hi Sam, ..."), since "hi can you help" has none.
GREETING_LEAD = re.compile(
    r"^(?:\s*(?:(?:hi|hello|hey|hiya|heya|howdy|greetings|dear|good\s+(?:morning|afternoon|"
    r"evening)|morning(?=\s*[,!.]))(?:\s+(?:there|all|team|everyone|guys|folks))?"
    r"(?:\s+[A-Za-z][\w'.-]*\s*[,!]+|\s*[,!.:?]+|\s+|$)|"
    r"(?:いつも)?お世話になって(?:おります|います)[。、！!]*|お世話になります[。、！!]*|"
    r"(?:こんにちは|こんばんは|おはようございます|はじめまして|初めまして)[。、！!]*))+",
    re.IGNORECASE,
)
# What may stand after a greeting in a line that only greets: a name ("Hi Sam", "Dear Ms Ortiz").
_NAME_ONLY = re.compile(r"^(?:[A-Z][\w'.-]*\s*){0,3}[\s,!.]*$")


def without_greeting(text: str) -> str:
    """``text`` without the greetings opening it (the text itself when it has none)."""
    match = GREETING_LEAD.match(text)
    return text[match.end() :].lstrip() if match and match.end() else text


def greets_only(text: str) -> bool:
    """True for a sentence that only greets ("Hi there,", "Hi Sam", 「お世話になります。」)."""
    match = GREETING_LEAD.match(text)
    return bool(match and match.end() and _NAME_ONLY.match(text[match.end() :]))


# Thanks closing a sentence typed without a stop ("... can i come with her thank you", "...
# for the weekend? thanks so much", 「…教えてください ありがとうございます」): the closing asks
# nothing, and read as part of the clause it hides the ask before it. Only after a space or a
# comma (a run of them read from its start only, once), so "Thank you for the refund" (thanks
# that opens its own clause) is left whole.
_CLOSING_THANKS = re.compile(
    r"(?:(?<![\s,])[\s,]++|(?<=[?？]))(?:(?:many\s+)?thanks|thank\s+(?:you|u)|thx|ty|cheers)"
    r"(?:\s+(?:so|very)\s+much|\s+a\s+lot|\s+in\s+advance|\s+again)?[\s.!！]*$|"
    r"(?:(?<!\s)\s++|(?<=[?？]))(?:ありがとうございます|ありがとう|よろしくお願い(?:いた)?します)[。！!\s]*$",
    re.IGNORECASE,
)


def without_closing_thanks(text: str) -> str:
    """``text`` without thanks closing it ("is it step free thank you" -> "is it step free").

    A sentence that is only thanks stays as it is (it asks nothing either way).
    """
    match = _CLOSING_THANKS.search(text)
    if match is None or not text[: match.start()].strip():
        return text
    return text[: match.start()].rstrip(" ,")


# An ask about what comes next, whose topic is the conversation so far: "What happens now?",
# "What are my options?", 「今後どうなりますか」. Any act, step or plan in the reply answers it.
WHAT_NEXT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|great|thanks|right|so|and)\W+)?(?:what\s+(?:happens|now|next|are\s+my\s+"
    r"(?:options|next\s+steps)|(?:should|can|do)\s+i\s+do(?:\s+now|\s+next)?|(?:can|will)\s+you\s+do|"
    r"(?:is|are)\s+the\s+next\s+steps?)|(?:so\s+)?now\s+what)(?:\s+(?:now|next|then))?[.?!\s]*$|"
    r"^\s*(?:今後|この後|これから)(?:は)?どう(?:なり|すれば|したら)|^\s*どうすれば(?:よい|いい)",
    re.IGNORECASE,
)
# "A few questions:", "以下について教えてください": announces the questions, is not one.
INTRO = re.compile(
    r"(?:the\s+following|a\s+(?:few|couple\s+of)\s+questions|some\s+questions|"
    r"以下|下記|次の(?:点|件|質問)|いくつか質問)",
    re.IGNORECASE,
)
# A number then a digit ("1.5 kg") is a decimal, no list number.
LIST_MARKER = re.compile(rf"^\s*(?:{BULLET}|{NUMBERED}(?!\d)|{ENCLOSED_NUMBER}|Q\d+[.:)]?)\s*")
QUOTED_LINE = re.compile(r"^\s*(?:>|＞)")
# The header of quoted history ("On Tue, Sam wrote:", 「…が書きました：」).
_QUOTE_HEADER = r".{0,160}(?:\bwrote|書きました)[:：]?\s*$"
QUOTE_HEADER = re.compile(rf"^\s*{_QUOTE_HEADER}", re.I)
# A signature, a forwarded message, or the header of quoted history.
SIGNATURE_START = re.compile(
    r"^\s*(?:--\s*$|—\s*$|sent from my |-{3,}\s*original\s+message|"
    rf"{FORWARD_HEADER_TEXT}|{_QUOTE_HEADER})",
    re.I,
)
# "Also, ...", "Another thing: ...", "Anyway, ...", 「また、…」「ところで…」: the next ask is
# about something else.
TOPIC_SHIFT = re.compile(
    r"^\s*(?:also|another|additionally|separately|besides|btw|by\s+the\s+way|one\s+more|"
    r"secondly|second|next|lastly|finally|and\s+also|on\s+another\s+note|unrelated|anyways?)\b|"
    # あわせて / 併せて ("along with that"): one more matter put beside the first
    r"^\s*(?:また|あと|それと|それから|別件|もう一(?:つ|点)|ついでに|加えて|さらに|最後に|ところで|"
    r"あわせて|併せて)",
    re.IGNORECASE,
)
# A line ending in a colon ("My questions:", 「質問です：」) heads what follows.
COLON_END = re.compile(r"[:：]\s*$")

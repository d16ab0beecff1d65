"""Our own follow-up: "we will reply within 2 business days", 「2営業日以内にご連絡」.

The seed articles recommend such a cushion with a time frame; it promises our next message,
not an outcome, so the commitment, figure and stale-article guardrails leave it alone. The
same words of a next message, said after a check still to do ("let me check and get back to
you", "we'll look into it", 「確認のうえご連絡いたします」), defer an ask: the answer judge
reads them from here (``promises_reply``), one list for both.
"""

from __future__ import annotations

import re

from guardrails.sentences import sentence_texts

DEADLINE = (
    r"(?:by|before|within|no\s+later\s+than|in\s+the\s+next)\s+"
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|thirty|"
    r"forty|forty-eight|seventy-two|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|tomorrow|tonight|today|the\s+end\s+of|end\s+of|next|this|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
)

# A deadline on our next message to the customer, not on an outcome: the verb closest
# before the deadline decides ("we'll check your refund and get back to you by Friday").
DEADLINE_AT = re.compile(rf"\b{DEADLINE}\b", re.IGNORECASE)
# An answer on its way whoever sends it ("the team'll get back to you", "we aim to be in touch"),
# a part of FOLLOW_UP_EN.
ANSWER_COMING_EN = r"(?:get\s+back\s+to\s+you|be\s+in\s+touch|reach\s+out)"
# Our next message to the customer, in English: the one list of its verbs.
FOLLOW_UP_EN = (
    rf"(?:{ANSWER_COMING_EN}|reply|respond|write\s+back|come\s+back\s+to\s+you|follow\s+up|"
    r"let\s+you\s+know|hear\s+(?:back\s+)?from\s+(?:us|me)|"
    r"(?:contact|call|email|e-mail|phone|update|message|text|ring)\s+you|"
    r"send\s+you\s+(?:an?\s+)?(?:update|reply|answer|response|message|email|note))"
)
_FOLLOW_UP_EN = re.compile(rf"\b{FOLLOW_UP_EN}\b", re.IGNORECASE)
_OUTCOME_EN = re.compile(
    r"\b(?:ship|deliver|fix|resolve|refund|credit|replac|restor|reactivat|complet|cancel|waive|"
    r"process|send)\w*",
    re.IGNORECASE,
)
# Our next message to the customer, in Japanese: the one list of its nouns.
FOLLOW_UP_JA = r"(?:ご連絡|ご返信|ご回答|ご報告|ご案内|お知らせ|お返事|折り返し|お電話)"
# A check of ours, in Japanese: the one list of its nouns.
CHECK_JA = r"(?:確認|調査|お調べ|確かめ|問い合わせ|お問い合わせ)"
# An answer still to come, in Japanese, read by the answer judge: a check under way or promised
# (「確認いたします」「調査中」「お調べいたします」) or our next message later
# (「改めてご連絡」「追ってご案内」「折り返し」).
DEFERRAL_JA = (
    r"確認(?:いたします|します|させて|の上|中|して(?:おります|います|まいります))|お調べ|"
    r"調査(?:中|いたします|して(?:おります|います))|"
    rf"(?:改めて|追って){FOLLOW_UP_JA}|折り返し"
)
# 「2営業日以内にご連絡いたします」「3日以内に状況をご報告いたします」
# (but 「3日以内に返金いたします」 is an outcome).
_FOLLOW_UP_JA = re.compile(
    rf"(?:まで|以内)に[^。\n]*{FOLLOW_UP_JA}"
    r"(?:を)?(?:いた|致|させていただ|申し上げ)(?:します|ます)[。.!！]*$"
)
# Finding out, in English: the one list of its verbs.
# A promise of ours (we'll, I will, let me) whose act is finding out and then our next message
# ("let me check and get back to you", "I'll look into this and let you know"), looking into
# it ("we'll look into it"), or the next message alone ("I'll get back to you"). Within one
# clause: "We'll refund it. Let us know if ..." promises an outcome, and "let us know" is the
# customer's message, not ours.
FIND_OUT_EN = r"(?:check|confirm|find\s+out|ask|see|investigate|look\s+(?:into|at)|double-check)"
_PROMISE_REPLY_EN = re.compile(
    r"\b(?:(?:i|we)(?:'ll|\s+will|\s+shall)|let\s+(?:me|us)(?!\s+know\b))\s+"
    r"(?:(?:just|quickly|now|first|also|gladly|happily)\s+)?"
    rf"(?:{FOLLOW_UP_EN}\b|look\s+into\b|{FIND_OUT_EN}\b[^.;!?\n]{{0,80}}?"
    rf"\b(?:and|then)\s+(?:(?:i|we)(?:'ll|\s+will)\s+)?{FOLLOW_UP_EN}\b)",
    re.IGNORECASE,
)
# 「確認のうえご連絡いたします」「確認してからご連絡します」「お調べして折り返しご連絡いたします」
# 「分かり次第ご連絡します」: a check of ours, then our next message, in one sentence.
# (「確かめたうえで」: a verb's past before うえ, as 「確認したうえで」)
_CHECK_THEN_REPLY_JA = re.compile(
    rf"{CHECK_JA}(?:の(?:上|うえ)|して(?:から|の上|のうえ)?|し(?:た)?(?:上|うえ)|た(?:上|うえ)|"
    r"いたしまして|いたしてから|させていただ(?:き|いて)|(?:でき|し)次第|後)[^。\n]{0,40}?"
    rf"{FOLLOW_UP_JA}|(?:分かり|わかり|判明し|確認でき)次第[^。\n]{{0,20}}?{FOLLOW_UP_JA}|"
    rf"折り返し{FOLLOW_UP_JA}?"
)


def one_sentence_a_line(text: str) -> str:
    """``text`` with each sentence joined onto one line and one sentence to a line.

    A mail client wraps "I'll check with⏎our manager and let you know" and
    「倉庫で確認して⏎から明日ご連絡いたします」 mid-sentence: the deferral patterns read one
    clause (no line break in it), so each sentence is read whole (``sentence_texts``: the
    splitter's own rule for where a line break ends a sentence), and a break that does end one
    (a blank line, a line ending in a full stop or a Japanese sentence-final form) stays a
    line break the patterns do not cross.
    """
    if "\n" not in text:
        return text
    return "\n".join(sentence_texts(text))


def is_follow_up_time_frame(text: str) -> bool:
    """True for "we will reply within 2 business days" / 「2営業日以内にご連絡いたします」.

    ``text`` is a promise or a whole sentence; the deadline must be on our next message.
    """
    promise = one_sentence_a_line(text).rstrip()
    if _FOLLOW_UP_JA.search(promise):
        return True
    deadlines = list(DEADLINE_AT.finditer(promise))
    if not deadlines:
        return False
    before = promise[: deadlines[-1].start()]
    follow_up = [m.start() for m in _FOLLOW_UP_EN.finditer(before)]
    outcome = [m.start() for m in _OUTCOME_EN.finditer(before)]
    return bool(follow_up) and max(follow_up) >= max(outcome, default=-1)


def promises_reply(text: str) -> bool:
    """True when ``text`` promises our next message instead of the answer.

    "Let me check and get back to you", "We'll look into it", 「確認のうえご連絡いたします」,
    「折り返しご連絡いたします」: the answer is still to come. Not "Let us know if ..." (the
    customer's message) nor "we'll refund it" (an outcome).
    """
    return promises_reply_in_lines(one_sentence_a_line(text))


def promises_reply_in_lines(lined: str) -> bool:
    """``promises_reply`` of text already laid out by ``one_sentence_a_line``.

    For a caller that reads the same lines with other patterns too: the layout is done once.
    """
    return bool(_PROMISE_REPLY_EN.search(lined) or _CHECK_THEN_REPLY_JA.search(lined))

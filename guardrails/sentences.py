"""Split text into sentences with spans, for English and Japanese, tolerant of line-wrapping.

A single line break inside a sentence (mail clients wrap long lines) does not end it; a
blank line, a list item, terminal punctuation or a Japanese sentence-final form does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from guardrails.run_memo import per_run

# A half-width "?" or "!" typed with the IME off ends a sentence right before Japanese text too
# (「送料はいくらですか?あと…」), as its full-width form does; "." is left out (decimals, codes).
# Each run of marks is read from its start only, once: read from every mark of a long "!!!!"
# run, the first form cost the square of its length (16 s at 20,000).
# A Japanese chat line runs on with no mark at all: a sentence-final particle (っけ, よね) or a
# question's か right before a connective that opens the next sentence (あと, それと, ところで)
# ends the first sentence too (「次の便っていつだっけあと卵抜いてほしい」). かな is left out:
# 「いいかなあと思って」 is かな + a drawn-out あ. それとも ("or else") is no such connective:
# it offers the other answer to the same question (「赤ですかそれとも青ですか」 asks once).
_TERMINAL = re.compile(
    r"(?<![.!?。！？])[.!?。！？]++[)\]」』\"'”’]*(?=\s|$)|[。！？]+[」』]*|"
    r"(?<![!?])[!?]++(?=[\u3040-\u30ff\u3400-\u9fff々〆])|"
    r"(?:っけ|よね|(?:です|ます|でしょう)か)(?=(?:あと|それと(?!も)|それから|ところで|ちなみに)"
    r"[、,]?[\u3040-\u30ff\u3400-\u9fff々〆])"
)
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "e.g.", "i.e.", "no.", "etc.", "vs.", "st."}
)
# List markers, one source for every reader of lists (the splitter here, ask extraction's
# LIST_MARKER, the answer types' bulleted lines): a bullet, a number with a dot or a bracket,
# a number in brackets, a circled number.
BULLET = r"[-*•・]"
NUMBERED = r"\d+[.)]"
ENCLOSED_NUMBER = r"[（(]\d+[)）]|[①-⑳]"
# A line that opens a list item; a number closed by a full-width bracket alone ("1）") too.
_LIST_ITEM = re.compile(rf"^\s*(?:{BULLET}|{NUMBERED}|\d+）|{ENCLOSED_NUMBER})\s*")
# A line ending in one of these Japanese sentence-final forms is complete even without 。.
# Chat lines end in casual forms too: a particle that only closes a sentence (っけ, じゃん) and
# the casual completive (「熱出ちゃった」). A line ending in けど/けれど is not complete: the
# clause it closes is the background of the next line's (``flatten`` reads the break as 、).
_JA_LINE_END = re.compile(
    r"(か|です|ます|ました|でした|ません|ください|下さい|さい|ね|よ|たい|ですが|のですが|"
    r"お願いします|お願いいたします|思います|っけ|じゃん|ちゃった|じゃった)$"
)
# A line ending in a contrastive conjunctive particle, wrapped before the clause it leads to.
_CLAUSE_BREAK_LINE = re.compile(r"(けど|けれど(?:も)?)[ \t]*\n[ \t]*(?=[^\x00-\x7f、。，！？])")
# A sign-off line ("Regards", "よろしくお願いします") never continues the sentence above it.
# Spaces are read once (possessive): split between two quantifiers, a long run cost the square
# of its length; no line matched differently, as what follows each run cannot be a space.
_CLOSING_LINE = re.compile(
    r"^\s*+(?:(?:best|kind|warm|many)?\s*(?:regards|thanks)|thank\s+you|cheers|best|sincerely|"
    r"br)\b[\s,!.]*+(?:\w+)?+\s*+$|^\s*+(?:よろしく|宜しく|以上)",
    re.IGNORECASE,
)


# A line that cannot continue the sentence above it: a sign-off with up to two words after it
# ("Thanks so much!!", "Thank you so much", "Cheers Dan"). Wider than a sign-off that ends a
# reply's body (``is_closing_line``): "Thanks a bunch!" may open a reply, and what follows
# it is still the answer; it only never joins the line before. Possessive, as above.
_SIGN_OFF_LINE = re.compile(
    r"^\s*+(?:(?:best|kind|warm|many)?\s*(?:regards|thanks)|thank\s+you|cheers|best|sincerely|"
    r"br)\b[\s,!.]*+(?:\w+[\s,!.]*+){0,2}+$",
    re.IGNORECASE,
)


# A greeting line with no comma ("Hi Sam", "Dear Mrs Ortiz", "Hello there"): the greeting is
# its own sentence, so "Hi Sam⏎thanks for the photos" is two. Names are capitalised words:
# "hi do you have⏎any chairs" is a wrapped question, not a greeting.
_GREETING_LINE = re.compile(
    r"^\s*+(?i:hi|hello|hey|hiya|dear|good\s+(?:morning|afternoon|evening))"
    r"(?:\s++(?:[A-Z][\w.'-]*+|(?i:there|all|team|everyone)))?+(?:\s++[A-Z][\w.'-]*+){0,2}+\s*+$"
)


_QUOTED = re.compile(r"^\s*>")
# A short line before a capitalised one is a layout line (a name under a sign-off, a
# department, an order number, a table row): a mail client wraps at about 72 columns, so a
# wrapped sentence's lines are long.
_SHORT_LINE = 30
_OPENS_CAPITALISED = re.compile(r"^\s*[A-Z0-9]")


def is_closing_line(text: str) -> bool:
    """True for a sign-off line ("Best regards,", "Thanks!", 「よろしくお願いいたします」)."""
    return bool(_CLOSING_LINE.match(text))


# The marks that end a sentence, one source for every reader of a sentence's end (the line
# breaks here, ask extraction's quote headers and signature lines).
SENTENCE_STOPS = ".!?。！？"
_SENTENCE_END = re.compile(rf"[{SENTENCE_STOPS}]\s*$")
# A line ending in a stop or a colon ends its sentence at the line break.
_LINE_END_PUNCT = re.compile(rf"[{SENTENCE_STOPS}:：]$")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends in a sentence stop (. ! ? 。 ！ ？), spaces after it allowed."""
    return bool(_SENTENCE_END.search(text))


# A line ending in a comma ends the sentence only when it is a layout line: a greeting
# ("Hi Sam,"), a sign-off ("Thanks,"), an address line ("12 Mill Lane,"). A mail client wraps
# a long sentence after its commas too ("Could I push it to next week,⏎ideally an afternoon?",
# 「住所を変更したいのですが、⏎可能でしょうか」), so a long line ending in one runs on.
_LINE_END_COMMA = re.compile(r"[,、，]$")
_SHORT_COLUMNS = 30
# A question embedded as the object of a verb of telling or knowing: 〜のか / 〜かどうか at the
# end of a line, and the verb that takes it opening the next (「いつ届くのか⏎教えてください」).
_EMBEDDED_QUESTION_END = re.compile(r"(?:のか|かどうか)$")
_TAKES_QUESTION = re.compile(
    r"^\s*(?:を\s*)?(?:教え|知り|知ら|わか|分か|確認|伺|お知らせ|ご教示|ご確認)"
)
# A capitalised word that opens a question or a request ("Also, is VAT included", "Could you")
# never stands mid-sentence with its capital, so a line before it ended its sentence even with
# the "?" left off ("Could you resend the invoice for March⏎Also, is VAT included"). Case
# matters: "I" and names are capitalised mid-sentence, these words are not. "May" and "Will"
# are also a month and a name ("the second week of⏎May and ...", "my son⏎Will is collecting
# it"), so they open an ask only before the subject an auxiliary takes ("May I", "Will it").
_OPENS_ASK = re.compile(
    r"^\s*(?:Also|Please|Can|Could|Would|Do|Does|Did|Is|Are|Was|Were|Have|Has|Should|"
    r"Shall|What|When|Where|Why|How|Which|Who|"
    r"(?:May|Will)\s+(?:I|we|you|it|they|he|she|there|this|that|these|those|the|my|our|your|"
    r"someone|somebody|anyone|anybody))\b"
)


def opens_ask(line: str) -> bool:
    """True when ``line`` opens with a capitalised auxiliary or wh-word of an ask.

    "Can You Send It Today", "When Will My Order Arrive": a line in title case is still a
    question or request when it opens so; "Will Turner" (no subject after "Will") is not.
    """
    return bool(_OPENS_ASK.match(line))


# What cannot open a Japanese sentence, so a line starting with it continues the line above
# even after a sentence-final form: the question particle か (「かかります⏎か？」), が/けど/
# ので/のに/から joining a clause, and punctuation. か opens words too (かなり, かなう, かばん,
# かもめ): it continues only as a whole particle, alone or in a sentence-final sequence (かな,
# かね, かしら) before punctuation or the end of the line, or as かもしれ (「届く⏎かもしれません」).
# The explanatory ん(です/だ) and みたい (「…壊れちゃった⏎んですけど」「止まった⏎みたいです」)
# only end the verb of the line above, so they never open a sentence either.
_JA_CONTINUES = re.compile(
    r"^\s*(?:か(?:な|ね|しら)?(?=[？?。、！!…と]|\s*$)|かも(?:しれ|知れ)|が(?=[、，,]|\s*$)|"
    r"けど|けれど|ので|のに|ん(?:です|だ|でしょう)|みたい|"
    r"から(?=[、，,。]|\s*$)|[、。，．！？!?）」』])"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence and its half-open span in the original text."""

    start: int
    end: int
    text: str


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _ends_block(line: str, next_line: str | None, width: int = 0) -> bool:
    """True when the line break after ``line`` also ends the sentence.

    ``width`` is the widest line of the line's paragraph: a mail client wraps a line only when
    the next word would not fit, so a Latin line far shorter than that, with room left for the
    next line's first word, was broken by the writer ("yes thats us⏎what time will he get
    there", chat lines typed with no stops).
    """
    stripped = line.rstrip()
    if next_line is None or not stripped or not next_line.strip():
        return True
    if width and _room_for_next_word(stripped, next_line, width):
        return True
    if _LIST_ITEM.match(next_line) or _CLOSING_LINE.match(next_line):
        return True
    if _SIGN_OFF_LINE.match(next_line):
        return True
    if bool(_QUOTED.match(line)) != bool(_QUOTED.match(next_line)):
        return True  # a quoted line ("> ...") never runs on into the writer's own words
    if _LINE_END_PUNCT.search(stripped) or _GREETING_LINE.match(stripped):
        return True
    if _LINE_END_COMMA.search(stripped):
        return _GREETING_LINE.match(stripped[:-1]) is not None or (
            columns(stripped.strip()) < _SHORT_COLUMNS
        )
    if _JA_CONTINUES.match(next_line):
        return False
    if _EMBEDDED_QUESTION_END.search(stripped) and _TAKES_QUESTION.match(next_line):
        return False  # 「いつ頃届くのか⏎教えていただけますでしょうか」: one sentence
    if _OPENS_ASK.match(next_line):
        return True
    if (
        len(stripped.strip()) < _SHORT_LINE
        and stripped[-1] < "\x80"  # a Latin line: Japanese lines are short and have no capitals
        and _OPENS_CAPITALISED.match(next_line)
    ):
        return True
    return bool(_JA_LINE_END.search(stripped))


def _paragraph_widths(lines: list[str]) -> list[int]:
    """For each line, the widest line of its paragraph (lines between blank lines)."""
    out = [0] * len(lines)
    start = 0
    for end in [*(k for k, line in enumerate(lines) if not line.strip()), len(lines)]:
        if end > start:
            width = max(columns(line.rstrip()) for line in lines[start:end])
            out[start:end] = [width] * (end - start)
        start = end + 1
    return out


# A line this much narrower than its paragraph's widest was ended by the writer, not wrapped,
# if the next word had fit: a hand-wrapped paragraph may open with one wider line (84 columns
# above lines of 62-68), and its wrapped lines stay well above this share of it.
_TYPED_SHARE = 0.6


# Words that open a clause of their own (wh-words, auxiliaries, linking words, replies and
# courtesies: "what time will he get there", "also the tap ..."). Pronouns and possessives are
# left out: "I'll check with⏎our manager" runs on into them.
_CLAUSE_OPENERS = frozenset(
    "what whats when where wheres why how hows which who whos can could would will do does did "
    "is are was were have has should shall may might also and but yes yeah no ok okay please "
    "sorry hi hello hey btw".split()
)


# Words a line cannot end a clause on: function words, and verbs and pronouns that take the
# clause after them ("tell⏎what", "wondering⏎if", "not sure⏎how").
_RUNS_ON = frozenset(
    "the a an to of for with and or but if whether that this my your our their his her its in "
    "on at by from as than about know tell ask asking wonder wondering wondered sure see "
    "check confirm advise explain understand say said find out let".split()
)
# Verbs whose person after them ("tell me", "let us") still waits for the clause told.
_TELLING = frozenset("tell ask show let give send remind".split())


# The first word of a line, in Latin script.
_FIRST_LATIN_WORD = re.compile(r"^\s*([!-~]+)")


def _room_for_next_word(line: str, next_line: str, width: int) -> bool:
    """True when ``line`` (Latin, ending in a Latin character) had room for the next word."""
    word = _FIRST_LATIN_WORD.match(next_line)
    if word is None or not line[-1].isascii() or not line.isascii():
        return False
    wide = columns(line)
    if wide + 1 + len(word.group(1)) > width or wide > _TYPED_SHARE * width:
        return False
    # and the next line opens a clause of its own: a hand-broken line ("I'll check with our⏎
    # returns manager") runs on into a noun, a typed chat line into a new clause; a line left
    # on a word that needs more ("Could you tell me⏎what time you open", "a box and⏎...")
    # runs on whatever opens the next
    words = [w.lower().strip(",.!?") for w in line.split()[-2:]]
    told = len(words) == 2 and words[1] in {"me", "us"} and words[0] in _TELLING
    opens = word.group(1).lower().strip(",.!?") in _CLAUSE_OPENERS
    return opens and words[-1] not in _RUNS_ON and not told


def columns(text: str) -> int:
    """How wide ``text`` shows in a fixed-width font (a Japanese character is two columns)."""
    if text.isascii():
        # No ASCII character is East Asian wide or full-width: skip the per-character look-up
        # (most lines of English mail; about 0.1 ms a draft).
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Group lines into blocks that may hold several sentences but never half a sentence."""
    lines = _line_spans(text)
    widths = _paragraph_widths([text[s:e] for s, e in lines])
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if start is None:
            if not line.strip():
                continue
            start = s
        nxt = text[lines[i + 1][0] : lines[i + 1][1]] if i + 1 < len(lines) else None
        if _ends_block(line, nxt, widths[i]):
            blocks.append((start, e))
            start = None
    return blocks


def unwrap_soft_breaks(text: str) -> str:
    """``text`` with each soft line wrap read as a space of the same length.

    Mail clients wrap long lines at about 72 columns, so "I'll check with⏎our manager and
    let you know" is one sentence: a rule that reads one clause (no line break in it) must see
    it whole.
    A break is soft when it stays inside one block (``_blocks``, the one rule for where a
    line break ends a sentence): never at a blank line, before a list item or a sign-off, or
    after a line ending in punctuation or a Japanese sentence-final form; and only between
    Latin-script words (``_between_latin``). The text keeps its length, so every span and
    offset into it stays valid.
    """
    if "\n" not in text:
        return text
    chars = list(text)
    for start, end in _blocks(text):
        for i in range(start, end):
            if chars[i] == "\n" and _between_latin(text, i):
                chars[i] = " "
    return "".join(chars)


def _between_latin(text: str, i: int) -> bool:
    """True when the words on both sides of the break at ``i`` are written in Latin script.

    A Japanese line joins the next with no space (``flatten``); a space of the same length
    would split a word or a number phrase (「4名から 6名」) for the readers of Japanese, so a
    Japanese wrap keeps its line break and is read whole through ``flatten``.
    """
    # Walk to the nearest non-space character on each side rather than slicing: a slice per
    # line break copied the text before it, quadratic on a long wrapped message.
    before = i - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    after = i + 1
    while after < len(text) and text[after].isspace():
        after += 1
    return before >= 0 and after < len(text) and text[before] < "\x80" and text[after] < "\x80"


def _is_not_an_end(words: list[str]) -> bool:
    """A period after an abbreviation or a list number ("1.") does not end a sentence.

    A number is a list number when it opens the sentence, or when the number before it
    opened an item earlier in the same run ("1. is it free 2. is there parking": the items
    are read by the ask extractor); in "charged twice for order 48213. Can you refund it?"
    (or after a card number) the period does end the sentence.
    """
    word = words[-1]
    if word.lower() in _ABBREVIATIONS:
        return True
    number = word[:-1]
    if not number.isdigit() or len(number) > 2:
        return False
    return len(words) == 1 or f"{int(number) - 1}." in words[:-1]


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    for match in _TERMINAL.finditer(text, start, end):
        before = text[pos : match.end()].split()
        if match.group().startswith(".") and before and _is_not_an_end(before):
            continue
        spans.append((pos, match.end()))
        pos = match.end()
    spans.append((pos, end))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Return the non-empty sentences of ``text`` with spans (whitespace trimmed)."""
    # A fresh list each call: callers may change theirs (``Sentence`` itself is frozen).
    return list(_split_once(text))


@per_run
def _split_once(text: str) -> tuple[Sentence, ...]:
    # About ten guardrails split the same draft and messages: once per run (``run_memo``).
    return tuple(_split(text))


def _split(text: str) -> list[Sentence]:
    out = []
    for block_start, block_end in _blocks(text):
        for s, e in _split_block(text, block_start, block_end):
            chunk = text[s:e]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            if trail > lead:
                out.append(Sentence(s + lead, s + trail, chunk[lead:trail]))
    return out


# A line break with the spaces around it. A run of spaces is read from its start only: from each
# of its spaces, a long run with no line break in it cost the square of its length.
_WRAPPED_BREAK = re.compile(r"(?<!\s)\s*\n\s*")


def sentence_texts(text: str) -> list[str]:
    """Return the sentences of ``text`` as strings, each joined onto one line (``flatten``)."""
    return [flatten(s.text) for s in split_sentences(text)]


def flatten(sentence: str) -> str:
    """Join a wrapped sentence onto one line (no space between Japanese characters).

    A line left on けど/けれど joins the next with a 、: the writer's line break stood for the
    clause break (「返品したいんですけど⏎送料は…」 reads as 「…けど、送料は…」).
    """
    sentence = _CLAUSE_BREAK_LINE.sub(r"\1、", sentence)
    joined = re.sub(r"(?<=[^\x00-\x7f])[ \t]*\n[ \t]*(?=[^\x00-\x7f])", "", sentence)
    return _WRAPPED_BREAK.sub(" ", joined)

"""An email's frame: its greeting, closing and signature, which the injection classifier skips.

Customers frame a request the way attacks embedded in emails are framed ("Hi team," ...
"Best regards, Jordan Lee"; ご担当者様 ... よろしくお願いいたします。 山田). A classifier that reads
the frame learns it from the attacks it was trained on and lifts every short framed request
("Hi, can you help me with this? Best regards, Sam" scored like an attack), so the frame is
left out both when the weights are trained (``benchmarks/injection_train.py``) and when a
text is scored (``guardrails.injection_model``): this module is the one reading of it.

It reads the classifier's prepared text (folded, lower case, one line break between lines)
sentence by sentence, and takes only whole formulas, never a sentence that says more:

- a greeting: "hi", "hello", "dear", "good morning" and at most four words naming the
  reader ("hi team,", "dear sir or madam,"), alone in its sentence or (the text's first
  sentence only) before a comma; Japanese お世話になっております, こんにちは, an addressee
  ending in 様 / 御中 / 各位, a self-introduction (佐藤と申します);
- a closing: "thanks", "best regards", "thank you for your help", "sincerely"; よろしくお願い
  いたします (with ご確認のほど, 以上, 何卒 ...), 以上です, 敬具;
- a signature: up to three short name lines right after a closing ("jordan lee",
  "accounts payable"; 山田 太郎), and a Japanese name alone on the text's last line.

What would be an order stays read: no addressee that is a machine ("hello chatgpt,"), no
English word that can be a verb's base form in a name line ("say pwned") unless it is a title
word ("support"), no hiragana in a Japanese name line. The patterns and the structure rule
(``guardrails.injection``) read the whole text, frame included.
"""

from __future__ import annotations

import re

from guardrails.text.word_class import is_base_verb

# A frame formula is short: longer sentences are never read as one (and no regex runs on them).
MAX_FRAME_CHARS = 80
MAX_SIGNATURE_LINES = 3
# Sentences read for a frame at each end (an attack placed first pushes the greeting down).
HEAD_SENTENCES = 8
TAIL_SENTENCES = 12
_MAX_NAME_WORDS = 4
_MAX_JA_NAME_CHARS = 12

_EN_GREETING = re.compile(
    r"(?:hi|hiya|hello|hey|dear|greetings|good (?:morning|afternoon|evening|day)"
    r"|to whom it may concern)(?P<rest>(?: [a-z][a-z.'&-]*){0,4})[ ,!:.]*"
)
_EN_CLOSING = re.compile(
    r"(?:(?:(?:best|kind|warm|warmest|many|with (?:best|kind|many))? ?"
    r"(?:regards|wishes|thanks)(?: again| in advance| so much| a lot)?)"
    r"|thank you(?: (?:so|very) much)?(?: again| in advance)?"
    r"(?: for your (?:help|time|assistance|support|patience|understanding))?"
    r"|cheers|sincerely|yours (?:sincerely|truly|faithfully)|all the best|best|take care"
    r"|respectfully|regards|thx)(?P<rest>(?:,? [a-z][a-z.'&-]*){0,4})[ ,!.]*"
)
_JA_GREETING = re.compile(
    r"(?:いつも)?お世話に(?:なっており|なってい|なり)ます|こんにちは|こんばんは|おはようございます"
    r"|はじめまして|初めまして|突然のご連絡(?:を)?失礼(?:いた|致)します"
    # An addressee: カスタマーサポート御中, ご担当者様, 各位 (no hiragana but ご and の).
    r"|(?:[^ぁ-ゖ。、]|ご|の){0,20}(?:様|さま|御中|各位)"
    # A self-introduction: 佐藤と申します, 株式会社ABCの山田です (not 質問です, 至急です).
    r"|(?:[^ぁ-ゖ。、]|の){1,16}と申します|[^ぁ-ゖ。、]{1,12}の[^ぁ-ゖ。、]{1,8}です"
)
_JA_CLOSING = re.compile(
    r"(?:以上、?)?(?:(?:何卒|なにとぞ|どうぞ|引き続き|今後とも|お手数(?:ですが|をおかけしますが))、?)?"
    r"(?:ご(?:確認|対応|検討|回答|返信|連絡)(?:の(?:程|ほど))?、?)?"
    r"(?:よろしく|宜しく)お願い(?:いた|致)?(?:します|申し上げます)"
    r"|以上(?:です|となります)?|敬具"
)
_JA_END = "。．.！!、"
# Who a greeting may name: never a machine (an order addressed to the AI is no greeting).
_MACHINE = re.compile(
    r"\b(?:ai|gpt|chatgpt|bot|chatbot|assistant|model|llm|system|claude|gemini|copilot)\b"
    r"|アシスタント|ボット|チャットボット|人工知能|ＡＩ|(?<![a-z])ai(?![a-z])"
)
# Title and team words that may stand in a name line although they can be verbs.
_TITLE_WORDS = frozenset(
    (
        "support team office manager director accounts payable receivable customer service "
        "services sales billing help desk helpdesk care operations owner founder ceo cto cfo "
        "ltd inc llc co gmbh plc sir madam mr mrs ms mx dr prof or and all everyone there folks "
        "friends"
    ).split()
)
_HIRAGANA = re.compile(r"[ぁ-ゖ]")
_LETTER = re.compile(r"[^\W\d_]")
_JA_NAME = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ffー・a-z0-9 ]+")


def _names_only(words: str) -> bool:
    """True when ``words`` could be a name or a title: no verb's base form, no machine."""
    if _MACHINE.search(words):
        return False
    tokens = [w.strip(".,'&-") for w in words.replace(",", " ").split()]
    return all(not w or w in _TITLE_WORDS or not is_base_verb(w) for w in tokens)


def _greeting(sentence: str) -> bool:
    m = _EN_GREETING.fullmatch(sentence)
    if m is not None:
        return _names_only(m.group("rest"))
    return bool(_JA_GREETING.fullmatch(sentence.rstrip(_JA_END))) and not _MACHINE.search(sentence)


def _closing(sentence: str) -> bool:
    m = _EN_CLOSING.fullmatch(sentence)
    if m is not None:
        return _names_only(m.group("rest"))
    return bool(_JA_CLOSING.fullmatch(sentence.rstrip(_JA_END)))


def _name_line(sentence: str) -> bool:
    """A signature line: a few name or title words (English), or a short Japanese name."""
    if _HIRAGANA.search(sentence) or _MACHINE.search(sentence):
        return False
    if sentence.isascii():
        words = sentence.rstrip(".").split()
        return (
            0 < len(words) <= _MAX_NAME_WORDS
            and all(re.fullmatch(r"[a-z][a-z.'&-]*", w) for w in words)
            and _names_only(sentence)
        )
    return len(sentence) <= _MAX_JA_NAME_CHARS and bool(_JA_NAME.fullmatch(sentence))


def _greeting_prefix(sentence: str) -> int:
    """Length of a greeting before the first comma of ``sentence`` ("hi team, ..."), or 0."""
    comma = sentence.find(",")
    if comma <= 0 or not _greeting(sentence[: comma + 1]):
        return 0
    return comma + 1


def frame_spans(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of ``text`` (prepared, with its sentence ``bounds``) that are the email's frame.

    Whole sentences (greetings, closings, the name lines after a closing, a Japanese name on
    the last line) among the first ``HEAD_SENTENCES`` and the last ``TAIL_SENTENCES``, and a
    greeting before the first comma of the text's first sentence.
    """
    spans: list[tuple[int, int]] = []
    signature_left = 0
    last = len(bounds) - 1
    for index, (start, end) in enumerate(bounds):
        if HEAD_SENTENCES <= index < last - TAIL_SENTENCES:
            signature_left = 0
            continue  # a frame stands at an email's ends: the middle is not read (and stays fast)
        sentence = text[start:end].strip()
        if len(sentence) > MAX_FRAME_CHARS:
            signature_left = 0
            if index == 0 and (cut := _greeting_prefix(sentence[:MAX_FRAME_CHARS])):
                spans.append((start, start + cut))
            continue
        if not _LETTER.search(sentence):
            signature_left = 0
            continue
        closing = _closing(sentence)
        if closing or _greeting(sentence):
            spans.append((start, end))
            signature_left = MAX_SIGNATURE_LINES if closing else 0
        elif signature_left and _name_line(sentence):
            spans.append((start, end))
            signature_left -= 1
        else:
            signature_left = 0
            if index == 0 and (cut := _greeting_prefix(sentence)):
                spans.append((start, start + cut))
            elif index == last and index > 0 and not sentence.isascii() and _name_line(sentence):
                spans.append((start, end))  # 佐藤花子: a Japanese name signing off alone
    return spans

"""Metamorphic check of ask counting: the same dev chats under meaning-preserving rewrites.

Run: ``python benchmarks/asks_metamorphic.py`` (writes
benchmarks/results/asks_metamorphic.json, prints a table).

Held-out chats are written the way people write mail: hard-wrapped mid-sentence, lowercase,
without "?", after a greeting line, with contractions or without, with another determiner or a
comma after a label. Dev chats written in-house mostly are not, so a rule that holds on dev may
fail on one surface detail (``benchmarks/asks_batch24_diagnosis.md``). This harness rewrites the
customer messages of the DEV chats only (the sets ``benchmarks/asks.py --split dev`` scores;
never the held-out batches) and reports, per rewrite and language, how many chats whose asks
were counted exactly as written stay counted exactly once rewritten.

Stop 32 added the forms real mail and chat take that the dev chats rarely have: one turn sent
as several short chat sends; an earlier message quoted under a "wrote:" header ("> " lines, a
header wrapped over two lines, an Outlook "Original Message" block), whose asks are not new;
a signature block with a confidentiality disclaimer, under "--" or only under a sign-off;
questions put as a numbered or bulleted list; "??", "?!" and marks of the other width; Japanese
with no 。 at line ends or one sentence a line; Japanese asks in a politer or plainer register.
Their first run (main aa9fe5d, before that round's code) is kept in
``benchmarks/results/asks_metamorphic_r32_first_run.json``.

``split_sends_two_asks`` reads split_sends on the chats of two or more asks only (the send
boundary then falls between matters), and ``two_matters_as_sends`` sends two one-message dev
chats as two sends of one turn, expecting their asks to add up: a turn read as one text would
pass split_sends on one-matter chats by construction, these do not.

Only chats a rewrite changes are counted for it ("applicable"). Nothing here is scored against
held-out text.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import textwrap
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import asks as bench  # noqa: E402
from guardrails.context import GuardrailContext, Message  # noqa: E402
from guardrails.questions import extract_questions  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "asks_metamorphic.json"

# The dev chat sets of ``asks.py --split dev`` (asks_chats.yaml's dev half, the dev files, the
# batches made dev). Held-out batches 23, 25 and 26 are never listed here.
DEV_FILES: tuple[Path, ...] = (
    bench.DEV22,
    bench.DEV27,
    bench.DEV28,
    bench.DEV29,
    bench.DEV29B,
    bench.DEV30,
    bench.DEV30W,
    bench.HOLDOUT13,
    bench.HOLDOUT14,
    bench.HOLDOUT15,
    bench.HOLDOUT16,
    bench.HOLDOUT17,
    bench.HOLDOUT18,
    bench.HOLDOUT19,
    bench.HOLDOUT20,
    bench.HOLDOUT21,
    bench.HOLDOUT22,
    bench.HOLDOUT24,
    # dev data since stop 31 (benchmarks/asks_batch25_diagnosis.md)
    bench.HOLDOUT25,
    # dev data since stop 32 (benchmarks/asks_batch26_diagnosis.md)
    bench.HOLDOUT26,
)
# Written for stop 31 by a non-builder (branch devdata-r31); read when present.
DEV31 = ROOT / "benchmarks" / "data" / "asks_chats_dev31.yaml"
# Written for stop 32 by a non-builder (branch devdata-r32); read when present.
DEV32 = ROOT / "benchmarks" / "data" / "asks_chats_dev32.yaml"
_OPTIONAL = (DEV31, DEV32)
PROBE_FILES: tuple[Path, ...] = (
    bench.PROBES_R24,
    bench.PROBES_SEM,
    bench.PROBES_R27,
    bench.PROBES_R28,
    bench.PROBES_R29,
    bench.PROBES_R29B,
    bench.PROBES_R30,
)
_NEVER = ("holdout23", "holdout27", "holdout28", "holdout29")


def dev_chats() -> list[dict[str, Any]]:
    """Every dev chat (id, language, messages, asks), probes once each (their customer side)."""
    out: list[dict[str, Any]] = []
    main = yaml.safe_load(bench.CHATS.read_text(encoding="utf-8"))["chats"]
    out.extend(c for c in main if bench.split_of(c["id"]) == "dev")
    files = [*DEV_FILES, *(p for p in _OPTIONAL if p.exists())]
    for path in files:
        assert not any(n in path.name for n in _NEVER), path  # held-out batches are never read
        for chat in yaml.safe_load(path.read_text(encoding="utf-8"))["chats"]:
            out.append({**chat, "id": f"{path.stem}:{chat['id']}"})
    for path in PROBE_FILES:
        for chat in bench.probe_chats(path):
            if chat["id"].endswith("-ok"):
                out.append({**chat, "id": f"{path.stem}:{chat['id']}"})
    return out


# --- the rewrites: each takes a customer body and its language, returns the rewritten body ----


def _width(seed: str) -> int:
    """A wrap width from 60 to 72 columns, fixed per chat (mail clients differ)."""
    return 60 + zlib.crc32(seed.encode("utf-8")) % 13


def _columns(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


# Japanese line-breaking rule (kinsoku): these never open a line, so they stay on the one above.
_NO_LINE_START = set("、。，．！？!?)）」』】ー…ぁぃぅぇぉっゃゅょ々")


def _wrap_ja_line(line: str, width: int) -> list[str]:
    out: list[str] = []
    current, cols = "", 0
    i = 0
    while i < len(line):
        # an ASCII word (an order number, a product code) is never cut
        m = re.match(r"[!-~]+", line[i:])
        token = m.group() if m else line[i]
        w = sum(_columns(c) for c in token)
        if current and cols + w > width and token[0] not in _NO_LINE_START:
            out.append(current.rstrip())
            current, cols = "", 0
            token = token.lstrip()
        current += token
        cols += w
        i += len(m.group()) if m else 1
    if current:
        out.append(current)
    return out


def hard_wrap(body: str, lang: str, seed: str) -> str:
    """Wrap each line at 60-72 columns, mid-sentence, as a mail client does."""
    width = _width(seed)
    lines: list[str] = []
    for line in body.split("\n"):
        if lang == "ja":
            lines.extend(_wrap_ja_line(line, width) or [""])
        else:
            # a quoted line ("> ...") stays quoted on every line it wraps onto
            quote = re.match(r"^(?:>\s?)+", line)
            prefix = quote.group() if quote else ""
            wrapped = textwrap.wrap(
                line[len(prefix) :],
                width - len(prefix),
                break_long_words=False,
                initial_indent=prefix,
                subsequent_indent=prefix,
            )
            lines.extend(wrapped or [line])
    return "\n".join(lines)


def lowercase(body: str, lang: str, seed: str) -> str:
    """Everything in lower case (people type fast on phones)."""
    return body.lower()


def drop_question_marks(body: str, lang: str, seed: str) -> str:
    """No "?": the question is in the words; a sentence keeps an end where it had one.

    Japanese: only after the particle か (「可能ですか。」 is still a question; a casual
    「ある？」 without its ？ is a statement, so it keeps it).
    """
    if lang == "ja":
        return re.sub(r"(?<=か)[?？]+", "。", body)
    body = re.sub(r"[?？]+(?=\s*$|\s*\n)", "", body)
    body = re.sub(r"[?？]+\s+", ". ", body)
    return re.sub(r"[?？]+", "", body)


def greeting_line(body: str, lang: str, seed: str) -> str:
    """A greeting on its own line before the message."""
    return ("Hi there,\n" if lang == "en" else "お世話になっております。\n") + body


def greeting_inline(body: str, lang: str, seed: str) -> str:
    """A greeting opening the first sentence ("hiya, ..."), as chats are typed."""
    if lang == "ja":
        return "こんにちは、" + body
    return "Hiya, " + body[:1].lower() + body[1:] if body[:2] != "I " else "Hiya, " + body


# contracted <-> full forms; the full forms are read before a word only (never "where it is")
_CONTRACTIONS: tuple[tuple[str, str], ...] = (
    ("I would", "I'd"),
    ("I am", "I'm"),
    ("I will", "I'll"),
    ("we would", "we'd"),
    ("we are", "we're"),
    ("we will", "we'll"),
    ("do not", "don't"),
    ("does not", "doesn't"),
    ("did not", "didn't"),
    ("is not", "isn't"),
    ("are not", "aren't"),
    ("has not", "hasn't"),
    ("have not", "haven't"),
    ("was not", "wasn't"),
    ("cannot", "can't"),
    ("will not", "won't"),
    ("would not", "wouldn't"),
    ("it is", "it's"),
    ("that is", "that's"),
    ("what is", "what's"),
    ("there is", "there's"),
)


def _case_like(source: str, target: str) -> str:
    return target[:1].upper() + target[1:] if source[:1].isupper() else target


def contract(body: str, lang: str, seed: str) -> str:
    """Full forms contracted ("I would like" -> "I'd like", "do not" -> "don't")."""
    if lang != "en":
        return body
    for full, short in _CONTRACTIONS:
        pattern = re.compile(rf"\b{full}\b(?=\s+[A-Za-z])", re.IGNORECASE)
        body = pattern.sub(_replacer(short), body)
    return body


def _replacer(target: str) -> Callable[[re.Match[str]], str]:
    """A substitution writing ``target`` in the case of the word it replaces."""

    def replace(match: re.Match[str]) -> str:
        return _case_like(match.group(), target)

    return replace


def expand(body: str, lang: str, seed: str) -> str:
    """Contractions written out ("I'd like" -> "I would like", "can't" -> "cannot")."""
    if lang != "en":
        return body
    body = body.replace("’", "'")
    for full, short in _CONTRACTIONS:
        pattern = re.compile(rf"\b{re.escape(short)}\b", re.IGNORECASE)
        body = pattern.sub(_replacer(full), body)
    return body


# a wish's object: "I'd like a refund" reads as "I'd like the refund" (the thing is the same)
_WISH_ARTICLE = re.compile(
    r"\b((?:like|love|want|need|wish|hoping|hope)\s+(?:to\s+[a-z]+\s+)?)(?:a|an)\b(?=\s+[a-z])",
    re.IGNORECASE,
)


def determiners(body: str, lang: str, seed: str) -> str:
    """Swap determiners where the thing stays the same: my/our -> the; a wish's a/an -> the."""
    if lang != "en":
        return body
    body = re.sub(r"\b(?:[Mm]y|[Oo]ur)\b(?=\s+[a-z])", lambda m: _case_like(m.group(), "the"), body)
    return _WISH_ARTICLE.sub(lambda m: m.group(1) + "the", body)


# A short label opening a sentence before a dash, a colon or a comma ("quick question - ...").
_LABEL = re.compile(
    r"(?m)(^|[.!?]\s+)(?!(?i:hi|hello|hey|hiya|dear|thanks|thank)\b)"
    r"((?:[A-Za-z']+\s+){1,2}[A-Za-z']+)\s*(?:[-–—:]|,)\s+(?=[A-Za-z])"
)


def label_punctuation(body: str, lang: str, seed: str) -> str:
    """A label's dash or colon written as a comma, and a comma as a dash."""
    if lang != "en":
        return body

    def swap(m: re.Match[str]) -> str:
        sep = m.group()[len(m.group(1)) + len(m.group(2)) :]
        new = " - " if sep.strip() == "," else ", "
        return m.group(1) + m.group(2) + new

    return _LABEL.sub(swap, body)


def casual_ja(body: str, lang: str, seed: str) -> str:
    """Japanese written casually: ています -> てます, ていません -> てません, ている -> てる."""
    if lang != "ja":
        return body
    body = re.sub(r"(?<=[てで])います", "ます", body)
    body = re.sub(r"(?<=[てで])いました", "ました", body)
    body = re.sub(r"(?<=[てで])いません", "ません", body)
    body = re.sub(r"(?<=[てで])いる(?=[。、のがけ]|$)", "る", body)
    return body


# A message's parts, each sent on its own (the separator is never typed by a customer).
SEND_BREAK = "\u241e"
# Sentence ends a chat client user sends apart: after . ! ? 。 ！ ？ and a space or a line break.
_SEND_CUT = re.compile(r"(?<=[.!?。！？])\s+|\n+")


def split_sends(body: str, lang: str, seed: str) -> str:
    """One message sent as several short chat sends, one sentence (or list item) each.

    A line a mail client wrapped mid-sentence is one sentence first: nobody sends half a
    sentence on purpose, so only sentence ends, blank lines and lines that end a sentence cut.
    """
    glue = "" if lang == "ja" else " "
    lines = body.split("\n")
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and joined[-1].strip()
            and line.strip()
            and not _ENDS_LINE.search(joined[-1])
            and not _ITEM.match(line)
            and not _ITEM.match(joined[-1])
        ):
            joined[-1] = joined[-1].rstrip() + glue + line.strip()
        else:
            joined.append(line)
    text = "\n".join(joined)
    cut = _SEND_CUT_JA if lang == "ja" else _SEND_CUT
    parts = [p.strip() for p in cut.split(text) if p and p.strip()]
    return SEND_BREAK.join(parts) if len(parts) > 1 else body


# A line that ends a sentence (or a greeting or label line ending in a comma or colon).
_ENDS_LINE = re.compile(r"[.!?。！？:：)）」]\s*$")
# A list item line ("- ...", "1) ...", 「・…」, 「①…」): its own line, never joined.
_ITEM = re.compile(r"^\s*(?:[-*•・]|\d+[.)）]|[①-⑳])")
_SEND_CUT_JA = re.compile(r"(?<=[。！？!?])|\n+")


# An earlier message of the same thread, quoted below the new one. It asks things of its own:
# a reader that takes quoted text for new asks counts them. Written for this harness.
_EARLIER_EN = (
    "Hello,\nIs there any way to move my appointment to Friday? And could you send me the "
    "invoice again?\nThanks"
)
_EARLIER_JA = (
    "お世話になっております。\n予約を金曜日に変更することはできますか？\n"
    "請求書も再送していただけますでしょうか。"
)


def quote_reply(body: str, lang: str, seed: str) -> str:
    """The new text above a quoted earlier message: a "wrote:" header and "> " lines."""
    if lang == "ja":
        head = "2026年11月3日(月) 10:12 山田様 wrote:\n"
        quoted = "\n".join("> " + line for line in _EARLIER_JA.split("\n"))
    else:
        head = "On Mon, 3 Nov 2026 at 10:12, Support Team <support@example.com> wrote:\n"
        quoted = "\n".join("> " + line for line in _EARLIER_EN.split("\n"))
    return f"{body}\n\n{head}{quoted}"


def quote_wrapped_header(body: str, lang: str, seed: str) -> str:
    """As ``quote_reply``, the header wrapped onto two lines as mail clients wrap it."""
    if lang == "ja":
        head = "2026年11月3日(月) 10:12 山田 花子\n<hanako@example.com>:\n"
        quoted = "\n".join("＞ " + line for line in _EARLIER_JA.split("\n"))
    else:
        head = "On Mon, 3 Nov 2026 at 10:12, Support Team\n<support@example.com> wrote:\n"
        quoted = "\n".join("> " + line for line in _EARLIER_EN.split("\n"))
    return f"{body}\n\n{head}{quoted}"


def quote_outlook(body: str, lang: str, seed: str) -> str:
    """The earlier message below an Outlook-style header block, its lines not marked."""
    if lang == "ja":
        head = (
            "-----Original Message-----\n差出人: 山田 花子 <hanako@example.com>\n"
            "送信日時: 2026年11月3日 10:12\n件名: 予約について\n\n"
        )
        return f"{body}\n\n{head}{_EARLIER_JA}"
    head = (
        "-----Original Message-----\nFrom: Support Team <support@example.com>\n"
        "Sent: Monday, 3 November 2026 10:12\nSubject: Your booking\n\n"
    )
    return f"{body}\n\n{head}{_EARLIER_EN}"


_SIGNATURE_EN = (
    "--\nJamie Park\nOperations Lead | Northgate Studio\nT: +44 20 7946 0000\n"
    "This email and any attachments are confidential and intended solely for the addressee. "
    "If you have received it in error, please notify the sender and delete it."
)
_SIGNATURE_JA = (
    "--\n株式会社ノースゲート 総務部\n山田 花子\nTEL: 03-1234-5678\n"
    "このメールには機密情報が含まれている場合があります。誤って受信された場合は、"
    "お手数ですが送信者にご連絡のうえ、削除してください。"
)


def signature(body: str, lang: str, seed: str) -> str:
    """A signature block after "--", with a confidentiality disclaimer that reads as a request."""
    return f"{body}\n\n{_SIGNATURE_JA if lang == 'ja' else _SIGNATURE_EN}"


def signature_plain(body: str, lang: str, seed: str) -> str:
    """A closing, name, company and disclaimer with no "--" line before them."""
    sig = (_SIGNATURE_JA if lang == "ja" else _SIGNATURE_EN).split("\n", 1)[1]
    closing = "よろしくお願いいたします。\n" if lang == "ja" else "Kind regards,\n"
    return f"{body}\n\n{closing}{sig}"


# A question sentence: what a customer would put as an item of a list.
_QUESTION_EN = re.compile(r"[^.!?\n]*\?+")
_QUESTION_JA = re.compile(r"[^。！？!?\n]*[？?]")


def numbered_list(body: str, lang: str, seed: str) -> str:
    """Two or more questions of one message put as a numbered list ("1) ... 2) ...")."""
    return _as_list(body, lang, lambda k: f"{k}) ")


def bulleted_list(body: str, lang: str, seed: str) -> str:
    """Two or more questions of one message put as a bulleted list ("- ...", 「・…」)."""
    return _as_list(body, lang, lambda k: "・" if lang == "ja" else "- ")


def _as_list(body: str, lang: str, marker: Callable[[int], str]) -> str:
    pattern = _QUESTION_JA if lang == "ja" else _QUESTION_EN
    found = [m for m in pattern.finditer(body) if m.group().strip()]
    if len(found) < 2:
        return body
    out, last = [], 0
    for k, m in enumerate(found, 1):
        out.append(body[last : m.start()].rstrip())
        out.append("\n" + marker(k) + m.group().strip() + "\n")
        last = m.end()
    out.append(body[last:].lstrip())
    return re.sub(r"\n{3,}", "\n\n", "".join(out)).strip()


def double_marks(body: str, lang: str, seed: str) -> str:
    """Questions typed with "??" (and a "?!" after the last): typed in a hurry."""
    body = re.sub(r"(?<![?？])[?？](?![?？!])", "??", body)
    return re.sub(r"\?\?(?=\s*$)", "?!", body)


def full_width_marks(body: str, lang: str, seed: str) -> str:
    """Question and exclamation marks swapped between half and full width (IME on or off)."""
    table = str.maketrans({"?": "？", "!": "！", "？": "?", "！": "!"})
    return body.translate(table)


def ja_no_period(body: str, lang: str, seed: str) -> str:
    """Japanese with no 。 at line ends (chat style), a 。 inside a line kept."""
    if lang != "ja":
        return body
    return re.sub(r"。+(?=\s*(?:\n|$))", "", body)


def ja_line_per_sentence(body: str, lang: str, seed: str) -> str:
    """Japanese with each 。 written as a line break: one sentence a line, no 。 at all."""
    if lang != "ja":
        return body
    return re.sub(r"\n{2,}", "\n", re.sub(r"。+\s*", "\n", body)).strip()


# polite -> more polite and back: the same ask in another register (longest forms first)
_POLITER_JA: tuple[tuple[str, str], ...] = (
    ("でしょうか", "でしょうか"),
    ("ていただけますか", "ていただけますでしょうか"),
    ("てもらえますか", "ていただけますでしょうか"),
    ("てください", "ていただけますでしょうか"),
    ("ですか", "でしょうか"),
    ("お願いします", "お願いいたします"),
)
_PLAINER_JA: tuple[tuple[str, str], ...] = (
    ("ていただけますでしょうか", "てもらえますか"),
    ("ていただけないでしょうか", "てもらえませんか"),
    ("でしょうか", "ですか"),
    ("いたします", "します"),
    ("ございます", "あります"),
)


def ja_politer(body: str, lang: str, seed: str) -> str:
    """Japanese asks in a politer register (ですか -> でしょうか, お願いします -> いたします)."""
    if lang != "ja":
        return body
    for plain, polite in _POLITER_JA:
        body = body.replace(plain, polite) if plain != polite else body
    return body


def ja_plainer(body: str, lang: str, seed: str) -> str:
    """Japanese asks in a plainer register (でしょうか -> ですか, いたします -> します)."""
    if lang != "ja":
        return body
    for polite, plain in _PLAINER_JA:
        body = body.replace(polite, plain)
    return body


REWRITES: dict[str, Callable[[str, str, str], str]] = {
    "hard_wrap": hard_wrap,
    "lowercase": lowercase,
    "drop_question_marks": drop_question_marks,
    "greeting_line": greeting_line,
    "greeting_inline": greeting_inline,
    "contract": contract,
    "expand": expand,
    "determiners": determiners,
    "label_punctuation": label_punctuation,
    "casual_ja": casual_ja,
    # stop 32: the forms real mail and chat take that in-house dev chats rarely have
    "split_sends": split_sends,
    "quote_reply": quote_reply,
    "quote_wrapped_header": quote_wrapped_header,
    "quote_outlook": quote_outlook,
    "signature": signature,
    "signature_plain": signature_plain,
    "numbered_list": numbered_list,
    "bulleted_list": bulleted_list,
    "double_marks": double_marks,
    "full_width_marks": full_width_marks,
    "ja_no_period": ja_no_period,
    "ja_line_per_sentence": ja_line_per_sentence,
    "ja_politer": ja_politer,
    "ja_plainer": ja_plainer,
}


# Checks read on a part of the chats only, by what the chat asks (one rewrite, two readings).
# split_sends on chats of two or more asks cuts the message between its matters, so the
# send boundary itself is weighed: a turn read as one text passes split_sends on one-matter
# chats by construction, but here it must keep the asks apart.
CHAT_FILTERS: dict[str, tuple[str, Callable[[dict[str, Any]], bool]]] = {
    "split_sends_two_asks": ("split_sends", lambda chat: len(chat["asks"]) >= 2),
}


def _one_message(chat: dict[str, Any]) -> str | None:
    """The chat's customer message when it is its only one and the last message, else ``None``."""
    said = [m for m in chat["messages"] if m["role"] == "customer"]
    last = chat["messages"][-1]
    return last["body"] if len(said) == 1 and last["role"] == "customer" else None


def two_matters_as_sends(chats: list[dict[str, Any]]) -> dict[str, Any]:
    """Two one-message dev chats sent as two sends of one turn: their asks add up.

    Chat A's message, then (as a second send of the same turn) the message of the next
    one-message chat B of the same language in file order: two customers' matters, from
    other domains, so neither send is about the other's. Only pairs where both chats are
    counted exactly as written are weighed; the pair stays exact when the turn gives
    asks(A) + asks(B). A fold across the send boundary (a report in A read as the context
    of B's question) shows here as a lost ask.
    """
    out: dict[str, Any] = {}
    for lang in sorted({c["language"] for c in chats}):
        single = [c for c in chats if c["language"] == lang and _one_message(c) is not None]
        row: dict[str, Any] = {"pairs": 0, "exact_before": 0, "stay_exact": 0, "broken": []}
        for a, b in zip(single, single[1:], strict=False):
            row["pairs"] += 1
            if _count(a, None) != len(a["asks"]) or _count(b, None) != len(b["asks"]):
                continue
            row["exact_before"] += 1
            bodies = (_one_message(a) or "", _one_message(b) or "")
            ctx = GuardrailContext(
                messages=(
                    *(Message(role=m["role"], body=m["body"]) for m in a["messages"][:-1]),
                    *(Message(role="customer", body=body) for body in bodies),
                ),
                customer_language=lang,
                draft_language=lang,
            )
            if len(extract_questions(ctx)) == len(a["asks"]) + len(b["asks"]):
                row["stay_exact"] += 1
            else:
                row["broken"].append(f"{a['id']}+{b['id']}")
        before = row["exact_before"]
        row["stay_rate"] = round(row["stay_exact"] / before, 4) if before else None
        out[lang] = row
    return out


def _count(chat: dict[str, Any], rewrite: Callable[[str, str, str], str] | None) -> int:
    lang = chat["language"]
    messages = tuple(
        Message(role=m["role"], body=part)
        for m in chat["messages"]
        for part in (
            rewrite(m["body"], lang, chat["id"]).split(SEND_BREAK)
            if rewrite and m["role"] == "customer"
            else [m["body"]]
        )
    )
    ctx = GuardrailContext(messages=messages, customer_language=lang, draft_language=lang)
    return len(extract_questions(ctx))


def _changes(chat: dict[str, Any], rewrite: Callable[[str, str, str], str]) -> bool:
    return any(
        rewrite(m["body"], chat["language"], chat["id"]) != m["body"]
        for m in chat["messages"]
        if m["role"] == "customer"
    )


def run(only: str | None = None) -> dict[str, Any]:
    """Per rewrite and language: applicable chats, exact as written, still exact rewritten."""
    chats = dev_chats()
    base = {c["id"]: _count(c, None) == len(c["asks"]) for c in chats}
    out: dict[str, Any] = {}
    checks: list[
        tuple[str, Callable[[str, str, str], str], Callable[[dict[str, Any]], bool] | None]
    ] = [(name, rewrite, None) for name, rewrite in REWRITES.items()]
    checks += [(name, REWRITES[of], keep) for name, (of, keep) in CHAT_FILTERS.items()]
    for name, rewrite, keep in checks:
        if only and name != only:
            continue
        per_lang: dict[str, dict[str, Any]] = {}
        for chat in chats:
            if not _changes(chat, rewrite) or (keep is not None and not keep(chat)):
                continue
            row = per_lang.setdefault(
                chat["language"],
                {"applicable": 0, "exact_before": 0, "stay_exact": 0, "newly_exact": 0},
            )
            row.setdefault("broken", [])
            row["applicable"] += 1
            exact = _count(chat, rewrite) == len(chat["asks"])
            if base[chat["id"]]:
                row["exact_before"] += 1
                row["stay_exact"] += exact
                if not exact:
                    row["broken"].append(chat["id"])
            else:
                row["newly_exact"] += exact
        for row in per_lang.values():
            before = row["exact_before"]
            row["stay_rate"] = round(row["stay_exact"] / before, 4) if before else None
        out[name] = dict(sorted(per_lang.items()))
    langs = sorted({c["language"] for c in chats})
    pairs = two_matters_as_sends(chats) if not only or only == "two_matters_as_sends" else {}
    return {
        "code": _commit(),
        "dev_sets": ["asks_chats.yaml (dev half)"]
        + [p.name for p in (*DEV_FILES, *(p for p in _OPTIONAL if p.exists()), *PROBE_FILES)],
        "chats": {lang: sum(c["language"] == lang for c in chats) for lang in langs},
        "exact_as_written": {
            lang: sum(base[c["id"]] for c in chats if c["language"] == lang) for lang in langs
        },
        "rewrites": out,
        "two_matters_as_sends": pairs,
    }


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _table(result: dict[str, Any]) -> str:
    rows = [
        f"code {result['code']}; chats {result['chats']}; exact as written "
        f"{result['exact_as_written']}",
        "",
        "| rewrite | lang | applicable | exact before | stay exact | rate | newly exact |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, per_lang in result["rewrites"].items():
        for lang, r in per_lang.items():
            rows.append(
                f"| {name} | {lang} | {r['applicable']} | {r['exact_before']} | "
                f"{r['stay_exact']} | {r['stay_rate']} | {r['newly_exact']} |"
            )
    for lang, r in result.get("two_matters_as_sends", {}).items():
        rows.append(
            f"| two_matters_as_sends | {lang} | {r['pairs']} | {r['exact_before']} | "
            f"{r['stay_exact']} | {r['stay_rate']} | - |"
        )
    return "\n".join(rows)


def main() -> None:
    """Run every rewrite on the dev chats, write the JSON, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="one rewrite by name (the JSON is not written)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON goes")
    parser.add_argument("--show", action="store_true", help="print the broken chats' ids")
    args = parser.parse_args()
    result = run(args.only)
    if not args.only:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    print(_table(result))
    if args.show:
        for name, per_lang in result["rewrites"].items():
            for lang, r in per_lang.items():
                if r["broken"]:
                    print(name, lang, " ".join(r["broken"]))
        for lang, r in result.get("two_matters_as_sends", {}).items():
            if r["broken"]:
                print("two_matters_as_sends", lang, " ".join(r["broken"]))


if __name__ == "__main__":
    main()

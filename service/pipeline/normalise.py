"""Thread normalisation: HTML to text, quoted history and signatures stripped."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from guardrails.mail_headers import FORWARD_HEADER, is_postscript

_HTML_HINT = re.compile(r"<(html|body|div|p|br|span|table|blockquote|a)\b", re.IGNORECASE)
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table", "ul", "ol"})

# Lines that start quoted history: everything from here on is an earlier message.
_QUOTE_HEADERS = (
    re.compile(r"^\s*On .{1,200} wrote:\s*$", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*Original Message\s*-{2,}\s*$", re.IGNORECASE),
    FORWARD_HEADER,  # one source with the ask extraction ("Begin forwarded message:", 転送)
    re.compile(r"^\s*From:\s.+$"),
    re.compile(r"^\s*\d{4}[/年-]\d{1,2}[/月-]\d{1,2}.{0,60}(wrote|書きました|のメール)[:：]?\s*$"),
    re.compile(r"^\s*-{3,}\s*元のメッセージ\s*-{3,}\s*$"),
)
_SIGNATURE_START = (
    re.compile(r"^--\s*$"),
    re.compile(r"^_{3,}\s*$"),
    re.compile(r"^Sent from my \w+", re.IGNORECASE),
    re.compile(
        r"^(Best( regards)?|Kind regards|Regards|Thanks|Thank you|Cheers|Sincerely),?\s*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(よろしくお願い(いた)?します|以上、?よろしくお願い(いた|申し上げ)?(します|ます))。?\s*$"
    ),
)


@dataclass(frozen=True)
class NormalisedMessage:
    """A message body with quoted history and signature separated out."""

    body: str
    signature: str | None
    quoted: str | None = None  # the quoted lines and history that were cut from the body


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "blockquote"):
            self._skip += 1  # blockquote is quoted history in HTML mail
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "blockquote"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(text: str) -> str:
    """Return plain text for an HTML body (unchanged if it does not look like HTML)."""
    if not _HTML_HINT.search(text):
        return text
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    joined = html.unescape("".join(parser.parts))
    return re.sub(r"\n[ \t]*\n(\s*\n)+", "\n\n", joined)


def _cut_quotes(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines to keep and the quoted lines/history cut from them."""
    kept: list[str] = []
    cut: list[str] = []
    for index, line in enumerate(lines):
        if any(p.match(line) for p in _QUOTE_HEADERS):
            cut.extend(lines[index:])
            break
        if line.lstrip().startswith(">"):
            cut.append(line.lstrip()[1:].lstrip())
            continue
        kept.append(line)
    return kept, cut


def _split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    # Search from the end so a "Thanks," in the middle of the text is not taken as a signature.
    for index in range(len(lines) - 1, -1, -1):
        if any(p.match(lines[index].strip()) for p in _SIGNATURE_START):
            tail = lines[index:]
            if len(tail) <= 8:
                # "Thanks,⏎Jo⏎P.S. can you ship to Leeds?": the postscript is the customer
                # writing on below their name (the same ``is_postscript`` the ask extraction
                # reads; "Thanks,⏎P S Kumar" is a name)
                ps = next((k for k, line in enumerate(tail) if is_postscript(line)), None)
                if ps is not None:
                    return lines[:index] + tail[ps:], tail[:ps]
                return lines[:index], tail
    return lines, []


def normalise_body(raw: str) -> NormalisedMessage:
    """Strip HTML, quoted replies and the signature from one message body."""
    text = html_to_text(raw).replace("\r\n", "\n").replace("\r", "\n")
    lines, cut = _cut_quotes(text.split("\n"))
    body_lines, signature_lines = _split_signature(lines)
    body = "\n".join(body_lines).strip()
    signature = "\n".join(signature_lines).strip() or None
    quoted = "\n".join(cut).strip() or None
    return NormalisedMessage(body=body or text.strip(), signature=signature, quoted=quoted)

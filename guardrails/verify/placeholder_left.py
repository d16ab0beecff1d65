"""``placeholder_left`` (block): template residue that must never reach a customer.

Every variant people and models leave behind: our own masking placeholders in any case,
spacing or bracket (``<PERSON_1>``, ``<person 3>``, ``< Person_1 >``, ``[EMAIL_ADDRESS_2]``),
helpdesk and mail-merge tags (``{{ticket.requester.first_name}}``, ``{%customer.firstName%}``,
``%customer.firstName%``, ``{$customer_firstname}``, ``[% Data.Name %]``, ``*|FNAME|*``,
``%FIRST_NAME%``), single-brace names (``{name}``, ``{name}様``, ``{氏名}``),
bracketed labels (``[NAME]``, ``[Customer Name]``, ``【お客様名】``, ``＜お名前＞``, ``○○様``)
and notes to self (TODO, XX.XX).

Ordinary braces are not residue: code spans and fenced code blocks, URL templates, CSS and
JSON hold braces for a reason, a Markdown link is ``[text](url)``, and 【ご注文番号】4821 is a
label followed by its value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext
from guardrails.pii.entities import ENTITY_NOUNS

# The masker's entity types ("EMAIL_ADDRESS"), matched in any case with any separator.
_TYPES = "|".join(sorted((t.replace("_", r"[\s_-]*") for t in ENTITY_NOUNS), key=len, reverse=True))
# Words of a field label: "[Customer Name]", "<first name>", "[order number]".
_LABEL_WORDS = (
    r"(?:(?:customer|client|first|last|full|given|family|your|agent|company|order|ticket|"
    r"insert|recipient|user)[\s_-]*)*(?:name|e-?mail|phone|number|date|link|url|amount|address|id)"
)
_JA_LABEL = r"(?:名|名前|番号|日付|URL|金額|氏名|住所|メールアドレス|電話番号)"
_OPEN = r"[<\[{(＜［（]"
# A bracketed label followed by a UI word names a field or button ("the [Order number] field").
_UI_NAME = r"\s*(?:field|box|button|column|tab|menu)\b|欄|ボタン|画面|タブ|メニュー|フィールド|項目"
_HTML = "DIV|SPAN|BODY|HTML|HEAD|TABLE|TBODY|THEAD|CENTER|FONT|STRONG|BR|HR|LI|UL|OL|TR|TD|TH|IMG"
_CLOSE = r"[>\]})＞］）]"
# Helpdesk macro tags beyond the common ones below: dotted percent tags (%customer.firstName%),
# LiveAgent {$customer_firstname}, Zoho ${Contacts.First Name}, Znuny/Template Toolkit
# [% Data.Name %], and {{name}} typed with full-width braces.
_HELPDESK_TAGS = (
    r"|%[A-Za-z]\w*(?:\.\w+)+%|\{\$[A-Za-z_][\w.]{0,40}\}|\$\{[A-Za-z_][\w. ]{0,40}\}"
    r"|\[%[^%\n]{1,60}%\]|｛｛[^｛｝\n]{1,60}｝｝"
)
# Residue wherever it is, code included: our placeholders and template-engine tags.
ALWAYS = re.compile(
    # <PERSON_1>, < person 1 >, (EMAIL_ADDRESS 2)
    rf"{_OPEN}\s*(?:{_TYPES})(?:[\s_-]*\d+)\s*{_CLOSE}"
    rf"|<\s*(?:{_TYPES})\s*>"  # <PERSON>
    r"|<\s*[A-Za-z]+(?:[\s_-][A-Za-z]+)*[\s_-]+\d+\s*>"  # <ORDER_ID_3>: an unknown numbered tag
    r"|\{\{\s*[^{}\s][^{}\n]{0,60}\}\}|\{%[^%\n]{1,60}%\}"  # {{name}}, {% x %}
    r"|\$\{[A-Za-z_][\w.]*\}|\{![\w.]{1,40}\}"  # ${x}, {!Contact.FirstName}
    r"|\$[A-Za-z]+(?:_[A-Za-z]+)+\b|<<\s*[A-Za-z_][\w.]{0,40}\s*>>"  # $first_name, <<FirstName>>
    r"|\*\|[A-Z0-9_]{2,30}\|\*|%[A-Z][A-Z0-9_]{2,30}%" + _HELPDESK_TAGS,  # *|FNAME|*, %FIRST_NAME%
    re.IGNORECASE,
)
# Residue in prose (not inside code, URLs or Markdown links).
PROSE = re.compile(
    r"\{\s*[^\W\d][\w.]{0,40}\s*\}"  # {name}, {first_name}, {氏名}
    rf"|<\s*(?i:{_LABEL_WORDS})\s*>"  # <first name>, <Customer Name>
    # [CUSTOMER NAME], [Your Name], [insert date], [name], [お客様名]: a label, not a link.
    r"|[\[［](?:[A-Z][A-Z0-9 _/-]{1,40}|(?:[Ii]nsert|[Yy]our|[Cc]ustomer|[Aa]gent)\b[^\]\n]{0,40}"
    rf"|[A-Z][a-z]+(?: [A-Z][a-z]+)* (?:Name|Number|Date|Link|URL|Email|Amount)|(?i:{_LABEL_WORDS})"
    rf"|[^\]］\n]{{0,15}}{_JA_LABEL})[\]］](?!\(|{_UI_NAME})"
    # 【お客様名】 (but 【ご注文番号】4821 is a label with its value)
    rf"|【[^】\n]{{0,15}}{_JA_LABEL}[^】\n]{{0,5}}】"
    r"(?=[ \t　]*(?:$|\n|様|さん|宛|へ|に|を|が|は|の|です|。|、))"
    r"|＜[^＞\n]{1,20}＞"  # ＜氏名＞
    # A bare field name in capitals ("Hi NAME,") or an upper-case tag that is not HTML.
    r"|\b(?:(?:FIRST|LAST|FULL|CUSTOMER|CLIENT|AGENT)[ _]?)?NAME\b"
    rf"|<\s*(?!(?:{_HTML})\s*>)[A-Z][A-Z_]{{2,30}}\s*>"
    r"|[○〇◯●×✕]{2,}"  # ○○様, ××円
    r"|\bX{2,}(?:[.,]X+)?\b|\bTODO\b|\bTBD\b|\bFIXME\b",
    re.MULTILINE,
)
_CODE = re.compile(r"```.*?(?:```|\Z)|`[^`\n]+`", re.DOTALL)
_URL_TOKEN = re.compile(r"\S*://\S*|(?<!\S)/[\w/{}.-]+")


def _protected(text: str) -> list[tuple[int, int]]:
    """Code spans, fenced blocks and URL tokens: braces there are not template residue."""
    spans = [(m.start(), m.end()) for m in _CODE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _URL_TOKEN.finditer(text)]
    return spans


def placeholder_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of every placeholder left in ``text`` (also used by the PII guardrails)."""
    protected: list[tuple[int, int]] | None = None
    taken: list[tuple[int, int]] = []
    for m in ALWAYS.finditer(text):
        taken.append((m.start(), m.end()))
        yield m.start(), m.end()
    for m in PROSE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        protected = _protected(text) if protected is None else protected
        if any(s <= m.start() < e for s, e in protected):
            continue
        yield m.start(), m.end()


class PlaceholderLeft(GuardrailBase):
    """Flags template placeholders left in the draft."""

    code: ClassVar[FlagCode] = "placeholder_left"
    severity: ClassVar[Severity] = "block"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one block finding per placeholder."""
        return [
            self.finding(
                message=f"Template placeholder left in the draft: {draft[start:end]!s}",
                span=Span(start=start, end=end),
                evidence=draft[start:end],
            )
            for start, end in sorted(placeholder_spans(draft))
        ]

"""``tone`` (verify): the reply's temperature follows the customer's (DIGEST, articles 000/003/004).

- An upset customer (the shared mood reading, ``guardrails.text.mood.seems_upset``) gets an
  apology that names the matter (it shares a content word with what they wrote), then a next
  step.
- A refusal is softened: "This coupon has expired" -> "It looks like this coupon's validity
  period has passed"; "We can't refund" -> "I'm afraid we're unable to refund"; 「できません」
  -> 「いたしかねます」 (found from Sudachi: 出来る + ません, not in a question).
- No blame on the customer ("you failed to", "as I already said", 「何度も申し上げた通り」).

Refusals and blame are looked for in our own words only: the customer's words quoted in the
draft (「ログインできません」, "> I can't log in", "you said ...") are skipped
(``quotes.quoted_spans``).
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext
from guardrails.practice.morphemes import Morpheme, morphemes
from guardrails.practice.quotes import is_quoted, quoted_spans
from guardrails.sentences import Sentence, split_sentences
from guardrails.terms import content_terms
from guardrails.text.mood import seems_upset
from guardrails.text.negation import EN_CANNOT, asks_after_negative, unable_to

_APOLOGY = {
    "en": re.compile(r"\b(?:sorry|apologi[sz]e|apologies|regret)\b", re.IGNORECASE),
    "ja": re.compile(r"申し訳|お詫び|ご迷惑|ご不便|ご心配|失礼いたしました"),
}
_NEXT_STEP = {
    "en": re.compile(
        r"\b(?:I'll|I will|we'll|we will|we've|I've|I'm|we're|let me|please|you can|you'll|"
        r"here's|here is|go to|open|click|follow|within|next|once|as soon as|reply|"
        r"to (?:do|fix|get|change|cancel|download|connect)|steps?)\b",
        re.IGNORECASE,
    ),
    "ja": re.compile(
        r"いたします|いたしました|ください|いただけます|できます|ご確認|お手続き|手順|ご案内|"
        r"お知らせ|ご連絡|させていただ|しております|お送り|返金|対応"
    ),
}
_SOFTENER = {
    "en": re.compile(
        r"\b(?:I'm afraid|I am afraid|it looks like|it seems|sorry|apologi|unfortunately|"
        r"regrett?|I understand|unable|while|however|instead|but we can|but I can)",
        re.IGNORECASE,
    ),
    "ja": re.compile(r"あいにく|恐れ入り|申し訳|残念ながら|恐縮|心苦しい|お詫び|大変恐縮|ようです"),
}
_EXPIRED_EN = re.compile(
    r"\b(this|that|the|your)\s+((?:[\w-]+\s+){0,2}?(?:coupon|code|offer|voucher|discount|link|"
    r"trial|warranty|deal|promotion|gift card|card|subscription|quote))\s+"
    r"(?:has|had)\s+(?:expired|ended)\b",
    re.IGNORECASE,
)
_CANNOT_EN = re.compile(
    rf"\b(we|I)\s+(?:{EN_CANNOT}|won't|will not|do not|don't|refuse to)\s+"
    r"(?=(?:refund|accept|offer|give|provide|allow|issue|extend|"
    r"process|make|do|change|cancel|reverse|reinstate|restore|honou?r|support|help|return|"
    r"exchange|replace|waive|apply|send)\b)",
    re.IGNORECASE,
)
_FLAT_NO_EN = re.compile(
    r"\b(?:(?:that|this|it)(?:'s| is) not possible|(?:is|are) not (?:allowed|permitted|eligible)"
    r"|no refunds?(?: will be given)?|that's (?:our|the) policy)\b",
    re.IGNORECASE,
)
_EXPIRED_JA = re.compile(
    r"(?:有効)?期限(?:が|は)?切れ(?:ております|ています|ました|です)|期限切れ(?:です|となっております)"
)
_BLAME = {
    "en": re.compile(
        r"\byou (?:failed|neglected|forgot) to\b|\bas I (?:already |previously |have )?"
        r"(?:said|mentioned|explained|told you|stated)\b|\bas (?:previously|already) "
        r"(?:said|stated|mentioned|explained)\b|\byou should have\b|\bif you had "
        r"(?:read|followed|checked)\b|\byou (?:didn't|did not) (?:read|follow|check)\b|"
        r"\byour (?:fault|mistake|own error)\b|\byou must have (?:entered|typed|made)\b|"
        r"\bas clearly stated\b|\bagain,? (?:you need|you must|please read)\b",
        re.IGNORECASE,
    ),
    "ja": re.compile(
        r"(?:先ほど|前回|以前)も(?:申し上げ|お伝え|ご説明|ご案内)[^。]{0,6}(?:通り|とおり)|"
        r"何度も(?:申し上げ|お伝え|ご説明|ご案内)|再三|繰り返し(?:申し上げ|お伝え)|"
        r"お客様の(?:操作|入力|設定)?(?:ミス|不注意|責任|落ち度)|"
        r"ご確認いただいていない|お読みいただければ(?:分かる|わかる)"
    ),
}


def _lang(ctx: GuardrailContext) -> str:
    return "ja" if ctx.draft_language == "ja" else "en"


def _names_the_matter(sentences: list[Sentence], index: int, matter: set[str]) -> bool:
    """The apology (or a sentence beside it) shares a content word with the customer's text."""
    near = sentences[max(0, index - 1) : index + 2]
    return any(content_terms(s.text) & matter for s in near)


def _apology_findings(
    guard: GuardrailBase, draft: str, ctx: GuardrailContext, lang: str
) -> list[Finding]:
    latest = "\n".join(m.body for m in ctx.latest_customer_turn)
    if not latest.strip() or not seems_upset(latest, ctx.customer_language):
        return []
    sentences = split_sentences(draft)
    apology = next((i for i, s in enumerate(sentences) if _APOLOGY[lang].search(s.text)), None)
    if apology is None:
        return [
            guard.finding(
                message="The customer is upset and the draft does not apologise for the matter.",
                evidence="no_apology",
            )
        ]
    found = []
    matter = content_terms(latest + "\n" + (ctx.subject or ""))
    sentence = sentences[apology]
    if not _names_the_matter(sentences, apology, matter):
        found.append(
            guard.finding(
                message="The apology is generic; name the customer's problem in it.",
                span=Span(start=sentence.start, end=sentence.end),
                evidence="generic_apology",
            )
        )
    if not any(_NEXT_STEP[lang].search(s.text) for s in sentences[apology + 1 :]):
        found.append(
            guard.finding(
                message="After the apology, the draft gives no next step.",
                span=Span(start=sentence.start, end=sentence.end),
                evidence="no_next_step",
            )
        )
    return found


def _english_refusals(draft: str, sentence: Sentence) -> list[tuple[int, int, str | None]]:
    found: list[tuple[int, int, str | None]] = []
    for match in _EXPIRED_EN.finditer(draft, sentence.start, sentence.end):
        owner = f"{match.group(1).lower()} {match.group(2)}"
        fix = f"it looks like {owner}'s validity period has passed"
        if match.start() == sentence.start:
            fix = fix[0].upper() + fix[1:]
        found.append((match.start(), match.end(), fix))
    for match in _CANNOT_EN.finditer(draft, sentence.start, sentence.end):
        fix = unable_to(match.group(1))
        if match.start() != sentence.start:
            fix = fix[0].lower() + fix[1:]
        found.append((match.start(), match.end(), fix))
    for match in _FLAT_NO_EN.finditer(draft, sentence.start, sentence.end):
        found.append((match.start(), match.end(), None))
    return found


def _cannot_ja(ms: tuple[Morpheme, ...], sentence: Sentence) -> list[tuple[int, int, str | None]]:
    """出来る + ませ + ん as a statement (not "できませんでしょうか"), with its polite form."""
    inside = [m for m in ms if sentence.start <= m.start and m.end <= sentence.end]
    found: list[tuple[int, int, str | None]] = []
    for i in range(len(inside) - 2):
        can, masu, nu = inside[i : i + 3]
        if not (
            can.normalized_form == "出来る"
            and masu.dictionary_form == "ます"
            and nu.dictionary_form == "ぬ"
        ):
            continue
        rest = "".join(m.surface for m in inside[i + 3 : i + 6])
        if asks_after_negative(rest):
            continue  # a question ("できませんでしょうか"), not a refusal
        honorific_object = i >= 2 and inside[i - 2].pos[0] == "接頭辞"
        fix = "いただけません" if honorific_object else "いたしかねます"
        found.append((can.start, nu.end, fix))
    return found


def _refusal_findings(guard: GuardrailBase, draft: str, lang: str) -> list[Finding]:
    found = []
    quoted = quoted_spans(draft)
    ms = morphemes(draft) if lang == "ja" else ()
    for sentence in split_sentences(draft):
        if _SOFTENER[lang].search(sentence.text):
            continue
        if lang == "ja":
            spans = _cannot_ja(ms, sentence)
            spans += [
                (m.start(), m.end(), "有効期限が過ぎているようです")
                for m in _EXPIRED_JA.finditer(draft, sentence.start, sentence.end)
            ]
        else:
            spans = _english_refusals(draft, sentence)
        for start, end, fix in spans:
            if is_quoted(quoted, start, end):
                continue  # the customer's own words, quoted
            found.append(
                guard.finding(
                    message="A blunt refusal; soften it and offer what you can do.",
                    span=Span(start=start, end=end),
                    evidence="blunt_refusal",
                    suggestion=fix,
                )
            )
    return found


class Tone(GuardrailBase):
    """``tone``: apology and next step for an upset customer, soft refusals, no blame."""

    code: ClassVar[FlagCode] = "tone"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Findings for a missing/generic apology, a blunt refusal and blame, with spans."""
        lang = _lang(ctx)
        found = _apology_findings(self, draft, ctx, lang)
        found += _refusal_findings(self, draft, lang)
        quoted = quoted_spans(draft)
        found += [
            self.finding(
                message="The draft blames the customer; say what happened and what to do next.",
                span=Span(start=m.start(), end=m.end()),
                evidence="blame",
            )
            for m in _BLAME[lang].finditer(draft)
            if not is_quoted(quoted, m.start(), m.end())
        ]
        return found

"""Softening the refusals the offline drafter copies from KB articles (DIGEST: tone).

A help article may state a rule flatly (「プラン変更はできません」, "Refunds are not possible
after 30 days"); said to a customer, that reads as a blunt no. The drafter keeps the fact and
softens the wording: 「…変更はいたしかねます」, "It looks like refunds aren't possible after
30 days". The customer's own words, restated in quotes, keep their meaning but not the polite
negative: 「ログインできません」 -> 「ログインできない」件.
"""

from __future__ import annotations

import re

from guardrails.language import KANJI
from guardrails.text.negation import EN_CANNOT, JA_ASKING_TAIL_RE, unable_to

# 「変更はできません」「返金もできません」「変更できません」: our refusal, polite form. A
# kana before できません ("ログインできません") is more often what the customer cannot do.
_JA_REFUSAL = re.compile(f"(?<=[はも{KANJI}])できません(?!(?:{JA_ASKING_TAIL_RE}))")
_EN_CANNOT = re.compile(rf"\b(We|we|I)\s+{EN_CANNOT}\s+")
_EN_NOT_POSSIBLE = re.compile(
    r"^(?P<subject>[A-Z][^.?!]*?)\s+(?:is|are) not (?P<what>possible|allowed|permitted)\b"
)


def soften_ja(sentence: str) -> str:
    """「…はできません」 -> 「…はいたしかねます」 in a copied KB sentence."""
    return _JA_REFUSAL.sub("いたしかねます", sentence)


def soften_en(sentence: str) -> str:
    """Soften "We cannot …" to "I'm afraid we're unable to …", "X is not possible" likewise."""
    softened = _EN_CANNOT.sub(lambda match: unable_to(match.group(1)), sentence)
    match = _EN_NOT_POSSIBLE.match(softened)
    if match:
        subject = match.group("subject")
        if not subject.isupper() and not subject[1:2].isupper():
            subject = subject[:1].lower() + subject[1:]
        verb = "isn't" if re.search(r"\bis not\b", match.group(0)) else "aren't"
        rest = softened[match.end() :]
        softened = f"It looks like {subject} {verb} {match.group('what')}{rest}"
    return softened


def soften(sentence: str, language: str) -> str:
    """Return the copied sentence with its refusal softened (unchanged if it has none)."""
    return soften_ja(sentence) if language == "ja" else soften_en(sentence)


def plain_negative_ja(quote: str) -> str:
    """The customer's 「…できません」 restated in plain form, 「…できない」 (not our refusal)."""
    return re.sub(r"できません$", "できない", quote)

"""``commitment`` (verify): a promise the company must keep (refund, credit, deadline...).

A deadline is a promise about an outcome ("we'll ship the replacement by Friday", 「3営業日以内に
返金いたします」). A time frame for our own follow-up reply on something still being checked
("We will reply within 2 business days", 「2営業日以内にご連絡いたします」) is the cushion the
support guides recommend, not a promise of an outcome, so it is not flagged.
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext
from guardrails.follow_up import DEADLINE as _DEADLINE
from guardrails.follow_up import is_follow_up_time_frame

_WE = r"(?:we|i)(?:'ll|'re\s+going\s+to|\s+will|\s+shall|\s+are\s+going\s+to|\s+am\s+going\s+to)"
_BENEFIT = (
    r"(?:refund|reimburse|credit|compensat|discount|replac|waive|send\s+(?:you\s+)?(?:a\s+)?"
    r"(?:new|replacement|free|another)|give\s+you\s+(?:a\s+)?(?:\d+%|free|full|partial|credit|discount)"
    r"|cover\s+the\s+cost|reship|re-ship|issue\s+(?:you\s+)?(?:a\s+)?(?:full\s+|partial\s+)?"
    r"(?:refund|credit|voucher|coupon))"
)
# "We'll check your refund" looks into a benefit; it does not promise one.
_LOOK_INTO = r"(?:check|look|investigat|review|confirm|verif|ask|see|discuss|escalat|pass|forward)"
COMMITMENT = re.compile(
    rf"\b{_WE}\s+(?!{_LOOK_INTO}\w*\b)(?:\w+\s+){{0,2}}?{_BENEFIT}\w*"
    rf"|\byou(?:'ll|\s+will)\s+(?:\w+\s+){{0,2}}?(?:receive|get|be\s+(?:refunded|credited|"
    rf"reimbursed|compensated))\s+(?:a\s+|an\s+|your\s+)?(?:full\s+|partial\s+)?"
    rf"(?:refund|credit|replacement|discount|compensation|voucher|coupon|\d+%|reimburs\w*)"
    rf"|\b(?:i|we)\s+(?:guarantee|promise)\b"
    rf"|\b{_WE}\s+(?:\w+\s+){{0,4}}?(?:ship|deliver|fix|resolve|reply|respond|get\s+back|"
    rf"contact|call|email|update|send|process|refund|credit|replac|restor|reactivat|complet|"
    rf"cancel|waive)\w*\b[^.!?\n]{{0,40}}?\b{_DEADLINE}\b"
    rf"|返金(?:いた|致|させていただ|し)(?:します|ます|しました)|ご返金(?:いた|致)します"
    rf"|(?:交換|代替品|新品|補償|割引|値引|減額)[^。\n]{{0,12}}?(?:いた|致|させていただ|し)(?:します|ます)"
    rf"|(?:クーポン|ポイント|返金|代替品|新しい商品)[^。\n]{{0,12}}?(?:お送り|付与|発行|お届け)"
    rf"(?:いた|致|させていただ|し)(?:します|ます)"
    rf"|(?:\d+|[０-９]+|本日|明日|今週|来週|月末)[^。\n]{{0,12}}?(?:まで|以内)に[^。\n]{{0,20}}?"
    rf"(?:いた|致|させていただ)します"
    rf"|保証いたします|お約束(?:いた|致)します",
    re.IGNORECASE,
)
# "We cannot refund", "返金はいたしかねます": a refusal is not a promise.
NEGATION = re.compile(
    r"\b(?:not|cannot|can't|won't|unable|no\s+longer)\b|かねます|できません|いたしません",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.!?。！？\n]")


class Commitment(GuardrailBase):
    """Flags promises of refunds, credits, replacements, discounts and deadlines."""

    code: ClassVar[FlagCode] = "commitment"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one verify finding per promise."""
        findings = []
        for m in COMMITMENT.finditer(draft):
            clause_start = max(
                (b.end() for b in _CLAUSE_BREAK.finditer(draft, 0, m.start())), default=0
            )
            if NEGATION.search(draft, clause_start, m.end()) or is_follow_up_time_frame(m.group()):
                continue
            findings.append(
                self.finding(
                    message=f'Promise to the customer; check it is authorised: "{m.group()}"',
                    span=Span(start=m.start(), end=m.end()),
                    evidence=m.group(),
                )
            )
        return findings

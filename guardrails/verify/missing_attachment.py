"""``missing_attachment`` (verify): the draft says something is attached but nothing is."""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import GuardrailContext

# The agent's own attaching, not a request that the customer attach something.
ATTACHED = re.compile(
    r"\b(?:(?:i|we)(?:'ve| have)?\s+(?:also\s+)?"
    r"(?:attached|enclosed|included\s+(?:a|the)\s+\w+\s+as\s+an\s+attachment)"
    r"|(?:i|we)(?:'m|\s+am|'re|\s+are)\s+attaching|please\s+(?:find|see)\s+(?:\w+\s+)?(?:attached|enclosed)"
    r"|(?:see|check|open)\s+the\s+attached|the\s+attached\s+\w+|attached\s+(?:is|are|you'?ll\s+find|here)"
    r"|(?:is|are)\s+attached(?:\s+to\s+this\s+(?:email|message|reply))?\b|in\s+the\s+attachment)"
    r"|添付(?:いた|致)しま|添付しま|添付して(?:おり|お送り)|添付の(?!上)|添付ファイル(?:を|に|の)|"
    r"添付(?:資料|画像)|添付をご|同封",
    re.IGNORECASE,
)
# "Please attach…", "添付してください": the customer is asked to attach, so no file is owed.
CUSTOMER_ATTACHES = re.compile(
    r"(?:please|could\s+you|can\s+you|you\s+can)\s+(?:also\s+|simply\s+|just\s+)?attach(?!ed)|添付して(?:ください|下さい|いただ|頂)|"
    r"ご添付",
    re.IGNORECASE,
)


class MissingAttachment(GuardrailBase):
    """Flags claims of an attachment when the request lists no attachments."""

    code: ClassVar[FlagCode] = "missing_attachment"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one finding per attachment claim when ``attachments`` is empty."""
        if ctx.attachments:
            return []
        findings = []
        for m in ATTACHED.finditer(draft):
            line_start = draft.rfind("\n", 0, m.start()) + 1
            if CUSTOMER_ATTACHES.search(draft, line_start, m.end()):
                continue
            findings.append(
                self.finding(
                    message="The draft says a file is attached, but nothing is attached.",
                    span=Span(start=m.start(), end=m.end()),
                    evidence=m.group(),
                )
            )
        return findings[:1]  # one file is missing, however often the draft mentions it

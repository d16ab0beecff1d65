"""What replydraft leaves in the helpdesk: the draft, a short checklist of its flags, a link."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

from service.models import DraftReport

# Most urgent first; the counts read like "block: 1 item, verify: 2 items".
_SEVERITY_ORDER = ("block", "verify", "warn", "info")


@dataclass(frozen=True)
class Note:
    """The note or draft body, as plain text and as HTML (vendors differ in what they take)."""

    text: str
    html: str


def review_url(public_url: str, draft_id: str) -> str:
    """The review page's address for one draft."""
    return f"{public_url.rstrip('/')}/?draft={draft_id}"


def checklist(report: DraftReport) -> list[str]:
    """One line per severity with flags: ``verify: 2 items (stale_article, order_number)``."""
    counts = Counter(f.severity for f in report.flags)
    lines = []
    for severity in sorted(counts, key=lambda s: (_SEVERITY_ORDER + (s,)).index(s)):
        codes = sorted({f.code for f in report.flags if f.severity == severity})
        n = counts[severity]
        lines.append(f"{severity}: {n} item{'s' if n != 1 else ''} ({', '.join(codes)})")
    return lines


def render_note(report: DraftReport, link: str) -> Note:
    """The note for ``report``: a header saying it was not sent, the checklist, then the draft."""
    items = checklist(report) or ["no flags"]
    header = "replydraft draft (not sent to the customer). Review: " + link
    text = "\n".join([header, "", "Check before sending:", *[f"- {i}" for i in items], "", "---"])
    text += "\n" + report.body
    body_html = "<br>".join(html.escape(line) for line in report.body.split("\n"))
    list_html = "".join(f"<li>{html.escape(i)}</li>" for i in items)
    markup = (
        f'<p>replydraft draft (not sent to the customer). <a href="{html.escape(link)}">'
        f"Review</a></p><p>Check before sending:</p><ul>{list_html}</ul><hr><p>{body_html}</p>"
    )
    return Note(text=text, html=markup)

from service.helpdesk.note import checklist, render_note, review_url
from service.models import DraftReport, Flag


def _report(*flags: Flag) -> DraftReport:
    return DraftReport(
        draft_id="d_1",
        body="Hi Maria,\n\nRefund <sent>.",
        language="en",
        model="offline",
        flags=list(flags),
    )


def test_checklist_counts_by_severity_most_urgent_first() -> None:
    report = _report(
        Flag(code="stale_article", severity="verify", message="m"),
        Flag(code="order_number", severity="verify", message="m"),
        Flag(code="pii_leak", severity="block", message="m"),
    )
    assert checklist(report) == [
        "block: 1 item (pii_leak)",
        "verify: 2 items (order_number, stale_article)",
    ]


def test_note_carries_link_checklist_and_escaped_draft() -> None:
    note = render_note(_report(), review_url("https://rd.example.com/", "d_1"))
    assert "https://rd.example.com/?draft=d_1" in note.text
    assert "- no flags" in note.text
    assert note.text.endswith("Hi Maria,\n\nRefund <sent>.")
    assert "Refund &lt;sent&gt;." in note.html
    assert "not sent to the customer" in note.html

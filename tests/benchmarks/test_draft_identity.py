"""The draft fingerprint leaves out only what differs between runs, and varies its texts."""

from __future__ import annotations

from benchmarks.draft_identity import REPLIES, digest, normalised, reply_for, request


def test_ids_clocks_and_the_chain_are_left_out_and_nothing_else() -> None:
    row = {
        "draft_id": "drf_0123456789abcdef0123",
        "created_at": "2026-12-01T07:00:00Z",
        "hash": "ab" * 32,
        "report": '{"timings_ms": {"total": 3.2}, "body": "Hi", "seen": "2026-12-01T07:00:00Z"}',
        "score": 0.85,
    }
    later = {
        **row,
        "draft_id": "drf_fedcba9876543210fedc",
        "created_at": "2026-12-01T08:00:00Z",
        "hash": "cd" * 32,
        "report": '{"timings_ms": {"total": 9.9}, "body": "Hi", "seen": "2026-12-01T09:30:00Z"}',
    }
    assert digest(normalised(row)) == digest(normalised(later))
    # A changed body or score is a different fingerprint.
    changed_body = {**row, "report": str(row["report"]).replace('"Hi"', '"Hello"')}
    assert digest(normalised(changed_body)) != digest(normalised(row))
    assert digest(normalised({**row, "score": 0.86})) != digest(normalised(row))


def _prompt(body: dict[str, object]) -> dict[str, object]:
    """The fake's view of a request: its subject and message in the model's messages."""
    thread = body["thread"]
    assert isinstance(thread, dict)
    text = f"{thread['subject']}\n{thread['messages'][0]['body']}"
    return {"messages": [{"role": "user", "content": text}]}


def test_requests_and_replies_vary_and_keep_their_language() -> None:
    english = [request(n, "en", "kb") for n in range(4)]
    japanese = [request(n, "ja", "kb") for n in range(4)]
    assert len({digest(r) for r in english + japanese}) == 8
    for n, body in enumerate(japanese):
        expected = REPLIES["ja"][n % len(REPLIES["ja"])].format(order=48213 + n)
        assert reply_for(_prompt(body)) == expected
    assert reply_for(_prompt(english[1])) == REPLIES["en"][1].format(order=48214)

"""Saved replies load from our JSON, Markdown, Zendesk macros and Help Scout saved replies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from service.errors import InvalidRequestError
from service.knowledge.saved_replies import load_saved_replies

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "saved_replies"


def _write(tmp_path: Path, name: str, content: Any) -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def test_our_json_list_keeps_ids_titles_bodies_in_order(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "r.json",
        [
            {"id": "refund", "title": "Refund", "body": "Hi {name},\n\nWe refund it."},
            {"id": "ship", "title": "Shipping", "body": "We ship to Canada."},
        ],
    )
    loaded = load_saved_replies(path, "team")
    assert [(r.id, r.title) for r in loaded.replies] == [
        ("team:refund", "Refund"),
        ("team:ship", "Shipping"),
    ]
    assert loaded.replies[0].body == "Hi {name},\n\nWe refund it."
    assert loaded.skipped == 0


def test_our_json_wrapper_and_single_object(tmp_path: Path) -> None:
    wrapped = _write(tmp_path, "w.json", {"saved_replies": [{"id": "a", "body": "Text A"}]})
    single = _write(tmp_path, "s.json", {"id": "b", "title": "B", "body": "Text B"})
    assert [r.id for r in load_saved_replies(wrapped, "x").replies] == ["x:a"]
    assert load_saved_replies(wrapped, "x").replies[0].title == "a"  # no title: the id
    assert [r.id for r in load_saved_replies(single, "x").replies] == ["x:b"]


def test_zendesk_macros_take_the_comment_and_skip_field_only_macros(tmp_path: Path) -> None:
    data = {
        "macros": [
            {
                "id": 360001,
                "title": "Shipping",
                "actions": [
                    {"field": "status", "value": "pending"},
                    {"field": "comment_value", "value": "Hi {{ticket.requester.first_name}}"},
                ],
            },
            {"id": 360002, "title": "Close", "actions": [{"field": "status", "value": "solved"}]},
            # Older macros give [channel, text]; HTML-only comments become text.
            {
                "id": 360003,
                "title": "Old",
                "actions": [{"field": "comment_value", "value": ["channel:all", "Old text"]}],
            },
            {
                "id": 360004,
                "title": "Rich",
                "actions": [{"field": "comment_value_html", "value": "<p>Rich</p><p>text</p>"}],
            },
        ],
        "next_page": None,
        "count": 4,
    }
    loaded = load_saved_replies(_write(tmp_path, "macros.json", data), "zd")
    assert [r.id for r in loaded.replies] == ["zd:360001", "zd:360003", "zd:360004"]
    assert loaded.replies[0].body == "Hi {{ticket.requester.first_name}}"
    assert loaded.replies[1].body == "Old text"
    assert loaded.replies[2].body.split() == ["Rich", "text"]
    assert loaded.skipped == 1


def test_zendesk_single_macro(tmp_path: Path) -> None:
    macro = {
        "macro": {"id": 7, "title": "T", "actions": [{"field": "comment_value", "value": "V"}]}
    }
    assert [r.id for r in load_saved_replies(_write(tmp_path, "m.json", macro), "z").replies] == [
        "z:7"
    ]


def test_help_scout_saved_replies_html_becomes_text(tmp_path: Path) -> None:
    items = [
        {"id": 234567, "name": "Visit", "text": "Hi {%customer.firstName%},<br /><br />Come by!"}
    ]
    for name, data in (
        ("list.json", items),
        ("one.json", items[0]),
        ("hal.json", {"_embedded": {"saved_replies": items}}),
    ):
        [reply] = load_saved_replies(_write(tmp_path, name, data), "hs").replies
        assert (reply.id, reply.title) == ("hs:234567", "Visit")
        assert reply.body == "Hi {%customer.firstName%},\n\nCome by!"


def test_help_scout_chat_text_when_there_is_no_email_text(tmp_path: Path) -> None:
    data = [{"id": 1, "name": "Chat", "chatText": "Hi there, sure!"}]
    [reply] = load_saved_replies(_write(tmp_path, "c.json", data), "hs").replies
    assert reply.body == "Hi there, sure!"


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    path = _write(tmp_path, "refund.md", "---\nid: refund-steps\ntitle: Refund\n---\nHi [NAME],\n")
    [reply] = load_saved_replies(path, "md").replies
    assert (reply.id, reply.title, reply.body) == ("md:refund-steps", "Refund", "Hi [NAME],")


def test_markdown_without_front_matter_takes_heading_and_file_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "Late parcel.md", "# Where is my parcel\n\nHi {name},\n\nIt ships.\n")
    [reply] = load_saved_replies(path, "md").replies
    assert (reply.id, reply.title) == ("md:Late-parcel", "Where is my parcel")
    assert reply.body == "Hi {name},\n\nIt ships."


def test_the_shipped_examples_load() -> None:
    ids = [
        r.id
        for path in sorted(EXAMPLES.iterdir())
        for r in load_saved_replies(path, path.stem).replies
    ]
    assert "saved_replies:duplicate-charge" in ids and "zendesk_macros:360001" in ids
    assert "helpscout_saved_replies:234567" in ids and "ja_refund:ja-refund-steps" in ids


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("bad.json", "{not json", "neither Markdown"),
        ("num.json", "42", "expected a JSON object or list"),
        ("empty.json", [], "no saved reply with text"),
        ("blank.json", [{"id": "a", "body": "   "}], "empty text"),
        ("dup.json", [{"id": "a", "body": "x"}, {"id": "a", "body": "y"}], "duplicate id"),
        ("odd.json", [{"foo": "bar"}], "no known shape"),
        ("str.json", ["just text"], "not an object"),
        ("nobody.json", [{"id": "a", "body": 3}], "must be a string"),
        ("preview.json", [{"id": 1, "name": "N", "preview": "Hi..."}], "only a preview"),
        ("fields.json", {"macros": [{"id": 1, "title": "T", "actions": []}]}, "no saved reply"),
        ("long.json", [{"id": "a", "title": "t" * 600, "body": "x"}], "title"),
        ("open.md", "---\nid: a\nBody without closing", "not closed"),
        ("list.md", "---\n- a\n- b\n---\nBody", "mapping"),
    ],
)
def test_bad_files_name_the_problem_and_never_the_text(
    tmp_path: Path, name: str, content: Any, fragment: str
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        load_saved_replies(_write(tmp_path, name, content), "s")
    assert fragment in raised.value.message
    assert "Hi..." not in raised.value.message and "\n" not in raised.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidRequestError, match="no such file"):
        load_saved_replies(tmp_path / "nope.json", "s")

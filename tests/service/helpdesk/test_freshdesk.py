import pytest

from service.errors import InvalidRequestError
from service.helpdesk.freshdesk import to_draft_request
from tests.service.helpdesk.conftest import load_json


def test_description_and_public_conversations_in_order() -> None:
    request = to_draft_request(load_json("freshdesk_ticket.json"))
    messages = request.thread.messages
    assert [m.role for m in messages] == ["customer", "agent", "customer"]
    assert not any("tier 2" in m.body for m in messages)
    assert messages[0].author_name == "John Doe"
    assert "[attachments: error-screenshot.png]" in messages[0].body
    assert messages[1].author_name == "Example Support"
    assert messages[2].author_email == "john@example.com"
    assert request.customer.email == "john@example.com"
    assert request.thread.channel == "email"


def test_japanese_chat_ticket_keeps_notes_out() -> None:
    request = to_draft_request(load_json("freshdesk_ja.json"))
    assert request.thread.channel == "chat"
    assert len(request.thread.messages) == 1
    assert "ロック" in request.thread.messages[0].body
    assert request.customer.name == "鈴木 一郎"


def test_missing_incoming_flag_is_named() -> None:
    data = load_json("freshdesk_ticket.json")
    del data["conversations"][0]["incoming"]
    with pytest.raises(InvalidRequestError) as exc:
        to_draft_request(data)
    assert "conversations.0.incoming" in exc.value.message


def test_missing_ticket_is_named() -> None:
    with pytest.raises(InvalidRequestError, match="ticket: Field required"):
        to_draft_request({"conversations": []})

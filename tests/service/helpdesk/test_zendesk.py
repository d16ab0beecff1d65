import pytest

from service.errors import InvalidRequestError
from service.helpdesk.zendesk import to_draft_request
from tests.service.helpdesk.conftest import load_json


def test_public_comments_become_turns_and_notes_are_left_out() -> None:
    request = to_draft_request(load_json("zendesk_ticket.json"))
    messages = request.thread.messages
    assert [m.role for m in messages] == ["customer", "agent", "customer"]
    assert all("VIP" not in m.body and "4242" not in m.body for m in messages)
    assert messages[0].author_name == "Maria Lopez"
    assert messages[0].author_email == "maria@example.com"
    assert messages[1].author_name == "Sam Carter"
    assert "[attachments: bank-statement.pdf]" in messages[0].body
    # An empty text body falls back to the HTML one (the pipeline strips the HTML).
    assert "<b>Also</b>" in messages[2].body


def test_ticket_fields_map_to_the_request() -> None:
    request = to_draft_request(load_json("zendesk_ticket.json"))
    assert request.thread.subject == "Charged twice for order #48213"
    assert request.thread.channel == "email"
    assert request.customer.name == "Maria Lopez"
    assert request.customer.email == "maria@example.com"
    assert request.agent.name == "Sam Carter"
    assert request.attachments == []  # the customer's files are not the agent's attachments


def test_japanese_messaging_ticket() -> None:
    request = to_draft_request(load_json("zendesk_ja.json"))
    assert request.thread.channel == "chat"
    assert [m.role for m in request.thread.messages] == ["customer"]
    assert "請求書" in request.thread.messages[0].body
    assert "社内メモ" not in request.thread.messages[0].body
    assert request.customer.name == "山田 花子"


def test_missing_requester_is_named() -> None:
    data = load_json("zendesk_ticket.json")
    del data["ticket"]["requester_id"]
    with pytest.raises(InvalidRequestError) as exc:
        to_draft_request(data)
    assert "ticket.requester_id" in exc.value.message
    assert exc.value.status_code == 422


def test_only_internal_notes_is_refused() -> None:
    data = load_json("zendesk_ticket.json")
    for comment in data["comments"]:
        comment["public"] = False
    with pytest.raises(InvalidRequestError, match="no customer-visible message"):
        to_draft_request(data)


def test_social_channel() -> None:
    data = load_json("zendesk_ticket.json")
    data["ticket"]["via"]["channel"] = "twitter"
    assert to_draft_request(data).thread.channel == "social"

import pytest

from service.errors import InvalidRequestError
from service.helpdesk.helpscout import to_draft_request
from tests.service.helpdesk.conftest import load_json


def test_threads_oldest_first_without_notes_or_drafts() -> None:
    request = to_draft_request(load_json("helpscout_conversation.json"))
    messages = request.thread.messages
    assert [m.role for m in messages] == ["customer", "customer"]
    assert "cancelled my plan" in messages[0].body
    assert "receipt.jpg" in messages[1].body
    assert not any("Stripe" in m.body or "Half-written" in m.body for m in messages)
    assert request.customer.name == "Vernon Bear"
    assert request.customer.email == "vbear@example.com"
    assert request.agent.name == "Priya Shah"
    assert request.thread.subject == "Refund for my cancelled plan"


def test_japanese_chat_takes_side_from_created_by() -> None:
    request = to_draft_request(load_json("helpscout_ja.json"))
    assert request.thread.channel == "chat"
    assert request.thread.messages[0].role == "customer"
    assert request.customer.name == "花子 田中"
    assert request.agent.name is None


def test_missing_threads_is_named() -> None:
    data = load_json("helpscout_conversation.json")
    del data["_embedded"]
    with pytest.raises(InvalidRequestError, match="_embedded: Field required"):
        to_draft_request(data)


def test_a_thread_without_type_is_named() -> None:
    data = load_json("helpscout_conversation.json")
    del data["_embedded"]["threads"][1]["type"]
    with pytest.raises(InvalidRequestError, match=r"_embedded\.threads\.1\.type"):
        to_draft_request(data)

import pytest

from service.errors import InvalidRequestError
from service.helpdesk.front import to_draft_request
from tests.service.helpdesk.conftest import load_json


def test_messages_sorted_with_inbound_as_customer() -> None:
    request = to_draft_request(load_json("front_conversation.json"))
    messages = request.thread.messages
    assert [m.role for m in messages] == ["customer", "agent", "customer"]
    assert messages[0].author_name == "Ana Souza"
    assert "<div>" in messages[0].body  # no text part: the HTML body, stripped downstream
    assert "order-5521.png" in messages[0].body
    assert messages[1].author_name == "Lee Wong"
    assert request.customer.email == "ana@example.com"
    assert request.agent.name == "Lee Wong"
    assert messages[0].sent_at is not None and messages[0].sent_at.tzinfo is not None


def test_japanese_tweet_is_social_without_an_email() -> None:
    request = to_draft_request(load_json("front_ja.json"))
    assert request.thread.channel == "social"
    assert request.customer.name == "海斗"
    assert request.customer.email is None
    assert request.customer.username == "@kaito_jp"


def test_drafts_are_not_conversation() -> None:
    data = load_json("front_conversation.json")
    data["messages"].append(dict(data["messages"][0], id="msg_draft", is_draft=True, text="WIP"))
    assert not any(m.body == "WIP" for m in to_draft_request(data).thread.messages)


def test_missing_is_inbound_is_named() -> None:
    data = load_json("front_conversation.json")
    del data["messages"][1]["is_inbound"]
    with pytest.raises(InvalidRequestError, match=r"messages\.1\.is_inbound"):
        to_draft_request(data)

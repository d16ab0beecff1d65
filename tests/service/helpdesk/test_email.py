import pytest

from service.errors import InvalidRequestError
from service.helpdesk.email import to_draft_request
from tests.service.helpdesk.conftest import fixture_path


def test_multipart_prefers_text_and_lists_attachments() -> None:
    request = to_draft_request(fixture_path("email_multipart.eml").read_bytes())
    (message,) = request.thread.messages
    assert message.role == "customer"
    assert message.author_name == "Maria Lopez"
    assert message.author_email == "maria@example.com"
    assert "charged twice" in message.body
    assert "[attachments: statement.pdf]" in message.body
    assert message.sent_at is not None
    assert request.thread.subject == "Re: Double charge on order #48213"
    assert request.thread.channel == "email"


def test_japanese_html_only_iso_2022_jp() -> None:
    request = to_draft_request(fixture_path("email_ja.eml").read_bytes())
    (message,) = request.thread.messages
    assert "請求書を再発行" in message.body
    assert request.customer.name == "山田 花子"
    assert request.thread.subject == "請求書の再発行をお願いします"


def test_missing_from_is_named() -> None:
    with pytest.raises(InvalidRequestError, match="'From'"):
        to_draft_request(b"Subject: hi\r\n\r\nHello, can you help?\r\n")


def test_empty_body_is_refused() -> None:
    with pytest.raises(InvalidRequestError, match="no customer-visible message"):
        to_draft_request(b"From: a@example.com\r\nSubject: hi\r\n\r\n")

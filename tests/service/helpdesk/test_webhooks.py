"""Signature checks and event identity, per vendor."""

from __future__ import annotations

import base64
import json

import pytest

from service.errors import InvalidRequestError
from service.helpdesk.webhooks import (
    freshdesk_event,
    front_event,
    helpscout_event,
    verify_freshdesk,
    verify_front,
    verify_helpscout,
    verify_zendesk,
    zendesk_event,
)
from tests.fakes import freshdesk_server, front_server, helpscout_server, zendesk_server


def _lower(headers: dict[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def test_zendesk_signature_covers_timestamp_and_body() -> None:
    body, headers = zendesk_server.signed_webhook("s3cret", {"ticket_id": "1"})
    assert verify_zendesk(_lower(headers), body, "s3cret")
    assert not verify_zendesk(_lower(headers), body + b" ", "s3cret")
    assert not verify_zendesk(_lower(headers), body, "other")
    moved = dict(_lower(headers), **{"x-zendesk-webhook-signature-timestamp": "2027-01-01"})
    assert not verify_zendesk(moved, body, "s3cret")


def test_helpscout_signature_is_sha1_of_the_body() -> None:
    body, headers = helpscout_server.signed_webhook("s3cret", {"id": 1})
    assert verify_helpscout(_lower(headers), body, "s3cret")
    assert not verify_helpscout(_lower(headers), body.replace(b"1", b"2"), "s3cret")
    assert not verify_helpscout({}, body, "s3cret")


def test_front_signature_joins_timestamp_and_body_with_a_colon() -> None:
    body, headers = front_server.signed_webhook("s3cret", {"type": "sync"})
    assert verify_front(_lower(headers), body, "s3cret")
    stale = dict(_lower(headers), **{"x-front-request-timestamp": "1"})
    assert not verify_front(stale, body, "s3cret")


def test_freshdesk_needs_basic_auth_with_the_shared_secret() -> None:
    body, headers = freshdesk_server.signed_webhook("s3cret", {"ticket_id": 1})
    assert verify_freshdesk(_lower(headers), body, "s3cret")
    assert not verify_freshdesk(_lower(headers), body, "other")
    assert not verify_freshdesk({"authorization": "Basic !!!"}, body, "s3cret")
    wrong = base64.b64encode(b"user-without-password").decode()
    assert not verify_freshdesk({"authorization": f"Basic {wrong}"}, body, "s3cret")
    assert not verify_freshdesk({}, body, "s3cret")


def test_zendesk_event_subscription_and_trigger_bodies() -> None:
    event = zendesk_server.comment_added_event("35436", "01HX")
    parsed = zendesk_event({}, json.dumps(event).encode())
    assert (parsed.ticket_id, parsed.event_key, parsed.relevant) == ("35436", "01HX", True)
    event["event"]["comment"]["author"]["is_staff"] = True  # the agent's own reply
    assert not zendesk_event({}, json.dumps(event).encode()).relevant
    trigger = zendesk_event({}, b'{"ticket_id": "35436"}')
    assert trigger.ticket_id == "35436" and trigger.event_key.startswith("sha256:")
    with pytest.raises(InvalidRequestError, match="'ticket_id'"):
        zendesk_event({}, b'{"ticket": 1}')
    with pytest.raises(InvalidRequestError, match="'detail.id'"):
        zendesk_event({}, b'{"type": "zen:event-type:ticket.comment_added"}')


def test_freshdesk_event_reads_top_level_or_legacy_wrapper() -> None:
    assert freshdesk_event({}, b'{"freshdesk_webhook": {"ticket_id": 20}}').ticket_id == "20"
    assert freshdesk_event({}, b'{"ticket_id": 21, "event_id": "e"}').event_key == "e"
    with pytest.raises(InvalidRequestError, match="not valid JSON"):
        freshdesk_event({}, b"ticket_id=20")


def test_helpscout_event_only_drafts_for_customer_events() -> None:
    body = b'{"id": 10}'
    assert helpscout_event({"x-helpscout-event": "convo.customer.reply.created"}, body).relevant
    assert not helpscout_event({"x-helpscout-event": "convo.agent.reply.created"}, body).relevant


def test_front_event_from_app_or_rule_webhooks() -> None:
    app_event = front_server.inbound_event("cnv_1", "evt_9")
    parsed = front_event({}, json.dumps(app_event).encode())
    assert (parsed.ticket_id, parsed.event_key) == ("cnv_1", "evt_9")
    rule_event = app_event["payload"]
    assert front_event({}, json.dumps(rule_event).encode()).ticket_id == "cnv_1"
    outbound = dict(rule_event, type="outbound")
    assert not front_event({}, json.dumps(outbound).encode()).relevant
    with pytest.raises(InvalidRequestError, match="conversation.id"):
        front_event({}, b'{"type": "inbound"}')

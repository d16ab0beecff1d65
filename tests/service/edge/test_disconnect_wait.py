"""``cancel_on_disconnect`` waits on the ASGI receive channel: no polling, same outcomes."""

from __future__ import annotations

import asyncio

import pytest
from starlette.requests import Request
from starlette.types import Message

from service.edge.disconnect import cancel_on_disconnect
from service.errors import ClientDisconnectedError


class Channel:
    """A receive channel that answers ``http.disconnect`` when ``leave`` is set."""

    def __init__(self) -> None:
        self.leave = asyncio.Event()
        self.calls = 0

    async def receive(self) -> Message:
        self.calls += 1
        await self.leave.wait()
        return {"type": "http.disconnect"}

    def request(self) -> Request:
        return Request({"type": "http", "method": "POST", "headers": []}, self.receive)


def test_work_that_finishes_returns_its_result_after_one_receive() -> None:
    async def scenario() -> tuple[str, int]:
        channel = Channel()
        result = await cancel_on_disconnect(channel.request(), _after(0.6, "done"))
        return result, channel.calls

    result, calls = asyncio.run(scenario())
    assert result == "done"
    assert calls == 1  # one wait for the whole draft, not a poll every quarter second


def test_a_client_that_leaves_cancels_the_work_at_once() -> None:
    async def scenario() -> tuple[bool, float]:
        channel = Channel()
        cancelled = asyncio.Event()

        async def work() -> str:
            try:
                await asyncio.sleep(30)
            except asyncio.CancelledError:
                cancelled.set()
                raise
            return "never"

        loop = asyncio.get_running_loop()
        loop.call_later(0.05, channel.leave.set)
        started = loop.time()
        with pytest.raises(ClientDisconnectedError):
            await cancel_on_disconnect(channel.request(), work())
        return cancelled.is_set(), loop.time() - started

    cancelled, waited = asyncio.run(scenario())
    assert cancelled
    assert waited < 0.2  # not a poll interval later


def test_body_messages_are_passed_over_and_a_failed_channel_does_not_cancel() -> None:
    async def scenario() -> str:
        sent = iter([{"type": "http.request", "body": b"", "more_body": False}])

        async def receive() -> Message:
            for message in sent:
                return message
            raise RuntimeError("channel closed")

        request = Request({"type": "http", "method": "POST", "headers": []}, receive)
        return await cancel_on_disconnect(request, _after(0.05, "done"))

    assert asyncio.run(scenario()) == "done"


def test_work_errors_propagate() -> None:
    async def failing() -> str:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        asyncio.run(cancel_on_disconnect(Channel().request(), failing()))


async def _after(delay_s: float, value: str) -> str:
    await asyncio.sleep(delay_s)
    return value

"""A caller that leaves mid-draft cancels it: the model's stream is closed, nothing is stored."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

from sqlalchemy import func, select

from service.storage.tables import DraftRow
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.loopback import serving_with_model
from tests.service.conftest import en_request


def test_a_client_that_goes_away_closes_the_model_stream(tmp_path: Path) -> None:
    with FakeOpenAIServer() as provider:
        # A slow CPU server: 60 words, 0.2 s apart, about 12 s for the whole draft.
        provider.default = Reply(text=" ".join(f"word{i}" for i in range(60)), chunk_delay_s=0.2)
        with serving_with_model(tmp_path, provider.api_base) as (base, runtime):
            port = int(base.rsplit(":", 1)[1])
            body = json.dumps(en_request()).encode()
            with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
                conn.sendall(
                    b"POST /v1/drafts HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                started = time.monotonic()
                while not provider.requests and time.monotonic() - started < 10:
                    time.sleep(0.05)
                assert provider.requests, "the model was never called"
                time.sleep(0.5)  # the model is streaming now
            # The client has gone; the provider must see its stream closed well before the end.
            assert provider.disconnected.wait(timeout=6)
            assert time.monotonic() - started < 8
            assert provider.completed_streams == 0
            with runtime.store.engine.connect() as connection:
                stored = connection.execute(select(func.count()).select_from(DraftRow)).scalar()
            assert stored == 0  # nothing partial is kept for a cancelled draft

"""The draft as the agent will see it, while the model writes it (for ``/v1/drafts/stream``).

A remote model writes masked text (``Dear <PERSON_1>``). The finished draft has the customer's
own values restored and keeps the rest as placeholders (which ``placeholder_left`` blocks).
The stream shows exactly that text, growing: each piece is restored with the request's
mapping (without recording: the finished draft is restored and recorded once), and text that
could still change is held back: a placeholder not closed yet (``<PERS``), and whitespace at
either end (the finished draft is stripped). So the text streamed is always a prefix of the
finished draft's body, and at the end equal to it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator

from service.backends.base import Completion, ModelBackend, ModelRequest, TextSink
from service.backends.litellm_backend import LiteLLMBackend
from service.edge.storable_text import storable

# An opened placeholder at the end of the text so far: "<", "<PERSON", "<PERSON_1"...
# Bounded so a stray "<" in prose holds back at most this many characters.
_OPEN_PLACEHOLDER = re.compile(r"<[A-Za-z_]{0,40}\d{0,6}$")
# A word with its trailing space, or a run of at most this many characters of an unspaced
# script (Japanese has no spaces): small pieces, as a model's tokens would arrive.
PIECE_CHARS = 12
_PIECE = re.compile(rf"\S{{1,{PIECE_CHARS}}}\s*|\s+")
# Pause between the pieces of a text written at once (the offline drafter): zero yields to
# the event loop so each piece is flushed on its own; tests raise it to watch a page render.
PIECE_PAUSE_S = 0.0


def body_pieces(body: str) -> Iterator[str]:
    """``body`` cut into small pieces that concatenate back to exactly ``body``."""
    for match in _PIECE.finditer(body):
        yield match.group(0)


async def write_in_pieces(sink: TextSink, text: str) -> None:
    """Write a text composed at once (offline drafter) to ``sink`` in small pieces."""
    for piece in body_pieces(text):
        sink.write(piece)
        await asyncio.sleep(PIECE_PAUSE_S)


async def complete_into(
    backend: ModelBackend, request: ModelRequest, sink: RestoringSink
) -> Completion:
    """``backend``'s completion, its text written to ``sink`` as it comes.

    A remote model's tokens are forwarded as the provider sends them; a backend that writes
    its text at once (the offline drafter) is written out in small pieces afterwards.
    """
    if isinstance(backend, LiteLLMBackend):
        completion = await backend.complete(request, sink=sink)
    else:
        completion = await backend.complete(request)
        sink.restart()
        await write_in_pieces(sink, completion.text)
    sink.settle(completion.text)
    return completion


class RestoringSink:
    """Takes the model's raw pieces; writes the agent's text (restored, settled) to ``out``."""

    def __init__(self, out: TextSink, restore: Callable[[str], str]) -> None:
        self.out = out  # the agent's text (an offline fallback's draft is written here as is)
        self._restore = restore
        self._raw: list[str] = []
        self._shown = ""  # what ``out`` holds since the last restart

    def write(self, piece: str) -> None:
        """Take the model's next piece; pass on whatever part of the draft is settled."""
        # As the report's body is made (``storable``): the stream must be encodable, and the
        # same text as the body the agent is then shown.
        self._raw.append(storable(piece))
        text = "".join(self._raw).strip()
        opened = _OPEN_PLACEHOLDER.search(text)
        if opened:
            text = text[: opened.start()].rstrip()
        self._show(text)

    def settle(self, text: str) -> None:
        """The model has finished with ``text``: pass on the rest (held-back space, say)."""
        self._show(storable(text))

    def _show(self, text: str) -> None:
        shown = self._restore(text)
        # Restoring whole placeholders only, a longer prefix restores to a longer prefix.
        if len(shown) > len(self._shown) and shown.startswith(self._shown):
            self.out.write(shown[len(self._shown) :])
            self._shown = shown

    def restart(self) -> None:
        """A new attempt begins: forget the raw text; restart ``out`` if it was written to."""
        self._raw.clear()
        if self._shown:
            self._shown = ""
            self.out.restart()

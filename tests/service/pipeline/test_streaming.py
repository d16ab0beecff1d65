"""The streamed draft: restored as the finished body will be, never showing half a placeholder."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from service.pipeline.streaming import RestoringSink


@dataclass
class Recorder:
    """A text sink that keeps what it was given."""

    events: list[str] = field(default_factory=list)
    text: str = ""

    def write(self, piece: str) -> None:
        self.events.append(piece)
        self.text += piece

    def restart(self) -> None:
        self.events.append("<restart>")
        self.text = ""


def restore(text: str) -> str:
    """The customer's own name restored; a withheld placeholder left as it is."""
    return text.replace("<PERSON_1>", "Maria")


RAW = "  Hi <PERSON_1>,\n\nyour card <CREDIT_CARD_1> is blocked; 3 < 5 holds.\n"


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100])
def test_streamed_text_is_always_a_prefix_of_the_restored_draft(size: int) -> None:
    out = Recorder()
    sink = RestoringSink(out, restore)
    final = restore(RAW.strip())
    for start in range(0, len(RAW), size):
        sink.write(RAW[start : start + size])
        assert final.startswith(out.text)
        assert "<PERSON" not in out.text and "<PERS" not in out.text
    sink.settle(RAW.strip())
    assert out.text == final
    assert "<restart>" not in out.events


def test_settle_passes_on_trailing_text_held_back() -> None:
    out = Recorder()
    sink = RestoringSink(out, restore)
    for piece in ["Thanks", " <PERSON_1>", "\n"]:
        sink.write(piece)
    assert out.text == "Thanks Maria"
    sink.settle("Thanks <PERSON_1>\n")  # a drafter whose text is not stripped
    assert out.text == "Thanks Maria\n"


def test_restart_forgets_the_failed_attempt_only_once_text_was_shown() -> None:
    out = Recorder()
    sink = RestoringSink(out, restore)
    sink.restart()  # a first attempt: nothing shown, nothing to take back
    assert out.events == []
    sink.write("Hello ")
    sink.write("wor")
    sink.restart()
    sink.write("Hi <PERSON_1>")
    assert out.events[-2:] == ["<restart>", "Hi Maria"]
    assert out.text == "Hi Maria"


def test_a_lone_surrogate_streams_as_the_replacement_character_the_body_holds() -> None:
    # A model's JSON "\udc00" escape: the raw piece could not be encoded into the event
    # stream; the stream shows what the report's body will (``storable``), with no restart.
    out = Recorder()
    sink = RestoringSink(out, restore)
    for piece in ["Hello ", "there \udc00 ", "friend."]:
        sink.write(piece)
    sink.settle("Hello there \udc00 friend.")
    assert out.text == "Hello there \ufffd friend."
    out.text.encode("utf-8")
    assert "<restart>" not in out.events

"""Importing litellm the one safe way: no network at import, none when counting tokens."""

from __future__ import annotations

from typing import Any

import pytest

from service.backends.base import ChatMessage
from service.backends.litellm_backend import _counted_usage
from service.backends.litellm_env import load_litellm


def test_counting_tokens_never_fetches_a_hugging_face_tokenizer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "llama-3" in a model name sends litellm to the Hugging Face hub for its tokenizer.
    import litellm.utils

    fetched: list[str] = []

    def fetch(model: str) -> Any:
        fetched.append(model)
        raise OSError("no network in tests")

    monkeypatch.setattr(litellm.utils, "_return_huggingface_tokenizer", fetch)
    load_litellm()
    usage = _counted_usage(
        "openai/llama-3-8b-instruct",
        [ChatMessage(role="user", content="Where is my parcel?")],
        "It left our warehouse yesterday.",
    )
    assert fetched == []
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0

"""No process-wide cache keeps a request's text after the request (guardrails.run_memo).

A draft runs end to end (masking, the model through litellm on a loopback fake, restore,
every guardrail, storage); then every ``functools.lru_cache`` of the guardrails and service
packages, and every ``per_run(keep=...)`` table, is searched for the customer's sentence and
for a word of it that no dictionary holds. Knowledge-base work is cached under the KB's
content hash (``kb_cache``), which this does not search: it holds no request text.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from guardrails.run_memo import kept_keys
from service.models import DraftRequest
from service.runtime import Runtime
from tests.fakes.openai_server import FakeOpenAIServer, Reply
from tests.loopback import fake_model_runtime
from tests.service.conftest import en_request

PACKAGES = ("guardrails", "service")

EN_WORD = "Zephyrquill"
EN_SENTENCE = f"My cockatoo {EN_WORD} chewed through the charging cable of my tablet"
JA_WORD = "ゼフィルクィル"
JA_SENTENCE = f"うちのオウムの{JA_WORD}がタブレットの充電ケーブルをかじってしまいました"


def _strings(key: object) -> Iterator[str]:
    """Every string inside a cache key (keys of several arguments are tuples)."""
    if isinstance(key, str):
        yield key
    elif isinstance(key, tuple | frozenset | list):
        for part in key:
            yield from _strings(part)


def cached_strings() -> Iterator[tuple[str, str]]:
    """(cache, string) for every string a cache of the two packages holds in its keys now."""
    for obj in gc.get_objects():
        if not isinstance(obj, functools._lru_cache_wrapper):
            continue
        module = str(getattr(obj, "__module__", "") or "")
        if module.split(".")[0] not in PACKAGES:
            continue
        name = f"{module}.{getattr(obj, '__qualname__', '?')}"
        # The C lru_cache keeps its entries in a dict keyed by the call's arguments.
        for ref in gc.get_referents(obj):
            if isinstance(ref, dict):
                for key in ref:
                    yield from ((name, s) for s in _strings(key))
    for key in kept_keys():
        yield from (("per_run kept table", s) for s in _strings(key))


def holding(*needles: str) -> list[str]:
    """The caches holding any of ``needles`` (case-insensitive) in a key."""
    folded = [n.casefold() for n in needles]
    return sorted({name for name, s in cached_strings() if any(n in s.casefold() for n in folded)})


def test_the_search_finds_text_an_lru_cache_holds() -> None:
    # The search itself works: a cache of these packages keyed by a text (here a voice's
    # banned phrase, configuration it may keep) is found.
    from guardrails.verify.banned_phrase import _pattern

    _pattern((f"{EN_WORD} phrase",))
    assert holding(EN_WORD) == ["guardrails.verify.banned_phrase._pattern"]
    _pattern.cache_clear()


def _request(body: str, **customer: Any) -> DraftRequest:
    request = en_request(customer={"name": "Maria Lopez", **customer})
    request["thread"]["messages"][0]["body"] = body
    return DraftRequest.model_validate(request)


async def test_an_english_draft_leaves_no_customer_text_in_any_cache(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    server.default = Reply(
        text=f"Hi Maria,\n\nSorry that {EN_WORD} chewed the cable. We will send a new one.\n\nSam"
    )
    body = f"Hi,\n{EN_SENTENCE}. Could a new cable be posted to me? Where is my refund?\n\nMaria"
    report = await fake_model_runtime(tmp_path, server.api_base).draft(_request(body))
    assert EN_WORD in report.body  # the guardrails read the word in the draft as well
    assert holding(EN_SENTENCE, EN_WORD) == []


async def test_a_japanese_draft_leaves_no_customer_text_in_any_cache(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    server.default = Reply(
        text=f"山田様\n\n{JA_WORD}がケーブルをかじってしまったとのこと、新しいものをお送りします。"
    )
    body = f"{JA_SENTENCE}。新しいケーブルを送っていただけますか。\n山田"
    request = _request(body, name="山田 花子", locale="ja-JP")
    report = await fake_model_runtime(tmp_path, server.api_base).draft(request)
    assert JA_WORD in report.body
    assert holding(JA_SENTENCE, JA_WORD) == []


def run_memos_alive() -> list[int]:
    """The sizes of the non-empty run memos that any live context holds now.

    asyncio copies the running context into every callback and timer scheduled during a
    request (litellm's aiohttp pool schedules a clean-up timer in the model call), and such a
    copy can live as long as the event loop.
    """
    from guardrails.run_memo import _MEMO

    gc.collect()
    sizes = []
    for obj in gc.get_objects():
        if isinstance(obj, contextvars.Context):
            memo = obj.get(_MEMO)
            if memo:
                sizes.append(len(memo))
    return sizes


def _cable_request(tmp_path: Path, server: FakeOpenAIServer) -> tuple[Runtime, DraftRequest]:
    """A runtime whose model answers about the customer's word, and the customer's request."""
    server.default = Reply(text=f"Hi Maria,\n\nSorry that {EN_WORD} chewed the cable.\n\nSam")
    body = f"Hi,\n{EN_SENTENCE}. Could a new cable be posted to me?\n\nMaria"
    return fake_model_runtime(tmp_path, server.api_base), _request(body)


async def test_no_context_copied_during_a_draft_keeps_its_memo(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    # Checked while the event loop that made the model call is still running: the copies
    # it holds are still alive.
    runtime, request = _cable_request(tmp_path, server)
    await runtime.draft(request)
    assert run_memos_alive() == []
    await runtime.check(request.model_copy(update={"draft": "Hi Maria, yes we can."}))
    assert run_memos_alive() == []


async def test_a_request_cancelled_before_its_stored_copies_keeps_no_memo(
    tmp_path: Path, server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under load the stored copies wait for a worker thread; a client that leaves then
    # cancels the request before they are made, and the kept run must still be closed.
    def never_ran(*args: object, **kwargs: object) -> None:
        raise asyncio.CancelledError  # the worker job was cancelled before it started

    runtime, request = _cable_request(tmp_path, server)
    monkeypatch.setattr(runtime, "_keep", never_ran)
    with pytest.raises(asyncio.CancelledError):
        await runtime.draft(request)
    assert run_memos_alive() == []


def _name_table_kept() -> set[str]:
    """Every word the name tables' look-ups keep across requests (English and Japanese)."""
    from guardrails.pii.ja_person_model import _ranks_of
    from guardrails.pii.names import NameLexicon

    words: set[str] = set()
    for obj in gc.get_objects():
        if isinstance(obj, NameLexicon):
            words.update(s for key in obj._cached._kept for s in _strings(key))  # type: ignore[attr-defined]
    words.update(s for key in _ranks_of._kept for s in _strings(key))  # type: ignore[attr-defined]
    return words


async def test_a_name_made_of_dictionary_words_is_not_kept(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    # "Rose" and "Hunter" are dictionary words as well as a name: the name table's look-ups
    # never keep them, and no kept table holds the two together (a bigram is never kept).
    server.default = Reply(text="Hi Rose,\n\nA new cable is on its way today.\n\nSam")
    body = (
        "Hi,\nThe charging cable frayed after a week. Can you send me another one?\n\nRose Hunter"
    )
    report = await fake_model_runtime(tmp_path, server.api_base).draft(
        _request(body, name="Rose Hunter")
    )
    assert report.body
    kept = {s.casefold() for s in _name_table_kept()}
    assert "rose" not in kept and "hunter" not in kept
    assert holding("rose hunter") == []


async def test_a_japanese_surname_tagged_as_a_common_noun_is_not_kept(
    tmp_path: Path, server: FakeOpenAIServer
) -> None:
    # Sudachi reads 林 as a common noun (a wood); as a surname it is the customer's own.
    server.default = Reply(text="林様\n\n新しいケーブルを本日お送りいたします。")
    body = "充電ケーブルが一週間で切れてしまいました。交換していただけますか。\n林"
    report = await fake_model_runtime(tmp_path, server.api_base).draft(
        _request(body, name="林 花子", locale="ja-JP")
    )
    assert report.body
    assert "林" not in _name_table_kept()

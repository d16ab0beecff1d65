"""Keep a long-lived process's start-up heap out of the garbage collector's full passes.

A serving process holds a large heap built at start and kept for its whole life: the name
table, Sudachi's dictionary objects, Presidio's recognizers, litellm's model tables (about
870,000 objects the cyclic collector tracks). CPython's full (generation 2) collection walks
every one of them, and it runs whenever the objects that survived into the oldest generation
since the last one reach a quarter of it: on this project's benchmarks about once every
thousand drafts per process, each pass 330-450 ms on the 2-core benchmark machine (up to a
second when the cores are shared), during which the process's event loop, and every request
on it, stands still (the overhead's p95 at 50 concurrent clients was about one such pause).

``gc.freeze()`` moves every object tracked so far into a permanent generation that
collections skip; what requests allocate afterwards is collected as before. The frozen
objects are the engines and tables of the process, which live until it exits, so nothing
collectable is kept: garbage of the start-up is collected just before (``gc.collect``), and
an engine object that becomes cyclic garbage later (rare: caches replace values, they do not
build cycles) is not reclaimed, which costs memory, never correctness.

It is done once per serving process, after its engines are built and warmed up: each
``--workers N`` worker builds its own engines (uvicorn spawns them) and freezes its own heap,
and so does each helpdesk job worker (``replydraft worker``, ``service.jobs.worker``);
under a pre-forking server (gunicorn ``--preload``) the factory runs before the fork, where
freezing keeps the children's collections from walking (and so touching) the shared objects;
reference counting still writes to their pages, so it saves copies only in part.

On CPython 3.11 the oldest generation's count keeps the frozen objects' number, so the first
full collection after the freeze waits until about a quarter as many new long-lived objects
exist; later ones walk only the unfrozen heap (84-135 ms in the load benchmark under load).
"""

from __future__ import annotations

import gc
import logging

logger = logging.getLogger(__name__)


def freeze_startup_heap() -> int:
    """Collect the start-up's garbage, then freeze what is left; returns how many are frozen.

    Call it once the process has built everything it keeps (its app and runtime), not in
    code that tests or the CLI run repeatedly: a frozen object is never collected.
    """
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    logger.debug("heap frozen", extra={"objects": frozen})
    return frozen

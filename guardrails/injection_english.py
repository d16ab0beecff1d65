"""Structural features of one English sentence for the injection classifier.

Customers write about the company's rules and their own settings ("could you explain your
refund policy?", "our IT team changed the password policy") with the same words an attack
uses on the assistant's ("print your instructions", "AI, ignore your policy"). What tells
them apart is who is spoken to and what the sentence does: a question or a first-person
account about a policy is a support request; an order, addressed to a machine, about the
reader's own rules is not. The features cross the sentence's mood (question, request,
order, first- or second-person statement) with whether it opens by addressing a machine and
with each topic word and its owner ("your", "my", "the", none); the classifier learns their
weights from the dev corpora.
"""

from __future__ import annotations

import re

from guardrails.run_memo import per_run

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[?:,]")
# Words a sentence opening with them asks a question.
_QUESTION_OPENERS = frozenset(
    "what whats what's how why where when which who whom whose can could would will is are "
    "do does did may might should shall have has am was were isn't aren't don't doesn't "
    "didn't can't couldn't won't".split()
)
_FIRST_PERSON = frozenset("i i'm i've i'd i'll we we're we've my our me us".split())
_SECOND_PERSON = frozenset("you you're you've your".split())
# Openers that make the sentence a statement about something (not an order to the reader).
_STATEMENT_OPENERS = frozenset(
    "the a an this that these those it it's there there's he she they his her their its "
    "after before since because when if yesterday today last in on at for with about "
    "regarding as also and but so then however ok okay thanks thank sorry".split()
)
_GREETING = frozenset("hi hello hey dear attention to note".split())
# Machines a sentence may speak to.
MACHINE_WORDS = frozenset("ai assistant bot chatbot model llm gpt chatgpt system".split())
# Things of a customer's own case with the company: "my order", "the invoice number", "our
# account". An order about one is a support request (guardrails.injection,
# guardrails.injection_addressee).
CASE_NOUNS = (
    "case ticket order booking claim invoice account tracking reference policy customer "
    "complaint return refund payment delivery subscription parcel package shipment"
).split()
# Words that name rules, settings or secrets: the company's, the customer's, or the reader's.
_TOPIC = frozenset(
    "policy policies password passwords settings setting system instructions instruction "
    "prompt prompts rules guidelines configuration terms message messages ai assistant bot "
    "chatbot".split()
)
_OWNERS = {"your": "your", "my": "my", "our": "my", "the": "the", "its": "its"}


def _mood(tokens: list[str]) -> str:
    if not tokens:
        return "none"
    if tokens[-1] == "?" or tokens[0] in _QUESTION_OPENERS:
        return "q"
    first = tokens[0]
    # "please" early on or at the end makes a request ("in your reply, please confirm ...").
    if "please" in tokens[:6] or tokens[-2:] == [",", "please"]:
        return "req"
    if first in _FIRST_PERSON:
        return "i"
    if first in _SECOND_PERSON:
        return "you"
    if first in _STATEMENT_OPENERS:
        return "stmt"
    return "order"  # a bare opening word is most often a verb: "ignore", "print", "tell"


def _strip_vocative(tokens: list[str]) -> tuple[list[str], bool]:
    """``tokens`` without an opening "hi AI," / "assistant:", and whether one was there."""
    i = 0
    while i < len(tokens) and tokens[i] in _GREETING:
        i += 1
    if i < len(tokens) and tokens[i] == "the":
        i += 1
    if i + 1 < len(tokens) and tokens[i] in MACHINE_WORDS and tokens[i + 1] in {",", ":"}:
        return tokens[i + 2 :], True
    return tokens, False


@per_run
def english_structure(sentence: str) -> tuple[str, ...]:
    """Mood, machine vocative and owned topic words of one (folded) English sentence."""
    tokens, spoken = _strip_vocative(_TOKEN.findall(sentence))
    mood = _mood(tokens)
    addressed = "voc" if spoken else "novoc"
    out = [f"em:{mood}", f"em:{mood}+{addressed}"]
    for i, token in enumerate(tokens):
        if token not in _TOPIC:
            continue
        owner = next((_OWNERS[t] for t in reversed(tokens[max(0, i - 3) : i]) if t in _OWNERS), "-")
        out.append(f"et:{mood}+{owner}")
        out.append(f"et:{mood}+{owner}+{token}")
        out.append(f"et:{addressed}+{owner}+{token}")
    return tuple(out)

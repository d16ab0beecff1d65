"""Negatives that several readers share: our own refusal, and the negative that asks.

* A prohibition to the reader: "never share", "do not send", "don’t reply" (``EN_DO_NOT``),
  read by the agent-instruction detector, the secret-warning check and the offline drafter.
* A refusal in our own words: English "we cannot" / "I'm not able to" (``EN_CANNOT``), and the
  softer way to say it (``unable_to``). The offline drafter softens it in KB text it copies;
  the ``tone`` check suggests the same wording to the agent.
* A Japanese negative followed by か or でしょう asks instead of denying (「変更できませんか」,
  「ご確認いただけませんでしょうか」): no refusal, no negated intent (``asks_after_negative``).
"""

from __future__ import annotations

# "never", "do not", "don't" (straight or curly apostrophe) opening a prohibition.
EN_DO_NOT = r"(?:never|do\s+not|don['’]t)"
# "cannot" and its paraphrases after a subject ("we cannot", "I am not able to").
EN_CANNOT = r"(?:cannot|can't|can not|are not able to|am not able to)"

# What follows a Japanese negative when it is a question or a polite request.
JA_ASKING_TAIL = ("でしょう", "か")
# The same as a regular-expression body (for a lookahead after a negative form).
JA_ASKING_TAIL_RE = "|".join(JA_ASKING_TAIL)


def unable_to(subject: str) -> str:
    """The soft form of "<subject> cannot": "I'm afraid we're unable to " ("we") or "I'm"."""
    who = "we're" if subject.lower() == "we" else "I'm"
    return f"I'm afraid {who} unable to "


def asks_after_negative(rest: str) -> bool:
    """Whether ``rest``, the words after a Japanese negative, turn it into an ask.

    「変更できません」 refuses; 「変更できませんか」 and 「できませんでしょうか」 ask.
    """
    return rest.startswith(JA_ASKING_TAIL)

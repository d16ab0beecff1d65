"""A command: a sentence telling its reader to do something.

"Ask the customer ...", "Send us a photo", 「写真を添えてご連絡ください」.

One reading for every caller: the agent-text reader (``agent_directed``: a command about the
customer is an agent's step) and the offline drafter's answer check (``offline_check``: a
command to the customer is the way asked by "what should I do?").

- English: the main clause, after a leading adverbial clause ("If it stays closed, ...") and
  leading adverbs ("Please", "Then", "Never"), opens with a verb in its base form (lemminflect
  lexicon). A first word that may also be a noun must be followed by a function word ("Check
  the logs", "Send us ...", "Tell her ..."): a noun compound opening a statement ("Plan upgrades
  take effect", "Tier 2 members get ...") is no command. A verb whose object is "you" is a
  formula ("Thank you", "See you soon"): a command does not take its reader as object.
- Japanese: a request ending (〜ください / 〜下さい).
"""

from __future__ import annotations

import re

from guardrails.text.negation import EN_DO_NOT
from guardrails.text.word_class import classes_of, is_base_verb

# Leading words that keep a sentence a command: "Please ask", "Always check", "Then enter".
_EN_LEAD = re.compile(
    rf"^\W*(?:(?:please|just|simply|always|first|then|next|also|finally|{EN_DO_NOT})\b[,]?\s+)+",
    re.IGNORECASE,
)
# A leading adverbial clause ("If the customer asks, ...", "Before deleting, ...").
_EN_CLAUSE = re.compile(
    r"^\W*(?:if|when|whenever|before|after|once|where|unless)\b[^,]{0,120},\s*", re.IGNORECASE
)
_EN_WORD = re.compile(r"[A-Za-z0-9']+")
# Words after a verb that may also be a noun which make it a verb ("Check the", "Send us").
_EN_AFTER_VERB = frozenset(
    "the a an your us me it them this that these those our back up out in on off to with "
    "for from him her his their its my".split()
)
_JA_REQUEST = re.compile(r"(?:ください|下さい)[。．.!！]*$")


def main_clause(sentence: str) -> str:
    """An English sentence from its main clause's first word ("If ..., please ask" -> "ask ...")."""
    return _EN_LEAD.sub("", _EN_CLAUSE.sub("", sentence.strip()))


def is_command(sentence: str, language: str) -> bool:
    """Whether ``sentence`` tells its reader to do something (see module doc)."""
    if language == "ja":
        return bool(_JA_REQUEST.search(sentence.strip()))
    words = _EN_WORD.findall(main_clause(sentence)[:60])
    if not words or not is_base_verb(words[0]):
        return False
    after = words[1].lower() if len(words) > 1 else ""
    if after == "you":
        return False
    if not after or "NOUN" not in classes_of(words[0]):
        return True
    return after in _EN_AFTER_VERB or not classes_of(after) and not after.isdigit()

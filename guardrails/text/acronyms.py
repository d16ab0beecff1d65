"""Acronyms a text spells out: "two-factor authentication" is 2FA (and TFA), "single sign-on" SSO.

Customers write the short form, help articles often the long one (or the other way round).
Each run of three or four words is read as the initials it would abbreviate to, a number word
as its digit ("two" -> 2), so an acronym in a question meets the phrase in an article.
"""

from __future__ import annotations

import re

from guardrails.run_memo import per_run

_WORD = re.compile(r"[A-Za-z]+")
_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
# Function words are skipped by most acronyms ("Bring Your Own Device" keeps them, rarely).
_SKIPPED = frozenset("a an the of and or for to in on with by".split())
_ACRONYM = re.compile(r"^(?=.*[a-z])[0-9a-z]{3,4}$")


@per_run
def spelled_acronyms(text: str) -> frozenset[str]:
    """The lower-case acronyms of every three- or four-word run of ``text`` (split on '-').

    Runs are read with and without function words ("single sign-on" -> sso, "terms of
    service" -> tos).
    """
    every = [w.lower() for w in _WORD.findall(text)]
    found: set[str] = set()
    for words in (every, [w for w in every if w not in _SKIPPED]):
        for start in range(len(words)):
            for size in (3, 4):
                run = words[start : start + size]
                if len(run) < size:
                    break
                found.add("".join(w[0] for w in run))
                found.add("".join(_NUMBERS.get(w, w[0]) for w in run))
    return frozenset(found)


def looks_like_acronym(term: str) -> bool:
    """Whether a term could be an acronym: 3-4 letters or digits, with a letter ("2fa", "sso")."""
    return bool(_ACRONYM.match(term))

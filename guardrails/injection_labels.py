"""A customer's own field label ("Gift instructions:", "Delivery notes:"), blanked before scoring.

Order forms and customers' emails head a line with a label naming their own thing and what
the line holds: "Gift instructions: please confirm the card wording in your reply", "Delivery
notes: leave it with the neighbour". The classifier learnt "instructions:" from attacks
("New instructions:", "System instructions:") and reads the customer's label the same way.
A label is the customer's when every word before its head is a noun, and none names the
reader, a machine or an authority over the service ("System instructions:", "Admin notes:")
nor a kind of order ("New", "Updated", "Important", "Secret": adjectives). Only the label is
blanked; what follows it is scored as before, and the patterns and notice rules read the
whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.injection_english import MACHINE_WORDS
from guardrails.text.word_class import classes_of

# A label at a line's or a sentence's start: one or two words, a head noun, a colon. Lower-case
# text (the injection check's fold).
_LABEL = re.compile(
    r"(?:^|(?<=[.!?]\s))[ \t]*(?P<words>(?:[a-z][a-z-]*[ \t]+){1,2}?)"
    r"(?:instructions?|notes?|requests?|details|preferences|requirements)[ \t]*:",
    re.MULTILINE,
)
# Words that make a label an authority's or the reader's, whatever their word class.
_NOT_OWN = MACHINE_WORDS | frozenset(
    "admin administrator operator developer platform management security override priority "
    "debug prompt root master staff agent support internal".split()
)


def _own_modifier(word: str) -> bool:
    """Whether ``word`` can head a customer's label: a noun, never an adjective or authority."""
    classes = classes_of(word)
    return word not in _NOT_OWN and "NOUN" in classes and "ADJ" not in classes


class CustomersLabel:
    """A customer's field label (see the module docstring), as a blanking rule."""

    def finditer(self, string: str, /) -> Iterator[re.Match[str]]:
        """Each label at a line's or sentence's start whose words are the customer's nouns."""
        return (
            m
            for m in _LABEL.finditer(string)
            if all(_own_modifier(word) for word in m.group("words").split())
        )


CUSTOMERS_LABEL = CustomersLabel()

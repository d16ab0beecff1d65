"""English person-name recognizer without a statistical model.

Candidates are runs of capitalised tokens; each is scored from the shipped first/last-name
ranks (``names.NameLexicon``), how common the word is in English (wordfreq), a title or a
context phrase before it, and organisation/place cues that veto it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pycountry
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.pii.names import NameLexicon, word_commonness

_TOKEN = r"(?:[A-Z][a-z]?\.|(?:Mc|Mac|O'|D')?[A-Z\u00c0-\u00de][\w'\u2019\-]*[a-z\u00df-\u00ff]\w*)"
_PARTICLE = r"(?:van|von|der|den|de|da|di|del|du|la|le|ten|ter|bin|al|el)"
_RUN = re.compile(rf"(?<![\w@.]){_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TOKEN}){{0,3}}(?![\w@])")
_WORD = re.compile(rf"{_TOKEN}|{_PARTICLE}")

_TITLES = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|Dame|Lord|Lady|Rev|Fr|Capt|Sgt)\.?"
    r"|\b(?:Dear|Hi|Hello|Hey|Thanks|Thank you|Regards|Cheers|Sincerely|Best|From|Attn|Cc)"
    r"|\b(?:name is|name's|I'm|I am|this is|called|named|says|said|by|with|ask|asked|told|"
    r"contact|call|email|and|meet|met|to|for))"
    r"[ ,:\t]*(?:\n[ \t]*)?$"
)
_AFTER_VERB = re.compile(r"^[ ,]+(?:says|said|wrote|asked|told|replied|explained|added)\b")
_ORG_SUFFIX = re.compile(
    r"^[ ,]*(?:Inc|Ltd|LLC|LLP|PLC|GmbH|AG|SA|SAS|BV|Corp|Corporation|Co|Company|Group|"
    r"Associates|Partners|Holdings|Bank|University|College|Institute|Foundation|Hotel|Airlines|"
    r"Street|St|Avenue|Ave|Road|Rd|Lane|Boulevard|Blvd|Park|Square|River|Mountain|City)\b"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"'(]\s*)$")

_COMMON = 4.0  # zipf above which a capitalised word may be a word rather than a name
_INITIAL = re.compile(r"[A-Z]\.?")
_NOT_NAMES = frozenset(
    "Mr Mrs Ms Miss Mx Dr Prof Sir Madam Dame Lord Lady Rev Dear Hi Hello Hey Thanks Thank "
    "Regards Cheers Sincerely Best Kind Warm Yours From To Cc Re Fwd Attn Subject Sent I I'm "
    "My Our Your We You He She They It The A An This That These Those Please Yes No OK Ok "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "June July August September October November December Team Support Customer Service".split()
)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    names = {c.name for c in pycountry.countries}
    names |= {getattr(c, "common_name", c.name) for c in pycountry.countries}
    names |= {s.name for s in pycountry.subdivisions}
    return frozenset(names)


class EnglishNameRecognizer(EntityRecognizer):
    """PERSON from name lists, capitalisation, titles and context (no spaCy model)."""

    def __init__(self, lexicon: NameLexicon, threshold: float = 0.5) -> None:
        self.lexicon = lexicon
        self.threshold = threshold
        super().__init__(
            supported_entities=["PERSON"], supported_language="en", name="EnglishNameRecognizer"
        )

    def load(self) -> None:
        """Nothing to load: the lexicon is passed in, already built."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return PERSON results for ``text``."""
        return [
            RecognizerResult("PERSON", start, end, score)
            for start, end, score in self.spans(text)
            if score >= self.threshold
        ]

    def spans(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Yield ``(start, end, score)`` for every scored candidate run."""
        for match in _RUN.finditer(text):
            yield from self._score_run(text, match.start(), match.group())

    def _score_run(self, text: str, start: int, run: str) -> Iterator[tuple[int, int, float]]:
        words = [(m.start() + start, m.group()) for m in _WORD.finditer(run)]
        # Greetings, pronouns and months are never part of a name; nor is a sentence-initial
        # word that is more common as a word ("Please", "Street").
        while words and (
            words[0][1].rstrip(".") in _NOT_NAMES
            or (_SENTENCE_START.search(text[: words[0][0]]) and self._known(words[0][1]) < 0.5)
        ):
            words.pop(0)
        while words and (words[-1][1] in _NOT_NAMES or re.fullmatch(_PARTICLE, words[-1][1])):
            words.pop()
        if not words:
            return
        begin, end = words[0][0], words[-1][0] + len(words[-1][1])
        tokens = [w for _, w in words if not re.fullmatch(_PARTICLE, w)]
        if text[begin:end] in _place_names() or _ORG_SUFFIX.match(text[end:]):
            return
        yield begin, end, self._score(text, begin, end, tokens)

    def _score(self, text: str, begin: int, end: int, tokens: list[str]) -> float:
        cue = bool(_TITLES.search(text[max(0, begin - 20) : begin])) or bool(
            _AFTER_VERB.match(text[end : end + 12])
        )
        full = [t for t in tokens if not _INITIAL.fullmatch(t)]
        if not full:
            return 0.0
        known = [self._known(t) for t in full]
        if (
            len(tokens) >= 2
            and self._is_given_name(full[0])
            and all(
                word_commonness(t) < _COMMON or k >= 0.5
                for t, k in zip(full[1:], known[1:], strict=True)
            )
        ):
            score = 0.9  # "Teresa Kreutzmann": a given name then name-like words
        elif len(tokens) >= 2:
            score = 0.3 + 0.65 * sum(known) / len(known)
        else:
            score = 0.55 * known[0]
        if cue:
            score += 0.35
        return max(0.0, min(score, 1.0))

    def _is_given_name(self, token: str) -> bool:
        return self.lexicon.first_rank(token) <= 2000 and self._known(token) >= 0.6

    def _known(self, token: str) -> float:
        """How name-like one token is, from 0 (unknown) to 1 (a popular name, rare as a word)."""
        rank = min(self.lexicon.first_rank(token), self.lexicon.last_rank(token))
        if rank > 20000 or token in _NOT_NAMES:
            return 0.0
        common = word_commonness(token)
        if common < _COMMON:
            return 1.0
        if common < 5.5:
            return 1.0 if rank <= 20 else 0.6 if rank <= 200 else 0.2
        return 0.3 if rank <= 5 else 0.05

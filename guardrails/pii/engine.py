"""The PII detector: Presidio built fully offline, English and Japanese recognizers.

Build it once per process with :meth:`PiiEngine.build`; ``analyze`` is thread-safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tldextract
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    Pattern,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UsSsnRecognizer,
)

from guardrails.language import detect_language, normalise_width
from guardrails.pii.entities import PiiEntity
from guardrails.pii.names import NameLexicon
from guardrails.pii.recognizers_en import EnglishNameRecognizer
from guardrails.pii.recognizers_ja import JapaneseNameRecognizer, japanese_pattern_recognizers
from guardrails.pii.secrets import secret_recognizers

# The bundled public-suffix snapshot; an empty URL list means it never fetches one.
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
SCORE_THRESHOLD = 0.5
CONTEXT_BOOST = 0.35  # Presidio's default context similarity factor
CONTEXT_WINDOW = 40  # characters before a value searched for a context word
# ASCII lookarounds instead of \b, which never matches between kana and Latin letters.
_EMAIL = Pattern(
    "email_any_script",
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?![A-Za-z0-9-])",
    0.5,
)
# Presidio's card pattern with digit lookarounds instead of \b, which fails next to kana.
_CARD = Pattern(
    "card_any_script",
    r"(?<!\d)(?!1\d{12}(?!\d))((4\d{3})|(5[0-5]\d{2})|(6\d{3})|(1\d{3})|(3\d{3}))"
    r"[- ]?(\d{3,4})[- ]?(\d{3,4})[- ]?(\d{3,5})(?!\d)",
    0.3,
)
LANGUAGES = ("en", "ja")


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recognizer validating domains without fetching the suffix list."""

    def validate_result(self, pattern_text: str) -> bool:
        """Accept an address whose domain has a known public suffix."""
        return bool(_OFFLINE_TLD(pattern_text.rsplit("@", 1)[-1]).fqdn)


class ValidPhoneRecognizer(PhoneRecognizer):
    """Presidio's phone recognizer; a number libphonenumber validates scores 0.6 here.

    Presidio scores it 0.4 and relies on a spaCy context enhancer we do not run.
    """

    SCORE = 0.6


def generic_recognizers(language: str) -> list[EntityRecognizer]:
    """Email, card, IBAN, IP and secrets for ``language`` (Presidio registers few for ja)."""
    recognizers: list[EntityRecognizer] = [
        OfflineEmailRecognizer(supported_language=language, patterns=[_EMAIL]),
        CreditCardRecognizer(supported_language=language, patterns=[_CARD]),
        IbanRecognizer(supported_language=language),
        IpRecognizer(supported_language=language),
    ]
    return recognizers + secret_recognizers(language)


def english_pattern_recognizers() -> list[EntityRecognizer]:
    """Presidio's English-only pattern recognizers we use: phone and SSN."""
    return [ValidPhoneRecognizer(supported_language="en"), UsSsnRecognizer(supported_language="en")]


def _build_analyzer(recognizers: Iterable[EntityRecognizer]) -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    # No-op NLP engine: nothing downloads or loads a spaCy model; our recognizers do
    # their own tokenisation where they need it.
    nlp = NoOpNlpEngine(models=[{"lang_code": lang, "model_name": "none"} for lang in LANGUAGES])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=list(LANGUAGES))


def _resolve(entities: list[PiiEntity]) -> list[PiiEntity]:
    """Drop overlaps, keeping the higher score, then the longer span."""
    kept: list[PiiEntity] = []
    for ent in sorted(entities, key=lambda e: (-e.score, -(e.end - e.start), e.start)):
        if not any(ent.overlaps(k) for k in kept):
            kept.append(ent)
    return sorted(kept, key=lambda e: e.start)


class PiiEngine:
    """Detects personal data in English and Japanese text; spans index the original text."""

    def __init__(self, analyzer: AnalyzerEngine, threshold: float = SCORE_THRESHOLD) -> None:
        self.analyzer = analyzer
        self.threshold = threshold
        self._context: dict[tuple[str, str], tuple[str, ...]] = {
            (str(getattr(r, "name", "")), str(r.supported_language)): tuple(r.context or ())
            for r in analyzer.registry.recognizers
        }

    @classmethod
    def build(cls, *, name_cache_dir: Path | None = None) -> PiiEngine:
        """Build the offline engine (loads name lists and Sudachi; a few seconds, once)."""
        lexicon = NameLexicon.load(name_cache_dir)
        recognizers: list[EntityRecognizer] = [
            *generic_recognizers("en"),
            *generic_recognizers("ja"),
            *english_pattern_recognizers(),
            EnglishNameRecognizer(lexicon),
            *japanese_pattern_recognizers(),
            JapaneseNameRecognizer(),
        ]
        return cls(_build_analyzer(recognizers))

    def analyze(
        self,
        text: str,
        language: str | None = None,
        *,
        known_names: Iterable[str] = (),
        entities: list[str] | None = None,
    ) -> list[PiiEntity]:
        """Return non-overlapping entities in ``text`` (language detected when None).

        ``known_names`` are names the request gives (customer, agent, authors): they are
        always found, whatever the recognizers think of them.
        """
        lang = language if language in LANGUAGES else detect_language(text)
        folded = normalise_width(text)  # same length, so spans stay valid in ``text``
        results = self.analyzer.analyze(folded, language=lang, entities=entities)
        found = [e for e in (self._with_context(folded, r, lang) for r in results) if e]
        if entities is None or "PERSON" in entities:
            found += known_name_entities(folded, known_names)
        return _resolve(found)

    def _with_context(self, text: str, result: RecognizerResult, lang: str) -> PiiEntity | None:
        """Boost a weak result when its recognizer's context word precedes it; apply threshold.

        Presidio's own enhancer needs spaCy lemmas, which the no-op NLP engine lacks.
        """
        meta = result.recognition_metadata or {}
        name = str(meta.get("recognizer_name", "unknown"))
        score = float(result.score)
        if score < self.threshold:
            window = text[max(0, result.start - CONTEXT_WINDOW) : result.start].lower()
            if any(word.lower() in window for word in self._context.get((name, lang), ())):
                score += CONTEXT_BOOST
        if score < self.threshold:
            return None
        return PiiEntity(
            result.entity_type, result.start, result.end, round(min(score, 1.0), 3), name
        )


def known_name_entities(text: str, names: Iterable[str]) -> list[PiiEntity]:
    """Find each given name, and each part of a multi-word name, as PERSON."""
    entities: list[PiiEntity] = []
    for pattern in _name_patterns(names):
        entities += [
            PiiEntity("PERSON", m.start(), m.end(), 1.0, "KnownNameRecognizer")
            for m in pattern.finditer(text)
        ]
    return entities


def _name_patterns(names: Iterable[str]) -> list[re.Pattern[str]]:
    parts: set[str] = set()
    for name in names:
        folded = normalise_width(name).strip()
        if len(folded) >= 2:
            parts.add(folded)
            parts.update(p for p in re.split(r"[\s・]+", folded) if len(p) >= 2)
    # Longest first so "Maria Lopez" wins over "Maria"; word boundaries only for Latin.
    return [
        re.compile(rf"(?<!\w){re.escape(p)}(?!\w)" if p.isascii() else re.escape(p))
        for p in sorted(parts, key=len, reverse=True)
    ]

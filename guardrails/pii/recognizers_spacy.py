"""An operator-installed spaCy model as an extra English PERSON recognizer (optional).

replydraft ships no spaCy model (none is official on PyPI and nothing may download one at run
time). An operator who installed one names it (``REPLYDRAFT_SPACY_MODEL``: a package name
or a path); its PERSON entities then add to the shipped name recognizer.
"""

from __future__ import annotations

from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.pii.languages import latin_view

SPACY_SCORE = 0.85
_PERSON_LABELS = frozenset({"PERSON", "PER"})


class SpacyModelUnavailableError(RuntimeError):
    """The configured spaCy model is not installed here (never downloaded on demand)."""


def load_spacy_model(name: str) -> Any:
    """Load an installed spaCy pipeline by package name or path, or fail clearly."""
    try:
        import spacy

        return spacy.load(name)
    except (ImportError, OSError) as exc:
        raise SpacyModelUnavailableError(
            f"spaCy model {name!r} is not installed; install it or unset REPLYDRAFT_SPACY_MODEL"
        ) from exc


class SpacyPersonRecognizer(EntityRecognizer):
    """PERSON entities from a spaCy pipeline's named-entity recognizer."""

    def __init__(self, nlp: Any, supported_language: str = "en") -> None:
        self.nlp = nlp
        super().__init__(
            supported_entities=["PERSON"],
            name="SpacyPersonRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        """Nothing to load: the pipeline is passed in."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return one result per PERSON entity spaCy finds in ``text``'s Latin stretches."""
        if "PERSON" not in entities:
            return []
        return [
            RecognizerResult(
                "PERSON",
                ent.start_char,
                ent.end_char,
                SPACY_SCORE,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: "SpacyPersonRecognizer",
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for ent in self.nlp(latin_view(text)).ents
            if ent.label_ in _PERSON_LABELS
        ]

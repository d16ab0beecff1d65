"""An operator-installed spaCy model adds English PERSON detection (REPLYDRAFT_SPACY_MODEL).

No spaCy model ships on PyPI officially; the test builds a tiny real pipeline on disk (a blank
English pipeline with an entity ruler) and loads it by path, as an operator's model would be.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from guardrails.pii import PiiEngine
from guardrails.pii.recognizers_spacy import SpacyModelUnavailableError
from service.errors import ConfigurationError
from service.runtime import Runtime
from service.settings import Settings

ODD_NAME = "Zxq Vurbleton"  # in no name list: only the spaCy model can know it


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": ODD_NAME}])  # type: ignore[attr-defined]
    path = tmp_path_factory.mktemp("spacy") / "ner-model"
    nlp.to_disk(path)
    return path


def test_spacy_person_entities_are_added(model_path: Path) -> None:
    text = f"Please forward this to {ODD_NAME} in accounting."
    without = PiiEngine.build().analyze(text, "en")
    with_model = PiiEngine.build(spacy_model=str(model_path)).analyze(text, "en")
    assert not any(text[e.start : e.end] == ODD_NAME for e in without)
    found = [e for e in with_model if text[e.start : e.end] == ODD_NAME]
    assert found and found[0].type == "PERSON" and found[0].recognizer == "SpacyPersonRecognizer"


def test_missing_model_fails_clearly() -> None:
    with pytest.raises(SpacyModelUnavailableError, match="not installed"):
        PiiEngine.build(spacy_model="xx_no_such_model_sm")


def test_missing_model_is_a_startup_configuration_error(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", spacy_model="xx_no_such_model_sm"
    )
    with pytest.raises(ConfigurationError, match="xx_no_such_model_sm"):
        Runtime.build(settings)

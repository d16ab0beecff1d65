"""The detector's version: one digest, derived from what decides the findings.

Anything that keeps findings across runs (the eval cache of entity offsets) keys them by
:func:`detector_version`, so a changed recognizer, rule, name list or model weight, or another
version of a library the detector runs on, makes old findings miss instead of being reused.
It is a digest of the package version, the versions of the libraries whose data or models
change findings (Presidio, SudachiPy and its dictionary, phonenumbers, names-dataset,
wordfreq, pycountry, spaCy and, when one is used, its model), and the bytes of the detector's
own files (its modules, its shipped lists and weights, and the modules it reads text through). The
file bytes cannot fall behind the sources; the two lists below (libraries, and modules
outside ``guardrails/pii``) are declared by hand, here and only here: a new dependency of
the detector must be added to them.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from guardrails.source_digest import add_files, shipped_files

_PII = Path(__file__).resolve().parent
_GUARDRAILS = _PII.parent
# The modules outside ``guardrails/pii`` whose rules change what the detector finds: the
# normaliser every text is folded by, the language and script tests, the Japanese tokenizer
# and counter reader, the run memo, the sentence cutter, the English word list of names.
_READ_THROUGH = (
    "normalise.py",
    "language.py",
    "japanese.py",
    "run_memo.py",
    "sentences.py",
    "text/word_class.py",
)
_LIBRARIES = (
    "replydraft",
    "presidio-analyzer",
    "sudachipy",
    "sudachidict-core",
    "phonenumbers",
    "names-dataset",
    "pycountry",
    "spacy",
    # English word frequencies: whether a capitalised word is a word or a name.
    "wordfreq",
)


def detector_files() -> list[Path]:
    """Every file whose bytes the detector version covers, in a fixed order."""
    return shipped_files(_PII) + [_GUARDRAILS / name for name in _READ_THROUGH]


@cache
def detector_version(spacy_model: str | None = None) -> str:
    """A short digest of the package and library versions and the detector's files.

    ``spacy_model`` is the spaCy pipeline the engine adds (``PiiEngine.build``), if any: its
    package's version is part of the digest.
    """
    digest = hashlib.blake2b(digest_size=8)
    for library in (*_LIBRARIES, *((spacy_model,) if spacy_model else ())):
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library}={version}\0".encode())
    add_files(digest, _GUARDRAILS, detector_files())
    return digest.hexdigest()

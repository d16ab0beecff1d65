"""The PII detector: Presidio built fully offline, English and Japanese recognizers.

Build it once per process with :meth:`PiiEngine.build`; ``analyze`` is thread-safe.

Speed: recognizers whose cheap prefilter fails are not run (no ``@``: no email; no digit:
no phone, card, SSN, IBAN, street address...; no "::", no dot between digits and no colon
between letters or digits: no IP), and the raw findings of the last few
texts are kept in a small LRU keyed by a BLAKE2 digest of (language, text) - never the
text - so the two outbound guardrails scanning the same draft run the recognizers once.
Inside an :func:`analysis_memo` block (one request's masking), a text's folding, a name list's
patterns and a whole analysis are computed once and dropped when the block ends.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple, cast

import tldextract
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    Pattern,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import EmailRecognizer, IpRecognizer

from guardrails.digest_cache import DigestLru
from guardrails.normalise import NormalisedText, normalise
from guardrails.pii.entities import CONTEXT_WINDOW, SENSITIVE_TYPES, PiiEntity
from guardrails.pii.languages import LANGUAGES, latin_view, reading_languages
from guardrails.pii.names import NameLexicon, fold_apostrophes
from guardrails.pii.recognizers_address import StreetAddressRecognizer
from guardrails.pii.recognizers_en import EnglishNameRecognizer
from guardrails.pii.recognizers_generic import (
    CardNumberRecognizer,
    CaseInsensitiveIbanRecognizer,
    PhoneNumberRecognizer,
    SampleAwareSsnRecognizer,
)
from guardrails.pii.recognizers_ja import (
    HONORIFIC,
    JaMyNumberRecognizer,
    JapaneseNameRecognizer,
    japanese_pattern_recognizers,
)
from guardrails.pii.recognizers_spacy import SpacyPersonRecognizer, load_spacy_model
from guardrails.pii.secrets import SECRET_CUE, secret_recognizers
from guardrails.run_memo import memoised, recalled, run_memo
from guardrails.text.word_class import is_known_word

# The bundled public-suffix snapshot; an empty URL list means it never fetches one.
_OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
SCORE_THRESHOLD = 0.5
CONTEXT_BOOST = 0.35  # Presidio's default context similarity factor
KNOWN_NAME = "KnownNameRecognizer"  # the recognizer of the names a request gives
# ASCII lookarounds instead of \b, which never matches between kana and Latin letters.
_EMAIL = Pattern(
    "email_any_script",
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?![A-Za-z0-9-])",
    0.5,
)
# One request's masking analyses copies of the same texts with the same known names (the latest
# message again in the prompt, the stored copy): inside a ``run_memo`` block each analysis and
# name-pattern list is computed once (and each fold: ``normalise`` is memoised per run itself),
# and dropped when the block ends (never process-wide).
analysis_memo = run_memo


# Email-shaped strings that are file names ("logo@2x.png"), not addresses.
_FILE_SUFFIX = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp|ico|css|js|pdf|txt)$", re.I)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email recognizer, offline, that also keeps addresses on unlisted TLDs.

    Presidio drops an address whose domain has no public suffix (tldextract), so
    ``jane.roe@partner.example`` or an intranet ``name@corp.internal`` would reach the
    model unmasked. Here a known suffix makes it certain (1.0) and any other email-shaped
    string keeps the pattern's score (0.5, at the threshold): masking one that is not an
    address costs little, leaking one that is costs a lot.
    """

    def validate_result(self, pattern_text: str) -> bool | None:
        """1.0 for a known public suffix; the pattern score for others; drop file names."""
        domain = pattern_text.rsplit("@", 1)[-1]
        if _OFFLINE_TLD(domain).fqdn:
            return True
        return False if _FILE_SUFFIX.search(domain) else None


class LatinIpRecognizer(IpRecognizer):
    """Presidio's IP recognizer on the text's Latin stretches (``latin_view``).

    Its patterns need a word boundary around the address, which a kana next to it
    ("IPは192.168.10.5です") is not.
    """

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's results on ``latin_view(text)`` (same offsets)."""
        results: list[RecognizerResult] = super().analyze(
            latin_view(text), entities, nlp_artifacts, regex_flags
        )
        return results


def generic_recognizers(language: str) -> list[EntityRecognizer]:
    """Email, card, IBAN, IP, street address and secrets for ``language``."""
    recognizers: list[EntityRecognizer] = [
        OfflineEmailRecognizer(supported_language=language, patterns=[_EMAIL]),
        CardNumberRecognizer(supported_language=language),
        CaseInsensitiveIbanRecognizer(supported_language=language),
        LatinIpRecognizer(supported_language=language, name="IpRecognizer"),
        StreetAddressRecognizer(supported_language=language),
    ]
    return recognizers + secret_recognizers(language)


def english_pattern_recognizers() -> list[EntityRecognizer]:
    """English-only pattern recognizers: phone (ours) and Presidio's SSN (sample-aware)."""
    return [
        PhoneNumberRecognizer(supported_language="en"),
        SampleAwareSsnRecognizer(supported_language="en"),
        JaMyNumberRecognizer(supported_language="en", score=0.3),
    ]


class _NoContextEnhancer(ContextAwareEnhancer):
    """Skips Presidio's lemma enhancer: it needs spaCy lemmas and deep-copies every result.

    ``PiiEngine._with_context`` applies the context words itself.
    """

    def __init__(self) -> None:
        super().__init__(CONTEXT_BOOST, 0.4, 5, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return the results unchanged."""
        return raw_results


def _build_analyzer(recognizers: Iterable[EntityRecognizer]) -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    # No-op NLP engine: nothing downloads or loads a spaCy model; our recognizers do
    # their own tokenisation where they need it.
    nlp = NoOpNlpEngine(models=[{"lang_code": lang, "model_name": "none"} for lang in LANGUAGES])
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp,
        supported_languages=list(LANGUAGES),
        context_aware_enhancer=_NoContextEnhancer(),
    )


def _resolve(entities: list[PiiEntity], text: str = "") -> list[PiiEntity]:
    """Non-overlapping findings that together cover every character of every finding.

    Overlaps keep the higher score, then a sensitive type, then the longer span; a finding
    that loses but reaches past the kept one it overlaps ("Apt 03" of an address inside the
    phone "03-1234-5678" after it) widens the kept finding to the union: no part of any
    finding is left in clear. Where one finding bridges two kept ones, the gap goes to the
    kept one before it (each kept finding keeps its type; placeholders never overlap). What a
    finding holds past the kept ones that is no personal data (``text`` given: white space,
    punctuation, an honorific: the recognizer's "池田様" around the customer's known "池田")
    widens nothing, so a known name stays the customer's value.

    Kept spans never overlap, so sorted by start their ends are sorted too: one bisection
    finds the only kept spans a candidate could overlap (n log n, not n squared).
    """
    starts: list[int] = []
    kept: list[PiiEntity] = []
    ranked = sorted(
        _without_names_inside_values(entities),
        key=lambda e: (-e.score, e.type not in SENSITIVE_TYPES, -(e.end - e.start), e.start),
    )
    dropped: list[PiiEntity] = []
    for ent in ranked:
        i = bisect.bisect_left(starts, ent.start)
        if (i < len(kept) and kept[i].start < ent.end) or (i > 0 and kept[i - 1].end > ent.start):
            dropped.append(ent)
            continue
        starts.insert(i, ent.start)
        kept.insert(i, ent)
    if text:
        dropped = [d for d in (_without_bare_ends(d, kept, starts, text) for d in dropped) if d]
    return _widened(kept, dropped, text) if dropped else kept


# What a finding may hold around a value that is no personal data: white space, punctuation
# and symbols, and an honorific or title after a name (様, さん, 部長).
_NO_DATA = re.compile(r"[\W_]*")
# White space and punctuation stripped around an honorific ("様\n\n", "さん、").
_NO_DATA_CHARS = " \t\r\n\u3000、。,.!?:;"


def _without_bare_ends(
    ent: PiiEntity, kept: list[PiiEntity], starts: list[int], text: str
) -> PiiEntity | None:
    """``ent`` without its ends outside ``kept`` that hold no personal data (None if nothing).

    Only the ends: a part between two kept findings, or one with a letter or digit that is no
    honorific, is kept whole.
    """
    i = bisect.bisect_left(starts, ent.end) - 1  # the last kept finding starting before its end
    start, end = ent.start, ent.end
    if 0 <= i and kept[i].start < end and kept[i].end < end:
        tail = text[kept[i].end : end]
        bare = _NO_DATA.fullmatch(tail) or HONORIFIC.fullmatch(tail.strip(_NO_DATA_CHARS))
        if bare:
            end = kept[i].end
    j = bisect.bisect_right(starts, ent.start)  # the first kept finding starting after its start
    if j < len(kept) and kept[j].start < end and _NO_DATA.fullmatch(text[start : kept[j].start]):
        start = kept[j].start
    if start >= end or any(k.start <= start and end <= k.end for k in kept[max(0, j - 1) : j + 1]):
        return None
    return ent if (start, end) == (ent.start, ent.end) else replace(ent, start=start, end=end)


# A separator between two listed values ("田中花子・山本太郎", "Emily Chen / Gareth Pryce"):
# not a hyphen, an apostrophe or a dot, which join the parts of one name (Chen-Pryce).
_LIST_SEPARATOR = r"\s*[・、,/;&]\s*"
_SEPARATOR_AFTER = re.compile(_LIST_SEPARATOR)
_SEPARATOR_BEFORE = re.compile(_LIST_SEPARATOR + r"\Z")


def _split_listed(
    text: str, source: PiiEntity, lo: int, hi: int, extra: list[PiiEntity], *, head: bool
) -> int:
    """Where a kept finding's cover starts (``head``) or ends, past ``text[lo:hi]``.

    ``text[lo:hi]`` is what the dropped ``source`` holds before (``head``) or after the kept
    finding. A value past a list separator there is ``source``'s own finding (added to
    ``extra``) and the kept finding is not widened; else it is widened over all of it.
    """
    if lo >= hi:
        return lo if head else hi
    if head:
        sep = _SEPARATOR_BEFORE.search(text, lo, hi)
        if sep and lo < sep.start():
            extra.append(replace(source, start=lo, end=sep.start()))
            return hi
        return lo
    after = _SEPARATOR_AFTER.match(text, lo, hi)
    if after and after.end() < hi:
        extra.append(replace(source, start=after.end(), end=hi))
        return lo
    return hi


def _widened(kept: list[PiiEntity], dropped: list[PiiEntity], text: str = "") -> list[PiiEntity]:
    """``kept`` (sorted, disjoint) widened to cover every overlapping ``dropped`` finding.

    Overlapping spans form groups (a dropped finding overlaps at least one kept one); each
    group is covered by its kept findings alone: the first reaches back to the group's start,
    each one forward to the next one's start, the last to the group's end. With ``text``, a
    gap between two kept findings that holds no personal data (spaces, punctuation, the ・ or
    / between two names) is no one's: "Emily Chen・John Smith" found whole stays two names;
    and what a dropped finding holds past a list separator before the first kept finding or
    after the last ("花子・山本太郎" past the customer's known "花子") is a finding of its own
    (the dropped one's type), not a part of the customer's value.
    """
    spans = sorted(
        [(e.start, e.end, True, i) for i, e in enumerate(kept)]
        + [(e.start, e.end, False, i) for i, e in enumerate(dropped)]
    )
    bounds = [(e.start, e.end) for e in kept]
    extra: list[PiiEntity] = []
    group: list[int] = []  # indices of the kept findings in the current group
    lo, hi = spans[0][0], spans[0][1]
    first = last = -1  # the dropped findings that reach the group's start and end, if any

    def close() -> None:
        for n, k in enumerate(group):
            start = lo if n == 0 else bounds[k][0]
            if n == 0 and text and first >= 0:
                start = _split_listed(text, dropped[first], lo, bounds[k][0], extra, head=True)
            if n == len(group) - 1:
                end = hi
                if text and last >= 0:
                    end = _split_listed(text, dropped[last], bounds[k][1], hi, extra, head=False)
            else:
                end = bounds[group[n + 1]][0]
                if text and _NO_DATA.fullmatch(text, bounds[k][1], end):
                    end = bounds[k][1]  # a bare separator between two findings
            bounds[k] = (start, end)

    for start, end, is_kept, k in spans:
        if start >= hi:
            close()
            group, lo, hi, first, last = [], start, end, -1, -1
        if start == lo and not is_kept and first < 0:
            first = k
        if end >= hi:
            hi = end
            last = -1 if is_kept else k
        if is_kept:
            group.append(k)
    close()
    widened = [
        e if bounds[i] == (e.start, e.end) else replace(e, start=bounds[i][0], end=bounds[i][1])
        for i, e in enumerate(kept)
    ]
    return sorted(widened + extra, key=lambda e: e.start) if extra else widened


def _without_names_inside_values(entities: list[PiiEntity]) -> list[PiiEntity]:
    """``entities`` without the known names that lie inside another type's finding.

    A known name scores 1.0 and would beat the address, URL or email holding it ("1600 Lopez
    Street, ..." for a customer Lopez; 東京都千代田区山田町... for 山田), so the rest of that
    value would reach the model in clear: the wider value is kept whole.
    """
    wide = sorted((e for e in entities if e.type != "PERSON"), key=lambda e: e.start)
    if not wide:
        return entities
    starts = [e.start for e in wide]
    reach = list(itertools.accumulate((e.end for e in wide), max))  # furthest end so far

    def inside(ent: PiiEntity) -> bool:
        i = bisect.bisect_right(starts, ent.start)
        return i > 0 and reach[i - 1] >= ent.end

    return [e for e in entities if not (e.recognizer == KNOWN_NAME and inside(e))]


_DIGIT = re.compile(r"\d")
# Every IP pattern (Presidio's ``IpRecognizer``) needs a digit, a dot and a digit (IPv4), or
# "::" or a hex digit, a colon and a hex digit (IPv6, IPv4 embedded or mapped in IPv6); any
# word character stands for the hex digit here, whatever case folding the pattern uses. No
# decimal digit is needed: an IPv6 address may be hex letters only ("dead:beef::cafe", "f::").
_IP_CUE = re.compile(r"\d\.\d|::|\w:\w")
# Presidio's IBAN pattern opens with a country code and two check digits: ``[A-Z]{2}[0-9]{2}``,
# read case-insensitively (which also lets a few non-ASCII letters match [A-Z]: any letter here).
_IBAN_CUE = re.compile(r"[^\W\d_]{2}[0-9]{2}")
# The fewest digits one match of each entity holds: a card has 12-19 (``CardNumberRecognizer``),
# a My Number 12, every one of Presidio's SSN patterns 9. A text with fewer digits in all
# cannot hold one, so its recognizer is not run.
_MIN_DIGITS = {"CREDIT_CARD": 12, "JP_MY_NUMBER": 12, "US_SSN": 9}
# Entity types whose every recognizer needs at least one decimal digit to match (not IP_ADDRESS:
# an IPv6 address in hex letters has none).
_NEEDS_DIGIT = frozenset(
    {
        "PHONE_NUMBER",
        "CREDIT_CARD",
        "US_SSN",
        "IBAN_CODE",
        "JP_MY_NUMBER",
        "JP_POSTAL_CODE",
        "JP_ADDRESS",
        "STREET_ADDRESS",
    }
)


def prefiltered_entities(text: str, supported: Iterable[str]) -> list[str]:
    """The entity types worth running recognizers for on ``text`` (cheap string tests).

    Each test is a necessary condition of every match of the entity's recognizers (a digit,
    an ``@``, enough digits, an IP's dot between digits or colon between hex digits - letters
    alone make an IPv6 address -, an IBAN's country code and check digits, the literals of a
    password label or key prefix, read off the secret patterns themselves), so leaving a type
    out changes no finding: it only skips a recognizer that would find nothing. Most texts of
    a draft (subjects, the draft itself) have a number or two and no IP, IBAN, card or SSN;
    their recognizers were about a third of an analysis.
    """
    digits = len(_DIGIT.findall(text))
    has_digit = digits > 0
    has_at = "@" in text
    has_secret_cue = SECRET_CUE.may_match(text)
    has_ip_cue = _IP_CUE.search(text) is not None
    has_iban_cue = has_digit and _IBAN_CUE.search(text) is not None
    keep = []
    for entity in supported:
        if entity in _NEEDS_DIGIT and not has_digit:
            continue
        if digits < _MIN_DIGITS.get(entity, 0):
            continue
        if entity == "IP_ADDRESS" and not has_ip_cue:
            continue
        if entity == "IBAN_CODE" and not has_iban_cue:
            continue
        if entity == "EMAIL_ADDRESS" and not has_at:
            continue
        if entity in ("PASSWORD", "SECRET") and not has_secret_cue:
            continue
        keep.append(entity)
    return keep


class PiiEngine:
    """Detects personal data in English and Japanese text; spans index the original text."""

    def __init__(
        self, analyzer: AnalyzerEngine, threshold: float = SCORE_THRESHOLD, cache_size: int = 1024
    ) -> None:
        self.analyzer = analyzer
        self.threshold = threshold
        self._context: dict[tuple[str, str], tuple[str, ...]] = {
            (str(getattr(r, "name", "")), str(r.supported_language)): tuple(
                w.lower() for w in (r.context or ())
            )
            for r in analyzer.registry.recognizers
        }
        self._supported = {lang: analyzer.get_supported_entities(lang) for lang in LANGUAGES}
        # A language read besides the first runs only its own recognizers' types: the generic
        # ones (email, card, ...) are the same in every language and have read the text.
        generic = {e for r in generic_recognizers("en") for e in r.supported_entities}
        self._own = {
            lang: [e for e in entities if e not in generic]
            for lang, entities in self._supported.items()
        }
        self._cache: DigestLru[tuple[PiiEntity, ...]] = DigestLru(cache_size)

    @classmethod
    def build(
        cls, *, name_cache_dir: Path | None = None, spacy_model: str | None = None
    ) -> PiiEngine:
        """Build the offline engine (loads name lists and Sudachi; a few seconds, once).

        ``name_cache_dir`` is where the compact name-rank file is kept (see ``names``);
        default: ``names.default_cache_dir()`` (``~/.cache/replydraft``). ``spacy_model``
        names an installed spaCy pipeline whose PERSON entities add to English detection.
        """
        lexicon = NameLexicon.load(name_cache_dir)
        latin_names = EnglishNameRecognizer(lexicon)
        recognizers: list[EntityRecognizer] = [
            *generic_recognizers("en"),
            *generic_recognizers("ja"),
            *english_pattern_recognizers(),
            latin_names,
            *japanese_pattern_recognizers(),
            # One judge of a Latin run in Japanese text for both readings of it.
            JapaneseNameRecognizer(lexicon, latin_veto=latin_names.no_person_in_japanese),
        ]
        if spacy_model:
            recognizers.append(SpacyPersonRecognizer(load_spacy_model(spacy_model)))
        return cls(_build_analyzer(recognizers))

    def clear_cache(self) -> None:
        """Forget the cached findings (benchmarks do this between runs)."""
        self._cache.clear()

    def analyze(
        self,
        text: str,
        language: str | None = None,
        *,
        known_names: Iterable[str] = (),
        entities: list[str] | None = None,
    ) -> list[PiiEntity]:
        """Return non-overlapping entities in ``text``.

        ``language`` is the caller's (detected when None); a text in another language is read
        with that language's recognizers too (``reading_languages``). ``known_names`` are names
        the request gives (customer, agent, authors): they are always found, whatever the
        recognizers think of them.
        """
        names = tuple(known_names)
        key = self._analysis_key(text, language, names, entities)
        with run_memo():  # one analysis is one run (or joins the request's): words met again
            found = memoised(  # in the text are read once, and forgotten when it ends
                key,
                lambda: tuple(
                    self.analyze_normalised(
                        normalise(text), language, known_names=names, entities=entities
                    )
                ),
            )
        return list(found)  # a fresh list: callers may change theirs

    def analysed(
        self, text: str, language: str | None = None, *, known_names: Iterable[str] = ()
    ) -> list[PiiEntity] | None:
        """What :meth:`analyze` found in ``text`` earlier in this run, or None if it has not.

        Never analyses: for a caller that reuses the findings of texts the request already
        masked (the escalation handoff summary quotes the customer's asks) and needs to know.
        """
        found = recalled(self._analysis_key(text, language, tuple(known_names), None))
        return None if found is None else list(cast("tuple[PiiEntity, ...]", found))

    def _analysis_key(
        self, text: str, language: str | None, names: tuple[str, ...], entities: list[str] | None
    ) -> tuple[object, ...]:
        # One key for ``analyze`` to memoise under and ``analysed`` to look up.
        return ("analyze", self, text, language, names, None if entities is None else (*entities,))

    def analyze_normalised(
        self,
        text: NormalisedText,
        language: str | None = None,
        *,
        known_names: Iterable[str] = (),
        entities: list[str] | None = None,
    ) -> list[PiiEntity]:
        """:meth:`analyze` on text already folded by ``guardrails.normalise.normalise``.

        Detectors read ``text.text``; the spans returned index ``text.original``, each the
        whole original value, disguise included.
        """
        folded = text.text
        first, *others = reading_languages(folded, language)
        found = list(self._raw(folded, first))
        for lang in others:  # the text's own language(s), when not the caller's
            found += self._raw(folded, lang, own_only=True)
        if entities is not None:
            wanted = set(entities)
            found = [e for e in found if e.type in wanted]
        if entities is None or "PERSON" in entities:
            found += known_name_entities(folded, known_names)
        resolved = _resolve(found, folded)
        if not text.changed:
            return resolved
        return [
            PiiEntity(e.type, *text.span(e.start, e.end), e.score, e.recognizer) for e in resolved
        ]

    def _raw(self, folded: str, lang: str, *, own_only: bool = False) -> tuple[PiiEntity, ...]:
        """Thresholded findings of ``lang``'s recognizers, only its own if ``own_only`` (cached)."""
        key = self._cache.key(folded, f"{lang}+own" if own_only else lang)
        cached = self._cache.get(key)
        if cached is None and own_only:  # read in full before (the prompt's masking): its part
            full = self._cache.get(self._cache.key(folded, lang))
            own = set(self._own[lang])
            cached = None if full is None else tuple(e for e in full if e.type in own)
        if cached is not None:
            return cached
        wanted = prefiltered_entities(folded, (self._own if own_only else self._supported)[lang])
        results = self.analyzer.analyze(folded, language=lang, entities=wanted) if wanted else []
        found = tuple(e for e in (self._with_context(folded, r, lang) for r in results) if e)
        self._cache.put(key, found)
        return found

    def _with_context(self, text: str, result: RecognizerResult, lang: str) -> PiiEntity | None:
        """Boost a result when its recognizer's context word precedes it; apply threshold.

        Presidio's own enhancer needs spaCy lemmas, which the no-op NLP engine lacks.
        """
        meta = result.recognition_metadata or {}
        name = str(meta.get("recognizer_name", "unknown"))
        score = float(result.score)
        words = self._context.get((name, lang), ())
        if words and score < 1.0:
            window = text[max(0, result.start - CONTEXT_WINDOW) : result.start].lower()
            if any(word in window for word in words):
                score += CONTEXT_BOOST
        if score < self.threshold:
            return None
        return PiiEntity(
            result.entity_type, result.start, result.end, round(min(score, 1.0), 3), name
        )


class NamePattern(NamedTuple):
    """One given name or name part, and how it is found."""

    part: str  # the literal every match is, in the text folded by ``name_fold``
    pattern: re.Pattern[str]
    ignore_case: bool  # matched on the lower-cased fold ("maria", "MARIA" for Maria)


def name_fold(text: str, *, ignore_case: bool) -> str:
    """``text`` with typewriter apostrophes, lower-cased when ``ignore_case``; same length.

    ``str.lower`` keeps every character's place but for the dotted capital I (which gains a
    combining dot: it becomes a plain i first); a final sigma is read as any other sigma.
    """
    text = fold_apostrophes(text)
    if ignore_case:
        text = text.replace("\u0130", "i").lower().replace("\u03c2", "\u03c3")
    return text


def known_name_entities(text: str, names: Iterable[str]) -> list[PiiEntity]:
    """Find each given name, and each part of a multi-word name, as PERSON.

    As written (any apostrophe), and in any case for a full name and for a part that is no
    English word ("maria", "MARIA LOPEZ"): "will" is a word, and "Will" only as written.
    """
    entities: list[PiiEntity] = []
    folds: dict[bool, str] = {}
    for entry in _name_patterns(names):
        if entry.ignore_case not in folds:
            folds[entry.ignore_case] = name_fold(text, ignore_case=entry.ignore_case)
        folded = folds[entry.ignore_case]
        # Every match is the part itself (a literal between lookarounds, in the same fold): a
        # text without it has none, and a substring test is far cheaper than the scan. Most
        # texts a request analyses never name the customer (KB passages, the asks).
        if entry.part not in folded:
            continue
        entities += [
            PiiEntity("PERSON", m.start(), m.end(), 1.0, KNOWN_NAME)
            for m in entry.pattern.finditer(folded)
        ]
    return entities


def _name_patterns(names: Iterable[str]) -> list[NamePattern]:
    given = tuple(names)
    return memoised(("names", *given), lambda: _compile_name_patterns(given))


# A single part shorter than this is found only as written ("Li", "Jo": "<li>", "jo" in chat).
_MIN_CASELESS_PART = 3


def _compile_name_patterns(names: Iterable[str]) -> list[NamePattern]:
    """Each name and name part, with its pattern, longest first.

    A part is found in any case unless, alone, it is an English word or a short one: "Will",
    "Rose" or "Mark" written in lower case mid-sentence is the word. A full name of several
    words is found in any case ("will smith" is no phrase of English).
    """
    caseless: dict[str, bool] = {}
    for name in names:
        full = name_fold(normalise(name).text.strip(), ignore_case=False)
        if len(full) < 2:
            continue
        words = [p for p in re.split(r"[\s・]+", full) if len(p) >= 2]
        for part in [*words, full]:
            alone = part != full or len(words) <= 1
            ignore = not alone or (len(part) >= _MIN_CASELESS_PART and not is_known_word(part))
            caseless[part] = caseless.get(part, False) or ignore
    entries = []
    # Longest first so "Maria Lopez" wins over "Maria".
    for part in sorted(caseless, key=len, reverse=True):
        literal = name_fold(part, ignore_case=caseless[part])
        entries.append(NamePattern(literal, _name_pattern(literal), caseless[part]))
    return entries


# A letter, digit or mark of a script that writes spaces between words (Latin, Greek,
# Cyrillic...): \w without the scripts that write none (Thai, Lao, Myanmar, Khmer, Hangul,
# Japanese and Chinese), plus combining marks.
_SPACED_SCRIPT_CHAR = (
    r"(?:[^\W\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u19e0-\u19ff"
    r"\u3005\u3006\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\ua960-\ua97f\ua9e0-\ua9ff"
    r"\uaa60-\uaa7f\uac00-\ud7ff\uf900-\ufaff\uff66-\uffdc\U00020000-\U0003ffff]"
    r"|[\u0300-\u036f])"
)


def _name_pattern(literal: str) -> re.Pattern[str]:
    """``literal`` where no letter of a spaced script runs into its start (nor, if ASCII, its end).

    "Ann" is not found inside "Joann", nor "José" after a letter. An ASCII name is a whole
    word at both ends, as before: a short English name opens many words ("Al" in "also", "Ann"
    in "annual"), and masking those would garble what the model reads; it may still run into
    Japanese ("Mariaさん"). A non-ASCII name in a spaced script has no end boundary, as such
    names are inflected and suffixed ("Олегу", "Łukasza", "Józsefnek"), so José is found
    inside "Joséphine" too (over-masking, privacy first). A name in a script that writes no
    spaces needs no boundary at all (สมชาย in สวัสดีสมชายครับ, 민준 in 민준님).
    """
    if not re.match(_SPACED_SCRIPT_CHAR, literal):
        return re.compile(re.escape(literal))
    lead = rf"(?<!{_SPACED_SCRIPT_CHAR})"
    tail = rf"(?!{_SPACED_SCRIPT_CHAR})" if literal.isascii() else ""
    return re.compile(lead + re.escape(literal) + tail)

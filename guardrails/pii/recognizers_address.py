"""STREET_ADDRESS: street addresses written in Latin script (English first, a few others).

One pass of a few regular expressions, no model. What counts as an address:

* English (US/UK/AU...): a house number (``742``, ``221B``, ``12-14``), an optional
  direction, one to four capitalised words and a street suffix (USPS Publication 28
  style: Street/St, Avenue/Ave, Road/Rd, Terrace, Lane/Ln, Drive/Dr, Boulevard/Blvd, Way,
  Court/Ct, Place/Pl...), then optionally a trailing direction (``NW``), a unit
  (``Apt 4B``, ``Suite 200``, ``#12``) and ``, City, ST 12345`` (a US state code). ``1600
  Pennsylvania Avenue NW, Washington, DC 20500`` is one span.
* Continental European: a street-type word before the name (``Via Roma 131``, ``Rua
  Diadema 1903``, ``ul. Narewska 94``) or a compound street word (``Friedhofstrasse 33``,
  ``Kiannonkatu 98``, ``Rooseveltlaan 110``), then a house number.
* Post-office boxes (``PO Box 1234``, ``PSC 3294, Box 9168``) and unit lines (``Suite 464``,
  ``Apt. 117``), which address blocks put on their own line.

Japanese addresses are ``JP_ADDRESS`` (``recognizers_ja``). Over-masking is the safe side:
a capitalised phrase that merely looks like a street after a number is still masked.
"""

from __future__ import annotations

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# USPS Publication 28 primary suffixes (and common abbreviations) plus British forms.
_SUFFIXES = (
    "Street St Str Avenue Ave Av Road Rd Terrace Terr Ter Lane Ln Drive Dr Boulevard Blvd "
    "Way Wy Court Ct Place Pl Circle Cir Square Sq Parkway Pkwy Highway Hwy Trail Trl "
    "Crescent Cres Close Row Walk Alley Aly Plaza Plz Loop Mews Expressway Expy Freeway Fwy "
    "Turnpike Tpke Pike Path Run Crossing Xing Point Pt Ridge Rdg Grove Grv Gardens Gdns "
    "Heights Hts Park Green Hill View Vista Commons Wharf Quay Embankment Causeway Cswy "
    "Esplanade Parade Broadway Center Ctr Junction Jct Landing Lndg Pass Route Rte Spur "
    "Bypass Byp Estates Manor Meadows Orchard Oval Glen Hollow Cove Knoll Bend"
).split()
_SUFFIX = "(?:" + "|".join(sorted({*_SUFFIXES, *(s.upper() for s in _SUFFIXES)}, key=len, reverse=True)) + r")\b\.?"
_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b\.?"
_HOUSE_NUMBER = r"(?<![\w.,/:+-])\d{1,6}(?:[A-Za-z](?![\w']))?(?:[-/]\d{1,5}[A-Za-z]?)?"
# A street name word: capitalised ("Evergreen", "O'Connell", "St."), all caps, or an
# ordinal ("5th"); separated by single spaces.
_NAME_WORD = r"(?:[A-Z][A-Za-z'\u2019.-]*|\d{1,3}(?:st|nd|rd|th))"
_UNIT = (
    r"(?:,?[ \t]*\n?[ \t]*(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Rm|Room|Bldg|Building)"
    r"\.?[ \t]*#?[ \t]*[A-Za-z]?\d{1,5}[A-Za-z]?\b|[ \t]*#[ \t]?\d{1,5}[A-Za-z]?\b)"
)
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP "
    "AA AE AP".split()
)
_STATE = "(?:" + "|".join(sorted(US_STATES)) + r")\b"
_ZIP = r"\d{5}(?:-\d{4})?\b"
# ", Washington, DC 20500" / ", Springfield, IL" / " DC 20500".
_CITY_STATE_ZIP = (
    rf"(?:,[ \t]*(?:[A-Z][a-z]+[ \t]){{0,2}}[A-Z][a-z]+,?[ \t]+{_STATE}(?:[ \t]+{_ZIP})?"
    rf"|,?[ \t]+{_STATE}[ \t]+{_ZIP})"
)
_ENGLISH = re.compile(
    rf"{_HOUSE_NUMBER}[ \t]+(?:{_DIRECTION}[ \t]+)?"
    rf"(?:{_NAME_WORD}[ \t]+){{1,4}}{_SUFFIX}"
    rf"(?:[ \t]+{_DIRECTION})?(?:{_UNIT})?(?:{_CITY_STATE_ZIP})?"
    r"|" + rf"{_HOUSE_NUMBER}[ \t]+Broadway\b(?:{_UNIT})?(?:{_CITY_STATE_ZIP})?"
)

# Street-type words that come before the name, and compound street-word endings.
_PREFIXES = (
    "Via Viale Vicolo Piazza Piazzale Corso Largo Strada Rua Rue Avenida Avda Av Calle Carrer "
    "Paseo Camino Carretera Praça Travessa Estrada Rodovia Alameda Chemin Allée Impasse Quai "
    "Place Boulevard Bd Cours Ulica ul al Aleja Plac Piata Strada Calea Bulevardul"
).split()
_PREFIX = "(?:" + "|".join(sorted(set(_PREFIXES), key=len, reverse=True)) + r")\.?"
_LOWER_PARTICLE = r"(?:de|del|della|delle|dei|degli|di|da|do|dos|das|du|des|la|le|el|von|van)"
_EU_WORD = rf"(?:[A-ZÀ-Þ][\w'\u2019.-]*|{_LOWER_PARTICLE})"
_ENDINGS = (
    "strasse|straße|str\\.|gasse|weg|straat|laan|gracht|plein|platz|allee|gatan|vägen|vagen|"
    "katu|kuja|tie|vej|gade|veien|vegen|vegur|stræde|utca|ulica|cesta|steeg|kade|singel"
)
_EUROPEAN = re.compile(
    rf"(?<![\w.-])(?:{_PREFIX}[ \t]+(?:{_EU_WORD}[ \t]+){{0,4}}[A-ZÀ-Þ][\w'\u2019.-]*"
    rf"|[A-ZÀ-Þ][\w-]*(?:{_ENDINGS}))"
    r",?[ \t]+\d{1,5}[A-Za-z]?(?![\w/.,-]\d|\w)"
)
_PO_BOX = re.compile(
    r"(?<!\w)(?:P\.?[ \t]?O\.?[ \t]*Box|Post[ \t]+Office[ \t]+Box|PSC[ \t]+\d{1,5},?[ \t]*Box)"
    r"[ \t]+\d{1,6}\b(?:,?[ \t]*\n?[ \t]*(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}\b)?",
    re.I,
)
_UNIT_LINE = re.compile(r"(?<![\w.])(?:Apt|Apartment|Suite|Ste)\.?[ \t]+#?\d{1,5}[A-Za-z]?\b")

ENGLISH_SCORE = 0.85
EUROPEAN_SCORE = 0.7
PO_BOX_SCORE = 0.8
UNIT_SCORE = 0.6


class StreetAddressRecognizer(LocalRecognizer):
    """STREET_ADDRESS from house number + street name + suffix, and a few other layouts."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=["STREET_ADDRESS"],
            supported_language=supported_language,
            name="StreetAddressRecognizer",
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return street addresses in ``text`` (overlaps are resolved by the engine)."""
        results = []
        for pattern, score in (
            (_ENGLISH, ENGLISH_SCORE),
            (_EUROPEAN, EUROPEAN_SCORE),
            (_PO_BOX, PO_BOX_SCORE),
            (_UNIT_LINE, UNIT_SCORE),
        ):
            for m in pattern.finditer(text):
                end = m.end()
                while end > m.start() and text[end - 1] in " \t\n,":
                    end -= 1
                results.append(RecognizerResult("STREET_ADDRESS", m.start(), end, score))
        return results

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
  Street words after the name (``Erzsébet tér 19``) too; and a building number, a street
  name that is no English word and a house number (``1593 Pagari 18``).
* Post-office and military boxes (``PO Box 1234``, ``PSC 3294, Box 9168``, ``USNS Saibara
  FPO AP 12428``) and unit lines (``Suite 464``, ``Apt. 117``), which address blocks put
  on their own line.

Japanese addresses are ``JP_ADDRESS`` (``recognizers_ja``). Over-masking is the safe side:
a capitalised phrase that merely looks like a street after a number is still masked.
"""

from __future__ import annotations

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.pii.languages import latin_view
from guardrails.pii.names import word_commonness

# USPS Publication 28 primary suffixes and their abbreviations, plus British forms.
_SUFFIX_WORDS = (
    "Street Avenue Road Terrace Lane Drive Boulevard Way Court Place Circle Square Parkway "
    "Highway Trail Crescent Close Row Walk Alley Plaza Loop Mews Expressway Freeway Turnpike "
    "Pike Path Run Crossing Point Ridge Grove Gardens Heights Park Green Hill View Vista "
    "Commons Wharf Quay Embankment Causeway Esplanade Parade Center Centre Junction Landing "
    "Pass Route Spur Bypass Estates Manor Meadows Orchard Oval Glen Hollow Cove Knoll Bend"
).split()
_SUFFIX_ABBREVIATIONS = (
    "St Str Ave Av Rd Terr Ter Ln Dr Blvd Wy Ct Pl Cir Sq Pkwy Hwy Trl Cres Aly Plz Expy "
    "Fwy Tpke Xing Pt Rdg Grv Gdns Hts Cswy Ctr Jct Lndg Rte Byp"
).split()


def _alternation(words: list[str]) -> str:
    variants = {*words, *(w.upper() for w in words)}
    return "|".join(sorted(variants, key=len, reverse=True))


_SUFFIX = (
    rf"(?:(?:{_alternation(_SUFFIX_WORDS)})\b"
    rf"|(?:{_alternation(_SUFFIX_ABBREVIATIONS)})\b\.?)"
)
_DIRECTION = r"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\b\.?"
_HOUSE_NUMBER = r"(?<![\w.,/:+-])\d{1,6}(?:[A-Za-z](?![\w']))?(?:[-/]\d{1,5}[A-Za-z]?)?"
# A street name word: capitalised ("Evergreen", "O'Connell", "St."), all caps, or an
# ordinal ("5th"); separated by single spaces.
_NAME_WORD = r"(?!(?:AM|PM|A\.M|P\.M)\b)(?:[A-Z][A-Za-z'\u2019.-]*|\d{1,3}(?:st|nd|rd|th))"
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
    "strasse|straße|str\\.|gasse|weg|straat|laan|gracht|plein|platz|allee|gatan|gata|gate|"
    "gaten|vägen|vagen|katu|kuja|tie|vej|gade|veien|vegen|vegur|stræde|utca|ulica|cesta|"
    "steeg|kade|singel"
)
# Street words written after the name as a word of their own ("Erzsébet tér 19").
_AFTER_WORDS = r"(?:út|útja|utca|tér|körút|sor|sokak|sokağı|caddesi|cad\.|Strasse|Straße|ulica)"
_EUROPEAN = re.compile(
    rf"(?<![\w.-])(?:{_PREFIX}[ \t]+(?:{_EU_WORD}[ \t]+){{0,4}}[A-ZÀ-Þ][\w'\u2019.-]*"
    rf"|[A-ZÀ-Þ][\w-]*(?:{_ENDINGS})"
    rf"|[A-ZÀ-Þ][\w'\u2019.-]*(?:[ \t]+[\w'\u2019.-]+){{0,2}}[ \t]+{_AFTER_WORDS})"
    r",?[ \t]+\d{1,5}[A-Za-z]?(?![\w/.,-]\d|\w)"
)
_MILITARY_LINE = r"(?:,?[ \t]*\n?[ \t]*(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}\b)"
_PO_BOX = re.compile(
    r"(?<!\w)(?:(?:P\.?[ \t]?O\.?[ \t]*Box|Post[ \t]+Office[ \t]+Box"
    r"|(?:PSC|Unit|CMR)[ \t]+\d{1,5},?[ \t]*Box)[ \t]+\d{1,6}\b"
    rf"{_MILITARY_LINE}?"
    rf"|(?:USNS|USNV|USS|USCGC)[ \t]+[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)?{_MILITARY_LINE})",
    re.I,
)
# "1593 Pagari 18": a building number, a street name that is no English word, a house
# number (the continental layout after a number, as in many address blocks).
_NUMBER_NAME_NUMBER = re.compile(
    r"(?<![\w.,/:+-])\d{1,6}[ \t]+((?:[A-ZÀ-Þ][\w'\u2019-]*[ \t]+){1,3})\d{1,5}[A-Za-z]?"
    r"(?![\w/.,-]\d|\w)"
)
_RARE = 2.5  # zipf below which a capitalised word is taken for a foreign street name
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
        """Return street addresses in ``text`` (overlaps are resolved by the engine).

        Read on ``text``'s Latin stretches (``latin_view``): in a Japanese sentence the word
        boundaries around "住所は1600 Pennsylvania Avenue NW, Washington, DC 20500です" are
        those of an English text (a kana is a word character to a regex word boundary).
        """
        text = latin_view(text)
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
        for m in _NUMBER_NAME_NUMBER.finditer(text):
            if all(word_commonness(w) < _RARE for w in m.group(1).split()):
                results.append(RecognizerResult("STREET_ADDRESS", m.start(), m.end(), 0.6))
        return results

"""English person-name recognizer without a statistical model.

Candidates are runs of capitalised tokens; each is scored from the shipped first/last-name
ranks (``names.NameLexicon``), how common the word is in English (wordfreq), a title or a
context phrase before it. Then general cues veto runs that are not people:

* street addresses: a house number before, a number or a street word (``u.``, ``St.``)
  after, a street-type word in the run (Street, Avenue, Rua, Via, ...-strasse), or a line
  of an address block (after a ``Suite 12``/``Apt. 3`` line, before ``, ST 12345`` or a
  country);
* organisations: a company/institution word ending or following the run (Inc, Group,
  Orchestra, TV...), or a determiner before it ("The ...");
* places: country/region names (pycountry), a place preposition with no name evidence;
* labels and parts of words: ``Fax:`` at a line start, ``Blink-182``, ``...-Fax``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pycountry
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from guardrails.japanese import verbal_noun_at
from guardrails.language import KANA, KANJI, KATAKANA_LETTERS
from guardrails.pii.languages import JAPANESE_BLANK, has_japanese, latin_view
from guardrails.pii.names import NameLexicon, word_commonness
from guardrails.pii.recognizers_ja import HONORIFIC

_TOKEN = (
    r"(?:[A-Z][a-z]?\.|[A-Z](?=[ \t]+[A-Z][a-z])"
    r"|(?:Mc|Mac|O'|D')?[A-Z\u00c0-\u00de][\w'\u2019\-]*[a-z\u00df-\u00ff]\w*)"
)
_PARTICLE = r"(?:van|von|der|den|de|da|di|del|du|la|le|ten|ter|bin|al|el)"
_RUN = re.compile(
    rf"(?<![\w@.\-\\/]){_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TOKEN}){{0,3}}(?![\w@]|-\d)"
)
_WORD = re.compile(rf"{_TOKEN}|{_PARTICLE}")
_POSSESSIVE = re.compile(r"['\u2019]s$")

# Strong cues: a title, a greeting or sign-off, an introduction, a speech verb before.
_TITLES = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|Dame|Lord|Lady|Rev|Fr|Capt|Sgt)\.?"
    r"|\b(?:Dear|Hi|Hello|Hey|Thanks|Thank you|Regards|Cheers|Sincerely|Best|From|Attn|Cc)"
    r"|\b(?:name is|name's|names are|I'm|I am|this is|called|call me|named|says|said|ask|asked|"
    r"told|meet|met|spoke to|talked to|speak to|spoke with|talk to|shouted at|contact|"
    r"Name|Contact|Customer|Agent|Author|Signed|Attention)"
    r")[ ,:\t]*(?:\n[ \t]*)?$",
    re.I,
)
# Weak cues: only help a token that already looks like a given name.
_WEAK_CUE = re.compile(r"(?:\b(?:and|or|with|by|for|to|&)|,)[ \t]+$")
# After a given name: a list separator, a vocative or a speaker label ("Mary?", "Alice:").
_WEAK_AFTER = re.compile(r"^(?:['\u2019]s)?(?:[ \t]*[,:?!]|[ \t]+(?:and|or|&)\b)")
_AFTER_VERB = re.compile(
    r"^(?:['\u2019]s)?[ ,]+(?:says|said|wrote|asked|told|replied|explained|added|shouted|"
    r"is|was|has|had|will|would|can|could|did|does|lives|began|flew)\b"
)
# Honorifics of address after a name in Japanese (a closed class of suffixes): what they
# follow is a person, whatever else the word means ("Whiteさん"; a firm called さん is masked:
# privacy first). Not the roles of ``HONORIFIC`` (スタッフ, 名義 follow products too).
_ADDRESSED = re.compile(r"(?:さん|様|さま|氏|君|くん|ちゃん|殿|先生)")
_ADDRESSED_SCORE = 0.85
# What a cue around a run (a title before it, a verb after it) adds to its score.
_CUE_BONUS = 0.35
_PLACE_PREP = re.compile(r"\b(?:in|at|from|near|into|to|toward|towards|via|of)[ \t]+$")

# Companies' legal forms. After a comma ("Cell Genesys, Inc.") the run before one is a
# company's name (:data:`_LEGAL_FORM_AFTER`).
_LEGAL_FORMS = ("Inc", "Ltd", "LLC", "LLP", "PLC", "GmbH", "BV", "Corp", "Co")
# Legal forms that after a person's name and a comma are as often an office or a place (an
# Attorney General, South Australia, Nevada: "Tom Reed, NV"): a company's only right after
# its name ("Siemens AG").
_LEGAL_FORMS_WITHOUT_A_COMMA = ("AG", "SA", "SAS", "NV")
# Legal forms that also open a county, a company of soldiers or a department ("Mary Murphy,
# Co. Cork", "Co. B", "Corp. Communications"): a legal form only when no capitalised word or
# digit follows, but for "Co. Ltd".
_LEGAL_FORMS_ALSO_PREFIXES = ("Corp", "Co")
_ORG_WORDS = frozenset((*_LEGAL_FORMS, *_LEGAL_FORMS_WITHOUT_A_COMMA)) | frozenset(
    "Corporation Company Group Associates "
    "Partners Holdings Bank University College Institute Foundation Hotel Airlines Airways "
    "Orchestra Band Choir Technologies Technology Systems Solutions Software Labs Media "
    "Network Networks Capital Consulting Services Industries International Enterprises "
    "Ventures Studios Records Press News Times Weekly Daily Magazine Journal TV Radio Club "
    "Society Council Agency Trust Insurance Motors Research Analytics Digital Energy Lines "
    "Logistics Pharma Pharmaceuticals Force Army Navy Police Department Ministry Committee "
    "Commission Church School Academy Hospital Clinic Museum Library Theatre Theater "
    "Stadium Airport Festival Republic Kingdom Union Federation Association Bureau Office "
    "Team Service Support Store Shop Restaurant Cafe Bar Inn Market".split()
)
# Street-type words (USPS Publication 28 suffixes and common European street words).
_STREET_WORDS = frozenset(
    "Street St Str Road Rd Avenue Ave Av Boulevard Blvd Drive Court Ct Place Pl Terrace "
    "Crescent Close Route Rapids Rapid Crossroad Crossing Cove Coves Union Pass Point Points "
    "Gateway Square Sq Plaza Highway Hwy Trail Parkway Pkwy Turnpike Bypass Radial Harbor "
    "Harbour Mall Loop Mews Gardens Heights Valley Falls Junction Manor Expressway Freeway "
    "Motorway Greens Forges Forge Cliffs Creek Dam Isle Island Mills Parks Hills Village "
    "Estates Station Stravenue Spur Tunnel Viaduct Vista Alley Track Throughway Underpass "
    "Overpass Summit Knolls Landing Meadows Orchard Oval Pike Plains Prairie Ranch Shoals "
    "Shores Skyway Springs Canyon Causeway Corners Extension Bridge Lane Ln Way Walk Row "
    "Grove Ridge Lodge Dale Hill Park Mill Green Glen Fields Brook Wharf Quay Embankment".split()
)
# Street words that are also common surnames: they veto only with another address cue.
_STREET_SURNAMES = frozenset(
    "Lane Way Walk Row Grove Ridge Lodge Dale Hill Park Mill Green Glen "
    "Fields Brook Bridge Close Court Cove Point".split()
)
_STREET_PREFIXES = frozenset(
    "Rua Rue Via Viale Vicolo Avenida Avda Av Avenue Calle Carrer Paseo Camino Strada Piazza "
    "Corso Largo Praça Travessa Estrada Rodovia Alameda Boulevard Chemin Allée Impasse Route "
    "Cite Cité Quinta Ulica Aleja Plac Rúa Quadra Pod Canónigo Canonigo USS USNS Port Mount "
    "Lake Fort Saint San Santa Santo São St Sankt".split()
)
_STREET_ENDING = re.compile(
    r"(?:strasse|straße|gasse|weg|straat|laan|gatan|vägen|vagen|katu|kuja|vej|gade|veien|"
    r"vegen|plein|platz|allee|utca|steeg|kade|gracht|dreef|singel|stræde|ulica|cesta)$"
)
_HOUSE_NUMBER_BEFORE = re.compile(
    r"(?<![\d:.,/-])\d{1,6}[A-Za-z]?[ \t]+$|(?:\bul|\bal|C/)\.?[ \t]*$"
)
# A house number after a run ("Kossuth 12"): a number standing alone, not the first group of
# a phone number ("Rose White 07700 900123": another group of digits follows), unless that
# group is a postcode of four or five digits before a town ("Kossuth 12 1051 Budapest").
_NUMBER_AFTER = re.compile(
    r"^(?:,?[ \t]+\d{1,5}[A-Za-z]?(?=$|[\s,.;:!?])(?![ \t]+(?!\d{4,5}[ \t]+[A-Z])\d)"
    r"|[ \t]+(?:u\.|utca|út|útja|tér|krt\.|rkp\.|str\.?|St\.?|Str\.|No\.?)(?=\s|$))"
)
_REGION_AFTER = re.compile(
    r"^[ \t]*\n?[ \t]*,[ \t]*\n?[ \t]*[A-Z]{1,3}(?=[ \t]*(?:\n|\d|$))"
    r"|^,?[ \t]+[A-Z]{2,3}[ \t]+\d{3,}"
)
_UNIT_LINE_BEFORE = re.compile(
    r"(?:\b(?:Suite|Apt|Apartment|Unit|Box|Floor)\.?[ \t]*\d+\w*[ \t]*\n[\s>?]*$)", re.I
)
_TITLE_ONLY = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Fr|Capt|Sgt|St)\.[ \t]*$")
_UNIT_WORDS = frozenset("Suite Apt Apartment Unit Floor Box Room Bldg Building".split())
# Surname endings (Slavic, Nordic, Baltic, Romanian, Turkish, Georgian, Armenian...):
# an unlisted token with one of them is still name-like.
_SURNAME_ENDING = re.compile(
    r"(?:ov|ova|ev|eva|in|ina|sky|ski|ska|skiy|skaya|son|sen|sson|dóttir|dottir|ić|vić|vich|"
    r"ovich|enko|escu|oglu|oğlu|shvili|dze|yan|ian|uk|chuk|yev|yeva|ová|ský|ská)$"
)
_STREET_BEFORE = re.compile(r"\b([A-Z][a-z]+)\.?,[ \t]*$")
_NEXT_WORD = re.compile(r"^[ \t]*([A-Z][\w]*)")
# A company's legal form after a comma ("Cell Genesys, Inc.", "Acme, Ltd.", "Acme, Co.,
# Ltd."): the run before it is the company's name. Not "Co-founder" or "Inc" running into a
# longer word, nor "Co. Cork" (:data:`_LEGAL_FORMS_ALSO_PREFIXES`).
_LEGAL_FORM_AFTER = re.compile(
    r",[ \t]*(?:(?:"
    + "|".join(f for f in _LEGAL_FORMS if f not in _LEGAL_FORMS_ALSO_PREFIXES)
    + r")|(?:"
    + "|".join(_LEGAL_FORMS_ALSO_PREFIXES)
    + r")(?![\w-])(?!\.?[ \t]+(?!Ltd)[A-Z0-9]))(?![\w-])"
)
_LABEL_AFTER = re.compile(r"^[ \t]*:")
_LINE_PREFIX = re.compile(r"[ \t>?*\-]*")
_SENTENCE_END = frozenset(".!?:;\n\"'(")
# How far back the cues before a run are looked for: every check reads a bounded window,
# so the recognizer's time is linear in the text's length.
_LOOKBACK = 200


def _at_sentence_start(text: str, pos: int) -> bool:
    """True when only white space separates ``pos`` from the text start or a sentence end."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        if text[i - 1] == "\n":
            return True
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_END


def _line_start(text: str, pos: int) -> int:
    """Start of the line holding ``pos``, looking back at most ``_LOOKBACK`` characters."""
    floor = max(0, pos - _LOOKBACK)
    newline = text.rfind("\n", floor, pos)
    return newline + 1 if newline >= 0 else floor


_COMMON = 4.0  # zipf above which a capitalised word may be a word rather than a name
_TOP_SURNAME = 100  # a surname this common makes a run a person whatever the other words
_OPENING_RANK = 2000  # a given name this common opening a sentence may open a name
_COMMONEST_SURNAME = 20  # a surname this common ends a name even after a common word
_LISTED = 20000  # a rank the name tables list a word at as a given name or a surname
_INITIAL = re.compile(r"[A-Z]\.?")
_NOT_NAMES = frozenset(
    "Mr Mrs Ms Miss Mx Dr Prof Sir Madam Dame Lord Lady Rev Dear Hi Hello Hey Thanks Thank "
    "Regards Cheers Sincerely Best Kind Warm Yours From To Cc Re Fwd Attn Subject Sent I I'm "
    "My Our Your We You He She They It The A An This That These Those Please Yes No OK Ok "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "June July August September October November December Team Support Customer Service "
    "Princess Prince King Queen Duke Duchess Earl Count Baron Pope Saint President Minister "
    "Northern Southern Eastern Western Upper Lower Central North South East West New Greater "
    "Name Phone Email Address Fax Mobile Desk Office Date Time Where When User Bot".split()
)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    names: set[str] = set()
    for c in pycountry.countries:
        names |= {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
    names |= {s.name for s in pycountry.subdivisions}
    return frozenset(names)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    names: set[str] = set()
    for c in pycountry.countries:
        names |= {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
    names |= {n.split(",")[0] for n in names}
    return frozenset(names)


def _starts_with_country(text: str) -> bool:
    """True when ``text`` (what follows a run) starts, on this or the next line, with a country."""
    m = re.match(r"[ \t]*,?[ \t]*\n?[\s>?]*((?:[A-Z][\w'()-]*[ \t]?){1,4})", text)
    if not m:
        return False
    words = m.group(1).split()
    return any(" ".join(words[:n]) in _country_names() for n in range(1, len(words) + 1))


def _ends_with_place(tokens: list[str]) -> bool:
    """True when the last one to three tokens of a run name a country or region."""
    places = _place_names()
    return any(" ".join(tokens[-n:]) in places for n in range(1, min(3, len(tokens)) + 1))


# A kanji or katakana letter right after a Latin run: a compound noun goes on (Momoチャレンジ,
# Ca級). Not the katakana block's punctuation (・ between listed names, ゠): no noun.
_JAPANESE_NOUN_CHAR = re.compile(f"[{KANJI}{KATAKANA_LETTERS}]")
# Besides an honorific or a role: a word after a Latin name in Japanese text saying whom a
# thing is addressed to, that the person acts in person or that two are meant (Quaile宛,
# Quaile本人, Quaile自身, "Quaile/Pryce両名").
# Only the Latin reader's: to the Japanese one 本人 after a word ends a name (``_PLURAL``).
_PERSON_WORD_AFTER = re.compile(r"(?:宛て?|あて|ご?本人|自身|両名)")
# A model number right after a run, then Japanese ("Galaxy S24の", "Pixel 8aの", a
# "10000mAh" capacity): a token of letters and digits mixed. Never a number alone: a number
# and its counter after a name is a room, a count or an order ("Alan Reyes 3号室",
# "Liam Carter 2件"), nor a year or a phone.
_MODEL_NUMBER_AFTER = re.compile(
    r"[ \t]?(?:[A-Za-z]{1,3}\d{1,5}[A-Za-z]{0,4}|\d{1,5}[A-Za-z]{1,4})"
    f"(?=[{KANA}{KANJI}、。])"
)
# 経由 ("through X") after a Latin run: a word of its own, no compound noun the run modifies;
# X is a shop or a friend ("Delia Fairbrook経由で申し込みました"), as the run's words tell.
_THROUGH = re.compile(r"経由")
# A maker's or a company's word after a Latin run: the run names a brand or a firm. Not
# 経由 ("through"): an order goes through a friend as often as through a shop.
_MAKER_AFTER = re.compile(r"(?:社製|製|社|ブランド|公式|証券|銀行|製品|商品)")
# Quotation marks around a title in Japanese text: 「Silver Lantern」, 『...』, "Tide Notes".
_OPENING_QUOTES = frozenset('「『【〈《“"')
_CLOSING_QUOTES = frozenset('」』】〉》”"')


def person_word_after(text: str, end: int) -> bool:
    """Whether a word marking a person follows ``text[:end]`` in Japanese text.

    An honorific, a title or a role (``HONORIFIC``: Quaile様, Thornton部長), or a word of
    address or of acting in person (Quaile宛, Quaile本人).
    """
    return bool(
        HONORIFIC.match(text[end : end + 4]) or _PERSON_WORD_AFTER.match(text, end, end + 3)
    )


def _acted(text: str, begin: int, end: int) -> bool:
    """Whether the Latin run ``text[begin:end]`` does or undergoes the verbal noun after it.

    経由 after any run ("Delia Fairbrook経由", "Amazon経由"); another verbal noun after a run
    of two words or more ("Mark Stone作成", "Ivy Green担当"): a full name acts, while one
    word before 対応 or 作成 is as often a product's ("Alexa対応": works with Alexa).
    """
    if _THROUGH.match(text, end):
        return True
    return len(text[begin:end].split()) >= 2 and verbal_noun_at(text, end)


def no_name_in_japanese(text: str, begin: int, end: int) -> bool:
    """Whether a Latin run in Japanese text is a noun's modifier or a quoted title, no person.

    A run a kanji or katakana noun follows is the first part of a compound noun (Momoチャレンジ,
    Ca級), unless the noun marks a person (``person_word_after``: Quaile様, Thornton部長,
    Quaile宛) or is an action the run does (``_acted``: "X経由", "Mark Stone作成"; whether X
    is a person or a shop, a product, is the run's own words' to tell, as anywhere else).
    A run whose Latin stretch fills a pair of quotation marks is a title ("「Silver Lantern」",
    "新聞"Tide Notes""): Japanese text quotes works, not people, unless an
    honorific follows the closing mark ("「Gareth Pryce」さん").
    """
    if person_word_after(text, end):
        return False
    if _JAPANESE_NOUN_CHAR.match(text, end) and not _acted(text, begin, end):
        return True
    left, right = begin, end
    floor, ceiling = max(0, begin - _LOOKBACK), min(len(text), end + _LOOKBACK)
    while left > floor and text[left - 1].isascii() and text[left - 1] != '"':
        left -= 1
    while right < ceiling and text[right].isascii() and text[right] != '"':
        right += 1
    return (
        0 < left
        and right < len(text)
        and text[left - 1] in _OPENING_QUOTES
        and text[right] in _CLOSING_QUOTES
        and not HONORIFIC.match(text[right + 1 : right + 5])  # 「Gareth Pryce」さん: a person
    )


# A slash between a capitalised word standing alone and two more (not in a path or a URL:
# "/Users/Ann", "docs/Setup" have more parts or a lower-case part; nor a product's second
# name, "Lotus Notes/Domino"): two full names listed ("Gareth Pryce/Mireille Dufresne"),
# or more (a name in the middle ends at the next slash: "A B/C D/E F").
# The name reader sees a break there, so the name after the slash is read as one.
_SLASHED_NAMES = re.compile(
    r"(?<![^\s|(])([A-Z][a-z'\u2019\-]{1,40})/"
    r"(?=[A-Z][a-z'\u2019\-]{1,40}[ \t]+[A-Z][a-z'\u2019\-]{1,40}(?:[\s|,.;:)]|/(?=[A-Z])|$))"
)


def _slash_as_break(match: re.Match[str]) -> str:
    return match.group(1) + "|"


# The score of a lone part of a name the text gives in full (as a known name's).
REPEATED_PART_SCORE = 0.85


def _repeated_parts(
    view: str, kept: list[tuple[int, int, float]], weak: list[tuple[int, int, float]]
) -> list[tuple[int, int, float]]:
    """The ``weak`` one-word runs that repeat a word of a name ``kept`` in full.

    "Alan Thornton ... Thornton部長", "Fiona Gallagher ... Gallagherさん": a text that names a
    person in full then calls them by one part. A part is a capitalised word of three letters
    or more (no initial, no title).
    """
    parts = {
        word
        for start, end, _ in kept
        for word in view[start:end].split()
        if len(word) >= 3 and word[0].isupper() and word.rstrip(".") not in _NOT_NAMES
    }
    if not parts:
        return []
    return [
        (start, end, max(score, REPEATED_PART_SCORE))
        for start, end, score in weak
        if view[start:end] in parts
    ]


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
        """Return PERSON results for ``text`` (its Latin stretches: ``latin_view``).

        Names joined by a slash are read apart ("Tobias Lindqvist/Mireille Dufresne"), and a
        part of a name found in full is a name wherever it recurs alone in the text ("Alan
        Thornton ... Thornton部長"), as the Japanese reader does for Japanese names.
        """
        japanese = has_japanese(text)
        view = _SLASHED_NAMES.sub(_slash_as_break, latin_view(text))
        kept: list[tuple[int, int, float]] = []
        weak: list[tuple[int, int, float]] = []
        ruled_out: list[tuple[int, int, float]] = []
        for start, end, score in self.spans(view):
            if japanese and person_word_after(text, end):
                # A title, a role or a word of address after a Latin run in Japanese text
                # (Stone部長, Green宛) is as sure a cue as "Mr." before it (the view blanks it,
                # so ``_score`` cannot see it); an honorific of address (担当のWhiteさん) makes
                # even a common English word a name, as "Mr." does in "Mr. White".
                score = min(1.0, score + _CUE_BONUS)
                if _ADDRESSED.match(text, end):
                    score = max(score, _ADDRESSED_SCORE)
            if japanese and (
                no_name_in_japanese(text, start, end)
                or self._product_in_japanese(text, view, start, end)
                or self._phrase_before_a_verbal_noun(text, view, start, end)
            ):
                ruled_out.append((start, end, score))
                continue
            (kept if score >= self.threshold else weak).append((start, end, score))
        # One verdict per name in a text: a run ruled no person at one mention ("Grace Harlow
        # 3箱") is a person if another mention of it is kept ("Grace Harlow宛").
        names = {view[start:end] for start, end, _ in kept}
        kept += [r for r in ruled_out if r[2] >= self.threshold and view[r[0] : r[1]] in names]
        kept += _repeated_parts(view, kept, weak)
        return [RecognizerResult("PERSON", start, end, score) for start, end, score in kept]

    def no_person_in_japanese(
        self, text: str, begin: int, end: int, verdicts: dict[str, bool] | None = None
    ) -> bool:
        """Whether a Latin run ``text[begin:end]`` the Japanese reader took for a name is none.

        Sudachi and the name tagger read Latin words too, with the Japanese context the Latin
        reader lacks, so of the Latin reader's tests only those that context does not show
        apply (``_product_in_japanese``), and a maker's or a company's word after the run
        (``_MAKER_AFTER``: "Zenvoria社"), on a run that may be a product at all
        (``_may_be_product``). Not any compound noun: the tagger's "Smith作曲" is a person,
        and a missed name is a leak. One verdict per name in a text: a product only if every
        mention of the run is one ("Zephyrine Quillfeather様 ... Zephyrine Quillfeather X2"
        is a person). ``verdicts``, the caller's memo for one text (run -> verdict), judges a
        run repeated many times once, not once per mention (linear, not quadratic); no
        process-wide cache holds a request's text.
        """
        view = latin_view(text)
        if not self._product_for_tagger(text, view, begin, end):
            return False
        run = text[begin:end]
        if verdicts is not None and run in verdicts:
            return verdicts[run]
        mentions = re.finditer(r"(?<![A-Za-z])" + re.escape(run) + r"(?![A-Za-z])", text)
        verdict = all(self._product_for_tagger(text, view, m.start(), m.end()) for m in mentions)
        if verdicts is not None:
            verdicts[run] = verdict
        return verdict

    def _product_for_tagger(self, text: str, view: str, begin: int, end: int) -> bool:
        """The Japanese reader's product test of one mention (see ``no_person_in_japanese``)."""
        if not self._may_be_product(text, view, begin, end):
            return False
        return bool(
            _MAKER_AFTER.match(text, end) or self._product_in_japanese(text, view, begin, end)
        )

    def _may_be_product(self, text: str, view: str, begin: int, end: int) -> bool:
        """Whether a Latin run in Japanese text may be ruled a product rather than a person.

        Privacy first: a brand masked costs little, a person left in clear is a leak. So never
        a run a title or a greeting opens ("Mr.", "Dear"), one a word marking a person follows
        (様, さん, 宛: ``person_word_after``), nor one that reads as a listed given name then a
        listed surname ("Jack White", "Hope Marsh", "Alan Reyes") or as one listed name: only
        a run that is no plausible name ("Galaxy", "Voice Stream") may be a product.
        """
        if person_word_after(text, end) or _TITLES.search(text[max(0, begin - 24) : begin]):
            return False
        return not self._plausible_name(view[begin:end])

    def _plausible_name(self, run: str) -> bool:
        """Whether a run's capitalised words read as a person's name (the name tables).

        Two words or more: the first is a given name and the last a surname of the tables
        (names-dataset ranks, as ``_known`` reads them), or an unlisted word that is no English
        word (a rare surname). One word: a given name or a surname among the commonest.
        """
        words = [
            w.rstrip(".")
            for w in run.split()
            if w[0].isupper() and not _INITIAL.fullmatch(w) and w.rstrip(".") not in _NOT_NAMES
        ]
        if not words:
            return False
        first, last = words[0], words[-1]
        if len(words) == 1:
            return min(self.lexicon.first_rank(first), self.lexicon.last_rank(first)) <= 2000
        return self.lexicon.first_rank(first) <= _LISTED and (
            self.lexicon.last_rank(last) <= _LISTED
            or (word_commonness(last) < 2.0 and len(last) >= 4)
        )

    def _phrase_before_a_verbal_noun(self, text: str, view: str, begin: int, end: int) -> bool:
        """Whether a run let through by the verbal noun after it (``_acted``) reads as a phrase.

        "Mark Stone作成" is kept as the doer of 作成, but so would "Gift Card購入", "Rose Gold
        対応" or "Grace Period延長" be: English phrases whose words both happen to be in the
        name tables. Such a run is a person only if it holds no English word that names nobody
        (``_word_in_japanese``), opens with a listed given name, ends with a listed surname or
        a rare word, and is not two common English words ("Rose Gold", "Green Tea"), unless
        the last is one of the commonest surnames ("Dean White", "Chris Lee": a name).
        """
        if not _JAPANESE_NOUN_CHAR.match(text, end) or _THROUGH.match(text, end):
            return False
        if person_word_after(text, end) or _TITLES.search(text[max(0, begin - 24) : begin]):
            return False
        words = [w.rstrip(".") for w in view[begin:end].split() if w[0].isupper()]
        if len(words) < 2:
            return False
        first, last = words[0], words[-1]
        if self.lexicon.last_rank(last) <= _COMMONEST_SURNAME:
            return False  # "Dean White", "Chris Lee": one of the commonest surnames ends it
        if self._word_in_japanese(view, begin, end):
            return True
        if self.lexicon.first_rank(first) > _LISTED:
            return True  # "Night Shift", "Easy Pay": no given name opens it
        if self.lexicon.last_rank(last) > _LISTED and word_commonness(last) >= 2.0:
            return True  # "Grace Period", "Golden Week": an English word, no surname, ends it
        return word_commonness(first) >= _COMMON and word_commonness(last) >= _COMMON

    def _product_in_japanese(self, text: str, view: str, begin: int, end: int) -> bool:
        """Whether a Latin run in Japanese text that may be a product is one.

        A model number after it ("Galaxy S24の"), or an English word in it that names nobody
        (``_word_in_japanese``).
        """
        return self._may_be_product(text, view, begin, end) and bool(
            _MODEL_NUMBER_AFTER.match(text, end) or self._word_in_japanese(view, begin, end)
        )

    def _word_in_japanese(self, view: str, begin: int, end: int) -> bool:
        """Whether a run of names in Japanese text holds an English word that names nobody.

        In Japanese text a capital tells nothing (products and titles are written in Latin
        letters, people mostly in katakana): a run of two words or more with a common English
        word that is no listed name ("Echo Dot", "General Arcade", "Voice Stream", "Galaxy
        Buds") is a product or a title, unless a title or a greeting before it makes it a
        person ("Dr.", "Dear"; a word after it that marks a person is read by
        ``no_name_in_japanese``).
        """
        words = [w.rstrip(".") for w in view[begin:end].split() if w[0].isupper()]
        if len(words) < 2 or _TITLES.search(view[max(0, begin - 24) : begin]):
            return False
        if any(self.lexicon.last_rank(w) <= _TOP_SURNAME and self._known(w) >= 0.6 for w in words):
            return False  # "Magic Johnson": a nickname before one of the commonest surnames
        return any(
            word_commonness(word) >= _COMMON
            and self._known(word) < 0.5
            and not self._is_given_name(word)
            for word in words
        )

    def spans(self, text: str) -> Iterator[tuple[int, int, float]]:
        """Yield ``(start, end, score)`` for every scored candidate run."""
        for match in _RUN.finditer(text):
            yield from self._score_run(text, match.start(), match.group())

    def _score_run(self, text: str, start: int, run: str) -> Iterator[tuple[int, int, float]]:
        words = [(m.start() + start, m.group()) for m in _WORD.finditer(run)]
        if words and _POSSESSIVE.search(words[-1][1]):
            words[-1] = (words[-1][0], words[-1][1][:-2])
        # Greetings, pronouns and months are never part of a name; nor is a sentence-initial
        # word that is more common as a word ("Please", "Street").
        opening: tuple[int, str] | None = None  # a given name dropped as a sentence's word
        # A run Japanese follows is in a Japanese sentence, which has no sentence case: a
        # listed given name opening it is capitalised as a name ("Hope Baker経由で..."), not
        # for opening the sentence (a product's first word still may be: "Kindle ...").
        in_japanese = text.startswith(JAPANESE_BLANK, start + len(run))
        while words and (
            words[0][1].rstrip(".") in _NOT_NAMES
            or (
                not (in_japanese and self.lexicon.first_rank(words[0][1]) <= _OPENING_RANK)
                and _at_sentence_start(text, words[0][0])
                and not _TITLE_ONLY.search(text[max(0, words[0][0] - 8) : words[0][0]])
                and self._known(words[0][1]) < 0.5
            )
        ):
            dropped = words.pop(0)
            listed = dropped[1].rstrip(".") not in _NOT_NAMES
            listed = listed and self.lexicon.first_rank(dropped[1]) <= _OPENING_RANK
            opening = dropped if listed else None
        for i, (_, word) in enumerate(words):
            if word.rstrip(".") in _UNIT_WORDS:  # "Mrs. Diana Usamov Suite 913"
                words = words[:i]
                break
        while words and (words[-1][1] in _NOT_NAMES or re.fullmatch(_PARTICLE, words[-1][1])):
            words.pop()
        if not words:
            return
        begin, end = words[0][0], words[-1][0] + len(words[-1][1])
        tokens = [w.rstrip(".") for _, w in words if not re.fullmatch(_PARTICLE, w)]
        if self._not_a_person(text, begin, end, tokens):
            return
        score = self._score(text, begin, end, tokens)
        if (
            opening
            and score >= self.threshold
            and text[opening[0] + len(opening[1]) : begin].isspace()
        ):
            # "Bartholomew Quennell です": the sentence's first word is a listed given name
            # right before a name, so it is that name's first part, not a word of English.
            begin = opening[0]
        yield begin, end, score

    def _not_a_person(self, text: str, begin: int, end: int, tokens: list[str]) -> bool:
        """Address, organisation, place and label cues around or inside the run."""
        line_start = _line_start(text, begin)
        before, after = text[line_start:begin], text[end : end + 80]
        if text[begin:end] in _country_names():
            return True
        if text[begin:end] in _place_names() and not self._is_given_name(tokens[0]):
            return True  # a region ("Alberta"), unless also a given name ("Mary", "Victoria")
        if _ends_with_place(tokens) and not self._is_given_name(tokens[0]):
            return True  # "Southern Tunisia", but not "Marta Palermo"
        next_word = _NEXT_WORD.match(after)
        if tokens[-1] in _ORG_WORDS or (next_word and next_word.group(1) in _ORG_WORDS):
            return True
        if _LEGAL_FORM_AFTER.match(after):
            return True
        if (
            len(tokens) == 1
            and _LABEL_AFTER.match(after)
            and _LINE_PREFIX.fullmatch(before)
            and not self._is_given_name(tokens[0])
            and word_commonness(tokens[0]) >= 3.0
        ):
            return True  # "Fax:", "Bot:" at the start of a line
        return self._is_address(text, begin, before, after, tokens)

    @staticmethod
    def _is_address(text: str, begin: int, before: str, after: str, tokens: list[str]) -> bool:
        strong_street = any(t in _STREET_WORDS and t not in _STREET_SURNAMES for t in tokens[1:])
        if strong_street or tokens[0] in _STREET_PREFIXES:
            return True
        if any(_STREET_ENDING.search(t.lower()) for t in tokens if len(t) > 5):
            return True
        after_word = re.match(r"^[ \t]+([A-Z][a-z]+)\b", after)
        if (
            after_word
            and after_word.group(1) in _STREET_WORDS
            and (after_word.group(1) not in _STREET_SURNAMES)
        ):
            return True
        if _HOUSE_NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(after):
            return True
        if _UNIT_LINE_BEFORE.search(text[max(0, begin - 40) : begin]):
            return True
        street_before = _STREET_BEFORE.search(before)
        if street_before and street_before.group(1) in _STREET_WORDS:
            return True  # "... Diakou Street, Nicosia": the town of an address
        return bool(_REGION_AFTER.match(after) or _starts_with_country(after))

    def _score(self, text: str, begin: int, end: int, tokens: list[str]) -> float:
        window = text[max(0, begin - 24) : begin]
        cue = bool(_TITLES.search(window)) or bool(_AFTER_VERB.match(text[end : end + 14]))
        full = [t for t in tokens if not _INITIAL.fullmatch(t)]
        if not full:
            return 0.0
        known = [self._known(t) for t in full]
        given = self._is_given_name(full[0])
        if (
            len(tokens) >= 2
            and given
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
            score += _CUE_BONUS
        elif max(known) >= 0.6 and _WEAK_CUE.search(window):
            score += 0.2
        elif given and _WEAK_AFTER.match(text[end : end + 6]):
            score += 0.2
        elif _PLACE_PREP.search(window) and not given:
            score -= 0.2
        return max(0.0, min(score, 1.0))

    def _is_given_name(self, token: str) -> bool:
        return self.lexicon.first_rank(token) <= 2000 and self._known(token) >= 0.6

    def _known(self, token: str) -> float:
        """How name-like one token is, from 0 (unknown) to 1 (a popular name, rare as a word)."""
        first, last = self.lexicon.first_rank(token), self.lexicon.last_rank(token)
        rank = min(first, last)
        if token in _NOT_NAMES:
            return 0.0
        if rank > 20000:
            # Unlisted, but shaped like a surname and not an English word ("Mordvinova").
            # Not a word either: a name only with a cue (a title, "says", "my name is").
            if word_commonness(token) >= 2.0 or len(token) < 4:
                return 0.0
            return 0.6 if _SURNAME_ENDING.search(token) else 0.35
        common = word_commonness(token)
        if common < 2.5:
            return 1.0
        if common < _COMMON:
            # Also an English word ("Billing", "Fuse"): trust only a popular name.
            return 1.0 if first <= 1000 else 0.8 if last <= 1000 else 0.3
        if common < 5.5:
            return 1.0 if rank <= 20 else 0.6 if rank <= 200 else 0.2
        return 0.3 if rank <= 5 else 0.05

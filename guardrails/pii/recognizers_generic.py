"""Number-shaped recognizers: phone, card, IBAN, SSN (stricter or broader than Presidio's).

Why not Presidio's own (they are the benchmark's baseline):

* ``PhoneRecognizer`` runs libphonenumber's matcher once per region (eight passes) and
  finds only numbers valid for those regions, so local formats from elsewhere
  ("60-56-85-91", "467 3395", "+46 (0)8 928 571 38") and extensions are missed.
  :class:`PhoneNumberRecognizer` finds phone-shaped digit groups in one pass and scores
  them: an international ``+``/``00`` prefix or a libphonenumber-valid number is enough on
  its own; any other grouping needs a phone word before it (``phone``, ``call``, ``fax``...)
  or a line label after it (``office``, ``mobile``...).
* Presidio's card pattern only knows prefixes 1/3/4/5[0-5]/6 and 13-16 digit groupings,
  so 2-series Mastercard, 19-digit Visa and 12-digit Maestro numbers are missed.
  :class:`CardNumberRecognizer` takes 12-19 digits (grouped in fours, or Amex/Diners
  4-6-5/4-6-4), always requires a valid Luhn checksum, and scores a known network
  prefix (IIN) at 13+ digits as certain; a 12-digit or unknown-prefix number needs a card
  word before it. A Luhn-failing number is never a card here (the synthetic benchmark's
  cards all pass Luhn, so no exception is needed).
* IBANs are matched case-insensitively (``gb42nawi...``) and validated upper-cased.
* Presidio's ``UsSsnRecognizer`` invalidates the published sample SSNs (``123-45-6789``,
  ``078-05-1120``, ``987-65-4320``) outright, so "my SSN is 123-45-6789" reached the model
  unmasked. :class:`SampleAwareSsnRecognizer` keeps them below the threshold on their own
  (they are usually examples) and lets an SSN context word (``ssn``, ``social security``)
  before them lift them over it, like any other weak SSN match. Nine digits run together
  count only right after an SSN label.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from functools import lru_cache

import phonenumbers
import pycountry
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import IbanRecognizer, UsSsnRecognizer

from guardrails.language import KANJI, KATAKANA_LETTERS
from guardrails.pii.entities import CONTEXT_WINDOW
from guardrails.pii.languages import has_japanese, in_japanese_context, latin_view
from guardrails.run_memo import per_run

PHONE_CONTEXT = (
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cell",
    "call",
    "fax",
    "desk",
    "reach",
    "dial",
    "contact",
    "whatsapp",
    "sms",
    "text me",
    "answering",
    "landline",
    "ring",
    # Japanese (no word boundary: a phone word runs on from the word before, お電話, 携帯電話;
    # ＴＥＬ is "tel" after the normaliser's NFKC).
    "電話",
    "携帯",
    "連絡先",
)
_PHONE_AFTER = re.compile(
    r"^[ \t]*[-(,]?[ \t]*(?:office|fax|mobile|cell|home|work|desk|direct|tel|phone)\b", re.I
)
# An English word starts at a word boundary ("tel" not in "hotel"); a Japanese one anywhere.
_PHONE_WORD = re.compile(
    "|".join(rf"\b{re.escape(w)}" if w.isascii() else re.escape(w) for w in PHONE_CONTEXT),
    re.I,
)


def has_phone_context(text: str, start: int, end: int) -> bool:
    """A phone word in the characters before ``text[start:end]``, or a line label after."""
    before = text[max(0, start - CONTEXT_WINDOW) : start]
    return bool(_PHONE_WORD.search(before)) or bool(_PHONE_AFTER.match(text[end : end + 16]))


# Optional +CC or 00CC, optional (area) or (0), then 1-5 digit groups separated by one
# space, dot or hyphen; an optional extension. Lookarounds keep it off longer numbers,
# words, decimals and dates (a slash or colon is never a separator), and off numbers
# right after "#" (order #4012-7765-3321, ticket #55-1234: a number's label, not a phone).
_PHONE = re.compile(
    r"(?<![A-Za-z0-9_+/.:#-])"
    r"(?P<intl>(?:\+|00)\d{1,3}[ .-]?)?"
    r"(?:\(\d{1,5}\)[ .-]?)?"
    r"\d{1,12}(?:[ .-]?\(\d{1,4}\)[ .-]?\d{1,8}|[ .-]\d{1,8}){0,5}"
    r"(?P<ext>[ \t]?(?:x|ext\.?|extension)[ \t]?\d{1,5})?"
    r"(?![A-Za-z0-9_/]|[.:-]\d)",
    re.I,
)
# A phone candidate that opens with a date. Not the normaliser's date rule (``_DATE_LIKE``,
# a whole run with slashes and two-digit years) on purpose: this one reads the start of a
# candidate, where a two-digit "year" is a phone's third group (01.23.45.67.89).
_DATE = re.compile(r"^(?:\d{4}[-.]\d{1,2}[-.]\d{1,2}|\d{1,2}[-.]\d{1,2}[-.]\d{4})\b")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_SSN_SHAPE = re.compile(r"^\d{3}-\d{2}-\d{4}$")
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR", "AU", "NL", "ES", "IT", "JP")
# The regions whose numbers are valid next to Japanese (a US phone in a Japanese customer's
# message); Japanese layouts are the Japanese phone recognizer's there.
NANP_REGIONS = ("US", "CA")


@per_run
def _valid_somewhere(number: str, regions: tuple[str, ...] = PHONE_REGIONS) -> bool:
    """True when libphonenumber accepts ``number`` as valid in one of ``regions``."""
    for region in regions:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            return False
        if phonenumbers.is_valid_number(parsed):
            return True
        if number.startswith(("+", "00")):
            return False  # the region does not matter for an international number
    return False


# Everyday Japanese names of countries that iso-codes gives only in their formal form (英国,
# 米国): the Japanese names themselves come from iso-codes' Japanese translation.
_COLLOQUIAL_COUNTRIES = {"イギリス": "GB", "アメリカ": "US"}
# Where the sentence holding a number starts: a country named before it must be in it.
_SENTENCE_END_JA = re.compile(r"[。！？!?\n]")


# A compound noun in 番号 that is no phone's (会員番号, 注文番号, 管理番号) right before a
# number: that number is of its own kind. Not 電話番号, nor a bare 番号 after の or a particle.
_OTHER_NUMBER_LABEL = re.compile(f"(?<!電話)(?<=[{KANJI}{KATAKANA_LETTERS}])番号[ \t　:：は]*$")


def _possible_long(number: str, region: str) -> bool:
    """A number of ten digits or more that has the region's shape, if no assigned range.

    Valid is an assigned range; a mobile number in a range set aside or not yet listed
    (the UK's 07700 900...) is still a phone to mask when the sentence names its country.
    """
    if len(re.sub(r"\D", "", number)) < 10:
        return False
    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(number, region)))
    except phonenumbers.NumberParseException:
        return False


@lru_cache(maxsize=1)
def _japanese_country_names() -> re.Pattern[str]:
    """Every country's Japanese name (iso-codes' translation, shipped with pycountry)."""
    ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"], fallback=True)
    names = dict(_COLLOQUIAL_COUNTRIES)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            if not english or (translated := ja.gettext(english)) == english:
                continue
            # "大韓民国 (韓国)": the formal name and, in brackets, the everyday one.
            for part in re.split(r"[ ()（）]+", translated):
                if len(part) >= 2 and has_japanese(part):
                    names.setdefault(part, country.alpha_2)
    _COUNTRY_REGION.update(names)
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


_COUNTRY_REGION: dict[str, str] = {}


def _region_named_before(text: str, start: int) -> str | None:
    """The region of the last country named in Japanese before ``start``, in its sentence."""
    window = text[max(0, start - CONTEXT_WINDOW) : start]
    ends = list(_SENTENCE_END_JA.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    named = list(_japanese_country_names().finditer(window))
    return _COUNTRY_REGION[named[-1].group()] if named else None


class PhoneNumberRecognizer(LocalRecognizer):
    """PHONE_NUMBER from phone-shaped digit groups, scored by shape, validity and context."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=["PHONE_NUMBER"],
            supported_language=supported_language,
            name="PhoneNumberRecognizer",
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return scored phone numbers in ``text`` (read on ``latin_view``: "電話：415-...").

        A number that touches Japanese (``in_japanese_context``) is valid only as an
        international or North American number: the Japanese phone recognizer reads Japanese
        layouts, and a Japanese count, date or member number in groups ("128 357 317人") is
        no phone; any other layout there needs a phone word, as in English ("電話番号
        4155550132"). A number in an English sentence is read as in any English text, whatever
        else the text holds.
        """
        results = []
        view = latin_view(text)
        japanese = has_japanese(text)
        for match in _PHONE.finditer(view):
            local = japanese and in_japanese_context(text, match.start(), match.end())
            score = self.score(text, match, NANP_REGIONS if local else PHONE_REGIONS)
            if local and score < 0.5:
                score = self._in_named_country(text, match) or score
            if score > 0:
                results.append(RecognizerResult("PHONE_NUMBER", match.start(), match.end(), score))
        return results

    @staticmethod
    def _in_named_country(text: str, match: re.Match[str]) -> float:
        """0.6 for a number the sentence says is of a country, and valid there; else 0.

        "ドイツの番号030 12345678": no phone word, and next to Japanese a number is held to
        North American numbers, but the country named before it tells how to read it. Only a
        number dialled as in that country (its trunk 0) or internationally: an order or member
        number after a country's name ("ドイツからの注文12345678") opens with no 0.
        """
        value = match.group(0)
        if not value.lstrip("(").startswith(("0", "+")):
            return 0.0
        if _OTHER_NUMBER_LABEL.search(text, max(0, match.start() - 12), match.start()):
            return 0.0  # ドイツの会員番号0301234: a number of its own kind, named
        region = _region_named_before(text, match.start())
        if region is None:
            return 0.0
        number = re.sub(r"[^\d+]", "", value)
        if not _valid_somewhere(number, (region,)) and not _possible_long(number, region):
            return 0.0
        return 0.6 + (0.35 if has_phone_context(text, match.start(), match.end()) else 0.0)

    @staticmethod
    def score(text: str, match: re.Match[str], regions: tuple[str, ...] = PHONE_REGIONS) -> float:
        """Score one candidate (0 = not a phone number); valid means valid in ``regions``."""
        value = match.group(0)
        core = value[: match.start("ext") - match.start()] if match.group("ext") else value
        digits = re.sub(r"\D", "", core)
        if not 7 <= len(digits) <= 15 or _DATE.match(core) or _IPV4.match(core):
            return 0.0
        groups = len(re.findall(r"\d+", core))
        grouped = groups > 1
        if not grouped and len(digits) > 12:
            return 0.0  # a long unformatted number is an id or an account, not a phone
        context = has_phone_context(text, match.start(), match.end())
        if _SSN_SHAPE.match(core) and not context:
            return 0.3  # the US SSN layout; a phone only with a phone word
        if match.group("intl") and len(digits) >= 8:
            score = 0.75
        elif (groups >= 3 or "(" in core) and _valid_somewhere(
            re.sub(r"[^\d+]", "", core), regions
        ):
            score = 0.6  # a layout and a number libphonenumber both accept
        else:
            score = 0.3  # two digit groups or one run: a postcode, a house number, an id...
        return min(1.0, score + (0.35 if context else 0.0))


_CARD_WORD = re.compile(
    r"(?:\b(?:card|credit|debit|visa|mastercard|amex|american express|discover|jcb|diners|"
    r"maestro|unionpay)\b|\bcc\b|カード)",
    re.I,
)
# 12-19 digits: contiguous, or in groups of four (last group 1-4), or 4-6-4/4-6-5.
_CARD = re.compile(
    r"(?<![A-Za-z0-9_.,/+-])"
    r"(?:\d{12,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?|\d{4}[ -]\d{6}[ -]\d{4,5})"
    r"(?![\d]|[.,/-]\d)"
)
# Any other grouping of 2-4 digits ("40 12 88 88 ...", "4012 888 888 881 881"): a card only
# with a card word before it, as a phone number or a list of figures is far likelier.
_CARD_REGROUPED = re.compile(r"(?<![A-Za-z0-9_.,/+-])\d{2,4}(?:[ -]\d{2,4}){3,9}(?![\d]|[.,/-]\d)")
# Issuer identification number ranges of the major networks (ISO/IEC 7812 registrations).
_KNOWN_IIN = re.compile(
    r"^(?:4"  # Visa
    r"|5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720"  # Mastercard
    r"|3[47]"  # American Express
    r"|30[0-59]|3[689]"  # Diners Club
    r"|35(?:2[89]|[3-8]\d)|2131|1800"  # JCB
    r"|6011|64[4-9]|65|62"  # Discover, UnionPay
    r"|50|5[6-9]|6)"  # Maestro
)


def luhn_valid(digits: str) -> bool:
    """Return True when ``digits`` pass the Luhn (mod 10) checksum."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


class CardNumberRecognizer(LocalRecognizer):
    """CREDIT_CARD: Luhn-valid 12-19 digit numbers; a known network prefix or a card word."""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=["CREDIT_CARD"],
            supported_language=supported_language,
            name="CardNumberRecognizer",
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return card numbers in ``text``."""
        results = {}
        for pattern in (_CARD, _CARD_REGROUPED):
            for match in pattern.finditer(text):
                digits = re.sub(r"\D", "", match.group(0))
                if not 12 <= len(digits) <= 19 or not luhn_valid(digits) or len(set(digits)) == 1:
                    continue
                before = text[max(0, match.start() - CONTEXT_WINDOW) : match.start()]
                if pattern is _CARD and len(digits) >= 13 and _KNOWN_IIN.match(digits):
                    score = 1.0
                else:
                    score = 0.9 if _CARD_WORD.search(before) else 0.0
                if score and match.span() not in results:
                    results[match.span()] = RecognizerResult(
                        "CREDIT_CARD", match.start(), match.end(), score
                    )
        return list(results.values())


class CaseInsensitiveIbanRecognizer(IbanRecognizer):
    """Presidio's IBAN recognizer, also for IBANs typed in lower case.

    Read case-insensitively, Presidio's pattern also takes in a short word after the IBAN
    ("... 0005 1332 today" ends in the groups "toda" + "y") and the checksum then fails,
    so a failing match is retried without its last groups, longest valid prefix first.
    """

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_language=supported_language,
            regex_flags=re.DOTALL | re.MULTILINE | re.IGNORECASE,  # same values in ``regex``
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Validate the checksum of the upper-cased value."""
        result: bool | None = super().validate_result(pattern_text.upper())
        return result

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's results, plus the valid IBAN at the start of a match that failed."""
        results: list[RecognizerResult] = super().analyze(text, entities)
        found = [(r.start, r.end) for r in results]
        meta = {
            RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        for pattern in IbanRecognizer.PATTERNS:
            for match in re.finditer(pattern.regex, text, re.IGNORECASE):
                if any(s < match.end() and match.start() < e for s, e in found):
                    continue
                end = _valid_iban_prefix(match.group(), self.validate_result)
                if end:
                    start = match.start()
                    results.append(
                        RecognizerResult(
                            "IBAN_CODE", start, start + end, 1.0, recognition_metadata=meta
                        )
                    )
        return results


def _valid_iban_prefix(value: str, validate: Callable[[str], bool | None]) -> int:
    """Length of the longest prefix of ``value`` ending at a group boundary that validates."""
    cuts = [m.start() for m in re.finditer(r"[ -]", value)]
    for cut in reversed(cuts):
        if len(re.sub(r"[ -]", "", value[:cut])) >= 15 and validate(value[:cut]):
            return cut
    return 0


# Published sample/placeholder SSNs that Presidio invalidates (digits only).
SAMPLE_SSNS = frozenset({"123456789", "987654320", "078051120"})
_SSN_RULES = UsSsnRecognizer()  # Presidio's SSN rules and context words, read as they are
SAMPLE_SSN_SCORE = 0.3  # below the threshold; a context word (+0.35) lifts it over
# Nine digits run together are an SSN only right after its label ("SSN: 412739056",
# "social security number 412739056"); Presidio scores them 0.05, which even a context word
# anywhere in the window cannot lift, and such a loose word ("security") would not be enough.
_SSN_LABEL_BEFORE = re.compile(
    r"(?:\bssn|\bsocial[ \t]+security(?:[ \t]+(?:number|no\.?|#))?)[ \t]*(?:is|was|[:#=])?[ \t]*$"
    # Japanese: 社会保障番号, ソーシャルセキュリティ(ー)ナンバー, then は, が or a colon.
    r"|(?:社会保障|ソーシャル・?セキュリティー?・?)(?:番号|ナンバー)"
    r"(?:[ \t\u3000]*[はがを:：])?[ \t\u3000]*$",
    re.I,
)
LABELLED_BARE_SSN_SCORE = 0.5


def ssn_written(text: str, start: int, digits: str) -> bool:
    """Whether nine ``digits`` at ``text[start]`` are to be read as an SSN written plain.

    The normaliser asks this of an SSN layout split by odd separators ("412 . 73 . 9056") to
    fold it to 123-45-6789 form: only a number Presidio's SSN rules accept (never issued
    area 000/666, zero groups and one repeated digit are not), or a published sample after an
    SSN word (it is then masked, like any weak SSN match with its word). Any other such run
    is folded as a phone's groups, which the phone recognizer masks: the SSN form would leave
    it to Presidio's SSN rules, which drop it, and then in clear ("SSN 666 . 12 . 3456").
    """
    plain = f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    if digits in SAMPLE_SSNS:
        window = text[max(0, start - CONTEXT_WINDOW) : start].lower()
        return any(word in window for word in _SSN_RULES.context)
    return not _SSN_RULES.invalidate_result(plain)


class SampleAwareSsnRecognizer(UsSsnRecognizer):
    """Presidio's SSN recognizer that keeps the published sample SSNs as weak matches.

    Context is applied by the engine (``PiiEngine._with_context``) from ``CONTEXT``.
    """

    def invalidate_result(self, pattern_text: str) -> bool:
        """Presidio's rules, except that a sample SSN is not invalid (only weak)."""
        if re.sub(r"\D", "", pattern_text) in SAMPLE_SSNS and _SSN_SHAPE.match(pattern_text):
            return False
        return bool(super().invalidate_result(pattern_text))

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's results, with sample SSNs scored below the threshold.

        Read on ``text``'s Latin stretches (``latin_view``): Presidio's patterns need a word
        boundary around the number, which a kana next to it ("SSNは536-22-1849です")
        is not.
        """
        original, text = text, latin_view(text)
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        for result in results:
            value = text[result.start : result.end]
            if re.sub(r"\D", "", value) in SAMPLE_SSNS:
                result.score = min(result.score, SAMPLE_SSN_SCORE)
            elif value.isdigit() and _SSN_LABEL_BEFORE.search(
                # The text itself, not the view: a Japanese label (社会保障番号) is blanked there.
                original[max(0, result.start - CONTEXT_WINDOW) : result.start]
            ):
                result.score = max(result.score, LABELLED_BARE_SSN_SCORE)
        return results

"""Japanese recognizers: names from SudachiPy's 人名 tags; phone, postal, address, My Number.

Text arrives folded by ``guardrails.normalise.normalise`` (NFKC and more), so patterns
need only ASCII digits.
"""

from __future__ import annotations

import bisect
import re
import threading
from typing import Any, NamedTuple

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from sudachipy import Dictionary, SplitMode

from guardrails.japanese import tokenize

_HONORIFIC = re.compile(
    r"^(?:さん|様|さま|氏|君|くん|ちゃん|先生|殿|選手|監督|社長|部長|課長|係長|教授|博士|"
    r"夫人|議員|首相|大統領|長官|大臣|知事|市長|将軍|大佐|中佐|少佐|大尉|中尉|少尉|容疑者|被告|"
    r"兄弟|姉妹|一家|元帥|提督|司令官|准教授|講師|記者|弁護士|医師|捜査官|刑事|警部)"
)
_KATAKANA_NAME = re.compile(r"[ァ-ヴー]{2,}(?:[・=＝][ァ-ヴー]{2,})+")
_KATAKANA_WORD = re.compile(r"[ァ-ヴー]{2,}")


class Token(NamedTuple):
    """One Sudachi morpheme with its offsets in the whole text."""

    begin: int
    end: int
    surface: str
    pos: tuple[str, ...]


def my_number_is_valid(digits: str) -> bool:
    """Check a 12-digit My Number against its check digit (the official mod-11 rule)."""
    if not re.fullmatch(r"\d{12}", digits):
        return False
    body = [int(c) for c in digits[:11]]
    total = sum(d * (n + 1 if n <= 6 else n - 5) for n, d in enumerate(reversed(body), start=1))
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


class JaMyNumberRecognizer(PatternRecognizer):
    """JP_MY_NUMBER: 12 digits (optionally 4-4-4) whose check digit is right.

    In English text a bare 12-digit number is more often an order or account number, so there
    the score starts below the threshold and only a "My Number" context word lifts it.
    """

    def __init__(self, supported_language: str = "ja", score: float = 0.5) -> None:
        super().__init__(
            supported_entity="JP_MY_NUMBER",
            supported_language=supported_language,
            name="JaMyNumberRecognizer",
            patterns=[Pattern("my_number", r"(?<!\d)\d{4}[- ]?\d{4}[- ]?\d{4}(?!\d)", score)],
            context=["マイナンバー", "個人番号", "my number", "mynumber", "individual number"],
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Drop numbers with a wrong check digit; keep the pattern score for the others.

        (``True`` would make every valid one certain, 1.0, and so defeat the low English
        score: one 12-digit order or card number in ten has a "valid" check digit.)
        """
        return None if my_number_is_valid(re.sub(r"\D", "", pattern_text)) else False


# Japanese numbers are written 03-1234-5678, 03 1234 5678, 03.1234.5678 or run together.
_SEP = r"[- .]?"
_NOT_AFTER = r"(?<![\d\-.])"
_NOT_BEFORE = r"(?![\d\-]|\.\d)"


def japanese_pattern_recognizers() -> list[EntityRecognizer]:
    """Phone, postal-code and address recognizers for ``ja`` (plus My Number)."""
    phone = PatternRecognizer(
        supported_entity="PHONE_NUMBER",
        supported_language="ja",
        name="JaPhoneRecognizer",
        patterns=[
            Pattern("mobile", rf"{_NOT_AFTER}0[789]0{_SEP}\d{{4}}{_SEP}\d{{4}}{_NOT_BEFORE}", 0.85),
            Pattern(
                "free_dial",
                rf"{_NOT_AFTER}0(?:120|800){_SEP}\d{{3}}{_SEP}\d{{3}}{_NOT_BEFORE}",
                0.85,
            ),
            Pattern(
                "landline", rf"{_NOT_AFTER}0\d{{1,4}}[- .]\d{{1,4}}[- .]\d{{4}}{_NOT_BEFORE}", 0.75
            ),
            Pattern(
                "landline_paren",
                rf"{_NOT_AFTER}(?:0\d{{1,4}}[ ]?\(\d{{1,4}}\)[- .]?"
                r"|\(0\d{1,4}\)[- .]?\d{1,4}[- .]?)"
                rf"\d{{4}}{_NOT_BEFORE}",
                0.75,
            ),
            # Ten digits run together: a landline, or an order number; a phone word decides.
            Pattern("landline_bare", rf"{_NOT_AFTER}0[1-9]\d{{8}}{_NOT_BEFORE}", 0.4),
            Pattern(
                "intl",
                r"\+81[- .]?(?:\(0\)[- .]?)?\d{1,4}[- .]?\d{1,4}[- .]?\d{4}(?!\d)",
                0.9,
            ),
        ],
        context=["電話", "tel", "携帯", "連絡先", "phone", "fax", "ファックス", "ファクス"],
    )
    postal = PatternRecognizer(
        supported_entity="JP_POSTAL_CODE",
        supported_language="ja",
        name="JaPostalCodeRecognizer",
        patterns=[
            Pattern("marked", r"〒\s?\d{3}-?\d{4}(?!\d)", 0.9),
            Pattern("bare", r"(?<![\d-])\d{3}-\d{4}(?![\d-])", 0.4),
        ],
        context=["郵便番号", "〒"],
    )
    address = PatternRecognizer(
        supported_entity="JP_ADDRESS",
        supported_language="ja",
        name="JaAddressRecognizer",
        patterns=[
            Pattern(
                "prefecture_city_block",
                r"(?:東京都|北海道|(?:京都|大阪)府|[^\s、。]{2,3}県)[^\s、。]{1,12}?[市区町村郡]"
                r"[^\s、。]{0,20}?\d+(?:丁目|番地?|号|-\d+)+(?:[-ー]?\d+)*",
                0.85,
            ),
        ],
    )
    return [phone, postal, address, JaMyNumberRecognizer()]


class JapaneseNameRecognizer(EntityRecognizer):
    """PERSON from SudachiPy 固有名詞/人名 runs, katakana ``A・B`` names and honorifics.

    A surname-like word before an honorific (さん, 様, 氏...) counts as a name too.
    """

    def __init__(self) -> None:
        self._dictionary = Dictionary(dict="core")
        self._local = threading.local()  # a Sudachi tokenizer must not be shared by threads
        super().__init__(
            supported_entities=["PERSON"], supported_language="ja", name="SudachiNameRecognizer"
        )

    def load(self) -> None:
        """Nothing to load: the dictionary ships in ``sudachidict-core``."""

    def _tokenizer(self) -> Any:
        tok = getattr(self._local, "tokenizer", None)
        if tok is None:
            tok = self._local.tokenizer = self._dictionary.tokenizer(mode=SplitMode.C)
        return tok

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return PERSON results for ``text`` (any length: Sudachi reads it in pieces)."""
        morphemes = [
            Token(offset + m.begin(), offset + m.end(), m.surface(), tuple(m.part_of_speech()))
            for offset, m in tokenize(text, self._tokenizer())
        ]
        spans = self._sudachi_spans(morphemes)
        begins = [m.begin for m in morphemes]
        spans += [
            (m.start(), m.end(), 0.7)
            for m in _KATAKANA_NAME.finditer(text)
            if self._katakana_name_ok(morphemes, begins, m.start(), m.end())
        ]
        return [RecognizerResult("PERSON", s, e, score) for s, e, score in spans]

    @staticmethod
    def _katakana_name_ok(morphemes: list[Token], begins: list[int], start: int, end: int) -> bool:
        """Reject a long ``A・B・C`` of ordinary loanwords (a job title), unless one is a name."""
        first = max(0, bisect.bisect_right(begins, start) - 1)
        last = bisect.bisect_left(begins, end)
        inside = [m for m in morphemes[first:last] if m.begin < end and start < m.end]
        pos = [m.pos for m in inside]
        if any(p[1] == "固有名詞" and p[2] == "人名" for p in pos):
            return True
        words = [p for p in pos if p[0] == "名詞"]
        # Every part an ordinary word, and a long compound: a title or genre, not a name.
        return len(words) < 3 or not all(p[1] == "普通名詞" for p in words)

    def _sudachi_spans(self, morphemes: list[Token]) -> list[tuple[int, int, float]]:
        spans: list[tuple[int, int, float]] = []
        for i, m in enumerate(morphemes):
            nxt = morphemes[i + 1].surface if i + 1 < len(morphemes) else ""
            if not self._is_name_part(m.pos, m.surface, nxt):
                continue
            if spans and spans[-1][1] == m.begin:
                spans[-1] = (spans[-1][0], m.end, 0.85)
            else:
                spans.append((m.begin, m.end, 0.85))
        return spans

    @staticmethod
    def _is_name_part(pos: tuple[str, ...], surface: str, following: str) -> bool:
        if pos[1] == "固有名詞" and pos[2] == "人名":
            return True
        # Surnames are often tagged as place names; an honorific after one settles it.
        return (
            pos[0] == "名詞"
            and bool(_HONORIFIC.match(following))
            and (pos[1] == "固有名詞" or bool(_KATAKANA_WORD.fullmatch(surface)))
        )

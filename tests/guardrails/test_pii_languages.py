"""A text is read with the recognizers of the language it is in, whatever language the caller
gives (the thread's, the draft's): Japanese values in a Japanese text analysed as English, and
English values in an English text analysed as Japanese, are found."""

from __future__ import annotations

import pytest

from guardrails.pii import PiiEngine
from guardrails.pii.languages import reading_languages
from tests.guardrails.pii_engine_cache import shared_pii_engine

# Values of every Japanese-only kind, in a Japanese customer's message.
JA_TEXT = (
    "書類は東京都千代田区丸の内一丁目二番三号（〒100-0005）の鈴木さん宛に送ってください。"
    "連絡先は03-3210-7788、マイナンバーは123456789018です。"
)
JA_VALUES = {
    ("JP_ADDRESS", "東京都千代田区丸の内一丁目二番三号"),
    ("JP_POSTAL_CODE", "〒100-0005"),
    ("PHONE_NUMBER", "03-3210-7788"),
    ("JP_MY_NUMBER", "123456789018"),
}
# Values only the English recognizers find, in an English customer's message.
EN_TEXT = (
    "Hi, Thaddeus Wainwright here. Please call me back on (646) 555-0173; my SSN is 219-09-9999."
)
EN_VALUES = {
    ("PERSON", "Thaddeus Wainwright"),
    ("PHONE_NUMBER", "(646) 555-0173"),
    ("US_SSN", "219-09-9999"),
}


@pytest.fixture(scope="session")
def pii_engine() -> PiiEngine:
    return shared_pii_engine()


def _found(engine: PiiEngine, text: str, lang: str | None) -> set[tuple[str, str]]:
    return {(e.type, text[e.start : e.end]) for e in engine.analyze(text, lang)}


@pytest.mark.parametrize("lang", ["en", "ja", None])
def test_japanese_values_are_found_whatever_the_callers_language(
    pii_engine: PiiEngine, lang: str | None
) -> None:
    found = _found(pii_engine, JA_TEXT, lang)
    assert JA_VALUES <= found
    assert any(t == "PERSON" and "鈴木" in v for t, v in found)


@pytest.mark.parametrize("lang", ["en", "ja", None])
def test_english_values_are_found_whatever_the_callers_language(
    pii_engine: PiiEngine, lang: str | None
) -> None:
    assert EN_VALUES <= _found(pii_engine, EN_TEXT, lang)


@pytest.mark.parametrize("lang", ["en", "ja", None])
def test_a_japanese_address_quoted_in_english_is_found(
    pii_engine: PiiEngine, lang: str | None
) -> None:
    # No kana: detected as English, yet its address and name are Japanese.
    text = "Please send the papers to 東京都千代田区丸の内1-2-3 for 鈴木一郎, thanks."
    found = _found(pii_engine, text, lang)
    assert ("JP_ADDRESS", "東京都千代田区丸の内1-2-3") in found
    assert ("PERSON", "鈴木一郎") in found


@pytest.mark.parametrize("lang", ["en", None])
def test_a_japanese_postal_code_and_phone_with_no_kana_are_found(
    pii_engine: PiiEngine, lang: str | None
) -> None:
    found = {value for _, value in _found(pii_engine, "〒100-0001 03-1234-5678", lang)}
    assert any("100-0001" in value for value in found)
    assert any("03-1234-5678" in value for value in found)


def test_the_same_findings_whichever_language_is_read_first(pii_engine: PiiEngine) -> None:
    # The second language reads only its own types; the generic ones are not found twice.
    for text in (JA_TEXT, EN_TEXT):
        assert _found(pii_engine, text, "en") == _found(pii_engine, text, "ja")


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        # The common case: a text in the caller's language is read in that language only.
        ("Please refund order 48213 to my card.", "en", ("en",)),
        ("注文48213の返金をお願いします。", "ja", ("ja",)),
        ("注文48213の返金をお願いします。メールはhanako@example.jpです。", "ja", ("ja",)),
        ("Café crème, naïve résumé", "en", ("en",)),  # not ASCII, no Japanese
        # The text's own language is added.
        ("注文の返金をお願いします。", "en", ("en", "ja")),
        ("Please refund my order.", "ja", ("ja", "en")),
        ("Send it to 東京都千代田区大手町1-2-3.", "en", ("en", "ja")),
        ("Send it to 東京都千代田区大手町1-2-3.", "ja", ("ja", "en")),
        ("090-1234-5678", "ja", ("ja", "en")),  # no letters: English recognizers too
        ("〒100-0001 03-1234-5678", "en", ("en", "ja")),  # the postal mark is Japanese
        # No hint: the detected language, and Japanese for Japanese characters.
        ("注文の返金をお願いします。", None, ("ja",)),
        ("Please refund my order.", None, ("en",)),
        ("Send it to 東京都千代田区大手町1-2-3.", None, ("en", "ja")),
        ("Please refund my order.", "fr", ("en",)),
    ],
)
def test_reading_languages(text: str, hint: str | None, expected: tuple[str, ...]) -> None:
    assert reading_languages(text, hint) == expected


def test_a_text_read_in_full_before_is_not_read_again_for_its_own_types(
    pii_engine: PiiEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The prompt masks a Japanese message as Japanese; its stored copy in an English report is
    # read as English first, and the Japanese findings are taken from the first reading.
    pii_engine.clear_cache()
    cold = _found(pii_engine, JA_TEXT, "en")
    pii_engine.clear_cache()
    _found(pii_engine, JA_TEXT, "ja")
    calls: list[str] = []
    analyze = pii_engine.analyzer.analyze

    def spy(text: str, language: str, **kwargs: object) -> object:
        calls.append(language)
        return analyze(text, language=language, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pii_engine.analyzer, "analyze", spy)
    assert _found(pii_engine, JA_TEXT, "en") == cold
    assert calls == ["en"]

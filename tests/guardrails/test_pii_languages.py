"""A text is read with the recognizers of the language it is in, whatever language the caller
gives (the thread's, the draft's): Japanese values in a Japanese text analysed as English, and
English values in an English text analysed as Japanese, are found."""

from __future__ import annotations

import pytest

from guardrails.pii import PiiEngine
from guardrails.pii.languages import in_japanese_context, latin_view, reading_languages
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
        ("注文の返金をお願いします。", "ja", ("ja",)),
        # A Japanese text with a Latin letter or a digit is read in English too: a US phone,
        # an SSN or an English name may be in it.
        ("注文48213の返金をお願いします。", "ja", ("ja", "en")),
        ("注文48213の返金をお願いします。メールはhanako@example.jpです。", "ja", ("ja", "en")),
        ("My SSN is 536-22-1849, 東京より", None, ("ja", "en")),
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


# English-format values inside Japanese sentences: read by no Japanese recognizer, they
# reached the provider while only the text's detected language read it.
EMBEDDED = [
    ("お客様の電話番号は(415) 555-0132です。", "PHONE_NUMBER", "(415) 555-0132"),
    ("折り返しは415-867-5309までお願いします。", "PHONE_NUMBER", "415-867-5309"),
    ("SSNは536-22-1849です。", "US_SSN", "536-22-1849"),
    ("社会保障番号 536-22-1849 を確認しました。", "US_SSN", "536-22-1849"),
    (
        "住所は1600 Pennsylvania Avenue NW, Washington, DC 20500です。",
        "STREET_ADDRESS",
        "1600 Pennsylvania Avenue NW, Washington, DC 20500",
    ),
    ("米国の住所はVia Roma 131です。", "STREET_ADDRESS", "Via Roma 131"),
    ("上司のMargaret Thorntonに確認します。", "PERSON", "Margaret Thornton"),
    ("Quaile から折り返します。", "PERSON", "Quaile"),
    ("担当はQuaileです。", "PERSON", "Quaile"),
    ("お待たせしました。Quaile から折り返します。", "PERSON", "Quaile"),
    # An honorific or a role after a Latin name leaves it a name.
    ("Quaile様にお送りしました。", "PERSON", "Quaile"),
    ("Margaret Thornton部長に確認します。", "PERSON", "Margaret Thornton"),
    ("IPは192.168.10.5です", "IP_ADDRESS", "192.168.10.5"),
    ("Call me at (646) 555-0173、よろしくお願いします。", "PHONE_NUMBER", "(646) 555-0173"),
    ("My SSN is 536-22-1849, 東京より", "US_SSN", "536-22-1849"),
    # A label's colon glued to the value (full-width, folded to ":" with no space).
    ("連絡先：415-555-0132", "PHONE_NUMBER", "415-555-0132"),
    ("電話：(415) 555-0132", "PHONE_NUMBER", "(415) 555-0132"),
    ("TEL：415-555-0132", "PHONE_NUMBER", "415-555-0132"),
    ("携帯：+1 415 555 0132", "PHONE_NUMBER", "+1 415 555 0132"),
    (
        "住所：1600 Pennsylvania Avenue NW, Washington, DC 20500",
        "STREET_ADDRESS",
        "1600 Pennsylvania Avenue NW, Washington, DC 20500",
    ),
    ("住所：221B Baker Street, London", "STREET_ADDRESS", "221B Baker Street"),
    # A phone word and one run of digits, as in English.
    ("電話番号 4155550132", "PHONE_NUMBER", "4155550132"),
    ("電話は 020 7946 0958 です", "PHONE_NUMBER", "020 7946 0958"),
    # A Latin name between ・, quoted before an honorific, or before a person's suffix.
    ("営業・Gareth Pryce・経理", "PERSON", "Gareth Pryce"),
    ("「Gareth Pryce」さんから電話", "PERSON", "Gareth Pryce"),
    ("口座はGareth Pryce名義です", "PERSON", "Gareth Pryce"),
    ("担当はGareth Pryceスタッフです", "PERSON", "Gareth Pryce"),
    ("Gareth Pryce夫妻が来ました", "PERSON", "Gareth Pryce"),
    ("宛先：Gareth Pryce御中", "PERSON", "Gareth Pryce"),
]

# Non-US numbers in English sentences of a text that also has Japanese: read as in any
# English text (the North American restriction is for numbers that touch Japanese).
ENGLISH_NEXT_TO_JAPANESE = [
    ("My UK mobile is 07700 900123, 住所は東京都", "07700 900123"),
    ("Call 030 12345678 (Berlin office). 東京より", "030 12345678"),
    ("Call 98765 43210 in Mumbai, 佐藤", "98765 43210"),
    ("Call 01 23 45 67 89 please. 東京", "01 23 45 67 89"),
    ("Please call me at 020 7946 0958. 住所：東京都港区", "020 7946 0958"),
]


@pytest.mark.parametrize(("text", "value"), ENGLISH_NEXT_TO_JAPANESE)
@pytest.mark.parametrize("lang", ["en", "ja", None])
def test_a_foreign_phone_in_an_english_sentence_beside_japanese_is_found(
    pii_engine: PiiEngine, text: str, value: str, lang: str | None
) -> None:
    assert ("PHONE_NUMBER", value) in _found(pii_engine, text, lang)


def test_a_label_colon_after_a_latin_word_is_a_boundary(pii_engine: PiiEngine) -> None:
    assert ("PHONE_NUMBER", "415.555.0132") in _found(pii_engine, "Tel:415.555.0132", "en")


@pytest.mark.parametrize(("text", "kind", "value"), EMBEDDED)
@pytest.mark.parametrize("lang", ["ja", None])
def test_english_values_inside_japanese_text_are_found(
    pii_engine: PiiEngine, text: str, kind: str, value: str, lang: str | None
) -> None:
    assert (kind, value) in _found(pii_engine, text, lang)


# Japanese support text with product names, model, order and tracking numbers: no person, no
# phone. (Reading the whole text with every English recognizer took "Apple Store" for a
# person and tracking numbers for phones.)
CLEAN = [
    "Apple Storeで購入したiPhone 15 Proが起動しません。",
    "注文番号は1234-5678-9012です。発送状況を教えてください。",
    "追跡番号：1Z999AA10123456784、ヤマト運輸で届く予定です。",
    "型番はKJ-55X9500Hのテレビです。リモコンが反応しません。",
    "Amazonで買ったSONYのWH-1000XM5が届きません。",
    "Netflixのプランを Standard から Basic に変更したいです。",
    "配送番号は 4567 8901 2345 です。",
    "伝票番号は 3141-5926-5358 です。",
    "会員数は128 . 357 . 317人です",
    "会員番号は12 - 345 - 6789です",
    "Canon EOS R6 Mark IIのファームウェアは1.8.0が最新です。",
    "2024年3月15日 10:30 に Zoom でお打ち合わせをお願いします。",
    "Version 2.3.1 から Version 3.0 へのアップグレード手順を教えてください。",
    # A Latin word that opens a compound noun, and a quoted title, are no person.
    "Momoチャレンジの件で問い合わせました。",
    "新しいアルバム「Margaret Rose」が届きません。",
    # Numbers that touch Japanese and need a phone word: none here.
    "会員番号:128 357 317です",
    "会員数は128 357 317人です",
]


@pytest.mark.parametrize("text", CLEAN)
def test_japanese_support_text_with_latin_letters_stays_clean(
    pii_engine: PiiEngine, text: str
) -> None:
    assert _found(pii_engine, text, "ja") == set()


def test_the_name_reader_sees_latin_stretches_alone() -> None:
    view = latin_view("Apple Storeで購入。Standard から Basic、〒100")
    assert len(view) == len("Apple Storeで購入。Standard から Basic、〒100")
    assert view == "Apple Store|||\nStandard || Basic||100"
    assert latin_view("Plain English, no change.") == "Plain English, no change."


def test_a_labels_colon_is_blanked_in_the_latin_view() -> None:
    assert latin_view("連絡先:415-555-0132") == "||||415-555-0132"
    assert latin_view("Tel:415.555.0132") == "Tel|415.555.0132"
    assert latin_view("TEL:+1 415") == "TEL|+1 415"
    # Negatives: a time, IPv6 groups, a URL's port, a colon followed by a word.
    for text in ("at 10:30", "2001:db8::1", "cafe:1", "http://localhost:8080", "Note: see", "a:b"):
        assert latin_view(text) == text


def test_a_number_touches_japanese_past_spaces_and_a_colon_only() -> None:
    assert in_japanese_context("番号 4155550132", 3, 13)
    assert in_japanese_context("会員番号:128", 5, 8)
    assert in_japanese_context("128 357 317人", 0, 11)
    # Negatives: a comma, a bracket or an English word between.
    assert not in_japanese_context("07700 900123, 住所", 0, 12)
    assert not in_japanese_context("030 12345678 (Berlin). 東京", 0, 12)
    assert not in_japanese_context("98765 43210 in Mumbai, 佐藤", 0, 11)


def test_the_latin_view_is_computed_once_per_run() -> None:
    from guardrails.run_memo import run_memo

    text = "電話:415-555-0132"
    assert latin_view(text) is not latin_view(text)  # outside a run: computed, never kept
    with run_memo():
        assert latin_view(text) is latin_view(text)

"""Latin names, brands and foreign numbers inside Japanese support text.

Privacy first: a Latin name addressed (宛), acting in person (本人), listed with a slash, opening
the text, or called by one part after its full mention is masked whole; an SSN or a foreign
phone written with no English label is found by its Japanese label or its country. Then
precision: a Latin run that is a product (a model number beside it, a compound noun, an
English word that names nobody) is no person, in either the Latin or the Sudachi reading.
Each rule has its hard negatives beside it.
"""

from __future__ import annotations

import time

import pytest

from guardrails.pii import PiiEngine
from tests.guardrails.pii_engine_cache import japanese_persons, shared_pii_engine


@pytest.fixture(scope="session")
def pii_engine() -> PiiEngine:
    return shared_pii_engine()


def _covered(engine: PiiEngine, text: str, value: str, kind: str | None = None) -> bool:
    """Whether every non-space character of each occurrence of ``value`` lies in a finding."""
    found = [e for e in engine.analyze(text, "ja") if kind is None or e.type == kind]
    start = text.find(value)
    assert start >= 0, value
    while start >= 0:
        for i in range(start, start + len(value)):
            if not text[i].isspace() and not any(e.start <= i < e.end for e in found):
                return False
        start = text.find(value, start + 1)
    return True


_persons = japanese_persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("見積書はHoratio Blakemore宛でお願いします。", "Horatio Blakemore"),
        ("小包がSunniva Eklund宛てになっていました。", "Sunniva Eklund"),
        ("Ottilie Brannigan本人が来店する必要がありますか。", "Ottilie Brannigan"),
        ("契約はDamaris Wetherell自身が行いました。", "Damaris Wetherell"),
    ],
)
def test_a_latin_name_addressed_or_in_person_is_masked(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    # 宛 and 本人 are kanji: the name was read as a compound noun's modifier and left in clear.
    assert _covered(pii_engine, text, name, "PERSON")


def test_two_latin_names_joined_by_a_slash_are_both_masked(pii_engine: PiiEngine) -> None:
    text = "返信はEvander Moorcroft/Philippa Ganderton両名にお願いします。"
    assert _covered(pii_engine, text, "Evander Moorcroft", "PERSON")
    assert _covered(pii_engine, text, "Philippa Ganderton", "PERSON")  # "Philippa" was clear


def test_a_slash_in_a_path_or_a_url_joins_no_names(pii_engine: PiiEngine) -> None:
    for text in (
        "ファイルはC:/Users/Documents/Reportsにあります。",
        "設定はhttps://example.com/Help/Accountを見てください。",
    ):
        assert _persons(pii_engine, text) == []


def test_a_surname_alone_after_the_full_latin_name_is_masked(pii_engine: PiiEngine) -> None:
    # "Thornton" alone is as much an English word as a name: too weak without the full name.
    text = "先週Alan Thorntonさんに相談しました。Thornton課長の回答を待っています。"
    assert _covered(pii_engine, text, "Thornton", "PERSON")


def test_a_lone_part_is_a_name_only_when_the_full_name_is_in_the_text(
    pii_engine: PiiEngine,
) -> None:
    assert "Thornton" not in _persons(pii_engine, "先日Thorntonの件で連絡しました。")


def test_a_common_word_of_a_full_name_is_not_rescued_alone(pii_engine: PiiEngine) -> None:
    # "Will Smith" names Will, but "Will" opening a question is the verb.
    text = "I spoke to Will Smith yesterday. Will the refund arrive this week?"
    found = [text[e.start : e.end] for e in pii_engine.analyze(text, "en")]
    assert "Will Smith" in found
    assert "Will" not in found


def test_a_surname_repeated_in_an_english_text_is_masked(pii_engine: PiiEngine) -> None:
    text = "Our adviser was Imogen Tressider. Last week Tressider told us the fee was waived."
    found = [e for e in pii_engine.analyze(text, "en") if e.type == "PERSON"]
    assert {text[e.start : e.end] for e in found} >= {"Imogen Tressider", "Tressider"}


def test_a_listed_given_name_opening_a_sentence_joins_the_name_after_it(
    pii_engine: PiiEngine,
) -> None:
    # The opening word is more common as an English word than as a name: it was dropped as
    # a sentence's first word, and only the surname was masked.
    text = "Bartholomew Quennell wrote to ask about the order."
    assert _covered(pii_engine, text, "Bartholomew Quennell", "PERSON")


def test_an_opening_greeting_never_joins_a_name(pii_engine: PiiEngine) -> None:
    text = "Thanks Imogen Tressider for the quick reply."
    found = [text[e.start : e.end] for e in pii_engine.analyze(text, "en")]
    assert "Imogen Tressider" in found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("社会保障番号538114920で登録しています。", "538114920"),
        ("社会保障番号は 538114920 です。", "538114920"),
        ("ソーシャルセキュリティナンバー：538114920", "538114920"),
    ],
)
def test_an_ssn_labelled_in_japanese_is_found(pii_engine: PiiEngine, text: str, value: str) -> None:
    assert _covered(pii_engine, text, value, "US_SSN")


def test_nine_digits_with_another_japanese_label_are_no_ssn(pii_engine: PiiEngine) -> None:
    for text in ("注文番号538114920で登録しています。", "会員番号538114920です。"):
        assert not any(e.type == "US_SSN" for e in pii_engine.analyze(text, "ja"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ドイツの番号030 98765432に何度かけても出ません。", "030 98765432"),
        ("スペインの番号912 345 678、フランスの番号01 42 68 53 00です。", "01 42 68 53 00"),
        ("イギリスの番号07911 123456に折り返しをお願いします。", "07911 123456"),
    ],
)
def test_a_foreign_phone_after_its_country_is_found(
    pii_engine: PiiEngine, text: str, value: str
) -> None:
    assert _covered(pii_engine, text, value, "PHONE_NUMBER")


@pytest.mark.parametrize(
    "text",
    [
        "ドイツからの注文12345678がまだ届きません。",  # no trunk 0: an order number
        "ドイツの会員番号0301234でログインできません。",  # a number of its own kind, named
        "フランスで買った2024 1234の商品です。",
    ],
)
def test_a_number_after_a_country_is_no_phone_unless_dialled_there(
    pii_engine: PiiEngine, text: str
) -> None:
    assert not any(e.type == "PHONE_NUMBER" for e in pii_engine.analyze(text, "ja"))


@pytest.mark.parametrize(
    "text",
    [
        "Galaxy Budsの片耳から音が出ません。",
        "Galaxy S24の画面が割れました。",
        "Voice Streamのアプリが落ちます。",
    ],
)
def test_a_product_in_japanese_text_is_no_person(pii_engine: PiiEngine, text: str) -> None:
    # Only a run that is no plausible name: a brand that reads as a given name and a surname
    # (a designer's label, a bank) stays masked, as a person would be.
    assert _persons(pii_engine, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("予約者：Alan Reyes 090-1234-5678", "Alan Reyes"),  # a phone after the name
        ("Kenji Watanabe 2名で予約しています。", "Kenji Watanabe"),  # a count of people
        ("Grace Hunterのアカウントにログインできません。", "Grace Hunter"),  # words, but names
        ("Rose Millerのパスワードを再設定してください。", "Rose Miller"),
        ("Dear Echo Lawson、ご連絡ありがとうございます。", "Echo Lawson"),  # a greeting before
    ],
)
def test_a_person_beside_a_number_or_with_word_like_names_stays_masked(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    assert _covered(pii_engine, text, name, "PERSON")


def test_two_latin_names_joined_by_and_stay_names(pii_engine: PiiEngine) -> None:
    # The Sudachi reading's Latin span is judged over its whole Latin run: lower-case words
    # in it ("and") are no English word that names nobody.
    text = "Kenji Watanabe and Yuki Satoの二人で伺います。"
    assert _covered(pii_engine, text, "Kenji Watanabe", "PERSON")
    assert _covered(pii_engine, text, "Yuki Sato", "PERSON")


def test_a_name_after_a_product_slash_is_not_split_off(pii_engine: PiiEngine) -> None:
    # One word after the slash: a product's second name, not a second full name.
    assert _persons(pii_engine, "Lotus Notes/Dominoのサポートは終了しました。") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("この曲はPaul McCartney作曲です。", "Paul McCartney"),
        ("Alan Thornton著の本を注文しました。", "Alan Thornton"),
    ],
)
def test_a_latin_name_before_a_noun_of_its_work_stays_masked(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    # The Latin reader takes a run before a kanji noun for a compound's modifier; the
    # Japanese reading, which sees the noun, still finds the person (only maker words, a model
    # number or an English word naming nobody overrule it).
    assert _covered(pii_engine, text, name, "PERSON")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("1990年代にはMagic Johnsonの活躍が話題になりました。", "Magic Johnson"),
        ("Alan Reyes 1997の記録を確認してください。", "Alan Reyes"),  # a year, no model
        ("資料（Alan Reyes 1997）を参照しました。", "Alan Reyes"),  # a number before a bracket
    ],
)
def test_a_name_with_a_common_word_or_a_year_stays_masked(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    assert _covered(pii_engine, text, name, "PERSON")


# A person is never a product because of what stands beside the name: a count with its
# counter (号室, 件, 台), an English word for a surname, a title before, 経由 after. Each was
# masked before the product rules and left in clear by them (privacy first: a brand masked is
# a small cost, a name reaching the model provider is a leak).
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Imogen Tressider 4号室に泊まっています。", "Imogen Tressider"),
        ("Nora Whitfield 3件の注文が重複しています。", "Nora Whitfield"),
        ("Oliver Brandt 2台目の修理をお願いします。", "Oliver Brandt"),
        ("Mr. Rufus Pemberton 2号室", "Rufus Pemberton"),
        ("Hope Marsh 2件目の返品です。", "Hope Marsh"),
    ],
)
def test_a_name_before_a_number_and_its_counter_stays_masked(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    assert _covered(pii_engine, text, name, "PERSON")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Faith Castleが連絡しました。", "Faith Castle"),
        ("June Frostに転送してください。", "June Frost"),
        ("Hope Marshから届きました。", "Hope Marsh"),
    ],
)
def test_a_given_name_and_a_surname_that_are_english_words_stay_masked(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    assert _covered(pii_engine, text, name, "PERSON")


def test_names_listed_with_word_like_surnames_are_all_masked(pii_engine: PiiEngine) -> None:
    text = "Faith Castle、Grant Field、Dawn Youngの3名です。"
    for name in ("Faith Castle", "Grant Field", "Dawn Young"):
        assert _covered(pii_engine, text, name, "PERSON")


def test_a_person_before_keiyu_stays_masked(pii_engine: PiiEngine) -> None:
    # 経由 says through whom, a person as often as a firm: no maker's word.
    text = "同僚のDelia Fairbrook経由で申し込みました。"
    assert _covered(pii_engine, text, "Delia Fairbrook", "PERSON")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Delia Fairbrook宛の荷物とDelia Fairbrook 2箱分を受け取りました。", "Delia Fairbrook"),
        (
            "Zephyrine Quillfeather様へ。Zephyrine Quillfeather X2の件です。",
            "Zephyrine Quillfeather",
        ),
    ],
)
def test_a_name_masked_once_is_masked_at_every_mention(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    # The second mention, read alone, looks like a product; the first shows it is a person.
    assert _covered(pii_engine, text, name, "PERSON")


def test_three_latin_names_joined_by_slashes_are_all_masked(pii_engine: PiiEngine) -> None:
    text = "連絡先：Imogen Tressider/Rufus Pemberton/Delia Fairbrook"
    for name in ("Imogen Tressider", "Rufus Pemberton", "Delia Fairbrook"):
        assert _covered(pii_engine, text, name, "PERSON")  # "Rufus" was clear


def test_a_path_of_three_capitalised_parts_joins_no_names(pii_engine: PiiEngine) -> None:
    for text in (
        "設定はhttps://example.com/Help/Account Settings/Privacy Tabにあります。",
        "保存先はD:/Projects/Quarter Reports/Final Draftです。",
    ):
        assert _persons(pii_engine, text) == []


def test_a_product_mentioned_thousands_of_times_is_judged_in_linear_time(
    pii_engine: PiiEngine,
) -> None:
    """Each mention's verdict looks at every mention of the run: judged once per run and text
    (from every mention it rescanned them all: quadratic on a long text)."""
    # The ratio of 4x the text, not an absolute bound: 100 KB took 4.8 s of a 6 s limit on a
    # loaded machine with linear code; quadratic growth gives ~16x.
    times = []
    for size in (25_000, 100_000):
        text = ("Voice Stream社、" * 8_000)[:size]
        started = time.perf_counter()
        found = _persons(pii_engine, text)
        times.append(time.perf_counter() - started)
        assert found == []
    assert times[1] < 8 * times[0] + 0.5


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("窓口のWhiteさんが折り返してくれました。", "White"),
        ("経理のBrownさんに請求書を送りました。", "Brown"),
        ("受付のYoung様にお渡しください。", "Young"),
    ],
)
def test_a_common_word_surname_before_an_honorific_is_masked(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    # A common English word alone scored far below the threshold: さん, blanked in the Latin
    # view, was no cue, and "担当のWhiteさん" was left in clear.
    assert _covered(pii_engine, text, name, "PERSON")


def test_a_role_word_after_a_product_is_no_honorific(pii_engine: PiiEngine) -> None:
    assert _persons(pii_engine, "Zoomスタッフの方から案内が届きました。") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("この見積書はNora Stone担当です。", "Nora Stone"),
        ("Dean White作成の議事録を添付します。", "Dean White"),
        ("Lily Brown監修のレシピ本を注文しました。", "Lily Brown"),
        ("Henry Vance作成の資料を確認しました。", "Henry Vance"),
    ],
)
def test_a_full_latin_name_before_a_verbal_noun_is_masked(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    # 担当 and 作成 are kanji: the name was read as a compound noun's modifier.
    assert _covered(pii_engine, text, name, "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Excel作成の表を添付しました。",
        "Salesforce担当の者が折り返しご連絡します。",
        "Alexa対応のスピーカーを探しています。",
        "Google Drive経由でファイルを送りました。",
    ],
)
def test_a_product_before_a_verbal_noun_is_no_person(pii_engine: PiiEngine, text: str) -> None:
    assert _persons(pii_engine, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Rose Gold対応のケースはありますか。",
        "Grace Period延長を希望します。",
        "Green Tea販売の予定はありますか。",
        "Apple Pay決済でエラーが出ます。",
        "Happy Hour開催の時間を教えてください。",
        "Summer Sale開催はいつからですか。",
        "Gift Card購入ができません。",
        "Rose Garden開園の時間は？",
    ],
)
def test_an_english_phrase_before_a_verbal_noun_is_no_person(
    pii_engine: PiiEngine, text: str
) -> None:
    # Both words are in the name tables ("Rose", "Gold"): the verbal noun made them a name.
    assert _persons(pii_engine, text) == []


@pytest.mark.parametrize(
    ("text", "name", "phone"),
    [
        ("Contact: Dean Brown 07700 900321", "Dean Brown", "07700 900321"),
        ("連絡先: Nora White 07700 900654 までお願いします。", "Nora White", "07700 900654"),
    ],
)
def test_a_name_before_a_spaced_phone_is_masked(
    pii_engine: PiiEngine, text: str, name: str, phone: str
) -> None:
    # The phone's first group was read as a house number after a street name.
    assert _covered(pii_engine, text, name, "PERSON")
    assert _covered(pii_engine, text, phone, "PHONE_NUMBER")


@pytest.mark.parametrize(
    "text",
    [
        "Ship to Kossuth 12, Budapest.",
        # A postcode of four or five digits after the house number, then the town: the
        # number is still the street's, not a phone's first group.
        "Please send it to Szondi 7 1063 Budapest.",
        "The address is Lindenweg 4 70173 Stuttgart.",
    ],
)
def test_a_street_before_its_house_number_is_still_no_person(
    pii_engine: PiiEngine, text: str
) -> None:
    assert [e for e in pii_engine.analyze(text, "en") if e.type == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hope Marsh経由で申し込みました。", "Hope Marsh"),
        ("こんにちは。\nHope Hill経由でご紹介いただきました。", "Hope Hill"),
    ],
)
def test_a_given_name_that_is_a_word_opening_a_japanese_sentence_stays_in_the_name(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    # "Hope" opening the sentence was dropped as a capitalised English word (sentence case,
    # which Japanese has not): only "Hope" or nothing was masked.
    assert _covered(pii_engine, text, name, "PERSON")


@pytest.mark.parametrize(
    "text",
    ["Kindle Paperwhiteの画面に線が入っています。", "Roomba Comboがホームベースに戻りません。"],
)
def test_a_products_first_word_opening_a_japanese_sentence_is_still_no_name(
    pii_engine: PiiEngine, text: str
) -> None:
    assert _persons(pii_engine, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "2019年からMarlow Genica, Inc.の顧問を務めています。",
        "請求元はHadley Brennick, Ltd.です。",
        "We ordered from Quillon Works, Inc. last spring.",
        "Send the parts back to Dunmore Fabrics, Corp. in Leeds.",  # lower case after Corp
        "The invoice came from Harwick Trading, Co., Ltd. today.",
        "Our agent is Verhoeven Tooling, BV this year.",
    ],
)
def test_a_run_before_a_legal_form_after_a_comma_is_a_company(
    pii_engine: PiiEngine, text: str
) -> None:
    assert _persons(pii_engine, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks to Maria Lopez, Co-founder of the shop.", "Maria Lopez"),
        # Co and Corp before a capitalised word or a digit open a county, a company of
        # soldiers or a department, not a legal form.
        ("Please post it to Niamh Walsh, Co. Kerry, Ireland.", "Niamh Walsh"),
        ("Corporal Dan Pruitt, Co. C, 3rd Platoon wrote in.", "Dan Pruitt"),
        ("This is Grace Holt, Corp. Finance at our office.", "Grace Holt"),
        # A legal form taken only right after a company's name: after a comma a state.
        ("Regards, Wesley Brandt, NV", "Wesley Brandt"),
    ],
)
def test_a_name_before_a_role_or_a_place_after_a_comma_is_still_masked(
    pii_engine: PiiEngine, text: str, name: str
) -> None:
    assert name in _persons(pii_engine, text)


def test_the_legal_form_check_is_linear_on_long_input(pii_engine: PiiEngine) -> None:
    text = ("Quillon Works," + " " * 40 + "Incx ") * 450  # ~25 KB of near misses
    text += ("Quillon Works, Co." + " " * 40 + "ltd ") * 400  # and ~25 KB of Co.
    started = time.perf_counter()
    pii_engine.analyze(text, "en")
    assert time.perf_counter() - started < 60  # generous: quadratic work would take far longer

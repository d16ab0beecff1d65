"""Rules of the Japanese name reader (guardrails/pii/recognizers_ja.py), round 30."""

import pytest

from guardrails.pii import PiiEngine
from guardrails.pii.recognizers_ja import (
    MARKED,
    _paired_with_a_name,
    person_morphemes,
    person_spans,
)
from tests.guardrails.pii_engine_cache import japanese_persons, shared_pii_engine


def _marked(text: str) -> list[str]:
    return [text[s:e] for s, e, k in person_spans(text, person_morphemes(text)) if k == MARKED]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("エーリヒ・ツィンマーリング中尉が報告した。", "エーリヒ・ツィンマーリング"),  # role after
        ("技師のアルド・ペリーニが設計した。", "アルド・ペリーニ"),  # role and の before
        (
            "来月からマリー・アントワネットの展示が始まる。",
            "マリー・アントワネット",
        ),  # one dictionary name whole
    ],
)
def test_a_katakana_compound_beside_a_role_is_a_marked_name(text: str, name: str) -> None:
    assert name in _marked(text)


@pytest.mark.parametrize(
    "text",
    [
        "サッカー・チーム監督が会見した。",  # common words only, whatever role follows
        "大統領のバースデー・カードが届いた。",
        "テレビ・ラジオ双方で放送された。",  # 方 of 双方 is no role here
        "社長のトヨタ・カローラを修理しました。",  # a brand and its product
        "部長のヤマハ・ピアノを調律しました。",
        "会長のベンツ・ゲレンデが停まっている。",  # ベンツ: a surname and a company
    ],
)
def test_a_compound_of_common_words_beside_a_role_is_no_name(text: str) -> None:
    assert _marked(text) == []


def test_a_dictionary_name_before_a_role_compound_is_marked() -> None:
    assert "スミス" in _marked("しかしスミス通商大臣は反対した。")
    assert _marked("佐藤工業社長が来日した。") == []  # the president of a company


@pytest.mark.parametrize(
    ("text", "found", "paired"),
    [
        ("オルテガとサンチェスが先発した。", "サンチェス", ["オルテガ"]),
        ("サンチェスやオルテガが出場した。", "サンチェス", ["オルテガ"]),
        ("ロンドンとサンチェスを結ぶ。", "サンチェス", []),  # a place
        ("サッカーとサンチェスが好きだ。", "サンチェス", []),  # a common word
        ("トヨタとサンチェスが提携した。", "サンチェス", []),  # a company Sudachi knows
        ("ペトロフとエヌビディアの株を買った。", "ペトロフ", []),  # a word no one lists as a name
        ("ロペスとベンツの話をした。", "ロペス", []),  # a person's name and a company's
        ("サンチェス、ロペス・ホールに泊まる。", "サンチェス", []),  # part of a compound
    ],
)
def test_the_partner_of_a_found_katakana_name_is_a_name(
    text: str, found: str, paired: list[str]
) -> None:
    start = text.index(found)
    spans = [(start, start + len(found), MARKED)]
    got = _paired_with_a_name(person_morphemes(text), spans)
    assert [text[s:e] for s, e, _ in got] == paired


def test_a_place_that_is_a_surname_before_an_honorific_is_a_person() -> None:
    assert "福島" in _marked("福島様の件で伺います。")
    assert "児島" in _marked("児島さんに伝えてください。")
    # A place with its ending, or a country, addressed as a body: no one's name.
    assert _marked("福島県様へ請求書を送付します。") == []
    assert _marked("横浜市様の案件です。") == []
    assert _marked("アメリカさんの考え方です。") == []


# Round 31: written for these tests (no corpus text).
def test_a_name_before_an_office_ending_in_a_role_is_marked() -> None:
    assert "ブラウン" in _marked("ブラウン国務長官は声明を出した。")
    assert "ケリー" in _marked("ケリー国務長官が来日した。")
    # The role word goes on into another noun: an office, not its holder.
    assert _marked("スミス通商代表部の発表を待つ。") == []
    assert _marked("佐藤工業社長が来日した。") == []


def test_a_sumo_rank_before_a_ring_name_marks_it() -> None:
    assert "千代の富士" in _marked("横綱千代の富士は強かった。")
    # The rank inside a compound or before a common noun names nobody.
    assert _marked("横綱審議委員会が開かれた。") == []
    assert _marked("横綱相撲で押し切った。") == []


def test_a_place_before_its_own_office_is_no_name() -> None:
    assert _marked("札幌市長が訪れた。") == []  # 札幌市: a city in the lexicon
    assert _marked("パリ市長が訪れた。") == []  # パリ names no one
    assert _marked("池田町長が挨拶した。") == []
    assert "鈴木" in _marked("鈴木市長が訪れた。")  # a surname before the same office


# Stop 32 (sentences written for these tests): a katakana word Sudachi reads as a place in
# context, before an office opening with a place ending, is that place's office holder.
@pytest.mark.parametrize(
    "text", ["ロンドン市長が来日した。", "ボストン市長と会談した。", "ベルリン区長の発表。"]
)
def test_a_katakana_place_before_its_office_is_no_name(text: str) -> None:
    assert _marked(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("スミス市長が来日した。", "スミス"),  # Sudachi reads a surname here
        ("ブラウン市長と会談した。", "ブラウン"),
        ("ロンドン氏が来日した。", "ロンドン"),  # an honorific, no office
        ("ロンドン市長のカーン氏が来日した。", "カーン"),
    ],
)
def test_a_katakana_surname_before_an_office_stays_a_name(text: str, name: str) -> None:
    assert _marked(text) == [name]


@pytest.mark.parametrize("text", ["品川市長が式典で話した。", "目黒市長に花束を渡した。"])
def test_a_place_surname_before_an_office_of_no_such_place_is_a_person(text: str) -> None:
    # The lexicon knows no 品川市 or 目黒市: the surname's holder is the mayor.
    assert _marked(text) == [text[:2]]


@pytest.mark.parametrize(
    "text",
    [
        "ジョーンズ通商代表らと協議した。",  # a plural
        "ジョーンズ通商代表宛に資料を送った。",  # an address
        "ジョーンズ通商代表一行が空港に着いた。",  # a party
        "ジョーンズ通商代表夫妻が出席した。",  # a couple
        "ジョーンズ通商代表代理が挨拶した。",  # a deputy
        "中村通商大臣らが視察した。",
        "中村通商大臣宛の親書を届けた。",
    ],
)
def test_a_word_about_the_office_holder_after_a_role_keeps_the_name(text: str) -> None:
    assert _marked(text) == [text[: 5 if text[0] == "ジ" else 2]]


@pytest.mark.parametrize(
    "text", ["ジョーンズ通商代表部に問い合わせた。", "ジョーンズ国務長官室から連絡があった。"]
)
def test_an_office_after_a_role_names_no_one(text: str) -> None:
    assert _marked(text) == []


def test_only_a_sumo_rank_ending_in_tsuna_is_a_role() -> None:
    assert _marked("ガルシア命綱を手放さなかった。") == []  # a lifeline, no role
    assert "白鵬" in _marked("横綱白鵬が土俵入りした。")


# Stop 32 (sentences written for these tests): a seat in an assembly after a name.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ミラー上院議員が来日した。", "ミラー"),
        ("ジョン・スミス下院議員が演説した。", "ジョン・スミス"),  # the whole A・B name
        ("ブラウン州議会議員と面会した。", "ブラウン"),
        ("ジョン・スミス国務長官が来日した。", "ジョン・スミス"),  # an office compound
    ],
)
def test_a_name_before_an_assembly_seat_is_marked(text: str, name: str) -> None:
    assert _marked(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "佐藤工業社員が来た。",  # a company's employee: the body is the business
        "佐藤工業社長が来日した。",
        "上院議員が来日した。",  # no name at all
        "トヨタ・カローラ販売店長が来た。",  # a brand and its product before a role
        "サッカー・チーム監督が来た。",
    ],
)
def test_a_body_before_a_role_that_is_no_seat_marks_no_name(text: str) -> None:
    assert _marked(text) == []


# Stop 33 (sentences written for these tests): support text. After a bare する-verb (破損
# しました is also a thing's event) a surname Sudachi reads as a common noun is a staff
# member's only when read here as the surname is read (林 ハヤシ is both; 本 read ホン is a
# book, the surname is モト; 米 read ベイ or コメ, the surname ヨネ).
@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    return shared_pii_engine()


_persons = japanese_persons


@pytest.mark.parametrize(
    "text",
    [
        "担当者の本が破損しました。",
        "担当者の本が汚損していました。",
        "店長の本が紛失しました。",
        "担当の米が変色しました。",
        "スタッフの本が対応します。",  # the frame holds, the reading does not
        "開発チームの本です。",
        "サポートセンターの本が届きました。",
        "チームの森が見えます。",  # no staff member's act
    ],
)
def test_a_word_read_as_a_thing_in_a_staff_frame_is_no_name(engine: PiiEngine, text: str) -> None:
    assert _persons(engine, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("担当の林が破損状況を確認します。", "林"),  # read ハヤシ, as the surname
        ("店長の春日明日香です。", "春日明日香"),  # a given name vouches for the pair
        ("開発チームの森です。", "森"),  # a unit of staff
        ("サポートセンターの林が対応いたします。", "林"),
        ("営業グループの原です。", "原"),
        ("ボストン市長のウー氏が来日した。", "ウー"),  # a name Sudachi reads as a filler
        ("担当のウー氏が説明した。", "ウー"),
    ],
)
def test_a_staff_member_or_an_addressed_name_is_found(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert _persons(engine, text) == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("弊社の林が伺います。", "林"),  # the writer's workplace
        ("大阪支店の森です。", "森"),
        ("事務局の原より、ご案内申し上げます。", "原"),
        ("研究室の林です。", "林"),
        ("カスタマーサポートの林です。", "林"),
        ("担当は営業部の林です。", "林"),  # a person as the topic
        ("私は総務課の森です。", "森"),
    ],
)
def test_a_member_of_the_writers_workplace_is_found(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert _persons(engine, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "トイレは受付の奥です。",  # a thing as the topic: where it is
        "駐車場は本社の奥です。",
        "入口は事務所の奥です。",
        "支店の本が届きました。",
        "神社の森です。",  # no workplace
        "事務所の奥にあります。",
    ],
)
def test_a_place_or_a_thing_by_the_workplace_is_no_name(engine: PiiEngine, text: str) -> None:
    assert _persons(engine, text) == []


# Stop 33 review (sentences written by the reviewer for these tests). The reading is one
# signal, no veto: with a humble verb, いたす or です the frame names the person whatever
# Sudachi reads the word as (金 カネ, 本 ホン, 石 イシ).
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("担当の金が対応いたします。", "金"),
        ("担当の城です。", "城"),
        ("担当の門が伺います。", "門"),
        ("営業部の金です。", "金"),
        ("担当の石が対応いたします。", "石"),
        ("担当の畑です。", "畑"),
        ("営業部の桑が伺います。", "桑"),
        ("担当の本がご案内いたします。", "本"),  # the humble ご〜いたす
        ("担当の林が対応しました。", "林"),  # a bare する-verb, 林 read ハヤシ as the surname
    ],
)
def test_a_staff_member_read_as_a_common_noun_is_found(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert _persons(engine, text) == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("後任は営業部の林です。", "林"),  # a role as the topic
        ("お問い合わせ先は総務課の森です。", "森"),  # a contact word as the topic
        ("ご連絡先は営業部の林です。", "林"),
        ("本日の当番は受付の谷です。", "谷"),
        ("今回の窓口は営業部の関です。", "関"),
        ("差出人は総務課の森です。", "森"),
        ("こちらはサポートの岡です。", "岡"),  # the writer's side
        ("お世話になっております。品質管理チームの関です。", "関"),  # opens its sentence
        ("今回の担当は弊社の林です。", "林"),
    ],
)
def test_a_person_topic_or_an_introduction_names_the_staff_member(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert _persons(engine, text) == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("弊社の林が担当いたします。", "林"),  # いたす
        ("本社の原が伺います。", "原"),  # a humble verb
        ("当社の岡が書類を準備しております。", "岡"),  # an object with を
        ("本社の島は現在外出しております。", "島"),  # a humble verb after て
        ("カスタマーサポートの森が、引き続き対応させていただきます。", "森"),
        ("担当が変わりまして、本日より支店の林がご案内します。", "林"),  # the humble ご〜する
        ("福岡営業所の沢より、見積書をお送りします。", "沢"),  # a sender line
        ("東京本社の岡です。先日はありがとうございました。", "岡"),
    ],
)
def test_a_workplace_member_with_a_persons_act_is_found(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert _persons(engine, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        # A bare する-verb after a workplace or a unit: what happens to a thing.
        "本社の池が凍結しました。",
        "支社の森が拡大しています。",
        "本社の桜が開花しました。",
        "購入したデスクの角が破損しました。",
        "当社の森は国有林に隣接しています。",
        "本社の泉が復旧しました。",
        "野球チームの星が引退しました。",
        "アイドルグループの星が登場しました。",
        "当社の林は毎年間伐しています。",
        "担当者の本が破損しました。",  # a desk, but 本 read ホン and only a bare する-verb
        # Not a person as the topic, or not the sentence's opening.
        "これは当社の島です。",
        "彼女はチームの星です。",
        "それは支店の島です。",
        "これは営業部の本です。",  # a demonstrative is no person, whatever the frame
        "駅は本社の東です。",
        "一番大きいのが本社の池です。",
        # さん also makes a nickname of a word or a letter.
        "サヨナラさんという商品名でした。",
        "モシモシさん、聞こえますか。",
        "エーさんとビーさんが参加しました。",
    ],
)
def test_a_things_event_or_a_things_topic_by_a_workplace_is_no_name(
    engine: PiiEngine, text: str
) -> None:
    assert _persons(engine, text) == []


# Stop 34. A short katakana name the names table gives (a foreign personal name of no stated
# kind) before an honorific is a person when it is no everyday word (no synonym group in
# Sudachi's lexicon) and no Latin letter's name.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("先週ウーさんと打ち合わせをしました。", "ウー"),
        ("担当のウーさんが確認します。", "ウー"),
        ("チーさんに書類を渡しました。", "チー"),
        # A unit a Latin letter abbreviates (t トン) is no letter's name: Tong is a name.
        ("トンさんに書類を渡しました。", "トン"),
        # A time word before the name says when, and stays out of the span.
        ("今日チーさんが見積もりを持ってきました。", "チー"),
        ("昨日チーさんに書類を渡しました。", "チー"),
        ("今朝ｳｰさんから電話がありました。", "ｳｰ"),
    ],
)
def test_a_short_katakana_name_before_an_honorific_is_found(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert _persons(engine, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "パパさん向けの講座を開きます。",  # an everyday word (a synonym group)
        "ドライバーさんに渡してください。",
        "ボスさんと呼ばれている犬です。",
        "オーさんとユーさんに分かれて話し合います。",  # the names of letters O and U
        "ビーさんの役をお願いします。",
        "シェフさんに伝えておきます。",  # a longer word of no stated kind: a loanword
    ],
)
def test_an_everyday_word_or_a_letter_before_an_honorific_is_no_name(
    engine: PiiEngine, text: str
) -> None:
    assert _persons(engine, text) == []


# The writer's company by a word of self-reference (弊社, 当社) and の<word>です opening a
# sentence is a staff member introducing themself, also when the surname is a common noun
# (林, 森, 関): staff introduce themselves so far more often than a message shows the
# company's woods or ponds, which stay masked (the open case, 弊社の森です。散歩できます).
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("弊社の林です。お見積もりの件でご連絡しました。", "林"),
        ("いつもお世話になっております。弊社の林です。", "林"),
        ("当社の関です\nどうぞよろしくお願いいたします", "関"),
        ("初めまして、当社の森です。", "森"),
        ("今回の担当は当社の森です。", "森"),  # a person as the topic
        ("当社の森がご案内いたします。", "森"),  # a person's act
        ("お世話になっております。横浜支店の林です。", "林"),  # a named workplace
    ],
)
def test_staff_of_the_writers_company_are_still_found(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert _persons(engine, text) == [name]

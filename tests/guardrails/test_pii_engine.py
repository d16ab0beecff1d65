import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guardrails.pii import PiiEngine
from guardrails.pii.engine import (
    _compile_name_patterns,
    _resolve,
    known_name_entities,
    name_fold,
)
from guardrails.pii.entities import PiiEntity
from guardrails.pii.recognizers_ja import _KATAKANA_NAME, my_number_is_valid
from tests.guardrails.pii_engine_cache import shared_pii_engine


@pytest.fixture(scope="session")
def pii_engine() -> PiiEngine:
    return shared_pii_engine()


def _found(engine: PiiEngine, text: str, lang: str) -> set[tuple[str, str]]:
    return {(e.type, text[e.start : e.end]) for e in engine.analyze(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Write to maria@example.com today.", "en", ("EMAIL_ADDRESS", "maria@example.com")),
        ("Call me on (415) 555-0132 please.", "en", ("PHONE_NUMBER", "(415) 555-0132")),
        ("My card is 4111 1111 1111 1111.", "en", ("CREDIT_CARD", "4111 1111 1111 1111")),
        (
            "IBAN GB82 WEST 1234 5698 7654 32 is mine",
            "en",
            ("IBAN_CODE", "GB82 WEST 1234 5698 7654 32"),
        ),
        ("My password is hunter22!", "en", ("PASSWORD", "hunter22!")),
        ("Please ask Dr. Kreutzmann about it.", "en", ("PERSON", "Kreutzmann")),
        ("I spoke to Teresa Kreutzmann yesterday.", "en", ("PERSON", "Teresa Kreutzmann")),
        ("電話は090-1234-5678です。", "ja", ("PHONE_NUMBER", "090-1234-5678")),
        (
            "電話は０３－１２３４－５６７８です。",
            "ja",
            ("PHONE_NUMBER", "０３－１２３４－５６７８"),
        ),
        ("フリーダイヤル0120-123-456まで", "ja", ("PHONE_NUMBER", "0120-123-456")),
        ("海外からは+81 90 1234 5678へ", "ja", ("PHONE_NUMBER", "+81 90 1234 5678")),
        ("〒150-0001 東京都渋谷区神宮前1丁目2-3", "ja", ("JP_POSTAL_CODE", "〒150-0001")),
        (
            "〒150-0001 東京都渋谷区神宮前1丁目2-3",
            "ja",
            ("JP_ADDRESS", "東京都渋谷区神宮前1丁目2-3"),
        ),
        ("マイナンバーは123456789018です。", "ja", ("JP_MY_NUMBER", "123456789018")),
        ("カード4111111111111111で支払いました", "ja", ("CREDIT_CARD", "4111111111111111")),
        ("メールはtaro@example.jpです", "ja", ("EMAIL_ADDRESS", "taro@example.jp")),
        ("担当の田中太郎です。", "ja", ("PERSON", "田中太郎")),
        # Passwords and one-time codes in any phrasing (issue 9).
        ("Your new password is 6yh9j4f39g9", "en", ("PASSWORD", "6yh9j4f39g9")),
        ("8vlw0wl7lyl is your new password", "en", ("PASSWORD", "8vlw0wl7lyl")),
        ("here is your new password: ggbszawojpk", "en", ("PASSWORD", "ggbszawojpk")),
        ("my pw: Tr0ub4dor&3", "en", ("PASSWORD", "Tr0ub4dor&3")),
        ("Your verification code is 482913.", "en", ("PASSWORD", "482913")),
        ("パスワードは sakura2024 です", "ja", ("PASSWORD", "sakura2024")),
        ("認証コード: 123456", "ja", ("PASSWORD", "123456")),
        # More phrasings (held-out check, own examples here).
        ("Type 604218 as your sign-in code.", "en", ("PASSWORD", "604218")),
        ("email: ops@example.org / pass: Wq7!nLp2", "en", ("PASSWORD", "Wq7!nLp2")),
        ("We set your password to maple-owl-19.", "en", ("PASSWORD", "maple-owl-19")),
        ("p/w: Rr5tg8Yh", "en", ("PASSWORD", "Rr5tg8Yh")),
        ("user: ana\npass: Wq7!nLp2", "en", ("PASSWORD", "Wq7!nLp2")),
        ("Pass: Wq7!nLp2", "en", ("PASSWORD", "Wq7!nLp2")),
        ("my pass: Wq7!nLp2", "en", ("PASSWORD", "Wq7!nLp2")),
        ("PIN (4 digits): 9051", "en", ("PASSWORD", "9051")),
        ("verification code: 604 218", "en", ("PASSWORD", "604 218")),
        ("Your code is 604218", "en", ("PASSWORD", "604218")),
        ("仮パスワード『Qz-4410b』でログインしてください。", "ja", ("PASSWORD", "Qz-4410b")),
        ("パスコードは 7731 です。", "ja", ("PASSWORD", "7731")),
        ("確認コード（4桁）：5820", "ja", ("PASSWORD", "5820")),
        ("パスワードはhana2025でお願いします。", "ja", ("PASSWORD", "hana2025")),
        ("Password reset to: Vb3@kq81.", "en", ("PASSWORD", "Vb3@kq81")),
        # Every Japanese phone layout.
        ("お電話は(03)1234-5678まで", "ja", ("PHONE_NUMBER", "(03)1234-5678")),
        ("お電話は（03）1234-5678まで", "ja", ("PHONE_NUMBER", "（03）1234-5678")),
        ("お電話は090 1234 5678まで", "ja", ("PHONE_NUMBER", "090 1234 5678")),
        ("お電話は03 1234 5678まで", "ja", ("PHONE_NUMBER", "03 1234 5678")),
        ("お電話は03.1234.5678まで", "ja", ("PHONE_NUMBER", "03.1234.5678")),
        ("お電話は09012345678まで", "ja", ("PHONE_NUMBER", "09012345678")),
        ("お電話は03(1234)5678まで", "ja", ("PHONE_NUMBER", "03(1234)5678")),
        ("お電話は+81 3 1234 5678まで", "ja", ("PHONE_NUMBER", "+81 3 1234 5678")),
        # An extension is part of the number (the whole is masked).
        ("窓口は045-555-0199 内線 31です", "ja", ("PHONE_NUMBER", "045-555-0199 内線 31")),
        ("窓口は045-555-0199内線31です", "ja", ("PHONE_NUMBER", "045-555-0199内線31")),
    ],
)
def test_detects(pii_engine: PiiEngine, text: str, lang: str, expected: tuple[str, str]) -> None:
    assert expected in _found(pii_engine, text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Thanks for your order. Please check the invoice.", "en"),
        ("マイナンバーは123456789012です。", "ja"),  # wrong check digit
        ("Order number 2024-11-20 was shipped on Monday.", "en"),
        # "pass" after another word is a noun of its own, not a password label.
        ("Boarding pass: AB12CD, gate 14.", "en"),
        ("Your day pass: valid until 6 pm.", "en"),
    ],
)
def test_ignores(pii_engine: PiiEngine, text: str, lang: str) -> None:
    assert not [e for e in pii_engine.analyze(text, lang) if e.type != "DATE_TIME"]


@pytest.mark.parametrize(
    ("text", "lang", "entity", "value"),
    [
        (
            "card 2223<br>0031<br>2200<br>3222 ok",
            "en",
            "CREDIT_CARD",
            "2223<br>0031<br>2200<br>3222",
        ),
        (
            "card <b>2223</b> <b>0031</b> <b>2200</b> <b>3222</b>, ok",
            "en",
            "CREDIT_CARD",
            "<b>2223</b> <b>0031</b> <b>2200</b> <b>3222</b>",
        ),
        ("mail ana.sato&#64;example.org now", "en", "EMAIL_ADDRESS", "ana.sato&#64;example.org"),
        ("mail ánä.sato@example.org now", "en", "EMAIL_ADDRESS", "ánä.sato@example.org"),
        (
            "mail a n a @ e x a m p l e . o r g now",
            "en",
            "EMAIL_ADDRESS",
            "a n a @ e x a m p l e . o r g",
        ),
        ("call 312•555•0186 now", "en", "PHONE_NUMBER", "312•555•0186"),
        ("call 1-8OO-555-OI86 now", "en", "PHONE_NUMBER", "1-8OO-555-OI86"),
        (
            "電話は〇九〇の八七六五の四三二一です。",
            "ja",
            "PHONE_NUMBER",
            "〇九〇の八七六五の四三二一",
        ),
        (
            "個人番号は九八七六五四三二一〇九三です。",
            "ja",
            "JP_MY_NUMBER",
            "九八七六五四三二一〇九三",
        ),
        (
            "メールは ana.sato アットマーク example.jp まで",
            "ja",
            "EMAIL_ADDRESS",
            "ana.sato アットマーク example.jp",
        ),
        ("IBAN BE68 5390\n0754 7034 please", "en", "IBAN_CODE", "BE68 5390\n0754 7034"),
    ],
)
def test_disguised_values_are_found_whole(
    pii_engine: PiiEngine, text: str, lang: str, entity: str, value: str
) -> None:
    assert (entity, value) in _found(pii_engine, text, lang)


def test_a_clean_order_number_after_hash_is_no_phone(pii_engine: PiiEngine) -> None:
    assert not pii_engine.analyze("Order #4410-2235-7781 has shipped.", "en")


def test_spans_index_original_text_after_width_folding(pii_engine: PiiEngine) -> None:
    text = "連絡先：０９０－１２３４－５６７８"
    (entity,) = pii_engine.analyze(text, "ja")
    assert text[entity.start : entity.end] == "０９０－１２３４－５６７８"


def test_known_names_are_always_found(pii_engine: PiiEngine) -> None:
    text = "thanks, Zxqv wrote back"
    found = pii_engine.analyze(text, "en", known_names=["Zxqv Plorb"])
    assert ("PERSON", "Zxqv") in {(e.type, text[e.start : e.end]) for e in found}


def test_each_name_pattern_comes_with_the_literal_it_matches() -> None:
    """The scan of a name part is skipped when the text lacks the part: each pattern is paired
    with that literal, in the fold it scans, and matches nothing else."""
    entries = _compile_name_patterns(
        ["Maria Lopez", "山田 太郎", "O\u2019Neil-Smith", "Will Smith"]
    )
    assert {(e.part, e.ignore_case) for e in entries} == {
        ("maria lopez", True),
        ("maria", True),
        ("lopez", True),
        ("山田 太郎", True),
        ("山田", False),  # two characters (Japanese has no case: either reads alike)
        ("太郎", False),
        ("o'neil-smith", True),
        ("will smith", True),
        ("Will", False),  # an English word: as written only
        ("Smith", False),
    }
    text = "Maria Lopez, maria, LOPEZ's 山田太郎 O\u2019NEIL-Smith Marias will Will smith"
    for entry in entries:
        folded = name_fold(text, ignore_case=entry.ignore_case)
        assert len(folded) == len(text)
        assert all(m.group() == entry.part for m in entry.pattern.finditer(folded))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("hi maria, thanks", "maria"),
        ("MARIA LOPEZ wrote", "MARIA LOPEZ"),
        ("\uff4d\uff41\uff52\uff49\uff41 here", "\uff4d\uff41\uff52\uff49\uff41"),  # full width
        ("O\u2019Neil here", "O\u2019Neil"),  # curly apostrophe
        ("thanks, o'neil", "o'neil"),
        ("Will wrote", "Will"),  # as written
        ("will smith wrote", "will smith"),  # a full name in any case
    ],
)
def test_known_names_in_any_case_and_apostrophe(
    pii_engine: PiiEngine, text: str, value: str
) -> None:
    found = pii_engine.analyze(text, "en", known_names=["Maria Lopez", "O'Neil", "Will Smith"])
    assert ("PERSON", value) in {(e.type, text[e.start : e.end]) for e in found}


@pytest.mark.parametrize(
    "text",
    [
        "I will call you back tomorrow",
        "WE WILL CALL YOU",
        "the rose garden is closed",
        "please mark the order as paid",
        "the bill was paid",
        "see <li>item</li>",  # two letters: as written only
    ],
)
def test_a_name_that_is_a_word_is_no_name_in_another_case(pii_engine: PiiEngine, text: str) -> None:
    names = ["Will Smith", "Rose", "Mark", "Bill", "Li Wei"]
    assert not [e for e in pii_engine.analyze(text, "en", known_names=names) if e.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # A name in a spaced script starts a word, in any case: not inside a longer word ...
        ("Joann wrote to Ann", ["Ann"]),
        # An ASCII name is a whole word: a short English name opens many words.
        ("Ann's annual plan, also for Al", ["Ann", "Al"]),
        ("моя колега Олег", ["Олег"]),
        # ... but may run on: inflected or suffixed names are found (José inside Joséphine
        # too: over-masking, privacy first).
        ("позвоните Олегу", ["Олег"]),
        ("Олегович, Олег", ["Олег", "Олег"]),
        # (the name reader's "Joséphine" overlaps it: the known name widens to the union)
        ("Joséphine wrote to josé", ["Joséphine", "josé"]),
        ("Ζωήρα and Ζωή", ["Ζωή", "Ζωή"]),
        ("Dziękuję Łukasza", ["Łukasz"]),
        ("Józsefnek írtam", ["József"]),
        # Against Japanese text no boundary is needed, whatever script the name is in.
        ("Joséさん、山田様", ["José", "山田"]),
        ("Mariaさんへ", ["Maria"]),
        # Nor in a script that writes no spaces between words.
        ("สวัสดีสมชายครับ", ["สมชาย"]),
        ("민준님 안녕하세요, 민준이", ["민준", "민준"]),
    ],
)
def test_known_names_start_a_word_in_spaced_scripts_only(
    pii_engine: PiiEngine, text: str, values: list[str]
) -> None:
    names = ["José", "Ζωή", "Олег", "山田 花子", "Maria Lopez", "Ann", "Łukasz", "József"]
    names += ["สมชาย", "민준", "Al"]
    found = pii_engine.analyze(text, None, known_names=names)
    given = [e for e in found if e.recognizer == "KnownNameRecognizer"]
    assert sorted(text[e.start : e.end] for e in given) == sorted(values)


_NAMES = ["Maria Lopez", "Ann", "山田 太郎", "Jo-Ann Li", "Ren", "O'Neil", "Will Smith"]
_WORDS = [
    "Maria",
    "Lopez",
    "maria",
    "MARIA",
    "O\u2019Neil",
    "o'neil",
    "Will",
    "will",
    "SMITH",
    "Ann",
    "Anna",
    "山田",
    "太郎",
    "Jo-Ann",
    "Li",
    "Ren",
    "Rene",
    "Hi",
    "and",
    "\n",
    ",",
    "・",
    " ",
]


@given(
    st.lists(st.sampled_from(_WORDS), max_size=12), st.lists(st.sampled_from(_NAMES), max_size=3)
)
def test_known_names_found_as_a_full_scan_finds_them(words: list[str], names: list[str]) -> None:
    text = " ".join(words)
    expected = [
        (m.start(), m.end())
        for entry in _compile_name_patterns(names)
        for m in entry.pattern.finditer(name_fold(text, ignore_case=entry.ignore_case))
    ]
    assert [(e.start, e.end) for e in known_name_entities(text, names)] == expected


@pytest.mark.parametrize(
    ("number", "valid"), [("123456789018", True), ("123456789012", False), ("12345", False)]
)
def test_my_number_check_digit(number: str, valid: bool) -> None:
    assert my_number_is_valid(number) is valid


@pytest.mark.parametrize(
    "text",
    [
        "My password is incorrect and I cannot log in.",
        "I forgot my password. Can you reset it?",
        "Use the discount code SAVE2024 at checkout.",
        "パスワードを忘れました。",
        "Password: ********",
        "パスワードは8文字以上にしてください。",  # a rule, not a password
        "I forgot the password to my account yesterday.",
        "Your code is SAVE20 for the sale.",  # "your code" counts only with digits
    ],
)
def test_no_password_without_a_value(pii_engine: PiiEngine, text: str) -> None:
    assert not [e for e in pii_engine.analyze(text, None) if e.type == "PASSWORD"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("創価学会の第三代会長池田大作は講演した。", "池田大作"),  # a role before the name
        ("昭和天皇は1926年に即位した。", "昭和天皇"),
        ("鈴木一郎選手がホームランを打った。", "鈴木一郎"),
        ("日本共産党の志位和夫委員長が話した。", "志位和夫"),
    ],
)
def test_japanese_names_marked_by_context(pii_engine: PiiEngine, text: str, name: str) -> None:
    assert ("PERSON", name) in _found(pii_engine, text, "ja")


def test_a_surname_alone_after_the_full_name_is_a_person(pii_engine: PiiEngine) -> None:
    text = "高畑勲と宮崎駿はスタジオを設立した。その後、高畑や宮崎は別々に作品を作った。"
    persons = [text[e.start : e.end] for e in pii_engine.analyze(text, "ja") if e.type == "PERSON"]
    assert persons.count("高畑") == 1 and persons.count("宮崎") == 1


@pytest.mark.parametrize(
    "text",
    [
        "自民党の議員が東京電力の社長と会談した。",
        "阪神タイガースが優勝した。",
        "三菱UFJ銀行に振り込みました。",
        "トヨタ自動車株式会社の担当者",
        "見方を変えると分かりやすい。",
    ],
)
def test_organisations_are_not_japanese_names(pii_engine: PiiEngine, text: str) -> None:
    assert not [e for e in pii_engine.analyze(text, "ja") if e.type == "PERSON"]


def test_analysis_memo_gives_fresh_results_once_per_text_and_forgets_them(
    pii_engine: PiiEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guardrails import normalise as normalise_module
    from guardrails import run_memo as run_memo_module
    from guardrails.pii import engine as engine_module

    text = "Ask Qorvaxl, card 4111 1111 1111 1111, mail t\u200bk@example.com."
    names = ("Qorvaxl",)  # found only because it is a known name
    fresh = pii_engine.analyze(text, "en", known_names=names)
    folds: list[str] = []

    def counting(value: str) -> list[tuple[int, int, str]]:
        folds.append(value)  # one more rewrite: called once per text normalise computes
        return []

    monkeypatch.setattr(normalise_module, "_REWRITES", (*normalise_module._REWRITES, counting))
    with engine_module.analysis_memo():
        first = pii_engine.analyze(text, "en", known_names=names)
        first.pop()  # a caller changing its list must not change the memo's
        again = pii_engine.analyze(text, "en", known_names=iter(names))
        other_names = pii_engine.analyze(text, "en")
        folded_in_block = sum("card" in f for f in folds)
    assert again == fresh and len(first) == len(fresh) - 1
    assert other_names != fresh  # the known names are part of the key
    assert folded_in_block == 1
    assert run_memo_module._MEMO.get() is None  # nothing kept once the block ends
    pii_engine.analyze(text, "en", known_names=names)
    assert sum("card" in f for f in folds) == 2  # outside a block: computed afresh


@pytest.mark.parametrize(
    ("names", "text", "language", "entity", "value"),
    [
        (
            ["Maria Lopez"],
            "ship it to 1600 Lopez Street, Springfield, IL 62704",
            "en",
            "STREET_ADDRESS",
            "1600 Lopez Street, Springfield, IL 62704",
        ),
        (
            ["山田 太郎"],
            "東京都千代田区山田町一丁目二番三号",
            "ja",
            "JP_ADDRESS",
            "東京都千代田区山田町一丁目二番三号",
        ),
        (
            ["Maria Lopez"],
            "write to maria.lopez@example.com",
            "en",
            "EMAIL_ADDRESS",
            "maria.lopez@example.com",
        ),
    ],
)
def test_a_known_name_inside_another_value_keeps_the_value_whole(
    pii_engine: PiiEngine,
    names: list[str],
    text: str,
    language: str,
    entity: str,
    value: str,
) -> None:
    found = pii_engine.analyze(text, language, known_names=names)
    assert [e.type for e in found] == [entity]
    assert text[found[0].start : found[0].end] == value


def test_a_known_name_beside_an_address_is_still_found(pii_engine: PiiEngine) -> None:
    text = "Maria Lopez, 1600 Main Street, Springfield, IL 62704"
    found = pii_engine.analyze(text, "en", known_names=["Maria Lopez"])
    assert ("PERSON", "Maria Lopez") in {(e.type, text[e.start : e.end]) for e in found}


def test_a_long_digit_run_in_a_japanese_address_is_read_in_linear_time(
    pii_engine: PiiEngine,
) -> None:
    """The block's last number is checked against a floor without rescanning the run (it took
    seconds on 30,000 digits: quadratic backtracking)."""
    text = "住所は東京都港区1-" + "1" * 100_000 + "階です。"
    started = time.perf_counter()
    found = pii_engine.analyze(text, "ja")
    assert time.perf_counter() - started < 3.0
    assert [(e.type, e.start) for e in found] == [("JP_ADDRESS", 3)]


def test_a_long_katakana_run_is_read_in_linear_time(pii_engine: PiiEngine) -> None:
    """A katakana name compound is tried only where a run starts (from every position of one
    long run it rescanned the rest: ~4.5 s on 20,000 characters, minutes at 100 KB)."""
    text = "東京都港区1-2-3 " + "ア" * 30_000
    started = time.perf_counter()
    found = pii_engine.analyze(text, "ja")
    assert time.perf_counter() - started < 3.0
    assert [e.type for e in found] == ["JP_ADDRESS"]


def test_katakana_name_compounds_are_still_found_whole() -> None:
    text = "ジョン・スミスとマリー=キュリー、ア・イウ・エオ"
    assert [m.group() for m in _KATAKANA_NAME.finditer(text)] == [
        "ジョン・スミス",
        "マリー=キュリー",
        "イウ・エオ",
    ]


def _ent(kind: str, start: int, end: int, score: float) -> PiiEntity:
    return PiiEntity(kind, start, end, score, "test")


def test_a_finding_that_loses_an_overlap_widens_the_kept_one() -> None:
    # The lower-ranked finding reaches past the kept one: the union is masked, kept's type.
    kept = _resolve([_ent("STREET_ADDRESS", 0, 10, 0.9), _ent("PHONE_NUMBER", 8, 15, 0.6)])
    assert [(e.type, e.start, e.end) for e in kept] == [("STREET_ADDRESS", 0, 15)]
    kept = _resolve([_ent("EMAIL_ADDRESS", 5, 10, 1.0), _ent("PERSON", 0, 7, 0.5)])
    assert [(e.type, e.start, e.end) for e in kept] == [("EMAIL_ADDRESS", 0, 10)]


def test_a_finding_that_bridges_two_kept_ones_is_covered_without_overlap() -> None:
    found = [
        _ent("PERSON", 0, 10, 0.9),
        _ent("EMAIL_ADDRESS", 20, 30, 0.9),
        _ent("PHONE_NUMBER", 8, 25, 0.5),
        _ent("PHONE_NUMBER", 28, 40, 0.4),
    ]
    kept = _resolve(found)
    assert [(e.type, e.start, e.end) for e in kept] == [
        ("PERSON", 0, 20),
        ("EMAIL_ADDRESS", 20, 40),
    ]


def test_disjoint_and_nested_findings_are_unchanged() -> None:
    # Negatives: a finding inside a kept one, or apart from it, widens nothing.
    found = [_ent("PERSON", 0, 10, 0.9), _ent("PHONE_NUMBER", 2, 8, 0.5), _ent("IP", 12, 20, 0.5)]
    assert [(e.start, e.end) for e in _resolve(found)] == [(0, 10), (12, 20)]


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(1, 15), st.sampled_from([0.4, 0.6, 0.9, 1.0])),
        max_size=12,
    )
)
def test_every_character_of_every_finding_is_covered_once(
    spans: list[tuple[int, int, float]],
) -> None:
    found = [_ent("PHONE_NUMBER", s, s + n, score) for s, n, score in spans]
    kept = _resolve(found)
    covered = [i for e in kept for i in range(e.start, e.end)]
    assert len(covered) == len(set(covered))  # no overlap
    assert {i for e in found for i in range(e.start, e.end)} == set(covered)  # nothing more/less


@pytest.mark.parametrize(
    ("text", "names", "value"),
    [
        # The recognizer's span holds the honorific and the line ends after the known name:
        # nothing personal past it, so the known name stays the customer's own value.
        ("池田様\n\nお問い合わせありがとうございます。", ["池田 誠"], "池田"),
        ("田中さん、こんにちは", ["田中"], "田中"),
    ],
)
def test_an_honorific_past_a_known_name_widens_nothing(
    pii_engine: PiiEngine, text: str, names: list[str], value: str
) -> None:
    [found] = pii_engine.analyze(text, "ja", known_names=names)
    assert text[found.start : found.end] == value


def test_a_name_part_past_a_known_name_is_masked_with_it(pii_engine: PiiEngine) -> None:
    text = "Maria Lopez-Garcia wrote to us"
    found = pii_engine.analyze(text, "en", known_names=["Maria"])
    assert [text[e.start : e.end] for e in found] == ["Maria Lopez-Garcia"]


def test_bare_ends_are_trimmed_only_outside_kept_findings() -> None:
    text = "池田様\n\nxx"
    kept = _resolve([_ent("PERSON", 0, 2, 1.0), _ent("PERSON", 0, 5, 0.9)], text)
    assert [(e.start, e.end) for e in kept] == [(0, 2)]
    # Negative: a letter past the kept one is no bare end.
    text = "池田太郎さん"
    kept = _resolve([_ent("PERSON", 0, 2, 1.0), _ent("PERSON", 0, 6, 0.9)], text)
    assert [(e.start, e.end) for e in kept] == [(0, 6)]


def test_a_bare_separator_between_two_kept_findings_is_no_ones() -> None:
    # "Emily Chen・John Smith" found whole too: the ・ went to the first name, so the second
    # (the customer's own) was no longer found as written.
    text = "担当:Emily Chen・John Smith"
    found = [_ent("PERSON", 3, 13, 0.9), _ent("PERSON", 14, 24, 0.9), _ent("PERSON", 3, 24, 0.6)]
    kept = _resolve(found, text)
    assert [text[e.start : e.end] for e in kept] == ["Emily Chen", "John Smith"]
    # Negative: a gap with a letter in it still goes to the kept finding before it.
    text = "Emily Chen x John Smith"
    found = [_ent("PERSON", 0, 10, 0.9), _ent("PERSON", 13, 23, 0.9), _ent("PERSON", 0, 23, 0.6)]
    assert [text[e.start : e.end] for e in _resolve(found, text)] == ["Emily Chen x ", "John Smith"]


def test_names_listed_with_a_middle_dot_keep_their_own_spans(pii_engine: PiiEngine) -> None:
    text = "担当：Emily Chen・John Smith"
    found = pii_engine.analyze(text, "ja", known_names=["John Smith"])
    assert [text[e.start : e.end] for e in found] == ["Emily Chen", "John Smith"]


def test_a_listed_value_past_a_kept_one_is_a_finding_of_its_own() -> None:
    # "花子・山本太郎" found whole past the customer's known "花子": 山本太郎 is another name,
    # not a part of the customer's value (her placeholder was withheld from the draft).
    text = "田中花子・山本太郎の2名"
    found = [_ent("PERSON", 0, 2, 1.0), _ent("PERSON", 2, 4, 1.0), _ent("PERSON", 2, 9, 0.8)]
    kept = _resolve(found, text)
    assert [text[e.start : e.end] for e in kept] == ["田中", "花子", "山本太郎"]
    text = "Gareth Pryce / Emily Chen"
    found = [_ent("PERSON", 15, 25, 1.0), _ent("PERSON", 0, 25, 0.8)]
    assert [text[e.start : e.end] for e in _resolve(found, text)] == ["Gareth Pryce", "Emily Chen"]
    # Negatives: a hyphen or a space joins the parts of one name.
    text = "Emily Chen-Pryce"
    found = [_ent("PERSON", 0, 10, 1.0), _ent("PERSON", 0, 16, 0.8)]
    assert [text[e.start : e.end] for e in _resolve(found, text)] == ["Emily Chen-Pryce"]
    text = "Maria Lopez Garcia"
    found = [_ent("PERSON", 0, 5, 1.0), _ent("PERSON", 0, 18, 0.8)]
    assert [text[e.start : e.end] for e in _resolve(found, text)] == ["Maria Lopez Garcia"]


def test_a_known_name_listed_with_another_keeps_its_own_placeholder(
    pii_engine: PiiEngine,
) -> None:
    text = "田中花子・山本太郎の2名です"
    found = pii_engine.analyze(text, "ja", known_names=["田中 花子"])
    assert [text[e.start : e.end] for e in found] == ["田中", "花子", "山本太郎"]

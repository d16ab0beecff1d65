"""``RequestMasker`` on values written in layouts the recognizers did not read as written.

A phone with spaced signs between its groups, an IBAN with a space after its country code or
in lower case, a Japanese block address in kanji numerals: each is masked whole, the original
text's span, disguise included, so nothing of the value reaches a model, ``/v1/redact`` or a
stored record.
"""

from __future__ import annotations

import re

import pytest

from guardrails.pii import PiiEngine, RequestMasker
from tests.guardrails.pii_engine_cache import shared_pii_engine


@pytest.fixture(scope="session")
def pii_engine() -> PiiEngine:
    return shared_pii_engine()


@pytest.mark.parametrize(
    ("before", "value", "after", "language", "entity"),
    [
        ("call me on ", "415 . 867 . 5309", " today", "en", "PHONE_NUMBER"),
        ("call me on ", "(415) 867 - 5309", " today", "en", "PHONE_NUMBER"),
        ("call me on ", "(415) . 867 . 5309", " today", "en", "PHONE_NUMBER"),
        ("call me on ", "+1 415 . 867 . 5309", " today", "en", "PHONE_NUMBER"),
        ("call me on ", "415 • 867 • 5309", " today", "en", "PHONE_NUMBER"),
        ("call me on ", "415 -867 -5309", " today", "en", "PHONE_NUMBER"),
        ("call me on ", "415 - 867 - 5309", " today", "en", "PHONE_NUMBER"),
        ("call me on ", "415 / 867 / 5309", " today", "en", "PHONE_NUMBER"),
        ("My number is ", "415 . 867 . 5309", " thanks", "en", "PHONE_NUMBER"),
        ("My number is ", "415 . 867 . 5309", " evenings", "en", "PHONE_NUMBER"),
        ("電話は", "090 - 1234 - 5678", "です", "ja", "PHONE_NUMBER"),
        # The SSN layout is read as an SSN written plain: typed US_SSN (the audit log and the
        # restore go by the type), a phone only with a phone word.
        ("my ssn is ", "123 - 45 - 6789", " thanks", "en", "US_SSN"),
        ("ref ", "412 . 73 . 9056", " here", "en", "US_SSN"),
        ("SSN: ", "412 / 73 / 9056", " here", "en", "US_SSN"),
        ("call me on ", "412 - 73 - 9056", " today", "en", "PHONE_NUMBER"),
        ("", "090 . 1234 . 5678", "までお願いします", "ja", "PHONE_NUMBER"),
        ("電話は", "(03) 1234 - 5678", "です", "ja", "PHONE_NUMBER"),
        ("電話は", "（03）1234 ー 5678", "です", "ja", "PHONE_NUMBER"),
        ("電話は", "03 . 1234 . 5678", "です", "ja", "PHONE_NUMBER"),
        ("My IBAN is ", "GB 82 WEST 1234 5698 7654 32", ", thanks", "en", "IBAN_CODE"),
        ("My IBAN is ", "gb 82 west 1234 5698 7654 32", ", thanks", "en", "IBAN_CODE"),
        ("My IBAN is ", "gb82 west 1234 5698 7654 32", ", thanks", "en", "IBAN_CODE"),
        ("My IBAN is ", "DE 89 3704 0044 0532 0130 00", ", thanks", "en", "IBAN_CODE"),
        ("住所は", "東京都千代田区丸の内一丁目二番三号", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "東京都千代田区丸の内1丁目2番3号", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "東京都千代田区丸の内１丁目２番３号", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "東京都千代田区丸の内一丁目2-3", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "東京都千代田区丸の内一丁目2番3号", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "東京都港区六本木六丁目十番一号", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "大阪府大阪市北区梅田三丁目一番地", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "神奈川県横浜市中区山下町百二十番地の三", "です。", "ja", "JP_ADDRESS"),
        # A building, its floor or its room after the block is part of the address.
        ("住所は", "東京都港区芝公園1丁目2-3 ABCビル5階", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "東京都港区芝公園1丁目2-3 グランドハイツ201号室", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "東京都港区芝公園1-2-3山田ビル2F", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "東京都港区芝公園1-2-3 501号室", "です。", "ja", "JP_ADDRESS"),
        (
            "住所は",
            "東京都港区芝公園一丁目二番三号 芝パークタワー12階",
            "です。",
            "ja",
            "JP_ADDRESS",
        ),
        ("住所は", "東京都港区芝公園1-2-3 Green Park Tower 5F", "です。", "ja", "JP_ADDRESS"),
        ("住所は", "東京都港区芝公園１－２－３　ＡＢＣビル５階", "です。", "ja", "JP_ADDRESS"),
    ],
)
def test_the_whole_value_is_masked(
    pii_engine: PiiEngine, before: str, value: str, after: str, language: str, entity: str
) -> None:
    masked = RequestMasker(pii_engine).mask(before + value + after, language)
    assert masked == f"{before}<{entity}_1>{after}"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("GB 82 people came in 2024 and 1234 left", "en"),
        ("we 58 have 1234 left over", "en"),  # the IBAN checksum holds, no country's layout
        ("at 18 the desk 5 of 7 said", "en"),
        ("Book rooms 101 / 102 / 103 for us", "en"),
        ("See page 12 / 345 / 6789 of the manual", "en"),
        # Japanese counts split by spaced signs are no phones (no Japanese phone has this
        # layout; English counts such as "128 . 357 . 317 users" are folded and masked when
        # libphonenumber finds the digits valid somewhere: privacy first).
        ("会員数は128 . 357 . 317人です", "ja"),
        ("2024 . 01 . 05 10 . 30に送信しました", "ja"),
        ("2024 / 01 / 15に届きました", "ja"),
        ("会員番号は12 - 345 - 6789です", "ja"),
        ("駅から一丁目の角を曲がってください。", "ja"),
        # A block with no prefecture and city before it is not taken for someone's address
        # (the recognizer's precision rule, whatever numerals it is written in).
        ("丸の内一丁目二番三号の店舗は閉店しました。", "ja"),
        ("一番安いプランは三号です。", "ja"),
        # 一番 ("the most") before a word that opens with 地 is no 番地, after a city too
        ("東京都渋谷区で一番地元に愛される店です。", "ja"),
        ("大阪府大阪市の一番地味なプランです。", "ja"),
        ("京都府京都市で二番地区の会合があります。", "ja"),
    ],
)
def test_look_alikes_stay_unmasked(pii_engine: PiiEngine, text: str, language: str) -> None:
    assert RequestMasker(pii_engine).mask(text, language) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # A last number with a kanji after it is a count or a time, not the block's number.
        ("東京都港区芝公園二丁目三十分に集合です。", "<JP_ADDRESS_1>三十分に集合です。"),
        ("東京都港区芝公園2丁目30分に集合です。", "<JP_ADDRESS_1>30分に集合です。"),
        ("東京都港区芝公園2丁目3時に伺います。", "<JP_ADDRESS_1>3時に伺います。"),
        ("東京都港区芝公園一丁目二番三回伺います。", "<JP_ADDRESS_1>三回伺います。"),
        # ... a suffix keeps it with the address.
        ("東京都港区芝1-2-3様方", "<JP_ADDRESS_1>様方"),
        ("東京都港区芝1-2-3宛にお送りください。", "<JP_ADDRESS_1>宛にお送りください。"),
        ("東京都港区芝1-2-3内の事務所です。", "<JP_ADDRESS_1>内の事務所です。"),
        ("東京都港区芝1-2-3個", "<JP_ADDRESS_1>個"),
        ("東京都港区芝1-2-3歳", "<JP_ADDRESS_1>歳"),
        # 人 counting people is a counter (Sudachi tags it as it tags 様, read ニン), and
        # a counter written with a kana ka (か月, か所) is one too.
        ("東京都港区芝公園2丁目3人で伺います。", "<JP_ADDRESS_1>3人で伺います。"),
        ("東京都港区芝1-2-3人で伺います。", "<JP_ADDRESS_1>-3人で伺います。"),
        ("東京都港区芝公園2丁目3か月前に越しました。", "<JP_ADDRESS_1>3か月前に越しました。"),
        ("東京都港区芝公園2丁目3か所に傷があります。", "<JP_ADDRESS_1>3か所に傷があります。"),
        ("東京都港区芝1-2-3殿", "<JP_ADDRESS_1>殿"),
        # A room number right after a building's name is the address's.
        ("東京都港区芝1-2-3サンハイツ202です。", "<JP_ADDRESS_1>です。"),
        ("東京都港区芝公園1-2-30分後に集合です。", "<JP_ADDRESS_1>-30分後に集合です。"),
        # A building word after a particle or a comma is no building of the address.
        (
            "東京都港区芝公園1-2-3に新しいビルができました。",
            "<JP_ADDRESS_1>に新しいビルができました。",
        ),
        (
            "東京都港区芝公園1-2-3、ビルの前で待っています。",
            "<JP_ADDRESS_1>、ビルの前で待っています。",
        ),
        ("東京都港区芝公園1-2-3 今日は休みです。", "<JP_ADDRESS_1> 今日は休みです。"),
        # ... and is the block's when a kana, a space, punctuation, a floor or a name follows.
        ("東京都港区芝公園2丁目3階に来てください。", "<JP_ADDRESS_1>に来てください。"),
        ("東京都港区芝公園2丁目3に集合です。", "<JP_ADDRESS_1>に集合です。"),
        ("東京都港区芝公園二丁目三、集合です。", "<JP_ADDRESS_1>、集合です。"),
    ],
)
def test_a_block_ends_before_a_word_that_runs_on(
    pii_engine: PiiEngine, text: str, masked: str
) -> None:
    assert RequestMasker(pii_engine).mask(text, "ja") == masked


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # A valid phone split by spaced signs is folded and masked whatever word follows it:
        # a plural noun, a counter or a date shape never leaves it in clear.
        ("my number is 415 . 867 . 5309 hours", "en"),
        ("my number is 415 . 867 . 5309 texts welcome", "en"),
        ("my number is 415 . 867 . 5309 messages only", "en"),
        ("my number is 415 . 867 . 5309 minutes", "en"),
        ("my number is 415 . 867 . 5309 Cheers", "en"),
        ("Best, Ana 415 . 867 . 5309 Sales", "en"),
        ("+1 415 . 867 . 5309 minutes", "en"),
        ("my number is 020 . 7946 . 0958 days", "en"),
        ("415/867/5309 users", "en"),
        ("415  867  5309 accounts", "en"),
        ("Tel 01 . 12 . 2024 . 12 . 30", "en"),
        ("電話番号は03 . 1234 . 5678番です", "ja"),
        ("携帯は090 . 1234 . 5678番です", "ja"),
        ("連絡先：090 . 1234 . 5678番", "ja"),
        ("お電話は090 . 1234 . 5678人まで", "ja"),
        ("090 . 1234 . 5678件", "ja"),
        ("090 . 1234 . 5678円", "ja"),
        ("090 . 1234 . 5678回", "ja"),
        # The SSN layout that is no valid SSN is folded as a phone's groups (masked as written
        # plain), not to an SSN form that no recognizer then takes.
        ("my number is 666 . 12 . 3456", "en"),
        ("móvil 666 . 12 . 3456", "en"),
        ("my number is 912 . 00 . 1234", "en"),
        ("my number is 612 . 34 . 0000", "en"),
        ("SSN 666 . 12 . 3456", "en"),
        ("my number is 666 12 3456", "en"),
    ],
)
def test_no_digit_of_a_folded_number_is_left(
    pii_engine: PiiEngine, text: str, language: str
) -> None:
    masked = RequestMasker(pii_engine).mask(text, language)
    assert not re.search(r"\d", re.sub(r"<[A-Z_]+_\d+>", "", masked)), masked

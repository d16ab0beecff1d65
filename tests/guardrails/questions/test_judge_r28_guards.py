"""Guards on stop 28's accepting rules: the skirts a review found them accepting.

Each test names a reply on or near the ask's topic that does not give what was asked; the
round's rules judged them answered. The correct forms beside them must stay answered.
"""

import pytest

from guardrails.questions.answer_types import asked_types, supplied_types
from guardrails.questions.synonyms import synonym_terms
from tests.guardrails.questions.judging import judge_extracted_status


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        # the stock closing 〜て参ります is no visit
        ("洗濯機の修理に来てもらえますか？", "今後ともサービスの向上に努めて参ります。"),
        ("取り付けに来てもらえますか？", "いただいたご要望は前向きに検討して参ります。"),
        # 伺います after で or について is to ask, not to come
        ("給湯器を見に来てもらえますか？", "故障の状況はお電話で伺います。"),
        ("網戸の張り替えに来てもらえますか？", "ご都合の良い日はメールで伺います。"),
        ("床の傷を見に来てもらえますか？", "傷の大きさについて伺います。"),
        ("修理に来てもらえますか？", "修理の日程についてはのちほど担当が伺います。"),
    ],
)
def test_a_closing_or_asking_by_phone_is_no_visit(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) != "answered"


@pytest.mark.parametrize(
    "text", ["改善に努めて参ります。", "お電話で伺います。", "点検について伺います。"]
)
def test_the_closing_or_asking_holds_no_come_term(text: str) -> None:
    assert "来" not in synonym_terms(text)


def test_a_visit_by_a_named_person_still_holds_come() -> None:
    assert "来" in synonym_terms("明日の午後に係の者が参ります。")


_PLEA = "My order came without the charger. Is there anything you can do?"


@pytest.mark.parametrize(
    "reply",
    [
        "I've made a note of this on your account.",
        "I've attached our returns policy for you.",
        "I've changed the phone number on your order as you asked.",
        "I've checked the order and it left us complete.",
    ],
)
def test_an_act_that_puts_nothing_right_leaves_a_plea_open(reply: str) -> None:
    assert judge_extracted_status(_PLEA, reply) != "answered"


@pytest.mark.parametrize(
    "reply",
    ["I've sent a replacement charger by first-class post.", "I've refunded the charger's price."],
)
def test_a_remedy_done_answers_a_plea(reply: str) -> None:
    assert judge_extracted_status(_PLEA, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("色は選べますか？", "持ち手の長さも選べます。"),
        ("駐車場は使えますか？", "会議室のプロジェクターも使えます。"),
        ("猫は泊まれますか？", "大人三名様まで泊まれます。"),
        ("アプリで注文を変えられますか？", "店頭でしたら前日まで変えられます。"),
        ("手数料はかかりますか？", "お手続きには二日ほどかかります。"),
    ],
)
def test_the_own_verb_of_another_topic_or_a_length_is_no_answer(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) != "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("手数料はかかりますか？", "会員の方はかかりません。"),
        ("手数料はかかりますか？", "二日前まではかかりません。"),
        ("注文は変えられますか？", "発送の前日まで変えられます。"),
    ],
)
def test_the_own_verb_with_a_bound_or_no_topic_still_answers(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) == "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("Can I bring my cat to the cottage?", "The cottage is fine for families of six."),
        ("May I pay the deposit in euros?", "Euros are fine for the balance on the day."),
        ("Can I leave my bike in the hallway overnight?", "Hallway lights are allowed to stay on."),
    ],
)
def test_what_is_allowed_of_the_place_or_the_means_is_no_answer(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) != "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("How many people can the minibus carry?", "The minibus is 7m long."),
        ("How many tables does the marquee hold?", "The marquee roof is 5.5 metres high."),
        ("How many suitcases can I bring?", "Each suitcase may weigh up to 20kg."),
        ("荷物の重さに制限はありますか？", "長さは1.5メートルまでです。"),
        ("何人まで入れますか？", "部屋の広さは8メートル四方です。"),
    ],
)
def test_a_measure_is_no_count_nor_another_dimension(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) != "answered"


def test_a_measure_supplies_its_own_kind_not_a_count() -> None:
    assert supplied_types("The gate is 2.4m wide.") & {"@length", "@quantity"} == {"@length"}
    assert supplied_types("It may weigh up to 18kg.") & {"@weight", "@quantity"} == {"@weight"}
    assert asked_types("Is there a weight limit?") & {"@length", "@weight"} == {"@weight"}
    assert "@length" not in asked_types("How many guests can come?")


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("Does the ferry price include dinner?", "The ferry price includes the cabin and a guide."),
        ("Are surf lessons included in the stay?", "Surf boards are charged separately."),
        ("夕食は宿泊料金に含まれていますか？", "夕食会場は一階で、飲み物は別途料金がかかります。"),
    ],
)
def test_inclusion_of_another_thing_is_no_answer(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) != "answered"


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("How long does the alteration take?", "The tailor opens the next morning at 9."),
        ("保証は何年ですか？", "保証書は翌月に発送いたします。"),
        ("返品の返金まで何日くらいかかりますか？", "返品の窓口は午前中のみの受付です。"),
    ],
)
def test_a_point_of_time_in_words_for_another_event_is_no_length(ask: str, reply: str) -> None:
    assert judge_extracted_status(ask, reply) != "answered"

"""Answer types and yes/no asks: the offline judge reads what kind of answer an ask wants."""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question, answer_types
from guardrails.questions.answer_types import asked_types, is_polar, supplied_types
from tests.guardrails.questions.judging import judge_statuses


def _ctx(language: str = "en") -> GuardrailContext:
    return GuardrailContext(
        messages=(Message(role="customer", body="x"),),
        customer_language=language,
        draft_language=language,
        articles=(),
    )


@pytest.mark.parametrize(
    ("ask", "kind"),
    [
        ("What's your phone number?", "@phone"),
        ("is there a number to call for billing", "@phone"),
        ("Which email address do I write to?", "@email"),
        ("Do you have a link to the returns form?", "@url"),
        ("What time do you close on Sundays?", "@clock"),
        ("When will the replacement arrive?", "@time"),
        ("How much is the upgrade?", "@price"),
        ("How often do the filters need changing?", "@frequency"),
        ("How big is the main hall?", "@quantity"),
        ("What sizes does the parka come in?", "@size"),
        ("カスタマーセンターの電話番号を教えてください", "@phone"),
        ("いつ届きますか", "@time"),
        ("送料はいくらですか", "@price"),
        ("キャンセル料はかかりますか", "@price"),
    ],
)
def test_asked_types(ask: str, kind: str) -> None:
    assert kind in asked_types(ask)


def test_a_request_to_act_on_a_fee_asks_for_no_price() -> None:
    assert "@price" not in asked_types("Can you waive the late fee?")
    assert "@price" not in asked_types("返金はいつですか")  # 返金 is no fee
    assert "@price" in asked_types("Can you tell me how much the late fee is?")


def test_a_time_of_day_is_no_frequency_and_a_letter_no_size() -> None:
    assert "@frequency" not in supplied_types("We open at 9 am on weekdays.")
    assert "@size" not in supplied_types("I'm sure it's a small shop, let me see.")


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Call us on 0800 123 4567.", "@phone"),
        ("お電話は03-1234-5678までお願いします。", "@phone"),
        ("Write to help@example.org.", "@email"),
        ("It's at https://example.org/returns", "@url"),
        ("We close at 6 pm.", "@clock"),
        ("It went out on Tuesday.", "@time"),
        ("It's 39.99 a month.", "@price"),
        ("Returns are free of charge.", "@price"),
        ("Once or twice a year is plenty.", "@frequency"),
        ("Every three months keeps it clean.", "@frequency"),
        ("月に1回の点検をおすすめしております。", "@frequency"),
        ("It comes in XS to XXL.", "@size"),
        ("Small, medium and large are in stock.", "@size"),
        ("Sサイズ〜LLサイズまでご用意しております。", "@size"),
    ],
)
def test_supplied_types(sentence: str, kind: str) -> None:
    assert kind in supplied_types(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Order 1234567 has shipped.",
        "It costs 39.99.",
        "Version 2.10.3 fixes it.",
        "It shipped on 2026-11-29.",
    ],
)
def test_ids_and_prices_are_not_phone_numbers(sentence: str) -> None:
    assert "@phone" not in supplied_types(sentence)


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        ("What's your phone number?", "You can reach us on 0800 123 4567, weekdays.", "answered"),
        ("What's your phone number?", "You can reach us by chat on weekdays.", "missing"),
        ("Where do I send my invoice questions?", "Please email billing@example.com.", "answered"),
        ("When does the summer sale end?", "It runs until 31 August.", "answered"),
        ("When does the summer sale end?", "It costs $5 to join.", "missing"),
        ("Is the jacket waterproof?", "Yes, it has taped seams.", "answered"),
        ("Can I pay with PayPal?", "Yes, we ship to Australia.", "missing"),
        ("Could I get another week to pay?", "Of course, I've moved the due date.", "answered"),
        ("ギフト包装はできますか", "はい、1点300円で承っております。", "answered"),
        ("サポートの電話番号を教えてください", "03-1234-5678までお電話ください。", "answered"),
    ],
)
def test_judge_reads_the_answer_type(ask: str, draft: str, status: str) -> None:
    language = "ja" if ask[0] > "\u3000" else "en"
    kind = "request" if ask.startswith("Could I") else "question"
    (assessment,) = LexicalJudge().assess([Question("q1", ask, kind)], draft, _ctx(language))
    assert assessment.status == status


def test_a_bare_yes_answers_only_the_first_yes_no_ask() -> None:
    questions = [
        Question("q1", "Is the jacket waterproof?"),
        Question("q2", "Does it come in green?"),
    ]
    first, second = LexicalJudge().assess(questions, "Yes, it keeps the rain out.", _ctx())
    assert (first.status, second.status) == ("answered", "missing")


@pytest.mark.parametrize(
    ("ask", "polar"),
    [
        ("Is the jacket waterproof?", True),
        ("could i get a refund", True),
        ("What time do you open?", False),
        ("Is there a number I can call?", False),  # wants the number, not a yes
        # a lead-in before a colon is no part of the ask
        ("Yes, one last thing: can I park on site?", True),
        ("在庫はありますか", True),
        ("いつ届きますか", False),
    ],
)
def test_is_polar(ask: str, polar: bool) -> None:
    assert is_polar(ask) is polar


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # the turn's only problem, settled in other words by an act or a fix
        ("my discount didnt apply at checkout", "I've refunded the $8 difference.", "answered"),
        (
            "the app freezes when i open my statements",
            "It's a known bug and the fix went out today, so please update the app.",
            "answered",
        ),
        ("支払いが二重になっています。", "1件分は本日取り消しました。", "answered"),
        # what will be done about it settles it too
        (
            "the heating in my flat isn't working",
            "An engineer will come tomorrow morning to repair the boiler.",
            "answered",
        ),
        # an arrangement made is an act on it
        (
            "the lift in our building has been broken for a week",
            "I'm sorry. A technician is booked for tomorrow morning.",
            "answered",
        ),
        # an apology is no act, and a deferral anywhere leaves the ask unsettled: the turn's
        # only ask is what it defers
        ("支払いが二重になっています。", "大変失礼いたしました。", "missing"),
        (
            "my discount didnt apply at checkout",
            "I've noted it. We'll get back to you tomorrow.",
            "pending",
        ),
        # a closing offer to help again defers nothing
        (
            "my discount didnt apply at checkout",
            "Thanks for shopping with us. If you have other questions, we'll get back to you.",
            "missing",
        ),
    ],
)
def test_the_only_problem_is_settled_by_an_act(ask: str, draft: str, status: str) -> None:
    language = "ja" if ask[0] > "\u3000" else "en"
    (assessment,) = LexicalJudge().assess([Question("q1", ask, "problem")], draft, _ctx(language))
    assert assessment.status == status


def test_an_act_settles_one_of_two_asks_only_on_its_topic() -> None:
    questions = [
        Question("q1", "my discount didnt apply at checkout", "problem"),
        Question("q2", "please update my delivery address", "request"),
    ]
    first, second = LexicalJudge().assess(questions, "I've updated your address.", _ctx())
    assert (first.status, second.status) == ("missing", "answered")


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # contact: either a phone number or an email answers "who do I talk to"
        ("Who do I talk to about a bulk order?", "Our sales team: sales@example.com.", "answered"),
        (
            "Do you deliver on Sundays?",
            "Not at the moment, I'm afraid: Monday to Saturday only.",
            "answered",
        ),
        # steps or a cause alone only go part of the way; with the ask's topic they answer
        ("How do I download my invoices?", "Click the blue button.", "partial"),
        ("How do I reset my password?", "Go to Login > Forgot password.", "answered"),
        ("Why was my card declined?", "It was declined because the card had expired.", "answered"),
    ],
)
def test_contact_polar_procedure_and_reason(ask: str, draft: str, status: str) -> None:
    (assessment,) = LexicalJudge().assess([Question("q1", ask)], draft, _ctx())
    assert assessment.status == status


@pytest.mark.parametrize(
    "sentence",
    ["The library is open 9 to 3 on Saturdays.", "We keep our usual hours, 8.30 till 6."],
)
def test_a_span_of_bare_hours_after_an_hours_word_is_a_clock_time(sentence: str) -> None:
    assert "@clock" in supplied_types(sentence)


@pytest.mark.parametrize(
    "sentence", ["Tickets are 10 to 15 pounds each.", "Groups of 4 to 6 people are welcome."]
)
def test_a_span_of_numbers_with_no_hours_word_is_no_clock_time(sentence: str) -> None:
    assert "@clock" not in supplied_types(sentence)


def test_opening_hours_in_bare_hours_answer_what_time() -> None:
    assert judge_statuses(["What time does the pool open on Saturdays?"], "It's open 7 to 9.") == [
        "answered"
    ]


def test_online_as_a_channel_makes_no_ask_for_a_link() -> None:
    assert "@url" not in asked_types("Could I settle the parking fine online?")
    assert is_polar("Could I settle the parking fine online?")
    assert "@url" in asked_types("Where online is the timetable posted?")


def test_a_clock_time_is_no_present_tense() -> None:
    # "10 am" is no "I am": the vet's start time is of an event over
    assert judge_statuses(
        ["When can I collect my cat after the scan?"],
        "Her scan went smoothly. The vet started the scan at 9 am and it took an hour.",
    ) == ["missing"]


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        (
            "Where can I leave my bike during the class?",
            "There's a covered rack next to reception.",
        ),
        ("Where do we meet the guide?", "The tour starts on Mill Lane, five minutes' walk away."),
        ("どこで受け取れますか。", "駅の改札前でお渡しいたします。"),
    ],
)
def test_a_place_answers_a_where_ask(ask: str, draft: str) -> None:
    assert "@place" in asked_types(ask)
    assert judge_statuses([ask], draft) == ["answered"]


def test_a_where_ask_for_a_screen_or_a_status_asks_no_place() -> None:
    assert "@place" not in asked_types("Where would we update the PIN?")
    assert "@place" not in asked_types("Where is my parcel at the moment?")


def test_a_spelled_out_span_answers_how_long() -> None:
    assert "@time" in supplied_types("Most kitchens are fitted in a single day.")
    assert judge_statuses(
        ["How long does fitting the new boiler take?"],
        "Most installs are done in a single day.",
    ) == ["answered"]


def test_a_run_of_sizes_answers_what_sizes() -> None:
    assert "@size" in supplied_types("Our wetsuits run from a junior 8 up to 14.")
    statuses = judge_statuses(
        ["Do you hire wetsuits for children?", "What sizes do you have?"],
        "We do, and boots too. Junior wetsuits run from a size 8 up to 14.",
    )
    assert statuses == ["answered", "answered"]


@pytest.mark.parametrize(
    ("sentence", "stand"),
    [
        ("We don't stock the larger sizes any more.", True),
        ("You'll need a ticket for the upper deck.", True),
        ("Dogs on leads are welcome in the courtyard.", True),
        ("The monthly fee does include insurance.", True),
        ("There's a locker on every floor.", True),
        ("Wi-Fi is free in every room.", True),
        ("子ども連れでもご参加いただけます。", True),
        ("英語の案内は行っておりません。", True),
        ("The sauna is heated to 80 degrees by a wood stove.", False),
        ("Lunch is served on the terrace from noon.", False),
        ("体験教室は毎月第二日曜日の午前です。", False),
    ],
)
def test_a_sentence_takes_a_stand_by_a_negative_a_modal_or_an_inclusion(
    sentence: str, stand: bool
) -> None:
    from guardrails.questions.answer_types import takes_a_stand

    assert takes_a_stand(sentence) is stand


@pytest.mark.parametrize(
    ("ask", "sentence", "neither"),
    [
        # the subject named, the head left out, no stand: skirted
        ("Is the rooftop bar open to hotel guests?", "The rooftop bar serves cocktails.", True),
        ("Will the plumber bring the spare valve?", "Our plumber arrives in a white van.", True),
        # the head said back, or a stand taken: not skirted
        ("Is the rooftop bar open to hotel guests?", "It opens to everyone at 5 pm.", False),
        ("Will the plumber bring the spare valve?", "He can't, it's still on order.", False),
        # a pronoun subject: a sentence on the object may answer in other words
        ("Will I lose my seat if I arrive late?", "Seats are held for ten minutes.", False),
    ],
)
def test_says_neither_reads_a_skirted_yes_no_ask(ask: str, sentence: str, neither: bool) -> None:
    from guardrails.questions.answer_types import says_neither
    from guardrails.terms import content_terms

    assert says_neither(ask, sentence, content_terms(sentence)) is neither


def test_a_yes_no_ask_naming_a_value_is_polar_in_form_only() -> None:
    from guardrails.questions.answer_types import polar_in_form

    # "Did you get my email?" names an email address, but asks for a yes
    assert not is_polar("Did you get my email?")
    assert polar_in_form("Did you get my email?")
    assert not polar_in_form("What's the email address for billing?")
    assert polar_in_form("送料は無料ですか。")
    assert not polar_in_form("送料はいくらですか。")


@pytest.mark.parametrize(
    ("sentence", "depends"),
    [
        ("It depends on how many rooms you have.", True),
        ("Prices vary by season.", True),
        ("作業時間は部屋の広さによって異なります。", True),
        ("It costs $40 per room.", False),
    ],
)
def test_a_value_that_depends_on_something(sentence: str, depends: bool) -> None:
    from guardrails.questions.answer_types import says_it_depends

    assert says_it_depends(sentence) is depends


def test_a_count_of_business_days_is_a_duration_not_opening_hours() -> None:
    from guardrails.questions.answer_types import linked_types

    ask = "交換品はいつ届きますか。"
    # 営業日 after a count is how long it takes: the time answers the ask
    assert "@time" in linked_types(ask, "手配から3営業日でお送りします。", lambda _: False)
    # 営業日 alone names the days a shop is open: another thing's time
    assert "@time" not in linked_types(ask, "営業日は月曜日から金曜日です。", lambda _: False)


@pytest.mark.parametrize(
    ("ask", "asks_time"),
    [
        ("商品の発送日を教えてください。", True),
        ("年末の営業日はどうなっていますか。", True),
        ("今日は開いていますか。", False),
        ("土日は混んでいますか。", False),
    ],
)
def test_a_japanese_day_named_as_asked_after_asks_for_a_time(ask: str, asks_time: bool) -> None:
    assert ("@time" in asked_types(ask)) is asks_time


def test_says_neither_reads_an_ask_put_to_us_without_a_decision() -> None:
    from guardrails.questions.answer_types import says_neither
    from guardrails.terms import content_terms

    ask = "Could you post my certificate to my new address?"
    # describing the thing asked about is no decision on doing it
    skirt = "Certificates are printed on thick card and signed by the director."
    assert says_neither(ask, skirt, content_terms(skirt))
    # a stand taken on it is one
    stand = "We can't post certificates abroad, but yours can go to your new address."
    assert not says_neither(ask, stand, content_terms(stand))


@pytest.mark.parametrize("length", [50_000, 200_000])
def test_a_long_sentence_is_read_in_bounded_overlapping_windows(
    length: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the rules scan runs of letters or digits from every place in them: a bounded text each,
    # and about two characters read per character of the sentence, keep the work linear
    read: list[str] = []

    def record(window: str) -> frozenset[str]:
        read.append(window)
        return frozenset()

    monkeypatch.setattr(answer_types, "_supplied", record)
    supplied_types("あ" * length)
    assert max(map(len, read)) == 2 * answer_types.SUPPLY_WINDOW
    assert sum(map(len, read)) <= 2 * length


def test_a_clue_deep_in_a_long_sentence_is_found_in_its_window() -> None:
    filler = "あ" * 30_000
    sentence = f"{filler}お電話は0120-123-456まで、メールはhelp@example.comへ。{filler}"
    assert {"@phone", "@email"} <= supplied_types(sentence)


def test_a_sentence_up_to_two_windows_long_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    monkeypatch.setattr(answer_types, "_supplied", lambda w: read.append(w) or frozenset())
    sentence = "We ship to the UK, France and Spain. " * 16  # 592 characters
    supplied_types(sentence)
    assert read == [sentence]


@pytest.mark.parametrize(
    ("ask", "asks_time"),
    [
        ("カットは何分くらいかかりますか", True),
        ("届くまで何週間かかりますか", True),
        ("お試しは何か月使えますか", True),
        # 十分 ("enough") and a count of things ask for no length of time
        ("時間は十分ありますか", False),
        ("何個まで買えますか", False),
        # the adverb 何分 (なにぶん, "in any case") and 何分か ("a few minutes") ask for none
        ("何分よろしくお願いいたします", False),
        ("何分にもご検討いただけますか", False),
        ("何分か待ってから再度試せばよいですか", False),
    ],
)
def test_nani_before_a_unit_of_time_asks_for_a_time(ask: str, asks_time: bool) -> None:
    """何 followed by a unit of a length of time (figures' own units) asks for a time."""
    assert ("@time" in asked_types(ask)) is asks_time

"""An answer must be about the ask's focus, not share one side word with it."""

import pytest

from guardrails.questions.focus import ask_focus
from guardrails.terms import content_terms
from tests.guardrails.questions.judging import judge_status


@pytest.mark.parametrize(
    ("ask", "focus_word"),
    [
        ("How can I log back in to my workspace?", "workspace"),
        ("Could you waive the late fee on my rental?", "rental"),
        ("傘の保証期間はどのくらいですか。", "保証期間"),
        # a trailing adverb or particle is never the focus
        ("How do I reset my locker code now?", "locker code"),
        ("Can I pick my parcel up?", "parcel"),
    ],
)
def test_focus_is_the_last_noun_phrase(ask: str, focus_word: str) -> None:
    assert content_terms(focus_word) <= ask_focus(ask).focus


def test_japanese_focus_takes_the_nouns_joined_by_no() -> None:
    focus = ask_focus("延長保証の料金を教えてください。").focus
    assert content_terms("延長保証") <= focus
    assert content_terms("料金") <= focus


def test_one_side_word_misses_the_focus() -> None:
    focus = ask_focus("How can I log back in to my workspace?")
    assert focus.missed_by(content_terms("Parcels come back to our depot after three tries."))
    assert not focus.missed_by(content_terms("Your workspace sign-in page is on the home screen."))
    # no content word at all: nothing to miss
    assert not ask_focus("Why?").missed_by(content_terms("Because of the storm."))


@pytest.mark.parametrize(
    ("ask", "draft", "language", "status"),
    [
        # a particle shared with a sentence on another topic answers nothing
        (
            "How can I log back in to my workspace?",
            "Parcels come back to our depot after three delivery attempts.",
            "en",
            "missing",
        ),
        # the reason given for an ask is not its focus ("sofa" here): the refund is
        (
            "I'd like a refund because the sofa is the wrong size",
            "The refund reaches your card within 5 business days.",
            "en",
            "answered",
        ),
        # the focus itself answers
        (
            "How can I log back in to my workspace?",
            "Open the workspace sign-in page and choose Forgot password.",
            "en",
            "answered",
        ),
        # an answer of the form asked for (a time) is on topic without the focus word
        (
            "When will the deposit reach my bank?",
            "Deposits are released within 3 business days.",
            "en",
            "answered",
        ),
        # Japanese: the modifier of another clause (返品) shared, the focus (クーポン) not
        (
            "返品した場合クーポンはどうなりますか。",
            "返品は到着から10日以内に承ります。",
            "ja",
            "missing",
        ),
        (
            "返品した場合クーポンはどうなりますか。",
            "ご返品の際、クーポンは再発行いたします。",
            "ja",
            "answered",
        ),
    ],
)
def test_answer_must_be_on_the_focus(ask: str, draft: str, language: str, status: str) -> None:
    assert judge_status(ask, draft, language=language) == status


def test_only_focus_needs_another_word_of_the_ask_left_out() -> None:
    focus = ask_focus("how do I start a return")
    assert focus.only_focus(content_terms("You can return unused items"))
    assert not focus.only_focus(content_terms("Start your return under Orders"))
    # an ask that is all focus, and a sentence without the focus, are never "only the focus"
    assert not ask_focus("how do I cancel").only_focus(content_terms("You can cancel any time"))
    assert not focus.only_focus(content_terms("Start the app again"))


@pytest.mark.parametrize(
    ("ask", "subject", "head", "light"),
    [
        # be + noun subject + adjective or participle: the head is what it is said to be
        ("Is the sauna heated in winter?", "sauna", "heated", False),
        ("Are the rooftop gardens open to visitors?", "rooftop gardens", "open", False),
        ("Is the night bus running tonight?", "night bus", "running", False),
        # modal or do + noun subject + verb: the head is the verb
        ("Will the courier ring the doorbell?", "courier", "ring", False),
        ("Does my travel policy cover ski lessons?", "travel policy", "cover", False),
        # a pronoun subject names no subject; a light verb passes the head to its object
        ("Do you have lockers for bikes?", "", "lockers", True),
        ("Can I pay with a gift voucher?", "", "pay gift voucher", False),
        # Japanese: the noun marked by は or が, the last stem before the predicate
        ("貸切風呂は予約なしで利用できますか。", "貸切風呂", "利用", False),
    ],
)
def test_yes_no_shape_reads_subject_and_head(
    ask: str, subject: str, head: str, light: bool
) -> None:
    from guardrails.questions.focus import yes_no_shape

    shape = yes_no_shape(ask)
    assert shape.subject == frozenset(content_terms(subject))
    assert shape.head == frozenset(content_terms(head))
    assert shape.light is light


def test_yes_no_shape_is_empty_for_an_ask_not_opened_by_an_auxiliary() -> None:
    from guardrails.questions.focus import YesNoShape, yes_no_shape

    assert yes_no_shape("I wonder whether the sauna is heated") == YesNoShape()


def test_a_one_kanji_verb_stem_is_no_japanese_head() -> None:
    from guardrails.questions.focus import yes_no_shape

    # 使える is said back as 対応しています or ご利用いただけます: nothing to look for
    assert yes_no_shape("電子マネーは使えますか。").head == frozenset()
    assert yes_no_shape("電子マネーは利用できますか。").head == frozenset(content_terms("利用"))


def test_an_ask_put_to_us_is_read_as_such() -> None:
    from guardrails.questions.focus import yes_no_shape

    assert yes_no_shape("Could you post my certificate to my new address?").addressee
    assert not yes_no_shape("Could I post my certificate myself?").addressee


def test_an_indefinite_pronoun_is_never_the_focus() -> None:
    # "something" stands for no thing: the ask is about being normal or not
    assert ask_focus("is that normal or did i do something wrong").focus == frozenset({"normal"})
    assert ask_focus("Can you do anything about the noise?").focus == frozenset({"nois"})


def test_a_japanese_compound_with_okurigana_is_one_word_of_the_phrase() -> None:
    # 持ち物 is one noun, the head of 「当日の持ち物」: not 当日 alone
    assert "持" in ask_focus("当日の持ち物は何ですか？").focus
    assert "持" in ask_focus("体験の持ち物を教えてください").focus
    # a particle between two kanji never joins them: 日時 is the focus, not 届の日時
    assert ask_focus("お届けの日時を変えたい").focus == frozenset({"日時"})


def test_a_japanese_subject_takes_in_its_modifiers_but_a_condition_does_not() -> None:
    from guardrails.questions.focus import yes_no_shape

    assert yes_no_shape("朝のクラスは見学できますか？").subject == frozenset({"朝", "クラス"})
    # 場合 is a condition, no subject: the shape stays as it was
    assert yes_no_shape("雪の場合は中止になりますか").subject == frozenset()

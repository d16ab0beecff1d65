"""The offline judge's verdicts: yeses in the turn's order, times of other events, kind words,
steps that settle a request to act."""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question, answer_types
from tests.guardrails.questions.judging import assess, judge_statuses


def _ctx(language: str = "en") -> GuardrailContext:
    return GuardrailContext(
        messages=(Message(role="customer", body="..."),),
        customer_language=language,
        draft_language=language,
        articles=(),
    )


def test_a_japanese_yes_on_the_asks_topic_answers_it_beside_another_ask() -> None:
    statuses = judge_statuses(
        ["ホテルで自転車は借りられますか。", "朝食は何時からですか。"],
        "自転車はフロントでお貸出しいただけます。朝食は7時からです。",
    )
    assert statuses == ["answered", "answered"]


def test_a_japanese_yes_on_another_topic_does_not_answer() -> None:
    statuses = judge_statuses(
        ["ホテルで自転車は借りられますか。", "朝食は何時からですか。"],
        "駐車場は無料でご利用いただけます。朝食は7時からです。",
    )
    assert statuses[0] == "missing"


def test_a_yes_with_particulars_opening_the_reply_answers_the_first_yes_no_ask() -> None:
    statuses = judge_statuses(
        ["Is the pool open on Easter Sunday?", "Can I bring a guest?"],
        "Yes, the usual hours apply, 8 till 8. Guests pay £5 at reception.",
    )
    assert statuses[0] == "answered"


def test_a_yes_with_particulars_later_in_the_reply_answers_only_on_topic() -> None:
    statuses = judge_statuses(
        ["Is the pool open on Easter Sunday?", "Can I bring a guest?"],
        "Guests pay £5 at reception. Yes, the sauna costs £3 extra.",
    )
    assert statuses[0] == "missing"


def test_a_narrower_kind_names_the_asks_word() -> None:
    # a contract is a written agreement: sending it sends the agreement asked for
    assert judge_statuses(
        ["Would you email over my tenancy agreement?"],
        "I've emailed the signed contract to you just now.",
    ) == ["answered"]


def test_a_kind_word_is_not_matched_through_the_asks_synonyms() -> None:
    # "countries" are political units; "unite" is a synonym of "merge": no chain of the two
    assert judge_statuses(["How do I merge two profiles?"], "We ship to most countries.") == [
        "missing"
    ]


def test_a_japanese_past_time_of_another_event_does_not_answer_when() -> None:
    # the check-up started at 10 and is over: no time for the collection asked about
    assert judge_statuses(
        ["検査のあと、いつ引き取りに行けますか。"],
        "検査は午前10時に始まり、無事に終わりました。",
    ) == ["missing"]


def test_a_japanese_past_time_of_the_asks_own_topic_answers_it() -> None:
    assert judge_statuses(["返金はいつされますか。"], "3日前に返金手続きをいたしました。") == [
        "answered"
    ]


def test_steps_for_the_customer_settle_the_only_request_to_act() -> None:
    statuses = [
        a.status
        for a in LexicalJudge().assess(
            [
                Question(
                    "q1", "The zip on my tent jams since the repair. Can you look at it?", "request"
                )
            ],
            "Sorry about that. Drop it at the shop any weekday and our tailor will fix it while "
            "you wait.",
            _ctx(),
        )
    ]
    assert statuses == ["answered"]


def test_a_fact_on_another_matter_does_not_settle_the_only_request_to_act() -> None:
    statuses = [
        a.status
        for a in LexicalJudge().assess(
            [Question("q1", "Can you replace the broken pole?", "request")],
            "Our tents come with a two-year guarantee and are made in Wales.",
            _ctx(),
        )
    ]
    assert statuses == ["missing"]


@pytest.mark.parametrize("length", [50_000, 200_000])
def test_the_judge_reads_a_huge_one_sentence_draft_in_bounded_windows(
    length: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a draft of one endless sentence (pasted logs, a runaway model): every answer-type rule
    # sees a bounded window of it, and the windows add up to a fixed multiple of the draft
    read: list[int] = []
    supplied = answer_types._supplied

    def record(window: str) -> frozenset[str]:
        read.append(len(window))
        return supplied(window)

    monkeypatch.setattr(answer_types, "_supplied", record)
    unit = "ご注文の品は発送済みです" + "あ" * 200 + " order 12345 shipped "
    draft = (unit * (length // len(unit) + 1))[:length]
    (assessment,) = assess(["注文はいつ届きますか？"], draft)
    assert assessment.status in {"answered", "partial", "missing"}
    assert max(read) <= 2 * answer_types.SUPPLY_WINDOW
    assert sum(read) <= 6 * length  # each window read by the judge's few passes over a draft

"""A time told relative to an event is read as a time, in English and Japanese."""

from __future__ import annotations

import pytest

from guardrails.questions.time_phrases import relative_time

RELATIVE = [
    "Existing annual plans keep their price until renewal.",
    "Events catch up as soon as the app is opened again.",
    "The new price applies at the start of your next billing period.",
    "Your discount is applied at checkout.",
    "A day pass starts when you first unlock a bike.",
    "貯まったポイントは、次回のご注文時にお支払い画面でご利用いただけます。",
    "変更後の名前は次回ログイン時に反映されます。",
    "年額プランは更新時まで現行の料金が適用されます。",
    "スタッフが伺うまで、電源を切った状態でお待ちください。",
    "ログイン後に反映されます。",
]
NOT_RELATIVE = [
    # an event noun modifying a noun is a place; "on every order" is no time
    "Pay by card on the checkout page.",
    "Members get free shipping on every order.",
    # a sentence opening with "When" sets a condition on a step
    "When you're ready, click Save.",
    "Waive the fee once per rider.",
    "The monthly pass costs $25.",
    # まで after a count or a clock is no event (the clock is the figure reader's)
    "紛失や破損は、代金の20倍まで補償いたします。",
    "営業時間は店舗により異なります。",
    "領収書はマイページからダウンロードできます。",
]


@pytest.mark.parametrize("sentence", RELATIVE)
def test_a_time_relative_to_an_event_is_a_time(sentence: str) -> None:
    assert relative_time(sentence)


@pytest.mark.parametrize("sentence", NOT_RELATIVE)
def test_no_time_without_a_temporal_structure(sentence: str) -> None:
    assert not relative_time(sentence)

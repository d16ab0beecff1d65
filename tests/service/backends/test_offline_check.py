"""The offline drafter checks that its answer gives what the ask asks for, else defers it."""

from __future__ import annotations

from service.backends.base import DraftInputs, Passage
from service.backends.offline import OfflineBackend
from service.backends.offline_check import (
    CAUSE,
    TIME,
    WAY,
    forms_given,
    forms_missing,
    forms_wanted,
)

BACKUP = Passage(
    "backup",
    "Back up your shop",
    "To back up your shop, open Tools and click Backup. The archive arrives by email within "
    "12 hours.",
    "https://help.example.com/backup",
    None,
    0.0,
)
LOGIN = Passage(
    "login",
    "Reset your password",
    "On the sign-in page click Lost password and type the email of your account. The reset "
    "link in that email stays valid for 2 hours.",
    "https://help.example.com/login",
    None,
    0.0,
)
VOUCHERS_JA = Passage(
    "vouchers",
    "ギフト券の使い方",
    "ギフト券はご注文画面の「ギフト券」欄に番号を入力します。"
    "各番号には利用期限があり、期限を過ぎた番号は無効となります。",
    "https://help.example.com/ja/vouchers",
    None,
    0.0,
)
DELAYS = Passage(
    "delays",
    "Shipping delays",
    "Parcels to the islands take longer because the ferry runs twice a week. You can track "
    "every parcel from Orders.",
    "https://help.example.com/delays",
    None,
    0.0,
)
# A "why" article whose only cause is of something else than the sentences about the ask.
GIFT_WRAP = Passage(
    "wrap",
    "Gift wrapping",
    "Gift wrapping is offered on every order at checkout. The warehouse closes early on "
    "Fridays because of the weekly stock count.",
    None,
    None,
    0.0,
)


def _inputs(language: str, text: str, questions: tuple[str, ...], *kb: Passage) -> DraftInputs:
    return DraftInputs(
        language=language,
        customer_name=None,
        agent_name="Sam",
        agent_title=None,
        brand=None,
        subject=None,
        latest_customer_text=text,
        questions=questions,
        passages=kb,
    )


def _answers(language: str, text: str, question: str, *kb: Passage) -> list[tuple[str, ...]]:
    found = OfflineBackend().answers(_inputs(language, text, (question,), *kb))
    return [a.sentences for a in found if a.passage is not None]


def test_forms_wanted_reads_the_ask_form() -> None:
    assert forms_wanted("Why is my shop offline?") == {CAUSE}
    assert forms_wanted("How do I back up my shop?") == {WAY}
    assert forms_wanted("Where do I type the voucher number?") == {WAY}
    assert forms_wanted("How long does a backup take?") == {TIME}
    assert forms_wanted("なぜ使えないのですか。") == {CAUSE}
    assert forms_wanted("ギフト券はどこに入力しますか。") == {WAY}


def test_forms_wanted_is_empty_for_yes_no_asks_and_plain_requests() -> None:
    # negatives: a yes/no ask wants a yes or a no; a request names no form
    assert forms_wanted("Can I use two vouchers on one order?") == frozenset()
    assert forms_wanted("Please refund the second charge.") == frozenset()
    assert forms_wanted("ギフト券は2枚使えますか。") == frozenset()


def test_forms_given_reads_causes_steps_and_times() -> None:
    assert CAUSE in forms_given("Parcels take longer because the ferry runs weekly.", "en")
    assert WAY in forms_given("On the sign-in page click Lost password.", "en")
    assert TIME in forms_given("The archive arrives within 12 hours.", "en")
    assert CAUSE in forms_given("各番号には利用期限があり、期限切れは使えません。", "ja")
    assert WAY in forms_given("ギフト券の番号はご注文画面の「ギフト券」欄に入力します。", "ja")
    # negatives: a fact without a cause, steps or a time gives none of them
    assert forms_given("Gift wrapping is offered on every order.", "en") == frozenset()
    assert forms_given("ギフト券は贈り物に最適です。", "ja") == frozenset()


def test_a_request_to_the_customer_is_the_way_asked_by_what_to_do() -> None:
    assert WAY in forms_given("Send us a photo of the damage within 7 days.", "en")
    assert WAY in forms_given("Please reply with your order number.", "en")
    assert WAY in forms_given("破損の場合は写真を添えてご連絡ください。", "ja")
    # negatives: a noun that can be a verb heading a statement; a thank-you
    assert WAY not in forms_given("Return shipping is free.", "en")
    assert WAY not in forms_given("Thank you for your patience.", "en")
    assert WAY not in forms_given("破損の場合は交換いたします。", "ja")


def test_where_to_read_about_something_wants_no_place() -> None:
    # its content answers it ("Where can I read your returns policy?" - "Returns are free")
    assert forms_wanted("Where can I read your returns policy?") == frozenset()
    assert forms_wanted("Where can I download the app?") == {WAY}  # negative: a place


def test_forms_missing_names_what_no_sentence_gives() -> None:
    wanted = frozenset({CAUSE, TIME})
    sentences = ["The archive arrives within 12 hours."]
    assert forms_missing(wanted, sentences, "en") == {CAUSE}
    assert forms_missing(frozenset(), sentences, "en") == frozenset()


def test_a_why_ask_the_article_gives_no_cause_for_is_deferred() -> None:
    # the article shares the ask's topic ("shop") and gives steps and a time, but no cause
    text = "My shop has been down for two hours. Why is my shop down?"
    draft = OfflineBackend().compose(_inputs("en", text, ("Why is my shop down?",), BACKUP))
    assert "open Tools and click Backup" not in draft
    assert "Back up your shop" not in draft  # not cited either
    assert "checking this with our team" in draft


def test_a_why_ask_gets_the_cause_sentence_of_the_article() -> None:
    # the cause sentence names the number, not the voucher the ask is about
    text = "メールで届いたギフト券が使えません。なぜ使えないのですか。"
    (sentences,) = _answers("ja", text, "なぜ使えないのですか。", VOUCHERS_JA)
    assert any("利用期限があり" in s for s in sentences)


def test_a_how_ask_gets_the_steps_sentence_even_sharing_no_word() -> None:
    # "reset" is in the link's validity, not in the steps: the steps answer "how"
    text = "I lost my password. How do I reset it?"
    (sentences,) = _answers("en", text, "How do I reset it?", LOGIN)
    assert any("click Lost password" in s for s in sentences)


def test_a_when_ask_is_not_answered_by_a_time_of_another_thing() -> None:
    # "two hours" says how long the shop was down, not what the ask is about: the backup
    # article's "within 12 hours" is no answer to when the shop is back
    data = Passage(
        "data",
        "Download your shop data",
        "To download your shop data, open Tools and click Download. The archive arrives by "
        "email within 12 hours.",
        None,
        None,
        0.0,
    )
    text = "My shop has been down for two hours. When will it be back?"
    draft = OfflineBackend().compose(_inputs("en", text, ("When will it be back?",), data))
    assert "within 12 hours" not in draft


def test_a_tie_between_articles_goes_to_the_one_whose_title_names_the_ask() -> None:
    codes = Passage("codes", "Discount codes", "Type a discount code at checkout.", None, None, 0.0)
    keys = Passage(
        "keys", "Security keys", "You can use a key or SMS codes to sign in.", None, None, 0.0
    )
    ask = "How do I use a discount code?"
    found = OfflineBackend().answers(_inputs("en", ask, (ask,), keys, codes))
    assert found[0].passage is not None and found[0].passage.article_id == "codes"


def test_a_cause_of_something_else_in_the_article_does_not_answer_why() -> None:
    text = "Why is gift wrapping offered on every order?"
    draft = OfflineBackend().compose(_inputs("en", text, (text,), GIFT_WRAP))
    assert "stock count" not in draft
    assert "Gift wrapping is offered" not in draft  # the fact gives no cause: deferred
    assert "checking this with our team" in draft


def test_answers_that_give_the_form_are_kept() -> None:
    # negatives: the check does not defer a why answered with a cause, a how with steps,
    # nor a yes/no ask
    why = "Why do parcels to the islands take longer?"
    (sentences,) = _answers("en", why, why, DELAYS)
    assert any("because the ferry" in s for s in sentences)
    how = "How do I back up my shop?"
    (sentences,) = _answers("en", how, how, BACKUP)
    assert any("click Backup" in s for s in sentences)
    polar = "Can I track parcels to the islands?"
    assert _answers("en", polar, polar, DELAYS)


# Times told by an event, not a number: the article answers "when".
RENEWAL = Passage(
    "renewal",
    "Price update",
    "Prices for new plans went up this spring. Current yearly plans keep their old price "
    "until renewal.",
    None,
    None,
    0.0,
)
NAME_JA = Passage(
    "nickname",
    "ニックネームの変更",
    "ニックネームはプロフィール画面で変更できます。新しいニックネームは次回ログイン時に表示されます。",
    None,
    None,
    0.0,
)


def test_a_time_told_by_an_event_gives_the_time() -> None:
    assert TIME in forms_given("Current yearly plans keep their old price until renewal.", "en")
    assert TIME in forms_given("Messages sync as soon as the app is opened again.", "en")
    assert TIME in forms_given("新しいニックネームは次回ログイン時に表示されます。", "ja")
    assert TIME in forms_given("年額プランは更新時まで現行の料金です。", "ja")
    # negatives: an event noun naming a place; a count before まで
    assert TIME not in forms_given("Type the code on the checkout page.", "en")
    assert TIME not in forms_given("補償は代金の20倍までです。", "ja")


def test_a_when_ask_answered_by_an_event_is_not_deferred() -> None:
    ask = "When will my yearly plan price change?"
    (sentences,) = _answers("en", ask, ask, RENEWAL)
    assert any("until renewal" in s for s in sentences)
    ask_ja = "ニックネームの変更はいつ反映されますか"
    (sentences,) = _answers("ja", ask_ja, ask_ja, NAME_JA)
    assert any("次回ログイン時" in s for s in sentences)


def test_what_to_do_with_doushite_is_the_way_not_why() -> None:
    # 「どうしておけばいいですか」 asks what to do; 「どうして届かないのですか」 asks why
    assert forms_wanted("来るまで、どうしておけばいいですか") == {WAY}
    assert forms_wanted("どうして届かないのですか") == {CAUSE}


def test_a_duration_in_the_ask_itself_names_its_topic() -> None:
    # the customer's stated "two hours" names no topic (above), but the asked "12 month" does
    plans = Passage(
        "plans",
        "Plans",
        "The 12-month plan costs $99. The 1-month plan costs $10.",
        None,
        None,
        0.0,
    )
    trial = Passage(
        "trial", "Free trial", "Every new account starts with a 30-day free trial.", None, None, 0.0
    )
    ask = "Is there a 12 month option?"
    found = OfflineBackend().answers(_inputs("en", ask, (ask,), trial, plans))
    assert found[0].passage is not None and found[0].passage.article_id == "plans"


def test_a_long_article_is_checked_in_linear_time() -> None:
    # each sentence's forms are read once, and the search stops at the first one giving it
    filler = " ".join(f"The widget archive is linked to order number {i}." for i in range(1500))
    big = Passage("big", "Widget archive", filler, None, None, 0.0)
    forms_given.cache_clear()
    ask = "Why is the widget archive broken?"
    OfflineBackend().compose(_inputs("en", ask, (ask,), big))
    reads = forms_given.cache_info()
    assert reads.misses <= 1500 + 10  # each sentence read at most once

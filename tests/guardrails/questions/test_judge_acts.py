"""The offline judge reads answers the way a support lead does (issue 8, item 2).

Counts answer how-many asks and lists answer which-asks; a request to act is answered by an
act, an offer, a refusal or steps, not by a policy statement; a sentence naming only the ask's
focus must give what is asked of it; lemmas and noun-verb pairs meet.
"""

import pytest

from guardrails.context import Article, GuardrailContext, Message
from guardrails.questions import Question
from guardrails.questions.answer_types import asked_types, supplied_types
from guardrails.questions.echo import answer_candidates
from guardrails.questions.judge import asks_for_action, kb_answers
from guardrails.questions.synonyms import lemma_terms, word_synonyms
from guardrails.sentences import split_sentences
from tests.guardrails.questions.judging import judge_status

KB_EN = (
    Article(
        id="returns",
        title="Returns and refunds",
        body="You can return unused items within 30 days of delivery. Refunds go back to the "
        "original payment method within 5 business days after we receive the item.",
    ),
)
KB_JA = (
    Article(
        id="password",
        title="パスワードの再設定",
        body="ログイン画面の「パスワードをお忘れの方」から再設定メールをお送りします。",
    ),
)


def _ctx(ask: str, articles: tuple[Article, ...] = ()) -> GuardrailContext:
    language = "ja" if any("\u3040" <= ch <= "\u9fff" for ch in ask) else "en"
    return GuardrailContext(
        messages=(Message(role="customer", body=ask),),
        customer_language=language,
        draft_language=language,
        articles=articles,
    )


@pytest.mark.parametrize(
    ("ask", "kind"),
    [
        ("How many seats does the Team plan include?", "@quantity"),
        ("Is there a maximum order size?", "@quantity"),
        ("1回に何枚まで印刷できますか", "@quantity"),
        ("Which cards do you take?", "@choice"),
        ("What kinds of gift boxes are there?", "@choice"),
        ("支払いは何が使えますか", "@choice"),
    ],
)
def test_asks_for_a_count_or_a_choice(ask: str, kind: str) -> None:
    assert kind in asked_types(ask)


@pytest.mark.parametrize(
    ("sentence", "kind", "supplied"),
    [
        ("Ten, and you can add more for $5 each.", "@quantity", True),
        ("You have 1,240 points left.", "@quantity", True),
        ("最大20枚までご利用いただけます。", "@quantity", True),
        # an id, a price or a time of day is no count
        ("Order 55102 has shipped.", "@quantity", False),
        ("It costs $12.", "@quantity", False),
        ("Visa, Mastercard and Amex.", "@choice", True),
        ("- Small\n- Medium\n- Large\n", "@choice", True),
        ("Visa・JCB・PayPayがご利用いただけます。", "@choice", True),
        # a sentence of clauses is no list
        ("Sorry, I checked, and it shipped.", "@choice", False),
        # an instruction opens with a verb; a noun that can be a verb heads no instruction
        ("Send the boots back within 30 days.", "@procedure", True),
        ("If it still fails, restart the app.", "@procedure", True),
        ("Return shipping is free for defective items.", "@procedure", False),
        ("Thank you for your patience.", "@procedure", False),
        ("Refunds go back to the card.", "@procedure", False),
        # "you can" tells how only with where or by what
        ("You can cancel any time.", "@procedure", False),
        ("You can cancel from Account > Plan.", "@procedure", True),
        ("アカウントの削除はマイページから行えます。", "@procedure", True),
        ("詳しくは「返品について」をご覧ください。", "@procedure", False),
        # a path through the screens, in either script; a placeholder's ">" is none
        ("「設定」→「ドメイン」で追加します。", "@procedure", True),
        ("<PERSON_1>様", "@procedure", False),
        # asking the customer to write back is no step
        ("If anything is unclear, just reply to this message.", "@procedure", False),
    ],
)
def test_answer_forms_a_reply_supplies(sentence: str, kind: str, supplied: bool) -> None:
    assert (kind in supplied_types(sentence)) is supplied


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        ("How many seats does the Team plan include?", "Ten, and extras are $5 each.", "answered"),
        ("Which cards do you take?", "Visa, Mastercard and Amex.", "answered"),
        ("支払いは何が使えますか", "Visa・JCB・PayPayがご利用いただけます。", "answered"),
        # a count somewhere else in the reply is not a list of choices
        ("Which cards do you take?", "Your order 4410 ships today.", "missing"),
    ],
)
def test_counts_and_lists_answer_their_asks(ask: str, draft: str, status: str) -> None:
    assert judge_status(ask, draft) == status


def test_requests_to_act_and_requests_to_be_told() -> None:
    assert asks_for_action(Question("q1", "Can you refund the duplicate charge?", "request"))
    assert asks_for_action(Question("q1", "返金をお願いします。", "request"))
    assert not asks_for_action(
        Question("q1", "Could you tell me how to start a return?", "request")
    )
    assert not asks_for_action(Question("q1", "返品方法を教えてください。", "request"))
    assert not asks_for_action(Question("q1", "Can you refund it?", "question"))


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # a policy statement on the topic does not do what was asked
        (
            "Can you refund the duplicate charge?",
            "Refunds go back to the original payment method within 5 business days.",
            "partial",
        ),
        ("Can you refund the duplicate charge?", "I've refunded the duplicate charge.", "answered"),
        # an offer, as the commitment guardrail reads one
        (
            "Can you send a new charger?",
            "I can pop a new charger in the post today, free of charge.",
            "answered",
        ),
        # a refusal with its reason
        (
            "Can you refund the duplicate charge?",
            "I'm afraid we can't refund it, as the second charge was a pre-authorisation.",
            "answered",
        ),
        # an instruction the customer can follow
        (
            "I would like a refund for the boots",
            "Send the boots back within 30 days and the refund reaches your card in 5 days.",
            "answered",
        ),
        # the company as the actor states what it does
        (
            "Can you cover the return postage?",
            "We cover the return postage for faulty items.",
            "answered",
        ),
        ("返金していただけますか。", "返金は商品到着後、7営業日以内に行います。", "partial"),
        ("返金していただけますか。", "本日、全額を返金いたしました。", "answered"),
        ("海外に発送してもらえますか。", "海外への発送は行っておりません。", "answered"),
        (
            "返送料は負担していただけますか。",
            "初期不良の場合の返送料は当社が負担します。",
            "answered",
        ),
        # the humble form makes the company the actor
        (
            "重複分を返金していただけますか。",
            "二重に請求された場合、重複分を元のカードに返金いたします。",
            "answered",
        ),
    ],
)
def test_a_request_to_act_is_answered_by_doing_it(ask: str, draft: str, status: str) -> None:
    assert judge_status(ask, draft, "request") == status


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # only the focus named, and no steps for a "how"
        ("How do I start a return?", "You can return unused items within 30 days.", "partial"),
        ("How do I start a return?", "Go to Orders > Return item and print the label.", "answered"),
        (
            "返品の申し込み方法を教えてください。",
            "14日以内であれば未使用品の返品を承ります。",
            "partial",
        ),
        (
            "返品の申し込み方法を教えてください。",
            "返品はマイページの注文履歴から申し込めます。",
            "answered",
        ),
    ],
)
def test_a_sentence_naming_only_the_focus_must_give_the_form_asked(
    ask: str, draft: str, status: str
) -> None:
    assert judge_status(ask, draft) == status


@pytest.mark.parametrize(
    ("ask", "draft"),
    [
        # an ask that is all focus has nothing else to name
        ("How do I cancel?", "You can cancel any time from Account > Plan."),
        # a focus phrase holding every word of the ask: the sentence names all of it
        (
            "ドメインの接続方法を教えてください。",
            "独自ドメインは「設定」→「ドメイン」でDNSの手順に従って接続します。",
        ),
    ],
)
def test_the_focus_rule_needs_a_word_besides_the_focus(ask: str, draft: str) -> None:
    assert judge_status(ask, draft) == "answered"


def test_a_deferral_quoting_the_ask_defers_it() -> None:
    draft = "「どうすればよいですか」につきましては、担当部署に確認のうえ、改めてご連絡いたします。"
    assert judge_status("どうすればよいですか。", draft, "request") == "pending"


def test_only_the_focus_of_a_longer_ask_is_no_kb_answer() -> None:
    app = Question("q1", "アプリにログインできません。", "problem")
    assert not kb_answers(app, _ctx(app.text, KB_JA))
    reset = Question("q1", "パスワードを忘れたのでログインできません。", "problem")
    assert kb_answers(reset, _ctx(reset.text, KB_JA))


def test_lemmas_and_noun_verb_pairs_meet() -> None:
    assert {"deliver", "price", "buy"} <= lemma_terms("I sent it, paid and bought more")
    assert "renew" in lemma_terms("renewal")
    assert "fine" not in lemma_terms("final")  # too short a stem to undo
    assert ((frozenset({"bought"}), frozenset({"buy"})),) == word_synonyms("bought")
    # "renewal" in the ask meets "Renew" in the steps
    assert (
        judge_status(
            "How do I stop the renewal?",
            'Switch off "Renew automatically" under Account > Plan.',
        )
        == "answered"
    )


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # an adverb between "I've" and the act
        (
            "i cant log in the code never arrives",
            "Sorry! Codes can take a minute. I've also sent a new code just now.",
            "answered",
        ),
        # the statement before a question tacked on to it answers the problem
        (
            "the checkout keeps saying my card is invalid",
            "That message usually means the billing postcode doesn't match; could you "
            "double-check it and try once more?",
            "answered",
        ),
        # opening a trace is looking into it, with the apology naming the problem
        (
            "My parcel says delivered but it isn't here.",
            "I'm sorry your parcel isn't there. I've opened a trace with the courier, and we'll "
            "get back to you within 2 working days.",
            "pending",
        ),
    ],
)
def test_problem_reports(ask: str, draft: str, status: str) -> None:
    assert judge_status(ask, draft, "problem") == status


def test_a_statement_before_a_tacked_on_question_is_a_candidate() -> None:
    draft = "It's fixed now; could you try again?"
    candidates = answer_candidates(
        split_sentences(draft), ["is it fixed"], lambda _: False, lambda _: False
    )
    assert [c.text if c else None for c in candidates] == ["It's fixed now", None]


def test_kb_policy_quote_is_no_answer_to_a_request_but_answers_the_question() -> None:
    draft = "You can return unused items within 30 days of delivery."
    assert (
        judge_status("Can I return unused items?", draft, "question", articles=KB_EN) == "answered"
    )
    assert (
        judge_status("Please refund my order 4410.", draft, "request", articles=KB_EN) != "answered"
    )


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # a description of a team is no deferral ...
        ("What are your support hours?", "Our support team is available 8 am to 8 pm.", "answered"),
        (
            "Can I talk to someone on the phone?",
            "Yes, our phone team is available 9 am to 5 pm.",
            "answered",
        ),
        # ... its act still to come is: progressive, future, or a handover
        (
            "Why was I charged twice?",
            "Our billing team is looking into the double charge.",
            "pending",
        ),
        (
            "Why was I charged twice?",
            "Our billing team will contact you about the charge.",
            "pending",
        ),
        (
            "Why was I charged twice?",
            "Our billing team will be in touch about the charge.",
            "pending",
        ),
    ],
)
def test_a_team_deferral_is_an_act_to_come_not_a_description(
    ask: str, draft: str, status: str
) -> None:
    assert judge_status(ask, draft) == status

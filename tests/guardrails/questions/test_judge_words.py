"""Answers the offline judge reads without the ask's own words (compounds, asks' forms)."""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question
from guardrails.questions.answer_types import asked_types, is_polar
from guardrails.questions.synonyms import hypernym_terms, lemma_terms
from guardrails.terms import en_terms
from tests.guardrails.questions.judging import judge_status


@pytest.mark.parametrize(
    ("ask", "draft", "status"),
    [
        # a Japanese compound holds the ask's word (クーポン in クーポンコード)
        (
            "クーポンの使い方を教えてください。",
            "クーポンコードはお支払い画面の欄に入力してください。",
            "answered",
        ),
        # one character inside another word is no match
        ("色は選べますか。", "景色の良いお部屋をご用意しております。", "missing"),
        # an embedded "where I can ..." asks for steps
        (
            "Please tell me where I can change my avatar?",
            "To update your avatar, open Profile, choose Photo and click Upload.",
            "answered",
        ),
        # "over a certain amount" asks for a price
        (
            "Let me know if delivery is free over a certain amount.",
            "Delivery costs $4 and is free on orders over $40.",
            "answered",
        ),
        # "wondering if I can" is a yes/no ask, and "You can ..." says yes to it
        (
            "I was wondering if I can still swap the blue mug I bought last month",
            "You can swap unused mugs within 60 days.",
            "answered",
        ),
        # "You can ..." says yes only to a "can I": here it answers nothing
        ("Is the desk lamp dimmable?", "You can order spare bulbs online.", "missing"),
        # the days of the week fall under the weekend asked about, not the other way round
        ("Is the library open at weekends?", "It opens 10 am to 4 pm on Saturdays.", "answered"),
        ("Is the library open on Saturdays?", "It opens at weekends too.", "missing"),
        ("土日も営業していますか", "土曜日は10時から17時まで営業しております。", "answered"),
        # "Do you <verb> ...?" answered by "We <verb> ..." (yes) or "We don't <verb> ..." (no)
        ("Do you frame posters bought elsewhere?", "We frame any print up to A1.", "answered"),
        ("Do you frame posters bought elsewhere?", "We don't frame anything over A1.", "answered"),
        # another verb is no yes: on the topic (frames), no more
        ("Do you frame posters bought elsewhere?", "We sell frames in six colours.", "partial"),
        # steps that name the thing asked about by a pronoun
        (
            "How do I duplicate a survey?",
            "Open it, click the three dots and choose Duplicate.",
            "answered",
        ),
        # ... but a pronoun beside another action does not make it this one's steps
        ("How do I duplicate a survey?", "Open it and click Share.", "partial"),
        # yes and no said in full: "It will", "It has", "Sorry, but ...", "Only if ..."
        ("Will the charger work with my tablet?", "It will, as long as it has USB-C.", "answered"),
        ("Has my refund gone through?", "It has: the money went back on Monday.", "answered"),
        # ... only the ask's own auxiliary: "It was ..." says nothing to "Is it ...?"
        (
            "Is the jacket waterproof?",
            "It was shipped yesterday, and it should arrive Friday.",
            "missing",
        ),
        (
            "Can I share my ticket with a friend?",
            "Sorry, but each ticket is for one named person.",
            "answered",
        ),
        (
            "Can my colleague edit the report?",
            "Only if you make them an editor under Sharing.",
            "answered",
        ),
        # where a thing is, or what has happened to it, answers a status ask
        (
            "Where's my replacement card?",
            "It was posted on Tuesday and is in transit now.",
            "answered",
        ),
        ("Where's my replacement card?", "Thanks for banking with us.", "missing"),
        # ... the status of another thing answers nothing
        ("Where's my refund?", "Your order was shipped on Monday.", "missing"),
        ("Where is my order?", "Your order was dispatched this morning.", "answered"),
        # the difference asked for, set side by side
        (
            "What's the difference between the Lite and Pro plans?",
            "Pro includes phone support, whereas Lite is email only.",
            "answered",
        ),
        (
            "スタンダードとプレミアムの違いは何ですか。",
            "プレミアムは4台まで視聴できるのに対し、スタンダードは1台のみです。",
            "answered",
        ),
        # what comes next takes its topic from the conversation: a plan or an act answers it
        (
            "What happens next?",
            "An adjuster will review the claim within five working days.",
            "answered",
        ),
        ("What are my options?", "We can post a new lid today or refund the kettle.", "answered"),
        ("What happens next?", "Thanks for your patience.", "missing"),
        # "There's ..." says yes to a yes/no ask
        ("Can I leave a note for the courier?", "There's a field for it at checkout.", "answered"),
        # the turn's only yes/no ask, met by a yes standing alone
        ("Do you see patients at weekends?", "We do: the clinic runs until noon.", "answered"),
        # "What's included?" wants the contents listed; "when I rent" asks no time
        (
            "What's included when I hire the tent?",
            "Poles, pegs, a groundsheet and a carry bag.",
            "answered",
        ),
        # "Can we ...?" is answered by "You can ..."
        ("Can we bring a cake to the party room?", "You can, as long as it's boxed.", "answered"),
        # "Done!" settles the turn's only request
        ("Please pause my box next week.", "Done! Nothing will be sent that week.", "answered"),
        # a Japanese yes/no ask naming the price is still a yes/no ask
        (
            "早めに返却したら料金は安くなりますか。",
            "申し訳ございませんが、早期返却による差額のご返金はしておりません。",
            "answered",
        ),
        # an event told as the cause (「…があり、」) answers a why-ask about the amount billed
        (
            "先月から請求額が上がっているのですが、なぜでしょうか。",
            "10月に料金改定があり、月額が1,200円となりました。",
            "answered",
        ),
        # an auxiliary with its verb left unsaid is a whole yes, a comma after it too
        ("Can I leave the site and come back in later?", "You can, any time.", "answered"),
        ("Yes, one last thing: can I park on site?", "You can, behind block B.", "answered"),
        # the only yes/no ask, met by a yes that goes on to particulars (a time, steps)
        (
            "Is there a quiet time at the campsite?",
            "Yes, we ask everyone to keep the noise down from 10 pm to 7 am.",
            "answered",
        ),
        # a yes drawn as the conclusion of the sentence answers the only yes/no ask
        (
            "Can I bring my own cake?",
            "Plating is £2 a head, so yes, you're welcome to.",
            "answered",
        ),
        # Japanese says it at the end of the sentence, with particulars (not the copula)
        ("駐車場はありますか。", "建物の裏に10台分ございます。", "answered"),
        ("駐車場はありますか。", "当店は駅から徒歩5分でございます。", "missing"),
        ("PayPalは使えますか。", "オーストラリアへの発送も可能です。", "missing"),
        # a fee named by its suffix (キャンセル料) asks for a price, which 無料 gives
        ("キャンセル料はかかりますか。", "前日までのキャンセルは無料です。", "answered"),
        # "What's the ...?" answered "It's <a value>": the pronoun is the thing asked about
        ("What's the deposit on the trailer?", "It's £150, back within 3 days.", "answered"),
        ("What's the deposit on the trailer?", "It's our busiest week.", "missing"),
        # "Do you have ...?" answered "We have ...", the ask's own verb, common as it is
        (
            "Do you have the 1970s atlas in stock?",
            "We have one copy left, and I can hold it for you.",
            "answered",
        ),
        # "Do I need to ...?" answered by whether it is needed
        ("Do I need to print my ticket?", "No need, just show the code at the gate.", "answered"),
        ("Do I need to print my ticket?", "The gates open at 6 pm.", "missing"),
        ("Do I need to bring ID?", "You'll need a photo ID at the door.", "answered"),
        # a rate answers "how often"; a size or a count answers "how big"
        ("How often do the gutters need clearing?", "Twice a year is plenty.", "answered"),
        ("How often do the gutters need clearing?", "We cover Leeds and York.", "missing"),
        ("How big is the function room?", "It seats 80 people, or 120 standing.", "answered"),
        ("What sizes does the parka come in?", "It comes in XS to XXL.", "answered"),
        # a refusal with its reason answers a request to act on a fee
        ("Can you waive the late fee?", "I'm afraid I can't, as the lender sets it.", "answered"),
        # a place or a condition after a yes/no ask frames it: the thing asked about comes
        # before it, and a reply on that thing is on the ask (partial, not missing)
        ("Are dogs allowed on the ferry?", "Small dogs travel free on a lead.", "partial"),
        ("Will I lose my points if I cancel?", "Points stay on your account.", "partial"),
        ("Do you ship to Canada?", "Shipping to France takes a week.", "missing"),
    ],
)
def test_answers_in_other_forms(ask: str, draft: str, status: str) -> None:
    assert judge_status(ask, draft) == status


def test_ask_forms() -> None:
    assert "@procedure" in asked_types("tell me where I can find my invoices")
    assert "@procedure" in asked_types("could you tell me how I can merge accounts")
    assert "@price" in asked_types("is it free over a certain amount")
    assert is_polar("I was wondering if I can pay by bank transfer")
    assert not is_polar("Please tell me whether the plan includes SSO, and whether it renews")


def test_an_agent_noun_meets_its_verb() -> None:
    assert en_terms("drive") <= lemma_terms("driver")
    assert en_terms("subscribe") <= lemma_terms("subscriber")
    # a word that is a verb itself keeps its own sense, and a short stem is no verb of it
    assert not lemma_terms("order") & en_terms("ord")
    assert not lemma_terms("dinner")


def test_narrower_words_say_the_wider_one_only() -> None:
    assert en_terms("weekend") <= hypernym_terms("We open on Sundays")
    assert not hypernym_terms("We open at weekends")


def test_a_humble_undertaking_settles_a_problem() -> None:
    ctx = GuardrailContext(
        messages=(Message(role="customer", body="届いたパンが潰れていました。"),),
        customer_language="ja",
        draft_language="ja",
        articles=(),
    )
    draft = "大変申し訳ございません。潰れていた分の代金を次回のご請求から差し引かせていただきます。"
    ask = Question("q1", "届いたパンが潰れていました。", "problem")
    (assessment,) = LexicalJudge().assess([ask], draft, ctx)
    assert assessment.status == "answered"
    # a closing formula and a promise to get in touch are no undertaking on the problem
    (closing,) = LexicalJudge().assess([ask], "今後ともよろしくお願いいたします。", ctx)
    assert closing.status == "missing"
    (deferred,) = LexicalJudge().assess([ask], "確認のうえ、ご連絡いたします。", ctx)
    assert deferred.status != "answered"

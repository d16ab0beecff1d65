"""English asks read from clause structure: small talk has no topic, problems need no '?'."""

import pytest

from guardrails.questions.asks_en import ask_kind_en, professes_ignorance_en
from guardrails.questions.extract import ask_kind


@pytest.mark.parametrize(
    "sentence",
    [
        "how is your day going",
        "what's up",
        "i'm not really sure",
        "who knows",
        "what you said is wrong",
        "yes please",
        "talk to you soon, bye",
        "how is it going my friend",
    ],
)
def test_small_talk_is_not_an_ask(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("can you say that again", "request"),  # asks the agent to act
        ("do you know when the sale ends", "question"),
        ("how do i change my address", "question"),
        ("is this possible", "question"),
        ("how are the fees calculated", "question"),
    ],
)
def test_asks_that_look_like_small_talk_stay_asks(sentence: str, kind: str) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "the app signs me out every time i switch apps",
        "top up is still pending",
        "contactless isn't working at the till",
        "the transfer was declined",
    ],
)
def test_problems_without_punctuation_or_first_person(sentence: str) -> None:
    assert ask_kind(sentence) == "problem"


@pytest.mark.parametrize(
    "sentence",
    [
        "quarterly reports were published in march",
        "the bridge was opened in 1932",
        "confirm the doors are locked",  # a command whose object holds a clause
    ],
)
def test_a_noun_heading_a_subject_is_not_a_command(sentence: str) -> None:
    expected = "request" if sentence.startswith("confirm") else None
    assert ask_kind(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a thing the customer has, a linking verb, a wrong state
        "My scanner is non-functional.",
        "my voucher was cancelled",
        "When I checked, my balance was unchanged and the order looked unsuccessful.",
        "I paid by invoice but my credit stayed the same.",
        # someone else acting on what is theirs
        "Somebody logged into my account from abroad.",
        "A purchase was made without my consent.",
        # an expectation that was not met
        "I was expecting the parcel by now.",
        "I only received 3 of the 5 items.",
        # excess, a charge met, a negated adjective said by the customer
        "My refund is taking forever.",
        "I see an unfamiliar debit on my statement.",
        "I got a fee for paying in euros.",
        # a headline report, paying beyond the due amount, an owner before a relative clause
        "loyalty payment rejected",
        "I was made to pay an additional ten dollars.",
        "The subscription fee I set up was reversed.",
    ],
)
def test_problem_reports_without_a_verb_of_trouble(sentence: str) -> None:
    assert ask_kind(sentence) == "problem"


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no fee to join the club.",  # a fee denied, not met
        "The festival was cancelled in 1998.",  # nothing of the customer's
        "The museum is open on weekdays.",
        "school of arts and design",  # a noun phrase, not a command
        "This is what i wanted to say.",  # a free relative, not a question
        "The birds which nest here are protected.",
        "when the river floods the valley turns green",  # a subordinate clause, no inversion
    ],
)
def test_statements_stay_statements(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("my tablet uses what type of charger", "question"),  # question word left in place
        ("shipping to canada takes how long", "question"),
        ("my subscription needs to be renewed", "request"),  # a passive need
        ("any tips for a first order", "request"),  # elided "are there any"
        ("Report stolen phone", "request"),  # a participle before the object
        ("I'm here to update my billing details.", "request"),
        ("Please call me at <PHONE_NUMBER_1>.", "request"),  # asks for a call
        ("You can call me to confirm the booking.", "request"),  # names an act to do
        ("cancel tomorrow's delivery", "request"),  # a possessive opens the object
    ],
)
def test_asks_read_from_structure(sentence: str, kind: str) -> None:
    assert ask_kind(sentence) == kind


def test_a_wish_after_and_does_not_split_the_sentence() -> None:
    from guardrails.questions.extract import asks_in

    asks = asks_in("I have a duplicate charge and would like it refunded.")
    assert [kind for _, kind in asks] == ["request"]


@pytest.mark.parametrize(
    "sentence",
    [
        "my booking still shows unpaid and it's been three days",  # time gone by
        "my badge reset even though i finished the course",  # a concession
        "the router keeps rebooting at night",  # a thing doing something again and again
        "yes i did, it's still offline",  # a failure that outlasts what was tried
        "Paid on Monday, still nothing.",  # what was waited for has not come
        "emailed twice and still no reply",
    ],
)
def test_problems_told_by_expectation_or_recurrence(sentence: str) -> None:
    assert ask_kind(sentence) == "problem"


def test_a_person_who_keeps_doing_something_is_a_story() -> None:
    assert ask_kind("he kept painting until dawn") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "i'm moving to spain in june will my policy still cover me",  # modal before subject
        "in lisbon, what are the best areas to stay",  # wh-clause after a comma
        "i've waited a week, am i going to get a reply",
        "must i bring my passport",
    ],
)
def test_questions_inside_longer_sentences(sentence: str) -> None:
    assert ask_kind(sentence) == "question"


@pytest.mark.parametrize(
    "sentence",
    [
        "when flooded the meadow turns into a lake",  # when/where without inversion
        "where x is the length of the side",
        "was formerly a mill on the river",  # an adverb, no subject after the auxiliary
        "see also the list of lighthouses",  # attention directed at the reader
        "note that the value is rounded",
        "like most valleys the region is dry",
        "summer festival in the old town",  # a noun first, then no object
        "network coverage map of the county",
        "let me know if you need anything else",  # an offer to the reader
        "You can reach me at <EMAIL_ADDRESS_1> or <PHONE_NUMBER_1>.",  # a way to reach the writer
        "feel free to call us on 0800 123 456 any time",
        "howdy, what's new",
        "we can't make it up",
        "i have to go now",  # leaving, said with function words only
        "talk to you tomorrow",
        "i suppose not",
        "i'm afraid not",  # function words only, nothing asked of anyone
        "i am not a trained chef",  # a negated identity is no failure
        "let me think",  # the speaker's own act
        "what's up bot",
        "he sighed and told them the news",  # a story: no base-form verb after "and"
        "i stayed at the inn saw my cousins there",  # "saw" is the past of "see", no command
    ],
)
def test_statements_and_offers_are_not_asks(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("see if my parcel has shipped", "request"),
        ("can you go ahead", "request"),
        ("what was that", "question"),  # function words only, but a question form
        ("i am not a member anymore but you billed me", "problem"),
        ("let me know", "request"),
        ("email maria and tell her the van is late", "request"),  # a coordinated command
        ("i'm flying to oslo on the 3rd remind me to pack", "request"),  # run on, no comma
        ("book a table for two", "request"),  # a mostly-noun word with an object commands
        ("when you travel abroad, do you need a new card", "question"),
        ("where in the app is the export button", "question"),
        ("let me know if you have any news about the fee", "question"),
    ],
)
def test_commands_and_questions_next_to_those_rules_stay(sentence: str, kind: str) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "was the",  # an article waits for its noun: a broken-off fragment
        "the harbour and",  # a coordinator waits for what it joins
        "is and lighthouse",  # a coordinator is no subject after a fronted auxiliary
        "is dead in winter",  # a predicate adjective with the subject left out
        "it is unclear how the bridge was financed",  # someone else's not knowing
        "historians wonder what the monks ate",
        "nobody recorded precisely when",  # a wh-word after an adverb closes nothing
        "out of where",
        "even his address is unknown",  # "even" is an adverb here, not a command
        "canal boats had flat bottoms",  # "had" after the opening noun: its verb
        "signal towers can be seen for miles",
        "is anybody around",  # calling out, asking nothing
        "what is up my friend",
        "no that is not what i meant",
        "the guide explains how long the climb takes",  # an embedded clause, not in place
        "you can only park there on weekdays",  # a rule stated, not a request
        "you should probably ask the landlord",  # an opinion
    ],
)
def test_fragments_and_reports_are_not_asks(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("transfer 25 pounds from savings into account a", "request"),  # "a" names an account
        ("is new zealand cheaper than australia", "question"),  # an adjective before a name
        ("i have no idea what time the branch opens", "question"),  # the customer's ignorance
        ("not sure how the fee is worked out", "question"),  # the knower left out
        ("my appointment is booked for when", "question"),  # a wh-word left in place
        ("the batteries in the remote are which size", "question"),
        ("for order 5521 what's the delivery date", "question"),  # a fronted phrase
        ("on the drive home is there a charging point", "question"),
        ("i'm needing a new charger for the laptop", "request"),
        ("My parcel is lost somewhere?", "problem"),  # a rising statement of trouble
        ("Is my parcel lost?", "question"),
        ("the charger has how many watts", "question"),  # "how many" left in place
        ("my balance is how low now", "question"),
        ("after the update, how many devices are supported", "question"),
        ("if i fly there in june is it hot", "question"),  # inversion after an if-clause
        ("how would i write thank you in italian", "question"),  # thanks mentioned, not given
        ("i'd like to add thank you to my wedding playlist", "request"),
    ],
)
def test_asks_read_through_their_clause(sentence: str, kind: str) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # an intent the customer set out on, then what went wrong: a problem report
        ("I wanted to renew online but the page kept timing out.", "problem"),
        ("we were trying to book a table, however the form would not submit", "problem"),
        # a present wish with a contrast still asks for the thing wished
        ("I want to upgrade my plan but keep my number.", "request"),
        # a past intent with no trouble after it is not turned into a problem
        ("I wanted to renew my pass this week.", "request"),
    ],
)
def test_a_thwarted_intent_is_a_problem(sentence: str, kind: str) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'm unsure what caused the double line on the invoice.", True),
        ("no idea what time the pool opens", True),
        ("We still have no clue where the voucher went.", True),
        ("Explain the double line on the invoice.", False),  # a wish to be told
        ("Why does the invoice show two lines?", False),
    ],
)
def test_professed_ignorance(sentence: str, expected: bool) -> None:
    assert professes_ignorance_en(sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # informing the agent: no embedded question of the customer's
        ("Letting you know the gate code changed, so your van can't get into the yard.", "problem"),
        ("Just letting you know we are away on business until Friday.", None),
        # the customer's own "let me know" still asks
        ("Could you let me know when the repair is done?", "request"),
    ],
)
def test_letting_you_know_informs(sentence: str, kind: str | None) -> None:
    assert ask_kind_en(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # a status reported from someone else, or of someone else's thing: no problem of theirs
        ("My cousin said the website still shows the old logo on her laptop.", None),
        ("My brother told me his account still shows the old plan.", None),
        # the customer's own thing, or the customer acted before it: a problem
        ("my parcel still says out for delivery", "problem"),
        ("We renewed last week, the app still says expired", "problem"),
    ],
)
def test_a_status_that_has_not_moved_is_a_problem_only_of_the_customers_own_thing(
    sentence: str, kind: str | None
) -> None:
    assert ask_kind_en(sentence) == kind

"""What kind of ask an English sentence is, read from its clause structure, not its punctuation.

Customers write "how do i cancel", "need a new card", "my card hasn't arrived yet" and expect an
answer to each. The sentence is read as:

* an interrogative clause: a wh-word opening a main clause ("what time does it open"), or a
  fronted auxiliary before a subject ("can i pay by invoice", "is the card still coming"),
  or an embedded question after a verb of knowing ("i want to know if", "no idea what time");
* a directive: an imperative (the clause opens with a verb in its base form, checked against
  the lemminflect lexicon, not a list of verbs), "please", or a first-person clause of desire,
  need or intent ("i'd like a refund", "i need to update my billing email");
* a problem report: the customer's own situation (first person) with a negated or failed state
  ("hasn't arrived", "can't log in", "was declined", "the rate on my statement is wrong").

Anything else (statements of fact, thanks, greetings) is not an ask.
"""

from __future__ import annotations

import itertools
import re

from lemminflect import getAllLemmas, getInflection

from guardrails.base import AskKind
from guardrails.questions.word_class import mostly_nominal
from guardrails.run_memo import per_run
from guardrails.terms import content_terms
from guardrails.text.word_class import is_known_word

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|,")
# Openers that do not change the clause: discourse markers and vocatives.
_LEAD = frozenset(
    ", so and but also ok okay oh um uh well hey hi hello howdy hiya btw then now yes no sorry "
    "actually just basically quick anyway plus lastly finally secondly firstly kindly still even"
    "".split()
)
_WH = frozenset(
    "what what's whats how how's hows when when's where where's wheres why which who who's "
    "whom whose".split()
)
_AUX = frozenset(
    "can could would will do does did is are was were have has should may might shall am must "
    "isn't aren't wasn't weren't don't doesn't didn't can't cannot couldn't won't wouldn't "
    "shouldn't haven't hasn't".split()
)
# The auxiliaries that open a yes/no question, for the modules that read a clause's opening.
QUESTION_AUXILIARIES = _AUX
# A subject after a fronted auxiliary ("can I", "is the card", "do you").
_SUBJECT = frozenset(
    "i you we it they he she there this that these those my your our the a an any "
    "someone anyone somebody anybody u".split()
)
_WHAT_TO_DO = re.compile(r"^what\s+(?:should|can|do|shall|must)\s+i\s+do\b|^what\s+now\b")
# A wh-word and a fronted auxiliary before a subject, anywhere: a main-clause question.
_WH_AUX = re.compile(
    r"\b(?:how(?:\s+(?:much|many|long|often|far|soon|old))?|what(?:\s+time)?|when|where|why|which|"
    r"who)\s+(?:will|would|can|could|should|must|do|does|did|is|are|am|was|were|has|have)\s+"
    r"(?:i|you|we|it|they|my|the|there|this|that|u)\b|"
    r"(?:^|,\s|\bso\s)(?:is|are|am|can|could|will|would|do|does|did|should|must|have|has|was|"
    r"were)\s+(?:i|you|it|we|they|there|u)\b|"
    # an inverted clause after an if-clause: "if i go there in may is it safe"
    r"\bif\s+(?:[a-z']+\s+){2,6}?(?:is|are|will|can|could|should|do|does|would)\s+"
    r"(?:i|you|it|we|they|there)\b(?!\s+(?:is|are|was|were|has|have)\b)|"
    # "how many" and its noun opening a clause after a comma: ", how many bags are allowed"
    r",\s(?:how\s+(?:many|much|long|often|far|soon))\s+(?:[a-z'-]+\s+){0,3}?"
    r"(?:is|are|was|were|do|does|did|can|could|will|would|should)\b|"
    # a wh-word opening a clause after a comma: "in austin, what are some things to do"
    # ("which"/"who" there open a relative clause: "mine, which is fine"; _WHICH_CLAUSE)
    r",\s(?:what|how|when|where)(?:'s|\s+(?:[a-z]+\s+)?(?:is|are|was|were|do|does|did|"
    r"can|could|will|would|should))\b|"
    # a modal before its subject after a clause with no comma: "i'm travelling to canada next
    # month will my plan work there"; a modal is never followed by a subject in a statement
    r"\b(?:will|would|can|could|should|shall)\s+(?:i|you|we|they|my|your|our)\s+"
    r"(?:[a-z]+\s+)?(?:be|work|get|have|need|still|also|ever|able)\b"
)
# "the red or the blue, which is better?": after a comma, "which"/"who" and a verb open a
# question only when the sentence asks (a question mark); "he borrows mine, which is fine" and
# "my aunt, who was a nurse, ..." add a relative clause to the noun before them.
_WHICH_CLAUSE = re.compile(
    r",\s(?:which|who)(?:'s|\s+(?:[a-z]+\s+)?(?:is|are|was|were|do|does|did|can|could|will|"
    r"would|should))\b"
)
# Without a question mark, "which" asks by its clause's structure, not by the noun after it:
# a modal or do/does with a verb ("which would suit a family of four", "which one do i need"),
# or a comparison between things ("which is sharper", "which works better"). A relative clause
# tells a fact about the noun before it ("which was on sale", "which would have cost more").
_COMPARISON = (
    r"(?:more|less|most|least|"
    r"(?!(?:under|over|after|never|ever|other|either|neither|later|rest)\b)[a-z]+(?:er|est))\b"
)
_WHICH_ASKS = re.compile(
    r",\s(?:which(?:\s+(?!was|were|is|are|has|had|have|i|we|you)[a-z]+)?\s+"
    r"(?:would|should|can|could|will|do|does)\s+(?!have\b|been\b|be\b)[a-z]+|"
    rf"which(?:\s+(?:one|ones))?\s+(?:is|are|[a-z]+s)\s+(?:the\s+|a\s+(?:bit|little)\s+)?"
    rf"{_COMPARISON}|"
    r"who\s+(?:should|do|does|can)\s+(?:i|we|u)\b)"
)
# A modal before "you" and a verb, after a clause before it with no comma or a conditional
# one: "if it's sold out by the time i get there could you keep one aside". A statement
# never puts the modal before its subject; "how could you ..." is read as a wh-question first.
_INVERTED_REQUEST = re.compile(r"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?[a-z]+")
_OBJECT_PRONOUNS = frozenset("me him her them us whom".split())
_PREPOSITIONS = frozenset("at in on for from to by with about".split())
_SUBJECT_PRONOUNS = frozenset("i you we it they he she there this that me my your".split())
_CLAUSE_LINKS = frozenset({","})
# Words after which a base-form verb is no new clause ("to alert", "will alert", "and alert").
_FUNCTION_BEFORE_VERB = frozenset(
    "to and or but then not never also just please can could would will should must may might "
    "let help make do did does don't didn't can't won't who which whom whose where when what "
    "why how if whether than as some any every each all both no the a an this that these those "
    "his her its their our your".split()
)
# The person a command is for: "tell him", "let her know", "send me".
_OBJECT_PERSON = frozenset("me him her them us".split())
_FIRST_PERSON = frozenset("i i'm i've i'd i'll me my mine we we're we've our us myself".split())
# Verbs of knowing or asking that take an embedded question ("tell me how", "no idea what").
# Not "letting you know": that informs the agent, it embeds no question of the customer's.
_EMBEDDED = re.compile(
    r"\b(?:(?<!let\syou\s)(?<!letting\syou\s)(?<!let\su\s)(?<!letting\su\s)know|knowing|"
    r"find out|understand|tell me|tell us|explain|ask(?:ing)?|wonder(?:ing)?|"
    r"idea|sure|confused|clarify|clarification|figure out|curious|unclear|show me|inquire|"
    r"enquire|inquiring|enquiring|info(?:rmation)? (?:on|about)|details (?:on|about))\b"
    r"(?:\W+\w+){0,4}?\W+"
    r"(?:what|how|when|where|why|which|who|whether|if|about|regarding|on)\b"
)
# Desire, need or intent in the first person: "i'd like", "we need", "i am looking to".
_DESIRE = re.compile(
    r"\b(?:i|we|i'd|we'd|i'm|we're|im|id)\s+(?:really\s+|just\s+|also\s+|still\s+|now\s+)?"
    r"(?:(?:may|might|will|'ll)\s+(?:really\s+|also\s+)?(?=need|want|have\s+to))?"
    r"(?:would\s+(?:really\s+|also\s+)?like|would\s+rather|'d\s+rather|'d\s+like|like\s+to|want(?:ed)?|wanna|need(?:ed)?|needing|wish|would\s+love|"
    r"'d\s+love|love\s+to|require|request|am\s+looking|looking|am\s+hoping|hoping|hope\s+to|"
    r"have\s+to|must|"
    r"am\s+interested|interested|plan\s+to|intend|would\s+prefer|prefer)\b|"
    r"\b(?:i'd|we'd|id)\s+(?:really\s+|also\s+|just\s+)?(?:like|love|prefer|appreciate|rather)\b|"
    r"\b(?:and|but|so)\s+(?:really\s+)?(?:want|need|would\s+like)\b|"
    # "lets" is "let's" written without its apostrophe; followed by an object ("the app only
    # lets me add one") it is the verb "let" of a third person, who asks nothing
    r"\b(?:let's|lets(?!\s+(?:me|you|u|him|her|them|us|people|users|customers)\b)|we\s+should|"
    r"i\s+should|i\s+gotta|we\s+gotta|i\s+have\s+to|i\s+must)\b|"
    # "you can only ...", "you should probably ...": a rule or an opinion stated, not asked
    r"^you\s+(?:can|could|may|should|must|need\s+to)\s+"
    r"(?!(?:not|only|probably|perhaps|maybe|usually|always|never|easily|often)\b)\w+|"
    r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+in\s+need\s+of\b|"
    r"\b(?:help|assistance)\s+(?:needed|wanted|required)\b|"
    r"^(?:help|assistance)\s+(?:with|in|on|for)\b|"
    r"(?:^|,\s)(?:need|needed|want|wanted|wanna|would\s+like|looking\s+for|looking\s+to|"
    r"hoping\s+to|requesting|request)\b|"
    r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:here|writing|contacting\s+you|reaching\s+out)\s+to\b|"
    r"\b(?:i|we)\s+(?:am\s+|'m\s+)?(?:asking|requesting)\s+(?:to|for|you)\b|"
    r"\b(?:need|needing|want|wanting|would\s+like|'d\s+like)\s+(?:you|u)\s+to\b|"
    r"\bhelp\s+(?:me|us)\b|\b(?:need|want|get|any)\s+(?:some\s+)?help\b|"
    r"\bis\s+there\s+(?:a|any)\s+way\b|\bhow\s+(?:can|do|could|should)\b|"
    # "it would be great if someone could call me back": a wish put as a condition on the shop
    r"\b(?:it\s+would|it'd|would\s+it)\s+be\s+(?:\w+\s+)?(?:great|good|helpful|lovely|nice|"
    r"appreciated|brilliant|ideal|wonderful|amazing|fantastic)\s+if\s+(?:you|u|someone|somebody|"
    r"one\s+of\s+you|your\s+\w+)\b"
)
# "I just wanted to say / let you know / thank you": informing, not asking.
_INFORMING = re.compile(
    r"\s+to\s+(?:say|thank|let\s+you\s+know|tell\s+you|share|inform\s+you|mention|update\s+you|"
    r"give\s+you\s+a\s+heads\s+up|confirm\s+that|report\s+back|follow\s+up\s+and\s+say)\b"
)
_GRATITUDE = re.compile(
    r"\b(?:thank|thanks|thx|appreciated?|grateful)\b(?!\s+(?:it\s+)?if\b)(?!\s+(?:it\s+)?(?:when|for\s+(?:any|some)))"
)
_WELLBEING = frozenset(
    "doing going ok okay well fine good alright today up treating life everything things new "
    "been lately feeling hanging day going on ai bot bandit you u ya".split()
)
_FUNCTION_WORDS = frozenset(
    ", how what what's whats is are am was were do does did have has the a an with to with for "
    "hi hello hey why so and it's its your you u ya s".split()
)
_VAGUE_TERMS = frozenset("sure believe really clue idea think said say thing false true".split())
# Words of the closed classes that small talk is made of: a sentence with nothing but these
# (and function words) names nothing to act on, so it asks nothing ("i don't know how to
# answer that", "that answer is not right", "yes please", "speak later, goodbye").
_POLARITY = frozenset(
    "yes yeah yep yup no nope nah affirmative negative right wrong true false "
    "agree disagree exactly indeed maybe perhaps possibly probably sure certain certainly "
    "definitely absolutely either neither both proper".split()
)
_EPISTEMIC = frozenset(
    "know knows knew knowing sure unsure certain idea clue foggiest think thought believe guess "
    "say said saying tell told answer answers statement mind decide decided undecided opinion "
    "mean meant means "
    "suppose "
    "reckon doubt".split()
)
_LEAVE_TAKING = frozenset(
    "bye goodbye byebye later soon see ya cya care easy night farewell ttyl go leave leaving "
    "talk chat catch tomorrow tonight".split()
)
_SMALL_TALK_CLASSES = _POLARITY | _EPISTEMIC | _LEAVE_TAKING
# What may stand beside them: pronouns, auxiliaries, negation, degree words, addressing.
_FILLER = frozenset(
    "i i'm i'd i've i'll me my you you're your u ya we us it it's that that's this what what's "
    "is are am was were be been do does did don't dont doesn't didn't can can't cant cannot "
    # every negated auxiliary, as "is not" reads once contracted (``_contracted``)
    "isn't aren't wasn't weren't hasn't hadn't shouldn't mustn't "
    "could couldn't would wouldn't will won't should must have has haven't havent gotta got "
    "to the a an of for about on in with so just really quite totally actually very not never "
    "really um uh oh well ok okay please let let's lets go ahead then now too all any "
    "there here again anymore way for able afraid ai bot friend whether if how how's hows who "
    "why like love want wish prefer hope take my mate buddy hi hey hello everything "
    # "that's all i needed": a need already met, with nothing named
    "need needed wanted "
    # light verbs and pronouns that carry no topic ("we can't make it up", "either of them")
    "make give up them of".split()
)
_VOCATIVES = frozenset("bot ai ya u man mate buddy friend".split())
_UP_TO = frozenset("up new happening going on good".split())
_GREETING = frozenset(
    "hi hello hey howdy hiya dear greetings morning afternoon evening good".split()
)
# Who a greeting calls out to: "hello there", "hi all", "hey guys".
_ADDRESSEES = frozenset("there all everyone anyone team guys folks support".split())
_PLEASE = re.compile(r"\b(?:please|pls|plz|kindly)\b")
# A negated or failed state: "hasn't arrived", "can't log in", "not working", "never came".
_NEGATED = re.compile(
    r"\b(?:not|never|no\s+longer|isnt|arent|wasnt|dont|doesnt|didnt|cant|wont|havent|hasnt|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|"
    r"cannot|couldn't|won't|wouldn't|haven't|hasn't|hadn't|shouldn't|nothing|nowhere|"
    r"unable|impossible|still\s+(?:waiting|awaiting|pending|hasn't|haven't|not|no)|yet\s+to)\b"
)
# Predicates of something gone wrong (participles and adjectives of failure or loss).
_FAILED = re.compile(
    r"\b(?:wrong|incorrect|missing|broken|broke|declined|rejected|refused|denied|failed|fails|"
    r"failing|failure|stuck|locked|blocked|frozen|suspended|lost|stolen|damaged|defective|"
    r"faulty|error|errors|bug|glitch|crash(?:es|ed|ing)?|charged|overcharged|double[- ]charged|"
    r"twice|duplicate|inaccurate|bad|billed|extra|stole|bogus|unauthori[sz]ed|fraud(?:ulent)?|hacked|compromised|expired|late|delayed|"
    r"disappeared|vanished|reverted|bounced|returned|problem|issue|trouble|disputed|pending|"
    r"stopped|keeps|kept|unrecogni[sz]ed|recogni[sz]e|weird|strange|odd|mistake|mistakenly|"
    r"accidentally|incomplete|empty|slow|overdue|lag(?:ging)?|down|waiting|problems|issues|"
    r"difficulty|difficulties|troubles|forgot|forgotten|unsuccessful|exceeded|"
    r"suspicious|mysterious|random|unknown|unhappy|unfamiliar|unusual|unexpected|forget|"
    r"decline|incorrectly|wrongly|ruined|cracked|snapped|bent|torn|scratched|burnt|melted|"
    # "i've been trying to log in": an attempt told is one that has not worked
    r"trying|attempting|"
    r"shattered|messed|struggling|duplicated|repeated|cancell?ed|reversed|"
    r"more\s+than\s+once|(?:multiple|several|many)\s+times)\b|"
    # A fee or charge the customer met ("i got a fee", "my statement shows a charge"), not
    # "no fee", "free of charge" or "in charge of".
    r"(?<!\bno\s)(?<!\bany\s)(?<!\bin\s)(?<!\bof\s)\b(?:fee|fees|charge|charges|surcharge)\b"
    r"(?!\s+of\b)(?!-free)"
)
# The things a customer owns or has with the shop: the subject or object of a problem report.
_CUSTOMER_OBJECT = (
    r"(?:app|card|cards|payment|payments|transfer|transfers|account|order|package|parcel|"
    r"refund|charge|charges|transaction|transactions|site|website|login|code|pin|passcode|"
    r"password|top[- ]?up|delivery|item|exchange\s+rate|rate|fee|fees|balance|statement|"
    r"purchase|withdrawal|deposit|atm|money|funds|cash|price|bill|extra|debit|contactless)"
)
_THIRD_PERSON_CUSTOMER = re.compile(
    rf"\b(?:the|this|that|it|its|your)\s+(?:[a-z]+\s+)?{_CUSTOMER_OBJECT}\b"
)
# "a transfer", "there is a fee", "one of my orders": an account event named
# indefinitely concerns the customer as much as "my transfer" does.
_INDEFINITE_CUSTOMER = re.compile(
    r"\b(?:a|an|one|two|some|there(?:\s+(?:is|are|was|were)|'s))\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:payment|payments|transfer|transfers|charge|charges|transaction|transactions|refund|"
    r"fee|fees|withdrawal|withdraw|debit|top[- ]?up|card|cards|cash)\b"
)
# "on my statement", "to my account": a movement of money recorded where the customer looks.
_ON_RECORD = re.compile(
    r"\b(?:fee|fees|charge|charges|payment|payments|transaction|transactions|debit|withdrawal|"
    r"transfer|deposit)\b.*\b(?:on|in|to|from)\s+(?:my|our)\s+(?:[a-z]+\s+)?"
    r"(?:statement|account|card|bill|balance|app|history)\b|"
    # "i have a fee", "there was a charge", "i had to pay a fee": a charge the customer met.
    r"\b(?:i|we|there)\s+(?:\w+\s+){0,3}?(?:have|had|has|see|saw|got|get|noticed|found|is|was|"
    r"are|were|pay|paid)\s+(?:(?!no\b|not\b|any\b|never\b)\w+\s+){0,2}?"
    r"(?:fee|fees|charge|charges)\b"
)
# Someone other than the customer acting on what is theirs: "someone took my card",
# "strangers are paying with my visa", "an order placed without my permission".
_THIRD_PARTY = re.compile(
    r"^(?:i\s+think\s+|i\s+believe\s+|i\s+suspect\s+)?(?:that\s+)?"
    r"(?:someone|somebody|some\s+one|people|a\s+stranger|strangers|a\s+thief|hackers?)\b"
    r"(?:\s+else)?.*\b(?:my|our|me)\b|"
    r"\bby\s+(?:someone|somebody)\b|"
    r"\bwithout\s+(?:my|our|any|prior|me\s+giving)?\s*(?:permission|consent|knowledge|"
    r"authori[sz]ation|approval|agreement)\b|\bunbeknownst\s+to\s+me\b"
)
# A span of time, its number in figures or words, a half added ("three and a half weeks").
_SPAN = (
    r"(?:a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"several|a\s+few|few|a\s+couple\s+of|couple\s+of)\s+(?:and\s+a\s+half\s+)?(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|hours?|fortnights?)"
)
# An expectation the customer held that was not met: "i was expecting my card by now", "i
# got less than i asked for", "the rate should have been different".
_COUNTER_EXPECTATION = re.compile(
    r"\b(?:by\s+now|at\s+this\s+point|should\s+(?:have|'ve)\s+(?:been|\w+ed|\w+en)|"
    r"(?:was|were|is|are)\s+supposed\s+to|"
    r"(?:less|more|fewer|different|other)\s+(?:\w+\s+){0,2}?than\s+(?:what\s+)?"
    r"(?:i|we|was|were|expected|requested|asked)|"
    r"instead\s+of|(?:i|we)\s+(?:was\s+|were\s+|am\s+|'m\s+)?(?:expecting|expected)|"
    # a shortfall: "i only got $20", "was only given", "got less cash"
    r"only\s+(?:\w+\s+)?(?:got|get|given|gave|received|dispensed)|"
    r"(?:got|given|gave\s+me|received)\s+(?:only|less|fewer)|"
    r"(?:i|we)\s+thought\s+(?:i|we|it|my|the)\b.*\bwould|"
    # a concession: "my streak reset even though i did a lesson"
    r"even\s+though|even\s+if\s+i|although\s+(?:i|we)|despite|"
    # time gone by: "it's been two weeks", "for over two weeks now"
    r"(?:it'?s|it\s+has)\s+been\s+(?:over\s+|more\s+than\s+|almost\s+|nearly\s+)?"
    rf"{_SPAN}|"
    # a wait still going on: "we have waited two and a half hours", "i've been waiting a
    # fortnight" ("i waited two weeks for the results" tells a story, over)
    r"(?:i|we)(?:'ve|\s+have)\s+(?:now\s+)?(?:been\s+)?wait(?:ed|ing)\s+(?:for\s+)?"
    r"(?:over\s+|more\s+than\s+|almost\s+|nearly\s+)?"
    rf"{_SPAN}|"
    # a state that has not moved on: "my order still says processing"
    r"(?:my|our)\s+(?:[a-z-]+\s+){1,2}still|"
    # what is told set against what it usually is: "my bill said 32.40, it's usually 28"
    r"(?<=,\s)(?:it'?s|it\s+is|they'?re|they\s+are)\s+(?:usually|normally|always)\s+[$£€]?\d+)\b"
)
# A thing doing something again and again on its own: "internet keeps dropping", "the
# thermostat keeps switching the heating on". Said of a person ("he kept staring") it is a
# story; the subject must be a thing, and short.
_KEEPS_DOING = re.compile(
    r"^(?:the\s+|my\s+|our\s+|this\s+|your\s+)?(?!(?:he|she|they|i|we|you|people|everyone)\b)"
    r"(?:[a-z-]+\s+){1,2}?(?:keeps|kept)\s+(?:on\s+)?[a-z]+ing\b"
)
# A headline report: "transfer declined", "phone is gone", "unsupported top up failed".
_HEADLINE = re.compile(
    rf"^(?:[a-z-]+\s+)?(?:{_CUSTOMER_OBJECT}|phone|wallet|purse)\s+(?:was\s+|is\s+|got\s+|has\s+been\s+)?"
    r"(?:declined|cancell?ed|failed|rejected|reversed|stuck|blocked|frozen|gone|missing|lost|"
    r"stolen|pending|duplicated|showing\s+up\s+(?:\w+\s+)?times)\b"
)
# Paying more than was due: "an extra dollar was billed", "i was made to pay an additional
# pound": a verb of charging or paying with an amount beyond the due one.
_PAID_EXTRA = re.compile(
    r"\b(?:charged|charge|pay|paid|billed|debited|taken)\b.*\b(?:extra|additional|more\s+than|"
    r"twice|double)\b|\b(?:extra|additional)\s+(?:\w+\s+)?(?:was|were|got)\s+"
    r"(?:charged|billed|taken|debited)\b"
)
# Excess: "taking too long", "too expensive", "taking forever" (English 過ぎる).
_EXCESS = re.compile(
    r"\btoo\s+(?!many\s+thanks|much\s+(?:for|trouble))[a-z]|"
    r"\btaking\s+(?:so\s+|too\s+|a\s+(?:very\s+|really\s+)?)?(?:long|forever|ages|while)\b"
)
# "I have a question (for you)", "can I ask something": announces an ask, is not one.
_META = re.compile(
    r"^(?:i\s+(?:have|got|had)\s+(?:a|one|another|some|few|a\s+few|two|three)\s+(?:more\s+|quick\s+|"
    r"small\s+|little\s+)?(?:question|questions|query|queries|thing|things)|"
    r"(?:can|could|may)\s+i\s+ask\s+(?:you\s+)?(?:a|some|something|another)(?:\s+(?:quick|"
    r"small|few))?(?:\s+(?:question|questions|thing))?|"
    # "quick question for you" ("quick" is dropped as a lead word, like "just", "so")
    r"(?:(?:quick|one\s+more|another|a)\s+)?(?:question|thing)|"
    r"are\s+you\s+(?:there|around|a\s+(?:bot|robot|human|real\s+person))|"
    r"is\s+(?:any|some)(?:one|body)\s+(?:there|around|here|available|online)|"
    # "is this the right email for course questions", "am i writing to the correct team": the
    # customer checks the channel they write through, then asks (or not) what they came for
    # (a postal address or a phone number is checked only as the channel for questions: "is
    # this the right address for returns" asks where to send them)
    r"(?:is\s+this|am\s+i\s+(?:writing|talking|speaking)\s+to|have\s+i\s+(?:got|reached))\s+"
    r"(?:the\s+)?(?:right|correct)\s+(?:(?:email|e-mail|inbox|department|team|person|place|"
    r"channel|contact|people)(?:\s+address)?"
    r"(?:\s+(?:to\s+(?:ask|write|contact|send|reach)|for)\b(?:\s+[\w'-]+){0,4})?|"
    r"(?:address|number)\s+(?:to\s+(?:ask|write|send|call)|for)\b(?:\s+[\w'-]+){0,3}?\s+"
    r"(?:questions|queries|enquiries|inquiries|help|support)))"
    r"(?:\s+(?:for\s+you|for\s+u|here|today|now|about\s+\w+))?\W*$"
)
# An offer made to the reader, as agents close: "let me know if you need anything else", "feel
# free to reach out if you have any questions". It is about the reader's needs, not the writer's.
_OFFER = re.compile(
    r"^(?:please\s+)?(?:let\s+(?:me|us)\s+know|feel\s+free|do\s+not\s+hesitate|don't\s+hesitate|"
    r"just\s+let\s+(?:me|us)\s+know)\b.*\bif\s+you\s+(?:need|want|have|require)\s+"
    r"(?:anything|something)(?:\s+else)?(?:\s+from\s+(?:me|us))?\W*$|"
    r"^.*\bif\s+you\s+(?:need|want|have|require)\s+any\s+(?:more\s+|other\s+|further\s+)?"
    r"(?:questions|help|assistance|information\s+from\s+(?:me|us))\W*$"
)
# A way to reach the writer, offered with a permissive modal: "you can reach me at ...", "feel
# free to call us on ...". It tells the reader how to get in touch; nothing waits on an answer.
# ("Please call me at ..." asks for a call, and "you can call me to confirm" names an act: both
# stay asks.)
_CONTACT_OFFER = re.compile(
    r"^(?:you\s+(?:can|could|may)(?:\s+(?:also|always|still))?|(?:please\s+)?feel\s+free\s+to)\s+"
    r"(?:reach|contact|call|phone|ring|email|e-mail|text|message|write\s+to|find)\s+(?:me|us)"
    r"(?:\s+(?:at|on|via|by|through|any\s*time|after|before|during|between|from)\b.*)?$"
)
# Up to two describing words before the time a sign-off wishes ("a lovely sunny day"): no
# determiner, number or particle, which would make the noun after them the object of an act.
_DESCRIBING = (
    r"(?:(?!(?:this|that|next|one|the|some|every|any|out|look|think|go)\b)[a-z]+\s+){0,2}?"
)
# The clause ends after the time wished: the sentence ends, a comma, or "and thanks", "too".
_CLAUSE_ENDS = (
    r"(?:\s+(?:home|back|off|ahead))?(?=\s*$|\s*,|\s+(?:too|all|everyone|guys|folks|x+)\b|"
    r"\s+and\s+(?:thanks|thank|cheers|take|enjoy|see|speak|talk)\b)"
)
# Thanks and sign-offs that merely carry a verb ("thanks for helping", "appreciate it").
_THANKS = re.compile(
    r"^(?:(?:many\s+)?thanks?|(?:best|kind|warm|warmest)\s+(?:regards|wishes)|thank\s+you|thx|ty|cheers|appreciate\s+it|much\s+appreciated|"
    # "have a lovely day", "have a good one", "enjoy your weekend": wishes for the reader's
    # time. The time named ends the clause and only describing words come before it: "have a
    # look this weekend please" and "have a plumber out one day next week" ask for an act
    rf"have\s+a\s+{_DESCRIBING}(?:day|weekend|evening|night|week|one|time|holiday|"
    rf"christmas|easter|trip|flight|journey|break|summer|sunday|year){_CLAUSE_ENDS}|"
    rf"enjoy\s+(?:the|your)\s+{_DESCRIBING}(?:day|weekend|evening|holiday|break|summer)"
    rf"{_CLAUSE_ENDS}|"
    r"have\s+a\s+(?:good|great|nice)(?:\s+(?:one|day|weekend|evening))?\s*(?:$|,)|"
    r"talk\s+soon|see\s+you|bye|goodbye|great|perfect|awesome|"
    r"got\s+it|sounds\s+good|no\s+worries|all\s+good|ok(?:ay)?)\b"
)
# "let me know", "tell me", "send me": imperative verbs addressed to the agent are checked
# against the lexicon, but these are auxiliary-like and ambiguous as nouns at the start.
_NOT_IMPERATIVE = frozenset(
    "thanks thank hope love hate like while cheers sorry please welcome regards best kind looks "
    "seems sounds guess wish ok okay great good "
    # negated modals written without the apostrophe ("cant read the number"), never the verbs
    # "cant" (tilt) and "wont" (be used to) a customer would command
    "cant wont".split()
)


# A dash or a colon between words links clauses as a comma does ("quick q - whats the max").
_DASH = re.compile(r"\s[-–—:]\s|:\s")


# Full forms read as their contractions: "does not switch off" is "doesn't switch off", "I
# would like" is "i'd like". The rules name one form or the other; a customer writes either.
_NOT_CONTRACTED = re.compile(
    r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must)\s+not\b|"
    r"\b(can)(?:\s+not|not)\b|\b(will)\s+not\b"
)
_WOULD_CONTRACTED = re.compile(r"\b(i|we)\s+would\b(?!\s+not\b)")
_IRREGULAR_NOT = {"can": "can't", "will": "won't"}


def _contracted(text: str) -> str:
    """Lower-case ``text`` with curly apostrophes straight and full forms contracted."""
    text = text.lower().replace("’", "'")
    if "not" in text:
        text = _NOT_CONTRACTED.sub(
            lambda m: (
                f"{m.group(1)}n't" if m.group(1) else _IRREGULAR_NOT[m.group(2) or m.group(3)]
            ),
            text,
        )
    if "would" in text:
        text = _WOULD_CONTRACTED.sub(r"\1'd", text)
    return text


def _words(text: str) -> list[str]:
    return _WORD.findall(_DASH.sub(" , ", _contracted(text)))


@per_run(keep=is_known_word)
def can_open_imperative(word: str) -> bool:
    """True when ``word`` (lower case) can open an imperative ("refund", "send", "move", "open").

    A base-form verb in the lemma lexicon, less the auxiliary-like openers of
    ``_NOT_IMPERATIVE``; unlike ``text.word_class.is_base_verb``, a word far more often an
    adjective still qualifies.
    """
    if word in _NOT_IMPERATIVE or "'" in word or word.isdigit():
        return False
    if word == "do":
        return True  # "do me a favour": after a subject it was read as a question already
    lemmas = getAllLemmas(word)
    verb = lemmas.get("VERB", ())
    if word not in verb:
        return False
    # A word that is far more often an adjective or determiner ("last", "open") still reads
    # as an imperative at the start of a sentence ("open an account"): only auxiliaries and
    # words the lexicon knows solely as something else are excluded above.
    return "AUX" not in lemmas


def _opening(words: list[str]) -> list[str]:
    """The words after discourse markers and vocatives ("so", "hi", "ok")."""
    i = 0
    while i < len(words) - 1 and words[i] in _LEAD:
        i += 1
    return words[i:]


_PLAIN_SUBJECT = frozenset("the a an his her their its he she they these those".split())


def _interrogative(words: list[str], text: str) -> AskKind | None:
    if not words:
        return None
    first = words[0]
    second = words[1] if len(words) > 1 else ""
    if first in _PREPOSITIONS and second in _WH:
        first, second = second, words[2] if len(words) > 2 else ""  # "at what age can ..."
    if _WHAT_TO_DO.match(" ".join(words)):
        return "request"  # "what should i do": asks the shop to act or to say what to do
    if first == "why" and second == ",":
        return None  # "why, hello there": an interjection
    if first in _WH:
        # "when i tried to pay, ..." / "where we live ..." open a subordinate clause.
        subordinate = "'" not in first and second in {"i", "we", "i'm", "i've", "we're"}
        # "when the river floods ...": when/where before a plain subject, no inversion
        subordinate = subordinate or (first in {"when", "where"} and second in _PLAIN_SUBJECT)
        # "when wet its colour is dark", "where n is the number of rows": a question
        # opening with when/where inverts (an auxiliary next) or is an infinitive ("where to")
        subordinate = subordinate or (
            first in {"when", "where"}
            and second not in _AUX | _PREPOSITIONS
            and second not in {"to", "else"}
        )
        if not subordinate or text.endswith("?"):
            return "question"
        # the main clause may still ask: "when you go to germany, do you need a converter"
        if _WH_AUX.search(text) or _EMBEDDED.search(text) or _asks_which(text):
            return "question"
        return None
    third = words[2] if len(words) > 2 else ""
    if first == "have" and not text.endswith("?") and (second in {"a", "an"} or _causative(words)):
        # "have a look at it", "have a taxi sent", "have someone look at it": an imperative
        return "request"
    if first in _AUX and _can_be_subject(second) and not _predicate_first(first, second, third):
        if second in {"you", "u"} and first in {"can", "could", "would", "will"}:
            return "request"
        if first in {"can", "could", "may"} and second == "i" and len(words) > 2:
            return "request" if words[2] in {"get", "have", "receive", "request"} else "question"
        return "question"
    return "question" if _question_inside(words, text) else None


# The person made to act after a causative "have": "have someone", "have them", "have the
# driver"; a subject pronoun ("have you", "have they") makes a question instead.
_CAUSEE_START = frozenset("someone somebody them him her us me the your our my".split())


def _causative(words: list[str]) -> bool:
    """A causative "have", someone, a bare verb: "have someone look at it", "have them ring".

    In a question "have" is followed by a subject and a participle ("have the drivers been
    paid", "have the results come back": "come" is a participle too); in the causative the
    first verb after the person is a base form only.
    """
    if not words[1:2] or words[1] not in _CAUSEE_START:
        return False  # "have you sent it", "have into site be"
    for word in words[2:6]:
        if word in {"is", "are", "was", "were", "been", "be", ","}:
            return False
        lemmas = getAllLemmas(word).get("VERB", ())
        if not lemmas or word in {"someone", "somebody", "them", "him", "her", "us", "me"}:
            continue  # still the person: "have someone", "have the driver"
        if word not in lemmas:
            return False  # an inflected verb: "have the results arrived"
        participle = any(word in getInflection(lemma, "VBN") for lemma in lemmas)
        return not participle and "AUX" not in getAllLemmas(word)
    return False


def _asks_which(text: str) -> bool:
    """A "which"/"who" clause after a comma that asks.

    With a question mark any such clause asks; without one only a "which" heading a noun or
    a modal before a subject ("i need a mattress, which one is best", ", which would you
    recommend"): "mine, which is fine" and "my aunt, who was a nurse" add to a noun.
    """
    if text.endswith("?"):
        return bool(_WHICH_CLAUSE.search(text))
    return bool(_WHICH_ASKS.search(text))


def _inverted_request(words: list[str], text: str) -> bool:
    """A request whose modal comes before "you" after a clause that sets it up.

    "if the bread is sold out could you keep a loaf aside", "we're away on friday can you
    send it before": the modal before its subject marks the main clause as the ask; a
    wh-word just before it ("what could you do") makes it a question, read elsewhere.
    """
    match = _INVERTED_REQUEST.search(text)
    if match is None or match.start() == 0 or _exclaims(text, match.end()):
        return False
    verb = match.group(0).split()[-1]
    before = text[: match.start()].split()
    return (
        can_open_imperative(verb)
        and bool(before)
        and before[-1] not in _WH
        and before[-1] not in {"thank", "if", "that", "as", "than", "nor"}
    )


# "can you believe ...", "would you look at that ...": the modal and "you" before a verb of
# wonder or a look at something shown ask nobody to act; they exclaim.
_LOOK_AT_SHOWN = re.compile(r"\s+at\s+(?:that|this|these|those)\b")


def _exclaims(text: str, verb_end: int) -> bool:
    """True when an inverted "can you ..." clause is an exclamation, not a request.

    The sentence ends in "!" (with no "?"), or its verb is one of wonder ("can you believe
    they upgraded us") or a look at something shown ("would you look at that sunset").
    """
    stripped = text.rstrip()
    if stripped.endswith("!") and "?" not in stripped:
        return True
    verb = text[:verb_end].split()[-1]
    if verb in {"believe", "imagine"}:
        return True
    return verb == "look" and bool(_LOOK_AT_SHOWN.match(text, verb_end))


def _question_inside(words: list[str], text: str) -> bool:
    """A question not at the sentence's start: embedded, after a fronted phrase, in place.

    "no idea what time it opens", "for order 55 what's the status", "if i order today how
    long will it take", "my delivery date is what".
    """
    if _EMBEDDED.search(text) and not _knower_is_other(words, text):
        return True
    return (
        _fronted_phrase_question(words)
        or any(_opens_question(_opening(c)) for c in _clauses(words)[1:])
        or bool(_WH_AUX.search(text))
        or _asks_which(text)
        or _final_wh(words)
        or _wh_in_situ(words)
    )


# Who may be the one not knowing in an embedded question: the customer, or the agent asked.
_ASKING_PERSONS = _FIRST_PERSON | frozenset("you u your im id ive i'll".split())
# Words that may stand before a verb of knowing with the knower left out: "no idea what",
# "not sure if", "just curious how".
_ELLIPTIC_KNOWER = frozenset("no not just really still so also quite kind of kinda any".split())


def _knower_is_other(words: list[str], text: str) -> bool:
    """True when an embedded question is someone else's ("it is unclear how", "experts wonder").

    The customer asks through a verb of knowing about their own ignorance ("i don't know if",
    "no idea what time") or the agent's knowledge ("do you know when"); said of a third party
    it reports, it does not ask.
    """
    if _ASKING_PERSONS & set(words) or _PLEASE.search(text):
        return False
    match = _EMBEDDED.search(text)
    before = [w for w in _words(text[: match.start()]) if w != ","] if match else []
    return bool(before) and not set(before) <= _ELLIPTIC_KNOWER | _LEAD


# Pronouns that make a fronted auxiliary a question at once ("is there", "do you", "will it").
_PRONOUN_SUBJECTS = frozenset("i you we it they there u".split())


def _fronted_phrase_question(words: list[str]) -> bool:
    """A question after a fronted prepositional phrase: "on the way to work is there traffic".

    The phrase (a preposition and at most five words, no verb of its own) sets the scene; the
    clause after it opens with a wh-word and an auxiliary ("for flight dl123 what's the
    status") or an auxiliary before a pronoun subject ("is there", "do you").
    """
    if not words or words[0] not in _PREPOSITIONS:
        return False
    for k in range(2, min(len(words) - 1, 7)):
        word, nxt = words[k], words[k + 1]
        if word in {"what's", "whats", "where's", "when's", "how's"}:
            return True
        # "which"/"who" after the phrase's noun open a relative clause ("the move which was")
        if word in _WH - {"which", "who", "whom", "whose"} and nxt in _AUX:
            return True
        if word in _AUX and nxt in _PRONOUN_SUBJECTS:
            return True
        if word == "," or _only_finite(word):
            return False
    return False


# Wh-words that open a question in a later clause; where/when/which/who there are relative.
_CLAUSE_WH = frozenset("what how why what's whats how's hows".split())


def _opens_question(clause: list[str]) -> bool:
    """A later clause that is a question: "quick q, whats the max weight", ", how do i ..."."""
    if len(clause) < 3 or clause[0] not in _CLAUSE_WH:
        return False
    return "'" in clause[0] or clause[0].endswith("s") or clause[1] in _AUX


def _final_wh(words: list[str]) -> bool:
    """A question word closing the sentence after a verb: "my delivery date is what".

    After a preposition or an adverb ("out of when", "nobody recorded precisely when") the wh-word
    opens a clause that was broken off, not a question left in place.
    """
    if len(words) < 2 or words[-1] not in _WH:
        return False
    before = words[-2]
    if before in {",", "but", "and", "so"}:
        return True  # "there's a hold on my account, but why": an elliptic question
    if before in _PREPOSITIONS | _OBJECT_PRONOUNS and len(words) > 2:
        before = words[-3]  # "scheduled for when", "you charged me what"
    return before in _AUX or ("VERB" in getAllLemmas(before) and before not in _PREPOSITIONS)


# Pronouns and determiners after "what": "is what i want" is a free relative, not a question.
_NOT_QUESTIONED = _SUBJECT | _OBJECT_PRONOUNS | _AUX | {"happened", "else"}
_HOW_DEGREE = frozenset("many much long low high far old soon often big large".split())


# Words after "how long/low/..." that open the clause of an embedded question ("how long it
# takes", "how much the fee is") rather than continue a question left in place.
_EMBEDDED_CLAUSE_START = (
    _SUBJECT | _AUX | frozenset("he she that if whether what which who more less".split())
)


def _left_in_place(degree: str, after: str) -> bool:
    """True when "how <degree>" asks in place: "has how many points", "is how big exactly".

    After "how many/much" comes the noun counted (the lexicon knows some plurals only as a
    form it cannot lemmatise, "calories"); after "how long/low/..." a phrase ("to mail",
    "on air", "before they turn"). A subject or an auxiliary after it opens an embedded
    clause instead.
    """
    if after in _EMBEDDED_CLAUSE_START:
        return False
    if degree in {"many", "much"}:
        return set(getAllLemmas(after)) <= {"NOUN", "VERB"}
    return True


def _wh_in_situ(words: list[str]) -> bool:
    """A question word left in place after the verb: "the charger takes what kind of plug".

    "the fee is how many euros" asks too. "what" must head a noun ("what limit"); a
    pronoun after it ("is what i want") makes a free relative, which asks nothing.
    """
    for k in range(1, len(words) - 1):
        word, nxt = words[k], words[k + 1]
        if words[k - 1] in {"of", "and", "or", ","}:
            continue
        if word == "how" and nxt in _HOW_DEGREE:
            # "takes how long", "is how many euros"; not "how many are" (embedded)
            after = words[k + 2] if k + 2 < len(words) else ""
            if not after or _left_in_place(nxt, after):
                return True
        # "which" after a noun opens a relative clause ("clubs which host"), after most verbs
        # an embedded question ("determines which procedures"); after a finite "be" it is a
        # question left in place ("the sizes in stock are which ones")
        which_in_place = word == "which" and words[k - 1] in _FINITE
        if (word == "what" or which_in_place) and nxt not in _NOT_QUESTIONED:
            if "NOUN" in getAllLemmas(nxt) and not nxt.endswith("ing"):
                return True
    return False


# Words that show a verb's object is a thing acted on ("send me 2", "move my 10am"), not a
# label's number ("order 4471").
_ACTED_ON = frozenset("me my it us our the a an your them this that".split())
_LINKS = frozenset("and or of into onto by than per".split())
# Nouns that name an identifier: "order number 4471", "booking ref 55" (the first word is the
# label's noun, not a verb acting on it).
_ID_NOUNS = frozenset("number no num ref reference id code".split())


def _reference_label(words: list[str]) -> bool:
    """True for a name and its number, not a command: "order 4471", "bib number 2231".

    Up to four words ending in one that holds a digit (a "here" after it names the writer:
    "plot 14b here"), with no pronoun or article that would open an object ("send me 2
    copies" and "order 2 more" end in a word, so they still command).
    """
    body = words[:-1] if words and words[-1] == "here" else words
    if (
        len(body) >= 3
        and can_open_imperative(body[0])
        and body[1] not in _ID_NOUNS
        and "NOUN" in getAllLemmas(body[1])
    ):
        # "Cancel order 4471.", "Track parcel 99812": a verb acting on a named thing; "order
        # HS-2041" (a code's letters, no noun) and "order number 4471" stay labels
        return False
    return (
        2 <= len(body) <= 4
        and any(ch.isdigit() for ch in body[-1])
        and not _ACTED_ON & set(body)
        # "turn the heating up to 21", "multiply 7 and 42": a preposition or a link joins an
        # argument to a verb; a label is nouns and its number
        and not (_PREPOSITIONS | _LINKS) & set(body[1:-1])
        and not any(ch.isdigit() for w in body[1:-1] for ch in w)
    )


def _imperative(words: list[str]) -> bool:
    """A clause opening with a base-form verb that is not the subject of the next word.

    "return may take a week" and "further they are shipped" open with words the lexicon also
    knows as verbs, but a modal, an auxiliary or a subject pronoun after them shows they are a
    subject or an adverb, not a command.
    """
    if len(words) < 2 or not can_open_imperative(words[0]):
        return False  # a lone word ("team", "thanks") is a vocative or a fragment
    second = words[1]
    if _reference_label(words):
        return False  # "Order 4471.", "bib number 2231", "plot 14b here": a label, no command
    if words[0] in _ATTENTION and second not in _OPENS_QUESTION:
        # "see attached", "see also the list below", "note that ...": the writer points the
        # reader at something; "see if my card has been sent" asks.
        return False
    if (
        mostly_nominal(words[0])
        and second not in _OBJECT_START | _PARTICLES
        and not second[0].isdigit()
    ):
        # "harbour museum in eastern canada", "winter lights festival": a word used
        # mostly as a noun, then no object, heads a noun phrase ("book a table" still commands)
        return False
    if second not in _OBJECT_START and _finite_before_clause(words[1:]):
        return False  # "support arrangements were finalised": a noun heading the subject
    # "cancel tomorrow's delivery": a possessive noun opens the object; "it's" is "it is".
    possessive = second.endswith("'s") and second[:-2] not in _CONTRACTED_SUBJECTS
    if second in _AUX or second in _SUBJECT_PRONOUNS or (second.endswith("'s") and not possessive):
        return second in {"me", "it", "this", "that", "my", "your", "the", "a", "an", "there"}
    lemmas = getAllLemmas(second)
    # "then smith realised ...": a second word known only as a finite verb form is a
    # subject's verb, so the first word was not a command. A past participle that is not also
    # the past tense ("replace broken charger") modifies the object instead.
    finite = (
        "VERB" in lemmas
        and second not in lemmas["VERB"]
        and len(lemmas) == 1
        and not second.endswith("ing")
        and not (
            # "replace broken charger": the participle before a noun modifies it
            _participle_only(second, lemmas["VERB"][0])
            and len(words) > 2
            and "NOUN" in getAllLemmas(words[2])
        )
    )
    return not finite and second != "of"  # "terms of service": a noun, not a command


# Verbs that direct the reader's attention, and the words after them that turn them into a
# request to find something out ("see if", "see whether", "see what").
_ATTENTION = frozenset({"see", "note", "cf", "nb"})
_OPENS_QUESTION = frozenset("if whether what when where which who how why".split())
# Particles and prepositions right after a verb ("top up", "check in", "book for two").
_PARTICLES = frozenset(
    "me us myself yourself ourselves up out off in on down to for with about back over away".split()
)
_CONTRACTED_SUBJECTS = frozenset("it that what there he she here who where how let".split())


def _participle_only(word: str, lemma: str) -> bool:
    """True for a past participle distinct from the past tense ("stolen", not "stole")."""
    return word in getInflection(lemma, "VBN") and word not in getInflection(lemma, "VBD")


# Finite forms of be/do/have: after a would-be imperative verb and before any word that opens
# a subordinate clause, they show the first word heads a subject ("time zones are ..."), since
# a command's own verb is the only finite verb of its clause ("check if my card is blocked").
# with the negated form of each ("has not" reads "hasn't" once contracted)
_FINITE = frozenset(
    "is are was were has does did isn't aren't wasn't weren't doesn't hasn't didn't".split()
)
_OPENS_CLAUSE = frozenset(
    "if whether when where what why how who which that because since so and or but while "
    "until after before as i you we they he she it there".split()
)


# Words that open a command's object: after them a finite verb belongs to a clause inside it
# ("confirm the parcel is insured", "make sure my booking is there").
_OBJECT_START = frozenset(
    "the a an my your our his her their this that these those me us him them it some any all "
    "sure".split()
)


# A modal or "had/have" after a noun is that noun's verb ("batch files had ...", "link
# configurations can be ..."), never a command's object.
_FINITE_AFTER_NOUN = frozenset("had have will would can could should must may might".split())


def _finite_before_clause(words: list[str]) -> bool:
    for k, word in enumerate(words):
        if word in _OPENS_CLAUSE or word == ",":
            return False
        if word in _FINITE or (0 < k <= 3 and _only_finite(word)):
            return True
        if 0 < k <= 3 and word in _FINITE_AFTER_NOUN:
            return True
    return False


@per_run(keep=is_known_word)
def _only_finite(word: str) -> bool:
    """A verb form that can only be finite: "represents", "began".

    Not "exits" (a noun too) nor "made" (also a participle). After such a form, the
    sentence's first word was a noun heading the subject ("shipping resumed"), not a
    command.
    """
    lemmas = getAllLemmas(word)
    if set(lemmas) != {"VERB"}:
        return False
    lemma = lemmas["VERB"][0]
    past = word in getInflection(lemma, "VBD") and word not in getInflection(lemma, "VBN")
    return past or (word in getInflection(lemma, "VBZ") and word != lemma)


def _clauses(words: list[str]) -> list[list[str]]:
    """The word lists of the clauses after ", " / "and" / "then" / "so" boundaries."""
    out: list[list[str]] = []
    current: list[str] = []
    for word in words:
        if word in _CLAUSE_LINKS and current:
            out.append(current)
            current = []
            continue
        current.append(word)
    if current:
        out.append(current)
    return out


# Words that cannot open a subject: prepositions and the non-finite forms of "be".
_NOT_SUBJECT = frozenset(
    "of for from after before into onto with without by at in on to than as been being be "
    "not and or but nor".split()
)


def _can_be_subject(word: str) -> bool:
    """True for a word that can open the subject after a fronted auxiliary ("are fees ...")."""
    if word in _SUBJECT or word.endswith("'s"):
        return True
    if word in _WH or word in _NOT_SUBJECT:
        return False  # "was which 1968", "is been", "was of": no subject after the auxiliary
    lemmas = getAllLemmas(word)
    if set(lemmas) == {"ADV"} or word in {"much", "only", "more", "most"}:
        return False  # "was previously a clerk", "is much more reliable": an adverb, no subject
    return (
        bool(word) and word not in _OBJECT_PRONOUNS and word not in _AUX and not word.endswith("ed")
    )


def _predicate_first(aux: str, word: str, after: str) -> bool:
    """A fronted "is/was" with a predicate adjective and no subject: "is interesting to know".

    A statement with its subject left out, not a question; an adjective before a noun
    ("are bad habits ...", "is new caledonia ...") opens the subject, and "is open" (also
    a verb) keeps its question reading.
    """
    if aux not in {"is", "was", "are", "were"}:
        return False
    lemmas = getAllLemmas(word)
    if not lemmas or not set(lemmas) <= {"ADJ", "ADV"} or not mostly_nominal(word):
        return False
    following = set(getAllLemmas(after))
    # a word the lexicon does not know after the adjective is a name: "is new caledonia ..."
    return not after or after in _NOT_SUBJECT or bool(following) and following <= {"ADJ", "ADV"}


# "my licence needs to be renewed", "an invoice has to be corrected": a passive obligation on
# the customer's thing asks the shop to do it.
_PASSIVE_NEED = re.compile(
    r"\b(?:needs?|has|have|must|requires?)\s+(?:to\s+)?(?:be\s+\w+(?:ed|en)|verification|"
    r"activation|activating|cancell?ing|cancell?ation|replacing|replacement|fixing|changing)\b"
)

# "the cable needs to be replaced", "this renewal needs to stop": need + to, said of a thing.
_NEEDS_DOING = re.compile(r"\bneeds?\s+to\s+(?:be\s+\w+(?:ed|en)|stop|change)\b")
# "any tips for a faster checkout", "any discounts": an elided "are there any ...?".
_ANY_FRAGMENT = re.compile(r"^any\s+(?:\w+\s+)?(?:\w+s|help|info|news|advice|luck)\b")


# A third party's words told by the customer: "the dentist said", "my vet told me", "he
# says". What follows is what that person said, not the customer asking the shop.
_REPORTING = re.compile(
    r"^(?:the|my|our|his|her|their|a)?\s*(?:[a-z]+\s+){0,2}?(?:said|says|told\s+(?:me|us)|"
    r"tells\s+(?:me|us)|reckons|thinks|recommended|suggested|advised(?:\s+(?:me|us))?)\s+"
)
_REPORTERS_NOT = frozenset("i we you u i'd we'd i've we've".split())


def reports_others_words_en(sentence: str) -> bool:
    """True for a need told in a third party's words ("The dentist said I need a crown").

    Beside an ask about it, it is that ask's background (extract folds it); alone it still
    asks ("My wife said we need to cancel the booking.").
    """
    text = " ".join(_opening(_words(_contracted(sentence).strip())))
    desire = _DESIRE.search(text)
    return desire is not None and _reported(text, desire.start())


def _reported(text: str, at: int) -> bool:
    """True when the clause at ``at`` is a third party's words ("the dentist said i need ...").

    The reporting verb opens the sentence with a subject that is neither the customer nor
    the shop; a "you", "please" or question mark after it still asks the shop.
    """
    match = _REPORTING.match(text)
    if match is None or match.end() > at:
        return False
    subject = set(text[: match.start() + len(match.group(0))].split()[:3])
    if subject & _REPORTERS_NOT:
        return False
    rest = text[match.end() :]
    return not (_PLEASE.search(rest) or {"you", "u", "your"} & set(_words(rest)) or "?" in rest)


# A wish inside the subject: a noun, a relative clause "we want" / "i need" (no "that"), then
# the main verb be ("the fabric we want is the green velvet", "the size i need is a 10"). The
# sentence says what the thing is; the wish only picks the thing out. Only a clause that ends
# there: "the fabric we want is out of stock, can you order it" asks after its comma.
_WISH_IN_SUBJECT = re.compile(
    r"^(?:the|this|that|which|one)\s+(?:[a-z0-9-]+\s+){0,3}?(?:i|we)\b\s*(?:really\s+)?"
    r"(?:want(?:ed)?|need(?:ed)?|'d\s+like|'d\s+prefer|like|prefer|chose|picked|ordered)\s+"
    r"(?:is|are|was|were|'s)\b(?![^,;]*[,;]\s*(?:can|could|would|will|please|do|is)\b)"
)


def _directive(words: list[str], text: str) -> bool:
    if _PLEASE.search(text):
        return True
    if _inverted_request(words, text):
        return True  # "if it's sold out could you keep one aside for me"
    if _ANY_FRAGMENT.match(text) and not _FINITE & set(words):
        return True
    owned = bool({"my", "our"} & set(words)) or bool(
        _THIRD_PERSON_CUSTOMER.search(text) or _INDEFINITE_CUSTOMER.search(text)
    )
    if (owned or _NEEDS_DOING.search(text)) and _PASSIVE_NEED.search(text):
        return True
    desire = _DESIRE.search(text)
    subject = _WISH_IN_SUBJECT.match(text)
    if desire is not None and subject is not None and desire.start() < subject.end():
        # "the fabric we want is the green velvet": that wish names the subject; one in a
        # later clause still asks ("the size we ordered is a 10, and we need it exchanged")
        desire = _DESIRE.search(text, subject.end())
    needs = desire is not None and "need" in desire.group(0)
    if desire and (needs or not _INFORMING.match(text, desire.end())):
        return True
    if _imperative(words):
        return True
    # "i'm travelling next week, tell the branch": a command in a later clause.
    # A figure right after it ("…, number 55120") shows a noun, not a command.
    if any(
        _imperative(c) and not c[1][0].isdigit()
        for c in (_opening(c) for c in _clauses(_words(text))[1:])
    ):
        return True
    return _coordinated_command(words) or _run_on_command(words)


def _coordinated_command(words: list[str]) -> bool:
    """A command joined by "and"/"then" to an opening command: "text sam and tell him i'm late".

    The verb after the link must be in its base form and take a person ("tell him", "send me
    the file"), so a story ("he sighed and told them") is no command; the opening verb may be
    one the lexicon knows only as a noun ("text", "email").
    """
    if not words or words[0] in _SUBJECT_PRONOUNS:
        return False
    for k in range(1, len(words) - 2):
        if words[k] in {"and", "then"} and can_open_imperative(words[k + 1]):
            if words[k + 2] in _OBJECT_PERSON:
                return True
    return False


def _run_on_command(words: list[str]) -> bool:
    """A command run on after a first-person statement with no comma.

    "i'm flying to lima next week alert my bank": after the statement, a base-form verb
    right after a noun, a name or a figure (not after "to", a modal, a subject or a word that
    can be a verb itself) and before the customer's own thing ("my", "me", "it") opens a new
    clause, a command.
    """
    if not words or words[0] not in {"i", "i'm", "i've", "i'll", "im", "we", "we're"}:
        return False
    for k in range(3, len(words) - 1):
        before, verb, after = words[k - 1], words[k], words[k + 1]
        if after not in {"my", "me", "it", "our", "us"} or not can_open_imperative(verb):
            continue
        if getAllLemmas(verb).get("VERB", (verb,)) != (verb,):
            continue  # "saw" is also the past of "see"
        if before in _FUNCTION_BEFORE_VERB or before in _AUX or before in _SUBJECT_PRONOUNS:
            continue
        lemmas = getAllLemmas(before)
        # a noun that is no verb ("flight", "5th"), or a name the lexicon does not know ("lima")
        if before[0].isdigit() or not lemmas or set(lemmas) == {"NOUN"}:
            return True
    return False


# Something that happens again and again to the customer: "the app logs me out every time i
# close it", "it signs me out whenever i switch apps".
_RECURRING = re.compile(
    r"\b(?:every\s+(?:single\s+)?time|each\s+time|whenever|all\s+the\s+time|constantly|"
    r"always|again\s+and\s+again|over\s+and\s+over|every\s+(?:day|morning|night))\b"
)
# After a negated finite verb, the verbs of a thing doing its job ("the scanner isn't working").
_FUNCTIONING = re.compile(
    r"^(?:work|worked|working|works|arriv\w*|load\w*|show\w*|go|going|went|gone|open\w*|"
    r"respond\w*|updat\w*|accept\w*|process\w*|com(?:e|ing)|clear\w*|sync\w*)$"
)


# The failure states of a thing, unambiguous after "is/was" ("was declined", "is stuck"); the
# wider _FAILED list also holds words ("returned", "kept", "twice") that only tell a problem
# when the customer is in the sentence.
_FAILED_STATE = frozenset(
    "wrong incorrect missing broken declined rejected refused denied failed failing stuck "
    "locked blocked frozen stolen lost damaged defective faulty pending overcharged "
    "unauthorized unauthorised inaccurate disappeared vanished duplicated offline kaput".split()
)


# A negative quantifier right after "still": what was expected has not come ("still nothing",
# "still no refund", "still none").
_STILL_ABSENT = frozenset({"nothing", "no", "none"})


def _still_failing(words: list[str]) -> bool:
    """A failure that outlasts what was tried or waited for.

    "yes twice, it's still offline"; "ordered on tuesday, still nothing".
    """
    return any(
        w == "still"
        and (
            any(x in _FAILED_STATE for x in words[k + 1 : k + 3])
            or (k + 1 < len(words) and words[k + 1] in _STILL_ABSENT)
            or (k + 2 < len(words) and words[k + 1] in _SHOWS_STATUS and _own_status(words, k))
        )
        for k, w in enumerate(words)
    )


def _own_status(words: list[str], still: int) -> bool:
    """True when the "still" clause at ``still`` tells a status of the customer's own thing.

    Its subject is theirs ("my booking still shows unpaid"), or the customer acted in the clause
    before it ("i paid on monday and it still says processing"). A clause reported from someone
    else is not ("my friend said the app still says beta on his phone").
    """
    start = max((j for j in range(still) if words[j] in _STILL_CLAUSE_OPENERS), default=-1)
    if start >= 0 and words[start] in _REPORTED:
        return False
    if _FIRST_PERSON & set(words[start + 1 : still]):
        return True
    return start >= 0 and words[start] not in {"that"} and words[0] in {"i", "we"}


# Words a "still" clause opens after: a link to the clause before, or a verb reporting it.
_REPORTED = frozenset("said says told tells thinks thought reckons claims heard".split())
_STILL_CLAUSE_OPENERS = frozenset({",", "and", "but", "so", "that"}) | _REPORTED


# Verbs by which a screen or a record shows a status ("still says processing").
_SHOWS_STATUS = frozenset("says shows reads saying showing".split())


def _subject_fails(words: list[str]) -> bool:
    """A short subject, then a finite verb stating failure: "top up is still pending"."""
    for k, word in enumerate(words[:6]):
        if word in _OPENS_CLAUSE or word == ",":
            return False
        if word in _FINITE or word in {"did", "didn't", "isn't", "doesn't", "hasn't", "wasn't"}:
            if k == 0:
                return False
            tail = words[k : k + 4]
            negated = any(_NEGATED.search(w) for w in tail)
            return any(w in _FAILED_STATE for w in tail) or (
                negated and any(_FUNCTIONING.match(w) for w in tail)
            )
    return False


# States of a thing the customer has that are wrong only when it is theirs ("my top-up was
# cancelled", "my plan is expiring"): too common in plain statements for _FAILED_STATE.
_OWNED_STATE = frozenset(
    "cancelled canceled reversed reverted gone exposed compromised hacked expired expiring "
    "expire short off different used taken dead empty same misplaced slow late charged "
    "unsuccessful".split()
)
# Predicates that link an owned subject to its state: be, seem and the verbs of staying.
_LINKING = frozenset(
    "is are was were has have had seems seem seemed looks look looked appears appear appeared "
    "got gets remained remains stayed stays keeps kept 's been being".split()
)
_NEGATIVE_PREFIX = re.compile(r"^(un|non|mis|in|im|il|ir)-?([a-z]{4,})$")


@per_run(keep=is_known_word)
def _negative_adjective(word: str) -> bool:
    """A negated adjective or participle by its prefix: "unsuccessful", "invalid", "misplaced".

    The stem must itself be an adjective ("usual", "valid") or, after un-/non-/mis-, a past
    participle ("authorized", "placed"); "interesting" or "united" have no such stem.
    """
    match = _NEGATIVE_PREFIX.match(word)
    if match is None:
        return False
    prefix, stem = match.groups()
    own = getAllLemmas(word)
    if own and "ADJ" not in own and not word.endswith(("ed", "en")):
        return False
    lemmas = getAllLemmas(stem)
    if prefix in {"in", "im", "il", "ir"}:
        # "invalid", "illegal"; not "inside" or "intense", whose stems are also nouns or verbs
        return set(lemmas) == {"ADJ"}
    if "ADJ" in lemmas:
        return True
    verb = lemmas.get("VERB", ())
    return prefix in {"un", "non", "mis"} and bool(verb) and stem in getInflection(verb[0], "VBN")


# Words that end the subject of a later clause: "i tried to pay but my money was gone".
_CLAUSE_BREAK = _OPENS_CLAUSE - {"that", "it", "they", "there"} | {",", "then"}
_STAYING = frozenset("remained remains stayed stays still".split())


def _owned_state(words: list[str]) -> bool:
    """An owned subject, a linking verb, then a wrong state: "my contactless is non-functional".

    The subject (the words since the last clause break, at most five) holds "my"/"our" or
    names a customer object ("the card", "a transfer"), or is "it" in a sentence about one;
    the state is one of _FAILED_STATE or _OWNED_STATE, or a negated adjective
    ("unsuccessful", "non-functional"); "the same" only after a verb of staying.
    """
    start = 0
    sentence_owned = bool({"my", "our"} & set(words)) or bool(
        _THIRD_PERSON_CUSTOMER.search(" ".join(words))
        or _INDEFINITE_CUSTOMER.search(" ".join(words))
    )
    for k, word in enumerate(words):
        if word in _CLAUSE_BREAK:
            start = k + 1
            continue
        if word not in _LINKING or not 0 < k - start <= 5:
            continue
        subject = words[start:k]
        joined = " ".join(subject)
        # "an order i placed was refunded": the relative clause breaks the subject, so
        # the owner is looked for a few words further back too
        window = " ".join(words[max(0, k - 6) : k])
        owned = (
            bool({"my", "our"} & set(subject))
            or bool(_INDEFINITE_CUSTOMER.search(window) or _THIRD_PERSON_CUSTOMER.search(window))
            or bool(_THIRD_PERSON_CUSTOMER.search(joined) or _INDEFINITE_CUSTOMER.search(joined))
            or (subject in (["it"], ["they"]) and sentence_owned)
        )
        tail = words[k + 1 : k + 5]
        wrong = any(
            w in _FAILED_STATE
            or (w in _OWNED_STATE and w != "same")
            or w == "non"
            or _negative_adjective(w)
            for w in tail
        ) or ("same" in tail and bool(_STAYING & {word, *tail} or "but" in words[:k]))
        if owned and wrong:
            return True
    return False


# Damage and defects of a physical thing: a dent, a crack, a stain, a leak, a peeling or sagging
# surface, a thing that jams or squeaks. They tell a problem when the customer or the shop is in
# the sentence ("our tent has a tear in it", "the mattress you delivered is sagging") or, with
# neither named, when the customer's own message is around it (``reports_defect_en``). A plain
# noun is read only where a state is told of it ("has a crack", "a big dent").
_DEFECT = re.compile(
    r"\b(?:dented|dents?|cracks?|cracking|cracked|scratch(?:es)?|scratched|scuff(?:s|ed)?|"
    r"stains?|stained|chipped|leak(?:s|ing|ed|y)?|peel(?:ing|ed|s)|sagg(?:ing|ed)|sags|"
    r"rust(?:y|ed|ing)?|mou?ld(?:y)?|ripped|frayed|fraying|faded|fading|discolou?r(?:ed|ation)|"
    r"warped|shrunk|shrank|dripping|burst|smashed|jammed|jams|squeak(?:s|ing|y)|rattl(?:es|ing)|"
    r"flooded|flooding|snapped|bent|torn|shattered|broken|damaged|defective|faulty|missing|"
    r"wobbl(?:y|es|ing))\b|"
    # nouns that name damage only with where it is: "a chip in the rim", "a hole in the sole"
    r"\b(?:chips?|holes?)\s+(?:in|on|along|across)\s+(?:the|my|our|its|one|both)\b"
)
# What the shop did or sold, named with "you": "the mattress you delivered", "your engineer".
_SHOP = frozenset("you your you've you're".split())
# A thing left undone: "the back windows were not touched", "the hedge wasn't cut".
_LEFT_UNDONE = re.compile(
    r"^(?:the|my|our|both|all|it|they)\b.*?\b(?:was|were|has|have)\s+(?:not|never)\s+"
    r"(?:been\s+)?[a-z]+(?:ed|en)\b|"
    r"^(?:the|my|our|both|all|it|they)\b.*?\b(?:wasn't|weren't|hasn't|haven't)\s+"
    r"(?:been\s+)?[a-z]+(?:ed|en)\b"
)
# A thing without what it should have: "the shower block has had no hot water since monday".
_WITHOUT = re.compile(r"^(?:the|my|our|its)\b.*?\b(?:has|had)\s+(?:had\s+|been\s+)?no\s+[a-z]")


# A thing delivered or returned without a part it should have: "the desk came without the
# screws", "my bag came back without my shirt". The part is definite (the one expected) or the
# customer's; "came without her kids" (a person's own) tells no lack.
_ARRIVED_WITHOUT = re.compile(
    r"\b(?:came|arrived|turned\s+up|showed\s+up|(?:was|were|got)\s+delivered|come|comes)"
    r"(?:\s+back)?(?:\s+\w+)?\s+without\s+(?:the|any|my|our|its|their)\b"
)


def _arrived_without(words: list[str], text: str) -> bool:
    """True when the customer's thing came without a part: "order 5521 came without the bread".

    The subject (the words before the verb) is the customer's: "my"/"our", "i"/"we" in a
    relative clause ("the desk i ordered"), or one of the things a customer has with a shop
    ("order 5521").
    """
    match = _ARRIVED_WITHOUT.search(text)
    if match is None:
        return False
    subject = text[: match.start()].split()[-6:]
    return bool({"my", "our", "i", "we"} & set(subject)) or bool(
        re.search(rf"\b{_CUSTOMER_OBJECT}\b", " ".join(subject))
    )


def reports_defect_en(sentence: str) -> bool:
    """True for a statement of damage to a thing, or of a thing left undone or without supply.

    "the little figure has snapped off", "the back windows were not touched", "the shower
    block has had no hot water". Nobody is named, so alone (a public text) it tells nothing;
    extract reads it as a problem only inside a customer's message that names the customer or
    the shop elsewhere. Questions and requests are read as such before this is asked.
    """
    text = _contracted(sentence).strip()
    words = _opening(_words(text))
    if not words:
        return False
    joined = " ".join(w for w in words if w != ",")
    if _GRATITUDE.search(joined):
        return False  # "Thanks for fixing the leak last week.": the defect is behind them
    if _LEFT_UNDONE.match(joined) or _WITHOUT.match(joined):
        return True
    return bool(_DEFECT.search(joined)) and not _defect_not_reported(joined)


# Damage told that is no report of the customer's trouble now. Over: a year or "years ago"
# ("we had a leak in 2018"), mended ("your plumber sorted it"); not the customer's: someone
# else's ("our neighbour's roof"), a thing given up ("so we sold it"), a story or a sight ("a
# documentary about its famous crack"); or liked ("i love the scuffed look").
_DEFECT_OVER = re.compile(
    r"\b(?:in|back\s+in|around|during)\s+(?:19|20)\d\d\b|\b(?:years?|decades?|ages)\s+ago\b|"
    r"\bfor\s+years\b|\bback\s+(?:then|when)\b|\bwhen\s+(?:i|we)\s+(?:was|were)\s+(?:a\s+)?"
    r"(?:kids?|child|children|young|little)\b|"
    r"\b(?:sorted|fixed|replaced|repaired|mended|resolved)\b"
)
# ... unless it is back or has lasted: "the tap you fixed is leaking again".
_DEFECT_AGAIN = re.compile(r"\b(?:again|still|now)\b")
_DEFECT_NOT_OURS = re.compile(
    r"\b(?:neighbou?r|friend|colleague|stranger|somebody|someone|hero|character)'s\b|"
    r"\b(?:sold|scrapped|got\s+rid\s+of|gave\s+(?:it|them)\s+away|threw\s+(?:it|them)\s+"
    r"(?:away|out))\b|\b(?:documentary|film|movie|novel|episode|famous)\b|"
    r"\b(?:i|we)\s+(?:really\s+|absolutely\s+|just\s+)?(?:love|loved|adore|like|liked|enjoy|"
    r"enjoyed)\b"
)


# The damage told in the present tense: "is cracked", "has a crack", "are leaking". What is
# said before it is its subject ("the part you replaced in 2024"), so a past told there (a
# relative clause's year or repair) does not make the damage over.
_PRESENT_DAMAGE = re.compile(
    r"\b(?:is|are|has|have|keeps|keep)\s+(?:(?:now|got|been|a|an|some|all|also|badly|really|"
    r"completely|totally|already|started|starting|to)\s+){0,3}"
    rf"(?:{_DEFECT.pattern})"
)
# Someone else's thing, by kinship or household: told without a present damage, a story.
_KIN_OWNER = re.compile(
    r"\b(?:brother|sister|mum|mom|mother|dad|father|son|daughter|husband|wife|partner|cousin|"
    r"uncle|aunt|auntie|gran|granny|grandma|grandad|grandpa|flatmate|housemate|boss)'s\b"
)


def _defect_not_reported(joined: str) -> bool:
    """True when damage told in ``joined`` (lower-case words) is over, not ours, or liked.

    Over and not ours are read from the damage's own predicate on: a past told inside the
    subject ("the part you replaced in 2024 is cracked") leaves the damage present; a kin's
    thing ("my brother's bike got a dent last week") is a story unless the damage is present.
    """
    present = _PRESENT_DAMAGE.search(joined)
    told = joined[present.start() :] if present else joined
    over = bool(_DEFECT_OVER.search(told)) and not _DEFECT_AGAIN.search(joined)
    kin = present is None and bool(_KIN_OWNER.search(joined))
    return over or kin or bool(_DEFECT_NOT_OURS.search(joined))


# A thing failing, told by the clause's structure rather than by a failure word: a verb with a
# particle of coming apart or stopping ("fell off", "came apart", "has broken down"), a change
# of state to a colour or an end state ("went black", "turned dead"), a predicate "out of" a
# use ("out of order", "out of service"), an arrival in fragments ("arrived in bits", "came in
# two halves"), a thing that stopped doing something ("stopped working"), or a negated verb of
# the thing's own function ("doesn't switch off", "won't start").
_PARTICLE_GIVEN_WAY = frozenset("off apart down".split())
_CHANGE_OF_STATE = frozenset("went gone goes go turned turns".split())
_ARRIVAL = frozenset("arrived came come turned delivered".split())
_NUMBER_WORDS = frozenset("two three four several many".split())
_TIME_UNITS = re.compile(r"^(?:days?|weeks?|months?|hours?|minutes?|years?|time|person)$")
# Subjects that are people or the speakers: a person leaving or going is no failure of a thing.
_NOT_THING = frozenset(
    "i we you he she they someone somebody everyone everybody people it's i'm we're".split()
)


def _inflected_verb(word: str) -> bool:
    """A verb form other than the base: "fell", "snapped", "comes", "broken"."""
    # "fell" is also the base of "to fell": any lemma other than the word itself will do
    return any(lemma != word for lemma in getAllLemmas(word).get("VERB", ()))


# A time told as history: a year, centuries, decades, years, a war.
_HISTORY = re.compile(r"\b(?:1\d{3}|20\d\d|centur(?:y|ies)|decades?|years|war|ages)\b")


def _told_from_now(words: list[str]) -> bool:
    """A time told from the moment of writing: "yesterday", "again", "this morning"."""
    return bool(_DEICTIC_TIME.intersection(words)) or any(
        a in {"this", "last"} and b in _PARTS_OF_DAY for a, b in zip(words, words[1:], strict=False)
    )


def _gives_way_at(words: list[str], k: int, ours: bool) -> bool:
    """A change told by verb and what follows it at ``k``: a particle or a new state."""
    word = words[k]
    nxt = words[k + 1] if k + 1 < len(words) else ""
    after = words[k + 2] if k + 2 < len(words) else ""
    if (
        nxt in _PARTICLE_GIVEN_WAY
        and words[k - 1] not in _NON_FINITE_BEFORE
        and _inflected_verb(word)
        and word not in _LINKING
        and (not after or after in _ADJUNCT_START)
    ):
        return ours  # "the handle fell off", "the lift has broken down"
    if word in _CHANGE_OF_STATE and nxt not in _SPATIAL and "ADJ" in getAllLemmas(nxt):
        return ours  # "the screen went black"
    if word in _ARRIVAL and nxt == "in":
        fragment = after in _NUMBER_WORDS or (after.endswith("s") and "NOUN" in getAllLemmas(after))
        later = words[k + 3 : k + 4]
        return fragment and not any(_TIME_UNITS.match(w) for w in [after, *later])
    return False


def _out_of_use_at(words: list[str], k: int, anchored: bool) -> bool:
    """A state of not working at ``k``, held now: "is out of order", "stopped working"."""
    word = words[k]
    nxt = words[k + 1] if k + 1 < len(words) else ""
    after = words[k + 2] if k + 2 < len(words) else ""
    if word == "out" and nxt == "of" and "NOUN" in getAllLemmas(after):
        return words[k - 1] in _NOW_LINKING  # "is out of order", "has been out of order"
    if word in {"stopped", "stops"} and nxt.endswith("ing"):
        return True  # "the coffee machine stopped working"
    if word in {"doesn't", "won't", "wont", "doesnt"} and nxt and can_open_imperative(nxt):
        return True  # "the kettle you delivered doesn't switch off"
    if word in _FAILED_STATE and words[k - 1] in _NOW_LINKING and k <= 7:
        return True  # "the washing machine in our flat is kaput"
    # a damage verb as the main verb: now ("leaks", "has snapped") or just before now
    # ("snapped yesterday"); "cracked in 1987" is over (the caller's check)
    return (
        bool(_DEFECT.fullmatch(word))
        and _inflected_verb(word)
        and words[k - 1] not in _NOT_THING | _DETERMINERS
        and "ADJ" not in getAllLemmas(words[k - 1])  # "small cracks": a noun
        and (word.endswith("s") or anchored)
    )


def _thing_gives_way(words: list[str]) -> bool:
    """A thing's failure told by clause structure (see the patterns above), in ``words``.

    The subject is a definite noun phrase ("the handle", "my new lamp", "our lift"), not a
    person; a particle verb ends its clause or runs into an adjunct ("fell off yesterday"),
    since one with an object is a different verb ("broke off the shelf", "turned down the
    idea"). Only the main clause is read: the scan stops at the first link or subordinator.
    """
    if _HISTORY.search(" ".join(words)):
        return False  # "has faded over three centuries", "out of order since 1998"
    anchored = _told_from_now(words) or "since" in words  # "out of action since Friday"
    while words and words[0] in _DEICTIC_TIME:
        words = words[1:]  # "yesterday the handle fell off"
    if len(words) < 3 or words[0] not in _DEFINITE or words[1] in _KIN_AND_PERSONS:
        return False
    if _ROUTINE.search(" ".join(words)) or _PRAISE.search(" ".join(words)):
        return False  # "our plane took off on time, lovely trip", "went off as usual"
    main = list(itertools.takewhile(lambda w: w not in _SUBORDINATORS and w != ",", words))
    # the thing is the customer's or the shop's ("my", "our", "your ...", "you sent"), or its
    # failure is told from now; "the story doesn't end there" belongs to nobody here
    # the customer acting in a time clause counts too ("came off when we moved it"), but not
    # one told after a contrast ("is out of print but I found a copy")
    before_contrast = list(itertools.takewhile(lambda w: w not in _CONTRAST_LINKS, words))
    ours = (
        anchored
        or bool((_OWNING | _SHOP).intersection(main))
        or bool(_FIRST_PERSON.intersection(before_contrast))
    )
    if _ANIMATE.intersection(main[1:4]):
        return False  # "my cat went quiet", "the team stopped talking": no thing of ours
    for k in range(2, len(words)):
        if words[k] in {",", "then"} or words[k] in _SUBORDINATORS:
            return False
        if words[k] in _ARRIVAL and _gives_way_at(words, k, ours):
            return True  # an arrival in fragments: delivered to the writer, theirs by arriving
        if ours and (_gives_way_at(words, k, ours) or _out_of_use_at(words, k, anchored)):
            return True
    return False


# Links of contrast: what follows tells another matter ("... but I found a copy").
_CONTRAST_LINKS = frozenset("but though although yet anyway".split())
# The owner's determiner on the subject: the customer's thing or the shop's.
_OWNING = frozenset("my our your".split())
# A routine told, not a failure: "as usual", "on time", "as always", "as planned".
_ROUTINE = re.compile(
    r"\b(?:as\s+(?:usual|always|planned|expected)|on\s+time|on\s+schedule|"
    r"beautiful|gorgeous|stunning|lush)\b"  # and praise of the looks of a thing arrived
)
# Subjects that are living things, bodies or happenings, not a thing bought or provided: their
# changes are a story ("my hair went blonde", "our guests came in pairs", "the gig stopped").
_ANIMATE = frozenset(
    "cat cats dog dogs puppy kitten horse bird birds fish pet pets baby team staff guests "
    "crowd boss band audience kids children family hair skin face eyes voice music story "
    "show gig party game match film movie song trip".split()
)


# The shop's service not done: an act nobody did ("nobody has replied to my emails", "no one
# came to fix it"), an agent who never came ("the technician never showed"), a promise reported
# then denied by an elliptical clause ("you said it would come on friday and it didn't").
_NOBODY = frozenset("nobody noone no-one".split())
_AGENT_SUFFIX = re.compile(r"^[a-z]+(?:er|or|ian|ist)s?$")
_PROMISE = frozenset("said promised told assured confirmed".split())
_ELLIPTIC_NO = frozenset("didn't didnt hasn't hasnt haven't havent wasn't wasnt won't wont".split())
_ELLIPTIC_AUX = frozenset("did has have was will".split())


def _negative_subject(words: list[str]) -> int | None:
    """Where the verb after a negative subject ("nobody", "no one") starts, or ``None``."""
    if words[:1] and words[0] in _NOBODY:
        return 1
    if words[:2] == ["no", "one"]:
        return 2
    if words[:1] == ["one"] and len(words) > 1 and _inflected_verb(words[1]):
        return 1  # "no, ..." is a discourse marker _opening drops: "[no] one came"
    return None


def _nobody_did(words: list[str]) -> bool:
    """An act nobody did for the customer: "nobody has replied to my emails".

    After the negative subject: a perfect ("has replied"), a purpose ("came to fix it") or
    the customer's own thing as its object ("collected our sofa"); a state ("no one was
    hurt", "nobody knows") is no act.
    """
    at = _negative_subject(words)
    if at is None or at >= len(words):
        return False
    verb = words[at]
    if verb in _LINKING - {"has", "have"} or verb in _EPISTEMIC or verb in {"knows", "cares"}:
        return False
    rest = words[at:]
    if verb in _WISH_OR_BELIEF:
        return False  # "nobody expected it to snow", "nobody wanted it to end": no act
    if "than" in rest:
        return False  # "no one has done more for us than your team": praise by comparison
    # a perfect of replying, contacting or arriving ("nobody has replied"), or of any act on
    # the customer's thing ("no one has collected our sofa"); "has done more" is no such act
    perfect = (
        verb in {"has", "have"}
        and len(rest) > 1
        and _inflected_verb(rest[1])
        and (
            rest[1] in _CONTACT_ACTS
            or (len(rest) > 2 and rest[2] in _OURS_AS_OBJECT | {"the", "your"})
            or rest[1:3] == ["been", "in"]  # "has been in touch"
        )
    )
    # a purpose right after coming, sending or calling ("came to fix it", "showed up to
    # help"); "wanted to leave", "expected it to snow" are wishes and beliefs, not acts
    after = 2 if len(rest) > 2 and rest[1] in _ACT_PARTICLES else 1
    purpose = (
        verb in _COMING_ACTS
        and rest[after : after + 1] == ["to"]
        and len(rest) > after + 1
        and can_open_imperative(rest[after + 1])
    )
    # the customer's thing as the verb's own object ("fixed our boiler", "called me back"),
    # not a place the story went to ("came to our party")
    ours = len(rest) > 1 and rest[1] in _OURS_AS_OBJECT
    return _inflected_verb(verb) and (purpose or ours) or perfect


_OURS_AS_OBJECT = frozenset("my our me us it them".split())
# Verbs of wishing and believing: what follows is a state of mind, not a service act.
_WISH_OR_BELIEF = frozenset(
    "wanted expected thought believed imagined guessed hoped wished predicted dreamed "
    "dreamt noticed saw".split()
)
# Acts of coming, sending or calling that a purpose infinitive may follow.
_COMING_ACTS = frozenset("came come turned showed called rang phoned sent got went".split())
_ACT_PARTICLES = frozenset("up round over out back by in".split())
# Perfects of replying, contacting or arriving: "has replied", "has called", "has come".
_CONTACT_ACTS = frozenset(
    "replied responded answered called rung phoned contacted emailed e-mailed written wrote "
    "messaged texted come arrived turned shown showed got gotten returned acknowledged".split()
)


def _agent_never_came(words: list[str]) -> bool:
    """A worker sent or booked who did not come: "the technician never showed".

    The subject is a definite agent noun ("technician", "plumber", "courier"); "never" or
    "still not" with an intransitive verb ending the clause ("never showed", "still isn't
    here"); a verb with an object ("the composer never finished the piece") tells a story.
    """
    if len(words) < 3 or words[0] not in {"the", "your", "our", "my"}:
        return False
    for k in range(1, min(len(words) - 1, 6)):
        if words[k] == "never" and k >= 2 and _AGENT_SUFFIX.match(words[k - 1]):
            verb_end = k + 2
            if words[verb_end : verb_end + 1] in ([], ["up"], ["in"]):
                return _inflected_verb(words[k + 1])
    return False


def _promise_denied(words: list[str]) -> bool:
    """A promise reported, then denied by ellipsis: "you said it would come and it didn't".

    The promise is a verb of saying before "would"/"to"; the last clause is a subject and a
    bare auxiliary ("it didn't", "nobody did"): the promised act, left out, not done.
    """
    if not any(w in _PROMISE for w in words[:4]):
        return False
    if not {"would", "to", "will", "i'd", "you'd", "they'd"}.intersection(words):
        return False
    if len(words) < 3:
        return False
    if words[-1] in _ELLIPTIC_AUX:  # "and nobody did", "but no one has"
        return words[-2] in _NOBODY or words[-3:-1] == ["no", "one"]
    return words[-1] in _ELLIPTIC_NO and words[-3] in {"and", "but", ","}  # "and it didn't"


# Times told from the moment of writing: a failure then is the customer's news, not history.
_DEICTIC_TIME = frozenset(
    "yesterday today tonight earlier again now just still overnight anymore".split()
)
_PARTS_OF_DAY = frozenset("morning afternoon evening night week weekend".split())
# ("her" left out: "the kettle you sold her leaks", an object before the verb)
_DETERMINERS = frozenset("a an the some any no my our your their its".split())
# Particles of direction: "went away" moves, "went black" changes state.
_SPATIAL = frozenset("away off out up down in on back home over through around along".split())
_SUBORDINATORS = frozenset(
    "if whether when where why how because since so while until after before as and or but".split()
)


_DEFINITE = frozenset("the my our this your its".split())
# A state "out of" use holds now ("is", "are", "has been"); "was out of business" is a story.
_NOW_LINKING = frozenset("is are 's been isn't".split())
# Before a participle these open a non-finite clause, not the main verb ("with X being killed off").
_NON_FINITE_BEFORE = frozenset("being with of to for by".split())
# What may follow a particle verb that ends its clause: a time, a place, a link.
_ADJUNCT_START = frozenset(
    "yesterday today tonight again when while after as since on in at during within last this "
    "and but so after just completely".split()
    + [","]
)


# People as subjects by kinship or role in the customer's life: their comings and goings are a
# story, not a thing failing ("my son went off to camp").
_KIN_AND_PERSONS = frozenset(
    "brother sister mum mom mother dad father son daughter husband wife partner friend "
    "neighbour neighbor kids kid children".split()
)


# Thanks given ("thanks for ...", "many thanks", "cheers"), not "thanks to the new railway".
_THANKING = re.compile(rf"(?:{_GRATITUDE.pattern}|\bcheers\b)(?!\s+to\b)")


# A record of the world's past carries a year ("the brigade returned home in 1918").
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def reports_owned_problem_en(sentence: str, party: bool) -> bool:
    """True for trouble told of "the X" that is the customer's own X in their message.

    Customers name their things with "the" as often as with "my": "the food box turned up
    without the rice", "the boiler is making a loud banging noise". Read with "my", such a
    sentence tells of the customer's trouble when the message speaks as a party (``party``:
    it names the customer or the shop somewhere). A recent time alone does not make it
    theirs: "The bus was late again this morning." is news of the world. A sentence with a
    year is a record of the world ("the brigade returned home in 1918"), and a third party's
    words stay theirs.
    """
    text = _contracted(sentence).strip()
    words = _opening(_words(text))
    # the subject opens the sentence ("and the injury has gone ..." goes on a story)
    if len(words) < 3 or not text.startswith("the ") or _YEAR.search(text):
        return False
    if not party or reports_others_words_en(text):
        return False
    owned = ["my", *words[1:]]
    return _problem(owned, " ".join(owned))


def speaks_as_party_en(text: str) -> bool:
    """True when a text names the customer ("i", "our") or the shop ("you", "your") anywhere.

    A customer's message names one of the two somewhere; a public text about the world
    ("The bridge has a crack in its main span.") names neither.
    """
    text = _contracted(text)
    if _THANKING.search(text):
        return True  # "Thanks for fixing the leak.": said to the shop
    return bool((_FIRST_PERSON | _SHOP).intersection(_words(text)))


# "I'm the one who booked the escape room", "this is Dana, who ordered the cake": the writer
# named by an act done with the shop before.
_WRITER_BY_ACT = re.compile(
    r"^(?:i'?m|i\s+am|im|this\s+is|it'?s)\s+(?:(?:the|a)\s+(?:one|person|customer|lady|guy|man|"
    r"woman|client|member)|[a-z]+)\s*,?\s+(?:who|that)\s+(?:just\s+|recently\s+|already\s+)?"
    r"(?:booked|ordered|bought|called|emailed|rang|phoned|spoke|wrote|reserved|hired|paid|rented|"
    r"signed|enquired|inquired|asked|messaged|purchased|registered)\b"
)


def introduces_writer_en(sentence: str) -> bool:
    """True for a sentence naming the writer by an act done with the shop before.

    "Hi there, I'm the one who booked the private room for Saturday." Beside an ask it is
    context; alone the customer has opened that matter and waits for the shop (extract).
    """
    text = _contracted(sentence).strip()
    words = [w for w in _opening(_words(text)) if w != ","]
    if words[:1] and words[0] in _ADDRESSEES:
        words = words[1:]  # "hi there, i'm ...": the greeting's addressee
    return bool(_WRITER_BY_ACT.match(" ".join(words)))


# Goodwill told after the fact: praise ("everyone loved it"), a matter closed ("all sorted"),
# a note ("just wanted to say ..."). With thanks, such a turn waits on nothing.
_PRAISE = re.compile(
    r"\b(?:lov(?:e|ed|ing)|enjoy(?:ed|ing)?|adored?|great|wonderful|brilliant|fantastic|amazing|"
    r"excellent|lovely|delicious|perfect(?:ly)?|superb|stars?|fun|delighted|thrilled)\b|"
    r"\ball\s+(?:good|sorted|fine)\b|\b(?:sorted|resolved)\s+now\b|\bno\s+need\s+to\s+reply\b|"
    rf"\bwant(?:ed)?{_INFORMING.pattern}"
)


def notes_goodwill_en(text: str) -> bool:
    """True when a text thanks, praises, closes a matter or only tells ("just wanted to say").

    "This is Priya, who ordered the birthday cake. Everyone loved it!" names the writer by
    an act, but the note waits on nothing from the shop.
    """
    text = _contracted(text)
    return bool(_THANKING.search(text) or _PRAISE.search(text))


# A negated identity: "i am not a photographer", "we were never the owners".
_IDENTITY = re.compile(
    r"\b(?:i|we)(?:'m|\s+am|\s+was|\s+were|'re|\s+are)\s+(?:not|never)\s+(?:really\s+)?"
    r"(?:a|an|the|one\s+of)\b"
)


def _problem(words: list[str], text: str) -> bool:
    if _YEARS_BACK.search(text) and not _DEFECT_AGAIN.search(text):
        return False  # "my sister's laptop had a cracked screen back in 2022": history
    if _subject_fails(words) or _owned_state(words) or _THIRD_PARTY.search(text):
        return True
    if _still_failing(words) or _arrived_without(words, text):
        return True
    if _HEADLINE.match(text) or _PAID_EXTRA.search(text) or _KEEPS_DOING.match(text):
        return True
    if _nobody_did(words) or _agent_never_came(words) or _promise_denied(words):
        return True  # the shop's service not done
    if (
        _thing_gives_way(words)
        and not _DEFECT_OVER.search(text)
        and not _DEFECT_NOT_OURS.search(text)
    ):
        return True  # "the handle fell off", "the lift is out of order", "arrived in bits"
    if (
        _DEFECT.search(text)
        and (_FIRST_PERSON | _SHOP).intersection(words[1:] + words[:1] * (words[0] not in _SHOP))
        and not _defect_not_reported(text)
    ):
        return True  # "our telescope has a crack", "the mattress you delivered is sagging"
    concerns_customer = (
        bool(_FIRST_PERSON.intersection(words))
        or bool(_THIRD_PERSON_CUSTOMER.search(text))
        or bool(_INDEFINITE_CUSTOMER.search(text))
    )
    if concerns_customer and _ON_RECORD.search(text):
        return True
    if {"you", "your", "you're"} & set(words[:2]) and _EXCESS.search(text):
        return True  # "you talk too slow": the agent's own manner
    failed = (
        # "i am not a photographer": who the speaker is not tells no failure
        _NEGATED.search(_IDENTITY.sub(" ", text))
        or _FAILED.search(text)
        or _RECURRING.search(text)
        or _COUNTER_EXPECTATION.search(text)
        or _EXCESS.search(text)
        # "i see an unknown login": a negated adjective, said by the customer
        or (_FIRST_PERSON.intersection(words) and any(_negative_adjective(w) for w in words))
    )
    if not concerns_customer or not failed:
        return False
    # "i don't know", "i'm not sure": a negation with nothing it is about reports no problem.
    return bool(content_terms(text) - _VAGUE_TERMS)


# A time years back: "back in 2022", "in the 1987 storm", "years ago".
_YEARS_BACK = re.compile(
    r"\b(?:in|back\s+in|during|since)\s+(?:the\s+)?(?:early\s+|late\s+)?(?:19|20)\d\d\b|"
    r"\b(?:years|decades)\s+ago\b"
)


# "how do i say thank you in german", "add thank you to my song list": the words of thanks
# mentioned as words (the object of saying, writing or a title), not thanks given.
_MENTIONED_THANKS = re.compile(
    r"\b(?:say|saying|write|spell|translate|put|add|play|word|words|phrase|song)\s+"
    r"(?:[a-z]+\s+)?(?:thank|thanks)\b"
)


def _small_talk(words: list[str], joined: str, text: str) -> bool:
    """How-are-you questions, thanks, yes/no, not-knowing and leave-taking: no topic at all.

    Every content word is about wellbeing or gratitude, or belongs to the closed classes of
    polarity, knowing/saying and leave-taking; an ask names something to act on.
    """
    thanked = _GRATITUDE.search(joined) and not _MENTIONED_THANKS.search(joined)
    if thanked and not text.endswith("?") and not _PLEASE.search(joined):
        return True
    about_you = {"you", "u", "everything", "things", "life", "ya"} & set(words)
    content = {w for w in words if w not in _FUNCTION_WORDS}
    if about_you and content <= _WELLBEING:
        return True
    if (
        words
        and (
            words[0] in {"what's", "whats", "sup", "wassup"}
            # "what is up", said in full; "what is going on" after a problem asks about it
            or (words[:2] == ["what", "is"] and "going" not in words)
        )
        and content - _VOCATIVES - {"my"} <= _UP_TO  # "what's up my friend"
    ):
        return True  # "what's up", "what's new", "what's going on"
    # Words before a discourse marker count too: "yes please" is "yes" + "please".
    every = [w for w in _words(text) if w != ","]
    rest = {w for w in every if w not in _FILLER}
    addressed = bool(rest) or bool({"you", "u", "ya", "your"} & set(every))
    if {"how", "how's", "hows"} & set(words) and addressed and rest <= _WELLBEING:
        return True  # "how is your day", "how is everything on your end"
    if "how" in every:
        # "tell me how you are", "i'd like to know how the assistant is today": the same question
        # embedded under a verb of telling or knowing.
        k = every.index("how")
        frame, asked = set(every[:k]), set(every[k + 1 :])
        if (
            frame <= _FILLER | {"tell", "know"}
            and asked & {"you", "u", "ya", "ai", "bot"}
            and asked - _FILLER <= _WELLBEING
        ):
            return True
    if not rest:
        # "i have to go now", "i'm afraid not": only function words, nothing asked of anyone
        addressed_act = "?" in text or bool(_PLEASE.search(text)) or bool({"you", "u"} & set(every))
        # a question form ("what was that", "is this a real person") asks; a past act denied ("I
        # didn't!") disputes something on record
        question_form = bool(words) and (words[0] in _WH or words[0] in _AUX)
        denial = bool({"didn't", "didnt", "never"} & set(every)) or "did not" in text
        return not (addressed_act or question_form or denial)
    if every[:2] == ["let", "me"] and rest <= _EPISTEMIC - {"know", "tell", "answer", "answers"}:
        return True  # "let me think": the speaker's own act; "let me know" asks
    if not rest <= _SMALL_TALK_CLASSES | _WELLBEING:
        return False
    if rest & (_POLARITY | _LEAVE_TAKING):
        return True  # "that answer is not right", "yes please", "speak later, goodbye"
    if not rest & _EPISTEMIC:
        return False
    # Only knowing or saying: "i don't know", "who knows" report the customer's own state;
    # "can you repeat that", "do you remember me" ask the agent something.
    negated = bool(_NEGATED.search(" ".join(every)))
    # "you're", "you'll": the agent addressed as much as "you" ("what you're going to do")
    addressed_words = {"you", "u", "please", "you're", "you'll", "you've", "you'd", "your"}
    asks_agent = bool(addressed_words & set(every)) or _imperative(words)
    return negated or not (asks_agent or words[0] in _WH - {"who"})


# A yes/no ask embedded after "wonder": "I was wondering if I can ...". ("Tell me whether
# ..." is left out: it often lists several asks, and a "yes" then answers only one of them.)
_EMBEDDED_POLAR = re.compile(r"\bwonder(?:ing|ed)?\s+(?:if|whether)\b", re.IGNORECASE)


def is_polar_en(sentence: str) -> bool:
    """True for a yes/no ask: a fronted auxiliary before a subject, no wh-word opening it.

    "Is the backpack waterproof?", "could I get another week", "do you ship to Canada" are
    answered by "Yes, ..." / "Of course, ..."; "how do I ..." and "what time ..." are not;
    so is an "if"/"whether" clause after "wondering" ("I was wondering if I can still
    return it").
    """
    words = _opening([w for w in _words(_contracted(sentence)) if w != ","])
    if len(words) < 2 or words[0] in _WH:
        return False
    if _EMBEDDED_POLAR.search(sentence):
        return True
    return words[0] in _AUX and _can_be_subject(words[1])


def reports_problem_en(sentence: str) -> bool:
    """True when a sentence, whatever its mood, tells of something gone wrong for the customer.

    "is something wrong with my login?" is a question that reports trouble; a request
    after it ("look into it please") asks to deal with that trouble, not for a new act.
    """
    text = _contracted(sentence).strip()
    words = _opening(_words(text))
    return bool(words) and _problem(words, " ".join(words))


@per_run  # asked of each customer sentence by ask_kind and again as a list's head
def is_meta(text: str) -> bool:
    """True for an announcement of an ask ("I have a question for you?") rather than an ask."""
    return bool(_META.match(" ".join(_opening(_words(text)))))


# Words that cannot end a clause: an article or a coordinator still waits for what it joins or
# determines ("was the", "point to and"). A sentence ending in one is broken off, not an ask.
# ("a" is left out: "from account b to account a" names an account by its letter.)
_OPEN_ENDED = frozenset("the an and or nor".split())


def _calling_out_or_broken(text: str) -> bool:
    """A greeting or a call with nothing asked, or a sentence broken off mid-phrase."""
    all_words = [w for w in _words(text) if w != ","]
    if not all_words:
        return False
    asked = text.endswith("?")
    if all_words[-1] in _OPEN_ENDED and not asked:
        return True  # "was the", "point to and"
    if all_words[0] in _GREETING and len(all_words) <= 3 and not asked:
        return True  # "Hi team", "Dear Sam", "Good morning all"
    return set(all_words) <= _GREETING | _ADDRESSEES  # "Hello?", "hi there?"


# An intent the customer had or is pursuing, told as what they set out to do ("i wanted to pay
# online", "we were trying to book"), and a contrastive link after it that opens what happened.
_SET_OUT = re.compile(
    r"^(?:i|we)\s+(?:just\s+|really\s+|recently\s+|first\s+)?(?:wanted|needed|tried|attempted|"
    r"(?:was|were|am|are|'m|'re|have\s+been|'ve\s+been)\s+(?:trying|attempting|hoping)|"
    r"im\s+trying|ive\s+been\s+trying)\b"
)
_CONTRAST = re.compile(r"\b(?:but|however|though|although|yet)\b")


def _thwarted(text: str) -> bool:
    """An intent, then what went wrong: "i wanted to pay online but the site rejected my visa".

    The desire is past or under way, so it tells what the customer was doing when the trouble
    came; the clause after the contrastive link reports that trouble. Told so, the sentence is
    a problem report (beside an ask it is that ask's context), not a request.
    """
    start = _SET_OUT.match(text)
    link = _CONTRAST.search(text, start.end()) if start else None
    if link is None:
        return False
    rest = text[link.end() :].strip(" ,")
    words = _opening(_words(rest))
    if not words:
        return False
    return _problem(words, " ".join(words)) or bool(_NEGATED.search(rest) or _FAILED.search(rest))


_IGNORANCE = re.compile(
    r"^(?:(?:i|we)\s+(?:really\s+|just\s+|still\s+)?(?:do\s+not|don't|dont|did\s+not|didn't|"
    r"didnt|have\s+no|had\s+no)\s+(?:\w+\s+)?(?:know|understand|idea|clue)|"
    r"(?:i'?m|i\s+am|im|we're|we\s+are)\s+(?:really\s+|just\s+|still\s+)?(?:not\s+sure|unsure|"
    r"confused|wondering|puzzled)|(?:i|we)\s+wonder|(?:no|not)\s+(?:idea|clue|sure))\b"
)


def professes_ignorance_en(sentence: str) -> bool:
    """True for a statement of what the customer does not know ("i'm unsure what broke the upload").

    Said alone it asks (the embedded question is what they want told); beside a direct
    question or request it is that ask's context, told from the customer's side.
    """
    text = _contracted(sentence).strip()
    # "no" opens "no idea what ..." but is also a discourse marker _opening drops ("no, ...").
    return any(_IGNORANCE.match(" ".join(w)) for w in (_opening(_words(text)), _words(text)))


def is_direct_question_en(clause: str) -> bool:
    """True when a clause is a direct question by its form: a wh-word or a fronted auxiliary.

    "What time do you close on Thursdays", "is there a student discount"; not a subordinate
    clause ("When it arrives", "If it's late"), a conditional "what if", or small talk.
    """
    text = _contracted(clause).strip()
    words = _opening(_words(text))
    if len(words) < 3 or words[:2] == ["what", "if"]:
        return False
    joined = " ".join(words)
    return _interrogative(words, joined + ("?" if text.endswith("?") else "")) == "question"


# Determiners that open a noun subject: "the invoice says ...", "my app shows ...".
_NOUN_SUBJECT_START = frozenset("the my our your their his her".split())


def is_rising_statement_en(sentence: str) -> bool:
    """True for a report about a thing said with a rising tone: "the invoice says it shipped??".

    Its subject is a noun phrase (not "I", "you" or "we", who ask with it: "you ship to
    canada?"), no wh-word or auxiliary opens it: the customer queries what they report. Next
    to a direct question it is that question's context ("what happened to the other one?").
    """
    text = _contracted(sentence).strip()
    if not text.endswith("?") or re.search(r"[.!?]\s", text):
        return False  # a merged ask ("My brother will run. Is there a fee for that?")
    if any(_interrogative(_opening(c), " ".join(_opening(c))) for c in _clauses(_words(text))[1:]):
        return False  # "my youngest is 4, is she allowed on the ice?": the question comes later
    words = _opening([w for w in _words(text) if w != ","])
    if not words or words[0] in _WH | _AUX or _interrogative(words, " ".join(words) + "?"):
        return False  # "Does it include the radiators and the cylinder?": a direct question
    # "just checked and the invoice says ...": the clause after a link holds the report
    links = [k for k, w in enumerate(words[:-1]) if w in {"and", "but"}]
    if words and words[0] not in _NOUN_SUBJECT_START and links:
        words = words[links[0] + 1 :]
    if len(words) < 3 or words[0] not in _NOUN_SUBJECT_START:
        return False
    return _interrogative(words, " ".join(words) + "?") is None


# "I guess I can't donate?", "i assume it won't arrive today?": a guess put to the agent to
# confirm; without the hedge ("the scanner won't pair?") a rising statement reports trouble.
_HEDGED = re.compile(r"^(?:so\s+)?(?:i|we)\s+(?:guess|assume|suppose|take\s+it|presume)\b")


_BELIEF_VERBS = frozenset("believe imagine guess".split())


def _thing_recurs(words: list[str]) -> bool:
    """A thing's mishap told as happening again, in a clause exclaimed at the shop.

    "would you believe the heater broke again", "... the parcel came back to me again": a
    definite thing as subject (not a person or a living thing), "again"/"twice", and either
    a verb of breaking or the customer in the clause; "the sun came out again" is weather.
    """
    if len(words) < 3 or words[0] not in _DEFINITE or _ANIMATE.intersection(words[1:3]):
        return False
    if words[1] in _KIN_AND_PERSONS or not {"again", "twice"}.intersection(words):
        return False
    broke = any("break" in getAllLemmas(w).get("VERB", ()) for w in words[2:])
    return broke or bool({"me", "us", "my", "our"}.intersection(words[2:]))


def _exclaimed_belief(words: list[str], text: str) -> list[str] | None:
    """The clause told after an exclamative "would/can you believe", or ``None``.

    "Would you believe it rained all week", "can you believe they upgraded us!": a modal, "you"
    and a verb of believing before a whole clause, said without a question mark, is news
    exclaimed; "can you believe me?" or "would you believe it?" ask.
    """
    if text.endswith("?"):
        return None
    for k in range(len(words) - 3):
        if (
            words[k] in {"would", "can", "could", "will"}
            and words[k + 1] in {"you", "u"}
            and words[k + 2] in _BELIEF_VERBS
        ):
            rest = [w for w in words[k + 3 :] if w != "that"]
            # a clause: a subject and a finite verb after it, not "believe me"
            if len(rest) >= 2 and _can_be_subject(rest[0]) and rest[0] not in _OBJECT_PERSON:
                return rest
    return None


@per_run  # read of each customer sentence by ask_kind and again as a list's head
def ask_kind_en(sentence: str) -> AskKind | None:
    """The kind of ask an English sentence makes, or ``None`` when it asks nothing."""
    text = _contracted(sentence).strip()
    if _calling_out_or_broken(text):
        return None
    words = _after_announcement(_opening(_words(text)))
    if not words:
        return None
    joined = " ".join(words)
    if any(p.match(joined) for p in (_META, _THANKS, _OFFER, _CONTACT_OFFER)):
        return None
    if _small_talk(words, joined, text):
        return None
    exclaimed = _exclaimed_belief(words, text)
    if exclaimed is not None:
        # "would you believe we stayed an extra night!": news told, not asked; what it tells
        # may still be the customer's trouble ("can you believe they charged me twice")
        trouble = _problem(exclaimed, " ".join(exclaimed)) or _thing_recurs(exclaimed)
        return "problem" if trouble else None
    kind = _interrogative(words, joined + ("?" if text.endswith("?") else ""))
    if kind is not None:
        return kind
    if text.endswith("?"):
        # "My parcel is nowhere to be seen?", "my card still does not work?": a statement said
        # with a rising tone reports the customer's trouble; next to a question it is that
        # question's context, alone it still asks
        if words[0] not in _AUX and _problem(words, joined) and not _HEDGED.match(joined):
            return "problem"
        return "question"
    if _thwarted(joined):
        return "problem"
    if _directive(words, joined):
        return "request"
    if _problem(words, joined):
        return "problem"
    return "question" if _unmarked_question(text) else None


# Degree words between a wh-word and the auxiliary ("how long would", "how much does").
_DEGREE = frozenset("long much many often soon far old big early late".split())


def _unmarked_question(text: str) -> bool:
    """True for a direct question typed without its "?", by its word order alone.

    Its last clause (the sentence, or what follows its last comma: "If I downgrade, what
    happens to my files") opens, after "and"/"or"/"so", with an auxiliary before its subject
    ("or could we move to sunday", "do we get our money back") or a wh-word before an
    auxiliary or a verb ("and roughly how long would printing take", "what happens to the
    files"); read with the "?" restored, it must still be a question. A statement never
    puts its auxiliary first, and a subordinate clause ("when it arrives", "how the band
    formed is unclear") puts its subject before the verb.
    """
    if "?" in text:
        return False
    clause = text.rsplit(", ", 1)[-1].strip()
    after_comma = clause != text.strip()
    words = [w for w in _opening(_words(clause)) if w != ","]
    while words and words[0] in {"or", "roughly", "approximately", "about"}:
        words = words[1:]
    if len(words) < 3:
        return False
    first, second = words[0], words[1]
    inverted = first in QUESTION_AUXILIARIES and second in _SUBJECT and first not in {"have"}
    # after a comma "which", "who", "where", "when" open a relative clause ("mine, which is
    # fine"); "what", "how", "why" do not
    relative = after_comma and first not in {"what", "how", "why"}
    wh_first = (
        first in _WH
        and not relative
        and (
            second in _AUX
            or (second in _DEGREE and len(words) > 2 and words[2] in _AUX)
            or (first in {"what", "who"} and _only_finite(second))
        )
    )
    if not (inverted or wh_first):
        return False
    return _interrogative(words, " ".join(words) + "?") == "question"


def _after_announcement(words: list[str]) -> list[str]:
    """The words after an announcement that heads them ("quick question - a stone hit ...").

    The announcement names no topic and is no verb of a command ("question" is a verb too);
    what follows it is read alone. Words with no such head are returned as they are.
    """
    if "," not in words[1:]:
        return words
    cut = words.index(",")
    if _META.match(" ".join(words[:cut])) and words[cut + 1 :]:
        return _opening(words[cut + 1 :])
    return words


def exclaims_trouble_en(text: str) -> bool:
    """True when "can/would you believe" exclaims a clause that reports the customer's trouble.

    "Can you believe they charged me twice!" opens like small talk but tells a problem;
    "can you believe this weather" does not.
    """
    words = _opening(_words(_contracted(text).strip()))
    exclaimed = _exclaimed_belief(words, text) if words else None
    if exclaimed is None:
        return False
    return _problem(exclaimed, " ".join(exclaimed)) or _thing_recurs(exclaimed)

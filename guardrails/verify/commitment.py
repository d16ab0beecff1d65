"""``commitment`` (verify): a promise the company must keep (refund, credit, deadline...).

Offers and completed actions are promises too: "I can offer a refund right now", "I've refunded
it and added a $20 credit", 「返金いたしました」「クーポンを発行します」. They are found by their
structure rather than by listed sentences:

* English: a first-person subject ("I", "we", "let me"), then only auxiliaries and adverbs
  ("can", "'ve gone ahead and", "'d be happy to"), then an action verb in an offer, future or
  perfective form. Benefit verbs (refund, credit, waive...) are enough; general verbs (offer,
  give, send, add, generate...) need a benefit as their object (a credit, a coupon, "free",
  "$20", "four more days"). A simple present ("we offer free returns") states a policy.
  Passive completed actions ("your refund has been processed") and "here's a coupon" count too.
* Japanese: a benefit verb or a general verb with a benefit object, in a humble or affirmative
  form that makes the speaker the actor (返金いたしました, 発行します, 負担させていただきます).
* Negation scope: a negation between the clause start and the verb ("we aren't able to give",
  「いたしかねます」) makes it a refusal, not a promise.

Quoting a knowledge-base sentence verbatim restates a published policy; it is not a promise
to this customer, so a sentence found word for word in the KB is not flagged.

A deadline is a promise about an outcome ("we'll ship the replacement by Friday", 「3営業日以内に
返金いたします」). A time frame for our own follow-up reply on something still being checked
("We will reply within 2 business days", 「2営業日以内にご連絡いたします」) is the cushion the
support guides recommend, not a promise of an outcome, so it is not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity, Span
from guardrails.context import Article, GuardrailContext
from guardrails.follow_up import DEADLINE as _DEADLINE
from guardrails.follow_up import is_follow_up_time_frame
from guardrails.kb_cache import DerivedCache, kb_key
from guardrails.language import JAPANESE
from guardrails.language import fold_text as _fold
from guardrails.practice.quotes import CORNER_QUOTE
from guardrails.sentences import split_sentences

_WE = r"(?:we|i)(?:'ll|'re\s+going\s+to|\s+will|\s+shall|\s+are\s+going\s+to|\s+am\s+going\s+to)"
_BENEFIT = (
    r"(?:refund|reimburse|credit|compensat|discount|replac|waive|send\s+(?:you\s+)?(?:a\s+)?"
    r"(?:new|replacement|free|another)|give\s+you\s+(?:a\s+)?(?:\d+%|free|full|partial|credit|discount)"
    r"|cover\s+the\s+cost|reship|re-ship|issue\s+(?:you\s+)?(?:a\s+)?(?:full\s+|partial\s+)?"
    r"(?:refund|credit|voucher|coupon))"
)
# "We'll check your refund" looks into a benefit; it does not promise one.
_LOOK_INTO = r"(?:check|look|investigat|review|confirm|verif|ask|see|discuss|escalat|pass|forward)"
# Future promises and deadlines (the first layer; offers and completed actions follow below).
COMMITMENT = re.compile(
    rf"\b{_WE}\s+(?!{_LOOK_INTO}\w*\b)(?:\w+\s+){{0,2}}?{_BENEFIT}\w*"
    rf"|\byou(?:'ll|\s+will)\s+(?:\w+\s+){{0,2}}?(?:receive|get|be\s+(?:refunded|credited|"
    rf"reimbursed|compensated))\s+(?:a\s+|an\s+|your\s+)?(?:full\s+|partial\s+)?"
    rf"(?:[$€£¥]?\d+(?:\.\d+)?%?\s+)?"
    rf"(?:refund|credit|replacement|discount|compensation|voucher|coupon|\d+%|reimburs\w*)"
    rf"|\b(?:i|we)\s+(?:guarantee|promise)\b"
    rf"|\b{_WE}\s+(?:\w+\s+){{0,4}}?(?:ship|deliver|fix|resolve|reply|respond|get\s+back|"
    rf"contact|call|email|update|send|process|refund|credit|replac|restor|reactivat|complet|"
    rf"cancel|waive)\w*\b[^.!?\n]{{0,40}}?\b{_DEADLINE}\b"
    rf"|(?:\d+|[０-９]+|本日|明日|今週|来週|月末)[^。\n]{{0,12}}?(?:まで|以内)に[^。\n]{{0,20}}?"
    rf"(?:いた|致|させていただ)します"
    rf"|保証いたします|お約束(?:いた|致)します",
    re.IGNORECASE,
)
# "We cannot refund", "we aren't able to", "返金はいたしかねます": a refusal is not a promise.
NEGATION = re.compile(
    r"\b(?:not|never|cannot|unable|no\s+longer)\b|n['’]t\b|かねます|できません|いたしません",
    re.IGNORECASE,
)
# A clause ends at sentence punctuation or a contrast ("we can't refund it, but I can offer").
_CLAUSE_BREAK = re.compile(r"[.!?;。！？\n]|,?\s+but\b|,?\s+however\b|が、|けれど", re.IGNORECASE)

# --- English: subject + auxiliaries + action verb -------------------------------------------
# What the customer would otherwise pay: taking it on ("we're covering the import duties"),
# removing it ("your late fee has been removed") or holding it ("hold the price") is a benefit.
_CHARGE_NOUN = (
    r"(?:(?:\w+\s+)?(?:costs?|fees?|charges?|duties|duty|tax(?:es)?|shipping|postage|"
    r"surcharges?|penalt(?:y|ies)))\b"
)
# A new thing sent in place of the customer's ("a new charger", "a second pair"): a replacement.
_NEW_THING = r"(?:a|an)\s+(?:brand[- ])?(?:new|replacement|fresh|second|spare)\s+[a-z]+"
# What a benefit looks like as the object of a general verb ("offer you an extension").
_BENEFIT_OBJECT_EN = re.compile(
    r"\b(?:refund|credit|discount|coupon|voucher|promo(?:tion(?:al)?)?\s+code|code\s+for|"
    r"gift\s+card|gift\s+certificate|replacement|new\s+one|extension|exception|upgrade|exchange|"
    r"compensation|reimburs\w*|rebate|goodwill|courtesy|complimentary|waiver|free|"
    r"no\s+(?:extra\s+|additional\s+)?(?:cost|charge)|at\s+our\s+(?:cost|expense)|on\s+the\s+house|"
    r"full\s+amount|difference|(?:the|this|that|your|its)\s+(?:\w+\s+)?price|"
    rf"{_CHARGE_NOUN}|(?:sale|original|lower|old|promo\w*)\s+price|(?:more|extra|additional|another)\s+"
    r"(?:\w+\s+)?(?:days?|weeks?|months?|time)|by\s+(?:another\s+)?\w+\s+(?:days?|weeks?|months?)|"
    r"\d+\s*%|\d+\s+percent|off\b|points|bonus|miles|prepaid)|[$€£¥]\s?\d|"
    + _NEW_THING
    + r"|\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+"
    r"(?:extra\s+|more\s+|free\s+)?(?:days?|weeks?|months?|years?)\s+(?:to|onto)\s+"
    r"(?:your|the)\b",
    re.IGNORECASE,
)
_BENEFIT_VERBS = (
    r"refund|reimburs|compensat|credit|waiv|replac|reship|re-ship|discount|extend|void|revers|"
    r"price-?match|"
    r"comp(?:ed|ing|s)?\b"
)
_GENERAL_VERBS = (
    r"offer|give|gave|giving|send|sent|issu|appl(?:y|ie|yi)|add|generat|creat|provid|arrang|"
    r"approv|grant|process|honou?r|cover|put|ship|pay|paid|extend|upgrad|expedit|throw|threw|"
    r"set\s+up|match|take|took|knock|includ|cancel|re-?issu|do|approv|honou?r|get|got|remov|"
    r"hold|held|lock|absorb|drop|eat|ate|stand|refund"
)
EN_ACTION = re.compile(
    r"\b(?P<subj>i|we|(?:our|my)\s+(?:\w+\s+)?team|let\s+(?:me|us)|(?:would|do)\s+you\s+(?:like|want)\s+(?:me|us)\s+to"
    r"|(?:shall|can|may)\s+(?:i|we))"
    r"(?P<mid>(?:['’](?:ll|d|ve|m|re))?(?:\s+[a-z'’]+){0,6}?)"
    rf"\s+(?P<verb>(?:{_BENEFIT_VERBS}|{_GENERAL_VERBS})[a-z]*)\b",
    re.IGNORECASE,
)
_BENEFIT_VERB = re.compile(rf"(?:{_BENEFIT_VERBS})", re.IGNORECASE)
# Words that may stand between the subject and the verb: auxiliaries, modals and adverbs.
_AUX = frozenset(
    """'ll 'd 've 'm 're will would shall should can could may might must have has had am are is
    be been being going to able happy glad pleased delighted like love want just also already
    definitely certainly absolutely gladly happily now then went gone go ahead and of course
    really still immediately personally more than totally quickly right instantly do did
    actually surely sure willing today i we me us not never cannot can't won't unable was
    were""".split()
)
_MARKER = frozenset(
    """'ll 'd 've 'm 're will would shall can could may might have has had am are going able
    happy glad pleased delighted like love want went gone was were""".split()
)
_PAST = re.compile(r"(?:ed|gave|sent|put|paid|took|threw|set\s+up)$", re.IGNORECASE)
_CONTENT_CLAUSE = re.compile(r"\b(?:whether|if)\s*$", re.IGNORECASE)
_PASSIVE_EN = re.compile(
    r"\b(?:(?:has|have)\s+(?:now\s+|already\s+|just\s+|also\s+)?been|(?:will|['’]ll|shall)\s+be)"
    r"\s+(?:fully\s+|partially\s+)?"
    r"(?P<verb>refunded|credited|reimbursed|waived|compensated|replaced|discounted|extended|"
    r"upgraded|issued|applied|processed|approved|added|generated|reversed|removed|dropped|"
    r"cancell?ed|covered|taken\s+off|written\s+off)\b",
    re.IGNORECASE,
)
# General verbs in the passive need a benefit in their clause ("your refund has been
# processed", "your late fee has been removed"); "your order has been cancelled" is no benefit.
_PASSIVE_NEEDS_BENEFIT = frozenset(
    "issued applied processed approved added generated removed dropped cancelled canceled "
    "covered".split()
) | {"taken off", "written off"}
_GENERIC_CONDITION = re.compile(r"\b(?:once|when|after|until|before|if)\b", re.IGNORECASE)
# "a full refund is on its way", "your replacement is being shipped"
_ON_ITS_WAY = re.compile(
    r"\b(?:refund|credit|replacement|voucher|coupon|reimbursement|compensation)s?\s+(?:is|are)\s+"
    r"(?:already\s+|now\s+)?(?:on\s+(?:its|their)\s+way|being\s+(?:processed|issued|sent|shipped))",
    re.IGNORECASE,
)
# A charge we will not make is a benefit: "you won't be charged for the return".
_NO_CHARGE = re.compile(
    r"\byou\s+(?:won['’]t|will\s+not)\s+be\s+charged\b|\bwe\s+(?:won['’]t|will\s+not)\s+charge\s+you\b"
    r"|(?:手数料|送料|料金|費用|代金|差額)(?:は|も)?(?:いただきません|いただかない|頂戴いたしません|"
    r"(?:ご)?請求(?:いた)?しません)",
    re.IGNORECASE,
)
# "You'll see a credit of $12.50", "you'll have a replacement by Friday": what the customer
# will receive from us.
_YOU_RECEIVE = re.compile(
    r"\byou(?:['’]ll|\s+will|['’]re\s+going\s+to|\s+are\s+going\s+to|['’]re\s+getting|"
    r"\s+are\s+getting)\s+(?:\w+\s+){0,2}?(?:see|get|receive|have|find|notice)?\s*"
    r"(?:a|an|your|the)\s+(?:full\s+|partial\s+)?(?:refund|credit|replacement|voucher|coupon|"
    r"discount|reimbursement|compensation)\b",
    re.IGNORECASE,
)
# "the refund for your order went through", "your credit is complete": an act already done.
_WENT_THROUGH = re.compile(
    r"\b(?:refund|credit|reimbursement|replacement|compensation)s?\b[^.!?\n]{0,40}?\b"
    r"(?:went|has\s+gone|have\s+gone|is\s+going)\s+through\b",
    re.IGNORECASE,
)
# "Consider this a refund of the full $89", "take this as a credit": an offer in the imperative.
_CONSIDER = re.compile(
    r"^\s*(?:please\s+)?(?:consider|take|treat)\s+(?:this|it|that)\s+(?:as\s+)?(?:a|an|your)\s+"
    r"(?:\w+\s+)?(?:refund|credit|discount|gift|voucher|coupon|goodwill)\b",
    re.IGNORECASE | re.MULTILINE,
)
# "your next month is on us"
_ON_US = re.compile(r"\b(?:is|are|['’]s|will\s+be)\s+on\s+(?:us|the\s+house)\b", re.IGNORECASE)
# "I'll make sure you're refunded", "we'll ensure you get a replacement"
_ENSURE = re.compile(
    r"\b(?:i|we)\b[^.!?\n]{0,20}?\b(?:make\s+sure|ensure)\s+(?:that\s+)?(?:you|your\s+\w+)\b"
    r"[^.!?\n]{0,30}?\b(?:refund|credit|reimburs|replac|compensat)\w*",
    re.IGNORECASE,
)
_HERE_IS = re.compile(
    r"\bhere(?:['’]s|\s+is|\s+are)\s+(?:a|an|your)\s+[^.!?\n]{0,40}?"
    r"(?:coupon|voucher|promo\s+code|code\s+for|gift\s+card|credit|discount)\b",
    re.IGNORECASE,
)

# --- Japanese: benefit verb (or general verb + benefit object) in a speaker-as-actor form ----
_JA_AFFIRMATIVE = (
    r"(?:を|も)?(?:(?:いた|致)し(?:ます|ました|ましょう)|さ?せていただ(?:きます|きました)"
    r"|し(?:て|ておき|ておきま)(?:ます|ました|した)|(?:いた|致)して(?:おき)?(?:ます|ました)"
    r"|し(?:ます|ました)|ま(?:す|した)|(?:する|させていただく)こと(?:も|が)"
    r"(?:でき|可能で)(?:ます|す))(?!ん)"
)
JA_ACTION = re.compile(
    r"(?P<verb>ご?返金(?:処理)?|お?取り?[替換]え|交換|補償|割引|値引き?|減額|免除|無償で修理"
    r"|発行|付与|適用|お送り|送付|再?発送|お届け|手配|ご?用意|プレゼント|お付け|負担|完了|延長"
    r"|キャンセル|差し上げ(?=ま)|無料[にと]|無償[にと]|追加|補填|お返し|払い?戻し|進呈"
    r"|取り?消し(?:処理)?|値下げ|差し?引(?:き|か(?=せていただ))|半額[にと])"
    + _JA_AFFIRMATIVE
    + r"|(?P<accept>承り)(?:ます|ました)"
)
_JA_BENEFIT_VERB = re.compile(
    r"返金|[替換]え|交換|補償|補填|割引|値引|値下|減額|免除|修理|延長|無料|無償|お返し|払い?戻|進呈"
    r"|差し?引|半額"
)
# A replacement is a benefit wherever it sits in the object (「代わりの商品を…手配」).
_REPLACEMENT_JA = re.compile(r"代わりの|代替|交換用|新しい|新品|(?:お詫びの|粗|記念)品")
_BENEFIT_OBJECT_JA = re.compile(
    r"(?:クーポン|ポイント|返品|交換|割引|値引|代替品|交換品|新品|新しい商品|返金|送料|手数料|費用|代金|差額"
    r"|ギフト|商品券|全額|無償|無料|円分|[%％]|お詫び|期限|期間|請求|引き落とし|決済)"
)
_PROCEDURE = re.compile(r"お?手続き|処理|手配|対応")
_JA_OBJECT_END = re.compile(r"(?:を|は|も|で)[^。、を]{0,8}$")


# Small patterns used per match or per clause, compiled once here rather than looked up in
# ``re``'s cache on every call.
_MID_WORD = re.compile(r"['’]?[A-Za-z'’]+")
_JA_OF = re.compile(r"の|について|に関する")
_WHETHER = re.compile(r"\b(?:whether|if)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?。！？\n]")


def _clause_start(text: str, pos: int) -> int:
    return max((b.end() for b in _CLAUSE_BREAK.finditer(text, 0, pos)), default=0)


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos)
    return m.start() if m else len(text)


def _en_offers(draft: str) -> Iterator[tuple[int, int]]:
    """Spans of first-person offers and completed actions in English."""
    for m in EN_ACTION.finditer(draft):
        words = [w.lower().replace("’", "'") for w in _MID_WORD.findall(m["mid"])]
        if any(w not in _AUX for w in words):
            continue
        subj = m["subj"].lower()
        form = bool(set(words) & _MARKER) or bool(_PAST.search(m["verb"]))
        form = form or subj.startswith(("let", "would", "do", "shall", "can", "may"))
        if not form or _CONTENT_CLAUSE.search(draft, max(0, m.start() - 12), m.start()):
            continue
        if not _BENEFIT_VERB.match(m["verb"]):
            obj = draft[m.end() : _clause_end(draft, m.end())][:80]
            if not _BENEFIT_OBJECT_EN.search(obj):
                continue
        yield m.start(), m.end()
    yield from _en_passive_offers(draft)
    for pattern in (_HERE_IS, _ON_ITS_WAY, _YOU_RECEIVE, _WENT_THROUGH, _CONSIDER):
        for m in pattern.finditer(draft):
            if not _GENERIC_CONDITION.search(draft, _clause_start(draft, m.start()), m.start()):
                yield m.start(), m.end()


def _en_passive_offers(draft: str) -> Iterator[tuple[int, int]]:
    """Spans of completed or promised actions in the passive ("a credit has been applied")."""
    for m in _PASSIVE_EN.finditer(draft):
        start = _clause_start(draft, m.start())
        clause = draft[start : _clause_end(draft, m.end())]
        if _GENERIC_CONDITION.search(draft, start, m.start()):
            continue
        if m["verb"].lower() in _PASSIVE_NEEDS_BENEFIT:
            if not _BENEFIT_OBJECT_EN.search(clause):
                continue
        yield start + len(clause) - len(clause.lstrip()), m.end()


def _ja_object_head(before: str) -> str:
    """The head noun of the object before a Japanese verb: 「交換についてのご案内を」 -> ご案内.

    A procedure noun passes through to what it is for: 「ご返金の手続きを」 -> ご返金.
    """
    particle = _JA_OBJECT_END.search(before)
    if particle is None:
        return ""
    # quoted names (「SORRY10」) say which item, not what it is
    phrase = CORNER_QUOTE.sub("", before[max(0, particle.start() - 24) : particle.start()])[-12:]
    parts = _JA_OF.split(phrase)
    while len(parts) > 1 and _PROCEDURE.fullmatch(parts[-1]):
        parts.pop()
    return parts[-1]


def _ja_offers(draft: str) -> Iterator[tuple[int, int]]:
    """Spans of speaker-as-actor benefit actions in Japanese."""
    if not JAPANESE.search(draft):
        return  # every action form holds kana or kanji: an English draft has none to find
    for m in JA_ACTION.finditer(draft):
        start = _clause_start(draft, m.start())
        before = draft[start : m.start()]
        if not _JA_BENEFIT_VERB.search(m["verb"] or ""):
            head = _ja_object_head(before)
            if not (_BENEFIT_OBJECT_JA.search(head) or _REPLACEMENT_JA.search(before)):
                continue
        yield max(start, m.start() - 12), m.end()


# --- Sentence level: a benefit, an act by us, and nothing that makes it the customer's act ---
# The clause patterns above need the benefit right after the verb; people also write "I've
# sorted out a full refund", "happy to refund the shipping", 「全額返金の対応をさせていただきます」.
_SENT_BENEFIT_EN = re.compile(
    r"\b(?:refund\w*|reimburs\w*|credit(?:ed|ing)?|compensat\w*|discount\w*|vouchers?|coupons?|"
    r"promo\s+code|gift\s+card|replacement|brand-?new|new\s+(?:one|unit|pair|item|device)|free|"
    r"no\s+(?:extra\s+)?(?:cost|charge)|waiv\w*|extension|extend\w*|exception|upgrad\w*|"
    r"\d+\s*%\s+off|cover\s+the\s+cost)\b|[$€£¥]\s?\d[\d.,]*\s+off\b",
    re.IGNORECASE,
)
_SENT_AGENT_EN = re.compile(
    r"\b(?:i|we)(?:['’](?:ve|ll|m|re|d))?\s+(?:\w+\s+){0,3}?"
    r"(?:\w+ed|will|would|can|could|have|has|had|am|are|was|were|going|happy|glad|able|sending|"
    r"getting|giving|offering|issuing|sorting|arranging|making|taking|covering|shipping|"
    r"send|get|give|make|take|sort|arrange|put|pay|paid|sent|gave|got|made|took|put)\b"
    r"|\b(?:i|we)['’](?:ve|ll|m|re|d)\b|^\s*(?:happy|glad|pleased)\s+to\b"
    r"|\byou(?:['’]re|\s+are|['’]ll|\s+will)\s+(?:be\s+)?(?:getting|get|receive|receiving)\b"
    # said without an agent: "no charge for the repair", "your account now has a credit"
    r"|^\s*no\s+charge\b"
    r"|\b(?:now\s+has|now\s+have|now\s+includes?)\b",
    re.IGNORECASE,
)
# The benefit is the customer's to ask for, or only looked into: not a promise.
_SENT_NOT_OURS_EN = re.compile(
    r"\byou\s+(?:can|could|may|might|should|need\s+to|['’]re\s+welcome\s+to)\b|\bplease\b"
    r"|\b(?:check|checking|confirm|review|look\s+into|investigat\w*|about|regarding|whether|"
    r"if|try|trying|use|using|enter|redeem|request|requesting|choose|select|ask\s+for|find)\s+"
    r"(?:\w+\s+){0,3}?(?:refund|credit|discount|voucher|coupon|promo|gift|replacement|"
    r"extension|exception|upgrade)"
    r"|\b(?:refund|credit|replacement|discount)\s+(?:status|request|policy|process|form|page|option)"
    # a benefit that is not there: "there's no pending credit"
    r"|\bno\s+(?:\w+\s+)?(?:refund|credit|discount|replacement|voucher|coupon)s?\b"
    r"|\b(?:update|news)\s+(?:on|about)\b|\b(?:when|once|after|until|as\s+soon\s+as)\s+(?:\w+\s+){0,2}?"
    r"(?:refund|credit|replacement)"
    # a feeling, not an act: "sorry your refund is late", "glad the replacement works"
    r"|\b(?:glad|happy|pleased)\b(?!\s+to\b)|\b(?:sorry|hope|understand|know|appreciate|noticed)\b"
    # the state of something that already exists: "your replacement was delivered yesterday"
    r"|\b(?:was|were)\s+(?:\w+\s+)?(?:delivered|received|arrived|returned|dispatched|collected)\b",
    re.IGNORECASE,
)
_SENT_BENEFIT_JA = re.compile(
    r"返金|交換|新品|送料|手数料|料金|代替品|代わりの|クーポン|ポイント|割引|値引|\d+円引き|無料|無償|免除|負担|補償|"
    r"補填|延長|延ば|お詫びの品"
)
_SENT_AGENT_JA = re.compile(
    r"(?:いた|致)し(?:ます|ました)|せていただ(?:きます|きました)|(?:し|致し)ました|します(?!か)"
    r"|お付け|差し上げ|済み|手配"
)
_SENT_NOT_OURS_JA = re.compile(
    r"ください|いただけ|行えます|ご希望|ご確認|ご案内|ご連絡|ご報告|ご説明|説明|お知らせ|確認|調査|"
    r"可否|状況|進捗|記載|流れ|"
    r"ておりません|ございません|安心|嬉し|うれし|何より|幸い|喜ん|届いた|とのこと"
)


_SUB_CLAUSE = re.compile(r"[;:：]|,?\s+but\b|,?\s+however\b|が、", re.IGNORECASE)


def _clauses(draft: str) -> Iterator[tuple[int, str]]:
    """Each clause of each sentence with its start ("I've attached a label; shipping is free")."""
    for sentence in split_sentences(draft):
        if is_follow_up_time_frame(sentence.text):
            continue
        start = 0
        for brk in (*_SUB_CLAUSE.finditer(sentence.text), None):
            end = brk.start() if brk else len(sentence.text)
            yield sentence.start + start, sentence.text[start:end]
            start = brk.end() if brk else end


def _sentence_offers(draft: str) -> Iterator[tuple[int, int]]:
    """Clauses with a benefit, an act by us, and no sign that it is the customer's act."""
    # The Japanese benefits all hold kana or kanji: one search of the draft spares two
    # searches of each of its clauses when it has none.
    japanese = JAPANESE.search(draft) is not None
    for start, text in _clauses(draft):
        if _WHETHER.search(text):
            continue  # "whether we offer a nonprofit discount": a question, not an offer
        if _SENT_BENEFIT_EN.search(text) and _SENT_AGENT_EN.search(text):
            if not _SENT_NOT_OURS_EN.search(text):
                yield start, start + len(text)
        elif japanese and _SENT_BENEFIT_JA.search(text) and _SENT_AGENT_JA.search(text):
            if not _SENT_NOT_OURS_JA.search(text):
                yield start, start + len(text)


# The folded KB text, once per KB content (``kb_key``), not per request.
_KB_TEXT: DerivedCache[str, str] = DerivedCache(16)


def _kb_text(articles: tuple[Article, ...]) -> str:
    return _KB_TEXT.get(kb_key(articles), lambda: _fold("\n".join(a.body for a in articles)))


def _sentence(draft: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(draft, 0, start)), default=0)
    right = _SENTENCE_END.search(draft, end)
    return draft[left : right.start() if right else len(draft)]


class Commitment(GuardrailBase):
    """Flags promises, offers and completed actions: refunds, credits, replacements, deadlines."""

    code: ClassVar[FlagCode] = "commitment"
    severity: ClassVar[Severity] = "verify"

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """Return one verify finding per promise (a KB sentence quoted verbatim is no promise)."""
        spans: list[tuple[int, int]] = []
        for m in COMMITMENT.finditer(draft):
            clause_start = _clause_start(draft, m.start())
            if NEGATION.search(draft, clause_start, m.end()) or is_follow_up_time_frame(m.group()):
                continue
            spans.append((m.start(), m.end()))
        for m in (
            *_NO_CHARGE.finditer(draft),
            *_ENSURE.finditer(draft),
            *_ON_US.finditer(draft),
        ):
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))  # their negation is the benefit itself
        for start, end in (*_en_offers(draft), *_ja_offers(draft), *_sentence_offers(draft)):
            if NEGATION.search(draft, _clause_start(draft, start), end):
                continue
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
        kb = _kb_text(ctx.articles) if spans and ctx.articles else ""
        findings = []
        for start, end in sorted(spans):
            sentence = _fold(_sentence(draft, start, end))
            if kb and len(sentence) > 12 and sentence.strip(" .。") in kb:
                continue  # a published policy quoted word for word
            text = draft[start:end]
            findings.append(
                self.finding(
                    message=f'Promise to the customer; check it is authorised: "{text}"',
                    span=Span(start=start, end=end),
                    evidence=text,
                )
            )
        return findings

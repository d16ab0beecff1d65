"""``escalation`` (verify): the thread needs someone beyond the first-line agent.

Raised from the customer's latest turn whatever the draft says: a request for a manager or
supervisor, a threat of legal action, a chargeback, a regulator or a public review, a
cancellation (or the threat of one), or the third turn about the same matter. The finding's
``evidence`` is the handoff summary for the next team (the ask, what was tried, mood, order
numbers), with every personal value the PII engine finds replaced by its type; the pipeline
copies it to the report's ``handoff``.
"""

from __future__ import annotations

import re
from typing import ClassVar

from guardrails.base import Finding, FlagCode, GuardrailBase, Severity
from guardrails.context import GuardrailContext, Message
from guardrails.pii.engine import PiiEngine
from guardrails.practice.references import thread_references
from guardrails.questions import extract_questions
from guardrails.sentences import flatten, split_sentences
from guardrails.terms import content_terms

# The mood reading lives in the pipeline today; it moves to guardrails/text/mood.py.
from guardrails.text.mood import seems_upset

_TRIGGERS: dict[str, tuple[str, re.Pattern[str]]] = {
    "manager": (
        "asks for a manager or supervisor",
        re.compile(
            r"(?:speak|talk|escalat\w*|transfer|put me through|connect me|get me|want|need|"
            r"ask(?:ing)? for|let me|who is|who's)\W+(?:\w+\W+){0,4}?(?:manager|supervisor|boss|"
            r"team lead(?:er)?|someone (?:in charge|senior|with authority|higher up)|higher[- ]up)"
            r"|\bescalate\b|上司|責任者|上の(?:人|者|方)|担当者を?(?:変え|代え)",
            re.IGNORECASE,
        ),
    ),
    "legal": (
        "threatens legal action",
        re.compile(
            r"\b(?:lawyers?|attorneys?|solicitors?|legal action|sue|suing|lawsuit|small claims|"
            r"legal department|(?:to|in) court|court case)\b|弁護士|訴訟|訴え|法的な?(?:措置|手段)|"
            r"裁判|提訴",
            re.IGNORECASE,
        ),
    ),
    "chargeback": (
        "threatens a chargeback",
        re.compile(
            r"\bcharge ?backs?\b|\bdispute (?:the|this|these) (?:charges?|payments?|"
            r"transactions?)|\b(?:open(?:ed|ing)?|fil(?:e|ed|ing)|rais(?:e|ed|ing)|"
            r"start(?:ed|ing)?) a (?:dispute|claim)\b|\bdispute with (?:my bank|paypal|visa|"
            r"amex|mastercard|my card)|\b(?:call|contact|tell|ask) my (?:bank|card "
            r"(?:issuer|company))|\breverse the (?:charge|payment)|チャージバック|"
            r"(?:クレジット)?カード会社に[^。]{0,20}(?:連絡|相談|申し立て|異議|取り消し|返金を求め)",
            re.IGNORECASE,
        ),
    ),
    "public": (
        "threatens a regulator or a public review",
        re.compile(
            r"\b(?:report\w*|complain\w*|contact\w*|call\w*|writ\w* to|go\w* to|fil\w*|"
            r"lodg\w*|escalat\w*|tell\w*)\W+(?:\w+\W+){0,5}?(?:BBB|better business bureau|FTC|"
            r"consumer (?:protection|rights|agency|council)|ombudsman|trading standards|"
            r"regulators?|attorney general)\b|\b(?:one|1)[- ]star\b|"
            r"\b(?:bad|negative|terrible|honest) reviews?\b|"
            r"\b(?:I'll|I will|I'm going to|I am going to|going to|or I)\s+"
            r"(?:\w+\s+){0,3}?(?:post|tweet|share|tell|warn|write|leave)\b.{0,40}\b(?:twitter|"
            r"facebook|instagram|reddit|social media|everyone|tiktok|online|reviews?)\b|"
            r"(?:消費(?:者|生活)センター|国民生活センター|消費者庁|公正取引委員会)(?:に|へ)|"
            r"(?:口コミ|レビュー)(?:に|で)[^。]{0,12}(?:書|投稿|評価)|星(?:1|１|一)つ|"
            r"(?:SNS|ツイッター|X|ネット)(?:で|に)[^。]{0,8}(?:拡散|晒|書|投稿|公開)|拡散",
            re.IGNORECASE,
        ),
    ),
    "cancel": (
        "cancels or threatens to",
        re.compile(
            r"\bI(?:'m| am| will|'ll| want to| wish to| would like to|'d like to| have decided "
            r"to| am going to|'m going to)\s+(?:cancel|clos|terminat|leav|switch)\w*|"
            r"\bI(?:'m| am) done with\b|(?:^|[.!?]\s+|\n)\s*(?:please\s+)?(?:cancel|close|"
            r"terminate|end) my (?:account|subscription|membership|plan|service|contract)\b|"
            r"\b(?:or|otherwise|unless|else)\b.{0,40}\b(?:cancel\w*|close my account|take my "
            r"business)|\b(?:switching|moving) to (?:a |another )?(?:competitor|another)|"
            r"(?:解約|退会|キャンセル)(?:します|したい|させて|して(?:ください|下さい)|を希望|"
            r"いたします|する(?!方法|には|手順|場合|ため|際))|他社に(?:乗り換え|切り替え)|"
            r"乗り換え(?:ます|る)",
            re.IGNORECASE,
        ),
    ),
    "repeat": (
        "writes again about the same matter",
        re.compile(
            r"\b(?:third|fourth|fifth|3rd|4th|5th) (?:time|email|message|request)\b|"
            r"\b(?:asked|written|wrote|emailed|contacted|reached out)\b.{0,20}\b(?:several|many|"
            r"multiple|three|four|five|six|[3-9]) times\b|\bkeep (?:asking|writing|emailing)\b|"
            r"\bagain and again\b|[3-9３-９三四五](?:回目|度目)|何度も(?:問い合わせ|連絡|お願い|"
            r"メール)|再三|何回も|何度目",
            re.IGNORECASE,
        ),
    ),
}
# Any mention of cancelling, in an upset message, is a cancellation ("Terrible. How do I cancel?").
_CANCEL_WORD = re.compile(r"\bcancel|\bclose my account|解約|退会", re.IGNORECASE)
_REPEAT_TURNS = 3  # the third customer turn on one matter goes to someone new
_SNIPPET = 140


def _customer_turns(messages: tuple[Message, ...]) -> list[str]:
    """The customer's turns (messages between agent replies), oldest first."""
    turns: list[list[str]] = []
    previous = None
    for message in messages:
        if message.role == "customer":
            if previous != "customer":
                turns.append([])
            turns[-1].append(message.body)
        previous = message.role
    return ["\n".join(turn) for turn in turns]


def triggers(ctx: GuardrailContext) -> list[str]:
    """The escalation triggers of the thread (keys of ``_TRIGGERS``), in that order."""
    latest = "\n".join(m.body for m in ctx.latest_customer_turn)
    found = [key for key, (_, pattern) in _TRIGGERS.items() if pattern.search(latest)]
    if _CANCEL_WORD.search(latest) and seems_upset(latest, ctx.customer_language):
        found.append("cancel")
    turns = _customer_turns(ctx.messages)
    if "repeat" not in found and len(turns) >= _REPEAT_TURNS:
        matter = content_terms(turns[-1] + "\n" + (ctx.subject or ""))
        if any(content_terms(turn) & matter for turn in turns[:-1]):
            found.append("repeat")
    return [key for key in _TRIGGERS if key in found]


def _snippet(text: str) -> str:
    text = flatten(text).strip().rstrip(" .!?。！？")
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1].rstrip() + "…"


def _last_agent_step(ctx: GuardrailContext) -> str | None:
    """The first sentence of the last agent reply that is not a greeting or a thank-you."""
    replies = [m.body for m in ctx.messages if m.role == "agent"]
    if not replies:
        return None
    sentences = [s.text for s in split_sentences(replies[-1])]
    useful = [s for s in sentences[1:] if not re.match(r"(?i)(thanks|thank you|hi|hello)", s)]
    return _snippet((useful or sentences or [""])[0]) or None


def handoff_summary(ctx: GuardrailContext, found: list[str]) -> str:
    """A short summary for the next team: why, the ask, what was tried, mood, order numbers."""
    latest = "\n".join(m.body for m in ctx.latest_customer_turn)
    asks = [q.text for q in extract_questions(ctx)][:2]
    if not asks:
        asks = [s.text for s in split_sentences(latest)][:2]
    replies = sum(1 for m in ctx.messages if m.role == "agent")
    last_step = _last_agent_step(ctx)
    tried = f"{replies} earlier repl{'y' if replies == 1 else 'ies'}" if replies else "nothing yet"
    if last_step:
        tried += f"; last: {last_step}"
    mood = "upset" if seems_upset(latest, ctx.customer_language) else "calm"
    orders = thread_references(ctx.subject, [m.body for m in ctx.messages])
    parts = [
        "Escalation: " + ", ".join(_TRIGGERS[key][0] for key in found) + ".",
        "Ask: " + " / ".join(_snippet(a) for a in asks) + ".",
        f"Tried: {tried}.",
        f"Mood: {mood}.",
        "Orders: " + (", ".join(f"#{o}" for o in orders) or "none named") + ".",
    ]
    return " ".join(parts)


class Escalation(GuardrailBase):
    """``escalation``: hand the thread on; ``evidence`` is the masked handoff summary."""

    code: ClassVar[FlagCode] = "escalation"
    severity: ClassVar[Severity] = "verify"

    def __init__(self, engine: PiiEngine) -> None:
        self.engine = engine

    def _masked(self, text: str, language: str) -> str:
        entities = self.engine.analyze(text, language)
        for ent in sorted(entities, key=lambda e: e.start, reverse=True):
            text = text[: ent.start] + f"<{ent.type}>" + text[ent.end :]
        return text

    def check(self, draft: str, ctx: GuardrailContext) -> list[Finding]:
        """One finding when the thread calls for escalation, carrying the handoff summary."""
        found = triggers(ctx)
        if not found:
            return []
        reasons = "; ".join(_TRIGGERS[key][0] for key in found)
        summary = self._masked(handoff_summary(ctx, found), ctx.customer_language)
        return [
            self.finding(
                message=f"Escalate this thread: the customer {reasons}.",
                evidence=summary,
            )
        ]

"""The offline drafter checks its own answer: do the sentences it chose give what is asked?

A support lead reads an ask's form before its words: "Why is it down?" wants a cause, "How do I
reset it?" steps, "Where do I enter the code?" a place or the way there, "When does it kick
in?" a time. An article sharing the ask's words but not giving that form talks about the topic
and answers nothing ("Why is it down?" met by how to export the site; 「なぜ使えないのですか」 by
where to type a coupon code). Such an ask is better deferred, visibly, than "answered".

What an ask wants and what a sentence gives are the judge's own readings
(``guardrails.questions.answer_types``: ``asked_types``, ``supplied_types``), so that a deferral
here is what the judge reads as ``pending``. The drafter adds its own reading of steps
(``STEPS_GIVEN``: a click, a menu path, 「…」欄に) and of a time frame (``TIME_FRAME``), which it
already uses to rank sentences: a sentence the drafter copies for its steps or its time frame
counts as giving them. A yes/no ask ("Can I use two codes?") wants a yes or a no, not a form,
and is not checked here, as the judge does not check it either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from guardrails.questions.answer_types import asked_types, polar_in_form, supplied_types
from guardrails.questions.time_phrases import relative_time
from guardrails.text.imperative import is_command

# Steps given: "To export ...", "go to", "click", a menu path, "open"; 「→」「クリック」, where it
# is done and a potential form (「マイページから変更できます」), a field to fill (「…欄に」).
STEPS_GIVEN = {
    "en": re.compile(r"(^To |\bgo to\b|\bclick\b| > |\bopen\b)", re.IGNORECASE),
    "ja": re.compile(r"( > |→|クリック|から.*(?:変更|設定|お手続き|行え|できます)|欄に)"),
}
# A time frame: "within 5-10 business days", "up to 48 hours", "5〜10営業日", "24時間以内".
TIME_FRAME = {
    "en": re.compile(
        r"\b\d+(?:\s*(?:-|–|to)\s*\d+)?\s+(?:business\s+|working\s+)?"
        r"(?:days?|hours?|weeks?|minutes?|months?)\b",
        re.I,
    ),
    "ja": re.compile(r"\d+(?:\s*[〜~\-–]\s*\d+)?\s*(?:営業日|日間|日|時間|週間|分|か月|ヶ月)"),
}

# A where-ask for something to read or learn about ("Where can I read your shipping policy?"):
# telling its content answers it as well as a place or a link.
_WHERE_TO_READ = re.compile(
    r"\bwhere\s+(?:can|could|do|should|would|may)\s+(?:i|we)\s+(?:read|learn|find\s+out)\b",
    re.IGNORECASE,
)

# The forms checked, each a group of answer types any one of which gives it: a cause; the way
# (a place is also told by the way there, and a way by where it is done: "under Settings >
# Billing" answers "where" and "how"); a time (a date, a duration or an hour of the clock).
CAUSE = "cause"
WAY = "way"
TIME = "time"
_GROUPS: dict[str, frozenset[str]] = {
    CAUSE: frozenset({"@reason"}),
    WAY: frozenset({"@procedure", "@place"}),
    TIME: frozenset({"@time", "@clock"}),
}


def forms_wanted(ask: str) -> frozenset[str]:
    """The forms (``CAUSE``, ``WAY``, ``TIME``) that ``ask`` asks for; none for a yes/no ask."""
    if polar_in_form(ask):
        return frozenset()
    # 「どうしておけば」 (the way, not a cause) is read by ``asked_types``, the judge's reading
    wanted = asked_types(ask)
    if _WHERE_TO_READ.search(ask):
        wanted -= {"@place"}
    return frozenset(form for form, kinds in _GROUPS.items() if kinds & wanted)


# KB sentences recur across asks, drafts and the readings of one ask; reading one is costly
# (every answer-type reader), so each (sentence, language) is read once.
_FORMS_CACHE = 8192


@lru_cache(maxsize=_FORMS_CACHE)
def forms_given(sentence: str, language: str) -> frozenset[str]:
    """The forms that ``sentence`` (a KB sentence the drafter may copy) gives."""
    lang = "ja" if language == "ja" else "en"
    supplied = supplied_types(sentence)
    given = {form for form, kinds in _GROUPS.items() if kinds & supplied}
    # A request to the customer ("Send us a photo within 7 days", 「写真を添えてご連絡ください」)
    # tells what to do: the way asked by "what should I do?" / 「どうしたらいいですか」, though
    # it is no step through the product's screens.
    if STEPS_GIVEN[lang].search(sentence) or is_command(sentence, lang):
        given.add(WAY)
    if TIME_FRAME[lang].search(sentence) or relative_time(sentence):
        # a time frame, or a time told by an event ("until renewal", 「次回ログイン時に」): the
        # drafter copies a KB sentence chosen for the ask; the judge does not read these
        # (a relative time of another act, "Your card can be activated upon arrival", would
        # pass a when-ask it does not answer)
        given.add(TIME)
    return frozenset(given)


def forms_missing(
    wanted: frozenset[str], sentences: Sequence[str], language: str
) -> frozenset[str]:
    """The forms of ``wanted`` that none of ``sentences`` gives."""
    if not wanted:
        return frozenset()
    given = frozenset[str]().union(*(forms_given(s, language) for s in sentences))
    return wanted - given

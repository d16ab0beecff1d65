"""The customer's mood: does their latest message (or the thread subject) report a problem?

DIGEST: a message whose temperature cannot be read is treated as upset; a plain how-to
question is thanked, anything reporting trouble gets an apology first. The prompt, the offline
drafter and any check read the mood here, from the same text (subject and latest turn).
"""

from __future__ import annotations

import re

_EN_UPSET = re.compile(
    r"(charged twice|double[- ]charged?|overcharg|frustrat|angry|upset|annoy|disappoint|"
    r"unacceptable|terrible|awful|worst|ridiculous|still (?:not|no|haven't|hasn't|waiting)|"
    r"not working|(?:doesn't|does not|isn't|won't) work|broken|can't|cannot|unable|error|"
    r"fail|wrong|never (?:arrived|received|came)|damaged|problem|issue|complain|urgent|asap|"
    r"!!)",
    re.IGNORECASE,
)
_JA_UPSET = re.compile(
    r"(困って|困り|できません|出来ません|できない|エラー|不具合|二重|重複|届かない|届いていない|"
    r"届きません|壊れ|破損|誤って|間違|至急|急ぎ|不満|残念|納得|遅れ|ひどい|おかしい|"
    r"ログインでき|！！)"
)


def seems_upset(text: str, language: str) -> bool:
    """Return whether ``text`` reports a problem or sounds upset (then we apologise)."""
    pattern = _JA_UPSET if language == "ja" else _EN_UPSET
    return bool(pattern.search(text))


def customer_upset(subject: str | None, latest_text: str, language: str) -> bool:
    """The customer's mood for a reply: the subject and the latest customer turn, read once."""
    return seems_upset(f"{subject or ''}\n{latest_text}", language)

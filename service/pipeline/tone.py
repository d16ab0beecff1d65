"""The customer's mood in their latest message: reports a problem / sounds upset, or not.

DIGEST: a message whose temperature cannot be read is treated as upset; a plain how-to
question is thanked, anything reporting trouble gets an apology first. Both the prompt and the
offline drafter use it.
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
    """Return whether the customer reports a problem or sounds upset (then we apologise)."""
    pattern = _JA_UPSET if language == "ja" else _EN_UPSET
    return bool(pattern.search(text))

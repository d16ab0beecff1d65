"""How to address the customer: English first name, Japanese family name (before 様)."""

from __future__ import annotations

import re

_TITLES = re.compile(r"^(mr|mrs|ms|miss|dr|prof)\.?\s+", re.IGNORECASE)


def greeting_name_for(full_name: str | None, language: str) -> str | None:
    """The part of ``full_name`` a greeting uses, or None when there is no name.

    Japanese names are written family name first ("山田 太郎" -> "山田"); an unsplit Japanese
    name is used whole, since guessing the boundary could produce a wrong name.
    """
    if not full_name or not full_name.strip():
        return None
    parts = _TITLES.sub("", full_name.strip()).split()
    if not parts:
        return None
    if language == "ja":
        return parts[0] if len(parts) > 1 else full_name.strip()
    if "," in parts[0]:  # "Lopez, Maria"
        return parts[1] if len(parts) > 1 else parts[0].rstrip(",")
    return parts[0]

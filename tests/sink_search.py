"""Where a planted personal value shows in a sink (a table dump, a response, the logs).

The sinks hold hash digests (the audit chain, request fingerprints) and ids. A short planted
value such as a five-digit postcode turns up inside a random 64-character hex digest now and
then (about once in a hundred runs of a test that stores a few hundred digests); that is no
leak, and a test that fails on it cries wolf. Hex runs of 32 characters or more and UUIDs are
blanked before the search, keeping every other character where it was, so a value written
anywhere else is still found.
"""

from __future__ import annotations

import re

_DIGEST_OR_ID = re.compile(
    r"[0-9a-fA-F]{32,}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


def find_planted(content: str, probe: str, *, ignore_case: bool = False) -> int:
    """Offset of ``probe`` in ``content`` outside digests and ids, or -1 when it is not there."""
    blanked = _DIGEST_OR_ID.sub(lambda m: "#" * len(m.group()), content)
    if ignore_case:
        return blanked.lower().find(probe.lower())
    return blanked.find(probe)

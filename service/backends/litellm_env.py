"""Import litellm safely: with its local cost map, so importing it never reaches the network."""

from __future__ import annotations

import os
from functools import lru_cache
from types import ModuleType


@lru_cache(maxsize=1)
def load_litellm() -> ModuleType:
    """Import litellm once, after forcing the bundled model-cost map (no fetch at import)."""
    # litellm downloads its price list at import unless this is set; tests have no network.
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    import litellm

    litellm.telemetry = False
    litellm.suppress_debug_info = True
    return litellm

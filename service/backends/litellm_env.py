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
    # Counting a streamed answer's tokens (when the server sends no usage) would otherwise fetch
    # a Hugging Face tokenizer for model names such as "llama-3": a network call, made on the
    # event loop, that a server with no route out waits on. tiktoken's bundled encoding counts.
    litellm.disable_hf_tokenizer_download = True
    return litellm

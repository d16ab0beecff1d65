"""A runtime loads at start what every draft needs, so its first request is not slower."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from service.runtime import _WARM_UP_TEXT, shared_resources
from service.settings import Settings


def test_the_warm_up_line_exercises_the_recognizers_with_lazy_tables(settings: Settings) -> None:
    # The email check builds its public-suffix trie on first use: the line must reach it,
    # and the names and phone checks too, or the first customer's draft pays for them.
    found = {e.type for e in shared_resources(settings).pii.get().analyze(_WARM_UP_TEXT, "en")}
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON"} <= found


@pytest.mark.slow  # a fresh interpreter: what a worker process has loaded once it is built
def test_a_runtime_with_a_remote_model_has_loaded_the_provider_sdk(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from service.runtime import Runtime
        from service.settings import Settings
        Runtime.build(Settings(database_url="sqlite:///{tmp_path / "x.db"}",
                               llm_model="openai/fake-model", data_dir="{tmp_path}"))
        print("openai.resources" in sys.modules)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    assert out.stdout.strip().splitlines()[-1] == "True"

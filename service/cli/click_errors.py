"""Click's usage exceptions as the installed typer raises them, the CLI's one import of them.

Typer 0.26 vendors click as ``typer._click`` (a private module, and no longer depends on
click); earlier typers raise click's own exceptions. pyproject asks for ``typer>=0.26``; the
fallback keeps an older typer someone pinned from turning every usage mistake into an
``ImportError`` (``tests/service/cli/test_click_errors.py`` checks which one typer raises).
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

VENDORED = importlib.util.find_spec("typer._click") is not None

if TYPE_CHECKING or VENDORED:
    from typer._click.exceptions import (
        ClickException,
        MissingParameter,
        NoArgsIsHelpError,
        NoSuchOption,
        UsageError,
    )
else:  # typer < 0.26: click itself is its dependency
    from click.exceptions import (
        ClickException,
        MissingParameter,
        NoArgsIsHelpError,
        NoSuchOption,
        UsageError,
    )

__all__ = [
    "VENDORED",
    "ClickException",
    "MissingParameter",
    "NoArgsIsHelpError",
    "NoSuchOption",
    "UsageError",
]

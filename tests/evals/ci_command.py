"""The eval command of ``.ci/run``, read from the script itself (one source for its gates).

CI runs ``replydraft eval run <suites> --model offline ... --fail-on "<gates>"``; the pytest twin
of that gate (``test_ci_gate.py``) and the README check read the command from here, so the
gates, suites and model live in ``.ci/run`` alone and cannot drift from a copy.
"""

from __future__ import annotations

import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CI_SCRIPT = REPO / ".ci" / "run"
_PROGRAM = "replydraft"


def ci_eval_argv() -> list[str]:
    """The arguments after ``replydraft`` of the one ``eval run`` command in ``.ci/run``."""
    script = CI_SCRIPT.read_text(encoding="utf-8").replace("\\\n", " ")  # continued lines
    commands = [
        shlex.split(line, comments=True)
        for line in script.splitlines()
        if not line.lstrip().startswith(("#", "echo"))
    ]
    runs = [
        argv[1:]
        for argv in commands
        if argv and Path(argv[0]).name == _PROGRAM and argv[1:3] == ["eval", "run"]
    ]
    if len(runs) != 1:
        raise AssertionError(f"expected one `{_PROGRAM} eval run` in .ci/run, found {len(runs)}")
    return runs[0]


def option_value(argv: list[str], option: str) -> str:
    """The value given to ``option`` (``--fail-on X`` or ``--fail-on=X``) in ``argv``."""
    for i, arg in enumerate(argv):
        if arg == option and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    raise AssertionError(f"{option} not in the CI eval command")


def with_option(argv: list[str], option: str, value: str) -> list[str]:
    """``argv`` with ``option`` set to ``value`` (replaced where given, else appended)."""
    out: list[str] = []
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == option and i + 1 < len(argv):
            skip = True
            continue
        if arg.startswith(option + "="):
            continue
        out.append(arg)
    return [*out, option, value]

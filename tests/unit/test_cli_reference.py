"""docs/cli.md is the current output of `juesuan --help` and of each command's `--help`
(regenerate it with `.venv/bin/python scripts/cli_reference.py`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).parents[2]
_spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
assert _spec and _spec.loader
ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ref)


def test_the_committed_cli_reference_is_current():
    expected = ref.render()
    committed = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert committed == expected, "docs/cli.md is stale: run .venv/bin/python scripts/cli_reference.py"


def test_the_reference_covers_every_command_and_option():
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    names = ref.commands()
    assert {"version", "parse", "check", "build", "add", "bench"} <= set(names)
    for name in names:
        assert f"## juesuan {name}\n" in text
        assert f"Usage: juesuan {name} [OPTIONS]" in text
    for option in ("--meta", "--out", "--jobs", "--check", "--url"):
        assert option in text

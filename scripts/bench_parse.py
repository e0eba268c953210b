"""Parse-speed benchmark: `python scripts/bench_parse.py [PDF] [--repeat N]`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from juesuan.commands.bench import command

DEFAULT = Path(__file__).parents[1] / "tests/fixtures/golden/004_e4eb685f5dbf33b3/004_e4eb685f5dbf33b3.pdf"

if __name__ == "__main__":
    if len(sys.argv) == 1 or sys.argv[1].startswith("-"):
        sys.argv.insert(1, str(DEFAULT))
    typer.run(command)

"""`juesuan --help` stays light: the heavy libraries are imported by the command that runs.

Structural, not timed: the help is rendered in a fresh interpreter and the test looks at
which modules that interpreter imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "altair", "pdfplumber", "pypdfium2", "frictionless", "jinja2", "mkdocs",
         "docx", "pypinyin", "yaml", "dask", "numpy")

PROBE = r"""
import contextlib, io, json, sys
from juesuan.cli import app
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    try:
        app(sys.argv[1:], prog_name="juesuan")
    except SystemExit as e:
        code = e.code
    else:
        code = 0
print(json.dumps({"code": code, "help": buf.getvalue(),
                  "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _help(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          timeout=60, env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("args", [("--help",), ("parse", "--help"), ("build", "--help"),
                                  ("check", "--help"), ("add", "--help"), ("bench", "--help")],
                         ids=lambda a: " ".join(a))
def test_help_imports_no_heavy_library(args):
    result = _help(*args)
    assert result["code"] in (0, None)
    assert "Usage" in result["help"]
    loaded = sorted(set(HEAVY) & set(result["modules"]))
    assert not loaded, f"`juesuan {' '.join(args)}` imported {loaded}: import them inside the command"


def test_help_lists_every_command():
    text = _help("--help")["help"]
    for name in ("version", "parse", "check", "build", "add", "bench"):
        assert name in text

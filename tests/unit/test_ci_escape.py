"""Nothing a contributed file says can become a GitHub workflow command in the CI log."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from juesuan.runner_report import SafeFormatter, annotation, safe_line, safe_text, summary_markdown

REPO = Path(__file__).resolve().parents[2]
EVIL = "x\n::warning file=a::pwned\r\n  ::stop-commands::tok\r##[error]old style"


def _commands(lines: list[str]) -> list[str]:
    """The lines GitHub would run: ``::`` after leading blanks, or ``##[`` anywhere."""
    return [line for line in lines if line.lstrip().startswith("::") or "##[" in line]


def test_safe_line_is_one_inert_line():
    line = safe_line(EVIL)
    assert "\n" not in line and "\r" not in line
    assert _commands([line]) == []
    assert "::warning file=a::pwned" in line, "the text stays readable"
    assert _commands([safe_line("::error::x")]) == []


def test_safe_text_keeps_lines_but_none_is_a_command():
    lines = safe_text(EVIL).split("\n")
    assert len(lines) == 4 and _commands(lines) == []


def test_log_records_are_inert(caplog):
    record = logging.LogRecord("juesuan", logging.ERROR, __file__, 1, "bad file %s", (EVIL,), None)
    out = SafeFormatter("%(levelname)s %(message)s").format(record)
    assert _commands(out.split("\n")) == []


def test_annotations_escape_message_and_properties():
    line = annotation("error", EVIL, file="a\n::x,y", title="t::z")
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=a%0A%3A%3Ax%2Cy,title=t%3A%3Az::x%0A")


def test_summary_lists_messages_on_one_line(tmp_path):
    from types import SimpleNamespace

    from juesuan.runner_exec import ErrorInfo

    d = tmp_path / "data/reports/a/2024"
    result = SimpleNamespace(ok=[], failed=[(d, EVIL)], parsed=[], skipped=[], stale=[],
                             errors=[(d, ErrorInfo(EVIL))])
    md = summary_markdown(result, tmp_path)
    failed = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(failed) == 1 and "pwned" in failed[0]
    assert _commands(safe_text(md).splitlines()) == []


def test_ci_script_output_has_no_command_from_a_hostile_report(tmp_path):
    """A report folder whose name carries a newline and a workflow command: every line the
    CI script prints (stdout, stderr, the parse worker's log) is inert, except its own
    annotations, which escape what they quote."""
    root = tmp_path / "repo"
    folder = root / "data" / "reports" / "e\n::warning::pwned" / "2024"
    folder.mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    (folder / "r.pdf").write_bytes(b"%PDF-1.4\n::error::inside\n")
    (folder / "report.yml").write_text("agency: 某局\nyear: 2024\nsource: r.pdf\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "ci_annotate.py"), "--github",
                           "--jobs", "1", "--root", str(root)], capture_output=True, text=True,
                          env=env, cwd=root)
    assert proc.returncode == 1, proc.stderr
    lines = (proc.stdout + proc.stderr).splitlines()
    ours = [line for line in _commands(lines) if line.startswith(("::error file=", "::warning file="))]
    assert _commands(lines) == ours, "only the script's own annotations"
    assert ours and all("\n" not in line for line in ours)
    assert "pwned" in proc.stdout + proc.stderr, "the hostile text was printed, inert"
    assert "- `data/reports/e\\n::warning::pwned/2024`" in proc.stdout, "one summary line"

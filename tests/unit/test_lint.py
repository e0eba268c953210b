"""ruff and mypy (configured in pyproject.toml) over build/juesuan: no finding beyond the written
baseline tests/lint_baseline.json (counts per file and rule code; it only shrinks:
`scripts/lint_baseline.py --update` rewrites it after a fix)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).parents[2]
_spec = importlib.util.spec_from_file_location("lint_baseline", ROOT / "scripts" / "lint_baseline.py")
assert _spec and _spec.loader
lint = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lint)


def test_no_new_ruff_or_mypy_findings():
    findings = lint.run_tools()
    new = lint.new_findings(findings, lint.load_baseline())
    assert not new, ("new ruff/mypy findings (fix them; the baseline only shrinks):\n" + "\n".join(new))


def test_the_baseline_counts_per_file_and_code_without_line_numbers():
    baseline = json.loads((ROOT / "tests" / "lint_baseline.json").read_text("utf-8"))
    assert set(baseline) == {"ruff", "mypy"}
    for files in baseline.values():
        for file, codes in files.items():
            assert file.startswith("build/juesuan/") and file.endswith(".py"), file
            assert all(isinstance(n, int) and n > 0 and ":" not in code for code, n in codes.items())


def test_a_finding_above_the_baseline_is_reported_with_its_line():
    findings = {"ruff": [("build/juesuan/x.py", "F401", "build/juesuan/x.py:3: F401 `os` imported but unused"),
                         ("build/juesuan/x.py", "F401", "build/juesuan/x.py:4: F401 `re` imported but unused")],
                "mypy": [("build/juesuan/y.py", "arg-type", "build/juesuan/y.py:9: error: …  [arg-type]")]}
    baseline = {"ruff": {"build/juesuan/x.py": {"F401": 1}}, "mypy": {"build/juesuan/y.py": {"arg-type": 1}}}
    new = lint.new_findings(findings, baseline)
    assert new[0] == "ruff build/juesuan/x.py F401: 2 (baseline 1)"
    assert any("x.py:4" in line for line in new)
    assert not any("y.py" in line for line in new)  # at the baseline: not new
    assert lint.fixed_findings(lint.count(findings), {"ruff": {"build/juesuan/x.py": {"E501": 2}}}) \
        == ["ruff build/juesuan/x.py E501: 0 (baseline 2)"]


def test_the_tools_read_their_settings_from_pyproject():
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    assert "[tool.ruff]" in text and "[tool.ruff.lint]" in text and "[tool.mypy]" in text

"""ruff and mypy over build/juesuan, against the written baseline tests/lint_baseline.json.

The baseline counts findings per tool, file and rule code (no line numbers, so moving code does
not disturb it). A count above the baseline is a new finding; the baseline only shrinks.

    .venv/bin/python scripts/lint_baseline.py            # compare: exit 1 and list new findings
    .venv/bin/python scripts/lint_baseline.py --update   # rewrite the baseline from today's findings

Both tools read their settings from pyproject.toml ([tool.ruff], [tool.mypy]);
tests/unit/test_lint.py runs the comparison as part of ./scripts/test.sh.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "tests" / "lint_baseline.json"
TARGET = "build/juesuan"
MYPY_LINE = re.compile(r"^(?P<file>[^:\n]+\.pyi?):\d+(?::\d+)?: error: .*?(?:\s+\[(?P<code>[a-z0-9-]+)\])?$")

Counts = dict[str, dict[str, dict[str, int]]]  # tool → file → code → count
Finding = tuple[str, str, str]  # file, code, the tool's line (with its line number)


class LintToolFailed(RuntimeError):
    """ruff or mypy did not run (not installed, bad configuration, crash)."""


def _rel(path: str) -> str:
    p = Path(path)
    return (p.resolve().relative_to(ROOT) if p.is_absolute() else p).as_posix()


def _nest(found: list[Finding]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (file, code), n in sorted(Counter((f, c) for f, c, _ in found).items()):
        out.setdefault(file, {})[code] = n
    return out


def _start() -> tuple[subprocess.Popen, subprocess.Popen]:
    """ruff and mypy started side by side (mypy takes most of the time)."""
    missing = [tool for tool in ("ruff", "mypy") if importlib.util.find_spec(tool) is None]
    if missing:
        raise LintToolFailed(f"{' and '.join(missing)} not installed in {sys.executable}: "
                             ".venv/bin/python -m pip install -e '.[test]' (pinned in pyproject.toml)")
    ruff = subprocess.Popen([sys.executable, "-m", "ruff", "check", TARGET, "--output-format", "json",
                             "--no-cache", "--exit-zero"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    mypy = subprocess.Popen([sys.executable, "-m", "mypy", "--no-error-summary", "--no-pretty",
                             "--show-error-codes", TARGET], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    return ruff, mypy


def _ruff(proc: subprocess.Popen) -> list[Finding]:
    out, err = proc.communicate(timeout=300)
    if proc.returncode != 0:
        raise LintToolFailed(f"ruff exited {proc.returncode}: {err.strip() or out.strip()[:500]}")
    found = []
    for f in json.loads(out or "[]"):
        file, code = _rel(f["filename"]), f.get("code") or "syntax"
        found.append((file, code, f"{file}:{f['location']['row']}: {code} {f['message']}"))
    return found


def _mypy(proc: subprocess.Popen) -> list[Finding]:
    out, err = proc.communicate(timeout=300)
    if proc.returncode not in (0, 1):  # 1: findings; 2: crash or bad configuration
        raise LintToolFailed(f"mypy exited {proc.returncode}: {err.strip() or out.strip()[:500]}")
    found = []
    for line in out.splitlines():
        m = MYPY_LINE.match(line)
        if m:
            found.append((_rel(m["file"]), m["code"] or "error", line))
        elif ": error:" in line:
            raise LintToolFailed(f"mypy line not understood: {line}")
    if proc.returncode == 1 and not found:
        raise LintToolFailed(f"mypy failed without findings: {err.strip() or out.strip()[:500]}")
    return found


def run_tools() -> dict[str, list[Finding]]:
    """Today's findings of both tools."""
    ruff, mypy = _start()
    try:
        return {"ruff": _ruff(ruff), "mypy": _mypy(mypy)}
    finally:
        for proc in (ruff, mypy):
            if proc.poll() is None:
                proc.kill()


def count(findings: dict[str, list[Finding]]) -> Counts:
    """Findings counted per tool, file and rule code (the baseline's form)."""
    return {tool: _nest(found) for tool, found in findings.items()}


def load_baseline(path: Path = BASELINE) -> Counts:
    return json.loads(path.read_text("utf-8")) if path.exists() else {"ruff": {}, "mypy": {}}


def new_findings(findings: dict[str, list[Finding]], baseline: Counts) -> list[str]:
    """For each (tool, file, code) whose count went above the baseline: a summary line, then
    the tool's lines of that file and code (the new ones are among them)."""
    out = []
    found = count(findings)
    for tool, files in sorted(found.items()):
        for file, codes in sorted(files.items()):
            for code, n in sorted(codes.items()):
                allowed = baseline.get(tool, {}).get(file, {}).get(code, 0)
                if n > allowed:
                    out.append(f"{tool} {file} {code}: {n} (baseline {allowed})")
                    out += [f"    {line}" for f, c, line in findings[tool] if (f, c) == (file, code)]
    return out


def fixed_findings(found: Counts, baseline: Counts) -> list[str]:
    """One line per (tool, file, code) now below the baseline: run --update to lock it in."""
    out = []
    for tool, files in sorted(baseline.items()):
        for file, codes in sorted(files.items()):
            for code, allowed in sorted(codes.items()):
                n = found.get(tool, {}).get(file, {}).get(code, 0)
                if n < allowed:
                    out.append(f"{tool} {file} {code}: {n} (baseline {allowed})")
    return out


def write_baseline(found: Counts, path: Path = BASELINE) -> None:
    path.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")


def total(counts: Counts, tool: str) -> int:
    return sum(n for codes in counts.get(tool, {}).values() for n in codes.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="rewrite tests/lint_baseline.json")
    args = ap.parse_args(argv)
    findings = run_tools()
    found = count(findings)
    if args.update:
        write_baseline(found)
        print(f"{BASELINE.relative_to(ROOT)}: ruff {total(found, 'ruff')}, mypy {total(found, 'mypy')} findings")
        return 0
    baseline = load_baseline()
    new = new_findings(findings, baseline)
    for line in fixed_findings(found, baseline):
        print(f"fixed {line} — run scripts/lint_baseline.py --update")
    for line in new:
        print(line)
    print(f"ruff {total(found, 'ruff')} (baseline {total(baseline, 'ruff')}), "
          f"mypy {total(found, 'mypy')} (baseline {total(baseline, 'mypy')})")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())

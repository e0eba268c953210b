"""A corpus run as text for people and CI: GitHub annotations and a Markdown summary.

Pure functions of a :class:`juesuan.runner.CorpusResult` (and the packages it wrote);
``scripts/ci_annotate.py`` prints them in GitHub Actions.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from pathlib import Path
from typing import Any

SEVERITIES = ("error", "warning", "rounding", "insufficient_data")
MAX_FINDING_ANNOTATIONS = 10  # per report: GitHub shows at most 10 per step anyway


def _neutralise(line: str) -> str:
    """A log line that cannot be read as a workflow command: GitHub runs ``::cmd::`` at the
    start of a line (after blanks) and the older ``##[cmd]`` anywhere in it."""
    line = line.replace("##[", "## [")
    return f"› {line}" if line.lstrip().startswith("::") else line


def safe_line(text: str) -> str:
    """Untrusted text as one inert log line: line breaks shown as ``\\n``, no command."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _neutralise(text.replace("\n", "\\n"))


def safe_text(text: str) -> str:
    """Untrusted multi-line text (a traceback, a summary) with every line inert."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_neutralise(line) for line in text.split("\n"))


class SafeFormatter(logging.Formatter):
    """Log records whose every line is inert in a CI log (see :func:`safe_text`)."""

    def format(self, record: logging.LogRecord) -> str:
        return safe_text(super().format(record))


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, file: str = "", line: int | None = None,
               title: str = "") -> str:
    """One GitHub workflow command: ``::error file=…,line=…,title=…::message``."""
    props = []
    if file:
        props.append(f"file={_escape_prop(file)}")
    if line:
        props.append(f"line={int(line)}")
    if title:
        props.append(f"title={_escape_prop(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(message)}" if props \
        else f"::{level}::{_escape_data(message)}"


def _rel(path: str | Path, root: Path) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return p.as_posix()


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def package_summary(pkg: Path) -> dict[str, Any]:
    """Counts read back from a written package (tables, cells, facts, findings)."""
    checks = read_rows(pkg / "checks.csv")
    return {"tables": [r.get("table", "") for r in read_rows(pkg / "tables.csv")],
            "cells": len(read_rows(pkg / "line_items.csv")),
            "facts": len(read_rows(pkg / "facts.csv")),
            "projects": len(read_rows(pkg / "projects.csv")),
            "problems": len(read_rows(pkg / "problems.csv")),
            "findings": Counter(r.get("severity", "") for r in checks),
            "checks": checks}


def annotations(result, root: Path, findings: bool = True) -> list[str]:
    """Errors on the offending file (report.yml line of the bad field, or the source)."""
    from juesuan.meta import field_line

    out = []
    for _report_dir, info in result.errors:
        file = _rel(info.file, root) if info.file else ""
        line = field_line(Path(info.file), info.field) if info.field else None
        title = "juesuan: report.yml" if file.endswith("report.yml") else "juesuan: parse"
        out.append(annotation("error", info.message, file, line or None, title))
    for pkg in result.stale:
        out.append(annotation("error", f"{_rel(pkg, root)}: 数据包已过期 (package is stale) — "
                              "run `.venv/bin/juesuan build` and commit data/packages",
                              _rel(pkg / "datapackage.json", root), title="juesuan: stale package"))
    if findings:
        for report_dir, pkg in result.ok:
            source = _source_of(report_dir)
            errs = [c for c in read_rows(pkg / "checks.csv") if c.get("severity") == "error"]
            for c in errs[:MAX_FINDING_ANNOTATIONS]:
                page = f" (p.{c['page']})" if c.get("page") else ""
                out.append(annotation("warning", f"{c.get('rule', '')}{page}: {c.get('message', '')}",
                                      _rel(source, root), title="juesuan: audit finding"))
    return out


def _source_of(report_dir: Path) -> Path:
    from juesuan.meta import load_report_yml

    try:
        return load_report_yml(report_dir, verify_sha256=False)[1]
    except Exception:  # already reported as an error
        return report_dir / "report.yml"


def summary_markdown(result, root: Path, title: str = "juesuan: 解析与审核结果") -> str:
    """The job summary: one row per report, then failures and stale packages."""
    lines = [f"## {title}", ""]
    n_ok, n_fail = len(result.ok), len(result.failed)
    lines.append(f"{n_ok} 份报告成功 (ok), {n_fail} 份失败 (failed); "
                 f"解析 parsed {len(result.parsed)}, 未变跳过 unchanged {len(result.skipped)}"
                 + (f"; 过期数据包 stale packages {len(result.stale)}" if result.stale else ""))
    lines.append("")
    if result.ok:
        lines += ["| 报告 report | 表 tables | 数据 cells | 文字数据 facts | 项目 projects | "
                  "error | warning | rounding | insufficient_data |",
                  "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
        for report_dir, pkg in sorted(result.ok, key=lambda t: str(t[0])):
            s = package_summary(pkg)
            f = s["findings"]
            lines.append(f"| `{_code(_rel(report_dir, root))}` | {len(s['tables'])} | {s['cells']} | "
                         f"{s['facts']} | {s['projects']} | "
                         + " | ".join(str(f.get(k, 0)) for k in SEVERITIES) + " |")
        lines.append("")
    if result.errors:
        lines += ["### 失败 failed", ""]
        lines += [f"- `{_code(_rel(d, root))}`: {_md(info.message)}" for d, info in result.errors]
        lines.append("")
    if result.stale:
        lines += ["### 过期的数据包 stale packages", "",
                  "Run `.venv/bin/juesuan build` and commit `data/packages/`.", ""]
        lines += [f"- `{_code(_rel(p, root))}`" for p in result.stale]
        lines.append("")
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    """A path inside a Markdown code span: one line, no backtick, no table bar."""
    return safe_line(text).replace("`", "'").replace("|", "\\|")


def _md(text: str) -> str:
    """Report text is untrusted: neutralise Markdown/HTML in the summary."""
    return (text.replace("\r", " ").replace("\n", " ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("`", "'").replace("[", "\\[").replace("]", "\\]"))

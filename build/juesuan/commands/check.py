"""`juesuan check PATH [PATH …]`: a report's audit findings, grouped by severity.

PATH is a data package folder (its checks.csv is read), a checks.csv, or a source disclosure
in any format `juesuan parse` reads (parsed, then audited); several source files are the files
of one report in order (narrative + tables workbook, page + attachments), as for `juesuan parse`.
Exit code 1 when there is any `error`.
"""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console

SEVERITY_STYLE = {"error": ("错误", "bold red"), "warning": ("警告", "yellow"),
                  "rounding": ("尾差", "cyan"), "insufficient_data": ("数据不足", "dim")}


def _number(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text not in (None, "") else None
    except InvalidOperation:
        return None


def read_checks_csv(path: Path) -> list:
    """checks.csv of a data package → Check records."""
    from juesuan.audit.model import Check

    out = []
    with Path(path).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            page = row.get("page") or ""
            out.append(Check(
                rule=row.get("rule", ""), severity=row.get("severity", ""), table=row.get("table", ""),
                row_code=row.get("row_code", ""), column=row.get("column", ""), metric=row.get("metric", ""),
                expected=_number(row.get("expected")), actual=_number(row.get("actual")),
                difference=_number(row.get("difference")), page=int(page) if page.isdigit() else None,
                message=row.get("message", "")))
    return out


def checks_for(path: Path | list[Path], meta: Path | None, packages: Path | None) -> list:
    """The findings for PATH: read from a package, or computed from a source file (or from the
    files of one report, in order)."""
    paths = [Path(p) for p in path] if isinstance(path, (list, tuple)) else [Path(path)]
    if len(paths) > 1:
        return _checks_of_sources(paths, meta, packages)
    path = paths[0]
    if path.is_dir():
        csv_path = path / "checks.csv"
        if not csv_path.exists():
            from juesuan.errors import JuesuanError
            raise JuesuanError(path, "不是数据包目录：没有 checks.csv (no checks.csv in this folder)",
                               fix="give a data package folder (data/packages/<slug>/<year>/) or a source file")
        return read_checks_csv(csv_path)
    if path.name.endswith(".csv"):
        return read_checks_csv(path)
    return _checks_of_sources(paths, meta, packages)


def _checks_of_sources(paths: list[Path], meta: Path | None, packages: Path | None) -> list:
    """The report's files parsed (in order) and audited."""
    from juesuan.errors import JuesuanError

    for p in paths:
        if p.is_dir() or p.name.endswith(".csv"):
            raise JuesuanError(p, "多个文件时只能给出同一报告的原始文件 (with several paths, give the source "
                               "files of one report)", fix="check a data package folder on its own")
    from juesuan.audit import run_checks
    from juesuan.meta import read_meta_yaml
    from juesuan.paths import Layout
    from juesuan.pipeline import parse_file

    given = read_meta_yaml(meta) if meta else None  # size-capped, no YAML aliases
    report = parse_file(paths if len(paths) > 1 else paths[0], given)
    root = packages if packages is not None else Layout().packages
    return run_checks(report, packages_root=root if root.is_dir() else None)


def print_checks(checks: list, console: Console, name: str = "") -> None:
    from juesuan.audit.model import SEVERITIES

    counts = {s: sum(1 for c in checks if c.severity == s) for s in SEVERITIES}
    summary = "，".join(f"{SEVERITY_STYLE[s][0]} {n}" for s, n in counts.items() if n) or "没有发现问题"
    console.print(f"[bold]{name}[/bold] {summary}" if name else summary, highlight=False)
    for sev in SEVERITIES:
        group = [c for c in checks if c.severity == sev]
        if not group:
            continue
        label, style = SEVERITY_STYLE[sev]
        console.print(f"\n[{style}]{label} {sev} ({len(group)})[/{style}]", highlight=False)
        for c in group:
            where = f"p.{c.page} " if c.page else ""
            console.print(f"  [{style}]•[/{style}] [dim]{c.rule}[/dim] {where}{c.message}",
                          highlight=False, soft_wrap=True)


def command(
    paths: list[Path] = typer.Argument(..., help="A data package folder (reads checks.csv), or a source "
                                       "disclosure, or every file of one report in order (narrative + "
                                       "tables workbook)."),
    meta: Path | None = typer.Option(None, "--meta", help="report.yml for a source file (agency, year …)."),
    packages: Path | None = typer.Option(None, "--packages",
                                            help="data/packages/ holding the previous year's package."),
) -> None:
    """Print a report's audit findings grouped by severity (exit 1 on any error)."""
    from rich.console import Console

    from juesuan.errors import JuesuanError
    from juesuan.paths import readable

    err, out = Console(stderr=True), Console()
    try:
        checks = checks_for(paths, meta, packages)
    except JuesuanError as e:
        err.print(f"[red]error[/red] {e.line()}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except (OSError, ValueError) as e:
        err.print(f"[red]error[/red] {readable(paths[0])}: {readable(str(e))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    print_checks(checks, out, " + ".join(readable(p.name) for p in paths))
    if any(c.severity == "error" for c in checks):
        raise typer.Exit(1)

"""`juesuan check PATH`: a report's audit findings, grouped by severity.

PATH is a data package folder (its checks.csv is read) or a source disclosure (PDF,
DOCX, text export: parsed, then audited). Exit code 1 when there is any `error`.
"""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Optional

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


def checks_for(path: Path, meta: Path | None, packages: Path | None) -> list:
    """The findings for PATH: read from a package, or computed from a source file."""
    path = Path(path)
    if path.is_dir():
        csv_path = path / "checks.csv"
        if not csv_path.exists():
            from juesuan.errors import JuesuanError
            raise JuesuanError(path, "不是数据包目录：没有 checks.csv (no checks.csv in this folder)",
                               fix="give a data package folder (data/packages/<slug>/<year>/) or a source file")
        return read_checks_csv(csv_path)
    if path.name.endswith(".csv"):
        return read_checks_csv(path)
    import yaml

    from juesuan.audit import run_checks
    from juesuan.paths import Layout
    from juesuan.pipeline import parse_file

    given = yaml.safe_load(meta.read_text("utf-8")) if meta else None
    report = parse_file(path, given)
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
    path: Path = typer.Argument(..., help="A data package folder (reads checks.csv) or a source disclosure."),
    meta: Optional[Path] = typer.Option(None, "--meta", help="report.yml for a source file (agency, year …)."),
    packages: Optional[Path] = typer.Option(None, "--packages",
                                            help="data/packages/ holding the previous year's package."),
) -> None:
    """Print a report's audit findings grouped by severity (exit 1 on any error)."""
    from rich.console import Console

    from juesuan.errors import JuesuanError

    err, out = Console(stderr=True), Console()
    try:
        checks = checks_for(path, meta, packages)
    except JuesuanError as e:
        err.print(f"[red]error[/red] {e.line()}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    except (OSError, ValueError) as e:
        err.print(f"[red]error[/red] {path}: {e}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    print_checks(checks, out, Path(path).name)
    if any(c.severity == "error" for c in checks):
        raise typer.Exit(1)

"""`juesuan build`: the main job. data/ → data packages → Markdown pages → static site.

1. parse what changed (juesuan.runner.parse_corpus: cached, in a process pool or on a
   Dask cluster) into data/packages/;
2. render the pages (Jinja2 templates) into docs/, with the corpus-wide data package,
   its data dictionary and the audit rule catalogue;
3. `mkdocs build --strict` into site/ (a full build: never --dirty).

`--check` only says which committed packages a build would change (for CI).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def _consoles():
    """(stdout, stderr) rich consoles, made when the command prints."""
    from rich.console import Console

    return Console(), Console(stderr=True)


def _parse(layout, jobs: int, executor: str, scheduler: Optional[str]) -> int:
    """Parse every report of data/reports; return the number of failed reports."""
    from juesuan.runner import parse_corpus

    out, err = _consoles()
    result = parse_corpus(layout, jobs=jobs, executor=executor, scheduler=scheduler, progress=True)
    for report_dir, line in result.failed:
        err.print(f"[red]error[/red] {line}", highlight=False, soft_wrap=True)
    out.print(f"parse: {len(result.ok)} packages current, {len(result.failed)} failed", highlight=False)
    return len(result.failed)


def _check(layout, jobs: int) -> None:
    from juesuan.runner import stale_packages

    out, err = _consoles()
    stale = stale_packages(layout, jobs=jobs)
    for path in stale:
        err.print(f"stale {path}", highlight=False, soft_wrap=True)
    out.print(f"check: {len(stale)} stale package(s)", highlight=False)
    if stale:
        raise typer.Exit(1)


def command(
    root: Optional[Path] = typer.Option(None, "--root", help="Repository folder (default: found from here)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Parallel parse workers (0: one per core)."),
    mkdocs: bool = typer.Option(True, "--mkdocs/--no-mkdocs", help="Run `mkdocs build --strict` at the end."),
    parse: bool = typer.Option(True, "--parse/--no-parse", help="Parse data/reports first."),
    executor: str = typer.Option("process", "--executor", help="Where reports are parsed: "
                                 "'process' (a local spawn pool) or 'dask' (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address "
                                            "(tcp://host:8786) for --executor dask; none: a local cluster."),
    check: bool = typer.Option(False, "--check", help="Only say which committed data packages are stale "
                               "(a build would change, add or remove them); write nothing. Exit 1 if any."),
) -> None:
    """Build everything: parse data/, write packages, render pages, build the site."""
    import os

    from juesuan.errors import JuesuanError
    from juesuan.paths import Layout
    from juesuan.site import render_site, run_mkdocs

    out, err = _consoles()
    if executor not in ("process", "dask"):
        err.print(f"[red]error[/red] --executor must be 'process' or 'dask', not '{executor}'", highlight=False)
        raise typer.Exit(2)
    layout = Layout(root)
    jobs = jobs or (os.cpu_count() or 1)
    failed = 0
    if check:
        _check(layout, jobs)
        return
    try:
        if parse:
            failed = _parse(layout, jobs, executor, scheduler)
        timings = render_site(layout, jobs=jobs)
        out.print(f"render: {timings.reports} reports, {timings.pages} pages → {layout.docs}", highlight=False)
        if mkdocs:
            run_mkdocs(layout)
            out.print(f"site: {layout.site}", highlight=False)
    except JuesuanError as e:
        err.print(f"[red]error[/red] {e.line()}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    if failed:
        err.print(f"[yellow]{failed} report(s) could not be parsed; the site shows the others[/yellow]",
                  highlight=False)
        raise typer.Exit(1)

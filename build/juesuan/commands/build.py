"""`juesuan build`: the main job. data/ → data packages → Markdown pages → static site.

1. parse what changed (juesuan.runner.parse_corpus: cached, in a process pool or on a
   Dask cluster) into data/packages/;
2. render the pages (Jinja2 templates) into docs/, with the corpus-wide data package,
   its data dictionary and the audit rule catalogue;
3. `mkdocs build --strict` into site/ (a full build: never --dirty).

`--check` only says which committed packages a build would change (for CI).

One build at a time (juesuan.buildlock: a second one waits `--wait` seconds, then stops with
one line). Packages and the site are replaced whole (juesuan.atomic: written beside, then
swapped), so a build killed at any moment leaves the previous ones in place; the next build
removes the `.juesuan-tmp-*` folders it left.
"""

from __future__ import annotations

import shutil
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
    from juesuan.runner_report import safe_line

    out, err = _consoles()
    result = parse_corpus(layout, jobs=jobs, executor=executor, scheduler=scheduler, progress=True)
    for report_dir, line in result.failed:
        err.print("[red]error[/red] " + escape(safe_line(line)), highlight=False, soft_wrap=True)
    out.print(f"parse: {len(result.ok)} packages current, {len(result.failed)} failed", highlight=False)
    return len(result.failed)


def _check(layout, jobs: int) -> None:
    from juesuan.runner import stale_packages
    from juesuan.runner_report import safe_line

    out, err = _consoles()
    stale = stale_packages(layout, jobs=jobs)
    for path in stale:
        err.print(escape(safe_line(f"stale {path}")), highlight=False, soft_wrap=True)
    out.print(f"check: {len(stale)} stale package(s)", highlight=False)
    if stale:
        raise typer.Exit(1)


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _site(layout) -> None:
    """`mkdocs build --strict` into a folder beside site/, then swapped in whole."""
    from juesuan.atomic import replace_dir, temp_dir_for
    from juesuan.site import run_mkdocs

    tmp = temp_dir_for(layout.site)
    try:
        run_mkdocs(layout, site_dir=tmp)
        replace_dir(tmp, layout.site)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _split_sites(layout, site: str, jobs: int, mkdocs: bool) -> None:
    import json

    from juesuan.site_workers import build_split, province_code, provinces

    out, _ = _consoles()
    if site == "list":
        out.print(json.dumps(sorted(province_code(p) for p in provinces(layout.packages))), highlight=False)
        return
    only = None if site == "provinces" else site.removeprefix("province=")
    for r in build_split(layout, jobs=jobs, only=only, mkdocs=mkdocs):
        out.print(f"site {r['code'] or '.'}: {r['province']}, {r['reports']} reports, {r['pages']} pages "
                  f"(render {r['render']:.1f} s, mkdocs {r['mkdocs']:.1f} s)", highlight=False)


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
    wait: float = typer.Option(10.0, "--wait", help="Seconds to wait for another build of the same "
                               "repository to finish before giving up.", min=0),
    site: str = typer.Option("all", "--site", help="'all': one site; 'provinces': one site per province "
                             "in site/<code>/ plus the national index in site/; 'province=<name or code>' or "
                             "'national': only that one; 'list': print the province codes as JSON (CI matrix)."),
) -> None:
    """Build everything: parse data/, write packages, render pages, build the site."""
    import os

    from juesuan.atomic import clean_strays
    from juesuan.buildlock import build_lock
    from juesuan.errors import JuesuanError
    from juesuan.paths import Layout
    from juesuan.runner_report import safe_line
    from juesuan.site import render_site

    out, err = _consoles()
    if executor not in ("process", "dask"):
        err.print(f"[red]error[/red] --executor must be 'process' or 'dask', not '{executor}'", highlight=False)
        raise typer.Exit(2)
    layout = Layout(root)
    jobs = jobs or (os.cpu_count() or 1)
    failed = 0
    try:
        with build_lock(layout.data, wait=wait):
            if check:
                _check(layout, jobs)
                return
            clean_strays(layout.root)  # a site swap a killed build left
            if parse:
                failed = _parse(layout, jobs, executor, scheduler)
            if site != "all":  # the province split (juesuan.site_workers.build_split)
                _split_sites(layout, site, jobs, mkdocs)
                return
            timings = render_site(layout, jobs=jobs)
            out.print(f"render: {timings.reports} reports, {timings.pages} pages → {layout.docs}",
                      highlight=False)
            if mkdocs:
                _site(layout)
                out.print(f"site: {layout.site}", highlight=False)
    except JuesuanError as e:
        err.print("[red]error[/red] " + escape(safe_line(e.line())), highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if failed:
        err.print(f"[yellow]{failed} report(s) could not be parsed; the site shows the others[/yellow]",
                  highlight=False)
        raise typer.Exit(1)

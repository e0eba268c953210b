"""The `juesuan` command line: thin wrappers over the pipeline stages.

Start-up is kept light: this module and juesuan/commands/*.py import only typer and the
standard library at module level; a command imports what it needs (yaml, rich, the parser,
the renderer …) when it runs, so `juesuan --help` starts fast
(tests/unit/test_cli_startup.py guards it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="juesuan (决算): final-account disclosures as open data and a static site.")


def _consoles():
    """(stdout, stderr) rich consoles, made when a command prints."""
    from rich.console import Console

    return Console(), Console(stderr=True)


@app.callback()
def main(verbose: bool = typer.Option(False, "-v", "--verbose", help="Log progress details."),
         quiet: bool = typer.Option(False, "-q", "--quiet", help="Only errors.")) -> None:
    import logging

    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def version() -> None:
    """Print the version."""
    from juesuan import __version__

    out, _ = _consoles()
    out.print(__version__)


@app.command()
def parse(
    input: Path = typer.Argument(..., help="A disclosure: PDF, DOCX or text export."),
    meta: Optional[Path] = typer.Option(None, "--meta", help="report.yml with agency, region, year …"),
    out_dir: Path = typer.Option(..., "--out", help="Folder of the data package to write."),
) -> None:
    """Parse one disclosure into a Frictionless data package."""
    import yaml

    from juesuan.errors import JuesuanError
    from juesuan.package.writer import write_package
    from juesuan.pipeline import parse_file, run_audit

    out, err = _consoles()
    try:
        given = yaml.safe_load(meta.read_text("utf-8")) if meta else None
        report = parse_file(input, given)
        checks = run_audit(report, None)
        write_package(report, out_dir, checks)
    except JuesuanError as e:
        err.print(f"[red]error[/red] {e.line()}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    except (OSError, yaml.YAMLError) as e:
        err.print(f"[red]error[/red] {input}: {e}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    n = len(report.line_items)
    out.print(f"{input.name}: {len(report.tables)} tables, {n} cells, {len(report.facts)} facts, "
              f"{len(report.projects)} projects → {out_dir}", highlight=False)
    for p in report.problems:
        err.print(f"[yellow]note[/yellow] {input.name}"
                  + (f", p.{p.page}" if p.page else "") + f": {p.message}", highlight=False)


def _register_optional() -> None:
    """Commands that live next to their stage (commands/<name>.py, function `command`)."""
    import importlib

    for name in ("check", "build", "add", "bench", "catalog"):
        try:
            mod = importlib.import_module(f"juesuan.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name and e.name.startswith("juesuan.commands"):
                continue
            raise
        app.command(name)(mod.command)


_register_optional()

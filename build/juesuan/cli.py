"""The `juesuan` command line: thin wrappers over the pipeline stages.

Start-up is kept light: this module and juesuan/commands/*.py import only typer and the
standard library at module level; a command imports what it needs (yaml, rich, the parser,
the renderer …) when it runs, so `juesuan --help` starts fast
(tests/unit/test_cli_startup.py guards it).
"""

from __future__ import annotations

from pathlib import Path

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
    if not quiet:  # per-page progress of the slow stages (OCR of a scan) is shown by default
        logging.getLogger("juesuan.progress").setLevel(logging.INFO)


@app.command()
def version() -> None:
    """Print the version."""
    from juesuan import __version__

    out, _ = _consoles()
    out.print(__version__)


@app.command()
def parse(
    inputs: list[Path] = typer.Argument(..., help="A disclosure (PDF, DOCX, .doc/.wps, workbook, web page, text), "
                                        "or every file of one report in order (narrative + tables workbook)."),
    meta: Path | None = typer.Option(None, "--meta", help="report.yml with agency, region, year …"),
    out_dir: Path = typer.Option(..., "--out", help="Folder of the data package to write."),
) -> None:
    """Parse one disclosure (one file, or the files of one report) into a Frictionless data package."""
    import yaml

    from juesuan.errors import JuesuanError
    from juesuan.meta import read_meta_yaml
    from juesuan.paths import readable
    from juesuan.package.writer import write_package
    from juesuan.pipeline import parse_file, run_audit

    out, err = _consoles()
    try:
        given = read_meta_yaml(meta) if meta else None  # size-capped, no YAML aliases
        report = parse_file(inputs if len(inputs) > 1 else inputs[0], given)
        checks = run_audit(report, None)
        write_package(report, out_dir, checks)
    except JuesuanError as e:
        err.print(f"[red]error[/red] {e.line()}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except (OSError, yaml.YAMLError) as e:
        err.print(f"[red]error[/red] {readable(inputs[0])}: {readable(str(e))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    n = len(report.line_items)
    out.print(f"{' + '.join(readable(i.name) for i in inputs)}: {len(report.tables)} tables, {n} cells, "
              f"{len(report.facts)} facts, {len(report.projects)} projects → {out_dir}", highlight=False)
    for p in report.problems:
        name, page = report.places.get(p.page, (inputs[0].name, p.page)) if p.page else (inputs[0].name, None)
        err.print(f"[yellow]note[/yellow] {readable(name)}"
                  + (f", p.{page}" if page else "") + f": {p.message}", highlight=False)


# the commands that live next to their stage: juesuan/commands/<name>.py, function `command`
COMMANDS = ("check", "build", "add", "bench")


def register_commands(names: tuple[str, ...] = COMMANDS) -> None:
    """Register each command module's ``command``. A module that is missing or broken raises
    here, at start-up: a command never disappears silently from the CLI."""
    import importlib

    for name in names:
        mod = importlib.import_module(f"juesuan.commands.{name}")
        app.command(name)(mod.command)


register_commands()

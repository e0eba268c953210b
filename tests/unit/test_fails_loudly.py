"""The code fails loudly: no `except ImportError` fallback in the package, a missing or broken
command module stops the CLI at start-up, and a typo in an audit module fails the parse
(non-zero exit, no package) instead of publishing an empty checks.csv."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "build" / "juesuan"
SEED_004 = Path(__file__).parents[1] / "fixtures" / "golden" / "004_e4eb685f5dbf33b3.txt"

# runs the CLI with one module replaced by a body holding a typo in an import (the case the old
# `except ImportError` fallbacks turned into an empty checks.csv and exit 0)
TYPO = r"""
import importlib.abc, importlib.util, sys

class Typo(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        return importlib.util.spec_from_loader(name, self) if name == sys.argv[1] else None
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        exec("from juesuan.audit.regsitry import rule\n", module.__dict__)

sys.meta_path.insert(0, Typo())
if sys.argv[2] == "parse_task":  # what `juesuan build` runs for each report (in-process with --jobs 1)
    from juesuan.runner_exec import ParseTask, parse_task
    status, info, *_ = parse_task(ParseTask(sys.argv[3], {}, None, "test", packages_root=sys.argv[4]))
    print(status, getattr(info, "message", ""))
else:
    from juesuan.cli import app
    app(sys.argv[2:], prog_name="juesuan")
"""


def _handlers(tree: ast.AST) -> list[ast.ExceptHandler]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler) and n.type is not None]


def _names(node: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | \
        {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}


def test_no_import_error_fallback_in_the_package():
    offenders = [f"{p.relative_to(PACKAGE)}:{h.lineno}"
                 for p in sorted(PACKAGE.rglob("*.py"))
                 for h in _handlers(ast.parse(p.read_text("utf-8")))
                 if _names(h.type) & {"ImportError", "ModuleNotFoundError"}]
    assert not offenders, f"`except ImportError` hides a broken module: {offenders}"


def test_every_command_module_is_registered_and_every_registered_command_exists():
    from juesuan import cli

    modules = {p.stem for p in (PACKAGE / "commands").glob("*.py") if p.stem != "__init__"}
    assert set(cli.COMMANDS) == modules
    names = {c.name for c in cli.app.registered_commands}
    assert set(cli.COMMANDS) <= names


def test_a_missing_command_module_fails_registration():
    from juesuan import cli

    with pytest.raises(ModuleNotFoundError):
        cli.register_commands(("no_such_command",))


def test_a_broken_command_module_fails_registration(tmp_path, monkeypatch):
    import juesuan.commands

    (tmp_path / "broken_cmd.py").write_text("import typer\n\ndef command() -> None:\n    pass\n"
                                            "undefined_name\n", "utf-8")
    monkeypatch.setattr(juesuan.commands, "__path__", [*juesuan.commands.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "juesuan.commands.broken_cmd", raising=False)
    from juesuan import cli

    with pytest.raises(NameError):
        cli.register_commands(("broken_cmd",))


def _run_with_typo(module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", TYPO, module, *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_a_typo_in_an_audit_module_fails_the_parse(tmp_path):
    out = tmp_path / "pkg"
    done = _run_with_typo("juesuan.audit.rules_cross", "parse", SEED_004, "--out", out)
    assert done.returncode != 0
    assert "regsitry" in done.stderr
    assert not (out / "checks.csv").exists()


def test_without_the_typo_the_same_parse_writes_checks(tmp_path):
    """The control: the same run with an unrelated module name succeeds and writes checks.csv."""
    out = tmp_path / "pkg"
    done = _run_with_typo("juesuan.no_such_module", "parse", SEED_004, "--out", out)
    assert done.returncode == 0, done.stderr
    assert (out / "checks.csv").read_text("utf-8").count("\n") > 1


def test_a_typo_in_an_audit_module_fails_the_report_in_a_build(tmp_path):
    """The build's per-report task reports the crash (the build then exits 1), not an ok package."""
    done = _run_with_typo("juesuan.audit.rules_cross", "parse_task", SEED_004, tmp_path)
    assert done.returncode == 0, done.stderr
    status, _, message = done.stdout.strip().splitlines()[-1].partition(" ")
    assert status == "crash" and "regsitry" in message


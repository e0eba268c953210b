"""A tiny repository for the fault suite: the site's config, two generated reports, built once.

``built_repo`` is a built repository (packages, cache, docs, site) made once per session;
each test gets its own copy (``repo``), so a test may break it at will. Everything runs
in-process or in a forked child (no interpreter start-up per build), one worker, so the
suite stays fast."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from juesuan.paths import Layout

REPO = Path(__file__).resolve().parents[2]
SEEDS = (1, 2)


def generate_reports(layout: Layout) -> None:
    """Two small generated disclosures with their report.yml (tests/generator)."""
    import yaml
    from generator import make_document, report_meta
    from juesuan.paths import slugify

    for seed in SEEDS:
        tmp = layout.root / f"gen{seed}.pdf"
        report, _v, _log = make_document(seed, tmp)
        meta = report_meta(report, "report.pdf")
        folder = layout.reports / slugify(meta["agency"]) / str(meta["year"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.move(tmp, folder / "report.pdf")
        (folder / "report.yml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")


def build(root: Path, mkdocs: bool = True, wait: float = 10.0) -> None:
    """``juesuan build`` in this process (one worker); raises typer.Exit on failure."""
    import inspect

    from juesuan.commands.build import command

    args = {name: p.default.default for name, p in inspect.signature(command).parameters.items()}
    command(**{**args, "root": root, "jobs": 1, "mkdocs": mkdocs, "wait": wait})


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path (sitemap.xml.gz left out: gzip stamps
    the time into it)."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "sitemap.xml.gz"}


def strays(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob(".juesuan-*") if not p.name.endswith(".lock"))


@pytest.fixture(scope="session")
def built_repo(tmp_path_factory) -> Path:
    from juesuan.render.sample_site import make_site_repo

    root = tmp_path_factory.mktemp("fault") / "repo"
    layout = make_site_repo(root, REPO)
    generate_reports(layout)
    build(root)
    return root


@pytest.fixture
def repo(built_repo, tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(built_repo, root, symlinks=True)
    return root


def run_forked(fn) -> int:
    """Run ``fn()`` in a forked child; its exit status (-signal when killed)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            fn()
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except BaseException as e:  # noqa: BLE001 — report and exit
            code = getattr(e, "exit_code", 1) or 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)

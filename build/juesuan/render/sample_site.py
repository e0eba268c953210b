"""A throw-away repository for tests and benchmarks: the site's config and hand-written
pages copied from the real repository, packages from golden fixtures or synthetic ones."""

from __future__ import annotations

import shutil
from pathlib import Path

from juesuan.models import Report
from juesuan.package.writer import write_package
from juesuan.paths import Layout
from juesuan.site import GENERATED

SITE_FILES = ("mkdocs.yml",)
SITE_DIRS = ("overrides", "docs")


def make_site_repo(root: Path, repo: Path) -> Layout:
    """A fresh folder laid out like the repository, with the site's config but no data."""
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in SITE_FILES:
        shutil.copy(Path(repo) / name, root / name)
    for name in SITE_DIRS:
        shutil.copytree(Path(repo) / name, root / name, ignore=shutil.ignore_patterns(*GENERATED))
    (root / "pyproject.toml").write_text("# test repository\n", encoding="utf-8")
    layout = Layout(root)
    layout.packages.mkdir(parents=True)
    layout.reports.mkdir(parents=True)
    return layout


def add_report(layout: Layout, report: Report, source_text: str | None = None) -> Path:
    """Write ``report``'s package; with ``source_text`` also its source and report.yml."""
    out = write_package(report, layout.package_dir(report.meta.slug, report.meta.year))
    if source_text is not None:
        folder = layout.reports / report.meta.slug / str(report.meta.year)
        folder.mkdir(parents=True, exist_ok=True)
        name = report.meta.source_file or "source.txt"
        (folder / name).write_text(source_text, encoding="utf-8")
        (folder / "report.yml").write_text(f"agency: x\nyear: {report.meta.year}\nsource: {name}\n",
                                           encoding="utf-8")
    return out

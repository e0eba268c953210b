"""From data packages to a finished static site: pages into docs/, then mkdocs into site/.

Generated pages live in docs/ next to the hand-written ones (methodology.md,
contribute.md, assets/) and are git-ignored (docs/.gitignore): the home page
(index.md), agencies/, years/ and data/. They are removed and written anew on each
build, so a report that left data/ leaves the site too.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.paths import Layout
from juesuan.render.downloads import copy_downloads, source_file
from juesuan.render.load import load_corpus
from juesuan.render.model import agency_dir, build_corpus, report_dir, year_dir
from juesuan.render.compare_pages import write_compare
from juesuan.render.pages import Renderer, Rendered
from juesuan.render.corpus_exports import add_checksums, data_version
from juesuan.render.dictionary import corpus_dictionary, dictionary
from juesuan.site_corpus import write_corpus
from juesuan.site_workers import MIN_REPORTS, render_parallel, write_page

log = logging.getLogger(__name__)

GENERATED = ("index.md", "agencies", "years", "data", "compare")


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    reports: int = 0

    def add(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds


def clean_generated(docs: Path) -> None:
    for name in GENERATED:
        p = docs / name
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


def _write(path: Path, page: Rendered) -> None:
    write_page(path, page)


def audit_catalogue() -> str:
    """The audit rule catalogue as Markdown (juesuan.audit.catalog)."""
    from juesuan.audit.catalog import catalog_markdown

    return catalog_markdown()


def render_site(layout: Layout, timings: Timings | None = None, jobs: int = 1) -> Timings:
    """Render every page of the site into layout.docs from the packages in layout.packages."""
    t = timings or Timings()
    start = time.perf_counter()
    packages = load_corpus(layout.packages)
    corpus = build_corpus(packages)
    t.add("load packages", time.perf_counter() - start)
    t.reports = len(packages)

    docs = layout.docs
    clean_generated(docs)
    r = Renderer(corpus, layout.reports)

    start = time.perf_counter()
    if jobs > 1 and len(packages) >= MIN_REPORTS:
        t.pages += render_parallel(layout.packages, layout.reports, docs,
                                   [(p.slug, p.year) for p in packages], list(corpus.by_agency), jobs)
    else:
        for pkg in packages:
            page_dir = docs / report_dir(pkg.slug, pkg.year)
            _write(page_dir / "index.md", r.report_page(pkg))
            copy_downloads(pkg, page_dir, source_file(pkg, layout.reports))
        for slug in corpus.by_agency:
            _write(docs / agency_dir(slug) / "index.md", r.agency_page(slug))
        t.pages += len(packages) + len(corpus.by_agency)
    for year in corpus.years:
        _write(docs / year_dir(year) / "index.md", r.year_page(year))
        t.pages += 1
    t.pages += write_compare(corpus, docs)  # comparison pages (juesuan.render.compare_pages)
    _write(docs / "agencies" / "index.md", r.agencies_page())
    _write(docs / "years" / "index.md", r.years_page())
    _write(docs / "index.md", r.home_page())
    t.pages += 3
    t.add("render pages", time.perf_counter() - start)

    start = time.perf_counter()
    listing = add_checksums(docs / "data", write_corpus(packages, docs / "data"))
    extra = corpus_dictionary()
    _write(docs / "data" / "index.md", r.data_page([extra["reports"], *dictionary()], audit_catalogue(),
                                                   listing, data_version(packages), extra["keys"]))
    t.pages += 1
    t.add("corpus package", time.perf_counter() - start)
    return t


def run_mkdocs(layout: Layout, strict: bool = True, site_dir: Path | None = None) -> None:
    """``mkdocs build --strict`` from the repository root into site/ (never --dirty)."""
    cfg = layout.root / "mkdocs.yml"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(cfg),
           "-d", str(site_dir or layout.site)]
    if strict:
        cmd.insert(4, "--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    from juesuan.runner_exec import die_with_parent_preexec  # a killed build takes mkdocs along

    proc = subprocess.run(cmd, cwd=layout.root, capture_output=True, text=True, env=env,
                          preexec_fn=die_with_parent_preexec())
    if proc.returncode != 0:
        from juesuan.errors import JuesuanError

        tail = (proc.stderr or proc.stdout).strip().splitlines()[-8:]
        raise JuesuanError(cfg, "mkdocs build failed: " + " | ".join(tail),
                           fix="run `mkdocs build --strict` to see every warning")
    for line in (proc.stderr or "").splitlines():
        log.info("mkdocs: %s", line)


def build_site(layout: Layout, mkdocs: bool = True, jobs: int = 1) -> Timings:
    t = render_site(layout, jobs=jobs)
    if mkdocs:
        start = time.perf_counter()
        run_mkdocs(layout)
        t.add("mkdocs build", time.perf_counter() - start)
    return t

"""Report and agency pages rendered by a pool of processes (large corpora, --jobs > 1).

Each worker (spawn start method: nothing inherited) loads the corpus once from the
package files and renders the pages of its share of the reports and agencies; the pages
are the same bytes as a serial render writes.
"""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

log = logging.getLogger(__name__)

MIN_REPORTS = 150  # below this the pool's start-up costs more than it saves
_state: dict = {}


def _init(packages_root: str, reports_root: str) -> None:
    from juesuan.render.load import load_corpus
    from juesuan.render.model import build_corpus
    from juesuan.render.pages import Renderer

    corpus = build_corpus(load_corpus(Path(packages_root)))
    _state["corpus"] = corpus
    _state["renderer"] = Renderer(corpus, Path(reports_root))


def write_page(path: Path, page) -> None:
    from juesuan.render.fragments import write_fragments

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page.text, encoding="utf-8")
    write_fragments(path, page.fragments)


def _render(task: tuple[str, list, str]) -> int:
    """('report', [(slug, year)…]) or ('agency', [slug…]) → pages written."""
    from juesuan.render.downloads import copy_downloads, source_file
    from juesuan.render.model import agency_dir, report_dir

    kind, keys, docs = task
    corpus, r = _state["corpus"], _state["renderer"]
    docs_dir = Path(docs)
    if kind == "agency":
        for slug in keys:
            write_page(docs_dir / agency_dir(slug) / "index.md", r.agency_page(slug))
        return len(keys)
    by_key = {(p.slug, p.year): p for p in corpus.packages}
    for key in keys:
        pkg = by_key[tuple(key)]
        page_dir = docs_dir / report_dir(pkg.slug, pkg.year)
        write_page(page_dir / "index.md", r.report_page(pkg))
        copy_downloads(pkg, page_dir, source_file(pkg, r.reports_root))
    return len(keys)


def render_parallel(packages_root: Path, reports_root: Path, docs: Path,
                    report_keys: list[tuple[str, int]], agency_slugs: list[str], jobs: int) -> int:
    """Write every report page (with its downloads) and agency page; return pages written."""
    chunk = max(20, len(report_keys) // (jobs * 4) + 1)
    tasks = [("report", report_keys[i:i + chunk], str(docs)) for i in range(0, len(report_keys), chunk)]
    tasks += [("agency", agency_slugs[i:i + chunk * 2], str(docs)) for i in range(0, len(agency_slugs), chunk * 2)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"), initializer=_init,
                             initargs=(str(packages_root), str(reports_root))) as pool:
        return sum(pool.map(_render, tasks))

#!/usr/bin/env python3
"""Scale benchmark of the site: N generated reports → pages → `mkdocs build --strict`.

Prints the time of each stage and the HTML size of report pages (without shared assets).
Targets (issue 4): MkDocs step ≤ 60 s for 1,000 reports on a 2-core machine, ≤ 150 KB
of HTML per report page.

    .venv/bin/python scripts/bench_site.py            # 1,000 reports in a temporary folder
    .venv/bin/python scripts/bench_site.py -n 200 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = ("000_cecd3edf739872c0", "004_e4eb685f5dbf33b3")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--reports", type=int, default=1000, help="reports in all (2 real + synthetic)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="render processes")
    ap.add_argument("--keep", type=Path, help="build here and keep it (default: a temporary folder)")
    args = ap.parse_args()

    from juesuan.render.model import report_dir
    from juesuan.render.sample_site import add_report, make_site_repo
    from juesuan.render.samples import report_from_expected, synthetic_corpus
    from juesuan.site import Timings, render_site, run_mkdocs

    root = args.keep or Path(tempfile.mkdtemp(prefix="juesuan-bench-"))
    try:
        layout = make_site_repo(root, REPO)
        t0 = time.perf_counter()
        n = synthetic_corpus(layout.packages, args.reports - len(GOLDEN), seed=args.seed)
        for stem in GOLDEN:  # the real reports of the fixtures, the heaviest pages
            expected = REPO / "tests" / "fixtures" / "golden" / stem / "expected"
            if expected.is_dir():
                add_report(layout, report_from_expected(expected))
                n += 1
        gen = time.perf_counter() - t0
        timings = render_site(layout, Timings(), jobs=args.jobs)
        t0 = time.perf_counter()
        run_mkdocs(layout)
        timings.add("mkdocs build", time.perf_counter() - t0)

        from juesuan.render.load import load_corpus
        sizes = [(layout.site / report_dir(p.slug, p.year) / "index.html").stat().st_size
                 for p in load_corpus(layout.packages)]
        html_total = sum(p.stat().st_size for p in layout.site.rglob("*.html"))
        index = (layout.site / "search" / "search_index.json").stat().st_size
        print(f"reports: {n}   pages: {timings.pages}")
        print(f"{'generate packages':<18} {gen:7.1f} s   (synthetic corpus, not part of a build)")
        for stage, secs in timings.stages.items():
            print(f"{stage:<18} {secs:7.1f} s")
        print(f"{'total (build)':<18} {sum(timings.stages.values()):7.1f} s")
        print(f"report page HTML: median {statistics.median(sizes) / 1024:.1f} KB, "
              f"max {max(sizes) / 1024:.1f} KB (target ≤ 150 KB; the largest is a real report "
              f"of the fixtures)")
        print(f"all HTML: {html_total / 1048576:.1f} MB   search index: {index / 1048576:.1f} MB")
        ok = timings.stages["mkdocs build"] <= 60 and max(sizes) <= 150 * 1024
        print("targets met" if ok else "TARGETS MISSED")
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Scale benchmark of the site: N generated reports → pages → `mkdocs build --strict`.

Prints the time of each stage and the HTML size of report pages (without shared assets).
Targets (issue 4): MkDocs step ≤ 60 s for 1,000 reports on a 2-core machine, ≤ 150 KB
of HTML per report page.

    .venv/bin/python scripts/bench_site.py            # 1,000 reports in a temporary folder
    .venv/bin/python scripts/bench_site.py -n 200 --keep /tmp/bench

Province split (issue 11): N reports spread over the 31 provinces of schemas/regions.yaml,
built as one site per province plus the national index with ``-j`` workers, then (unless
``--no-monolithic``) as one monolithic site, each timed:

    nice -n 10 .venv/bin/python scripts/bench_site.py --provinces -n 10000 -j 2 --keep /tmp/b
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
    ap.add_argument("--provinces", action="store_true", help="31 provinces: split build vs monolithic")
    ap.add_argument("--no-monolithic", action="store_true", help="with --provinces: skip the monolithic build")
    ap.add_argument("--generate-only", action="store_true", help="with --provinces: only write the packages")
    args = ap.parse_args()
    if args.provinces:
        return bench_provinces(args)

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


def province_corpus(packages_root: Path, reports: int, seed: int = 0, jobs: int = 1) -> int:
    """``reports`` synthetic packages over the 31 provinces (agency i in province i mod 31)."""
    from concurrent.futures import ProcessPoolExecutor

    rng_years = __import__("random").Random(seed)
    plan, index, written = [], 0, 0
    while written < reports:  # agencies over 1–4 years, as synthetic_corpus
        years = list(range(2024 - rng_years.randint(0, 3), 2025))[: reports - written]
        plan.append((index, years))
        written += len(years)
        index += 1
    chunks = [plan[i::max(1, jobs)] for i in range(max(1, jobs))]
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        return sum(pool.map(_write_agencies, [(str(packages_root), c, seed) for c in chunks]))


def _write_agencies(task: tuple[str, list, int]) -> int:
    import dataclasses
    import random

    from juesuan.package.writer import write_package
    from juesuan.render.samples import synthetic_report
    from juesuan.site_workers import province_codes

    root, plan, seed = task
    codes = province_codes()
    names = sorted((n for n in codes if int(codes[n]) < 70), key=codes.get)  # the 31 mainland provinces
    n = 0
    for index, years in plan:
        rng = random.Random(seed * 1_000_003 + index)
        for year in years:
            r = synthetic_report(rng, index, year)
            region = [names[index % len(names)], *r.meta.region[1:]]
            r = dataclasses.replace(r, meta=dataclasses.replace(r.meta, region=region))
            write_package(r, Path(root) / r.meta.slug / str(year))
            n += 1
    return n


def bench_provinces(args) -> int:
    from juesuan.render.sample_site import make_site_repo
    from juesuan.site import build_site
    from juesuan.site_workers import build_split

    root = args.keep or Path(tempfile.mkdtemp(prefix="juesuan-bench-prov-"))
    try:
        from juesuan.paths import Layout

        if (root / "data" / "packages").is_dir() and any((root / "data" / "packages").iterdir()):
            layout = Layout(root)  # packages of an earlier --generate-only run: reuse them
            for name in ("mkdocs.yml",):
                shutil.copy(REPO / name, root / name)
            for name in ("overrides", "docs"):
                shutil.rmtree(root / name, ignore_errors=True)
                generated = ("index.md", "agencies", "years", "data", "compare", "index.fragments.json")
                shutil.copytree(REPO / name, root / name,
                                ignore=shutil.ignore_patterns(*generated) if name == "docs" else None)
            n = sum(1 for _ in layout.packages.glob("*/*/datapackage.json"))
        else:
            layout = make_site_repo(root, REPO)
            t0 = time.perf_counter()
            n = province_corpus(layout.packages, args.reports, args.seed, args.jobs)
            print(f"generate packages  {time.perf_counter() - t0:7.1f} s   ({n} reports, not part of a build)",
                  flush=True)
        if args.generate_only:
            return 0
        t0 = time.perf_counter()
        results = build_split(layout, jobs=args.jobs)
        split_wall = time.perf_counter() - t0
        results.sort(key=lambda r: -r["reports"])
        print(f"reports: {n}   sites: {len(results)} (31 provinces at most + the national index)")
        print(f"split build, {args.jobs} workers: wall {split_wall:.1f} s; "
              f"CPU-side sum render {sum(r['render'] for r in results):.1f} s, "
              f"mkdocs {sum(r['mkdocs'] for r in results):.1f} s")
        for r in results[:3]:
            print(f"  largest: {r['province']} {r['reports']} reports, {r['pages']} pages: render "
                  f"{r['render']:.1f} s, mkdocs {r['mkdocs']:.1f} s")
        prov = [r for r in results if r["code"]]
        if prov:
            big = max(prov, key=lambda r: r["mkdocs"])
            print(f"largest province MkDocs time: {big['province']} {big['mkdocs']:.1f} s "
                  f"({big['reports']} reports)")
        if not args.no_monolithic:
            shutil.rmtree(layout.site, ignore_errors=True)
            t0 = time.perf_counter()
            t = build_site(layout, jobs=args.jobs)
            mono = time.perf_counter() - t0
            print(f"monolithic build: wall {mono:.1f} s ({', '.join(f'{k} {v:.1f} s' for k, v in t.stages.items())})")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

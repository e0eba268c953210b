#!/usr/bin/env python3
"""Benchmark the corpus build: throughput with 1 and 2 workers, full build, incremental rebuild.

    .venv/bin/python scripts/bench_corpus.py                # N = 200, speed sample 60
    .venv/bin/python scripts/bench_corpus.py --n 20 --speed-n 10

Generates N synthetic reports (tests/generator: consistent canonical reports printed to
PDF in many variations) under WORKDIR/data/reports (kept between runs: generation is not
timed), then prints:

* pages per second of the parse + audit + package build with 1 and 2 workers (cold:
  empty cache, no packages) over the first --speed-n reports, and the speed-up;
* the full cold build time of all N reports (--jobs workers, default 2);
* the rebuild time after adding one report (target ≤ 10 % of the full build) and how many
  reports that rebuild parsed (target: 1);
* peak resident memory of the build process and of its largest worker.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import resource
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def _generate_one(args: tuple[int, str]) -> tuple[int, dict, int] | None:
    seed, out_dir = args
    sys.path.insert(0, str(REPO / "tests"))
    from generator import make_document, report_meta

    pdf = Path(out_dir) / f"seed-{seed}.pdf"
    report, _v, log = make_document(seed, pdf)
    return seed, report_meta(report, pdf.name), log.page_count


def generate(layout, seeds: list[int], jobs: int) -> int:
    """Write one report folder per seed (skipping agency/year clashes); pages written."""
    from juesuan.paths import slugify

    staging = layout.root / "staging"
    staging.mkdir(parents=True, exist_ok=True)
    ctx = multiprocessing.get_context("spawn")
    pages = 0
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        for seed, meta, n in pool.map(_generate_one, [(s, str(staging)) for s in seeds]):
            d = layout.reports / slugify(meta["agency"]) / str(meta["year"])
            pdf = staging / f"seed-{seed}.pdf"
            if d.exists():  # the generator drew the same agency and year twice
                pdf.unlink()
                continue
            d.mkdir(parents=True)
            shutil.move(str(pdf), d / pdf.name)
            (d / "report.yml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), "utf-8")
            pages += n
    return pages


def corpus_pages(dirs: list[Path]) -> int:
    import pypdfium2

    total = 0
    for d in dirs:
        for pdf in d.glob("*.pdf"):
            doc = pypdfium2.PdfDocument(str(pdf))
            total += len(doc)
            doc.close()
    return total


def cold(layout) -> None:
    shutil.rmtree(layout.packages, ignore_errors=True)
    shutil.rmtree(layout.cache, ignore_errors=True)


def timed_build(layout, jobs: int, only=None):
    from juesuan.runner import parse_corpus

    t = time.perf_counter()
    res = parse_corpus(layout, jobs=jobs, progress=False, only=only)
    return time.perf_counter() - t, res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="reports in the corpus")
    ap.add_argument("--speed-n", type=int, default=60, help="reports for the 1-vs-2-worker rate")
    ap.add_argument("--jobs", type=int, default=2, help="workers of the full build")
    ap.add_argument("--repeat", type=int, default=2, help="runs of the 1-vs-2 comparison (best kept)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/juesuan-bench"))
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)  # the parser's per-report notes are not the point here

    from juesuan.paths import Layout

    root = args.workdir
    (root / "data" / "reports").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").touch()
    layout = Layout(root)
    have = len(layout.report_dirs())
    seed = 1000 + have * 2
    generated = False
    while len(layout.report_dirs()) < args.n + 1:  # +1: the report added for the rebuild
        missing = args.n + 1 - len(layout.report_dirs())
        generate(layout, list(range(seed, seed + missing)), 2)
        generated = True
        seed += missing
    dirs = layout.report_dirs()
    extra, corpus = dirs[-1], dirs[:args.n]
    parked = root / "parked"
    parked.mkdir(exist_ok=True)
    held = parked / "extra"
    shutil.rmtree(held, ignore_errors=True)
    shutil.move(str(extra), held)  # out of the corpus until the rebuild measurement

    sample = corpus[:args.speed_n]
    sample_pages = corpus_pages(sample)
    best: dict[int, float] = {}
    for _ in range(args.repeat):  # interleaved, best of: other load on the machine only slows
        for jobs in (1, 2):
            cold(layout)
            secs, res = timed_build(layout, jobs, only=sample)
            best[jobs] = min(best.get(jobs, secs), secs)
    rates = {jobs: sample_pages / secs for jobs, secs in best.items()}
    for jobs, rate in rates.items():
        print(f"{jobs} worker{'s' if jobs > 1 else ''}: {len(sample)} reports, {sample_pages} pages "
              f"in {best[jobs]:.1f} s = {rate:.1f} pages/s (best of {args.repeat}; "
              f"{len(res.failed)} failed)")
    print(f"speed-up 2 vs 1 workers: {rates[2] / rates[1]:.2f}x (target >= 1.7x)")

    cold(layout)
    pages = corpus_pages(corpus)
    full, res = timed_build(layout, args.jobs)
    print(f"full build, N = {len(corpus)} ({pages} pages, {args.jobs} workers): {full:.1f} s "
          f"= {pages / full:.1f} pages/s; {len(res.written)} packages, {len(res.failed)} failed")
    for d, msg in res.failed[:5]:
        print(f"  failed {d.name}: {msg}")

    unchanged, res0 = timed_build(layout, args.jobs)
    print(f"rebuild, nothing changed: {unchanged:.2f} s, parsed {len(res0.parsed)}")
    shutil.move(str(held), extra)
    rebuild, res1 = timed_build(layout, args.jobs)
    print(f"rebuild after adding one report: {rebuild:.2f} s = {100 * rebuild / full:.1f} % of the "
          f"full build (target <= 10 %), parsed {len(res1.parsed)}, wrote {len(res1.written)}")

    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: build process {me:.0f} MB, largest worker {kids:.0f} MB"
          + (" (includes the generator's workers: run again for the build alone)" if generated else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python
"""Survey the parser on generated documents: which variation families does it fail on?

Generates N synthetic reports (tests/generator, seeds seed0 … seed0+N-1), prints each to PDF in its
seeded variation, parses it with juesuan.pipeline.parse_file and scores the line items (precision,
recall: tests/generator/compare.py). Prints the lowest precision and recall (seed, variation), the
means, recall/precision for every value of every variation family, and the worst seeds with their
first missing / extra cells; writes the same as JSON with --json.

  .venv/bin/python scripts/survey.py                         # 300 documents, all families at random
  .venv/bin/python scripts/survey.py --n 50 --seed0 1000 --json /tmp/survey.json
  .venv/bin/python scripts/survey.py --mix one               # one family per document (clean blame)
  .venv/bin/python scripts/survey.py --mix one:zeros --n 20  # only that family
  .venv/bin/python scripts/survey.py --seeds 17,42 -v        # a few seeds, every missing/extra cell

Reproduce one document: JUESUAN_GENERATOR_MIX=<mix> .venv/bin/python scripts/gen_corpus.py --seed S --out /tmp/r
(or the command printed for each worst seed).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

TARGET = 0.995  # the property tests' line-item target (generator.compare.assert_line_items)
SKIP_FIELDS = ("seed", "mix")


def survey_one(args: tuple[int, str, str]) -> dict:
    """Render, parse and score one seed (in a worker process)."""
    seed, mix, out_dir = args
    from generator import make_document, report_meta
    from generator.compare import score_line_items

    from juesuan.pipeline import parse_file

    path = Path(out_dir) / f"survey-{seed}.pdf"
    t0 = time.perf_counter()
    report, v, log = make_document(seed, path, mix=mix)
    t1 = time.perf_counter()
    rec = {"seed": seed, "mix": v.mix, "variation": {k: x for k, x in v.__dict__.items()},
           "describe": v.describe(), "pages": log.page_count, "render_s": round(t1 - t0, 3),
           "cuts": log.cuts, "table_pages": log.pages}
    expected = report.line_items()
    try:
        got = parse_file(path, report_meta(report, path.name))
    except Exception as e:  # noqa: BLE001 - a parse failure is a result like any other
        rec.update(parse_s=round(time.perf_counter() - t1, 3),
                   error=f"{type(e).__name__}: {e}".replace(str(path), "<pdf>"),
                   trace=traceback.format_exc(limit=3), precision=0.0, recall=0.0, expected=len(expected),
                   got=0, correct=0, missing=[f"{i.key} = {i.value}" for i in expected[:20]], extra=[],
                   n_missing=len(expected), n_extra=0, missing_tables={}, extra_tables={})
        path.unlink(missing_ok=True)
        return rec
    s = score_line_items(expected, got.line_items)
    per_table_missing: dict[str, int] = defaultdict(int)
    per_table_extra: dict[str, int] = defaultdict(int)
    for m in s.missing:
        per_table_missing[m.split("'")[1]] += 1
    for e in s.extra:
        per_table_extra[e.split("'")[1]] += 1
    rec.update(parse_s=round(time.perf_counter() - t1, 3), error="", precision=s.precision, recall=s.recall,
               expected=s.expected, got=s.got, correct=s.correct, missing=s.missing[:20], extra=s.extra[:20],
               n_missing=len(s.missing), n_extra=len(s.extra), missing_tables=dict(per_table_missing),
               extra_tables=dict(per_table_extra))
    path.unlink(missing_ok=True)
    return rec


def family_table(results: list[dict]) -> list[dict]:
    """For every variation field and value: documents, mean P / R, share at target, min R."""
    from generator.variations import FAMILIES

    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in results:
        for k, x in r["variation"].items():
            if k not in SKIP_FIELDS:
                groups[(k, str(x))].append(r)
    rows = []
    for (k, x), rs in groups.items():
        rows.append({"family": k, "value": x, "new": k in FAMILIES, "n": len(rs),
                     "mean_p": statistics.fmean(r["precision"] for r in rs),
                     "mean_r": statistics.fmean(r["recall"] for r in rs),
                     "ok": sum(1 for r in rs if r["precision"] >= TARGET and r["recall"] >= TARGET) / len(rs),
                     "min_r": min(r["recall"] for r in rs), "errors": sum(1 for r in rs if r["error"]),
                     "mean_r_parsed": statistics.fmean([r["recall"] for r in rs if not r["error"]] or [0.0])})
    return rows


def non_classic(r: dict) -> str:
    from generator.variations import FAMILIES

    out = [f"{k}={r['variation'][k]}" for k, (classic, _, _) in FAMILIES.items()
           if k != "table_08" and r["variation"][k] != classic]
    if r["variation"]["table_08"] == "sides":
        out.append("table_08=sides")
    return ", ".join(out) or "(classic)"


def repro(r: dict) -> str:
    return (f"JUESUAN_GENERATOR_MIX={r['mix']} .venv/bin/python scripts/gen_corpus.py --seed {r['seed']} "
            f"--out /tmp/repro")


def report_text(results: list[dict], elapsed: float, jobs: int, verbose: bool) -> str:
    n = len(results)
    lines = [f"{n} documents in {elapsed:.1f} s on {jobs} process(es) ({elapsed / max(n, 1):.2f} s/document wall; "
             f"render {statistics.fmean(r['render_s'] for r in results):.2f} s, parse "
             f"{statistics.fmean(r['parse_s'] for r in results):.2f} s per document and process)"]
    lo_p = min(results, key=lambda r: (r["precision"], r["seed"]))
    lo_r = min(results, key=lambda r: (r["recall"], r["seed"]))
    errors = [r for r in results if r["error"]]
    parsed = [r for r in results if not r["error"]] or results
    at = sum(1 for r in results if r["precision"] >= TARGET and r["recall"] >= TARGET)
    lines += [
        f"mean precision {statistics.fmean(r['precision'] for r in results):.4f}, "
        f"mean recall {statistics.fmean(r['recall'] for r in results):.4f}; "
        f"{at}/{n} documents at P,R >= {TARGET}; {len(errors)} parse errors",
        f"lowest precision {lo_p['precision']:.4f}: seed {lo_p['seed']} ({non_classic(lo_p)})"
        + (f" — {lo_p['error'][:160]}" if lo_p["error"] else ""),
        f"    {lo_p['describe']}",
        f"lowest recall    {lo_r['recall']:.4f}: seed {lo_r['seed']} ({non_classic(lo_r)})"
        + (f" — {lo_r['error'][:160]}" if lo_r["error"] else ""),
        f"    {lo_r['describe']}"]
    if errors and len(parsed) < n:
        lo_p = min(parsed, key=lambda r: (r["precision"], r["seed"]))
        lo_r = min(parsed, key=lambda r: (r["recall"], r["seed"]))
        lines += [
            f"of the {len(parsed)} documents that parsed: mean precision "
            f"{statistics.fmean(r['precision'] for r in parsed):.4f}, mean recall "
            f"{statistics.fmean(r['recall'] for r in parsed):.4f}; lowest precision {lo_p['precision']:.4f} "
            f"(seed {lo_p['seed']}: {non_classic(lo_p)}), lowest recall {lo_r['recall']:.4f} "
            f"(seed {lo_r['seed']}: {non_classic(lo_r)})"]
    lines.append("")
    if errors:
        by_msg: dict[str, list[int]] = defaultdict(list)
        for r in errors:
            by_msg[r["error"][:140]].append(r["seed"])
        lines.append("parse errors:")
        for msg, ss in by_msg.items():
            common = set.intersection(*(set(non_classic(r).split(", ")) for r in errors if r["seed"] in ss))
            lines.append(f"  {len(ss):3d}× {msg}\n       seeds {', '.join(map(str, ss[:12]))}"
                         f"{' …' if len(ss) > 12 else ''}; families all of them have: {', '.join(sorted(common)) or '-'}")
        lines.append("")
    forced = [r for r in results if r["mix"].startswith("one:")]
    if forced:  # mix=one: each document has one family away from classic, the clean blame
        by: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for r in forced:
            fam = r["mix"].split(":", 1)[1]
            by[(fam, str(r["variation"][fam]))].append(r)
        lines.append("per forced family value (mix=one: every other family classic):")
        lines.append(f"  {'family':<15} {'value':<16} {'docs':>5} {'meanR':>7} {'meanP':>7} {'at>=T':>6}  seeds below target")
        for (fam, val), rs in sorted(by.items(), key=lambda kv: statistics.fmean(r["recall"] for r in kv[1])):
            bad = [r["seed"] for r in rs if r["precision"] < TARGET or r["recall"] < TARGET]
            lines.append(f"  {fam:<15} {val:<16} {len(rs):>5} {statistics.fmean(r['recall'] for r in rs):>7.4f} "
                         f"{statistics.fmean(r['precision'] for r in rs):>7.4f} {1 - len(bad) / len(rs):>6.0%}  "
                         f"{', '.join(map(str, bad[:8]))}{' …' if len(bad) > 8 else ''}")
        lines.append("")
    rows = family_table(results)
    lines.append("per family value (new = a real-world family; sorted by mean recall within each family):")
    lines.append("  (meanR' = mean recall of the documents that parsed; at>=T = share of documents at P,R >= target)")
    lines.append(f"  {'family':<15} {'value':<16} {'docs':>5} {'meanR':>7} {'meanP':>7} {'at>=T':>6} {'minR':>7} "
                 f"{'err':>4} {'meanR':>7}'")
    fams = sorted({r["family"] for r in rows}, key=lambda f: (not any(x["new"] for x in rows if x["family"] == f),
                                                              min(x["mean_r"] for x in rows if x["family"] == f)))
    for f in fams:
        for r in sorted((x for x in rows if x["family"] == f), key=lambda x: x["mean_r"]):
            lines.append(f"  {('*' if r['new'] else ' ') + f:<15} {r['value']:<16} {r['n']:>5} {r['mean_r']:>7.4f} "
                         f"{r['mean_p']:>7.4f} {r['ok']:>6.0%} {r['min_r']:>7.4f} {r['errors']:>4} "
                         f"{r['mean_r_parsed']:>7.4f}")
    lines += ["", "new families on ruled (rules=all) vs unruled (三线表 / no rules) tables: mean recall / documents"]
    from generator.variations import FAMILIES

    for f in FAMILIES:
        cells = []
        for val in sorted({str(r["variation"][f]) for r in results}):
            rs = [r for r in parsed if str(r["variation"][f]) == val]
            ruled = [r["recall"] for r in rs if r["variation"]["rules"] == "all"]
            unruled = [r["recall"] for r in rs if r["variation"]["rules"] != "all"]
            cells.append(f"{val or '-'}: " + " | ".join(f"{statistics.fmean(x):.3f}/{len(x)}" if x else "-/0"
                                                        for x in (ruled, unruled)))
        lines.append(f"  {f:<15} " + "   ".join(cells))
    tables_m: dict[str, int] = defaultdict(int)
    tables_e: dict[str, int] = defaultdict(int)
    for r in results:
        for t, c in r["missing_tables"].items():
            tables_m[t] += c
        for t, c in r["extra_tables"].items():
            tables_e[t] += c
    lines += ["", "missing / extra cells per table (all documents, parse errors excluded):"]
    for t in sorted(set(tables_m) | set(tables_e), key=lambda t: -tables_m.get(t, 0) - tables_e.get(t, 0)):
        lines.append(f"  {t:<28} missing {tables_m.get(t, 0):6d}   extra {tables_e.get(t, 0):6d}")
    worst = sorted(parsed, key=lambda r: (min(r["precision"], r["recall"]), r["recall"], r["seed"]))[:10]
    lines += ["", "worst 10 seeds" + (" (of those that parsed; parse errors above)" if errors else "") + ":"]
    for r in worst:
        lines.append(f"  seed {r['seed']}: P {r['precision']:.4f} R {r['recall']:.4f} (expected {r['expected']}, "
                     f"got {r['got']}, correct {r['correct']}) — {non_classic(r)}")
        if r["error"]:
            lines.append(f"      error: {r['error'][:300]}")
        else:
            lines.append(f"      missing {r['n_missing']} {dict(r['missing_tables'])}, extra {r['n_extra']} "
                         f"{dict(r['extra_tables'])}")
            lines += [f"      missing {m}" for m in r["missing"][:20 if verbose else 3]]
            lines += [f"      extra   {e}" for e in r["extra"][:20 if verbose else 3]]
        lines.append(f"      variation: {r['describe']}")
        lines.append(f"      reproduce: {repro(r)}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="number of documents (default 300)")
    ap.add_argument("--seed0", type=int, default=0, help="first seed (default 0)")
    ap.add_argument("--seeds", help="comma-separated seeds instead of --n/--seed0")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (spawn; default 2)")
    ap.add_argument("--mix", default="all", help="all (default) | one | one:<family> | classic")
    ap.add_argument("--json", type=Path, help="write the summary and every document's result here")
    ap.add_argument("-v", "--verbose", action="store_true", help="up to 20 missing/extra cells per worst seed")
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")] if a.seeds else list(range(a.seed0, a.seed0 + a.n))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="juesuan-survey-") as tmp:
        work = [(s, a.mix, tmp) for s in seeds]
        if a.jobs <= 1:
            results = [survey_one(w) for w in work]
        else:
            ctx = multiprocessing.get_context("spawn")
            with ctx.Pool(a.jobs) as pool:
                results = []
                for i, r in enumerate(pool.imap_unordered(survey_one, work, chunksize=1), 1):
                    results.append(r)
                    if i % 25 == 0:
                        print(f"  {i}/{len(work)} documents, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    elapsed = time.perf_counter() - t0
    results.sort(key=lambda r: r["seed"])
    print(report_text(results, elapsed, a.jobs, a.verbose))
    if a.json:
        summary = {
            "n": len(results), "seeds": seeds, "mix": a.mix, "elapsed_s": round(elapsed, 1), "jobs": a.jobs,
            "mean_precision": statistics.fmean(r["precision"] for r in results),
            "mean_recall": statistics.fmean(r["recall"] for r in results),
            "lowest_precision": {k: min(results, key=lambda r: r["precision"])[k] for k in ("seed", "precision")},
            "lowest_recall": {k: min(results, key=lambda r: r["recall"])[k] for k in ("seed", "recall")},
            "at_target": sum(1 for r in results if r["precision"] >= TARGET and r["recall"] >= TARGET),
            "families": family_table(results),
            "documents": results,
        }
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        print(f"\nJSON summary: {a.json}")


if __name__ == "__main__":
    main()

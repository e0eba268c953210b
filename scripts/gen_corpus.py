#!/usr/bin/env python
"""Write synthetic disclosures as data/reports-style folders: <out>/<slug>/<year>/<file>.pdf + report.yml.

  .venv/bin/python scripts/gen_corpus.py --out /tmp/corpus -n 50          # seeds 0..49
  .venv/bin/python scripts/gen_corpus.py --out /tmp/repro --seed 17       # one document, to reproduce a failure
  .venv/bin/python scripts/gen_corpus.py --out /tmp/c -n 20 --template national9 --unit 元

Each report.yml records the seed and the variation, and expected.json the records the parser should return.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from generator import make_document, report_meta  # noqa: E402

from juesuan.paths import slugify  # noqa: E402


def write_one(seed: int, out: Path, **override) -> Path:
    tmp = out / f".seed-{seed}.pdf"
    out.mkdir(parents=True, exist_ok=True)
    report, v, log = make_document(seed, tmp, **override)
    meta = report_meta(report)
    folder = out / f"{slugify(meta['agency'])}-s{seed}" / str(meta["year"])
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{meta['agency']}{meta['year']}年度{meta['kind']}.pdf"
    tmp.replace(folder / name)
    meta.update(source=name, obtained=f"synthetic (tests/generator, seed {seed})",
                synthetic={"seed": seed, "variation": asdict(v), "pages": log.page_count})
    (folder / "report.yml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    expected = {
        "line_items": [[i.table, i.section, i.row_code, i.row_name, i.column, str(i.value)]
                       for i in report.line_items()],
        "facts": [[f.metric, str(f.value), f.unit, f.quote] for f in report.facts],
        "projects": [[p.project_code, p.project_name, str(p.budget_initial), str(p.budget_adjusted), str(p.executed),
                      str(p.execution_rate), str(p.score)] for p in report.projects],
    }
    (folder / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=0), encoding="utf-8")
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("-n", type=int, default=10, help="number of reports (seeds start..start+n-1)")
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--seed", type=int, help="write only this seed")
    ap.add_argument("--template", choices=["sichuan13", "national9"])
    ap.add_argument("--unit", choices=["万元", "元"])
    a = ap.parse_args()
    override = {k: v for k, v in (("template", a.template), ("unit", a.unit)) if v}
    seeds = [a.seed] if a.seed is not None else range(a.start, a.start + a.n)
    for s in seeds:
        print(write_one(s, a.out, **override))


if __name__ == "__main__":
    main()

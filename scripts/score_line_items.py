#!/usr/bin/env python3
"""Score a package's line_items.csv against an expected line_items.csv (exact values).

Usage: score_line_items.py EXPECTED.csv GOT.csv [--show N]
Prints precision, recall, and the first N missing / wrong / extra cells.
"""

from __future__ import annotations

import argparse
import csv
from decimal import Decimal


def load(path: str) -> dict[tuple[str, str, str, str], Decimal]:
    with open(path, encoding="utf-8-sig") as f:
        return {(r["table"], r["section"], r["row_code"], r["column"]): Decimal(r["value"])
                for r in csv.DictReader(f)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("expected")
    ap.add_argument("got")
    ap.add_argument("--show", type=int, default=30)
    a = ap.parse_args()
    exp, got = load(a.expected), load(a.got)
    correct = sum(1 for k, v in got.items() if exp.get(k) == v)
    p = correct / len(got) if got else 1.0
    r = correct / len(exp) if exp else 1.0
    print(f"precision {p:.4f} recall {r:.4f} (expected {len(exp)}, got {len(got)}, correct {correct})")
    missing = [(k, v, got.get(k)) for k, v in sorted(exp.items()) if got.get(k) != v]
    extra = [(k, v) for k, v in sorted(got.items()) if k not in exp]
    for k, v, g in missing[:a.show]:
        print("  missing" if g is None else "  wrong  ", "/".join(k), v, "" if g is None else f"got {g}")
    for k, v in extra[:a.show]:
        print("  extra  ", "/".join(k), v)


if __name__ == "__main__":
    main()

"""The comparison data of the corpus (issue 11): the same item across agencies and years.

- function codes (功能分类 类 3 digits, 款 5, 项 7) with each report's 合计 / 基本支出 /
  项目支出 from its expenditure table (or the fiscal / general-budget table where it
  printed no expenditure table);
- economic codes (经济分类 类 3 digits, 款 5) of basic expenditure;
- 三公经费 and 机关运行经费 per report, with the staff count where the report prints it
  (per-staff figures only then);
- regions: province → city → county → agencies.

Pure functions of the corpus (juesuan.render.model.Corpus); pages: compare_pages.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

FUNCTION_TABLES = ("expenditure", "fiscal_detail", "general_budget")
ECONOMIC_TABLES = ("basic_expenditure",)
LEVELS = {3: "类", 5: "款", 7: "项"}
MIN_REPORTS = 2  # a code gets its own page when at least this many reports print it


@dataclass
class CodeRow:
    pkg: Any
    name: str
    values: dict[str, Decimal | None]


@dataclass
class Code:
    kind: str  # function | economic
    code: str
    names: dict[str, int] = field(default_factory=dict)  # name as printed → reports
    rows: list[CodeRow] = field(default_factory=list)

    @property
    def name(self) -> str:
        return max(self.names.items(), key=lambda kv: (kv[1], kv[0]))[0] if self.names else ""

    @property
    def level(self) -> str:
        return LEVELS.get(len(self.code), "")

    @property
    def parent(self) -> str:
        return self.code[:-2] if len(self.code) > 3 else ""

    @property
    def reports(self) -> int:
        return len(self.rows)


def _coded(pkg: Any, tables: tuple[str, ...], columns: tuple[str, ...]) -> dict[str, tuple[str, dict]]:
    """code → (name, {column: value}) from the first of ``tables`` the report prints coded."""
    for table in tables:
        out: dict[str, tuple[str, dict]] = {}
        for r in pkg.line_items(table):
            code = r["row_code"]
            if code.isdigit() and len(code) in LEVELS and r["column"] in columns:
                name, values = out.setdefault(code, (r["row_name"], {}))
                values[r["column"]] = r["value"]
        if out:
            return out
    return {}


def codes(corpus: Any, kind: str) -> dict[str, Code]:
    """Every code of ``kind`` (function / economic) printed by any report, with its rows."""
    tables, columns = ((FUNCTION_TABLES, ("total", "basic", "project")) if kind == "function"
                       else (ECONOMIC_TABLES, ("amount",)))
    out: dict[str, Code] = {}
    for pkg in corpus.packages:
        for code, (name, values) in _coded(pkg, tables, columns).items():
            c = out.setdefault(code, Code(kind, code))
            c.names[name] = c.names.get(name, 0) + 1
            c.rows.append(CodeRow(pkg, name, values))
    for c in out.values():
        c.rows.sort(key=lambda r: (-(r.values.get("total") or r.values.get("amount") or Decimal(0)),
                                   r.pkg.slug, r.pkg.year))
    return dict(sorted(out.items()))


def children(all_codes: dict[str, Code], code: str) -> list[Code]:
    return [c for k, c in all_codes.items() if c.parent == code]


def per_staff(amount: Decimal | None, staff: Decimal | None) -> Decimal | None:
    if amount is None or not staff:
        return None
    return (amount / staff).quantize(Decimal("0.0001"))


def ranking(corpus: Any, key: str, budget_key: str | None = None) -> list[dict[str, Any]]:
    """One row per report printing headline ``key``: amount, budget, staff and per staff."""
    rows = []
    for p in corpus.packages:
        h = corpus.h(p)
        if h.get(key) is None:
            continue
        rows.append({"pkg": p, "amount": h[key], "budget": h.get(budget_key) if budget_key else None,
                     "staff": h.get("staff"), "per_staff": per_staff(h[key], h.get("staff"))})
    rows.sort(key=lambda r: (-r["amount"], r["pkg"].slug, r["pkg"].year))
    return rows


def regions(corpus: Any) -> dict[str, dict[str, dict[str, list[str]]]]:
    """省 → 市 → 区/县 → agency slugs ("" where the level is not given)."""
    tree: dict[str, dict[str, dict[str, list[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for slug in corpus.by_agency:
        r = (corpus.latest(slug).region + ["", "", ""])[:3]
        tree[r[0]][r[1]][r[2]].append(slug)
    return tree

"""Consistent reports produce no `error` or `warning`.

An in-memory generator of consistent reports: random 类/款/项 amounts in cents that add
up exactly in every standard table, and a narrative whose figures, shares and changes
are computed from them (also used by test_audit_rules.py)."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from juesuan import reference as ref
from juesuan.models import Fact, Indicator, LineItem, Project, Report, ReportMeta

CENT = Decimal("0.01")
GB_CLASSES = ["201", "204", "205", "208", "210", "221"]
PERSONNEL = ["30101", "30102", "30103", "30301", "30305"]
PUBLIC = ["30201", "30211", "30231", "30299"]
PROJECT_ECON = ["30201", "30299", "31002"]


def money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP)


class Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.items: list[LineItem] = []
        self.facts: list[Fact] = []
        self.names: dict[str, str] = {}

    def cents(self, lo: int = 1, hi: int = 5_000_000) -> int:
        return self.rng.randint(lo, hi)

    def cell(self, table: str, row: str, column: str, cents: int, section: str = "") -> None:
        name = "合计" if row == "" else self.names.get(row, row)
        self.items.append(LineItem(table, section, row, name, column, money(cents), page=1))

    def fact(self, metric: str, value: Decimal | int, unit: str = "万元", quote: str = "") -> None:
        v = Decimal(value)
        self.facts.append(Fact(metric, v, unit, quote or f"{metric}{v}{unit}", page=2))

    # ------------------------------------------------------------- the tree
    def tree(self) -> dict[str, dict[str, int]]:
        """项 code → amounts in cents: gb_personnel, gb_public, gb_project, gf_project, business."""
        rng = self.rng
        leaves: dict[str, dict[str, int]] = {}
        for cls in rng.sample(GB_CLASSES, rng.randint(2, 5)):
            self.names[cls] = ref.function_name(cls)
            for k in rng.sample(range(1, 20), rng.randint(1, 3)):
                kuan = f"{cls}{k:02d}"
                self.names[kuan] = f"款{kuan}"
                for x in rng.sample(range(1, 99), rng.randint(1, 3)):
                    item = f"{kuan}{x:02d}"
                    self.names[item] = f"项{item}"
                    leaves[item] = {"gb_personnel": self.cents(0), "gb_public": self.cents(0, 500_000),
                                    "gb_project": self.cents(0, 2_000_000) * rng.randint(0, 1),
                                    "gf_project": 0, "business": self.cents(0, 300_000) * rng.randint(0, 1)}
        self.names.update({"212": ref.function_name("212"), "21208": "国有土地使用权出让收入安排的支出",
                           "2120899": "其他国有土地使用权出让收入安排的支出"})
        leaves["2120899"] = {"gb_personnel": 0, "gb_public": 0, "gb_project": 0,
                             "gf_project": self.cents(), "business": 0}
        return leaves


def rollup(leaves: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Every row (合计 "", 类, 款, 项) → summed amounts."""
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for code, amounts in leaves.items():
        for row in ("", code[:3], code[:5], code):
            for k, v in amounts.items():
                rows[row][k] += v
    return rows


def _split(rng: random.Random, total: int, parts: list[str]) -> dict[str, int]:
    cuts = sorted(rng.randint(0, total) for _ in parts[1:])
    bounds = [0, *cuts, total]
    return {p: bounds[i + 1] - bounds[i] for i, p in enumerate(parts)}


def consistent_report(seed: int = 0) -> Report:
    b = Builder(seed)
    rng = b.rng
    leaves = b.tree()
    econ: dict[str, dict[str, int]] = {}  # 项 → economic 5-digit code → cents (general budget)
    basic_econ: dict[str, int] = defaultdict(int)
    for code, a in leaves.items():
        e = defaultdict(int)
        for k, v in _split(rng, a["gb_personnel"], PERSONNEL).items():
            e[k] += v
            basic_econ[k] += v
        for k, v in _split(rng, a["gb_public"], PUBLIC).items():
            e[k] += v
            basic_econ[k] += v
        for k, v in _split(rng, a["gb_project"], PROJECT_ECON).items():
            e[k] += v
        econ[code] = e
    rows = rollup(leaves)
    order = sorted(rows)
    econ_rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for code, e in econ.items():
        for row in ("", code[:3], code[:5], code):
            for k, v in e.items():
                econ_rows[row][k] += v

    def gb(r):
        return r["gb_personnel"] + r["gb_public"] + r["gb_project"]

    def basic(r):
        return r["gb_personnel"] + r["gb_public"]

    def fiscal(r):
        return gb(r) + r["gf_project"]

    def allexp(r):
        return fiscal(r) + r["business"]

    for row in order:
        r = rows[row]
        b.cell("income", row, "total", allexp(r))
        b.cell("income", row, "fiscal_appropriation", fiscal(r))
        b.cell("income", row, "business", r["business"])
        for col in ("superior_subsidy", "operating", "affiliated", "other"):
            b.cell("income", row, col, 0)
        b.cell("expenditure", row, "total", allexp(r))
        b.cell("expenditure", row, "basic", basic(r))
        b.cell("expenditure", row, "project", r["gb_project"] + r["gf_project"] + r["business"])
        for col in ("remit_superior", "operating", "affiliated_subsidy"):
            b.cell("expenditure", row, col, 0)
        b.cell("fiscal_detail", row, "total", fiscal(r))
        b.cell("fiscal_detail", row, "basic", basic(r))
        b.cell("fiscal_detail", row, "personnel", r["gb_personnel"])
        b.cell("fiscal_detail", row, "public", r["gb_public"])
        b.cell("fiscal_detail", row, "project", r["gb_project"] + r["gf_project"])
        if row == "" or not row.startswith("212"):
            b.cell("general_budget", row, "total", gb(r))
            b.cell("general_budget", row, "basic", basic(r))
            b.cell("general_budget", row, "project", r["gb_project"])
            e = econ_rows[row]
            b.cell("general_budget_detail", row, "total", gb(r))
            groups = defaultdict(int)
            for k in sorted(set(PERSONNEL + PUBLIC + PROJECT_ECON)):
                b.cell("general_budget_detail", row, k, e[k])
                groups[k[:3]] += e[k]
            for g in ("301", "302", "303", "310"):
                b.cell("general_budget_detail", row, g, groups[g])
            if r["gb_project"]:
                b.cell("project_expenditure", row, "income", r["gb_project"])
                b.cell("project_expenditure", row, "expenditure", r["gb_project"])
        if row == "" or row.startswith("212"):
            for col, v in (("carryover_begin", 0), ("income", r["gf_project"]), ("total", r["gf_project"]),
                           ("basic", 0), ("project", r["gf_project"]), ("carryover_end", 0)):
                b.cell("government_fund", row, col, v)
    for col in ("carryover_begin", "income", "expenditure", "carryover_end"):
        b.cell("state_capital", "", col, 0)
    for col in ("total", "basic", "project"):
        b.cell("state_capital_expenditure", "", col, 0)
    return _finish(b, rows, basic_econ)


def _finish(b: Builder, rows, basic_econ: dict[str, int]) -> Report:
    rng = b.rng
    tot = rows[""]
    gb_total = tot["gb_personnel"] + tot["gb_public"] + tot["gb_project"]
    gf_total, business = tot["gf_project"], tot["business"]
    income_total = gb_total + gf_total + business
    basic_total = tot["gb_personnel"] + tot["gb_public"]
    project_total = tot["gb_project"] + gf_total + business
    carry = b.cents(0, 1_000_000)
    S, F = "income_expenditure_summary", "fiscal_summary"
    for item, v in (("general_budget", gb_total), ("gov_fund", gf_total), ("state_capital", 0),
                    ("superior_subsidy", 0), ("business", business), ("operating", 0), ("affiliated", 0),
                    ("other", 0), ("income_total", income_total), ("use_non_fiscal_balance", 0),
                    ("carryover_begin", carry), ("grand_total", income_total + carry)):
        b.cell(S, item, "amount", v, "income")
    classes = sorted(c for c in rows if len(c) == 3)
    for cls in sorted(set(classes) | {"203", "213"}):
        r = rows.get(cls, {})
        b.cell(S, cls, "amount", sum(r.get(k, 0) for k in ("gb_personnel", "gb_public", "gb_project",
                                                              "gf_project", "business")), "expenditure")
        g = sum(r.get(k, 0) for k in ("gb_personnel", "gb_public", "gb_project"))
        for col, v in (("total", g + r.get("gf_project", 0)), ("general_budget", g),
                       ("gov_fund", r.get("gf_project", 0)), ("state_capital", 0)):
            b.cell(F, cls, col, v, "expenditure")
    for item, v in (("expenditure_total", income_total), ("balance_distribution", 0), ("carryover_end", carry),
                    ("grand_total", income_total + carry)):
        b.cell(S, item, "amount", v, "expenditure")
    fiscal_income = gb_total + gf_total
    for item, v in (("general_budget", gb_total), ("gov_fund", gf_total), ("state_capital", 0),
                    ("income_total", fiscal_income), ("carryover_begin", carry),
                    ("carryover_begin_general_budget", carry), ("carryover_begin_gov_fund", 0),
                    ("carryover_begin_state_capital", 0), ("grand_total", fiscal_income + carry)):
        b.cell(F, item, "amount", v, "income")
    for item, cols in (("expenditure_total", (fiscal_income, gb_total, gf_total, 0)),
                       ("carryover_end", (carry, carry, 0, 0)),
                       ("grand_total", (fiscal_income + carry, gb_total + carry, gf_total, 0))):
        for col, v in zip(("total", "general_budget", "gov_fund", "state_capital"), cols):
            b.cell(F, item, col, v, "expenditure")
    # 08 basic expenditure by economic code
    groups: dict[str, int] = defaultdict(int)
    for k in sorted(basic_econ):
        b.names[k] = f"经济{k}"
        b.cell("basic_expenditure", k, "amount", basic_econ[k])
        groups[k[:3]] += basic_econ[k]
    for g in ("301", "302", "303", "310"):
        b.names[g] = f"经济{g}"
        b.cell("basic_expenditure", g, "amount", groups[g])
    personnel, public = groups["301"] + groups["303"], groups["302"] + groups["310"]
    b.cell("basic_expenditure", "personnel_total", "amount", personnel)
    b.cell("basic_expenditure", "public_total", "amount", public)
    # 13 三公 (the basic-expenditure 30231 is part of the vehicle operation)
    tp = {"abroad": b.cents(0, 100_000), "vehicle_purchase": b.cents(0, 300_000),
          "vehicle_operation": basic_econ["30231"] + b.cents(0, 200_000), "reception": b.cents(0, 100_000)}
    tp["vehicle"] = tp["vehicle_purchase"] + tp["vehicle_operation"]
    tp["total"] = tp["abroad"] + tp["vehicle"] + tp["reception"]
    budget = {k: v + 1000 * (k in ("abroad", "reception", "total")) for k, v in tp.items()}
    budget["total"] += 1000
    for k, v in tp.items():
        b.cell("three_public", "three_public", f"actual.{k}", v)
        b.cell("three_public", "three_public", f"budget.{k}", budget[k])
    pr = {"goods": b.cents(0, 500_000), "works": b.cents(0, 500_000), "services": b.cents(0, 500_000)}
    pr["total"] = sum(pr.values())
    sme = rng.randint(0, pr["total"])
    for k, v in pr.items():
        b.cell("government_procurement", "procurement", f"actual.{k}", v)
    b.cell("government_procurement", "procurement", "sme", sme)

    m = money
    gbe, exp_total = m(gb_total), m(income_total)
    b.fact("total_income_expenditure", m(income_total + carry))
    b.fact("income_total", m(income_total))
    b.fact("carryover_begin", m(carry))
    b.fact("carryover_end", m(carry))
    b.fact("fiscal_carryover_end", m(carry))
    b.fact("fiscal_total", m(fiscal_income + carry))
    for metric, v in (("income_general_budget", gb_total), ("income_gov_fund", gf_total),
                      ("income_state_capital", 0), ("income_business", business), ("income_other", 0)):
        b.fact(metric, m(v), quote=f"收入{m(v)}万元，占{pct(m(v), exp_total) if income_total else 0}%")
    b.fact("expenditure_total", exp_total)
    for metric, v in (("expenditure_basic", basic_total), ("expenditure_project", project_total)):
        b.fact(metric, m(v))
        b.fact(metric + "_share", pct(m(v), exp_total), "%")
    b.fact("general_budget_expenditure", gbe)
    b.fact("general_budget_expenditure_share", pct(gbe, exp_total), "%")
    b.fact("gov_fund_expenditure", m(gf_total))
    b.fact("general_budget_basic", m(basic_total))
    b.fact("personnel_expense", m(personnel))
    b.fact("public_expense", m(public))
    for code in sorted(rows):
        r = rows[code]
        v = m(r["gb_personnel"] + r["gb_public"] + r["gb_project"])
        if len(code) == 3 and code != "212":
            b.fact(f"general_budget_expenditure_{code}", v,
                   quote=f"{b.names[code]}{v}万元，占{pct(v, gbe) if gb_total else 0}%")
        elif len(code) == 7 and not code.startswith("212"):
            label = f"{b.names[code[:3]]}（类）{b.names[code[:5]]}（款）{b.names[code]}（项）"
            b.fact(f"general_budget_expenditure_{code}", v, quote=f"{label}：支出决算为{v}万元")
    for k in ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"):
        b.fact(f"three_public_{k}", m(tp[k]))
    for k in ("total", "goods", "works", "services"):
        b.fact(f"procurement_{k}", m(pr[k]))
    b.fact("procurement_sme", m(sme))
    if pr["total"]:
        b.fact("procurement_sme_share", pct(m(sme), m(pr["total"])), "%")
    # changes on the previous year, rate on the previous year's figure
    previous: dict[str, Decimal] = {}
    for metric in ("general_budget_expenditure", "three_public_total", "total_income_expenditure"):
        cur = next(f.value for f in b.facts if f.metric == metric)
        prior = m(b.cents(1))
        previous[metric] = prior
        change = cur - prior
        b.fact(metric + "_change", change, quote=f"比上年{'增加' if change >= 0 else '减少'}{abs(change)}万元")
        b.fact(metric + "_change_pct", pct(change, prior), "%")
    projects, indicators = _projects(b)
    b.fact("projects_self_evaluated", len(projects), "个")
    b.fact("projects_with_targets", len(projects) + rng.randint(0, 5), "个")
    meta = ReportMeta(agency="测试单位", region=["测试省"], sector="测试", year=2024, kind="部门决算",
                      slug="ceshi-danwei")
    report = Report(meta=meta, line_items=b.items, facts=b.facts, projects=projects, indicators=indicators)
    report.previous_facts = previous  # for tests that write a previous-year package
    return report


def _projects(b: Builder) -> tuple[list[Project], list[Indicator]]:
    rng = b.rng
    projects, indicators = [], []
    for n in range(rng.randint(1, 4)):
        code = f"5100{n:04d}"
        initial = b.cents(100_000, 5_000_000)
        adjusted = initial + rng.randint(-initial // 4, initial // 4)
        executed = rng.randint(adjusted * 9 // 10, adjusted)
        rate = pct(money(executed), money(adjusted))
        weights = _split(rng, 8, ["a", "b", "c", "d"])  # 90 points in units of 10 + 10
        total_score = Decimal(0)
        for i, (k, w) in enumerate(weights.items()):
            weight = Decimal(10 * w + (10 if i == 0 else 0))
            if weight == 0:
                continue
            score = weight - rng.randint(0, 3) if weight > 3 else weight
            total_score += score
            full = score == weight
            indicators.append(Indicator(code, "产出指标", "数量指标", f"指标{k}", "≥", "90", "%",
                                        str(95 if full else 80), weight, Decimal(score)))
        budget_score = (Decimal(10) * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        projects.append(Project(code, f"项目{n}", money(initial), money(adjusted), money(executed), rate,
                                total_score + budget_score))
    return projects, indicators


def seeds() -> range:
    return range(40)


# ------------------------------------------------------------------ tests
import pytest  # noqa: E402

from juesuan.audit import run_checks  # noqa: E402
from juesuan.audit.model import ERROR, WARNING  # noqa: E402


@pytest.mark.parametrize("seed", seeds())
def test_consistent_report_has_no_error_or_warning(seed):
    report = consistent_report(seed)
    bad = [c for c in run_checks(report) if c.severity in (ERROR, WARNING)]
    assert bad == [], "\n".join(c.message for c in bad)


@pytest.mark.parametrize("seed", range(10))
def test_consistent_report_is_exact(seed):
    """Built in cents, it has no rounding residue and no missing data at all."""
    checks = run_checks(consistent_report(seed))
    assert [c.message for c in checks] == []


def test_consistent_report_with_previous_year_package(tmp_path):
    report = consistent_report(7)
    folder = tmp_path / report.meta.slug / str(report.meta.year - 1)
    folder.mkdir(parents=True)
    lines = ["metric,value,unit,quote"] + [f"{k},{v},万元,上年{k}" for k, v in report.previous_facts.items()]
    (folder / "facts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [c.message for c in run_checks(report, packages_root=tmp_path)] == []

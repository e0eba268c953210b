"""A seeded random, internally consistent canonical report.

Amounts are integers: hundredths of the document's printed unit (万元 or 元), so every
identity (合计 = Σ类, 类 = Σ款, 款 = Σ项, total = basic + project, two-sided totals, the
cross-table equalities) holds exactly. ``SyntheticReport.line_items()`` gives the spec's
long form in 万元 (元 / 10000, exact), as the parser must return it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.models import Fact, Indicator, LineItem, Project

from . import catalog as C


@dataclass
class Row:
    code: str  # row_code of the long form ("" = the 合计 row of a coded table)
    name: str  # printed label, numbering removed
    values: dict[str, int]  # column id -> hundredths of the printed unit
    level: int = 0  # 0 合计, 1 类 / group, 2 款 / item, 3 项


@dataclass
class Table:
    id: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)  # one-sided tables
    income: list[Row] = field(default_factory=list)  # two-sided tables
    expenditure: list[Row] = field(default_factory=list)
    headers_only: bool = False  # printed without any data row

    @property
    def two_sided(self) -> bool:
        return bool(self.income or self.expenditure)


@dataclass
class Leaf:
    code: str
    gb_basic: int = 0
    gb_project: int = 0
    gf_basic: int = 0
    gf_project: int = 0
    sc_project: int = 0
    nf_basic: int = 0
    nf_project: int = 0
    nf_sources: dict[str, int] = field(default_factory=dict)
    gb_personnel: int = 0
    econ: dict[str, int] = field(default_factory=dict)  # GB spending by economic item
    econ_basic: dict[str, int] = field(default_factory=dict)

    @property
    def basic(self) -> int:
        return self.gb_basic + self.gf_basic + self.nf_basic

    @property
    def project(self) -> int:
        return self.gb_project + self.gf_project + self.sc_project + self.nf_project


@dataclass
class SyntheticReport:
    seed: int
    template: str  # "sichuan13" | "national9"
    meta: dict
    unit: str  # printed unit: "万元" | "元"
    tables: dict[str, Table]
    leaves: list[Leaf]
    econ_items: list[str]
    facts: list[Fact] = field(default_factory=list)
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # heading, paragraphs
    projects: list[Project] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    project_texts: dict[str, dict] = field(default_factory=dict)
    # what the last rendering printed differently (printing.prepare): blank cells for zero are no
    # line items; renamed summary rows keep their code and carry the printed name
    blank_zero: bool = False
    printed_names: dict[tuple[str, str, str], str] = field(default_factory=dict)

    @property
    def scale(self) -> Decimal:
        """Value in 万元 of one integer amount unit."""
        return Decimal("0.01") if self.unit == "万元" else Decimal("0.000001")

    def wan(self, cents: int) -> Decimal:
        return cents * self.scale

    def line_items(self) -> list[LineItem]:
        out: list[LineItem] = []
        for t in self.tables.values():
            if t.headers_only:
                continue
            sides = [("income", t.income), ("expenditure", t.expenditure)] if t.two_sided else [("", t.rows)]
            for section, rows in sides:
                for r in rows:
                    name = self.printed_names.get((t.id, section, r.code), r.name)
                    out += [LineItem(t.id, section, r.code, name, col, self.wan(v))
                            for col, v in r.values.items() if v or not self.blank_zero]
        return out


def split(rng: random.Random, total: int, n: int, zero_share: float = 0.0) -> list[int]:
    """Random non-negative integers summing exactly to total; some parts may be 0."""
    if n <= 0:
        return []
    weights = [0.0 if (i and rng.random() < zero_share) else rng.random() ** 2 + 0.01 for i in range(n)]
    s = sum(weights)
    parts = [int(total * w / s) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def function_name(code: str) -> str:
    cls = C.FUNCTION_TREE[code[:3]]
    if len(code) == 3:
        return cls[0]
    kuan = cls[1][code[:5]]
    return kuan[0] if len(code) == 5 else kuan[1][code]


def make_leaves(rng: random.Random, sector: str, mag: int) -> list[Leaf]:
    own = C.SECTORS[sector][1]
    leaves: list[Leaf] = []
    for kuan in own + rng.sample(C.COMMON_KUAN, rng.randint(2, len(C.COMMON_KUAN))):
        items = sorted(C.FUNCTION_TREE[kuan[:3]][1][kuan][1])
        for code in sorted(rng.sample(items, rng.randint(1, min(4, len(items))))):
            leaf = Leaf(code)
            amount = rng.randint(mag // 200, mag // 4)
            running = function_name(code) in ("行政运行", "事业运行") or kuan in C.COMMON_KUAN
            if running:
                leaf.gb_basic = amount
            elif rng.random() < 0.2:
                leaf.gb_basic, leaf.gb_project = split(rng, amount, 2)
            else:
                leaf.gb_project = amount
            leaves.append(leaf)
    if rng.random() < 0.5:
        kuan = rng.choice(C.GOV_FUND_KUAN)
        for code in rng.sample(sorted(C.FUNCTION_TREE[kuan[:3]][1][kuan][1]), rng.randint(1, 2)):
            leaves.append(Leaf(code, gf_project=rng.randint(mag // 500, mag // 20)))
    if rng.random() < 0.25:
        kuan = rng.choice(C.STATE_CAPITAL_KUAN)
        code = rng.choice(sorted(C.FUNCTION_TREE["223"][1][kuan][1]))
        leaves.append(Leaf(code, sc_project=rng.randint(mag // 1000, mag // 50)))
    if rng.random() < 0.35:  # non-fiscal income (事业收入, 其他收入, ...) on a few GB leaves
        sources = rng.sample(["superior_subsidy", "business", "operating", "affiliated", "other"], rng.randint(1, 2))
        for leaf in rng.sample([lf for lf in leaves if lf.gb_basic or lf.gb_project], 2):
            amount = rng.randint(mag // 1000, mag // 30)
            leaf.nf_basic, leaf.nf_project = (amount, 0) if leaf.gb_basic else (0, amount)
            leaf.nf_sources = dict(zip(sources, split(rng, amount, len(sources))))
    leaves.sort(key=lambda lf: lf.code)
    return leaves


def choose_econ_items(rng: random.Random) -> list[str]:
    def pick(group: str, lo: int, hi: int) -> list[str]:
        items = sorted(C.ECONOMIC[group][1])
        return sorted(rng.sample(items, min(len(items), rng.randint(lo, hi))))
    return (pick("301", 5, 10) + pick("302", 6, 12) + pick("303", 1, 4) + pick("310", 0, 3)
            + pick("399", 0, 1))


def allocate_econ(rng: random.Random, leaves: list[Leaf], econ_items: list[str]) -> None:
    """Split each GB leaf's basic spending into personnel/public economic items, project into others."""
    pers = [e for e in econ_items if e[:3] in C.PERSONNEL_GROUPS]
    pub = [e for e in econ_items if e[:3] in C.PUBLIC_GROUPS]
    proj = [e for e in econ_items if e[:3] in C.PROJECT_ECON_GROUPS] or pub
    for leaf in leaves:
        if not (leaf.gb_basic or leaf.gb_project):
            continue
        leaf.gb_personnel = int(leaf.gb_basic * rng.uniform(0.6, 0.95)) if pub else leaf.gb_basic
        basic = {}
        for items, amount in ((pers, leaf.gb_personnel), (pub, leaf.gb_basic - leaf.gb_personnel)):
            chosen = rng.sample(items, rng.randint(1, min(5, len(items))))
            for e, v in zip(chosen, split(rng, amount, len(chosen))):
                basic[e] = basic.get(e, 0) + v
        leaf.econ_basic = basic
        leaf.econ = dict(basic)
        chosen = rng.sample(proj, rng.randint(1, min(3, len(proj))))
        for e, v in zip(chosen, split(rng, leaf.gb_project, len(chosen))):
            leaf.econ[e] = leaf.econ.get(e, 0) + v


def make_agency(rng: random.Random) -> dict:
    province, city, districts = rng.choice(C.CITIES)
    district = rng.choice(districts)
    sector = rng.choice(sorted(C.SECTORS))
    suffix = rng.choice(C.SECTORS[sector][0])
    district_short = district[:-1] if len(district) > 2 else district
    if "{district}" in suffix:
        agency, region = city + suffix.format(district=district_short), [province, city, district]
    elif rng.random() < 0.5:
        agency, region = city + suffix, [province, city]
    else:
        agency, region = district + suffix, [province, city, district]
    year = rng.choice([2022, 2023, 2024])
    return {"agency": agency, "region": region, "sector": sector, "year": year,
            "kind": rng.choice(["部门决算", "单位决算"]),
            "published": f"{year + 1}-{rng.randint(7, 10):02d}-{rng.randint(1, 28):02d}"}


def generate_report(seed: int, template: str | None = None, unit: str | None = None) -> SyntheticReport:
    """The whole consistent report for a seed (tables, narrative facts, projects)."""
    from .narrative import add_narrative
    from .projects import add_projects
    from .tables import build_tables

    rng = random.Random(seed)
    meta = make_agency(rng)
    template = template or rng.choice(["sichuan13", "sichuan13", "national9"])
    unit = unit or rng.choice(["万元", "万元", "元"])
    mag = 10 ** rng.randint(5, 6) * rng.randint(1, 9)  # agency size in hundredths of 万元
    if unit == "元":
        mag *= 10000
    leaves = make_leaves(rng, meta["sector"], mag)
    econ_items = choose_econ_items(rng)
    allocate_econ(rng, leaves, econ_items)
    report = SyntheticReport(seed, template, meta, unit, {}, leaves, econ_items)
    report.tables = build_tables(rng, report, mag)
    add_projects(rng, report)
    add_narrative(rng, report)
    return report

"""Reports for developing and testing the site without the parser.

- :func:`report_from_expected` builds a Report from a golden fixture's expected CSVs
  (tests/fixtures/golden/<stem>/expected/ + metadata.yaml);
- :func:`synthetic_report` makes a random but arithmetically consistent report of a
  random agency, for the scale benchmark (scripts/bench_site.py);
- :func:`with_verification` gives a report the cell statuses, identity counts and a withheld
  table, as a parser that checks the template's identities writes them (for the site).
"""

from __future__ import annotations

import csv
import dataclasses
import random
from decimal import Decimal
from pathlib import Path

import yaml

from juesuan.models import Fact, Indicator, LineItem, ProfileSection, Project, Report, ReportMeta, TableInfo
from juesuan.paths import slugify
from juesuan.render.load import dec

C = Decimal("0.01")


def _csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def report_from_expected(expected: Path, **overrides: object) -> Report:
    """A Report from a golden fixture's expected/ folder (``overrides`` set meta fields)."""
    expected = Path(expected)
    md = yaml.safe_load((expected / "metadata.yaml").read_text("utf-8"))
    meta = ReportMeta(agency=md["agency"], region=list(md.get("region") or []), sector=md.get("sector") or "",
                      year=int(md["year"]), kind=md.get("kind") or "部门决算", unit=md.get("unit") or "万元",
                      published=str(md["published"]) if md.get("published") else None,
                      source_file=f"{expected.parent.name}.txt", template=md.get("template") or "",
                      sha256="0" * 64, page_count=0, format="text")
    for k, v in overrides.items():
        setattr(meta, k, v)
    meta.slug = meta.slug or slugify(meta.agency)
    items = [LineItem(r["table"], r["section"], r["row_code"], r["row_name"], r["column"], Decimal(r["value"]),
                      int(r["page"]) if r.get("page") else None) for r in _csv(expected / "line_items.csv")]
    facts = [Fact(r["metric"], Decimal(r["value"]), r["unit"], r["quote"], int(r["page"]) if r.get("page") else None)
             for r in _csv(expected / "facts.csv")]
    projects = [Project(r["project_code"], r["project_name"], dec(r["budget_initial"]), dec(r["budget_adjusted"]),
                        dec(r["executed"]), dec(r["execution_rate"]), dec(r["score"]))
                for r in _csv(expected / "projects.csv")]
    indicators = [Indicator(r["project_code"], r["level1"], r["level2"], r["level3"], r["operator"], r["target"],
                            r["unit"], r["actual"], dec(r["weight"]), dec(r["score"]))
                  for r in _csv(expected / "indicators.csv")]
    tables = sorted({li.table for li in items})
    infos = [TableInfo(t, t, (), cells=sum(1 for li in items if li.table == t)) for t in tables]
    return Report(meta=meta, line_items=items, facts=facts, projects=projects, indicators=indicators,
                  tables=infos, profile=_golden_profile(expected))


def _golden_profile(expected: Path) -> list[ProfileSection]:
    """第一部分 部门概况 read from the fixture's text export (<stem>.txt next to its folder)."""
    text = expected.parent.parent / f"{expected.parent.name}.txt"
    if not text.is_file():
        return []
    from juesuan.extract.text import extract_text
    from juesuan.normalize.profile import extract_profile

    return extract_profile(extract_text(text))


def synthetic_profile(agency: str, sector: str, units: int, staff: int) -> list[ProfileSection]:
    return [
        ProfileSection("duties", "一、部门职责", "\n".join([
            f"{agency}的主要职责是：",
            f"1.贯彻执行国家和省、市有关{sector}工作的方针政策和法律法规，拟订本地区{sector}工作规划并组织实施。",
            f"2.负责本地区{sector}领域的日常管理、监督检查和公共服务工作。",
            "3.承办上级机关交办的其他事项。"]), 3),
        ProfileSection("organisation", "二、机构设置", f"{agency}内设{units}个科室，是一级预算单位，无下属二级预算单位。", 3),
        ProfileSection("staff", "三、人员构成", f"年末实有在职人员{staff}人。", 3),
    ]


# ------------------------------------------------------------------ synthetic corpus

REGIONS = {
    "四川省": {"成都市": ["锦江区", "武侯区", "双流区"], "达州市": ["达川区", "通川区", "宣汉县"],
              "遂宁市": ["安居区", "船山区", "射洪市"]},
    "广东省": {"广州市": ["天河区", "越秀区"], "深圳市": ["福田区", "南山区"]},
    "浙江省": {"杭州市": ["西湖区", "余杭区"], "宁波市": ["鄞州区", "海曙区"]},
}
COMMON = [("208", "社会保障和就业支出", "20805", "行政事业单位养老支出",
           [("2080505", "机关事业单位基本养老保险缴费支出"), ("2080506", "机关事业单位职业年金缴费支出")]),
          ("210", "卫生健康支出", "21011", "行政事业单位医疗",
           [("2101101", "行政单位医疗"), ("2101103", "公务员医疗补助")]),
          ("221", "住房保障支出", "22102", "住房改革支出", [("2210201", "住房公积金")])]
SECTORS = {
    "公安": ("公安局", ("204", "公共安全支出", "20402", "公安",
                      [("2040201", "行政运行"), ("2040202", "一般行政管理事务"), ("2040219", "信息化建设")])),
    "教育": ("教育局", ("205", "教育支出", "20502", "普通教育",
                      [("2050201", "学前教育"), ("2050202", "小学教育"), ("2050203", "初中教育")])),
    "卫生健康": ("卫生健康局", ("210", "卫生健康支出", "21003", "基层医疗卫生机构",
                            [("2100301", "城市社区卫生机构"), ("2100302", "乡镇卫生院")])),
    "农业农村": ("农业农村局", ("213", "农林水支出", "21301", "农业农村",
                            [("2130101", "行政运行"), ("2130104", "事业运行")])),
    "交通运输": ("交通运输局", ("214", "交通运输支出", "21401", "公路水路运输",
                            [("2140101", "行政运行"), ("2140106", "公路养护")])),
    "财政": ("财政局", ("201", "一般公共服务支出", "20106", "财政事务",
                      [("2010601", "行政运行"), ("2010602", "一般行政管理事务")])),
}
ECONOMIC = {"301": ("工资福利支出", [("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"),
                                  ("30108", "机关事业单位基本养老保险缴费"), ("30113", "住房公积金"),
                                  ("30199", "其他工资福利支出")]),
            "302": ("商品和服务支出", [("30201", "办公费"), ("30206", "电费"), ("30211", "差旅费"),
                                   ("30213", "维修（护）费"), ("30217", "公务接待费"), ("30231", "公务用车运行维护费"),
                                   ("30299", "其他商品和服务支出")]),
            "303": ("对个人和家庭的补助", [("30302", "退休费"), ("30305", "生活补助")])}


def _split(rng: random.Random, total: Decimal, n: int) -> list[Decimal]:
    """``total`` cut into ``n`` positive parts (cents) that add up exactly."""
    weights = [rng.uniform(0.2, 1.0) for _ in range(n)]
    s = sum(weights)
    parts = [(total * Decimal(w / s)).quantize(C) for w in weights[:-1]]
    return parts + [total - sum(parts, Decimal(0))]


def synthetic_report(rng: random.Random, index: int, year: int) -> Report:
    """A random, arithmetically consistent report of synthetic agency number ``index``."""
    agency_rng = random.Random(index)
    prov = agency_rng.choice(sorted(REGIONS))
    city = agency_rng.choice(sorted(REGIONS[prov]))
    county = agency_rng.choice(REGIONS[prov][city])
    sector = agency_rng.choice(sorted(SECTORS))
    suffix, main = SECTORS[sector]
    agency = f"{city}{county}{suffix}第{index}分局" if sector == "公安" else f"{city}{county}{suffix}（{index}）"
    scale = Decimal(agency_rng.randint(800, 30000)) * Decimal(1 + (year - 2020) * 0.04).quantize(C)
    total = (scale * Decimal(rng.uniform(0.9, 1.1))).quantize(C)
    items: list[LineItem] = []

    def li(table: str, section: str, code: str, name: str, column: str, value: Decimal) -> None:
        items.append(LineItem(table, section, code, name, column, value))

    classes = [main, *(c for c in COMMON if c[0] != main[0])]
    class_totals = _split(rng, total, len(classes))
    basic_total = Decimal(0)
    project_total = Decimal(0)
    for (code, name, kcode, kname, xs), amount in zip(classes, class_totals, strict=True):
        project = (amount * Decimal(rng.uniform(0, 0.4) if code == main[0] else 0)).quantize(C)
        basic = amount - project
        basic_total += basic
        project_total += project
        li("income_expenditure_summary", "expenditure", code, name, "amount", amount)
        parts = _split(rng, amount, len(xs))
        for table in ("expenditure", "general_budget", "fiscal_detail"):
            for c, n, a, b, p in [(code, name, amount, basic, project), (kcode, kname, amount, basic, project)]:
                li(table, "", c, n, "total", a)
                li(table, "", c, n, "basic", b)
                li(table, "", c, n, "project", p)
            for (xcode, xname), part in zip(xs, parts, strict=True):
                li(table, "", xcode, xname, "total", part)
        # 一般公共预算财政拨款支出决算明细表: each function row split over economic 款
        econ = [sub for _, subs in ECONOMIC.values() for sub in subs]
        rows = [(code, name, amount), (kcode, kname, amount),
                *((x, xn, pt) for (x, xn), pt in zip(xs, parts, strict=True))]
        for c, n, a in rows:
            li("general_budget_detail", "", c, n, "total", a)
            for (ecode, _), part in zip(econ, _split(rng, a, len(econ)), strict=True):
                li("general_budget_detail", "", c, n, ecode, part)
        li("income", "", code, name, "total", amount)
        li("income", "", code, name, "fiscal_appropriation", amount)
    for table in ("expenditure", "general_budget", "fiscal_detail"):
        li(table, "", "", "合计", "total", total)
        li(table, "", "", "合计", "basic", basic_total)
        li(table, "", "", "合计", "project", project_total)
    li("income", "", "", "合计", "total", total)
    li("income", "", "", "合计", "fiscal_appropriation", total)
    for key, name, value in [("general_budget", "一般公共预算财政拨款收入", total), ("income_total", "本年收入合计", total),
                             ("grand_total", "总计", total)]:
        li("income_expenditure_summary", "income", key, name, "amount", value)
    for key, name in [("expenditure_total", "本年支出合计"), ("grand_total", "总计")]:
        li("income_expenditure_summary", "expenditure", key, name, "amount", total)

    personnel = (basic_total * Decimal(rng.uniform(0.7, 0.9))).quantize(C)
    public = basic_total - personnel
    groups = {"301": personnel * Decimal("0.9"), "303": personnel * Decimal("0.1"), "302": public}
    for code, amount in groups.items():
        amount = amount.quantize(C)
        name, subs = ECONOMIC[code]
        li("basic_expenditure", "", code, name, "amount", amount)
        for (scode, sname), part in zip(subs, _split(rng, amount, len(subs)), strict=True):
            li("basic_expenditure", "", scode, sname, "amount", part)
    li("basic_expenditure", "", "personnel_total", "人员经费合计", "amount", groups["301"].quantize(C)
       + groups["303"].quantize(C))
    li("basic_expenditure", "", "public_total", "公用经费合计", "amount", public)

    tp_actual = {k: (public * Decimal(rng.uniform(0.002, 0.02))).quantize(C)
                 for k in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")}
    tp_actual["vehicle"] = tp_actual["vehicle_purchase"] + tp_actual["vehicle_operation"]
    tp_actual["total"] = tp_actual["abroad"] + tp_actual["vehicle"] + tp_actual["reception"]
    for k, v in tp_actual.items():
        li("three_public", "", "three_public", "三公经费", f"actual.{k}", v)
        li("three_public", "", "three_public", "三公经费", f"budget.{k}", (v * Decimal("1.1")).quantize(C))

    staff = Decimal(agency_rng.randint(20, 600))
    facts = [Fact("income_total", total, "万元", f"本年收入合计{total}万元"),
             Fact("expenditure_total", total, "万元", f"本年支出合计{total}万元"),
             Fact("three_public_total", tp_actual["total"], "万元", f"“三公”经费财政拨款支出{tp_actual['total']}万元"),
             Fact("staff_on_post", staff, "人", f"在职人员{staff}人")]
    projects, indicators = [], []
    for i, part in enumerate(_split(rng, project_total or Decimal(1), rng.randint(2, 30))):
        code = f"5100{index:06d}{year}{i:04d}"
        executed = (part * Decimal(rng.uniform(0.8, 1.0))).quantize(C)
        projects.append(Project(code, f"{sector}专项工作经费（{i + 1}）", part, part, executed,
                                (executed / part * 100).quantize(C) if part else None, Decimal(rng.randint(80, 100))))
        for level2 in ("数量指标", "质量指标", "时效指标"):
            indicators.append(Indicator(code, "产出指标", level2, f"完成{level2}", "≥", "95", "%", "98%",
                                        Decimal(10), Decimal(10)))
    tables = [TableInfo(t, t, (n + 2,), cells=sum(1 for x in items if x.table == t))
              for n, t in enumerate(sorted({x.table for x in items}))]
    meta = ReportMeta(agency=agency, region=[prov, city, county], sector=sector, year=year, kind="部门决算",
                      published=f"{year + 1}-09-{(index % 28) + 1:02d}", source_file="source.pdf",
                      sha256=f"{index:064x}", page_count=30, format="pdf", slug=slugify(agency))
    return Report(meta=meta, line_items=items, facts=facts, projects=projects, indicators=indicators,
                  tables=tables, profile=synthetic_profile(agency, sector, agency_rng.randint(4, 20), int(staff)))


WITHHELD_NOTE = "读出的数字使本表 12 项勾稽关系中 9 项不成立（原文表格线缺失，列可能错位）"


def with_verification(report: Report, withhold: str | None = "basic_expenditure", seed: int = 0,
                      contradicted: float = 0.02, unverified: float = 0.1) -> Report:
    """``report`` with line_items.status and tables' identities as a checking parser gives them:
    random statuses (about ``contradicted`` and ``unverified`` of the cells), and the table
    ``withhold`` withheld (its cells dropped, a note saying why). Not arithmetic: for the site."""
    rng = random.Random(seed)
    items = []
    for li in report.line_items:
        if li.table == withhold:
            continue
        x = rng.random()
        status = "contradicted" if x < contradicted else "unverified" if x < contradicted + unverified \
            else "verified"
        items.append(dataclasses.replace(li, status=status))
    tables = []
    for t in report.tables:
        mine = [li for li in items if li.table == t.table]
        n = max(1, len(mine) // 3)
        if t.table == withhold:
            tables.append(dataclasses.replace(t, status="withheld", cells=0, identities=12, identities_held=3,
                                              note=WITHHELD_NOTE))
            continue
        bad = sum(1 for li in mine if li.status == "contradicted")
        tables.append(dataclasses.replace(t, identities=n, identities_held=max(0, n - bad)))
    return dataclasses.replace(report, line_items=items, tables=tables)


def synthetic_corpus(packages_root: Path, reports: int, seed: int = 0) -> int:
    """Write ``reports`` synthetic packages (agencies over 1–4 years) under ``packages_root``."""
    from juesuan.package.writer import write_package

    rng = random.Random(seed)
    written, index = 0, 0
    while written < reports:
        years = list(range(2024 - rng.randint(0, 3), 2025))
        for year in years[: reports - written]:
            r = synthetic_report(rng, index, year)
            write_package(r, Path(packages_root) / r.meta.slug / str(year))
            written += 1
        index += 1
    return written

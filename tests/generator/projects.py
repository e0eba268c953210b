"""Project self-evaluation tables (项目支出绩效自评表): the records and their printed grid."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from juesuan.models import Indicator, Project

from . import catalog as C
from .canonical import SyntheticReport
from .grid import SpanGrid

PROVINCE_CODE = {"四川省": "51", "湖北省": "42", "浙江省": "33"}
Q2 = Decimal("0.01")


def money(rng: random.Random, lo: int, hi: int) -> Decimal:
    return Decimal(rng.randint(lo, hi)) / 100


def add_projects(rng: random.Random, report: SyntheticReport) -> None:
    y = report.meta["year"]
    prov = PROVINCE_CODE.get(report.meta["region"][0], "51")
    area = f"{rng.randint(1, 20):02d}{rng.randint(1, 30):02d}"
    unit_in_actual = rng.random() < 0.5  # "60次" (as 004) or "60" (as 000)
    used: set[str] = set()
    for _ in range(rng.randint(0, 4)):
        word = rng.choice([w for w in C.PROJECT_WORDS if w not in used])
        used.add(word)
        name = rng.choice([f"{y}年{word}项目", f"{word}专项经费", f"{word}工作经费"])
        code = f"{prov}{area}{str(y)[2:]}T{rng.randint(10**8, 10**9):012d}"
        initial = money(rng, 0, 20000) if rng.random() < 0.8 else Decimal("0.00")
        adjusted = money(rng, 100, 20000)
        if initial:  # adjusted during the year, but not by the 四成 the audit points out
            adjusted = adjust(initial, code)
        executed = adjusted if rng.random() < 0.7 else (adjusted * Decimal(rng.uniform(0.5, 1))).quantize(Q2)
        rate = (executed / adjusted * 100).quantize(Q2, ROUND_HALF_UP)
        budget_score = 10 if rate >= 90 else int(rate / 10)
        inds = indicators(rng, code, name, word, executed, unit_in_actual)
        score = budget_score + sum(i.score for i in inds)
        report.projects.append(Project(code, name, initial, adjusted, executed, rate, Decimal(score)))
        report.indicators += inds
        report.project_texts[code] = {
            "budget_score": budget_score,
            "goal": f"{y}年安排资金{adjusted}万元用于{word}工作，保障各项任务按期完成。",
            "done": f"目标任务已完成。资金预算{adjusted}万元，实际执行{executed}万元。",
            "conclusion": f"自评得分{score}分，项目实施总体达到预期目标。"}


def adjust(initial: Decimal, code: str) -> Decimal:
    """The adjusted budget of a project with an initial one: unchanged, or changed by less than 30%.

    Drawn from a generator of its own, so that the seed's later draws (the narrative) stay put."""
    rng = random.Random(f"adjust-{code}")
    if rng.random() < 0.4:
        return initial
    adjusted = (initial * Decimal(rng.uniform(0.75, 1.3))).quantize(Q2, ROUND_HALF_UP)
    return adjusted if adjusted > 0 and abs(adjusted - initial) < Decimal("0.3") * initial else initial


def indicators(rng: random.Random, code: str, name: str, word: str, executed: Decimal,
               unit_in_actual: bool) -> list[Indicator]:
    chosen = sorted(rng.sample(range(len(C.INDICATORS)), rng.randint(3, 6)))
    weights = [5] * len(chosen)
    for _ in range((90 - 5 * len(chosen)) // 5):
        weights[rng.randrange(len(chosen))] += 5
    out = []
    for idx, weight in zip(chosen, weights):
        l1, l2, l3, op, unit = C.INDICATORS[idx]
        l3 = l3.format(w=word)
        if op == "定性":
            target, actual = rng.choice([("好", "好"), ("优良中差", "优")])
        elif unit == "万元":
            target = actual = str(executed)
        elif unit == "%":
            target = str(rng.choice([90, 95, 98, 100]))
            actual = str(min(100, int(target) + rng.randint(0, 5)))
        else:
            target = str(rng.randint(5, 600))
            actual = str(int(target) + rng.randint(0, 50))
        if unit_in_actual and unit and op != "定性":
            actual += unit
        score = weight if rng.random() < 0.85 else weight - rng.randint(1, 4)
        out.append(Indicator(code, l1, l2, l3, op, target, unit, actual, Decimal(weight), Decimal(score)))
    return out


def project_grid(report: SyntheticReport, p: Project, inds: list[Indicator]) -> SpanGrid:
    """The fixture's 11-column layout: header block, budget block, indicator block, conclusion."""
    t = report.project_texts[p.project_code]
    g = SpanGrid(ncols=11, weights=[1.3, 1.3, 1.1, 1.2, 1.0, 0.9, 0.9, 1.0, 0.8, 0.8, 1.0])
    agency = report.meta["agency"]
    g.row([("项目名称", 1), (f"{p.project_code}-{p.project_name}", 10)])
    g.row([("主管部门", 1), (agency, 4), ("实施单位（盖章）", 2), (agency, 4)])
    r = g.nrows
    g.put(r, 0, "项目基本情况", rs=3)
    g.put(r, 1, "1.项目年度目标完成情况", rs=2)
    g.put(r, 2, "项目年度目标", cs=4)
    g.put(r, 6, "年度目标完成情况", cs=5)
    g.put(r + 1, 2, t["goal"], cs=4)
    g.put(r + 1, 6, t["done"], cs=5)
    g.put(r + 2, 1, "2.项目实施内容及过程概述")
    g.put(r + 2, 2, "按计划组织实施。", cs=9)
    g.nrows += 3
    r = g.nrows
    g.put(r, 0, "预算执行情况（10分）", rs=6)
    for c, text in enumerate(["年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"], 1):
        g.put(r, c, text)
    g.put(r, 8, "原因", cs=3)
    g.put(r + 1, 8, "预算执行率=预算执行数/调整后预算数。", cs=3, rs=5)
    zero = ("0.00", "0.00", "0.00", "0.00%")
    lines = [("总额", (f"{p.budget_initial}", f"{p.budget_adjusted}", f"{p.executed}", f"{p.execution_rate}%"),
              ("10", str(t["budget_score"]))),
             ("其中：财政资金", (f"{p.budget_initial}", f"{p.budget_adjusted}", f"{p.executed}",
                          f"{p.execution_rate}%"), ("/", "/")),
             ("财政专户管理资金", zero, ("/", "/")), ("单位资金", zero, ("/", "/")), ("其他资金", ("", "", "", ""), ("/", "/"))]
    for i, (label, nums, ws) in enumerate(lines, 1):
        for c, text in enumerate((label, *nums, *ws), 1):
            g.put(r + i, c, text, align="l" if c == 1 else "c")
    g.nrows += 6
    r = g.nrows
    g.put(r, 0, "绩效指标（90分）", rs=len(inds) + 1)
    for c, text in enumerate(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
                              "未完成原因分析"], 1):
        g.put(r, c, text)
    i = 0
    while i < len(inds):
        j = i
        while j < len(inds) and inds[j].level1 == inds[i].level1:
            j += 1
        g.put(r + 1 + i, 1, inds[i].level1, rs=j - i)
        for k in range(i, j):
            ind = inds[k]
            for c, text in enumerate([ind.level2, ind.level3, ind.operator, ind.target, ind.unit, ind.actual,
                                      str(ind.weight), str(ind.score), ""], 2):
                g.put(r + 1 + k, c, text)
        i = j
    g.nrows += len(inds) + 1
    g.row([("合计", 8), ("100", 1), (str(p.score), 1), ("", 1)])
    g.row([("评价结论", 1), (t["conclusion"], 10)])
    g.row([("存在问题", 1), ("无", 10)])
    g.row([("改进措施", 1), ("无", 10)])
    return g

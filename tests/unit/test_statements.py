"""statements.csv: what the extractor reads from a small narrative, and how the statement
rules judge it (consistent statements give nothing; each inconsistency one finding)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.audit import run_checks
from juesuan.models import ExtractedDocument, Page, Report, ReportMeta
from juesuan.normalize.facts import extract_facts
from juesuan.normalize.statements import extract_narrative

D = Decimal

NARRATIVE = """第二部分 2024年度部门决算情况说明
七、财政拨款“三公”经费支出决算情况说明
2024年度“三公”经费财政拨款支出决算为10.00万元，完成预算{total_rate}%。
1.因公出国（境）经费支出0万元，完成预算0%。
2.公务用车购置及运行维护费支出10.00万元，完成预算100%。
其中：公务用车购置支出{purchase}万元。全年按规定更新购置公务用车1辆，轿车1辆、金额5.00万元，越野车0辆、金额0万元，载客汽车0辆、金额0万元。
公务用车运行维护费支出{operation}万元。
3.公务接待费支出0万元，完成预算0%。
十、其他重要事项的情况说明
（一）机关运行经费支出情况
2024年度，测试局机关运行经费支出110.00万元，比2023年度增加10.00万元，增长{rate}%。
（二）政府采购支出情况
2024年度，测试局政府采购支出总额8.00万元，其中：政府采购货物支出8.00万元、政府采购工程支出0万元、政府采购服务支出0万元。
第三部分 名词解释
1.公共安全支出（类）公安（款）行政运行（项）：指行政单位的基本支出。
第四部分 附件
附件1
一、部门（单位）基本情况
2024年，使用财政预算资金100万元（其中：人员经费80万元，公用经费20万元）。
二、绩效情况
测试局行政事业性国有资产使用率达80%、政府采购货物{goods}万元。
2024年一般性支出财政拨款预算执行数110.00万元，较2023年一般性支出财政拨款预算执行数100.00万元，增加10.00万元，增长10%。
我局整体上完成了年初设定的绩效目标，有效地保障了各项检察工作的完成。
"""
CONSISTENT = {"total_rate": "100", "purchase": "5.00", "operation": "5.00", "rate": "10", "goods": "8.00"}


def doc(**changes) -> ExtractedDocument:
    text = NARRATIVE.format(**{**CONSISTENT, **changes})
    return ExtractedDocument(Path("t.txt"), "text", "", 1, [Page(None, text)])


def report(sector: str = "公安", **changes) -> Report:
    facts, statements = extract_narrative(doc(**changes))
    return Report(ReportMeta(agency="测试市公安局", region=[], sector=sector, year=2024, kind="部门决算"),
                  facts=facts, statements=statements)


def of(found, rule):
    return [c for c in found if c.rule == rule and c.severity in ("error", "warning")]


def values(rep: Report) -> dict[str, list[Decimal | None]]:
    out: dict[str, list] = {}
    for s in rep.statements:
        out.setdefault(s.metric, []).append(s.value)
    return out


def test_facts_are_the_first_statements():
    d = doc()
    facts, statements = extract_narrative(d)
    assert facts == extract_facts(d)
    # every fact is a statement, except figures stated as a budget (the 附件's 使用财政预算资金…)
    missing = {(f.metric, f.value) for f in facts} - {(s.metric, s.value) for s in statements}
    assert missing == {("personnel_expense", D("80")), ("public_expense", D("20"))}


def test_what_is_read():
    v = values(report())
    assert v["procurement_goods"] == [D("8.00"), D("8.00")]  # section 十 and the 附件
    assert v["three_public_abroad_budget_completion"] == [D("0")]
    assert v["vehicles_purchased_sedan"] == [D("1")] and v["vehicles_purchased_sedan_amount"] == [D("5.00")]
    assert v["general_expenditure_executed"] == [D("110.00")]  # not the 2023 amount
    assert v["general_expenditure_executed_previous"] == [D("100.00")]
    assert v["general_expenditure_executed_change_pct"] == [D("10")]
    assert "personnel_expense" not in v  # "使用财政预算资金…其中：人员经费80万元" is a budget
    glossary = [s for s in report().statements if s.kind == "glossary"]
    assert [(s.subject, s.section) for s in glossary] == [("2040201", "第三部分名词解释")]
    assert {s.subject for s in report().statements if s.kind == "wording"} == {"检察"}


def test_consistent_statements_give_nothing():
    found = run_checks(report(sector="检察"))
    for rule in ("narrative_repeated_figures", "narrative_stated_previous", "narrative_same_change",
                 "narrative_breakdowns", "sector_wording"):
        assert of(found, rule) == [], rule


@pytest.mark.parametrize("change,rule,metric,numbers", [
    ({"goods": "6.00"}, "narrative_repeated_figures", "procurement_goods", (D("6.00"), D("8.00"))),
    ({"rate": "9.09"}, "narrative_same_change", "agency_operating_expense_change_pct", (D("9.09"), D("10"))),
    ({"purchase": "7.00", "operation": "3.00"}, "narrative_breakdowns", "three_public_vehicle_purchase",
     (D("7.00"), D("5.00"))),
])
def test_each_inconsistency_is_one_error(change, rule, metric, numbers):
    [c] = of(run_checks(report(**change)), rule)
    assert (c.severity, c.metric, c.actual, c.expected) == ("error", metric, *numbers)


def test_stated_previous_rate():
    r = report()
    bad = [replace(s, value=D("9")) if s.metric == "general_expenditure_executed_change_pct" else s
           for s in r.statements]
    [c] = of(run_checks(replace(r, statements=bad)), "narrative_stated_previous")
    assert (c.severity, c.actual, c.expected) == ("error", D("9"), D("10.00"))


def test_zero_budget_rates():
    # the total's budget (10.00 at 100%) is all the vehicles': 出国 and 接待 "0万元，完成预算0%" are 0 ÷ 0
    found = of(run_checks(report()), "narrative_zero_budget_rate")
    assert sorted(c.metric for c in found) == ["three_public_abroad_budget_completion",
                                               "three_public_reception_budget_completion"]
    # at 80% the total budget is 12.50: 2.50 is left for them, so 0% may be a real rate
    assert of(run_checks(report(total_rate="80")), "narrative_zero_budget_rate") == []


@pytest.mark.parametrize("sector,flagged", [("公安", True), ("检察", False), ("党委", False), ("", False)])
def test_sector_wording(sector, flagged):
    found = of(run_checks(report(sector=sector)), "sector_wording")
    assert bool(found) == flagged
    if flagged:
        assert found[0].severity == "warning" and "检察工作" in found[0].message


def test_glossary_against_the_narrative():
    r = report()
    [c] = of(run_checks(r), "glossary_unused_codes")  # no 公共安全 spending stated at all
    assert (c.severity, c.row_code) == ("warning", "2040201")
    stated = [*r.facts, replace(r.facts[0], metric="general_budget_expenditure_2040201", value=D("3"))]
    assert of(run_checks(replace(r, facts=stated)), "glossary_unused_codes") == []

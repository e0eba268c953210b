"""Errors planted into generated narratives (tests/generator: tables and narrative consistent by
construction) are flagged with both their numbers; the clean versions get no such finding. And
the wording of "决算数大于/小于预算数", "高于/低于/超过/未超过", "持平" is read with the figures
beside it (or the table of its section), and a table the 目录 lists but the report never prints
is reported by the audit."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator import generate_report
from juesuan.audit import run_checks
from juesuan.models import ExtractedDocument, LineItem, Page, Problem, Report, ReportMeta
from juesuan.normalize.facts_direction import read_claim
from juesuan.normalize.statements import extract_narrative

META = ReportMeta(agency="某市某某局", region=["四川省", "成都市"], sector="", year=2023, kind="部门决算")


def _text_doc(text: str) -> ExtractedDocument:
    return ExtractedDocument(Path("x.txt"), "text", "", 1, [Page(None, text)])


def _report(text: str, line_items: list[LineItem] | None = None, problems: list[Problem] | None = None) -> Report:
    facts, statements = extract_narrative(_text_doc(text))
    return Report(meta=META, line_items=line_items or [], facts=facts, statements=statements,
                  problems=problems or [])


def _findings(report: Report, rule: str) -> list:
    return [c for c in run_checks(report) if c.rule == rule and c.severity in ("error", "warning")]


def _narrative(seed: int) -> tuple[str, list[LineItem]]:
    g = generate_report(seed, "national9", "万元")
    text = "\n".join(head + "\n" + "\n".join(paras) for head, paras in g.sections)
    return text, g.line_items()


# ------------------------------------------------------------------ generated narratives

# (metric, printed wording before the amount, the table that prints it): the totals the narrative
# states and the tables print
TOTALS = [("total_income_expenditure", "收入、支出总计均为", "income_expenditure_summary"),
          ("income_total", "本年收入合计", "income_expenditure_summary"),
          ("expenditure_total", "本年支出合计", "income_expenditure_summary"),
          ("fiscal_total", "财政拨款收入、支出总计均为", "fiscal_summary"),
          ("income_general_budget", "一般公共预算财政拨款收入", "income_expenditure_summary"),
          ("general_budget_expenditure", "年度一般公共预算财政拨款支出", "general_budget"),
          ("personnel_expense", "人员经费", "basic_expenditure"), ("public_expense", "公用经费", "basic_expenditure"),
          ("three_public_total", "“三公”经费财政拨款支出决算为", "three_public"),
          ("three_public_abroad", "因公出国（境）费支出决算", "three_public"),
          ("three_public_reception", "公务接待费支出决算", "three_public"),
          ("agency_operating_expense", "机关运行经费支出", "agency_operating_expense"),
          ("procurement_total", "政府采购支出总额", "government_procurement")]


def _seeds_with(table: str, n: int = 2) -> list[int]:
    return [s for s in range(60) if table in generate_report(s, "national9", "万元").tables][:n]


@pytest.mark.parametrize("seed", [3, 11, 27])
def test_generated_clean_narrative_has_no_table_contradiction(seed):
    text, items = _narrative(seed)
    assert not _findings(_report(text, items), "narrative_table_figures")


@pytest.mark.parametrize("metric,label,table", TOTALS)
def test_generated_planted_total_is_an_error_with_both_numbers(metric, label, table):
    seeds = _seeds_with(table)
    assert seeds, table
    for seed in seeds:
        text, items = _narrative(seed)
        clean = {f.metric: f.value for f in _report(text, items).facts}
        m = re.search(re.escape(label) + r"(?P<v>-?[\d,]+(?:\.\d+)?)万元", text)
        at, end, printed = m.start("v"), m.end("v"), m["v"]
        wrong = Decimal(printed.replace(",", "")) + Decimal("12.34")
        planted = text[:at] + f"{wrong:.2f}" + text[end:]
        found = [c for c in _findings(_report(planted, items), "narrative_table_figures") if c.metric == metric]
        assert found and found[0].severity == "error", (seed, metric, printed)
        assert f"{wrong:.2f}" in found[0].message and f"{clean[metric]:.2f}" in found[0].message, found[0].message


# ------------------------------------------------------------------ 决算数 vs 预算数

CLAIMS = [
    ("年初预算为100.00万元，支出决算为90.00万元，决算数大于预算数的主要原因是追加项目。", "error", ("100.00", "90.00")),
    ("年初预算为100.00万元，支出决算为90.00万元。决算数高于年初预算数，主要是追加项目。", "error", ("100.00", "90.00")),
    ("年初预算为100.00万元，支出决算为120.00万元，决算数低于预算数的主要原因是节约。", "error", ("100.00", "120.00")),
    ("年初预算为100.00万元，支出决算为120.00万元，决算数未超过预算数。", "error", ("100.00", "120.00")),
    ("年初预算为100.00万元，支出决算为80.00万元，决算数超过预算数的主要原因是追加项目。", "error", ("100.00", "80.00")),
    ("年初预算为100.00万元，支出决算为80.00万元，决算数与预算数基本持平。", "warning", ("100.00", "80.00")),
    ("年初预算为100.00万元，支出决算为99.00万元，决算数与预算数持平。", "error", ("100.00", "99.00")),
    ("年初预算为100.00万元，支出决算为100.00万元，决算数小于预算数的主要原因是节约支出。", "warning",
     ("100.00",)),
    ("支出决算为90.00万元，完成年初预算的112.5%。决算数小于预算数的主要原因是节约支出。", "error", ("112.5%",)),
    ("年初预算为100万元，支出决算为1,200,000.00元，决算数小于预算数的主要原因是节约支出。", "error",
     ("100.00", "120.00")),
]
CLEAN = [
    "年初预算为100.00万元，支出决算为90.00万元，决算数小于预算数的主要原因是节约支出。",
    "年初预算为100.00万元，支出决算为120.00万元。决算数大于预算数的主要原因是追加项目。",
    "年初预算为100.00万元，支出决算为120.00万元，决算数超过预算数的主要原因是追加项目。",
    "年初预算为100.00万元，支出决算为80.00万元，决算数未超过预算数。",
    "年初预算为100.00万元，支出决算为99.00万元，决算数与预算数基本持平。",
    "年初预算为100.00万元，支出决算为100.00万元。决算数与预算数持平。",
    "支出决算为90.00万元，完成年初预算的90%。决算数小于预算数的主要原因是节约支出。",
    # the previous year, not the budget
    "支出决算为90.00万元。2024年度“三公”经费财政拨款支出决算数与2023年度持平。",
]
HEAD = ("五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n"
        "1.一般公共服务支出（类）财政事务（款）行政运行（项）：")


@pytest.mark.parametrize("sentence,severity,numbers", CLAIMS)
def test_claim_contradicted_by_its_figures(sentence, severity, numbers):
    found = _findings(_report(HEAD + sentence), "narrative_budget_direction")
    assert len(found) == 1 and found[0].severity == severity, [c.message for c in found]
    assert all(n in found[0].message for n in numbers), found[0].message


@pytest.mark.parametrize("sentence", CLEAN)
def test_claim_agreeing_with_its_figures(sentence):
    assert not _findings(_report(HEAD + sentence), "narrative_budget_direction")


def test_claims_read_with_their_own_item():
    text = (HEAD + "年初预算为100.00万元，支出决算为90.00万元。决算数小于预算数的主要原因：节约。"
            "2.一般公共服务支出（类）财政事务（款）一般行政管理事务（项）：年初预算为10.00万元，支出决算为12.00万元。"
            "决算数大于预算数的主要原因：追加。")
    claims = [s for s in _report(text).statements if s.metric == "budget_direction"]
    assert [(s.subject, read_claim(s.quote, s.subject).budget, read_claim(s.quote, s.subject).actual)
            for s in claims] == [("less", Decimal("100.00"), Decimal("90.00")),
                                 ("greater", Decimal("10.00"), Decimal("12.00"))]
    assert not _findings(_report(text), "narrative_budget_direction")


def test_claim_without_figures_checked_against_the_three_public_table():
    text = ("七、财政拨款“三公”经费支出决算情况说明\n（一）“三公”经费财政拨款支出决算总体情况说明\n"
            "“三公”经费财政拨款支出决算数大于预算数的主要原因是增加了接待任务。")
    cells = [LineItem("three_public", "", "three_public", "", "budget.total", Decimal("5.00"), 18),
             LineItem("three_public", "", "three_public", "", "actual.total", Decimal("3.00"), 18)]
    found = _findings(_report(text, cells), "narrative_budget_direction")
    assert len(found) == 1 and found[0].severity == "error"
    assert "5.00" in found[0].message and "3.00" in found[0].message and "表格" in found[0].message
    cells[1] = LineItem("three_public", "", "three_public", "", "actual.total", Decimal("6.00"), 18)
    assert not _findings(_report(text, cells), "narrative_budget_direction")


# ------------------------------------------------------------------ 目录

def test_table_listed_but_not_printed_is_reported():
    problem = Problem("table_not_printed", "八、政府性基金预算财政拨款收入支出决算表: "
                      "目录中列出了此表，但报告中未印出。", None, "government_fund")
    found = [c for c in run_checks(_report("一、收入支出决算总体情况说明\n收支总计1.00万元。", problems=[problem]))
             if c.rule == "listed_table_not_printed"]
    assert len(found) == 1 and found[0].severity == "warning" and found[0].table == "government_fund"
    assert "政府性基金" in found[0].message and "未印出" in found[0].message
    assert not [c for c in run_checks(_report("收支总计1.00万元。")) if c.rule == "listed_table_not_printed"]

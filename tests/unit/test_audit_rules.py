"""Each rule family catches a planted inconsistency in an otherwise consistent report,
with the right numbers; blanks are never zero; rounding is not an error."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from juesuan.audit import RULES, run_checks
from juesuan.audit.context import Context
from juesuan.audit.registry import get_rule
from juesuan.models import Problem, TableInfo
from test_audit_consistent import consistent_report

D = Decimal
SEED = 3


def set_cell(report, table, row, column, delta=None, value=None, section=""):
    for i, li in enumerate(report.line_items):
        if li.key == (table, section, row, column):
            new = li.value + delta if delta is not None else value
            report.line_items[i] = dataclasses.replace(li, value=new)
            return li.value
    raise KeyError((table, section, row, column))


def drop_cell(report, table, row, column, section=""):
    report.line_items = [li for li in report.line_items if li.key != (table, section, row, column)]


def set_fact(report, metric, value=None, quote=None):
    for i, f in enumerate(report.facts):
        if f.metric == metric:
            report.facts[i] = dataclasses.replace(f, value=f.value if value is None else value,
                                                  quote=f.quote if quote is None else quote)
            return f
    raise KeyError(metric)


def fact(report, metric):
    return next(f for f in report.facts if f.metric == metric)


def of(checks, rule, severity=None):
    return [c for c in checks if c.rule == rule and (severity is None or c.severity == severity)]


@pytest.fixture
def report():
    return consistent_report(SEED)


def an_item(report):
    """A 项 row of the expenditure table and its 款."""
    rows = sorted({li.row_code for li in report.line_items if li.table == "expenditure" and len(li.row_code) == 7
                   and not li.row_code.startswith("212")})
    return rows[0], rows[0][:5]


def test_registry_ids_titles_explanations():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) >= 25
    for r in RULES:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.title), r.id
        assert r.explanation and "\n" not in r.explanation, r.id


def test_section_sum_error_with_numbers(report):
    item, kuan = an_item(report)
    set_cell(report, "expenditure", item, "total", delta=D("1.00"))
    checks = run_checks(report)
    [c] = [c for c in of(checks, "table_section_items", "error") if c.table == "expenditure"]
    assert (c.row_code, c.column, c.difference) == (kuan, "total", D("-1.00"))
    assert c.expected - c.actual == D("1.00") and "相差-1.00万元" in c.message
    [r] = [c for c in of(checks, "table_row_identity", "error") if c.table == "expenditure"]
    assert (r.row_code, r.difference) == (item, D("1.00"))


def test_cent_residue_is_rounding(report):
    item, kuan = an_item(report)
    set_cell(report, "general_budget", item, "basic", delta=D("0.01"))
    set_cell(report, "general_budget", item, "total", delta=D("0.01"))
    checks = [c for c in run_checks(report) if c.table == "general_budget"]
    assert not [c for c in checks if c.severity == "error"]
    found = sorted((c.severity, c.row_code, c.column, c.difference) for c in of(checks, "table_section_items"))
    assert found == [("rounding", kuan, "basic", D("-0.01")), ("rounding", kuan, "total", D("-0.01"))]


def test_blank_cell_is_not_zero(report):
    item, kuan = an_item(report)
    if set_cell(report, "expenditure", item, "total", delta=D(0)) == 0:
        pytest.skip("item is zero")
    drop_cell(report, "expenditure", item, "total")
    checks = [c for c in run_checks(report) if c.table == "expenditure" and c.column == "total"]
    assert not [c for c in checks if c.severity in ("error", "warning")]
    assert [c for c in checks if c.rule == "table_section_items" and c.severity == "insufficient_data"]


def test_parts_exceeding_total_with_a_blank_is_an_error(report):
    item, kuan = an_item(report)
    drop_cell(report, "expenditure", item, "operating")
    set_cell(report, "expenditure", item, "basic", delta=D("5.00"))
    [c] = of(run_checks(report), "table_row_identity", "error")
    assert c.row_code == item and c.difference == D("-5.00")


def _row_not_placed(report, table, row):
    """The parser left a whole row out: the sums above it no longer add up."""
    report.line_items = [li for li in report.line_items if (li.table, li.row_code) != (table, row)]


@pytest.mark.parametrize("marker", ["status", "problem"])
def test_unread_table_sums_are_insufficient_not_errors(report, marker):
    item, kuan = an_item(report)
    _row_not_placed(report, "expenditure", item)
    before = [c for c in of(run_checks(report), "table_section_items", "error") if c.table == "expenditure"]
    assert before and all(c.row_code == kuan for c in before)
    if marker == "status":
        report.tables = [TableInfo("expenditure", "支出决算表", (3,), status="partial")]
    else:
        report.problems = [Problem("unplaced_number", "支出决算表 2040201 行政运行: 印有 1.00 | 2.00，"
                                   "与勾稽关系相符的读法有 2 种，无法确定，未读取的栏目：基本支出。",
                                   table="expenditure")]
    checks = [c for c in run_checks(report) if c.table == "expenditure"]
    assert not [c for c in checks if c.severity in ("error", "warning")]
    [c] = [c for c in of(checks, "table_section_items") if c.row_code == kuan]
    assert c.severity == "insufficient_data" and "支出决算表”有单元格未能读取" in c.message


def test_unread_table_leaves_other_tables_judged(report):
    item, _ = an_item(report)
    report.tables = [TableInfo("expenditure", "支出决算表", (3,), status="partial")]
    report.problems = [Problem("table_repeated", "一般公共预算财政拨款支出决算表: 此表印出了两次，"
                               "只读取第一次印出的内容，第二份被忽略。", table="general_budget")]
    set_cell(report, "general_budget", item, "total", delta=D("1.00"))
    set_cell(report, "expenditure", item, "total", delta=D("1.00"))
    checks = run_checks(report)
    assert {c.table for c in of(checks, "table_row_identity", "error")} == {"general_budget"}
    [c] = of(checks, "table_row_identity", "insufficient_data")
    assert c.table == "expenditure" and c.difference == D("1.00") and "未能读取" in c.message


def test_cross_sum_over_an_unread_table(report):
    set_cell(report, "basic_expenditure", "public_total", "amount", delta=D("-2.00"))
    report.tables = [TableInfo("basic_expenditure", "基本支出决算表", (8,), status="partial")]
    checks = run_checks(report)
    assert not of(checks, "cross_general_budget", "error")
    [c] = of(checks, "cross_general_budget", "insufficient_data")
    assert "基本支出决算表”有单元格未能读取" in c.message


def test_two_sided_and_balance(report):
    set_cell(report, "income_expenditure_summary", "grand_total", "amount", delta=D("3.00"), section="income")
    checks = run_checks(report)
    [c] = of(checks, "two_sided_income", "error")
    assert c.difference == D("3.00")
    [b] = [c for c in of(checks, "two_sided_balance", "error") if c.table == "income_expenditure_summary"]
    assert b.difference == D("3.00")
    assert of(checks, "narrative_table_figures", "error")[0].metric == "total_income_expenditure"


def test_cross_table_basic_expenditure(report):
    set_cell(report, "basic_expenditure", "personnel_total", "amount", delta=D("2.00"))
    checks = run_checks(report)
    assert of(checks, "basic_personnel_public", "error")[0].difference == D("2.00")
    [c] = of(checks, "cross_general_budget", "error")
    assert c.difference == D("-2.00") and c.column == "basic"


def test_cross_summary_class(report):
    cls = next(li.row_code for li in report.line_items
               if li.table == "expenditure" and len(li.row_code) == 3)
    set_cell(report, "income_expenditure_summary", cls, "amount", delta=D("7.00"), section="expenditure")
    checks = run_checks(report)
    [c] = of(checks, "cross_summary_expenditure", "error")
    assert (c.table, c.row_code, c.difference) == ("expenditure", cls, D("-7.00"))


def test_narrative_figure_against_table(report):
    v = fact(report, "expenditure_total").value
    set_fact(report, "expenditure_total", v + 5)
    [c] = of(run_checks(report), "narrative_table_figures", "error")
    assert (c.metric, c.actual, c.expected) == ("expenditure_total", v + 5, v)


def test_growth_rate_on_current_year(report):
    cur = fact(report, "general_budget_expenditure").value
    change = fact(report, "general_budget_expenditure_change").value
    wrong = (change / cur * 100).quantize(D("0.01"))
    right = fact(report, "general_budget_expenditure_change_pct").value
    if abs(wrong - right) < D("0.02"):
        pytest.skip("too close to tell")
    set_fact(report, "general_budget_expenditure_change_pct", wrong)
    [c] = of(run_checks(report), "narrative_change_rate")
    assert c.severity == "error" and (c.actual, c.expected) == (wrong, right) and "以本年数" in c.message


def test_truncated_share_is_a_warning():
    for seed in range(20):
        report = consistent_report(seed)
        f = fact(report, "expenditure_basic_share")
        total = fact(report, "expenditure_total").value
        exact = fact(report, "expenditure_basic").value / total * 100
        truncated = exact.quantize(D("0.01"), rounding="ROUND_DOWN")
        if truncated != f.value:
            set_fact(report, "expenditure_basic_share", truncated)
            [c] = of(run_checks(report), "narrative_shares")
            assert (c.severity, c.actual, c.expected) == ("warning", truncated, f.value)
            return
    pytest.fail("no seed with a share that truncation changes")


def test_class_label(report):
    code = next(f.metric for f in report.facts
                if f.metric.startswith("general_budget_expenditure_") and len(f.metric) == 34)[-7:]
    q = fact(report, f"general_budget_expenditure_{code}").quote
    label = q.split("（类）")[0]
    other = "外交支出" if "外交" not in label else "国防支出"
    set_fact(report, f"general_budget_expenditure_{code}", quote=q.replace(label, other, 1))
    [c] = of(run_checks(report), "narrative_class_labels", "warning")
    assert c.row_code == code and other in c.message


@pytest.mark.parametrize("text,labels", [
    ("一般公共服务（类）政府办公厅（室）及相关机构事务（款）其他政府办公厅（室）及相关机构事务支出（项）：152.99万元",
     {"类": "一般公共服务", "款": "政府办公厅（室）及相关机构事务", "项": "其他政府办公厅（室）及相关机构事务支出"}),
    ("（一）公共安全支出（类）公安（款）行政运行（项）", {"类": "公共安全支出", "款": "公安", "项": "行政运行"}),
    ("城乡社区支出( 类 )国有土地使用权出让收入安排的支出(款)", {"类": "城乡社区支出", "款": "国有土地使用权出让收入安排的支出"}),
    ("行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）",
     {"款": "行政事业单位离退休", "项": "机关事业单位基本养老保险缴费支出"}),
])
def test_level_labels_keep_bracketed_parts(text, labels):
    from juesuan.audit.codes import level_labels
    assert level_labels(text) == labels


def test_narrative_subtotal(report):
    v = fact(report, "three_public_vehicle").value
    set_fact(report, "three_public_vehicle", v + D("10"))
    checks = run_checks(report)
    [c] = [c for c in of(checks, "narrative_sums", "error") if c.metric == "three_public_vehicle"]
    assert (c.actual, c.expected) == (v + 10, v)


def test_projects(report):
    p = report.projects[0]
    report.projects[0] = dataclasses.replace(p, execution_rate=p.execution_rate - D("3"), score=p.score + 20)
    checks = run_checks(report)
    [c] = of(checks, "project_execution_rate", "error")
    assert (c.row_code, c.actual, c.expected) == (p.project_code, p.execution_rate - 3, p.execution_rate)
    [s] = of(checks, "project_scores", "error")
    assert s.actual == p.score + 20
    first = next(i for i in report.indicators if i.project_code == p.project_code)
    report.indicators.remove(first)  # an indicator row lost: weights no longer add up
    [w] = of(run_checks(report), "project_weights", "error")
    assert w.row_code == p.project_code and w.actual == 100 and w.expected < 100


def previous_package(root, report):
    """data/packages/<slug>/<year-1>/ with a descriptor naming the same agency (identity)."""
    import json

    folder = root / report.meta.slug / str(report.meta.year - 1)
    folder.mkdir(parents=True)
    desc = {"juesuan": {"report": {"agency": report.meta.agency, "region": report.meta.region}}}
    (folder / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), "utf-8")
    return folder


def test_previous_year_package(tmp_path, report):
    prev = dict(report.previous_facts)
    metric = "three_public_total"
    prev[metric] += D("4.00")  # the previous package says otherwise
    folder = previous_package(tmp_path, report)
    rows = ["metric,value,unit,quote"] + [f"{k},{v},万元,q" for k, v in prev.items()]
    (folder / "facts.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    checks = run_checks(report, packages_root=tmp_path)
    change = fact(report, metric + "_change").value
    [c] = [c for c in of(checks, "previous_year_change", "error") if c.metric == metric + "_change"]
    assert (c.actual, c.expected) == (change, change - D("4.00"))
    assert [c for c in of(checks, "previous_year_change") if c.metric == metric + "_change_pct"]


def test_previous_year_from_table_cells(tmp_path, report):
    metric = "general_budget_expenditure"
    prior = report.previous_facts[metric]
    folder = previous_package(tmp_path, report)
    (folder / "line_items.csv").write_text(
        "table,section,row_code,row_name,column,value,page\n"
        f"general_budget,,,合计,total,{prior},3\n", encoding="utf-8")
    checks = run_checks(report, packages_root=tmp_path)
    assert not [c for c in checks if c.severity in ("error", "warning")]
    assert of(checks, "previous_year_change", "insufficient_data")  # the other changed figures


def test_a_crashing_rule_becomes_insufficient_data(report):
    r = get_rule("narrative_shares")

    def boom(ctx: Context):
        raise RuntimeError("boom")

    i = RULES.index(r)
    RULES[i] = dataclasses.replace(r, func=boom)
    try:
        [c] = of(run_checks(report), "narrative_shares")
    finally:
        RULES[i] = r
    assert c.severity == "insufficient_data" and "boom" in c.message


def test_deterministic(report):
    assert run_checks(report) == run_checks(report)


def test_three_public_table_subtotal(report):
    set_cell(report, "three_public", "three_public", "actual.vehicle", delta=D("5.00"))
    checks = run_checks(report)
    found = sorted((c.column, c.difference) for c in of(checks, "table_row_identity", "error"))
    assert found == [("actual.total", D("-5.00")), ("actual.vehicle", D("5.00"))]
    [c] = of(checks, "narrative_table_figures", "error")
    assert c.metric == "three_public_vehicle" and c.difference == D("-5.00")
    assert "财政拨款“三公”经费支出决算表“决算数公务用车购置及运行维护费小计”" in c.message

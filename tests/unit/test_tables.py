"""Standard-table normalization on hand-built grids (layouts other than the fixture's)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.locate import locate_tables, match_title
from juesuan.locate.grid import header_paths
from juesuan.vocabulary import key as title_key
from juesuan.models import ExtractedDocument, Grid, Page
from juesuan.normalize.codes import economic_code, economic_group, function_class, strip_numbering
from juesuan.normalize.tables import extract_line_items
from juesuan.normalize.tables_grid import CodeCompleter

N = None


def doc_of(*grids: Grid) -> ExtractedDocument:
    pages: dict[int, Page] = {}
    for g in grids:
        pages.setdefault(g.page, Page(number=g.page, text=g.title, grids=[])).grids.append(g)
    return ExtractedDocument(source=Path("x.pdf"), format="pdf", sha256="0",
                             page_count=max(pages), pages=[pages[k] for k in sorted(pages)])


def values(items) -> dict:
    return {i.key: i.value for i in items}


def test_split_codes_yuan_alias_and_continuation():
    head = [["科目编码", N, N, "科目名称", "本年支出", N, N],
            ["类", "款", "项", N, "小计", "基本支出", "项目支出"]]
    first = Grid(page=3, title="表六\n一般公共预算财政拨款支出决算表\n单位：元", rows=head + [
        ["", "", "", "合计", "2500000", "1500000", "1000000"],
        ["204", "", "", "公共安全支出", "2500000", "1500000", "1000000"],
        ["", "02", "", "公安", "2500000", "1500000", "1000000"],
    ])
    second = Grid(page=4, title="", rows=head + [
        ["", "", "01", "行政运行", "1,500,000.00", "1500000", ""],
        ["", "", "02", "一般行政管理事务", "1000000", "0", "1000000"],
    ])
    items, tables, problems, converted = extract_line_items(doc_of(first, second))
    got = values(items)
    assert converted is True and not problems
    assert tables[0].pages == (3, 4) and tables[0].status == "ok"
    assert got[("general_budget", "", "", "total")] == Decimal("250")
    assert got[("general_budget", "", "20402", "basic")] == Decimal("150")
    assert got[("general_budget", "", "2040201", "total")] == Decimal("150")
    assert ("general_budget", "", "2040201", "project") not in got  # blank cell omitted
    assert got[("general_budget", "", "2040202", "basic")] == Decimal("0")  # printed zero kept
    assert [i.page for i in items][-1] == 4


def test_fake_bold_title_and_continued_title():
    title = "".join(ch * 2 for ch in "收入决算表")
    head = [["支出功能分类科目编码", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"]]
    a = Grid(page=1, title=title + "\n单位：万元", rows=head + [["", "合计", "10.00", "9.00", "1.00"]])
    b = Grid(page=2, title="收入决算表（续表）", rows=head + [["2010101", "行政运行", "10.00", "9.00", "1.00"]])
    items, tables, _, converted = extract_line_items(doc_of(a, b))
    assert converted is False and [t.table for t in tables] == ["income"]
    assert values(items)[("income", "", "2010101", "other")] == Decimal("1.00")


def test_titles_with_form_codes_and_numbering():
    assert match_title("财决公开07表\n一般公共预算财政拨款支出决算明细表（续表）")[::2] == (
        "general_budget_detail", True)
    assert match_title("附表3：\n2024年度 某某局 支出决算表")[0] == "expenditure"
    assert match_title("八、一般公共预算财政拨款“三公”经费支出决算表")[0] == "three_public"
    assert match_title("部门预算项目支出绩效自评表（2024年度）") is None
    assert title_key("收收入入支支出出决决算算总总表表") == "收入支出决算总表"


def test_two_sided_without_side_header_and_carryover_parts():
    g = Grid(page=5, title="财政拨款收入支出决算总表", rows=[
        ["项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
        ["一、一般公共预算财政拨款", "100", "一、一般公共服务支出", "80", "80", "0", "0"],
        ["", "", "（二）公共安全", "20", "20", "", ""],
        ["本年收入合计", "100", "本年支出合计", "100", "100", "0", "0"],
        ["年初财政拨款结转和结余", "5", "年末财政拨款结转和结余", "5", "5", "0", "0"],
        ["一般公共预算财政拨款", "5", "", "", "", "", ""],
        ["总计", "105", "总计", "105", "105", "0", "0"],
    ])
    items, _, problems, _ = extract_line_items(doc_of(g))
    got = values(items)
    assert got[("fiscal_summary", "income", "general_budget", "amount")] == 100
    assert got[("fiscal_summary", "income", "carryover_begin_general_budget", "amount")] == 5
    assert got[("fiscal_summary", "expenditure", "201", "general_budget")] == 80
    assert got[("fiscal_summary", "expenditure", "204", "total")] == 20
    assert got[("fiscal_summary", "expenditure", "carryover_end", "state_capital")] == 0
    assert got[("fiscal_summary", "income", "grand_total", "amount")] == 105
    assert not problems


def test_three_public_sichuan_split_and_transposed():
    rows = [["预算数", N, N, N, N, N, "决算数", N, N, N, N, N, "其中：一般公共预算财政拨款", N, N, N, N, N],
            ["合计", "因公出国（境）费", "公务用车购置及运行维护费", N, N, "公务接待费"] * 3,
            [N, N, "小计", "公务用车购置费", "公务用车运行维护费", N] * 3,
            [f"{v}.00" for v in range(1, 19)]]
    g = Grid(page=9, title="财政拨款“三公”经费支出决算表", rows=rows)
    got = values(extract_line_items(doc_of(g))[0])
    assert got[("three_public", "", "three_public", "budget.total")] == 1
    assert got[("three_public", "", "three_public", "budget.vehicle")] == 3
    assert got[("three_public", "", "three_public", "actual.vehicle_operation")] == 11
    assert got[("three_public", "", "three_public", "actual_general_budget.reception")] == 18
    transposed = Grid(page=2, title="“三公”经费支出决算表", rows=[
        ["项目", "预算数", "决算数"], ["因公出国（境）费", "1.00", "0.50"], ["公务接待费", "2.00", "1.50"]])
    got = values(extract_line_items(doc_of(transposed))[0])
    assert got[("three_public", "", "three_public", "actual.reception")] == Decimal("1.50")
    assert got[("three_public", "", "three_public", "budget.abroad")] == Decimal("1.00")


def test_procurement_and_assets_in_yuan_keep_counts():
    proc = Grid(page=1, title="政府采购情况表\n单位：元", rows=[
        ["采购预算", N, N, N, "实际采购", N, N, N, "授予中小企业合同金额"],
        ["合计", "货物", "工程", "服务", "合计", "货物", "工程", "服务", N],
        ["30000", "10000", "0", "20000", "25000", "5000", "0", "20000", "15000"]])
    assets = Grid(page=2, title="国有资产占用情况表\n单位：元", rows=[
        ["资产总额", "土地", "房屋", "车辆", "单价50万元以上通用设备", "单价100万元以上专用设备"],
        ["1000000", "0", "500000", "3", "1", "0"]])
    items, tables, _, converted = extract_line_items(doc_of(proc, assets))
    got = values(items)
    assert converted and [t.table for t in tables] == ["government_procurement", "state_assets"]
    assert got[("government_procurement", "", "procurement", "actual.services")] == 2
    assert got[("government_procurement", "", "procurement", "sme")] == Decimal("1.5")
    assert got[("state_assets", "", "assets", "total")] == 100
    assert got[("state_assets", "", "assets", "vehicles")] == 3  # a count, not money


def test_basic_expenditure_groups_and_merged_totals():
    head = [["人员经费", N, N, "公用经费", N, N, N, N, N],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"]]
    g = Grid(page=1, title="一般公共预算财政拨款基本支出决算表", rows=head + [
        ["301", "工资福利支出", "10.00", "302", "商品和服务支出", "4.00", "310", "资本性支出", "1.00"],
        ["30101", "基本工资", "10.00", "30201", "办公费", "4.00", "31002", "办公设备购置", "1.00"],
        ["人员经费合计", N, "10.00", "公用经费合计", N, N, N, N, "5.00"]])
    items, _, _, _ = extract_line_items(doc_of(g))
    assert [i.row_code for i in items] == ["301", "30101", "302", "30201", "310", "31002",
                                           "personnel_total", "public_total"]
    assert items[-1].value == Decimal("5.00")


def test_detail_columns_are_economic_codes():
    g = Grid(page=1, title="一般公共预算财政拨款支出决算明细表", rows=[
        ["科目编码", "科目名称", "合计", "工资福利支出", N, N, "对个人和家庭的补助", N],
        [N, N, N, "小计", "基本工资", "医疗费", "小计", "医疗费补助"],
        ["", "合计", "9", "5", "4", "1", "4", "4"],
        ["2040201", "行政运行", "9", "5", "4", "1", "4", "4"]])
    got = values(extract_line_items(doc_of(g))[0])
    assert got[("general_budget_detail", "", "", "total")] == 9
    assert {k[3] for k in got} == {"total", "301", "30101", "30114", "303", "30307"}


def test_headers_only_and_title_inside_grid():
    g = Grid(page=1, title="", rows=[
        ["财政拨款支出决算明细表", N, N, N], ["科目编码", "科目名称", "合计", "基本支出"]])
    items, tables, _, _ = extract_line_items(doc_of(g))
    assert items == [] and tables[0].table == "fiscal_detail"
    assert tables[0].status == "headers_only"


def test_unrelated_grid_breaks_continuation():
    a = Grid(page=1, title="支出决算表", rows=[["科目编码", "科目名称", "本年支出合计"], ["", "合计", "1"]])
    b = Grid(page=2, title="部门预算项目支出绩效自评表", rows=[["项目名称", "x", "1"]])
    assert [len(t.parts) for t in locate_tables(doc_of(a, b))] == [1]


def test_codes_and_labels():
    assert function_class("十九、住房保障支出") == "221"
    assert function_class("文化体育与传媒支出") == "207"
    assert economic_code("医疗费", "301") == "30114" and economic_code("医疗费补助", "303") == "30307"
    assert economic_code("小计", "302") == "302" and economic_code("30201办公费") == "30201"
    assert strip_numbering("（一）1.基本 工资") == "基本工资"
    # through juesuan.reference: a printed code first, former names, printed variants
    assert function_class("204 公共安全支出") == "204" and function_class("218 xx") is None
    assert function_class("其中：医疗卫生与计划生育（类）支出") == "210"
    assert economic_code("维修费", "302") == "30213" and economic_code("其他支出") == "399"
    assert economic_group("商品和服务支出") == "302" and economic_group("办公费") is None
    c = CodeCompleter()
    assert [c.complete(p) for p in (["204", "", ""], ["", "02", ""], ["", "", "01"],
                                    ["2049902"], ["", "", "99"])] == [
        "204", "20402", "2040201", "2049902", "2049999"]
    assert header_paths([["A", N, "B"], ["x", "y", N]], 3) == [("A", "x"), ("A", "y"), ("B",)]


def test_two_sided_items_shared_by_pdf_and_text():
    from juesuan.normalize.tables_items import after_carryover, expenditure_item, income_item
    assert income_item("income_expenditure_summary", "一、一般公共预算财政拨款") == "general_budget"
    assert income_item("fiscal_summary", "使用非财政拨款结余") is None  # not an item of 04
    assert expenditure_item("fiscal_summary", "四、公共安全支出") == "204"
    assert expenditure_item("income_expenditure_summary", "年末结转和结余") == "carryover_end"
    printed = ["general_budget", "carryover_begin", "gov_fund", "grand_total", "gov_fund"]
    for table, want in (("fiscal_summary", ["general_budget", "carryover_begin", "carryover_begin_gov_fund",
                                            "grand_total", "gov_fund"]),
                        ("income_expenditure_summary", printed)):
        carrying, got = False, []
        for item in printed:
            item, carrying = after_carryover(table, item, carrying)
            got.append(item)
        assert got == want


def test_title_repeated_on_next_page_is_a_continuation():
    head = [["科目编码", "科目名称", "本年支出合计"]]
    a = Grid(page=1, title="支出决算表\n财决公开03表", rows=head + [["", "合计", "3"], ["201", "一般公共服务支出", "1"]])
    b = Grid(page=2, title="支出决算表\n财决公开03表", rows=head + [["204", "公共安全支出", "2"]])
    items, tables, problems, _ = extract_line_items(doc_of(a, b))
    assert len(tables) == 1 and tables[0].pages == (1, 2) and not problems
    assert [i.row_code for i in items] == ["", "201", "204"]


def test_continuation_without_header_and_merged_code_columns():
    a = Grid(page=1, title="支出决算表", rows=[
        ["支出功能分类科目编码", N, N, "科目名称", "本年支出合计", "基本支出"],
        ["类", "款", "项", N, N, N],
        ["208", N, N, "社会保障和就业支出", "3.00", "3.00"]])
    b = Grid(page=2, title="", rows=[["2080201", "行政运行", "3.00", "3.00"]])
    got = values(extract_line_items(doc_of(a, b))[0])
    assert got[("expenditure", "", "2080201", "basic")] == Decimal("3.00")


def test_title_line_is_a_title_printed_alone():
    from juesuan.vocabulary import page_titles, title_line

    assert title_line("一般公共预算财政拨款支出决算表（续表）") == "general_budget"
    assert title_line("财政拨款“三公”经费支出决算表") == "three_public"
    assert title_line("国有资产占用情况表（2023年度）") == "state_assets"
    assert title_line("三、财政拨款收入支出决算总表情况说明") is None  # a heading of the narrative
    assert title_line("详见附表一般公共预算财政拨款支出决算表。") is None  # a mention
    assert title_line("表6 一般公共预算财政拨款支出决算表 ........ 12") is None  # a contents entry
    assert page_titles("单位：元\n收入决算表\n合计") == [("income", "收入决算表")]


def test_a_title_without_any_table_on_its_page_is_a_problem():
    from juesuan.normalize.tables import unread_titles

    doc = ExtractedDocument(source=Path("x.pdf"), format="pdf", sha256="0", page_count=3, pages=[
        Page(number=1, text="收入决算表\n单位：万元", grids=[]),
        Page(number=2, text="支出决算表", grids=[Grid(page=2, rows=[["合计", "1.00"]])]),
        Page(number=3, text="说明：详见支出决算表。", grids=[])])
    problems = unread_titles(doc)
    assert [(p.code, p.page, p.table) for p in problems] == [("table_unreadable", 1, "income")]
    doc.format = "text"
    assert unread_titles(doc) == []

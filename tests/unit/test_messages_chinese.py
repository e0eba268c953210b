"""The parser's problem messages and the audit's finding messages are Chinese sentences (issue 11
item 4): the text every Problem(...) and Check(message=...) call writes has no English phrase, the
ids it names (tables, columns, rows) are given by their Chinese names, and the reading a table was
given is described in Chinese."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.audit.labels import item_name, row_label
from juesuan.models import LineItem, Report, ReportMeta, TableInfo
from juesuan.normalize.tables import describe_options
from juesuan.normalize.tables_common import Reading, ReadOptions, add
from juesuan.normalize.verify import verify

PACKAGE = Path(__file__).parents[2] / "build" / "juesuan"
ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,;:()'?-]+[A-Za-z]{2,}")  # "not printed", "reading(s), cells"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _message_texts() -> list[tuple[str, str]]:
    """(file:line, literal text) of every string part of the message argument of a Problem(...)
    (its second argument) or Check(..., message=...) call in the package."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name == "Problem":
                args = node.args[1:2] + [k.value for k in node.keywords if k.arg == "message"]
            elif name == "Check":
                args = [k.value for k in node.keywords if k.arg == "message"]
            else:
                continue
            for arg in args:
                for c in ast.walk(arg):
                    if isinstance(c, ast.Constant) and isinstance(c.value, str):
                        out.append((f"{path.relative_to(PACKAGE)}:{node.lineno}", c.value))
    return out


def test_the_scan_sees_the_messages():
    texts = _message_texts()
    assert len({place for place, _ in texts}) >= 40  # problems and findings across the package
    assert any("目录中列出" in t for _, t in texts)


def test_no_message_literal_carries_an_english_phrase():
    english = [(place, t) for place, t in _message_texts() if ENGLISH.search(t)]
    assert not english, english


def test_an_unreadable_cell_is_named_in_chinese():
    reading = Reading()
    add(reading, "income", "", "201", "一般公共服务支出", "fiscal_appropriation", "十二", 3)
    add(reading, "income", "", "201", "一般公共服务支出", "total", "1.23456", 3)
    assert [p.code for p in reading.problems] == ["unreadable_cell", "unreadable_cell"]
    first, second = (p.message for p in reading.problems)
    assert first == "收入决算表 201 财政拨款收入: “十二”不是数字，未读取。"
    assert second.startswith("收入决算表 201 本年收入合计: “1.23456”的小数位数多于任何印出的金额")
    assert not ENGLISH.search(first + second)


@pytest.mark.parametrize(("options", "words"), [
    (ReadOptions(), ("按内容把1、2、3…的一列当作栏次", "未命名的数值列不读取")),
    (ReadOptions(lineno_by_content=False, positional_columns=True),
     ("1、2、3…的一列不当作栏次", "未命名的数值列按顺序对应本表其余栏目")),
])
def test_the_chosen_reading_is_described_in_chinese(options, words):
    assert describe_options(options) == "；".join(words)


def test_a_row_not_read_is_named_by_the_standard_table():
    from juesuan.audit.context import Context

    assert item_name("income_expenditure_summary", "grand_total", "income") == "总计"
    assert item_name("income_expenditure_summary", "use_non_fiscal_balance",
                     "income") == "使用非财政拨款结余（含专用结余）"
    assert item_name("basic_expenditure", "personnel_total") == "人员经费合计"
    assert item_name("fiscal_summary", "carryover_begin_gov_fund", "income") == "政府性基金预算财政拨款"
    assert item_name("income", "20101") == "20101"  # a function code: no name in the spec
    meta = ReportMeta(agency="某单位", region=[], sector="", year=2024, kind="部门决算")
    item = LineItem("income_expenditure_summary", "income", "grand_total", "收入总计", "amount", Decimal("1.00"))
    ctx = Context(Report(meta=meta, line_items=[item]))
    assert row_label(ctx, "income_expenditure_summary", "grand_total", "income") == "收入总计"  # as printed
    assert row_label(ctx, "income_expenditure_summary", "income_total", "income") == "本年收入合计"  # not read
    assert CJK.search(row_label(ctx, "basic_expenditure", "public_total"))


def test_a_withheld_table_says_why_in_chinese():
    def row(code: str, total: str, basic: str, project: str) -> list[LineItem]:
        return [LineItem("general_budget", "", code, code, column, Decimal(v))
                for column, v in (("total", total), ("basic", basic), ("project", project))]

    items = [*row("", "10.00", "6.00", "1.00"), *row("201", "7.00", "2.00", "1.00"),
             *row("208", "1.00", "1.00", "1.00"), *row("20801", "9.00", "4.00", "5.00")]
    info = TableInfo("general_budget", "一般公共预算财政拨款支出决算表", (3,), cells=len(items))
    _, tables, problems = verify(items, [info])
    note = tables[0].note
    assert "“合计”行“基本支出”列印 6.00，按其组成应为 3.00" in note and note.endswith("暂不发布。")
    assert problems[0].message == f"一般公共预算财政拨款支出决算表: {note}"
    assert not ENGLISH.search(note) and "basic" not in note

"""PDF extraction on generated PDFs: grids, merged cells, titles, rotation, fake bold."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from juesuan.extract.pdf import extract_pdf
from juesuan.extract.pdf_geometry import Char, dedupe_chars
from juesuan.normalize.tables import extract_line_items

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
CW, RH = 90, 20  # column width, row height


def draw_table(c: canvas.Canvas, x: float, top: float, rows: list[list[str | None]],
               spans: dict[tuple[int, int], int] | None = None) -> float:
    """Rows of cells; ``spans[(r, c)] = n`` merges n cells to the right. Returns the bottom."""
    spans = spans or {}
    ncols = max(len(r) for r in rows)
    bottom = top - RH * len(rows)
    c.setFont(FONT, 9)
    for r, row in enumerate(rows):
        y = top - RH * r
        c.line(x, y, x + CW * ncols, y)
        col = 0
        while col < ncols:
            width = spans.get((r, col), 1)
            c.line(x + CW * col, y, x + CW * col, y - RH)
            if col < len(row) and row[col]:
                c.drawString(x + CW * col + 3, y - 14, row[col])
            col += width
        c.line(x + CW * ncols, y, x + CW * ncols, y - RH)
    c.line(x, bottom, x + CW * ncols, bottom)
    return bottom


def test_grid_title_merged_cells_and_two_tables(tmp_path):
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(FONT, 14)
    c.drawString(60, 800, "一般公共预算财政拨款支出决算表")
    c.setFont(FONT, 9)
    c.drawString(60, 785, "单位：元")
    bottom = draw_table(c, 60, 770, [
        ["科目编码", "", "", "科目名称", "本年支出"],
        ["类", "款", "项", "", "小计"],
        ["", "", "", "合计", "123,456.00"],
        ["204", "", "", "公共安全支出", "123456"],
        ["", "02", "", "公安", "123456"],
        ["", "", "01", "行政运行", "123456"]], spans={(0, 0): 3})
    c.setFont(FONT, 14)
    c.drawString(60, bottom - 40, "国有资本经营预算财政拨款支出决算表")
    draw_table(c, 60, bottom - 60, [["科目编码", "科目名称", "合计"], ["", "合计", "0"]])
    c.showPage()
    c.save()
    doc = extract_pdf(path)
    page = doc.pages[0]
    assert doc.format == "pdf" and doc.page_count == 1 and len(doc.sha256) == 64
    assert not page.landscape and len(page.grids) == 2
    first, second = page.grids
    assert first.title.split("\n") == ["一般公共预算财政拨款支出决算表", "单位：元"]
    assert second.title == "国有资本经营预算财政拨款支出决算表"
    assert first.rows[0][:3] == ["科目编码", None, None]  # merged header cell
    assert first.rows[2][3:] == ["合计", "123,456.00"]
    assert "公共安全支出" in page.text
    items, tables, _, converted = extract_line_items(doc)
    got = {i.key: i.value for i in items}
    assert converted and [t.table for t in tables] == ["general_budget", "state_capital_expenditure"]
    assert got[("general_budget", "", "2040201", "total")] == Decimal("12.3456")
    assert got[("state_capital_expenditure", "", "", "total")] == 0


def test_rotated_landscape_page(tmp_path):
    path = tmp_path / "rot.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setPageRotation(90)
    c.translate(595, 0)
    c.rotate(90)  # draw in display coordinates: 842 wide, 595 high
    c.setFont(FONT, 14)
    c.drawString(60, 540, "支出决算表")
    draw_table(c, 60, 520, [["科目编码", "科目名称", "本年支出合计", "基本支出"],
                            ["2040201", "行政运行", "5.00", "5.00"]])
    c.showPage()
    c.save()
    page = extract_pdf(path).pages[0]
    assert page.landscape
    assert page.grids[0].title == "支出决算表"
    assert page.grids[0].rows == [["科目编码", "科目名称", "本年支出合计", "基本支出"],
                                  ["2040201", "行政运行", "5.00", "5.00"]]


def test_page_without_rules_has_text_and_no_grids(tmp_path):
    path = tmp_path / "n.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 12)
    c.drawString(72, 700, "第一部分 部门概况")
    c.drawString(72, 680, "一、部门职责")
    c.rect(50, 50, 100, 100)  # a lone frame is not a table
    c.showPage()
    c.save()
    page = extract_pdf(path).pages[0]
    assert page.text.split("\n") == ["第一部分 部门概况", "一、部门职责"]
    assert page.grids == []


def test_fake_bold_duplicates_removed():
    def ch(t, x, y=100.0):
        return Char(t, x, y, x + 12, y + 12, False)

    chars = [ch("收", 10), ch("收", 10.4), ch("入", 22), ch("入", 22.5, 100.3), ch("入", 60)]
    kept = dedupe_chars(chars)
    assert "".join(c.text for c in kept) == "收入入"
    assert [c.x0 for c in kept] == [10, 22, 60]


def test_many_pages_each_with_its_grid(tmp_path):
    path = tmp_path / "many.pdf"
    c = canvas.Canvas(str(path))
    for i in range(30):
        c.setFont(FONT, 12)
        c.drawString(72, 760, f"收入决算表 {i}")
        draw_table(c, 60, 740, [["科目编码", "科目名称", "本年收入合计"], ["", "合计", f"{i}.00"]])
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert [p.number for p in doc.pages] == list(range(1, 31))
    assert all(len(p.grids) == 1 for p in doc.pages)


# ---------------------------------------------------------------- tables without vertical rules


def draw_unruled(c: canvas.Canvas, top: float, rows: list[list[tuple[str, float, str]]],
                 rules: str = "none", header_rows: int = 0) -> float:
    """Rows of (text, x, align) printed RH apart from ``top``; rules="horizontal" adds a
    三线表's rules (above, under the header rows, under the last row). Returns the bottom."""
    c.setFont(FONT, 9)
    for r, row in enumerate(rows):
        y = top - RH * r - 14
        for text, x, align in row:
            {"l": c.drawString, "r": c.drawRightString, "c": c.drawCentredString}[align](x, y, text)
    bottom = top - RH * len(rows)
    if rules == "horizontal":
        for y in (top, top - RH * header_rows, bottom):
            c.line(40, y, 560, y)
    return bottom


HEAD = [[("科目编码", 90, "c"), ("科目名称", 223, "c"), ("本年支出", 430, "c")],
        [("类", 50, "c"), ("款", 90, "c"), ("项", 130, "c"), ("小计", 340, "c"), ("基本支出", 430, "c"),
         ("项目支出", 520, "c")]]


def body_row(codes: list[str], name: str, values: list[str]) -> list[tuple[str, float, str]]:
    cells = [(code, x, "l") for code, x in zip(codes, (43, 83, 123)) if code]
    cells.append((name, 153, "l"))
    return cells + [(v, x, "r") for v, x in zip(values, (382, 472, 562)) if v]


def test_three_line_table_with_merged_header_and_continuation_without_title(tmp_path):
    path = tmp_path / "sanxian.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(FONT, 14)
    c.drawCentredString(297, 800, "一般公共预算财政拨款支出决算表")
    c.setFont(FONT, 9)
    c.drawString(40, 780, "单位名称：某某局")
    c.drawRightString(560, 780, "单位：元")
    draw_unruled(c, 770, HEAD + [
        body_row([], "合计", ["2,500,000.00", "1,500,000.00", "1,000,000.00"]),
        body_row(["204"], "公共安全支出", ["2,500,000.00", "1,500,000.00", "1,000,000.00"]),
        body_row(["", "02"], "公安", ["2,500,000.00", "1,500,000.00", "1,000,000.00"])],
        rules="horizontal", header_rows=2)
    c.showPage()
    draw_unruled(c, 800, [  # the next page goes on: no title, no header
        body_row(["", "", "01"], "行政运行", ["1,500,000.00", "1,500,000.00", ""]),
        body_row(["", "", "02"], "一般行政管理事务", ["1,000,000.00", "0.00", "1,000,000.00"])],
        rules="horizontal")
    c.showPage()
    c.save()
    doc = extract_pdf(path)
    first, second = doc.pages
    assert len(first.grids) == 1 and len(second.grids) == 1
    grid = first.grids[0]
    assert grid.title.split("\n")[-1] == "单位名称：某某局 单位：元"
    assert grid.rows[:2] == [["科目编码", "科目编码", "科目编码", "科目名称", "本年支出", "本年支出", "本年支出"],
                             ["类", "款", "项", None, "小计", "基本支出", "项目支出"]]
    assert grid.rows[3] == ["204", "", "", "公共安全支出", "2,500,000.00", "1,500,000.00", "1,000,000.00"]
    assert second.grids[0].title == "" and second.grids[0].rows[0][2:4] == ["01", "行政运行"]
    items, tables, problems, converted = extract_line_items(doc)
    got = {i.key: i.value for i in items}
    assert converted and [t.table for t in tables] == ["general_budget"] and tables[0].pages == (1, 2)
    assert got[("general_budget", "", "", "total")] == Decimal("250")
    assert got[("general_budget", "", "2040201", "basic")] == Decimal("150")
    assert ("general_budget", "", "2040201", "project") not in got  # blank cell omitted
    assert got[("general_budget", "", "2040202", "project")] == Decimal("100")
    assert not [p for p in problems if p.code == "table_unreadable"]


def test_unruled_two_sided_table_and_spanning_total(tmp_path):
    path = tmp_path / "none.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(FONT, 14)
    c.drawCentredString(297, 800, "收入支出决算总表")
    draw_unruled(c, 770, [
        [("收入", 150, "c"), ("支出", 420, "c")],
        [("项目", 100, "c"), ("决算数", 240, "c"), ("项目", 370, "c"), ("决算数", 510, "c")],
        [("一、一般公共预算财政拨款收入", 43, "l"), ("10.00", 282, "r"), ("一、一般公共服务支出", 303, "l"),
         ("8.00", 552, "r")],
        [("二、政府性基金预算财政拨款收入", 43, "l"), ("0.00", 282, "r"), ("二、教育支出", 303, "l"),
         ("2.00", 552, "r")],
        [("总计", 100, "c"), ("10.00", 282, "r"), ("总计", 370, "c"), ("10.00", 552, "r")]])
    c.showPage()
    c.save()
    doc = extract_pdf(path)
    rows = doc.pages[0].grids[0].rows
    assert rows[0] == ["收入", "收入", "支出", "支出"] and rows[1] == ["项目", "决算数", "项目", "决算数"]
    items, tables, problems, _ = extract_line_items(doc)
    got = {i.key: i.value for i in items}
    assert [t.table for t in tables] == ["income_expenditure_summary"] and not problems
    assert got[("income_expenditure_summary", "income", "general_budget", "amount")] == Decimal("10.00")
    assert got[("income_expenditure_summary", "expenditure", "205", "amount")] == Decimal("2.00")
    assert got[("income_expenditure_summary", "expenditure", "grand_total", "amount")] == Decimal("10.00")


def test_title_without_a_readable_table_is_a_problem_and_a_mention_is_not(tmp_path):
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(FONT, 14)
    c.drawCentredString(297, 800, "政府性基金预算财政拨款收入支出决算表")
    c.setFont(FONT, 9)
    c.drawString(40, 760, "本单位没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。")
    c.showPage()
    c.setFont(FONT, 12)
    c.drawString(72, 760, "三、一般公共预算财政拨款支出决算表情况说明")
    c.drawString(72, 740, "详见一般公共预算财政拨款支出决算表，合计 120.00 万元。")
    c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert [p.grids for p in doc.pages] == [[], []]
    _, tables, problems, _ = extract_line_items(doc)
    assert tables == []
    assert [(p.code, p.page, p.table) for p in problems] == [("table_unreadable", 1, "government_fund")]


def test_generated_documents_without_vertical_rules(tmp_path):
    """The synthetic generator's 三线表 and unruled variations, parsed end to end."""
    from generator import make_document
    from generator.compare import score_line_items
    from juesuan.normalize.tables import extract_line_items as items_of

    for seed, rules in ((1, "none"), (7, "horizontal")):
        report, v, _ = make_document(seed, tmp_path / f"{rules}.pdf", rules=rules)
        items, _, problems, _ = items_of(extract_pdf(tmp_path / f"{rules}.pdf"))
        s = score_line_items(report.line_items(), items)
        assert s.precision >= 0.995 and s.recall >= 0.995, s.summary(rules)
        assert not [p for p in problems if p.code == "table_unreadable"]

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

"""DOCX extraction: body order, page breaks, tables as Grids with merged cells as None."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK

from juesuan.errors import UnreadableDocument
from juesuan.extract.docx import extract_docx

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
SEED_DOCX = GOLDEN / "000_cecd3edf739872c0" / "000_cecd3edf739872c0.docx"


def _make(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("2023年度")
    d.add_paragraph("某某局部门决算")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("第一段正文，2023年度收、支总计均为100万元。")
    d.add_paragraph("某项目支出绩效自评表（2023年度）")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(0, 3)).text = "项目名称"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "预算执行情况"
    for j, v in enumerate(["年初预算", "调整后", "执行数"], start=1):
        t.cell(1, j).text = v
    for j, v in enumerate(["10.00", "12.00", "12.00"], start=1):
        t.cell(2, j).text = v
    d.add_paragraph("表后的一段。")
    section = d.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    d.add_paragraph("横向页")
    d.save(path)
    return path


def test_paragraphs_pages_and_tables(tmp_path):
    doc = extract_docx(_make(tmp_path / "a.docx"))
    assert doc.format == "docx" and len(doc.sha256) == 64
    assert doc.page_count == len(doc.pages) == 3
    assert all(p.number is None for p in doc.pages)
    assert "某某局部门决算" in doc.pages[0].text
    body = doc.pages[1].text
    assert body.index("第一段正文") < body.index("项目名称") < body.index("表后的一段")
    [grid] = doc.grids()
    assert grid.page is None
    assert grid.title == "某项目支出绩效自评表（2023年度）\n单位：万元"
    assert grid.rows == [
        ["项目名称", None, None, None],
        ["预算执行情况", "年初预算", "调整后", "执行数"],
        [None, "10.00", "12.00", "12.00"],
    ]
    assert doc.pages[2].landscape and not doc.pages[1].landscape


def test_corrupted_docx_is_unreadable(tmp_path):
    good = _make(tmp_path / "a.docx").read_bytes()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(good[: len(good) // 2])
    with pytest.raises(UnreadableDocument) as e:
        extract_docx(bad)
    assert "bad.docx" in str(e.value) and "\n" not in str(e.value)


def test_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "notword.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableDocument, match="not a Word document"):
        extract_docx(path)


def test_legacy_doc_is_named(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(UnreadableDocument, match=r"\.doc"):
        extract_docx(path)


def test_seed_docx_project_tables_are_whole_grids():
    doc = extract_docx(SEED_DOCX)
    grids = [g for g in doc.grids() if "项目支出绩效自评表" in g.title]
    assert len(grids) == 5
    for g in grids:
        assert g.rows[0][0] == "项目名称"
        assert g.rows[-1][0].startswith("项目负责人")
        assert any(r[0] == "合计" for r in g.rows)
        assert len({len(r) for r in g.rows}) == 1
    assert "2023年度收、支总计均为18305.14万元" in doc.text


def _standard_table(d, rows: list[list[str]], title_rows: list[str] = (), container=None):
    """A 3-column table; title_rows are written as full-width merged rows on top."""
    host = container or d
    t = host.add_table(rows=len(title_rows) + len(rows), cols=3)
    for i, line in enumerate(title_rows):
        t.cell(i, 0).merge(t.cell(i, 2)).text = line
    for i, row in enumerate(rows, len(title_rows)):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    return t


ROWS = [["科目编码", "科目名称", "决算数"], ["201", "一般公共服务支出", "12.50"]]


def test_title_rows_inside_the_table_become_the_grid_title(tmp_path):
    d = docx.Document()
    t = _standard_table(d, ROWS, ["一般公共预算财政拨款支出决算表", "财决公开05表  单位：元"])
    t.cell(0, 0).add_paragraph("（续表）")  # a title cell of two paragraphs
    d.save(tmp_path / "t.docx")
    [grid] = extract_docx(tmp_path / "t.docx").grids()
    assert grid.title == "一般公共预算财政拨款支出决算表（续表）\n财决公开05表  单位：元"
    assert grid.rows == ROWS


def test_caption_layout_table_is_text_not_a_grid(tmp_path):
    d = docx.Document()
    d.add_paragraph("一般公共预算财政拨款支出决算表")
    cap = d.add_table(rows=1, cols=3)
    for cell, v in zip(cap.rows[0].cells, ["单位名称：某某局", "2023年度", "单位：万元"]):
        cell.text = v
    _standard_table(d, ROWS)
    d.save(tmp_path / "c.docx")
    doc = extract_docx(tmp_path / "c.docx")
    [grid] = doc.grids()
    assert grid.title == "一般公共预算财政拨款支出决算表\n单位名称：某某局\t2023年度\t单位：万元"
    assert grid.rows == ROWS


def test_a_data_table_of_two_rows_is_not_a_caption(tmp_path):
    d = docx.Document()
    d.add_paragraph("一般公共预算财政拨款支出决算表")
    _standard_table(d, ROWS)
    d.save(tmp_path / "n.docx")
    [grid] = extract_docx(tmp_path / "n.docx").grids()
    assert grid.rows == ROWS and grid.title == "一般公共预算财政拨款支出决算表"


def test_table_nested_in_a_one_cell_frame_is_read(tmp_path):
    d = docx.Document()
    d.add_paragraph("一般公共预算财政拨款支出决算表")
    frame = d.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "单位：万元"
    _standard_table(d, ROWS, container=frame)
    d.add_paragraph("表后的一段。")
    d.save(tmp_path / "f.docx")
    doc = extract_docx(tmp_path / "f.docx")
    [grid] = doc.grids()
    assert grid.rows == ROWS
    assert grid.title == "一般公共预算财政拨款支出决算表\n单位：万元"
    assert doc.text.index("12.50") < doc.text.index("表后的一段")


def test_six_caption_paragraphs_keep_the_title(tmp_path):
    d = docx.Document()
    d.add_paragraph("正文的最后一句。")
    for line in ["一般公共预算财政拨款支出决算表", "财决公开05表", "单位名称：某某局", "2023年度", "单位：万元"]:
        d.add_paragraph(line)
    _standard_table(d, ROWS)
    d.save(tmp_path / "s.docx")
    [grid] = extract_docx(tmp_path / "s.docx").grids()
    assert grid.title.split("\n")[0] == "一般公共预算财政拨款支出决算表"


def test_caption_rows_inside_a_table_in_cells_of_their_own():
    """单位名称 | 年度 | 单位 as cells of the table's first row (a caption table run into the
    table, as a .doc stores two adjacent tables), and one caption with empty cells beside it."""
    from juesuan.extract.docx import split_caption_rows

    rows = [["单位名称：某某局", None, None, "2022年度", None, "单位：万元", None, ""],
            ["", "收入", None, None, "支出", None, None, None],
            ["", "项目", "决算数", None, "项目", None, "决算数", None]]
    lines, rest = split_caption_rows(rows)
    assert lines == ["单位名称：某某局\t2022年度\t单位：万元"] and rest == rows[1:]
    rows = [["单位：万元", None, None, None, None, ""], ["", "收入", None, "支出", None, None],
            ["", "项目", "决算数", "项目", "决算数", None]]
    lines, rest = split_caption_rows(rows)
    assert lines == ["单位：万元"] and rest == rows[1:]
    header = [["项目", "决算数", "项目", "决算数"], ["一、一般公共预算财政拨款收入", "1.00", "一、一般公共服务支出", "1.00"]]
    assert split_caption_rows(header) == ([], header)

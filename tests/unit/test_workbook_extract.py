"""Workbooks → ExtractedDocument: merged header cells as covered_by, numbers as the sheet shows them,
hidden rows / columns / sheets left out, several tables on one sheet, notes, the sheet's name as
the page's label; and the bad inputs: a corrupt workbook, a password-protected one.

tests/fixtures/workbooks/formats.xls was written with xlwt 1.3.0 (merged 科目编码 / 本年支出 headers,
#,##0.00 / 0.00 / 00 formats, a hidden row, a hidden column, a hidden sheet)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from juesuan.errors import JuesuanError, UnreadableDocument
from juesuan.extract.document import detect_format, extract_document
from juesuan.extract.workbook import Number, show_column, show_number

FIXTURES = Path(__file__).parents[1] / "fixtures" / "workbooks"


def two_sided_sheet(ws, title: str = "收入支出决算总表", top: int = 1) -> int:
    """A small 收入支出决算总表 from row `top`: merged title, caption, merged 收入 / 支出 headers."""
    ws.cell(top, 1, title)
    ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=4)
    ws.cell(top + 1, 1, "单位名称：某某局")
    ws.cell(top + 1, 2, "2023年度")
    ws.cell(top + 1, 4, "单位：万元")
    ws.cell(top + 2, 1, "收入")
    ws.merge_cells(start_row=top + 2, start_column=1, end_row=top + 2, end_column=2)
    ws.cell(top + 2, 3, "支出")
    ws.merge_cells(start_row=top + 2, start_column=3, end_row=top + 2, end_column=4)
    for c, text in enumerate(["项目", "决算数", "项目", "决算数"], 1):
        ws.cell(top + 3, c, text)
    rows = [("一、一般公共预算财政拨款收入", 1234.5, "一、一般公共服务支出", 1000.25),
            ("本年收入合计", 1234.5, "本年支出合计", 1234.5)]
    for i, (a, x, b, y) in enumerate(rows, top + 4):
        ws.cell(i, 1, a)
        ws.cell(i, 2, x).number_format = "#,##0.00"
        ws.cell(i, 3, b)
        ws.cell(i, 4, y).number_format = "#,##0.00"
    return top + 4 + len(rows)


def test_merged_headers_and_number_formats(tmp_path):
    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "01收支总表"
    two_sided_sheet(ws)
    wb.save(path)
    doc = extract_document(path)
    assert doc.format == "xlsx" and doc.page_count == 1
    page = doc.pages[0]
    assert page.number == 1 and page.label == "01收支总表"
    (g,) = page.grids
    assert g.title.split("\n") == ["收入支出决算总表", "单位名称：某某局", "2023年度", "单位：万元"]
    assert g.rows[0] == ["收入", None, "支出", None]
    assert g.covered_by == {(0, 1): (0, 0), (0, 3): (0, 2)}
    assert g.rows[2] == ["一、一般公共预算财政拨款收入", "1,234.50", "一、一般公共服务支出", "1,000.25"]
    assert g.page == 1
    assert "本年收入合计\t1,234.50\t本年支出合计\t1,234.50" in page.text


@pytest.mark.parametrize("value,fmt,shown", [
    (1234.5, "#,##0.00", "1,234.50"), (0.1 + 0.2, "0.00", "0.30"), (-1234.5, "#,##0.00", "-1,234.50"),
    (6, "00", "06"), (0.955, "0.00%", "95.50%"), (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),
    (12.345, "#,##0.00;[Red]-#,##0.00", "12.35"), (-3, "0.00;(0.00)", "-3.00"), (1234567.891, "#,##0", "1,234,568"),
])
def test_show_number(value, fmt, shown):
    from juesuan.extract.workbook import to_decimal

    assert show_number(to_decimal(value), fmt) == shown


def test_general_and_unknown_formats_by_column():
    assert show_number(Decimal("1234.5"), "General") is None
    amounts = [Number(Decimal("1234.5")), Number(Decimal("0")), Number(Decimal("0.30000000000000004"))]
    assert show_column(amounts) == ["1234.50", "0.00", "0.30"]
    codes = [Number(Decimal("2010101")), Number(Decimal("301"))]
    assert show_column(codes) == ["2010101", "301"]


def test_numbers_as_text_with_separators_stay_as_printed(tmp_path):
    path = tmp_path / "text.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    two_sided_sheet(ws)
    ws["B5"] = "1,234.50"
    wb.save(path)
    (g,) = extract_document(path).grids()
    assert g.rows[2][1] == "1,234.50"


def test_hidden_rows_columns_and_sheets_are_left_out(tmp_path):
    path = tmp_path / "hidden.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    end = two_sided_sheet(ws)
    ws.cell(5, 5, 9999.99)
    ws.column_dimensions["E"].hidden = True
    ws.cell(end, 1, "内部核对")
    ws.cell(end, 2, 8888.88)
    ws.row_dimensions[end].hidden = True
    hidden = wb.create_sheet("校验")
    hidden["A1"] = "财政拨款收入支出决算总表"
    hidden.sheet_state = "hidden"
    wb.save(path)
    doc = extract_document(path)
    assert doc.page_count == 1
    assert "9999.99" not in doc.text and "内部核对" not in doc.text and "财政拨款收入支出决算总表" not in doc.text
    assert all(len(r) == 4 for r in doc.grids()[0].rows)


def test_several_tables_on_one_sheet(tmp_path):
    """Tables one under another: a page each (a sheet listing every title at once would read
    as a 目录), all labelled with the sheet, numbered in order; a note goes to the text."""
    path = tmp_path / "one.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "决算公开表"
    end = two_sided_sheet(ws)
    ws.cell(end, 1, "注：本表为示例。")
    two_sided_sheet(ws, "财政拨款收入支出决算总表", end + 3)
    wb.save(path)
    doc = extract_document(path)
    assert [p.number for p in doc.pages] == [1, 2]
    assert [p.label for p in doc.pages] == ["决算公开表"] * 2
    assert [g.title.split("\n")[0] for g in doc.grids()] == ["收入支出决算总表", "财政拨款收入支出决算总表"]
    assert [g.page for g in doc.grids()] == [1, 2]
    assert "注：本表为示例。" in doc.pages[0].text
    assert all("注" not in (c or "") for g in doc.grids() for r in g.rows for c in r)


def test_xls_formats_merges_and_hidden():
    doc = extract_document(FIXTURES / "formats.xls")
    assert doc.format == "xls" and doc.page_count == 1 and doc.pages[0].label == "支出决算表"
    (g,) = doc.grids()
    assert g.title == "支出决算表\n单位：万元"
    assert g.rows[0] == ["科目编码", None, None, "科目名称", "本年支出", None]
    assert g.covered_by[(1, 2)] == (0, 0) and g.covered_by[(0, 5)] == (0, 4)
    assert g.rows[3] == ["201", "06", "01", "行政运行", "1,234.50", "0.30"]
    assert "内部" not in doc.text and "8888" not in doc.text and "9999" not in doc.text
    assert "收入支出决算总表" not in doc.text  # the hidden sheet
    assert doc.pages[0].text.endswith("注：本表金额保留两位小数。")


def test_workbook_named_pdf_is_read_as_workbook(tmp_path):
    path = tmp_path / "report.pdf"
    wb = openpyxl.Workbook()
    two_sided_sheet(wb.active)
    wb.save(path)
    assert detect_format(path) == "workbook"
    assert extract_document(path).format == "xlsx"


def test_corrupt_workbook_is_one_clear_line(tmp_path):
    good = tmp_path / "good.xlsx"
    wb = openpyxl.Workbook()
    two_sided_sheet(wb.active)
    wb.save(good)
    bad = tmp_path / "决算报表.xlsx"
    bad.write_bytes(good.read_bytes()[:700])
    with pytest.raises(UnreadableDocument) as info:
        extract_document(bad)
    line = str(info.value)
    assert "\n" not in line and str(bad) in line and "corrupted" in line


def test_password_protected_workbook_is_one_clear_line(tmp_path):
    from juesuan.pipeline import parse_file

    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    two_sided_sheet(wb.active)
    wb.save(plain)
    locked = tmp_path / "locked.xlsx"
    with open(plain, "rb") as src, open(locked, "wb") as out:
        OOXMLFile(src).encrypt("secret", out)
    assert msoffcrypto.OfficeFile(open(locked, "rb")).is_encrypted()
    with pytest.raises(UnreadableDocument) as info:
        parse_file(locked)
    line = str(info.value)
    assert "\n" not in line and str(locked) in line and "password" in line


def test_workbook_of_other_things_is_not_a_disclosure(tmp_path):
    from juesuan.pipeline import parse_file

    path = tmp_path / "roster.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "科室", "电话"])
    wb.active.append(["张三", "办公室", "12345"])
    wb.save(path)
    with pytest.raises(JuesuanError) as info:
        parse_file(path)
    assert str(path) in str(info.value) and "not a final-account disclosure" in str(info.value)


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods(path: Path, rows: list[str], columns: str = "") -> Path:
    """A minimal OpenDocument spreadsheet: one sheet "表1" of the given <table:table-row> elements."""
    import zipfile

    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="表1">{columns}{"".join(rows)}'
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                   '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
                   'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                   '</manifest:manifest>')
    return path


def s(text: str, span: str = "") -> str:
    return f'<table:table-cell office:value-type="string" {span}><text:p>{text}</text:p></table:table-cell>'


def f(value: str, shown: str) -> str:
    return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{shown}</text:p></table:table-cell>'


COVERED = "<table:covered-table-cell/>"


def test_ods_merges_hidden_and_shown_numbers(tmp_path):
    """calamine reads .ods values but no merged ranges: content.xml gives them, the hidden row and
    column, and the text each number cell shows."""
    row = "<table:table-row>{}</table:table-row>"
    rows = [row.format(s("收入支出决算总表", 'table:number-columns-spanned="4"') + COVERED * 3),
            row.format(s("收入", 'table:number-columns-spanned="2"') + COVERED + s("支出", 'table:number-columns-spanned="2"')
                       + COVERED),
            row.format(s("项目") + s("决算数") + s("项目") + s("决算数")),
            row.format(s("本年收入合计") + f("1234.5", "1,234.50") + s("本年支出合计") + f("1234.5", "1,234.50")
                       + f("9999", "9,999.00")),
            '<table:table-row table:visibility="collapse">' + s("内部核对") + f("1", "1.00") + "</table:table-row>"]
    columns = ('<table:table-column table:number-columns-repeated="4"/>'
               '<table:table-column table:visibility="collapse"/>')
    doc = extract_document(ods(tmp_path / "t.ods", rows, columns))
    assert doc.format == "ods"
    (g,) = doc.grids()
    assert g.title == "收入支出决算总表"
    assert g.rows == [["收入", None, "支出", None], ["项目", "决算数", "项目", "决算数"],
                      ["本年收入合计", "1,234.50", "本年支出合计", "1,234.50"]]
    assert g.covered_by == {(0, 1): (0, 0), (0, 3): (0, 2)}
    assert "内部核对" not in doc.text and "9,999" not in doc.text


def test_cells_carry_their_sheet_and_reference(tmp_path):
    """Provenance as Sheet!A1: the sheet's own row and column (hidden ones counted), quoted where
    the name needs it; the page in the file is the sheet's index (hidden sheets counted), shared by
    the tables of one sheet; the pickled cell keeps its reference."""
    import pickle

    from juesuan.extract.workbook_tables import column_letters, sheet_name_ref
    from juesuan.models import CellText

    path = tmp_path / "refs.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "封 面"
    wb.active["A1"] = "某某局2023年度部门决算"
    wb.create_sheet("校验").sheet_state = "hidden"
    ws = wb.create_sheet("02收支总表")
    ws.column_dimensions["A"].hidden = True
    ws.insert_rows(1)
    ws.row_dimensions[3].hidden = True
    end = two_sided_sheet(ws, top=2)
    for c in range(1, 5):  # the layout moved one column right (A is hidden and empty)
        ws.cell(end - 2, c + 1, ws.cell(end - 2, c).value)
    two_sided_sheet(ws, "财政拨款收入支出决算总表", end + 3)
    wb.save(path)
    doc = extract_document(path)
    pages = [p for p in doc.pages if p.grids]
    assert [p.source_page for p in pages] == [3, 3] and doc.pages[0].source_page == 1
    assert doc.sources[0].pages == 3 and doc.sources[0].format == "xlsx"
    first = pages[0].grids[0]
    cell = next(c for row in first.rows for c in row if c == "1,234.50")
    assert isinstance(cell, CellText) and cell.ref.startswith("'02收支总表'!")
    col, row = cell.ref.split("!")[1][0], int(cell.ref.split("!")[1][1:])
    assert ws[f"{col}{row}"].value == 1234.5  # the reference points at the printed cell
    assert pickle.loads(pickle.dumps(cell)).ref == cell.ref
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert [sheet_name_ref(n) for n in ("Sheet1", "收支总表", "01表", "a b", "it's")] == \
        ["Sheet1", "收支总表", "'01表'", "'a b'", "'it''s'"]


def test_line_items_of_a_workbook_name_their_cell(tmp_path):
    from juesuan.package.writer import build_files
    from juesuan.pipeline import parse_file

    path = tmp_path / "总表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "收支总表"
    two_sided_sheet(wb.active)
    wb.active["D5"] = 1234.5  # the sides balance: the table's identities hold, nothing is withheld
    wb.save(path)
    report = parse_file(path, {"agency": "某某局", "year": 2023})
    cells = {(li.section, li.row_name): li.cell for li in report.line_items}
    assert cells[("income", "一般公共预算财政拨款收入")] == "收支总表!B5"
    assert cells[("expenditure", "一般公共服务支出")] == "收支总表!D5"
    line = build_files(report)["line_items.csv"].splitlines()
    assert line[0].endswith(",page,status,file,cell")
    assert any(x.endswith(",1,verified,总表.xlsx,收支总表!B6") for x in line), line

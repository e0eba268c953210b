"""Provenance on the site, downloads for spreadsheets and databases, readable anchors,
table wrappers and the Chinese data dictionary (render/provenance.py, spreadsheet.py,
database.py, anchors.py, wrap.py, dictionary.py, describe.py)."""

from __future__ import annotations

import html
import re
import sqlite3
from types import SimpleNamespace

import pytest

from juesuan.render.provenance import Provenance, Source, declared_sources, in_folder


def _prov(*sources: Source) -> Provenance:
    return Provenance(list(sources))


PDF = Source("报告.pdf", "pdf", 25, "", "source/source.pdf")
XLSX = Source("表.xlsx", "xlsx", 3, "", "source/source-2.xlsx")
TXT = Source("导出.txt", "text", None, "", "source/source.txt")


def test_pdf_cell_links_to_its_page():
    p = _prov(PDF)
    row = {"page": 6, "file": "报告.pdf", "cell": ""}
    assert p.href(row) == "source/source.pdf#page=6"
    assert p.text(row) == "报告.pdf 第6页"
    assert html.unescape(str(p.link(row, short=True))) == '<a class="jc-src" href="source/source.pdf#page=6">第6页</a>'


def test_workbook_cell_says_sheet_and_cell_and_links_the_workbook():
    p = _prov(PDF, XLSX)
    row = {"page": 2, "file": "表.xlsx", "cell": "支出!B7"}
    assert p.text(row) == "表.xlsx 工作表 支出 单元格 B7"
    assert p.href(row) == "source/source-2.xlsx"  # no #page in a workbook


def test_text_source_says_it_has_no_pages_instead_of_promising_one():
    p = _prov(TXT)
    assert p.text({"page": None}) == "（文本导出，原文无页码）"
    assert p.href({"page": None}) == "source/source.txt"
    assert str(p.link({"page": None}, short=True)) == ""  # the page says it once
    assert not p.paged and _prov(PDF).paged


def test_row_without_file_is_from_the_first_source_and_old_packages_have_one_source():
    p = _prov(PDF, XLSX)
    assert p.href({"page": 3}) == "source/source.pdf#page=3"
    old = {"source_file": "a.pdf", "sha256": "ab", "format": "pdf", "page_count": 9}
    assert declared_sources(old) == [{"path": "a.pdf", "sha256": "ab", "format": "pdf", "pages": 9}]


def test_sources_in_folder_are_served_only_when_present(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    meta = {"sources": [{"path": "a.pdf", "format": "pdf", "pages": 2}, {"path": "b.xlsx", "format": "xlsx"}]}
    pkg = SimpleNamespace(meta=meta, path=tmp_path)
    got = in_folder(pkg, tmp_path, None).sources
    assert [(s.name, s.href) for s in got] == [("a.pdf", "source/source.pdf"), ("b.xlsx", "")]


# ------------------------------------------------------------------ spreadsheets
def test_text_cells_that_start_a_formula_are_neutralised_numbers_never():
    from juesuan.render.spreadsheet import csv_for_excel

    data = csv_for_excel(["name", "value", "note"],
                         [["=SUM(A1)", "-3.5", "-3.5"], ["@cmd", "12.00", "+86 电话"], ["正常", "", "-x"]],
                         {"value": "number"})
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1] == "'=SUM(A1),-3.5,-3.5"  # the number column and a plain number stay
    assert lines[2] == "'@cmd,12.00,'+86 电话"
    assert lines[3] == "正常,,'-x"


def test_xlsx_keeps_exact_text_never_a_formula(tmp_path):
    from openpyxl import load_workbook

    from juesuan.render.spreadsheet import write_xlsx

    path = tmp_path / "a.xlsx"
    write_xlsx(path, [("line_items", ["row_name", "value"], [["=1+2", "2940.05"], ["-3.5", "-3.5"]],
                       {"value": "number"})], readme=[("单位", "某局")])
    ws = load_workbook(path)["line_items"]
    rows = [[(c.value, c.data_type, c.quotePrefix) for c in r] for r in ws.iter_rows(min_row=2)]
    assert rows[0] == [("=1+2", "s", True), (2940.05, "n", False)]
    assert rows[1][0] == ("-3.5", "s", False) and rows[1][1][0] == -3.5
    first = path.read_bytes()
    write_xlsx(path, [("line_items", ["row_name", "value"], [["=1+2", "2940.05"], ["-3.5", "-3.5"]],
                       {"value": "number"})], readme=[("单位", "某局")])
    assert path.read_bytes() == first  # deterministic


def test_sqlite_amounts_are_exact(tmp_path):
    from juesuan.render.database import fen, write_sqlite

    assert fen("2940.05") == 2_940_050_000 and fen("0.000001") == 1 and fen("0.0000001") is None
    db = tmp_path / "c.sqlite"
    write_sqlite(db, {"line_items": (["value", "page"], [["0.1", "3"], ["0.2", ""]]),
                      "facts": (["metric", "value", "unit"], [["a", "1.5", "万元"], ["b", "12.5", "%"]])},
                 {"line_items": {"value": "number", "page": "integer"},
                  "facts": {"metric": "string", "value": "number", "unit": "string"}})
    con = sqlite3.connect(db)
    try:
        ddl = con.execute("select sql from sqlite_master where name='line_items'").fetchone()[0]
        assert '"value" TEXT' in ddl and '"value_fen" INTEGER' in ddl and '"page" INTEGER' in ddl
        assert con.execute("select sum(value_fen) from line_items").fetchone()[0] == 300_000  # 0.3 万元 exactly
        assert con.execute("select value, typeof(value) from line_items").fetchall()[0] == ("0.1", "text")
        assert con.execute("select metric, value_fen from facts").fetchall() == [("a", 1_500_000), ("b", None)]
        assert con.execute("select count(*) from _columns where table_name='facts'").fetchone()[0] == 4
    finally:
        con.close()


def test_text_export_is_served_as_utf8_with_bom(tmp_path):
    from juesuan.render.downloads import serve_source

    src = tmp_path / "r.txt"
    src.write_bytes("上海市普陀区财政局\n收入决算表\n".encode("gb18030"))
    dst = tmp_path / "site" / "source.txt"
    serve_source(src, dst)
    assert dst.read_bytes().startswith(b"\xef\xbb\xbf")
    assert dst.read_bytes().decode("utf-8-sig").startswith("上海市普陀区财政局")
    assert src.read_bytes().decode("gb18030").startswith("上海")  # the original untouched


# ------------------------------------------------------------------ pages
@pytest.mark.parametrize("heading, anchor", [("三公经费", "san-gong-jing-fei"), ("2024年度", "2024-nian-du"),
                                             ("line_items（表格单元格）", "line-items-biao-ge-dan-yuan-ge"),
                                             ("！？", "section")])
def test_anchors_are_readable_ascii(heading, anchor):
    from juesuan.render.anchors import slugify

    assert slugify(heading, "-") == anchor


def test_every_table_gets_its_own_scroll_wrapper():
    from juesuan.render.wrap import wrap_tables

    html = ('<table class="a"><tr><td><table><tr><td>1</td></tr></table></td></tr></table>'
            '<div class="jc-table"><table class="b"></table></div><p>x</p><table></table>')
    out = wrap_tables(html)
    assert out.count('<div class="jc-table">') == 3  # the nested table stays inside its parent's
    assert out.startswith('<div class="jc-table"><table class="a">') and out.endswith("</table></div>")
    assert wrap_tables(out) == out


def test_data_dictionary_is_chinese_for_every_field():
    from juesuan.package import schemas
    from juesuan.render.dictionary import dictionary

    d = {r["name"]: r for r in dictionary()}
    assert list(d) == schemas.resource_names()
    for name, r in d.items():
        assert re.search(r"[\u4e00-\u9fff]", r["description"]), name
        for f in r["fields"]:
            assert re.search(r"[\u4e00-\u9fff]", f["description"]), (name, f["name"])
            assert not re.search(r"[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", f["description"]), (name, f["name"])


def test_hints_and_active_content_in_chinese():
    from juesuan.render.describe import active_content, hint_text

    assert hint_text("项目甲: “合计”行得分未印出 (total score not printed)") == "项目甲: “合计”行得分未印出"
    assert hint_text("government_fund 合计: printed 0.00 | 1.0; 4 consistent reading(s)") == ""
    flagged = {"active_content": [{"file": "a.pdf", "kinds": ["javascript", "launch", "embedded_file"]}]}
    assert active_content(flagged) == {"a.pdf": ["JavaScript 脚本", "启动外部程序的动作", "嵌入的文件"]}
    assert active_content({}) == {} and active_content({"active_content": []}) == {}


def test_report_page_shows_provenance_source_url_and_retrieval(tmp_path):
    """A report page built from a package with a PDF source: cells link to their page, and the
    source table says the address and the retrieval date (or that they were not recorded)."""
    import json
    import random

    from juesuan.package.writer import write_package
    from juesuan.render.load import load_corpus
    from juesuan.render.model import build_corpus
    from juesuan.render.pages import Renderer
    from juesuan.render.samples import synthetic_report

    report = synthetic_report(random.Random(7), 1, 2024)
    out = write_package(report, tmp_path / "packages" / report.meta.slug / "2024")
    folder = tmp_path / "reports" / report.meta.slug / "2024"
    folder.mkdir(parents=True)
    (folder / "source.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "report.yml").write_text("agency: x\nyear: 2024\nsource: source.pdf\n", encoding="utf-8")
    desc = json.loads((out / "datapackage.json").read_text("utf-8"))
    desc["juesuan"]["report"].update(source_url="https://example.gov.cn/a.pdf", retrieved="2025-10-20",
                                     active_content=[{"file": "source.pdf", "kinds": ["javascript"]}])
    (out / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    items = (out / "line_items.csv").read_text("utf-8").splitlines()
    col = items[0].split(",").index("page")
    (out / "line_items.csv").write_text("\n".join([items[0]] + [",".join(
        [*r.split(",")[:col], "3", *r.split(",")[col + 1:]]) for r in items[1:]]) + "\n", encoding="utf-8")
    pkg = load_corpus(tmp_path / "packages")[0]
    page = Renderer(build_corpus([pkg]), tmp_path / "reports").report_page(pkg)
    text = html.unescape(page.text + "".join(page.fragments.values()))
    assert 'href="https://example.gov.cn/a.pdf"' in text
    assert "2025-10-20" in text and "原始文件含有活动内容" in text and "含有活动内容：JavaScript 脚本" in text
    assert {r["page"] for r in pkg.rows["line_items"]} == {3}
    assert text.count('class="jc-src" href="source/source.pdf#page=3"') >= len(pkg.rows["line_items"])


def test_corpus_exports_checksums_and_version(tmp_path, monkeypatch):
    import hashlib
    from types import SimpleNamespace as NS

    from juesuan.render import corpus_exports
    from juesuan.render.corpus_exports import add_checksums, data_version, write_corpus_exports

    tables = {"line_items": (["slug", "value", "row_name"], [["a", "1.50", "=x"], ["b", "-3.5", "y"]])}
    desc = {"resources": [{"name": "line_items", "schema": {"fields": [
        {"name": "slug", "type": "string"}, {"name": "value", "type": "number"}, {"name": "row_name"}]}}]}
    listing = add_checksums(tmp_path, write_corpus_exports(tmp_path, "c", tables, desc))
    hrefs = {e["href"]: e for e in listing}
    assert {"c.xlsx", "c.sqlite", "excel/line_items.csv"} <= set(hrefs)
    assert (tmp_path / "excel" / "line_items.csv").read_bytes().decode("utf-8-sig").splitlines()[1] == "a,1.50,'=x"
    for line in (tmp_path / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest == hrefs[name]["sha256"]
    monkeypatch.setitem(corpus_exports.export_rules(), "corpus_xlsx_max_rows", 1)  # too big for a workbook
    again = write_corpus_exports(tmp_path, "c", tables, desc)
    assert not (tmp_path / "c.xlsx").exists() and "未生成" in again[0]["label"] and again[0]["href"] == ""

    pkg_dir = tmp_path / "pkg"
    pkg_dir.mkdir()
    (pkg_dir / "line_items.csv").write_text("value\n1.50\n", encoding="utf-8")
    pkg = NS(slug="a", year=2024, path=pkg_dir, meta={"parser_version": "0.3.0"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    v1 = data_version([pkg])
    assert v1["built"] == "2025-01-01" and len(v1["version"]) == 12 and v1["parser"] == "0.3.0"
    assert data_version([pkg]) == v1
    (pkg_dir / "line_items.csv").write_text("value\n1.51\n", encoding="utf-8")
    assert data_version([pkg])["version"] != v1["version"]  # one number changed: a new version

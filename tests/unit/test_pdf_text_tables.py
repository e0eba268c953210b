"""Tables printed without vertical rules (三线表 / no rules), read from word positions
(extract/pdf_text_*.py): small reportlab PDFs drawn cell by cell, as the generator and real
publishers draw them (each cell's text is its own string, header texts centred, labels
left-aligned, numbers right-aligned), plus a few generated documents with fixed seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from juesuan.extract.pdf import extract_pdf
from juesuan.extract.pdf_geometry import Char
from juesuan.extract.pdf_text_words import page_lines

FONT = "STSong-Light"
SIZE = 8
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PAGE_H = 842
PAD = 2.5


class Page:
    """Draws texts on one canvas page; y is measured from the top (the baseline)."""

    def __init__(self, c: canvas.Canvas):
        self.c = c
        c.setFont(FONT, SIZE)

    def title(self, text: str, y: float = 40, size: float = 14) -> None:
        self.c.setFont(FONT, size)
        self.c.drawCentredString(300, PAGE_H - y, text)
        self.c.setFont(FONT, SIZE)

    def centre(self, text: str, x0: float, x1: float, y: float) -> None:
        self.c.drawCentredString((x0 + x1) / 2, PAGE_H - y, text)

    def left(self, text: str, x0: float, y: float) -> None:
        self.c.drawString(x0 + PAD, PAGE_H - y, text)

    def right(self, text: str, x1: float, y: float) -> None:
        self.c.drawRightString(x1 - PAD, PAGE_H - y, text)


def pdf(tmp_path: Path, *pages, width: float = 595) -> Path:
    """A PDF with one page per drawing function (each called with a Page)."""
    path = tmp_path / "t.pdf"
    c = canvas.Canvas(str(path), pagesize=(width, PAGE_H))
    for draw in pages:
        draw(Page(c))
        c.showPage()
    c.save()
    return path


def grids(path: Path) -> list[list[list[str | None]]]:
    doc = extract_pdf(path)
    return [[row for row in g.rows] for p in doc.pages for g in p.grids]


def flat(cell: str | None) -> str | None:
    return None if cell is None else cell.replace("\n", "")


# ---------------------------------------------------------------- words


def chars(*specs) -> list[Char]:
    """Chars in drawing order: (text, x0) on one baseline (8 pt glyphs), or 'gen' for a
    separator PDFium inserted between two text objects."""
    out = []
    for spec in specs:
        if spec == "gen":
            out.append(Char("\n", 0, 0, 0, 0, True))
            continue
        text, x0, *rest = spec
        top = rest[0] if rest else 100.0
        w = 2.0 if text == " " else (4.0 if text.isascii() else 8.0)
        out.append(Char(text, x0, top, x0 + w, top + 8.0, False))
    return out


def words_of(cs: list[Char]) -> list[list[str]]:
    return [[w.text for w in line.words] for line in page_lines(cs)]


def test_letter_spaced_label_is_one_word():
    cs = chars(("其", 10), (" ", 18), ("他", 20), (" ", 28), ("支", 30), (" ", 38), ("出", 40))
    assert words_of(cs) == [["其 他 支 出"]]


def test_spaced_digits_stay_apart():
    cs = chars(("1", 10), (" ", 14), ("2", 16), (" ", 20), ("3", 22))
    assert words_of(cs) == [["1", "2", "3"]]


def test_spaces_of_two_text_objects_do_not_join():
    # a space drawn at the end of one cell's text and the next cell's text after it
    cs = chars(("合", 10), ("计", 18), (" ", 26), "gen", ("其", 28), ("他", 36))
    assert words_of(cs) == [["合计", "其他"]]


def test_header_texts_printed_edge_to_edge_stay_apart():
    """物业管理 and 维修（护） touch; the wrapped line 费 of the first is drawn between them."""
    cs = chars(("物", 10), ("业", 18), ("管", 26), ("理", 34), "gen", ("费", 22, 111), "gen",
               ("维", 42.3), ("修", 50.3), "gen", ("费", 46, 111))
    assert words_of(cs) == [["物业管理", "维修"], ["费", "费"]]


def test_touching_characters_of_one_text_join():
    cs = chars(("合", 10), ("计", 18.2), "gen", ("数", 26.3))
    assert words_of(cs) == [["合计数"]]


# ---------------------------------------------------------------- columns and header


def test_letter_spaced_label_stays_in_its_column_and_header_group_spans(tmp_path):
    code, name, total, sub, basic, end = 40, 100, 210, 260, 310, 360

    def draw(p: Page) -> None:
        p.title("一般公共预算财政拨款支出决算明细表")
        p.right("单位：万元", end, 60)
        p.centre("科目编码", code, name, 88)
        p.centre("科目名称", name, total, 88)
        p.centre("合计", total, sub, 88)
        p.centre("工资福利支出", sub, end, 80)
        p.centre("小计", sub, basic, 96)
        p.centre("基本工资", basic, end, 96)
        rows = [("", "合计", "1,200.00", "300.00", "300.00"),
                ("2050199", "其 他 教 育 管 理 事 务 支 出", "1,000.00", "", ""),
                ("2080501", "行政单位离退休", "200.00", "300.00", "300.00")]
        for k, (c, label, *nums) in enumerate(rows):
            y = 116 + 16 * k
            p.left(c, code, y)
            p.left(label, name, y)
            for x1, n in zip((sub, basic, end), nums):
                p.right(n, x1, y)

    rows = grids(pdf(tmp_path, draw))[0]
    assert [flat(c) for c in rows[0]] == ["科目编码", "科目名称", "合计", "工资福利支出", "工资福利支出"]
    assert rows[1][3:] == ["小计", "基本工资"]
    assert rows[3] == ["2050199", "其 他 教 育 管 理 事 务 支 出", "1,000.00", "", ""]
    assert rows[4][2:] == ["200.00", "300.00", "300.00"]


def test_text_over_a_column_of_labels_is_merged(tmp_path):
    """公用经费 is centred over six columns, between the 科目编码 and 科目名称 of its
    second half and above their labels: a merged text, not a column of its own."""
    xs = [40, 80, 180, 240, 280, 380, 440, 480, 620, 760]  # 人员经费 0-3, 公用经费 3-9

    def draw(p: Page) -> None:
        p.title("一般公共预算财政拨款基本支出决算表")
        p.centre("人员经费", xs[0], xs[3], 80)
        p.centre("公用经费", xs[3], xs[9], 80)
        for k, word in enumerate(["科目编码", "科目名称", "决算数"] * 3):
            p.centre(word, xs[k], xs[k + 1], 96)
        rows = [("301", "工资福利支出", "1,000.00", "302", "商品和服务支出", "50.00", "307",
                 "债务利息及费用支出", "0.00"),
                ("30101", "基本工资", "800.00", "30201", "办公费", "50.00", "30701", "国内债务付息", "0.00")]
        for k, row in enumerate(rows):
            y = 114 + 16 * k
            for j, text in enumerate(row):
                if j % 3 == 2:
                    p.right(text, xs[j + 1], y)
                else:
                    p.left(text, xs[j], y)

    rows = grids(pdf(tmp_path, draw, width=842))[0]
    assert rows[0] == ["人员经费"] * 3 + ["公用经费"] * 6
    assert rows[1] == ["科目编码", "科目名称", "决算数"] * 3
    assert rows[2][6:] == ["307", "债务利息及费用支出", "0.00"]
    assert rows[3][6:] == ["30701", "国内债务付息", "0.00"]


def test_code_words_in_the_total_row_are_lifted_into_the_header(tmp_path):
    xs = [40, 70, 100, 130, 250, 320]

    def draw(p: Page) -> None:
        p.title("一般公共预算财政拨款支出决算表")
        p.centre("科目编码", xs[0], xs[3], 84)
        p.centre("科目名称", xs[3], xs[4], 84)
        p.centre("合计", xs[4], xs[5], 84)
        for k, word in enumerate("类款项"):
            p.centre(word, xs[k], xs[k + 1], 102)
        p.centre("合计", xs[3], xs[4], 102)
        p.right("1,000.00", xs[5], 102)
        p.left("205", xs[0], 118)
        p.left("教育支出", xs[3], 118)
        p.right("1,000.00", xs[5], 118)
        p.left("205", xs[0], 134)
        p.left("02", xs[1], 134)
        p.left("普通教育", xs[3], 134)
        p.right("1,000.00", xs[5], 134)

    rows = grids(pdf(tmp_path, draw))[0]
    assert rows[0] == ["科目编码"] * 3 + ["科目名称", "合计"]
    assert rows[1] == ["类", "款", "项", None, None]
    assert rows[2][3:] == ["合计", "1,000.00"]
    assert rows[4][:2] == ["205", "02"] and rows[4][3:] == ["普通教育", "1,000.00"]


def summary_page(title: str, header: bool, rows: list[tuple[str, str, str, str]]):
    xs = [40, 200, 270, 430, 500]

    def draw(p: Page) -> None:
        p.title(title)
        y = 84
        if header:
            p.centre("收入", xs[0], xs[2], 76)
            p.centre("支出", xs[2], xs[4], 76)
            for k, word in enumerate(["项目", "决算数", "项目", "决算数"]):
                p.centre(word, xs[k], xs[k + 1], 92)
            y = 110
        for k, row in enumerate(rows):
            for j, text in enumerate(row):
                (p.right(text, xs[j + 1], y + 16 * k) if j % 2 else p.left(text, xs[j], y + 16 * k))

    return draw


def test_continuation_with_title_and_rows_without_numbers_first(tmp_path):
    """The title printed again, no header, and the first lines rows without numbers
    (blank zeros): they are rows in the columns of the page before, not a header."""
    first = summary_page("收入支出决算总表", True, [
        ("一、一般公共预算财政拨款收入", "100.00", "一、一般公共服务支出", "60.00"),
        ("二、政府性基金预算财政拨款收入", "", "二、外交支出", "40.00")])
    second = summary_page("收入支出决算总表", False, [
        ("", "", "二十三、其他支出", ""),
        ("", "", "二十四、债务还本支出", ""),
        ("收入合计", "100.00", "支出合计", "100.00")])
    pages = grids(pdf(tmp_path, first, second))
    assert len(pages) == 2
    assert pages[1] == [["", "", "二十三、其他支出", ""], ["", "", "二十四、债务还本支出", ""],
                        ["收入合计", "100.00", "支出合计", "100.00"]]


def test_rows_without_numbers_below_a_header(tmp_path):
    """A label-only row right under the header (left-aligned with the labels below, and
    numbered: 二十六、…) is a row, not a header line."""
    draw = summary_page("收入支出决算总表", True, [
        ("", "", "二十六、抗疫特别国债安排的支出", ""),
        ("收入合计", "100.00", "支出合计", "100.00")])
    rows = grids(pdf(tmp_path, draw))[0]
    assert rows[1] == ["项目", "决算数", "项目", "决算数"]
    assert rows[2] == ["", "", "二十六、抗疫特别国债安排的支出", ""]
    assert rows[3] == ["收入合计", "100.00", "支出合计", "100.00"]


def test_repeated_header_keeps_the_columns_read_before(tmp_path):
    """A continuation printing the same header over one 总计 row (centred labels, centred
    line numbers): its header is the one read with the rows of the page before."""
    xs = [40, 200, 230, 290, 430, 460, 520]

    def page(rows, title):
        def draw(p: Page) -> None:
            p.title(title)
            p.centre("收入", xs[0], xs[3], 76)
            p.centre("支出", xs[3], xs[6], 76)
            for k, word in enumerate(["科目名称", "栏次", "金额"] * 2):
                p.centre(word, xs[k], xs[k + 1], 92)
            for k, row in enumerate(rows):
                y = 110 + 16 * k
                for j, text in enumerate(row):
                    if j % 3 == 2:
                        p.right(text, xs[j + 1], y)
                    elif j % 3 == 1 or text == "总计":
                        p.centre(text, xs[j], xs[j + 1], y)
                    else:
                        p.left(text, xs[j], y)
        return draw

    first = page([("一、一般公共预算财政拨款", "1", "100.00", "一、一般公共服务支出", "33", "60.00"),
                  ("二、政府性基金预算财政拨款", "2", "", "二、外交支出", "34", "40.00")], "财政拨款收入支出决算总表")
    second = page([("总计", "32", "100.00", "总计", "64", "100.00")], "财政拨款收入支出决算总表（续表）")
    pages = grids(pdf(tmp_path, first, second))
    assert pages[1][0] == ["收入"] * 3 + ["支出"] * 3
    assert pages[1][2] == ["总计", "32", "100.00", "总计", "64", "100.00"]


def test_column_numbers_do_not_place_the_edges(tmp_path):
    """栏次 1 … 9 are centred in their cells: the group texts are still centred over
    their own columns when only a few cells print a number."""
    xs = [40 + 50 * k for k in range(9)] + [520]

    def draw(p: Page) -> None:
        p.title("政府采购情况表")
        p.centre("采购预算（财政性资金）", xs[0], xs[4], 80)
        p.centre("实际采购金额", xs[4], xs[8], 80)
        p.centre("授予中小企业合同金额", xs[8], xs[9], 88)
        for k, word in enumerate(["合计", "货物", "工程", "服务"] * 2):
            p.centre(word, xs[k], xs[k + 1], 96)
        for k in range(9):
            p.centre(str(k + 1), xs[k], xs[k + 1], 112)
        for k, text in [(0, "256.38"), (2, "256.38"), (4, "248.92"), (6, "248.92"), (8, "69.69")]:
            p.right(text, xs[k + 1], 128)

    rows = grids(pdf(tmp_path, draw))[0]
    assert rows[0] == ["采购预算（财政性资金）"] * 4 + ["实际采购金额"] * 4 + ["授予中小企业合同金额"]
    assert rows[-1] == ["256.38", "", "256.38", "", "248.92", "", "248.92", "", "69.69"]


def test_number_ending_at_a_merged_texts_centre_is_not_its_column(tmp_path):
    """实际采购金额 is centred on the edge between 货物 and 工程; the number of 货物 ends
    just past that centre: the text is still a merged header over four columns."""
    xs = [40 + 70 * k for k in range(9)] + [760]

    def draw(p: Page) -> None:
        p.title("政府采购情况表")
        p.centre("采购预算（财政性资金）", xs[0], xs[4], 80)
        p.centre("实际采购金额", xs[4], xs[8], 80)
        p.centre("授予中小企业合同金额", xs[8], xs[9], 88)
        for k, word in enumerate(["合计", "货物", "工程", "服务"] * 2):
            p.centre(word, xs[k], xs[k + 1], 96)
        for k, text in enumerate(["13.92", "13.92", "0.00", "0.00", "13.92", "13.92", "0.00", "0.00", "0.69"]):
            p.right(text, xs[k + 1] + (PAD + 1 if k == 5 else 0), 114)

    rows = grids(pdf(tmp_path, draw, width=842))[0]
    assert rows[0] == ["采购预算（财政性资金）"] * 4 + ["实际采购金额"] * 4 + ["授予中小企业合同金额"]
    assert rows[-1] == ["13.92", "13.92", "0.00", "0.00", "13.92", "13.92", "0.00", "0.00", "0.69"]


def test_wrapped_label_without_numbers_is_one_row(tmp_path):
    """A two-line label with no number, and the label of the other side centred beside
    its two lines: one row."""
    xs = [40, 150, 220, 380, 450]

    def draw(p: Page) -> None:
        p.title("收入支出决算总表")
        p.centre("收入", xs[0], xs[2], 76)
        p.centre("支出", xs[2], xs[4], 76)
        for k, word in enumerate(["项目", "决算数", "项目", "决算数"]):
            p.centre(word, xs[k], xs[k + 1], 92)
        p.left("一、一般公共预算财政拨款", xs[0], 110)
        p.right("100.00", xs[2], 110)
        p.left("一、一般公共服务支出", xs[2], 110)
        p.right("100.00", xs[4], 110)
        p.left("三、国有资本经营预算财", xs[0], 128)
        p.left("三、国防支出", xs[2], 132.8)
        p.left("政拨款", xs[0], 137.6)
        p.left("收入合计", xs[0], 156)
        p.right("100.00", xs[2], 156)

    rows = grids(pdf(tmp_path, draw))[0]
    assert rows[3] == ["三、国有资本经营预算财\n政拨款", "", "三、国防支出", ""]
    assert rows[4] == ["收入合计", "100.00", "", ""]


# ---------------------------------------------------------------- generated documents


@pytest.mark.parametrize("seed", [111, 47, 217, 244, 224, 1135, 3017])
def test_generated_unruled_documents(tmp_path, seed):
    """Documents without vertical rules that once lost or shifted cells: letter-spaced
    labels, a merged text over a label column, continuations without a header, a
    continuation whose first lines are rows."""
    from generator import make_document, report_meta
    from generator.compare import score_line_items

    from juesuan.pipeline import parse_file

    path = tmp_path / f"s{seed}.pdf"
    report, v, _ = make_document(seed, path, mix="all")
    assert v.rules in ("none", "horizontal")
    got = parse_file(path, report_meta(report, path.name))
    s = score_line_items(report.line_items(), got.line_items)
    assert s.precision == 1.0 and s.recall >= 0.995, s.summary(f"seed {seed}")

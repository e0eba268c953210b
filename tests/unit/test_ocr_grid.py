"""Ruled tables in page images (extract/ocr_grid.py) and the cell text rules of extract/scan.py,
without the OCR engine: tables drawn with Pillow, turned by a slight angle, with noise."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from juesuan.extract.ocr import TextBox
from juesuan.extract.ocr_grid import deskew, find_tables, skew_angle
from juesuan.extract.scan import cell_text, erase_rules, fill, split, text_lines

DPI = 200
XS = [100, 140, 180, 220, 600, 760, 920]  # 类 款 项 | 科目名称 | two value columns
YS = [300, 380, 420, 470, 520, 570, 620]


def table_image(angle: float = 0.0, noise: float = 0.0, seed: int = 0) -> Image.Image:
    """A ruled table as printed: 支出功能分类科目编码 over 类/款/项 (row 0, columns 0–2), 科目名称
    two rows high (column 3), a 合计 row whose label spans the four label columns (row 2), every
    other cell ruled; a title's ink above it. Turned by ``angle`` degrees, grey noise added."""
    img = Image.new("L", (1654, 2339), 255)
    d = ImageDraw.Draw(img)
    d.rectangle([300, 150, 900, 175], fill=0)  # a title's ink (a bar: no font needed)
    x0, x1 = XS[0], XS[-1]
    for y in YS:
        if y == YS[1]:  # no rule under 科目名称 in the header
            d.line([(x0, y), (XS[3], y)], fill=0, width=2)
            d.line([(XS[4], y), (x1, y)], fill=0, width=2)
        else:
            d.line([(x0, y), (x1, y)], fill=0, width=2)
    for i, x in enumerate(XS):
        for r in range(len(YS) - 1):
            if (r == 0 and i in (1, 2)) or (r == 2 and i in (1, 2, 3)):
                continue  # inside the merged header cell / the 合计 label
            d.line([(x, YS[r]), (x, YS[r + 1])], fill=0, width=2)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if noise:
        rng = np.random.default_rng(seed)
        a = np.asarray(img, dtype=np.float32) + rng.normal(0, noise, (img.height, img.width))
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return img


@pytest.mark.parametrize("angle", [0.3, -0.6, 1.0])
def test_skew_angle_is_found(angle):
    gray = np.asarray(table_image(angle, noise=8))
    assert skew_angle(gray) == pytest.approx(-angle, abs=0.06)


def test_straight_page_is_not_turned():
    gray = np.asarray(table_image(0.0))
    assert deskew(gray)[1] == 0.0


@pytest.mark.parametrize("angle", [0.0, 0.7, -0.9])
def test_rules_and_merged_cells(angle):
    straight, _ = deskew(np.asarray(table_image(angle, noise=6, seed=1)))
    tables, _ = find_tables(straight, DPI)
    assert len(tables) == 1
    t = tables[0]
    assert len(t.xs) == len(XS) and len(t.ys) == len(YS)
    assert all(abs(a - b) <= 12 for a, b in zip(t.xs, XS, strict=True)), t.xs
    assert (0, 0, 1, 3) in t.spans  # the header cell over 类/款/项
    assert (0, 3, 2, 4) in t.spans  # 科目名称, two rows high
    assert (1, 1, 2, 2) in t.spans  # 款
    assert (2, 0, 3, 4) in t.spans  # 合计 over the label columns
    assert (3, 4, 4, 5) in t.spans  # an ordinary cell
    cells = sum((r1 - r0) * (c1 - c0) for r0, c0, r1, c1 in t.spans)
    assert cells == (len(XS) - 1) * (len(YS) - 1)


def test_blank_page_has_no_table():
    rng = np.random.default_rng(3)
    gray = np.clip(255 + rng.normal(0, 10, (2339, 1654)), 0, 255).astype(np.uint8)
    assert find_tables(deskew(gray)[0], DPI)[0] == []


def box(text, x0, top, x1, bottom, parts=()):
    return TextBox(text, x0, top, x1, bottom, 0.99, parts)


def test_boxes_fill_cells_and_spans():
    straight, _ = deskew(np.asarray(table_image()))
    t = find_tables(straight, DPI)[0][0]
    boxes = [box("支出功能分类", 110, 320, 210, 350), box("科目名称", 350, 360, 470, 390),
             box("合计", 130, 430, 180, 460), box("12.50", 620, 530, 700, 560), box("3.00", 780, 530, 840, 560),
             box("收入决算表", 500, 140, 700, 180)]
    rows, covered, used = fill(t, boxes)
    assert rows[0][:4] == ["支出功能分类", None, None, "科目名称"] and covered[(0, 2)] == (0, 0)
    assert rows[1][3] is None and covered[(1, 3)] == (0, 3)
    assert rows[2][0] == "合计" and covered[(2, 3)] == (2, 0)
    assert rows[4][4] == "12.50" and rows[4][5] == "3.00" and rows[3][4] == ""
    assert len(used) == 5  # the title above the table is not in it


def test_a_box_over_a_column_rule_is_split_by_its_characters():
    straight, _ = deskew(np.asarray(table_image()))
    t = find_tables(straight, DPI)[0][0]
    parts = (box("款", 145, 480, 175, 510), box("项", 185, 480, 215, 510))
    whole = box("款项", 145, 480, 215, 510, parts)
    assert [b.text for b in split(whole, t)] == ["款", "项"]
    rows, *_ = fill(t, [whole])
    assert rows[3][1:3] == ["款", "项"]


@pytest.mark.parametrize("raw, want", [("1102:67", "1102.67"), ("0.00.", "0.00"), ("1O2.5", "102.5"),
                                       ("l,234.00", "1,234.00"), ("科目名称", "科目名称"), ("合计", "合计"),
                                       ("2024年", "2024年"), ("547..14", "547.14"), (".0.00", "0.00"),
                                       ("0,00", "0.00"), ("124,60", "124.60"), ("1,234,567", "1,234,567"),
                                       ("-1,234.50", "-1,234.50")])
def test_cell_numbers_lose_the_recogniser_look_alikes(raw, want):
    assert cell_text([box(raw, 0, 0, 80, 30)]) == want


def test_text_lines_in_reading_order():
    boxes = [box("单位：万元", 900, 100, 1000, 130), box("单位名称：某局", 100, 102, 400, 132),
             box("收入决算表", 500, 40, 700, 80), box("2024年度", 600, 104, 700, 130)]
    assert text_lines(boxes) == ["收入决算表", "单位名称：某局 2024年度 单位：万元"]


def test_rules_are_erased_inside_tables_only():
    straight, _ = deskew(np.asarray(table_image()))
    tables, rules = find_tables(straight, DPI)
    clean = erase_rules(straight, rules, tables)
    assert clean[YS[3], 300] == 255 and straight[YS[3], 300] < 128  # a rule inside the table: gone
    assert clean[160, 600] == straight[160, 600] < 128  # the title's long stroke above it: kept


def test_a_box_without_character_boxes_is_split_evenly():
    straight, _ = deskew(np.asarray(table_image()))
    t = find_tables(straight, DPI)[0][0]
    rows, *_ = fill(t, [box("0802", 145, 480, 215, 510)])
    assert rows[3][1:3] == ["08", "02"]


def test_a_stray_dot_in_a_code_column_is_dropped():
    from juesuan.extract.scan import code_columns

    rows = [["类", "科目名称", "金额"], ["207", "文化旅游体育与传媒支出", "12.00"], ["20.7", "文化和旅游", "1.50"],
            ["208", "社会保障和就业支出", "3.00"], ["210", "卫生健康支出", "4.00"]]
    code_columns(rows)
    assert [r[0] for r in rows] == ["类", "207", "207", "208", "210"]
    assert [r[2] for r in rows][1:] == ["12.00", "1.50", "3.00", "4.00"]  # amounts keep their dots


def test_two_numbers_read_as_one_run_are_cut_at_the_rule():
    """"0.00" and "31003" in neighbouring cells read as one word "0.0031003" (no character boxes
    but the word's): cut by the characters' widths, each half in its own cell."""
    straight, _ = deskew(np.asarray(table_image()))
    t = find_tables(straight, DPI)[0][0]
    word = box("0.0031003", 690, 530, 840, 560)
    rows, *_ = fill(t, [box("0.0031003", 690, 530, 840, 560, (word,))])
    assert rows[4][4:6] == ["0.00", "31003"]


def test_a_cell_joins_chinese_runs_without_a_space():
    boxes = [box("维修", 0, 0, 50, 30), box("（护）", 60, 0, 120, 30), box("费", 0, 40, 25, 70)]
    assert cell_text(boxes) == "维修（护）\n费"
    assert text_lines(boxes) == ["维修 （护）", "费"]  # the page's text keeps the gap
    assert cell_text([box("2024", 0, 0, 50, 30), box("ABC", 60, 0, 120, 30)]) == "2024 ABC"


def test_a_box_inside_a_merged_cell_is_not_cut():
    """合计 spans the label columns of row 2: a run over their (unprinted) inner rules stays whole."""
    straight, _ = deskew(np.asarray(table_image()))
    t = find_tables(straight, DPI)[0][0]
    code = box("2080506", 120, 430, 260, 460, (box("2080506", 122, 430, 258, 460),))
    assert split(code, t) == [code]
    rows, *_ = fill(t, [code])
    assert rows[2][0] == "2080506"

"""Accuracy on generated DOCX reports: the same consistent synthetic reports as the PDF property test,
written as Word documents (merged header cells, 栏次 rows, caption paragraphs or captions inside the
table, landscape sections, tables cut into two Word tables), parsed with the real pipeline and
compared with what was written (line items, row names, facts, projects and their indicators).

JUESUAN_PROPERTY_N scales the number of seeds (default 15 here: half the PDF test's 30);
JUESUAN_PROPERTY_SEED0 sets the first one, JUESUAN_PROPERTY_MIX the variations (default "classic").
A failure prints the seed, both variations and the file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

from generator import choose_variation, generate_report, report_meta
from generator.compare import (assert_facts, assert_indicators, assert_line_items, assert_projects,
                               assert_row_names)
from generator.render_docx import choose_style, render_docx

N = max(1, int(os.environ.get("JUESUAN_PROPERTY_N", "30")) // 2)
SEED0 = int(os.environ.get("JUESUAN_PROPERTY_SEED0", "0"))
SEEDS = list(range(SEED0, SEED0 + N))
OUT = Path(os.environ.get("JUESUAN_PROPERTY_DIR", "/tmp/juesuan-property"))
MIX = os.environ.get("JUESUAN_PROPERTY_MIX", "classic")


@lru_cache(maxsize=None)
def parsed(seed: int, style_override: tuple = ()):
    """(expected report, variation, docx style, render log, path, parsed report or the exception)."""
    from juesuan.pipeline import parse_file

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"synthetic-{seed}{'' if MIX == 'classic' else '-' + MIX}{''.join(f'-{k}={v}' for k, v in style_override)}.docx"
    v, style = choose_variation(seed, mix=MIX), choose_style(seed, **dict(style_override))
    report = generate_report(seed, template=v.template, unit=v.unit)
    log = render_docx(report, v, path, style)
    try:
        got = parse_file(path, report_meta(report, path.name))
    except Exception as e:  # noqa: BLE001 - reported as the test failure, with the seed
        got = e
    return report, v, style, log, path, got


def context(seed: int, style_override: tuple = ()) -> str:
    _, v, style, log, path, _ = parsed(seed, style_override)
    return (f"\nseed {seed}: {v.describe()}\ndocx: {style.describe()}\ntables {log.tables}\ncuts {log.cuts}\n"
            f"file: {path}")


def parse_or_fail(seed: int, style_override: tuple = ()):
    report, *_, got = parsed(seed, style_override)
    if isinstance(got, Exception):
        pytest.fail(f"parse raised {type(got).__name__}: {got}{context(seed, style_override)}")
    return report, got


@pytest.mark.parametrize("seed", SEEDS)
def test_line_items(seed):
    report, got = parse_or_fail(seed)
    assert_line_items(report.line_items(), got.line_items, context(seed))
    assert_row_names(report.line_items(), got.line_items, context(seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_facts(seed):
    report, got = parse_or_fail(seed)
    assert_facts(report.facts, got.facts, context(seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_projects(seed):
    report, got = parse_or_fail(seed)
    assert_projects(report.projects, got.projects, context(seed))
    assert_indicators(report.indicators, got.indicators, context(seed))


@pytest.mark.parametrize("seed", SEEDS[:5])
def test_unit_conversion_is_recorded(seed):
    report, got = parse_or_fail(seed)
    assert got.meta.converted_from_yuan == (report.unit == "元"), context(seed)
    assert got.meta.format == "docx" and got.meta.unit == "万元"


STYLE_CASES = [(("caption", "table"),), (("caption", "lines"), ("unit_only", False)), (("page_break", "before"),),
               (("page_break", "flow"),), (("framed", True),), (("title_in_table", True),),
               (("split_tables", True), ("cut_on_page", False)), (("split_tables", True), ("cut_on_page", True)),
               (("split_cells", True),), (("tracked", True),)]


@pytest.mark.parametrize("override", STYLE_CASES, ids=lambda o: ",".join(f"{k}={v}" for k, v in o))
def test_each_docx_style(override):
    """Every way of writing the DOCX, forced on one seed each (whatever the seed range drew)."""
    seed = 1000 + STYLE_CASES.index(override)
    report, got = parse_or_fail(seed, override)
    assert_line_items(report.line_items(), got.line_items, context(seed, override))
    assert_projects(report.projects, got.projects, context(seed, override))


def test_docx_variations_occur():
    styles = [choose_style(s) for s in range(40)]
    for attr, values in [("caption", {"tabs", "lines", "table"}), ("page_break", {"run", "before", "flow"}),
                         ("framed", {True, False}), ("unit_only", {True, False}),
                         ("title_in_table", {True, False}), ("header_repeat", {True, False}),
                         ("split_tables", {True, False}), ("cut_on_page", {True, False}),
                         ("split_cells", {True, False}), ("tracked", {True, False})]:
        assert {getattr(s, attr) for s in styles} == values, attr


def test_rendering_is_deterministic(tmp_path):
    """Same seed, same tables and text (python-docx stamps core properties, so bytes may differ)."""
    from juesuan.extract.docx import extract_docx

    v = choose_variation(4, mix="classic")
    report = generate_report(4, v.template, v.unit)
    docs = []
    for name in ("a.docx", "b.docx"):
        render_docx(report, v, tmp_path / name)
        d = extract_docx(tmp_path / name)
        docs.append(([p.text for p in d.pages], [g.rows for g in d.grids()]))
    assert docs[0] == docs[1]

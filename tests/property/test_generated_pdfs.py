"""Accuracy on documents nobody has seen: generate a consistent report, print it to PDF in a random
variation (font, 元/万元, separators, page cuts, alias titles, code columns, 9- or 13-table set…),
parse it with the real pipeline and compare with what was printed.

JUESUAN_PROPERTY_N (default 30) sets how many seeds; JUESUAN_PROPERTY_SEED0 the first one;
JUESUAN_PROPERTY_MIX which variations (default "classic": the families these tests were written
for; "all" adds the real-world families of test_generated_families.py at random).
A failure prints the seed, the variation and a reproduction command."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pytest

from generator import choose_variation, generate_report, make_document, render_pdf, report_meta
from generator.compare import (assert_facts, assert_indicators, assert_line_items, assert_projects,
                               assert_row_names)
from generator.identities import check_identities
from generator.variations import available_fonts

N = int(os.environ.get("JUESUAN_PROPERTY_N", "30"))
SEED0 = int(os.environ.get("JUESUAN_PROPERTY_SEED0", "0"))
SEEDS = list(range(SEED0, SEED0 + N))
OUT = Path(os.environ.get("JUESUAN_PROPERTY_DIR", "/tmp/juesuan-property"))
MIX = os.environ.get("JUESUAN_PROPERTY_MIX", "classic")


@lru_cache(maxsize=None)
def parsed(seed: int):
    """(expected report, variation, render log, parsed report or the exception raised)."""
    from juesuan.pipeline import parse_file

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"synthetic-{seed}{'' if MIX == 'classic' else '-' + MIX}.pdf"
    report, v, log = make_document(seed, path, mix=MIX)
    try:
        got = parse_file(path, report_meta(report, path.name))
    except Exception as e:  # noqa: BLE001 - reported as the test failure, with the seed
        got = e
    return report, v, log, got


def context(seed: int) -> str:
    report, v, log, _ = parsed(seed)
    return (f"\nseed {seed}: {v.describe()}\npages {log.pages}\ncuts {log.cuts}\n"
            f"reproduce: JUESUAN_GENERATOR_MIX={MIX} .venv/bin/python scripts/gen_corpus.py --seed {seed} --out /tmp/repro "
            f"(PDF at /tmp/repro/…/{report.meta['year']}/)")


def parse_or_fail(seed: int):
    report, v, log, got = parsed(seed)
    if isinstance(got, Exception):
        pytest.fail(f"parse raised {type(got).__name__}: {got}{context(seed)}")
    return report, got


# ------------------------------------------------------------------ the parser, on generated PDFs


@pytest.mark.parametrize("seed", SEEDS)
def test_line_items(seed):
    report, got = parse_or_fail(seed)
    assert_line_items(report.line_items(), got.line_items, context(seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_row_names(seed):
    report, got = parse_or_fail(seed)
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


@pytest.mark.parametrize("seed", SEEDS[:10])
def test_unit_conversion_is_recorded(seed):
    report, got = parse_or_fail(seed)
    assert got.meta.converted_from_yuan == (report.unit == "元"), context(seed)
    assert got.meta.unit == "万元"


# ------------------------------------------------------------------ the generator itself


def test_generated_reports_satisfy_every_identity():
    for seed in range(150):
        v = choose_variation(seed, mix="classic")
        report = generate_report(seed, v.template, v.unit)
        assert check_identities(report.line_items()) == [], f"seed {seed}"


def test_identity_check_catches_a_changed_cell():
    items = generate_report(3, "sichuan13", "万元").line_items()
    i = next(k for k, x in enumerate(items) if x.table == "general_budget" and len(x.row_code) == 7)
    items[i] = replace(items[i], value=items[i].value + Decimal("0.01"))
    assert check_identities(items)


def test_both_templates_units_and_layouts_occur():
    vs = [choose_variation(s, mix="classic") for s in range(40)]
    for attr, values in [("template", {"sichuan13", "national9"}), ("unit", {"万元", "元"}),
                         ("code_style", {"merged", "split", "single"}), ("commas", {True, False}),
                         ("cont_title", {"续表", "same", "none"}), ("rules", {"all", "horizontal", "none"})]:
        assert {getattr(v, attr) for v in vs} == values, attr


def test_national_set_has_its_own_tables():
    report = generate_report(11, "national9", "万元")
    assert "general_budget_detail" not in report.tables and "three_public" in report.tables
    assert len([t for t in report.tables if t not in ("agency_operating_expense", "government_procurement")]) == 9


def test_generation_is_deterministic_and_fast(tmp_path):
    import time
    t0 = time.perf_counter()
    make_document(7, tmp_path / "a.pdf")
    elapsed = time.perf_counter() - t0
    make_document(7, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert elapsed < 2.0  # well under a second on a quiet machine


@pytest.mark.parametrize("font,mix", [(f, "classic") for f in available_fonts()] + [("STSong-Light", "all")])
def test_every_printed_cell_is_extractable(tmp_path, font, mix):
    """Every value printed in a table is found by pdfplumber on that table's pages, in every font."""
    v = choose_variation(5, mix=mix, font=font, fake_bold=False)
    report = generate_report(5, v.template, v.unit)
    log = render_pdf(report, v, tmp_path / "x.pdf")
    with pdfplumber.open(tmp_path / "x.pdf") as pdf:
        text = {n: (pdf.pages[n - 1].extract_text() or "").replace(" ", "") for ps in log.pages.values()
                for n in ps}
    for t in report.tables.values():
        pages = "".join(text[n] for n in log.pages[t.id])
        assert t.id and (t.headers_only or pages)
        for item in report.line_items():
            if item.table == t.id:
                printed = f"{item.value / report.scale / 100:{',' if v.commas else ''}.2f}"
                assert printed in pages, (font, t.id, item)

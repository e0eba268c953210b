"""Comparison pages (issue 11): every function and economic code printed by two reports or
more has a page listing each agency and year; rankings with per-staff figures only where
staff are printed; region index; every table sortable with its CSV (BOM, exact amounts)."""

from __future__ import annotations

import csv
import dataclasses
import json
import random

import pytest

from juesuan.package.writer import write_package
from juesuan.render import compare
from juesuan.render.compare_pages import write_compare
from juesuan.render.fragments import INDEX, PATTERN
from juesuan.render.load import load_corpus
from juesuan.render.model import build_corpus
from juesuan.render.samples import synthetic_report


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("packages")
    for index, year in [(1, 2023), (1, 2024), (2, 2024), (3, 2024)]:
        r = synthetic_report(random.Random(index * 7 + year), index, year)
        if index == 3:  # prints no staff count: no per-staff figure
            r = dataclasses.replace(r, facts=[f for f in r.facts if f.metric != "staff_on_post"])
        write_package(r, root / r.meta.slug / str(year))
    return build_corpus(load_corpus(root))


def test_pages_for_every_code_in_two_reports(corpus, tmp_path):
    write_compare(corpus, tmp_path)
    for kind in ("function", "economic"):
        codes = compare.codes(corpus, kind)
        assert codes
        for code, c in codes.items():
            page = tmp_path / "compare" / kind / code / "index.md"
            assert page.exists() == (c.reports >= compare.MIN_REPORTS), (kind, code, c.reports)


def test_code_page_lists_each_report_with_amounts_and_csv(corpus, tmp_path):
    write_compare(corpus, tmp_path)
    c = compare.codes(corpus, "function")["2080505"]  # every synthetic report prints it
    folder = tmp_path / "compare" / "function" / "2080505"
    text = (folder / "index.md").read_text("utf-8")
    assert text.startswith("---\ntitle: \"2080505 ") and "上级：" in text
    raw = (folder / "2080505.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == c.reports == len(corpus.packages)
    by_key = {(r["slug"], r["年度"]): r["合计"] for r in rows}
    for p in corpus.packages:
        assert by_key[(p.slug, str(p.year))] == str(p.cell("expenditure", "2080505", "total"))
    fragments = json.loads((folder / "index.fragments.json").read_text("utf-8"))
    table = next(iter(fragments.values()))
    assert "jc-sortable" in table and 'data-v="' in table and "2080505.csv" in table
    # the table's words reach the search index (the hook drops them from the page)
    assert INDEX.search(text) and PATTERN.search(text)


def test_rankings_per_staff_only_where_staff_printed(corpus):
    rows = compare.ranking(corpus, "three_public", "three_public_budget")
    assert len(rows) == len(corpus.packages)
    assert [r["amount"] for r in rows] == sorted((r["amount"] for r in rows), reverse=True)
    for r in rows:
        staff = corpus.h(r["pkg"])["staff"]
        assert (r["per_staff"] is None) == (staff is None)
        if staff:
            assert abs(r["per_staff"] - r["amount"] / staff) < 0.0001


def test_regions_and_index_pages(corpus, tmp_path):
    n = write_compare(corpus, tmp_path)
    assert n >= 5
    regions = (tmp_path / "compare" / "regions" / "index.md").read_text("utf-8")
    for slug in corpus.by_agency:
        assert corpus.latest(slug).region[0] in regions
    index = (tmp_path / "compare" / "index.md").read_text("utf-8")
    assert "three-public/index.md" in index and "regions/index.md" in index
    assert (tmp_path / "compare" / "three-public" / "three-public.csv").exists()

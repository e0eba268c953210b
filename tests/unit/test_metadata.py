"""Metadata guessed from the document, against the golden metadata.yaml in every form."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

from juesuan.models import ExtractedDocument, Page
from juesuan.normalize.metadata import guess_metadata, region_of, sector_of

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
KEYS = ("agency", "region", "sector", "year", "kind", "published", "template")


def _load(seed: str, form: str) -> ExtractedDocument:
    if form == "text":
        from juesuan.extract.text import extract_text
        return extract_text(GOLDEN / f"{seed}.txt")
    if form == "pdf":
        from juesuan.extract.pdf import extract_pdf
        return extract_pdf(GOLDEN / seed / f"{seed}.pdf")
    from juesuan.extract.docx import extract_docx
    return extract_docx(GOLDEN / seed / f"{seed}.docx")


@cache
def _guess(seed: str, form: str) -> dict:
    return guess_metadata(_load(seed, form))


CASES = [(s, f) for s in ("000_cecd3edf739872c0", "004_e4eb685f5dbf33b3")
         for f in ("text", "pdf", "docx")
         if f != "docx" or (GOLDEN / s / f"{s}.docx").exists()]


@pytest.mark.parametrize("seed,form", CASES)
def test_guess_matches_golden(seed, form):
    expected = yaml.safe_load((GOLDEN / seed / "expected" / "metadata.yaml").read_text("utf-8"))
    if isinstance(expected.get("published"), date):
        expected["published"] = expected["published"].isoformat()
    got = _guess(seed, form)
    assert {k: got[k] for k in KEYS} == {k: expected[k] for k in KEYS}


def _doc(text: str, fmt: str = "text") -> ExtractedDocument:
    return ExtractedDocument(Path("x.txt"), fmt, "", 1, [Page(None, text)])


def test_cover_kind_wins_over_body_headings():
    text = ("2024 年度\n\n某市某某局\n\n单位决算\n\n目录\n公开时间：2025年1月5日\n"
            "第二部分 2024年度部门决算情况说明\n第二部分 2024年度部门决算情况说明")
    got = guess_metadata(_doc(text))
    assert got["kind"] == "单位决算" and got["year"] == 2024
    assert got["published"] == "2025-01-05"
    assert got["agency"] == "某市某某局"


def test_agency_and_kind_from_body_without_cover():
    text = ("第一部分 部门概况\n1.成都市锦江区教育局属于一级预算单位。\n第二部分 2022年度部门决算情况说明\n"
            "十、其他重要事项的情况说明\n2022年度，成都市锦江区教育局机关运行经费支出10万元。")
    got = guess_metadata(_doc(text))
    assert got["agency"] == "成都市锦江区教育局"
    assert got["region"] == ["四川省", "成都市", "锦江区"]
    assert got["sector"] == "教育" and got["year"] == 2022 and got["kind"] == "部门决算"
    assert got["published"] is None


def test_regions():
    assert region_of("重庆市渝北区公安分局") == ["重庆市", "重庆市", "渝北区"]
    assert region_of("上海市普陀区财政局") == ["上海市", "上海市", "普陀区"]
    assert region_of("达州市渠县财政局") == ["四川省", "达州市", "渠县"]
    assert region_of("四川省财政厅") == ["四川省"]
    assert region_of("某某市公安局", "项目编码 51170324T000010698898") == ["四川省", "某某市"]
    assert region_of("国家统计局") == []


def test_sectors():
    assert sector_of("遂宁市公安局安居区分局") == "公安"
    assert sector_of("达州市达川区人民医院") == "卫生健康"
    assert sector_of("某某研究所") == ""

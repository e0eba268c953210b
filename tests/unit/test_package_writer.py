"""The data package contract: valid Frictionless, deterministic, atomic."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import Package, validate

from juesuan.models import Fact, Indicator, LineItem, Project, Report, ReportMeta, Statement, TableInfo
from juesuan.package import writer
from juesuan.paths import slugify

D = Decimal


def sample_report() -> Report:
    meta = ReportMeta(agency="测试市测试局", region=["四川省", "测试市"], sector="公安", year=2024,
                      kind="部门决算", published="2025-09-01", source_file="x.pdf", sha256="ab" * 32,
                      page_count=3, format="pdf", slug=slugify("测试市测试局"))
    items = [
        LineItem("income", "", "", "合计", "total", D("30.00"), 2),
        LineItem("income", "", "204", "公共安全支出", "total", D("30.00"), 2),
        LineItem("income_expenditure_summary", "income", "general_budget", "一般公共预算财政拨款收入", "amount", D("1,0".replace(",", "")), 1),
        LineItem("income_expenditure_summary", "expenditure", "204", "公共安全支出", "amount", D("10"), 1),
        LineItem("general_budget_detail", "", "", "合计", "30101", D("5.5"), 3),
    ]
    return Report(
        meta=meta, line_items=items,
        facts=[Fact("income_total", D("30.00"), "万元", "本年收入合计30.00万元", 1)],
        projects=[Project("P1", "项目一", D("1"), D("2"), D("2"), D("100.00"), D("95"), 2)],
        indicators=[Indicator("P1", "产出指标", "数量指标", "次数", "≥", "5", "次", "6次", D("20"), D("20"), 2)],
        tables=[TableInfo("income", "收入决算表", (2,), "财决公开02表", 2)],
        statements=[
            Statement("figure", "income_total", D("30.00"), "万元", "本年收入合计30.00万元", 1, "二、收入决算情况说明"),
            Statement("glossary", "glossary_entry", None, "", "公共安全支出（类）公安（款）行政运行（项）", 2,
                      "第三部分名词解释", "2040201"),
        ],
    )


def test_package_validates_and_has_every_resource(tmp_path: Path) -> None:
    out = writer.write_package(sample_report(), tmp_path / "pkg")
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    desc = json.loads((out / "datapackage.json").read_text("utf-8"))
    names = {r["name"] for r in desc["resources"]}
    assert {"line_items", "facts", "statements", "projects", "indicators", "tables", "checks", "problems",
            "table_income", "table_income_expenditure_summary", "table_general_budget_detail"} <= names
    assert desc["juesuan"]["report"]["agency"] == "测试市测试局"
    for r in desc["resources"]:
        assert r["schema"]["fields"], r["name"]
    wide = (out / "tables" / "income_expenditure_summary.csv").read_text("utf-8").splitlines()
    assert wide[0] == "section,row_code,row_name,amount"
    assert "income,general_budget,一般公共预算财政拨款收入,10" in wide


def test_output_is_byte_identical(tmp_path: Path) -> None:
    a = writer.write_package(sample_report(), tmp_path / "a")
    b = writer.write_package(sample_report(), tmp_path / "b")
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_invalid_data_fails_validation(tmp_path: Path) -> None:
    rep = sample_report()
    rep.line_items.append(rep.line_items[0])  # duplicate primary key
    out = writer.write_package(rep, tmp_path / "pkg")
    assert not validate(out / "datapackage.json").valid


def test_failed_write_leaves_previous_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = writer.write_package(sample_report(), tmp_path / "pkg")
    before = (out / "line_items.csv").read_bytes()

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer, "build_files", lambda *a, **k: {"line_items.csv": "x", "datapackage.json": boom()})
    with pytest.raises(RuntimeError):
        writer.write_package(sample_report(), out)
    assert (out / "line_items.csv").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_decimal_formatting() -> None:
    assert writer.fmt(D("1587.22")) == "1587.22"
    assert writer.fmt(D("0.0001587")) == "0.0001587"
    assert writer.fmt(D("1E+3")) == "1000"
    assert writer.fmt(None) == ""


def test_slugs_are_stable_ascii() -> None:
    assert slugify("达州市公安局达川区分局") == "dazhoushi-gonganju-dachuanqu-fenju"
    assert slugify("遂宁市公安局安居区分局") == "suiningshi-gonganju-anjuqu-fenju"
    assert slugify("四川省教育厅").isascii()

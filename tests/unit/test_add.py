"""`juesuan add`: files a report with a valid report.yml, refuses duplicates, rolls back."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from juesuan import runner_exec
from juesuan.cli import app
from juesuan.commands import add as add_mod
from juesuan.meta import load_report_yml
from juesuan.models import LineItem, Report, ReportMeta, TableInfo
from juesuan.paths import slugify

TEXT = "测试市测试局2024年度部门决算\n\n一、收入支出决算总体情况说明\n本年收入合计 12.50 万元。财政拨款 收入支出\n"
cli = CliRunner()


def fake_parse(task):
    text = Path(task.source).read_text("utf-8")
    if "无法解析" in text:
        from juesuan.errors import NotADisclosure
        raise NotADisclosure(task.source, "不是决算 (not a disclosure)", page=1)
    g = task.given
    meta = ReportMeta(agency=g["agency"], region=g.get("region") or [], sector=g.get("sector", ""),
                      year=g["year"], kind=g.get("kind", "部门决算"), slug=slugify(g["agency"]),
                      source_file=g["source"])
    return Report(meta=meta, line_items=[LineItem("income", "", "", "合计", "total", Decimal("12.50"), 1)],
                  tables=[TableInfo("income", "收入决算表", (1,), "", 1)])


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "data" / "reports").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(runner_exec, "_parse", fake_parse)
    monkeypatch.setattr("juesuan.pipeline.run_audit", lambda report, root: [])
    return tmp_path


def source(tmp_path: Path, text: str = TEXT, name: str = "报告 2024.txt") -> Path:
    p = tmp_path / "incoming" / name
    p.parent.mkdir(exist_ok=True)
    p.write_text(text, "utf-8")
    return p


def test_add_files_report_yml_and_package(repo):
    f = source(repo)
    res = cli.invoke(app, ["add", str(f), "--url", "https://example.gov.cn/a.pdf",
                           "--region", "四川省,测试市", "--sector", "公安"])
    assert res.exit_code == 0, res.output
    target = repo / "data/reports" / slugify("测试市测试局") / "2024"
    meta, src = load_report_yml(target)
    assert meta["agency"] == "测试市测试局" and meta["year"] == 2024 and meta["kind"] == "部门决算"
    assert meta["region"] == ["四川省", "测试市"] and meta["url"] == "https://example.gov.cn/a.pdf"
    assert meta["sha256"] == hashlib.sha256(f.read_bytes()).hexdigest() and meta["retrieved"]
    assert src.read_bytes() == f.read_bytes() and " " not in src.name
    assert (repo / "data/packages" / slugify("测试市测试局") / "2024" / "datapackage.json").exists()
    assert "1 张表 tables (income)" in res.output and "findings" in res.output


def test_same_file_twice_refused_with_how_to_replace(repo):
    f = source(repo)
    assert cli.invoke(app, ["add", str(f)]).exit_code == 0
    res = cli.invoke(app, ["add", str(f)])
    assert res.exit_code == 2 and "already" in res.output and "--replace" in res.output
    renamed = source(repo, name="copy.txt")
    res = cli.invoke(app, ["add", str(renamed), "--agency", "别的局", "--year", "2023"])
    assert res.exit_code == 2 and "git rm -r" in res.output, "same bytes under another agency"


def test_second_report_same_agency_year_refused_then_replaced(repo):
    assert cli.invoke(app, ["add", str(source(repo))]).exit_code == 0
    newer = source(repo, TEXT + "更正版\n", name="corrected.txt")
    res = cli.invoke(app, ["add", str(newer)])
    assert res.exit_code == 2 and "agency and year" in res.output and "--replace" in res.output
    res = cli.invoke(app, ["add", str(newer), "--replace"])
    assert res.exit_code == 0, res.output
    folder = repo / "data/reports" / slugify("测试市测试局") / "2024"
    assert sorted(p.name for p in folder.iterdir()) == ["corrected.txt", "report.yml"]


def test_unparseable_report_leaves_nothing_and_replace_restores(repo):
    good = source(repo)
    assert cli.invoke(app, ["add", str(good)]).exit_code == 0
    folder = repo / "data/reports" / slugify("测试市测试局") / "2024"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    bad = source(repo, TEXT + "无法解析\n", name="bad.txt")
    res = cli.invoke(app, ["add", str(bad), "--replace"])
    assert res.exit_code == 2 and "not added" in res.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    other = source(repo, "某某局2022年度部门决算 无法解析", name="other.txt")
    assert cli.invoke(app, ["add", str(other)]).exit_code == 2
    assert not (repo / "data/reports" / slugify("某某局")).joinpath("2022").exists()


def test_overrides_and_missing_guess(repo):
    f = source(repo, "没有标题的文字\n")
    res = cli.invoke(app, ["add", str(f)])
    assert res.exit_code == 2 and "--agency" in res.output
    res = cli.invoke(app, ["add", str(f), "--agency", "另一个局", "--year", "2021", "--kind", "单位决算"])
    assert res.exit_code == 0, res.output
    meta = yaml.safe_load((repo / "data/reports" / slugify("另一个局") / "2021" / "report.yml").read_text("utf-8"))
    assert meta["kind"] == "单位决算" and meta["year"] == 2021
    res = cli.invoke(app, ["add", str(source(repo, name="x.txt")), "--kind", "预算"])
    assert res.exit_code == 2 and "kind" in res.output


def test_unreadable_file_refused_before_copy(repo):
    empty = source(repo, "", name="empty.txt")
    res = cli.invoke(app, ["add", str(empty)])
    assert res.exit_code == 2
    assert list((repo / "data/reports").iterdir()) == []


def test_safe_name():
    assert add_mod.safe_name("../../etc/passwd") == "passwd"
    assert add_mod.safe_name(".hidden report.pdf") == "hidden_report.pdf"
    assert add_mod.safe_name("达州市 2024 决算.pdf") == "达州市_2024_决算.pdf"

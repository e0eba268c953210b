"""Agency identity is the full name and the region, never the pinyin slug: the homophone pairs
苏州/宿州, 泰州/台州, 福州/抚州 share a slug but never a folder, a previous year, a page or a
``--replace``; report folders must agree with report.yml; any file name works."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from juesuan import runner_exec
from juesuan.audit.previous import load_previous
from juesuan.cli import app
from juesuan.errors import BadMetadata
from juesuan.meta import load_report_yml
from juesuan.models import LineItem, Report, ReportMeta, TableInfo
from juesuan.paths import readable, same_agency, slug_candidates, slugify
from juesuan.render.load import Package
from juesuan.render.model import build_corpus

cli = CliRunner()
PAIRS = [  # (name, region) × 2, one pinyin slug
    (("苏州市财政局", ["江苏省", "苏州市"]), ("宿州市财政局", ["安徽省", "宿州市"])),
    (("泰州市财政局", ["江苏省", "泰州市"]), ("台州市财政局", ["浙江省", "台州市"])),
    (("福州市教育局", ["福建省", "福州市"]), ("抚州市教育局", ["江西省", "抚州市"])),
]


def fake_parse(task):
    g = task.given
    meta = ReportMeta(agency=g["agency"], region=g.get("region") or [], sector=g.get("sector", ""),
                      year=g["year"], kind=g.get("kind", "部门决算"), slug=g.get("slug") or slugify(g["agency"]),
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


def add(repo: Path, name: str, region: list[str], year: int, *extra: str, body: str = ""):
    f = repo / "incoming" / f"{slugify(name)}-{year}{body and '-' + str(abs(hash(body)))}.txt"
    f.parent.mkdir(exist_ok=True)
    f.write_text(f"{name}{year}年度部门决算\n{body}\n", "utf-8")
    return cli.invoke(app, ["add", str(f), "--agency", name, "--year", str(year),
                            "--region", ",".join(region), *extra])


def folder_of(repo: Path, name: str, year: int) -> Path:
    [yml] = [p for p in (repo / "data/reports").glob(f"*/{year}/report.yml")
             if yaml.safe_load(p.read_text("utf-8"))["agency"] == name]
    return yml.parent


@pytest.mark.parametrize("first, second", PAIRS)
def test_homophones_get_their_own_slug_and_package(repo, first, second):
    assert slugify(first[0]) == slugify(second[0]), "the pair really shares a pinyin slug"
    for (name, region), year in ((first, 2023), (first, 2024), (second, 2024)):
        res = add(repo, name, region, year)
        assert res.exit_code == 0, res.output  # 宿州 2024 is not refused as "already there"
        assert "--replace" not in res.output
    a, b = folder_of(repo, first[0], 2024), folder_of(repo, second[0], 2024)
    assert a.parent.name == slugify(first[0])
    assert b.parent.name != a.parent.name and b.parent.name.startswith(slugify(second[1][0]))
    assert (repo / "data/packages" / b.parent.name / "2024" / "datapackage.json").exists()
    for folder, (name, _) in ((a, first), (b, second)):
        meta, _ = load_report_yml(folder)
        assert meta["agency"] == name and meta["slug"] == folder.parent.name


def test_replace_never_targets_another_agencys_report(repo):
    (su, su_region), (su2, su2_region) = PAIRS[0]
    assert add(repo, su, su_region, 2024).exit_code == 0
    assert add(repo, su2, su2_region, 2024, "--replace").exit_code == 0
    assert load_report_yml(folder_of(repo, su, 2024))[0]["agency"] == su, "苏州's report still there"
    res = add(repo, su2, su2_region, 2024, "--slug", slugify(su))
    assert res.exit_code == 2 and "another agency" in res.output and "--replace" not in res.output
    assert f"--slug {slugify(su2_region[0])}-{slugify(su2)}" in res.output
    res = add(repo, su2, su2_region, 2024, body="更正版")  # the same agency again: replace is offered
    assert res.exit_code == 2 and "--replace" in res.output
    assert add(repo, su2, su2_region, 2024, "--replace", body="更正版").exit_code == 0
    assert load_report_yml(folder_of(repo, su, 2024))[0]["agency"] == su


def test_add_slug_option(repo):
    res = add(repo, "测试市测试局", ["四川省"], 2024, "--slug", "ceshi-ju")
    assert res.exit_code == 0, res.output
    assert (repo / "data/reports/ceshi-ju/2024/report.yml").exists()
    res = add(repo, "另一个局", [], 2024, "--slug", "Not A Slug")
    assert res.exit_code == 2 and "--slug" in res.output


def test_same_name_in_two_regions_is_two_agencies():
    assert same_agency("朝阳区财政局", ["北京市"], "朝阳区财政局", ["北京市", "朝阳区"])
    assert same_agency("朝阳区财政局", [], "朝阳区财政局", ["吉林省"])
    assert not same_agency("朝阳区财政局", ["北京市"], "朝阳区财政局", ["吉林省", "长春市"])
    assert not same_agency("苏州市财政局", [], "宿州市财政局", [])
    assert same_agency("苏州市 财政局", ["江苏省"], "苏州市财政局", ["江苏省"])  # spacing
    cands = list(slug_candidates("宿州市财政局", ["安徽省", "宿州市"]))[:4]
    assert cands == ["suzhoushi-caizhengju", "anhuisheng-suzhoushi-caizhengju",
                     "anhuisheng-suzhoushi-suzhoushi-caizhengju", "suzhoushi-caizhengju-2"]


# ---------------------------------------------------------------- folders agree with report.yml


def placed(repo: Path, folder: str, year: str, text: str) -> Path:
    d = repo / "data" / "reports" / folder / year
    d.mkdir(parents=True)
    (d / "r.txt").write_text("决算", "utf-8")
    (d / "report.yml").write_text(text, "utf-8")
    return d


def refused(d: Path) -> str:
    with pytest.raises(BadMetadata) as info:
        load_report_yml(d)
    assert "\n" not in str(info.value)
    return str(info.value)


def test_folder_slug_and_year_must_agree(tmp_path):
    su = "agency: 苏州市财政局\nregion: [江苏省, 苏州市]\nyear: 2024\nsource: r.txt\n"
    line = refused(placed(tmp_path, "suzhou", "2024", su))
    assert "git mv data/reports/suzhou data/reports/suzhoushi-caizhengju" in line and "slug: suzhou" in line
    line = refused(placed(tmp_path, "suzhoushi-caizhengju", "2023", su))
    assert "git mv data/reports/suzhoushi-caizhengju/2023 data/reports/suzhoushi-caizhengju/2024" in line
    given = su + "slug: su-zhou\n"
    assert "correct slug" in refused(placed(tmp_path, "suzhou2", "2024", given))
    load_report_yml(placed(tmp_path, "su-zhou", "2024", given))  # folder = slug: fine


def test_a_homophone_filed_in_another_agencys_folder_is_refused(tmp_path):
    slug = "suzhoushi-caizhengju"
    mine = placed(tmp_path, slug, "2023", "agency: 苏州市财政局\nregion: [江苏省, 苏州市]\nyear: 2023\nsource: r.txt\n")
    theirs = placed(tmp_path, slug, "2024",
                    "agency: 宿州市财政局\nregion: [安徽省, 宿州市]\nyear: 2024\nsource: r.txt\n")
    line = refused(theirs)
    assert "苏州市财政局" in line and "git mv data/reports/suzhoushi-caizhengju/2024 " \
        "data/reports/anhuisheng-suzhoushi-caizhengju/2024" in line
    assert "slug: anhuisheng-suzhoushi-caizhengju" in line
    assert load_report_yml(mine)[0]["agency"] == "苏州市财政局", "the folder's own agency goes on building"


def test_report_folder_symlinked_out_of_the_repository_is_refused(tmp_path):
    outside = tmp_path / "elsewhere" / "2024"
    outside.mkdir(parents=True)
    (outside / "r.txt").write_text("决算", "utf-8")
    (outside / "report.yml").write_text("agency: 苏州市财政局\nyear: 2024\nsource: r.txt\n", "utf-8")
    agency = tmp_path / "repo" / "data" / "reports" / "suzhoushi-caizhengju"
    agency.mkdir(parents=True)
    (agency / "2024").symlink_to(outside, target_is_directory=True)
    assert "symbolic link" in refused(agency / "2024")
    other = tmp_path / "repo" / "data" / "reports" / "suzhoushi-caizhengju-2"
    other.symlink_to(outside.parent, target_is_directory=True)
    assert "symbolic link" in refused(other / "2024")


# ---------------------------------------------------------------- the previous year follows identity


def package(root: Path, slug: str, year: int, agency: str, region: list[str]) -> Path:
    folder = root / slug / str(year)
    folder.mkdir(parents=True)
    desc = {"juesuan": {"report": {"agency": agency, "region": region, "year": year}}}
    (folder / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), "utf-8")
    (folder / "facts.csv").write_text("metric,value,unit,quote\nthree_public_total,10.00,万元,q\n", "utf-8")
    return folder


def test_previous_year_audit_follows_identity_not_the_slug(tmp_path):
    slug = "suzhoushi-caizhengju"
    package(tmp_path, slug, 2023, "苏州市财政局", ["江苏省", "苏州市"])
    su2 = ReportMeta(agency="宿州市财政局", region=["安徽省", "宿州市"], sector="", year=2024,
                     kind="部门决算", slug=slug)
    assert load_previous(su2, tmp_path) is None, "another city's package is never compared"
    su = ReportMeta(agency="苏州市财政局", region=["江苏省"], sector="", year=2024, kind="部门决算", slug=slug)
    prev = load_previous(su, tmp_path)
    assert prev is not None and prev.facts["three_public_total"] == Decimal("10.00")
    (tmp_path / slug / "2023" / "datapackage.json").unlink()
    assert load_previous(su, tmp_path) is None, "no descriptor, no identity: not compared"


def test_site_previous_and_next_follow_identity(tmp_path):
    slug = "suzhoushi-caizhengju"
    pkgs = []
    for year, agency, region in ((2022, "苏州市财政局", ["江苏省"]), (2023, "宿州市财政局", ["安徽省"]),
                                 (2024, "苏州市财政局", ["江苏省", "苏州市"])):
        path = package(tmp_path, slug, year, agency, region)
        pkgs.append(Package(path=path, descriptor={}, meta={"agency": agency, "region": region, "year": year}))
    corpus = build_corpus(pkgs)
    assert corpus.previous(pkgs[2]) is pkgs[0] and corpus.next(pkgs[0]) is pkgs[2]
    assert corpus.previous(pkgs[1]) is None and corpus.next(pkgs[1]) is None


# ---------------------------------------------------------------- any file name


def test_file_names_that_are_not_utf8(tmp_path):
    gbk = os.fsdecode("报告2024".encode("gbk") + b".txt")
    assert readable(gbk) == "报告2024.txt"
    assert readable(os.fsdecode(b"\xff\xfe.pdf")) == "\ufffd\ufffd.pdf"
    assert readable("a\n::warning::x.pdf") == "a\\x0a::warning::x.pdf"
    from juesuan.commands.add import safe_name
    assert safe_name(gbk) == "报告2024.txt"
    from juesuan.errors import UnreadableDocument
    assert "报告2024.txt" in UnreadableDocument(tmp_path / gbk, "x").line()


def test_parse_reads_a_file_whose_name_is_not_utf8(tmp_path):
    seed = Path(__file__).resolve().parents[2] / "data/reports/suiningshi-gonganju-anjuqu-fenju/2023"
    src = next(p for p in seed.iterdir() if p.suffix == ".txt")
    name = tmp_path / os.fsdecode("报告2023".encode("gbk") + b".txt")
    name.write_bytes(src.read_bytes())
    res = cli.invoke(app, ["parse", str(name), "--out", str(tmp_path / "pkg")])
    assert res.exit_code == 0, res.output
    desc = json.loads((tmp_path / "pkg" / "datapackage.json").read_text("utf-8"))
    assert desc["juesuan"]["report"]["source_file"] == "报告2023.txt"


def test_a_source_whose_name_on_disk_is_gbk_is_named_with_the_fix(tmp_path):
    d = tmp_path / "data" / "reports" / "ceshishi-ceshiju" / "2024"
    d.mkdir(parents=True)
    (d / os.fsdecode("报告".encode("gbk") + b".txt")).write_text("决算", "utf-8")
    (d / "report.yml").write_text("agency: 测试市测试局\nyear: 2024\nsource: 报告.txt\n", "utf-8")
    line = refused(d)
    assert "not UTF-8" in line and "rename it to '报告.txt'" in line


def test_without_a_region_the_homophone_gets_a_number(repo):
    assert slugify("甲乙局") == slugify("贾乙局") == "jiayiju"  # no region to tell them apart
    assert add(repo, "甲乙局", [], 2024).exit_code == 0
    assert add(repo, "贾乙局", [], 2024).exit_code == 0
    assert folder_of(repo, "贾乙局", 2024).parent.name == "jiayiju-2"
    assert add(repo, "贾乙局", [], 2023).exit_code == 0  # the same agency again: its own folder
    assert folder_of(repo, "贾乙局", 2023).parent.name == "jiayiju-2"

"""The province split (issue 11): one site per province plus the national index."""

from __future__ import annotations

import dataclasses
import random

from juesuan.package.writer import write_package
from juesuan.paths import Layout
from juesuan.render.sample_site import make_site_repo
from juesuan.render.samples import synthetic_report
from juesuan.site_workers import (NO_PROVINCE, _config_text, build_split, province_code, province_codes,
                                  provinces)

REPO_CFG = """site_name: 决算公开数据
site_url: !ENV [JUESUAN_SITE_URL, "https://example.org/juesuan/"]
docs_dir: docs
nav:
  - 首页: index.md
  - 单位: agencies/index.md
"""


def test_province_codes_are_the_31_provinces():
    codes = province_codes()
    mainland = [c for c in codes.values() if int(c) < 70]  # 71 台湾, 81 香港, 82 澳门 after them
    assert len(mainland) == 31 and codes["四川省"] == "51" and codes["上海市"] == "31"
    assert province_code(NO_PROVINCE) == "00" and province_code("四川省") == "51"
    assert province_code("火星省").startswith("x-") and province_code("火星省").isascii()


def test_config_of_one_site(monkeypatch):
    monkeypatch.delenv("JUESUAN_SITE_URL", raising=False)
    text = _config_text(REPO_CFG, "四川省", "51", None)
    assert "site_name: 决算公开数据 · 四川省" in text
    assert 'site_url: "https://example.org/juesuan/51/"' in text
    assert "agencies/index.md" in text
    national = _config_text(REPO_CFG, "", "", [("首页", "index.md"), ("数据", "data/index.md")])
    assert 'site_url: "https://example.org/juesuan/"' in national
    assert "agencies" not in national and "  - 数据: data/index.md\n" in national
    monkeypatch.setenv("JUESUAN_SITE_URL", "https://x.cn")
    assert 'site_url: "https://x.cn/44/"' in _config_text(REPO_CFG, "广东省", "44", None)


def test_split_renders_each_province_with_only_its_reports(tmp_path):
    from pathlib import Path

    layout = make_site_repo(tmp_path / "repo", Path(__file__).resolve().parents[2])
    plan = {1: "四川省", 2: "四川省", 3: "广东省"}
    for index, prov in plan.items():
        r = synthetic_report(random.Random(index), index, 2024)
        r = dataclasses.replace(r, meta=dataclasses.replace(r.meta, region=[prov, *r.meta.region[1:]]))
        write_package(r, layout.package_dir(r.meta.slug, 2024))
    groups = provinces(layout.packages)
    assert set(groups) == {"广东省", "四川省"} and len(groups["四川省"]) == 2
    results = build_split(Layout(layout.root), jobs=1, mkdocs=False)
    by_code = {r["code"]: r for r in results}
    assert by_code["51"]["reports"] == 2 and by_code["44"]["reports"] == 1
    assert by_code[""]["province"] == "全国索引"
    sites = layout.root / ".cache" / "sites"
    sichuan = {p.name for p in (sites / "51" / "docs" / "agencies").iterdir() if p.is_dir()}
    assert sichuan == set(groups["四川省"])
    national = (sites / "national" / "docs" / "index.md").read_text("utf-8")
    assert 'href="51/"' in national and 'href="44/"' in national
    assert (sites / "national" / "docs" / "data" / "juesuan-corpus.zip").exists()


def test_national_index_merged_beside_the_provinces(tmp_path):
    from juesuan.site_workers import _merge

    site, built = tmp_path / "site", tmp_path / "built"
    (site / "51").mkdir(parents=True)
    (site / "51" / "index.html").write_text("四川", "utf-8")
    (site / "data").mkdir()
    (site / "data" / "old.csv").write_text("old", "utf-8")
    (built / "data").mkdir(parents=True)
    (built / "data" / "new.csv").write_text("new", "utf-8")
    (built / "index.html").write_text("全国", "utf-8")
    _merge(built, site)
    assert (site / "51" / "index.html").read_text("utf-8") == "四川"
    assert (site / "index.html").read_text("utf-8") == "全国"
    assert sorted(p.name for p in (site / "data").iterdir()) == ["new.csv"]

"""Two agencies in one package folder (a stale ``data/packages/<slug>/`` holding a homophone's
reports): the site renders them apart, never as one agency, and says so in one line."""

from __future__ import annotations

import dataclasses
import logging
import random
from pathlib import Path

from juesuan.package.writer import write_package
from juesuan.paths import Layout
from juesuan.render.load import Package, load_corpus
from juesuan.render.model import build_corpus, split_identities
from juesuan.render.sample_site import make_site_repo
from juesuan.render.samples import synthetic_report
from juesuan.site import render_site

REPO = Path(__file__).resolve().parents[2]
FOLDER = "suzhoushi-caizhengju"
SU = ("苏州市财政局", ["江苏省", "苏州市"])
SU2 = ("宿州市财政局", ["安徽省", "宿州市"])


def generated(agency: str, region: list[str], year: int, seed: int):
    r = synthetic_report(random.Random(seed), seed, year)
    meta = dataclasses.replace(r.meta, agency=agency, region=region, year=year, slug=FOLDER)
    return dataclasses.replace(r, meta=meta)


def test_two_agencies_in_one_folder_are_rendered_apart(tmp_path, caplog):
    layout: Layout = make_site_repo(tmp_path / "repo", REPO)
    for (agency, region), year, seed in ((SU, 2022, 1), (SU, 2023, 2), (SU2, 2024, 3)):
        write_package(generated(agency, region, year, seed), layout.packages / FOLDER / str(year))
    with caplog.at_level(logging.WARNING, logger="juesuan.render.model"):
        render_site(layout)
    agencies = layout.docs / "agencies"
    # the folder's latest report (宿州 2024) keeps the slug; 苏州 is rendered apart
    own = "jiangsusheng-" + FOLDER
    assert sorted(p.name for p in agencies.iterdir() if p.is_dir()) == sorted([FOLDER, own])
    kept = (agencies / FOLDER / "index.md").read_text("utf-8")
    moved = (agencies / own / "index.md").read_text("utf-8")
    assert "宿州市财政局" in kept and "苏州市财政局" not in kept
    assert "苏州市财政局" in moved and "宿州市财政局" not in moved
    assert sorted(p.name for p in (agencies / FOLDER).iterdir() if p.is_dir()) == ["2024"]
    assert sorted(p.name for p in (agencies / own).iterdir() if p.is_dir()) == ["2022", "2023"]
    page = (agencies / own / "2023" / "index.md").read_text("utf-8")
    assert "上一年度（2022）" in page and "下一年度" not in page, "no link into the other agency"
    [line] = [r.getMessage() for r in caplog.records if r.name == "juesuan.render.model"]
    assert "苏州市财政局" in line and own in line and "\n" not in line
    # the download names follow the page
    assert (agencies / own / "2023" / f"{own}-2023.zip").exists()


def test_one_agency_in_its_folder_keeps_its_slug(tmp_path):
    root = tmp_path / "packages"
    for year, seed in ((2023, 1), (2024, 2)):
        write_package(generated(*SU, year, seed), root / FOLDER / str(year))
    packages = load_corpus(root, resources=())
    assert split_identities(packages) == []
    assert list(build_corpus(packages).by_agency) == [FOLDER]


def package(folder: str, year: int, agency: str, region: list[str]) -> Package:
    return Package(path=Path("/p") / folder / str(year), descriptor={},
                   meta={"agency": agency, "region": region, "year": year})


def test_a_taken_slug_is_skipped_and_a_report_without_region_stays_with_its_name():
    ps = [package(FOLDER, 2021, "苏州市财政局", []), package(FOLDER, 2022, *SU),
          package(FOLDER, 2023, *SU2), package("jiangsusheng-" + FOLDER, 2020, "别的单位", [])]
    lines = split_identities(ps)
    # 苏州 2021 (no region) is 苏州 2022's agency, not 宿州's; both go apart, and as the
    # province-prefixed slug is another folder's, under the one with the city
    apart = "jiangsusheng-suzhoushi-" + FOLDER
    assert [p.slug for p in ps] == [apart, apart, FOLDER, "jiangsusheng-" + FOLDER]
    assert len(lines) == 1 and "2021、2022" in lines[0] and apart in lines[0]

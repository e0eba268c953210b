"""Homophone cities through the whole pipeline (generated PDFs, the real parser and audit):
苏州市财政局 2023 and 宿州市财政局 2024 share the pinyin slug ``suzhoushi-caizhengju`` but
are two agencies: two folders, two packages, and 宿州's audit never compares against 苏州's
previous year (its findings are the same with or without 苏州 in the corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from juesuan.commands.add import add_report
from juesuan.paths import Layout, slugify
from juesuan.runner import parse_corpus

SU = ("苏州市财政局", ["江苏省", "苏州市"], 2023, 5)
SU2 = ("宿州市财政局", ["安徽省", "宿州市"], 2024, 9)


def generated(tmp: Path, monkeypatch, agency: str, region: list[str], year: int, seed: int) -> Path:
    """A consistent generated report (tests/generator) printed to PDF, for this agency and year."""
    from generator import canonical, make_document

    original = canonical.make_agency

    def fixed(rng):
        meta = original(rng)
        meta.update(agency=agency, region=region, year=year, published=f"{year + 1}-09-30")
        return meta

    monkeypatch.setattr(canonical, "make_agency", fixed)
    out = tmp / "incoming" / f"{slugify(agency)}-{year}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    make_document(seed, out, unit="万元")
    monkeypatch.setattr(canonical, "make_agency", original)
    return out


def repo(root: Path) -> Layout:
    (root / "data" / "reports").mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    return Layout(root)


def checks(pkg: Path) -> list[str]:
    return sorted((pkg / "checks.csv").read_text("utf-8").splitlines()[1:])


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    tmp = tmp_path_factory.mktemp("homophones")
    try:
        return {a[0]: (generated(tmp, mp, *a), a) for a in (SU, SU2)}
    finally:
        mp.undo()


def add(layout: Layout, pdfs, name: str) -> Path:
    path, (agency, region, year, _) = pdfs[name]
    target, result = add_report(layout, path, {"agency": agency, "region": region, "year": year})
    assert not result.failed, result.failed
    return target


def test_homophones_are_two_agencies_through_the_pipeline(tmp_path, pdfs):
    alone = repo(tmp_path / "alone")
    only = add(alone, pdfs, SU2[0])
    alone_checks = checks(alone.packages / only.parent.name / "2024")

    both = repo(tmp_path / "both")
    su = add(both, pdfs, SU[0])
    su2 = add(both, pdfs, SU2[0])
    assert su.parent.name == "suzhoushi-caizhengju"
    assert su2.parent.name == "anhuisheng-suzhoushi-caizhengju"
    pkg = both.packages / su2.parent.name / "2024"
    desc = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    assert desc["juesuan"]["report"]["agency"] == "宿州市财政局"
    assert not (both.packages / "suzhoushi-caizhengju" / "2024").exists(), "nothing merged into 苏州's folder"
    got = checks(pkg)
    assert not [c for c in got if c.startswith("previous_year_change,")]
    assert got == alone_checks, "苏州's 2023 package changes nothing in 宿州's audit"

    # a contributor files 宿州 2024 by hand into 苏州's folder: refused with the fix, 苏州 builds on
    wrong = both.reports / "suzhoushi-caizhengju" / "2024"
    wrong.mkdir()
    for f in su2.iterdir():
        text = f.read_bytes()
        if f.name == "report.yml":
            text = b"\n".join(line for line in text.splitlines() if not line.startswith(b"slug:")) + b"\n"
        (wrong / f.name).write_bytes(text)
    result = parse_corpus(both, progress=False)
    [(folder, message)] = result.failed
    assert folder == wrong and "苏州市财政局" in message and "anhuisheng-suzhoushi-caizhengju" in message
    assert not (both.packages / "suzhoushi-caizhengju" / "2024").exists()
    assert (both.packages / "suzhoushi-caizhengju" / "2023" / "datapackage.json").exists()

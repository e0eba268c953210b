"""A report published in several files (report.yml ``source:`` a list; `juesuan parse A B`): a
generated report split into a narrative PDF (or DOCX, or web page) and a tables workbook gives the line items,
facts and projects of the single PDF; the package lists every file (``juesuan.report.sources``) and
each row's file, its page in that file (a sheet index for the workbook) and its cell (Sheet!B7)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator import choose_variation, generate_report, report_meta
from generator.compare import assert_facts, assert_line_items, assert_projects
from generator.render_docx import render_docx
from generator.render_html import render_html
from generator.render_pdf import render_pdf
from generator.render_workbook import choose_style, render_workbook
from juesuan.amounts import parse_amount
from juesuan.package.writer import build_files
from juesuan.pipeline import parse_file


@lru_cache(maxsize=None)
def split(seed: int, narrative: str, out: Path):
    """(report, the single PDF, narrative file, tables workbook) written under ``out``."""
    v = choose_variation(seed, mix="classic", toc="none")
    report = generate_report(seed, template=v.template, unit=v.unit)
    out.mkdir(parents=True, exist_ok=True)
    whole = out / f"{seed}-whole.pdf"
    render_pdf(report, v, whole)
    text_only = dataclasses.replace(report, tables={}, projects=[], indicators=[])
    story = out / f"{seed}-说明.{narrative}"
    {"pdf": render_pdf, "docx": render_docx, "html": render_html}[narrative](text_only, v, story)
    tables = out / f"{seed}-报表.xlsx"
    render_workbook(report, v, tables, choose_style(seed))
    return report, whole, story, tables


def rows(files: dict[str, str], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name])))


@pytest.mark.parametrize("seed,narrative", [(0, "pdf"), (1, "pdf"), (2, "docx"), (3, "html")])
def test_narrative_and_workbook_give_what_the_single_pdf_gives(tmp_path_factory, seed, narrative):
    report, whole, story, tables = split(seed, narrative, tmp_path_factory.mktemp(f"split{seed}"))
    one = parse_file(whole, report_meta(report, whole.name))
    two = parse_file([story, tables], report_meta(report, story.name))
    ctx = f" (seed {seed}, narrative {narrative})"
    assert_line_items(one.line_items, two.line_items, ctx, min_recall=0.98)
    assert_line_items(report.line_items(), two.line_items, ctx, min_recall=0.98)
    assert_facts(report.facts, two.facts, ctx)
    assert_projects(report.projects, two.projects, ctx)
    assert (two.meta.agency, two.meta.year, two.meta.kind) == (one.meta.agency, one.meta.year, one.meta.kind)


def test_the_package_records_every_file_and_each_cells_place(tmp_path_factory):
    report, _, story, tables = split(0, "pdf", tmp_path_factory.mktemp("split0p"))
    got = parse_file([story, tables], report_meta(report, story.name))
    files = build_files(got)
    meta = json.loads(files["datapackage.json"])["juesuan"]["report"]
    sources = meta["sources"]
    assert [s["path"] for s in sources] == [story.name, tables.name]
    assert [s["format"] for s in sources] == ["pdf", "xlsx"]
    book = openpyxl.load_workbook(tables, data_only=True)
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert sources[1]["pages"] == len(book.sheetnames) and sources[0]["pages"] >= 1
    # the single-source keys describe the first file, as before
    assert (meta["source_file"], meta["format"], meta["sha256"]) == (story.name, "pdf", sources[0]["sha256"])
    items = rows(files, "line_items.csv")
    assert items and all(r["file"] == tables.name for r in items)
    for r in items:  # every cell names its sheet and cell, and the workbook holds that value there
        sheet, ref = r["cell"].rsplit("!", 1)
        sheet = sheet.strip("'").replace("''", "'")
        assert int(r["page"]) == book.sheetnames.index(sheet) + 1 and sheet in visible
        value = parse_amount(str(book[sheet][ref].value))
        assert value is not None and abs(value - parse_amount(r["value"]) * (10000 if report.unit == "元" else 1)) \
            < parse_amount("0.0001"), r
    facts = rows(files, "facts.csv")
    assert facts and all(f["file"] == story.name and f["cell"] == "" for f in facts)
    assert all(1 <= int(f["page"]) <= sources[0]["pages"] for f in facts if f["page"])
    assert {t["file"] for t in rows(files, "tables.csv")} == {tables.name}
    assert all(c["file"] in (story.name, tables.name) for c in rows(files, "checks.csv"))


def test_report_yml_lists_the_files_and_juesuan_parse_takes_them(tmp_path_factory, tmp_path):
    from frictionless import validate

    from juesuan.pipeline import run_report

    report, _, story, tables = split(1, "pdf", tmp_path_factory.mktemp("split1y"))
    folder = tmp_path / "reports" / "x" / str(report.meta["year"])
    folder.mkdir(parents=True)
    for f in (story, tables):
        (folder / f.name).write_bytes(f.read_bytes())
    meta = {**report_meta(report), "source": [story.name, tables.name]}
    (folder / "report.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), "utf-8")
    pkg = run_report(folder, tmp_path / "packages")
    written = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    assert [s["path"] for s in written["juesuan"]["report"]["sources"]] == [story.name, tables.name]
    result = validate(pkg / "datapackage.json")
    assert result.valid, result.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    out = tmp_path / "cli"
    r = subprocess.run([sys.executable, "-m", "juesuan", "parse", str(folder / story.name), str(folder / tables.name),
                        "--meta", str(folder / "report.yml"), "--out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert (out / "line_items.csv").read_text("utf-8") == (pkg / "line_items.csv").read_text("utf-8")


def test_a_bad_file_among_several_is_named(tmp_path):
    from juesuan.errors import UnreadableDocument

    good = tmp_path / "说明.txt"
    good.write_text("某某局2023年度部门决算", "utf-8")
    bad = tmp_path / "报表.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnreadableDocument) as info:
        parse_file([good, bad])
    assert str(bad) in str(info.value) and "\n" not in str(info.value)
    twin = tmp_path / "other"
    twin.mkdir()
    (twin / good.name).write_text("x", "utf-8")
    with pytest.raises(UnreadableDocument, match="share a name"):
        parse_file([good, twin / good.name])


def test_juesuan_add_takes_a_narrative_and_a_workbook(tmp_path_factory, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from juesuan.cli import app
    from juesuan.meta import load_report_yml, source_paths

    report, _, story, tables = split(2, "docx", tmp_path_factory.mktemp("split2a"))
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "data" / "reports").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    m = report.meta
    res = CliRunner().invoke(app, ["add", str(story), str(tables), "--agency", m["agency"], "--year", str(m["year"]),
                                   "--region", ",".join(m["region"]), "--sector", m["sector"]])
    assert res.exit_code == 0, res.output
    assert story.name in res.output and tables.name in res.output
    (folder,) = (tmp_path / "data" / "reports").glob("*/*")
    given, first = load_report_yml(folder)
    assert given["source"] == [story.name, tables.name] and first.name == story.name
    import hashlib
    assert given["sha256"] == [hashlib.sha256(f.read_bytes()).hexdigest() for f in (story, tables)]
    assert [p.read_bytes() for p in source_paths(folder, given)] == [story.read_bytes(), tables.read_bytes()]
    (pkg,) = (tmp_path / "data" / "packages").glob("*/*")
    written = json.loads((pkg / "datapackage.json").read_text("utf-8"))["juesuan"]["report"]["sources"]
    assert [(s["path"], s["format"]) for s in written] == [(story.name, "docx"), (tables.name, "xlsx")]
    items = list(csv.DictReader(io.StringIO((pkg / "line_items.csv").read_text("utf-8"))))
    assert len(items) >= 0.98 * len(report.line_items()) and all(r["cell"] for r in items)


@pytest.mark.parametrize("source,words", [
    (["a.txt", "../b.txt"], "'source'"), (["a.txt", "missing.xlsx"], "not found"), ([], "source"),
    (["a.txt", "a.txt"], "source")])
def test_report_yml_source_lists_are_checked_file_by_file(tmp_path, source, words):
    from juesuan.errors import BadMetadata
    from juesuan.meta import load_report_yml

    folder = tmp_path / "reports" / "x" / "2023"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("x", "utf-8")
    (tmp_path / "reports" / "x" / "b.txt").write_text("x", "utf-8")
    (folder / "report.yml").write_text(yaml.safe_dump({"agency": "某某局", "year": 2023, "source": source},
                                                      allow_unicode=True), "utf-8")
    with pytest.raises(BadMetadata) as info:
        load_report_yml(folder)
    assert words in info.value.line() and "\n" not in info.value.line()

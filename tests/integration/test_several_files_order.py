"""The order of a report's files does not change what is read: a tables workbook listed before
the narrative PDF gives the line items, facts, projects and profile of the other order (each page
keeps its own file's format, so PDF-only handling still applies to the narrative's pages)."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import pytest
import yaml

from generator import choose_variation, generate_report, report_meta
from generator.compare import assert_facts, assert_line_items, assert_projects
from generator.render_pdf import render_pdf
from generator.render_workbook import choose_style, render_workbook
from juesuan.extract.document import extract_documents
from juesuan.normalize.metadata import guess_metadata
from juesuan.pipeline import parse_file


@cache
def split(seed: int, out: Path):
    v = choose_variation(seed, mix="classic", toc="none")
    report = generate_report(seed, template=v.template, unit=v.unit)
    out.mkdir(parents=True, exist_ok=True)
    text_only = dataclasses.replace(report, tables={}, projects=[], indicators=[])
    story = out / f"{seed}-说明.pdf"
    render_pdf(text_only, v, story)
    tables = out / f"{seed}-报表.xlsx"
    render_workbook(report, v, tables, choose_style(seed))
    return report, story, tables


@pytest.mark.parametrize("seed", [0, 1])
def test_workbook_before_pdf_reads_as_pdf_before_workbook(tmp_path_factory, seed):
    report, story, tables = split(seed, tmp_path_factory.mktemp(f"order{seed}"))
    first = parse_file([story, tables], report_meta(report, story.name))
    second = parse_file([tables, story], report_meta(report, tables.name))
    ctx = f" (seed {seed}, workbook first)"
    assert_line_items(first.line_items, second.line_items, ctx, min_recall=0.98)
    assert_line_items(report.line_items(), second.line_items, ctx, min_recall=0.98)
    assert_facts(report.facts, second.facts, ctx)
    assert_projects(report.projects, second.projects, ctx)
    key = lambda r: {(f.metric, f.value) for f in r.facts}  # noqa: E731
    assert key(second) == key(first)
    assert [(s.section, s.text) for s in second.profile] == [(s.section, s.text) for s in first.profile]
    assert (second.meta.agency, second.meta.year, second.meta.kind) == \
        (first.meta.agency, first.meta.year, first.meta.kind)
    assert sorted(p.code for p in second.problems) == sorted(p.code for p in first.problems)
    # the metadata guessed from the files does not depend on their order either
    assert guess_metadata(extract_documents([tables, story])) == guess_metadata(extract_documents([story, tables]))


def test_each_page_knows_its_own_files_format(tmp_path_factory):
    report, story, tables = split(0, tmp_path_factory.mktemp("order-pages"))
    doc = extract_documents([tables, story])
    assert doc.format == "xlsx"  # the document's format stays the first file's
    formats = {(p.file, doc.page_format(p)) for p in doc.pages}
    assert formats == {(tables.name, "xlsx"), (story.name, "pdf")}


def test_juesuan_check_takes_the_files_of_one_report(tmp_path_factory, tmp_path):
    from typer.testing import CliRunner

    from juesuan.audit import run_checks
    from juesuan.cli import app
    from juesuan.commands.check import checks_for

    report, story, tables = split(1, tmp_path_factory.mktemp("order-check"))
    yml = tmp_path / "report.yml"
    yml.write_text(yaml.safe_dump(report_meta(report, story.name), allow_unicode=True), "utf-8")
    expected = run_checks(parse_file([story, tables], report_meta(report, story.name)), packages_root=None)
    got = checks_for([story, tables], yml, tmp_path / "none")
    assert [(c.rule, c.severity, c.message) for c in got] == [(c.rule, c.severity, c.message) for c in expected]
    res = CliRunner().invoke(app, ["check", str(story), str(tables), "--meta", str(yml)])
    assert res.exit_code == (1 if any(c.severity == "error" for c in expected) else 0), res.output
    assert f"{story.name} + {tables.name}" in res.output
    res = CliRunner().invoke(app, ["check", str(story), str(tmp_path)])
    assert res.exit_code == 2 and "source files of one report" in res.output

"""`juesuan check PATH` on a data package folder and on a source file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from typer.testing import CliRunner

from juesuan.audit import run_checks
from juesuan.cli import app
from juesuan.commands.check import read_checks_csv
from juesuan.package.writer import write_package
from test_audit_consistent import consistent_report

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
runner = CliRunner()


def _package(tmp_path, report):
    out = tmp_path / "pkg"
    checks = run_checks(report)
    write_package(report, out, checks)
    return out, checks


def test_package_without_errors_exits_0(tmp_path):
    out, checks = _package(tmp_path, consistent_report(1))
    assert checks == []
    result = runner.invoke(app, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert "没有发现问题" in result.output


def test_package_with_an_error_exits_1_and_groups(tmp_path):
    report = consistent_report(2)
    i = next(i for i, f in enumerate(report.facts) if f.metric == "expenditure_total")
    report.facts[i] = dataclasses.replace(report.facts[i], value=report.facts[i].value + 9)
    out, checks = _package(tmp_path, report)
    assert read_checks_csv(out / "checks.csv") == checks  # round trip through checks.csv
    result = runner.invoke(app, ["check", str(out)])
    assert result.exit_code == 1, result.output
    assert "错误 error (1)" in result.output and "narrative_table_figures" in result.output


def test_folder_without_checks_csv_exits_2(tmp_path):
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2


def test_source_file_is_parsed_and_audited(tmp_path):
    src = GOLDEN / "000_cecd3edf739872c0.txt"
    result = runner.invoke(app, ["check", str(src), "--packages", str(tmp_path)])
    assert result.exit_code == 1, result.output  # the growth rates on the current year are errors
    assert "narrative_change_rate" in result.output and "5.27" in result.output

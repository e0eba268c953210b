"""The audit on documents generated consistent: no `error` and no `warning`.

The same seeds as test_generated_pdfs.py, parsed once for both files (its ``parsed`` cache),
then audited with every rule. A finding here is either a rule or parser bug (fix it there)
or the generator printing something a reader should be warned about (fix the generator).
A failure prints the seed, the variation, the findings and a reproduction command.

The generator's own records (no PDF, no parser) are audited too, over more seeds, and the
audit is shown to see a planted inconsistency in a parsed generated report."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from test_generated_pdfs import SEEDS, context, parse_or_fail

from generator import choose_variation, generate_report
from juesuan.audit import run_checks
from juesuan.models import Report, ReportMeta

BAD = ("error", "warning")


def bad_findings(report: Report) -> list:
    return [c for c in run_checks(report) if c.severity in BAD]


def describe(checks) -> str:
    return "\n".join(f"  {c.severity} {c.rule} table={c.table} row={c.row_code} column={c.column} "
                     f"metric={c.metric} expected={c.expected} actual={c.actual}: {c.message}" for c in checks)


@pytest.mark.parametrize("seed", SEEDS)
def test_parsed_generated_report_audits_clean(seed):
    _, got = parse_or_fail(seed)
    bad = bad_findings(got)
    assert not bad, f"{len(bad)} error/warning finding(s) on a consistent report:\n{describe(bad)}{context(seed)}"


def canonical_report(seed: int) -> Report:
    """The generator's records as the parser should return them (tables, facts, projects)."""
    v = choose_variation(seed, mix="classic")
    g = generate_report(seed, v.template, v.unit)
    m = g.meta
    report = Report(meta=ReportMeta(agency=m["agency"], region=m["region"], sector=m["sector"],
                                    year=m["year"], kind=m["kind"], slug=f"synthetic-{seed}"))
    report.line_items, report.facts = g.line_items(), list(g.facts)
    report.projects, report.indicators = list(g.projects), list(g.indicators)
    return report


@pytest.mark.parametrize("seed", range(0, 150))
def test_generated_records_audit_clean(seed):
    bad = bad_findings(canonical_report(seed))
    v = choose_variation(seed, mix="classic")
    assert not bad, f"seed {seed} ({v.template}, {v.unit}):\n{describe(bad)}"


# ------------------------------------------------------- the audit is not blind on these reports


def _first_seed(pred) -> tuple[int, Report]:
    for seed in SEEDS:
        _, got = parse_or_fail(seed)
        if pred(got):
            return seed, got
    pytest.skip("no generated report of the kind in these seeds")


def _cell(report: Report, table: str, row: str, column: str):
    return next((i for i in report.line_items if (i.table, i.row_code, i.column) == (table, row, column)), None)


def test_three_public_below_its_basic_line_is_an_error():
    def has_reception(r: Report) -> bool:
        basic, tp = _cell(r, "basic_expenditure", "30217", "amount"), _cell(r, "three_public", "three_public",
                                                                             "actual.reception")
        return basic is not None and tp is not None and basic.value > 1
    seed, got = _first_seed(has_reception)
    basic = _cell(got, "basic_expenditure", "30217", "amount")
    planted = replace(got, line_items=[replace(i, value=basic.value - 1) if (i.table, i.column) == (
        "three_public", "actual.reception") else i for i in got.line_items])
    found = [c for c in bad_findings(planted) if c.rule == "cross_three_public_basic"]
    assert [(c.severity, c.row_code, c.difference) for c in found] == [("error", "30217", Decimal(1))], context(seed)


def test_large_budget_adjustment_is_a_warning():
    seed, got = _first_seed(lambda r: any(p.budget_initial and p.budget_initial > 1 for p in r.projects))
    p = next(p for p in got.projects if p.budget_initial and p.budget_initial > 1)
    planted = replace(got, projects=[replace(q, budget_adjusted=q.budget_initial * 2) if q is p else q
                                     for q in got.projects])
    found = [c for c in bad_findings(planted) if c.rule == "project_budget_adjusted"]
    assert [(c.severity, c.row_code) for c in found] == [("warning", p.project_code)], context(seed)


def test_bracketed_kuan_name_is_read_whole():
    """政府办公厅（室）及相关机构事务（款）matches its code; a wrong 款 name next to it does not."""
    def has_20103(r: Report) -> bool:
        return any(f.metric.startswith("general_budget_expenditure_20103") and "（室）" in f.quote for f in r.facts)
    seed, got = _first_seed(has_20103)
    assert not [c for c in bad_findings(got) if c.rule == "narrative_class_labels"], context(seed)
    fact = next(f for f in got.facts if f.metric.startswith("general_budget_expenditure_20103") and "（室）" in f.quote)
    wrong = fact.quote.replace("政府办公厅（室）及相关机构事务（款）", "人大事务（款）")
    assert wrong != fact.quote, fact.quote
    planted = replace(got, facts=[replace(f, quote=wrong) if f is fact else f for f in got.facts])
    found = [c for c in bad_findings(planted) if c.rule == "narrative_class_labels"]
    assert len(found) == 1 and "人大事务（款）" in found[0].message, describe(found) + context(seed)

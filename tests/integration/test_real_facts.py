"""The narrative figures and the metadata of a real published report (上海市普陀区财政局 2024,
tests/fixtures/real/putuo-czj-2024) against truth built independently of the parser:
expected/facts.csv (the spec's metrics) and expected/facts_extra.csv (what the Shanghai report
prints that the spec lacked; the spec now declares the ids juesuan reads). Shanghai wording:
"收入支出总计X万元" with the agency before the year, "财政拨款收入" in one figure, class shares
printed with （类）, each 项 explained as "…（项）。主要用于：…。年初预算为A，支出决算为B", the
Shanghai procurement and performance paragraphs."""

from __future__ import annotations

import csv
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

REAL = Path(__file__).parents[1] / "fixtures" / "real" / "putuo-czj-2024"
PDF = REAL / "上海市普陀区财政局2024年度部门决算.pdf"
PRECISION, RECALL = 0.98, 0.95


def _read(name: str) -> dict[str, tuple[Decimal, str]]:
    with open(REAL / "expected" / name, encoding="utf-8") as f:
        return {r["metric"]: (Decimal(r["value"]), r["unit"]) for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def report(putuo_report):
    return putuo_report


@pytest.fixture(scope="module")
def facts(report):
    return {f.metric: f for f in report.facts}


def test_facts_precision_recall(facts):
    expected, extra = _read("facts.csv"), _read("facts_extra.csv")
    truth = {**extra, **expected}
    got = {m: (f.value, f.unit) for m, f in facts.items()}
    hits = [m for m in got if truth.get(m) == got[m]]
    wrong = {m: (got[m], truth.get(m)) for m in got if truth.get(m) != got[m]}
    missing = sorted(m for m in expected if got.get(m) != expected[m])
    assert len(hits) / len(got) >= PRECISION, wrong
    assert sum(got.get(m) == v for m, v in expected.items()) / len(expected) >= RECALL, missing


def test_spec_facts_all_found(facts):
    expected = _read("facts.csv")
    assert {m: (facts[m].value, facts[m].unit) for m in expected if m in facts} == expected


def test_extra_facts_declared_in_the_spec_are_found(facts):
    from juesuan import spec

    declared = spec.fact_metrics()
    extra = {m: v for m, v in _read("facts_extra.csv").items()
             if m in declared or m.startswith("general_budget_budget_initial_")}
    assert len(extra) >= 30
    assert {m: (facts[m].value, facts[m].unit) for m in extra if m in facts} == extra


def test_every_fact_is_declared_or_per_code(facts):
    from juesuan import spec

    declared = set(spec.fact_metrics())
    for m in facts:
        base = m.removesuffix("_share").removesuffix("_change_pct").removesuffix("_change")
        assert (base in declared or base.startswith(("general_budget_expenditure_2",
                                                     "general_budget_budget_initial_2"))), m


def test_quotes_are_printed_clauses_with_pages(facts, report):
    from juesuan.extract.document import extract_document

    text = "".join(extract_document(PDF).text.split())
    for f in facts.values():
        assert f.quote and f.quote in text, f.metric
        assert f.page in (21, 22, 23, 24), (f.metric, f.page)


def test_item_budget_is_not_the_departments(facts):
    """"年初预算为1560.05万元" explains 2010601 行政运行: never the department's 年初预算."""
    assert "budget_initial" not in facts
    assert facts["general_budget_budget_initial_2010601"].value == Decimal("1560.05")
    assert facts["general_budget_budget_initial"].value == Decimal("2993.92")


def test_audit_finds_the_real_contradictions_and_nothing_false(report):
    """NOTES.md: the 财政拨款收支总计 of 0.3万元 against 2961.68 and the 一般公共服务 share
    71.73% (2106.66 / 2940.05 = 71.65%) are the report's own errors; the per-项 年初预算 are no
    "前后不一"."""
    from juesuan.audit import run_checks

    checks = run_checks(report, packages_root=Path(tempfile.mkdtemp()))
    bad = [c for c in checks if c.severity in ("error", "warning")]
    assert not [c for c in bad if c.rule == "narrative_repeated_figures"]
    fiscal = [c for c in bad if c.rule == "narrative_table_figures" and c.metric == "fiscal_total"]
    assert fiscal and "0.30" in fiscal[0].message and "2961.68" in fiscal[0].message
    share = [c for c in bad if c.rule == "narrative_shares"]
    assert share and "71.73" in share[0].message and "71.65" in share[0].message
    assert len(bad) == 2, [(c.rule, c.message) for c in bad]


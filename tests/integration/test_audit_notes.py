"""The NOTES.md findings that need the narrative beyond facts.csv (statements.csv): the
seeds are parsed with the real pipeline (text, PDF, DOCX) and audited; each finding is
asserted with its rule, severity and numbers. Consistent generated PDFs get none of them.

Forms differ in what they print: the 部门整体 self-evaluation table (000 #6) and its 在职人员
indicator (004 #8) are only in the text exports."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
import yaml

from juesuan.audit import run_checks
from juesuan.models import Report
from juesuan.package.writer import build_files
from juesuan.pipeline import parse_file

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
S000, S004 = "000_cecd3edf739872c0", "004_e4eb685f5dbf33b3"
D = Decimal
BAD = ("error", "warning")
NEW_RULES = {"narrative_repeated_figures", "narrative_stated_previous", "narrative_same_change",
             "narrative_breakdowns", "narrative_zero_budget_rate", "self_evaluation_budget_columns",
             "glossary_unused_codes", "glossary_labels", "sector_wording"}
FORMS = {"txt": lambda s: GOLDEN / f"{s}.txt", "pdf": lambda s: GOLDEN / s / f"{s}.pdf",
         "docx": lambda s: GOLDEN / s / f"{s}.docx"}


@cache
def parsed(stem: str, form: str) -> Report:
    meta = yaml.safe_load((GOLDEN / stem / "expected" / "metadata.yaml").read_text("utf-8"))
    given = {k: meta[k] for k in ("agency", "region", "sector", "year", "kind")}
    return parse_file(FORMS[form](stem), given)


@cache
def checks(stem: str, form: str) -> tuple:
    return tuple(run_checks(parsed(stem, form)))


def find(found, rule, severity, **where):
    hits = [c for c in found if c.rule == rule and all(getattr(c, k) == v for k, v in where.items())]
    assert len(hits) == 1, f"{rule} {where}: {len(hits)} findings: {[c.message for c in hits]}"
    assert hits[0].severity in severity, hits[0].message
    return hits[0]


def numbers(c):
    return (c.actual, c.expected)


# ---------------------------------------------------------------- 000 (narrative only)

@pytest.mark.parametrize("form", ["txt", "pdf", "docx"])
def test_000_vehicles_bought_not_listed(form):  # NOTES 3, second half
    found = checks(S000, form)
    c = find(found, "narrative_breakdowns", ("error",), metric="vehicles_purchased")
    assert numbers(c) == (D("2"), D("0"))
    c = find(found, "narrative_breakdowns", ("error",), metric="three_public_vehicle_purchase")
    assert numbers(c) == (D("46.23"), D("0"))
    assert "轿车" in c.message and "载客汽车" in c.message


@pytest.mark.parametrize("form", ["txt", "pdf", "docx"])
def test_000_procurement_goods_stated_twice(form):  # NOTES 5
    c = find(checks(S000, form), "narrative_repeated_figures", ("error",), metric="procurement_goods")
    assert numbers(c) == (D("62.43"), D("68.73"))
    assert "十、其他重要事项" in c.message and "附件1" in c.message and "授予中小企业合同金额" in c.message


def test_000_self_evaluation_adjusted_column_holds_the_adjustment():  # NOTES 6 (text export only)
    c = find(checks(S000, "txt"), "self_evaluation_budget_columns", ("warning",),
             metric="self_evaluation_budget_adjusted")
    assert numbers(c) == (D("62.61"), D("9152.57"))
    assert "9089.96＋62.61＝9152.57" in c.message


@pytest.mark.parametrize("form", ["txt", "pdf", "docx"])
def test_000_procuratorate_wording(form):  # NOTES 8
    found = [c for c in checks(S000, form) if c.rule == "sector_wording"]
    assert {c.severity for c in found} == {"warning"}
    text = " ".join(c.message for c in found)
    assert "检察工作" in text and "法律监督" in text and "公安" in text
    assert "检察机关提前介入" not in text  # a police report may speak of the procuratorate's role in a case


@pytest.mark.parametrize("form", ["txt", "pdf", "docx"])
def test_000_glossary_government_fund_class_is_used(form):  # NOTES 10: legitimate, not flagged
    report = parsed(S000, form)
    assert "2120899" in {s.subject for s in report.statements if s.kind == "glossary"}
    assert not [c for c in checks(S000, form) if c.rule.startswith("glossary_")]


def test_000_glossary_rule_is_not_vacuous():
    """Without the 附件's class listing (城乡社区支出80万元) and the government-fund spending,
    nothing shows that 2120899 is used: the entry is flagged."""
    report = parsed(S000, "txt")
    bare = replace(report, statements=[s for s in report.statements if s.metric != "expenditure_class_212"],
                   facts=[f for f in report.facts if "gov_fund" not in f.metric])
    c = find(run_checks(bare), "glossary_unused_codes", ("warning",), row_code="2120899")
    assert "城乡社区支出" in c.message


@pytest.mark.parametrize("form", ["txt", "pdf", "docx"])
def test_000_zero_budget_abroad(form):  # not in NOTES: "0万元，完成预算100%" is 0 ÷ 0 too
    c = find(checks(S000, form), "narrative_zero_budget_rate", ("warning",),
             metric="three_public_abroad_budget_completion")
    assert c.actual == D("100")


# ---------------------------------------------------------------- 004 (tables and narrative)

@pytest.mark.parametrize("form", ["txt", "pdf"])
def test_004_general_expenditure_rate(form):  # NOTES 7
    found = checks(S004, form)
    c = find(found, "narrative_stated_previous", ("error",), metric="general_expenditure_executed_change_pct")
    assert numbers(c) == (D("69.95"), D("72.40"))
    assert "1222.99" in c.message
    c = find(found, "narrative_same_change", ("error",), metric="general_expenditure_executed_change_pct")
    assert numbers(c) == (D("69.95"), D("72.39"))
    assert "机关运行经费" in c.message and "72.40" in c.message


def test_004_staff_on_post_against_indicator():  # NOTES 8 (text export only)
    c = find(checks(S004, "txt"), "narrative_repeated_figures", ("warning",), metric="staff_on_post")
    assert numbers(c) == (D("547"), D("544"))
    assert "部门整体绩效自评表" in c.message


@pytest.mark.parametrize("form", ["txt", "pdf"])
def test_004_glossary(form):  # NOTES 4: 名词解释 9 (unused 项) and 7 (former 款 name)
    found = checks(S004, form)
    c = find(found, "glossary_unused_codes", ("warning",), row_code="2101199")
    assert "其他行政事业单位医疗" in c.message
    c = find(found, "glossary_labels", ("warning",), row_code="20805")
    assert "行政事业单位离退休" in c.message and "行政事业单位养老支出" in c.message
    assert len([c for c in found if c.rule.startswith("glossary_")]) == 2


@pytest.mark.parametrize("form", ["txt", "pdf"])
@pytest.mark.parametrize("metric", ["three_public_abroad", "three_public_reception"])
def test_004_zero_budget_rates(form, metric):  # NOTES 11
    c = find(checks(S004, form), "narrative_zero_budget_rate", ("warning",), metric=metric + "_budget_completion")
    assert c.actual == D("0")
    assert "261.47" in c.message and "0÷0" in c.message


# ---------------------------------------------------------------- nothing else, and the package

EXPECTED_NEW = {
    (S000, "txt"): {("narrative_breakdowns", "vehicles_purchased"), ("narrative_breakdowns", "three_public_vehicle_purchase"),
                    ("narrative_repeated_figures", "procurement_goods"),
                    ("self_evaluation_budget_columns", "self_evaluation_budget_adjusted"),
                    ("sector_wording", "sector_wording"), ("narrative_zero_budget_rate", "three_public_abroad_budget_completion")},
    (S004, "txt"): {("narrative_stated_previous", "general_expenditure_executed_change_pct"),
                    ("narrative_same_change", "general_expenditure_executed_change_pct"),
                    ("narrative_repeated_figures", "staff_on_post"),
                    ("narrative_zero_budget_rate", "three_public_abroad_budget_completion"),
                    ("narrative_zero_budget_rate", "three_public_reception_budget_completion"),
                    ("glossary_unused_codes", "glossary_entry"), ("glossary_labels", "glossary_entry")},
}


@pytest.mark.parametrize("stem,form", list(EXPECTED_NEW))
def test_new_rules_find_nothing_else(stem, form):
    got = {(c.rule, c.metric) for c in checks(stem, form) if c.rule in NEW_RULES and c.severity in BAD}
    assert got == EXPECTED_NEW[(stem, form)]


def test_statements_csv_in_the_package():
    files = build_files(parsed(S000, "txt"), list(checks(S000, "txt")))
    lines = files["statements.csv"].splitlines()
    assert lines[0] == "kind,metric,value,unit,subject,quote,page,section,file,cell"
    goods = [line for line in lines if line.startswith("figure,procurement_goods,")]
    assert [g.split(",")[2] for g in goods] == ["68.73", "62.43"]
    assert any(line.startswith("glossary,glossary_entry,,,2120899,") for line in lines)
    assert '"statements.csv"' in files["datapackage.json"]


# ---------------------------------------------------------------- consistent generated reports

@pytest.mark.parametrize("seed", [0, 3, 7, 11])
def test_generated_pdfs_get_no_new_findings(seed, tmp_path):
    from generator import make_document, report_meta  # tests/ is importable (conftest.py)

    path = tmp_path / f"synthetic-{seed}.pdf"
    report, _, _ = make_document(seed, path)
    got = parse_file(path, report_meta(report, path.name))
    assert [s for s in got.statements if s.kind == "figure"], "the narrative's statements are read"
    bad = [(c.rule, c.message) for c in run_checks(got) if c.rule in NEW_RULES and c.severity in BAD]
    assert bad == []

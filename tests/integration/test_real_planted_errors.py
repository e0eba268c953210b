"""Errors planted into a copy of a real report's narrative (上海市普陀区财政局 2024): each is
flagged with both its numbers, and the clean report gets no such finding.

The planted copy keeps the report's tables (read from the PDF's geometry) and reads the
narrative again from the edited page texts: totals that contradict the tables, an item whose
"决算数小于预算数" is turned round, a budget that makes "基本持平" false, a “三公” figure the
claim beside it no longer fits."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from juesuan.audit import run_checks
from juesuan.extract.document import extract_document
from juesuan.models import ExtractedDocument
from juesuan.normalize.statements import extract_narrative

REAL = Path(__file__).parents[1] / "fixtures" / "real" / "putuo-czj-2024"
PDF = REAL / "上海市普陀区财政局2024年度部门决算.pdf"
RULES = ("narrative_table_figures", "narrative_budget_direction")


def plant(doc: ExtractedDocument, old: str, new: str) -> ExtractedDocument:
    """``doc`` with the first ``old`` (printed with any whitespace between its characters,
    line breaks included) replaced by ``new``."""
    pattern = re.compile(r"\s*".join(re.escape(c) for c in old))
    for i, page in enumerate(doc.pages):
        if pattern.search(page.text):
            pages = list(doc.pages)
            pages[i] = replace(page, text=pattern.sub(new, page.text, count=1))
            return replace(doc, pages=pages)
    raise AssertionError(f"not printed: {old}")


# (what is printed, what is planted, rule, the two numbers the finding must name, severity)
PLANTED = [
    ("收入支出总计2995.39万元", "收入支出总计2959.39万元", "narrative_table_figures", ("2959.39", "2995.39"), "error"),
    ("本年收入合计2946.25万元", "本年收入合计2964.25万元", "narrative_table_figures", ("2964.25", "2946.25"), "error"),
    ("本年支出合计2940.05万元", "本年支出合计2904.05万元", "narrative_table_figures", ("2904.05", "2940.05"), "error"),
    ("财政拨款收入2940.05万元", "财政拨款收入2940.50万元", "narrative_table_figures", ("2940.50", "2940.05"), "error"),
    ("人员经费2152.26万元", "人员经费2125.26万元", "narrative_table_figures", ("2125.26", "2152.26"), "error"),
    ("公用经费184.65万元", "公用经费148.65万元", "narrative_table_figures", ("148.65", "184.65"), "error"),
    ("年初预算为0.95万元", "年初预算为1.95万元", "narrative_table_figures", ("1.95", "0.95"), "error"),
    ("元。决算数小于预算数的主要原因：人员进出", "元。决算数大于预算数的主要原因：人员进出",
     "narrative_budget_direction", ("1560.05", "1511.89"), "error"),
    ("年初预算为10.00万元", "年初预算为100.00万元", "narrative_budget_direction", ("100.00", "10.00"), "warning"),
    ("支出决算为0.00万元，完成预算的0%，其中", "支出决算为1.20万元，完成预算的126%，其中",
     "narrative_budget_direction", ("0.95", "1.20"), "error"),
    ("支出决算为135.25万元。决算数小于", "支出决算为135.90万元。决算数小于",
     "narrative_budget_direction", ("135.90", "135.90"), "warning"),
]


@pytest.fixture(scope="module")
def doc():
    return extract_document(PDF)


def _audit(report, doc: ExtractedDocument):
    facts, statements = extract_narrative(doc)
    return run_checks(replace(report, facts=facts, statements=statements))


def test_clean_report_has_no_such_finding(putuo_report, doc):
    checks = _audit(putuo_report, doc)
    assert not [c for c in checks if c.rule == "narrative_budget_direction"]
    # the one narrative figure the publisher got wrong (财政拨款收入支出总计 printed 0.3万元) is the only
    # narrative-versus-table error of the real report
    wrong = [c for c in checks if c.rule == "narrative_table_figures" and c.severity == "error"]
    assert [c.metric for c in wrong] == ["fiscal_total"]


@pytest.mark.parametrize("old,new,rule,numbers,severity", PLANTED, ids=[p[1][:14] for p in PLANTED])
def test_planted_error_is_flagged_with_its_numbers(putuo_report, doc, old, new, rule, numbers, severity):
    clean = {(c.rule, c.metric, c.message) for c in _audit(putuo_report, doc)}
    found = [c for c in _audit(putuo_report, plant(doc, old, new))
             if (c.rule, c.metric, c.message) not in clean and c.severity in ("error", "warning")]
    hits = [c for c in found if c.rule == rule and all(n in c.message for n in numbers)]
    assert hits, f"{new}: not flagged; new findings: {[(c.rule, c.message) for c in found]}"
    assert hits[0].severity == severity, hits[0].message

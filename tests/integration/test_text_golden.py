"""Text exports of the golden seeds: line items against expected/line_items.csv."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.extract.text import extract_text, narrative_text
from juesuan.normalize.text_tables import extract_line_items

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
SEED_004 = "004_e4eb685f5dbf33b3"
SEED_000 = "000_cecd3edf739872c0"


def _expected(stem: str) -> dict[tuple[str, str, str, str], Decimal]:
    with open(GOLDEN / stem / "expected" / "line_items.csv", encoding="utf-8") as f:
        return {(r["table"], r["section"], r["row_code"], r["column"]): Decimal(r["value"])
                for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def result_004():
    doc = extract_text(GOLDEN / f"{SEED_004}.txt")
    return doc, extract_line_items(doc)


def test_004_precision_and_recall(result_004):
    _, (items, _, _, converted) = result_004
    expected = _expected(SEED_004)
    got = {it.key: it.value for it in items}
    assert len(got) == len(items), "one line item per (table, section, row, column)"
    correct = sum(1 for k, v in got.items() if expected.get(k) == v)
    precision = correct / len(got)
    recall = correct / len(expected)
    assert precision >= 0.995, [(k, v, expected.get(k)) for k, v in got.items()
                                if expected.get(k) != v][:20]
    assert recall >= 0.95, sorted(set(expected) - set(got))[:40]
    assert converted is False


def test_004_every_table_read(result_004):
    _, (items, tables, _, _) = result_004
    status = {t.table: t.status for t in tables}
    assert status["fiscal_detail"] == "headers_only"
    assert status["three_public"] == "headers_only"
    assert not [it for it in items if it.table in ("fiscal_detail", "three_public")]
    for tid in ("income_expenditure_summary", "income", "expenditure", "fiscal_summary",
                "general_budget", "general_budget_detail", "basic_expenditure",
                "project_expenditure", "government_fund", "state_capital",
                "state_capital_expenditure"):
        assert status.get(tid) in ("ok", "partial"), tid
    forms = {t.table: t.form for t in tables}
    assert forms["general_budget_detail"] == "财决公开07表"


def test_004_split_tokens_and_arithmetic(result_004):
    _, (items, _, _, _) = result_004
    got = {it.key: it.value for it in items}
    detail = "general_budget_detail"
    assert got[(detail, "", "", "total")] == Decimal("20907.94")  # "20,9 07.9 4"
    assert got[(detail, "", "", "30112")] == Decimal("16.84")  # "16 .8 4"
    assert got[(detail, "", "2080506", "30109")] == Decimal("112.36")  # "0.00 .36" / "112 0"
    assert got[(detail, "", "", "30199")] == Decimal("3863.17")  # not printed: 301 − Σ, Σ类
    assert got[(detail, "", "2101103", "30111")] == Decimal("165.48")  # 款 = Σ项
    assert got[("income", "", "2101101", "operating")] == Decimal("0.00")  # "0.0" + stray "0"


def test_004_unplaced_numbers_reported(result_004):
    _, (_, _, problems, _) = result_004
    unplaced = [p for p in problems if p.code == "unplaced_number"]
    assert unplaced
    assert all(p.table and p.message for p in unplaced)
    assert any(p.table == "general_budget_detail" for p in unplaced)  # the bare 0.00 blocks


def test_004_row_names_and_ids(result_004):
    _, (items, _, _, _) = result_004
    names = {it.key: it.row_name for it in items}
    assert names[("income_expenditure_summary", "income", "general_budget", "amount")] == \
        "一般公共预算财政拨款收入"
    assert names[("income", "", "21208", "total")] == "国有土地使用权出让收入安排的支出"
    assert ("fiscal_summary", "income", "carryover_begin_general_budget", "amount") in names
    assert ("basic_expenditure", "", "personnel_total", "amount") in names


def test_004_narrative(result_004):
    doc, _ = result_004
    text = narrative_text(doc)
    assert "\t" not in text
    assert "\\geqslant" not in text and "$" not in text
    assert "各增加4046.84" in text.replace(" ", "")


def test_000_word_export_has_no_line_items():
    doc = extract_text(GOLDEN / f"{SEED_000}.txt")
    items, tables, problems, converted = extract_line_items(doc)
    assert items == []
    assert converted is False
    assert not [t for t in tables if t.status == "ok"]
    grids = doc.grids()
    assert len(grids) >= 5  # the department table and 5 project self-evaluation tables
    assert any("项目支出绩效自评表" in g.title for g in grids)
    assert all(doc.pages[0].number is None for _ in grids)

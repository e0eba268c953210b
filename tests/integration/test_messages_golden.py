"""What the parser and the audit write for the golden text exports and the real Shanghai PDF:
every problem message (problems.csv) and finding message (checks.csv) is a Chinese sentence
with no English phrase and no machine id (government_fund, grand_total) where a name belongs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from juesuan.pipeline import parse_file, run_audit

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,;:()'?-]+[A-Za-z]{2,}")
MACHINE_ID = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # government_fund, use_non_fiscal_balance
CJK = re.compile(r"[\u4e00-\u9fff]")


def _not_chinese(report) -> list[tuple[str, str]]:
    texts = [(p.code, p.message) for p in report.problems]
    texts += [(c.rule, c.message) for c in run_audit(report, None)]
    return [(code, m) for code, m in texts
            if not CJK.search(m) or ENGLISH.search(m) or MACHINE_ID.search(m)]


@pytest.mark.parametrize("stem", ["000_cecd3edf739872c0", "004_e4eb685f5dbf33b3"])
def test_the_golden_exports_get_chinese_messages(stem):
    report = parse_file(GOLDEN / f"{stem}.txt")
    assert report.problems  # both print problems to talk about (tables listed, numbers not placed)
    assert not _not_chinese(report)


def test_the_unsettled_rows_name_their_table_and_columns():
    report = parse_file(GOLDEN / "004_e4eb685f5dbf33b3.txt")
    unsettled = [p.message for p in report.problems if p.code == "unplaced_number" and "种" in p.message]
    assert unsettled and all(m.startswith("政府性基金预算财政拨款收入支出决算表 ") for m in unsettled)
    assert all("未读取的栏目：基本支出、项目支出。" in m for m in unsettled), unsettled


def test_the_real_report_gets_chinese_messages(putuo_report):
    assert not _not_chinese(putuo_report)

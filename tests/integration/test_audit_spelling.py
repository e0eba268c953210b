"""000 NOTES #9: 涉案财务/涉案财物 and 入口率/入库率 — spelling variants, in every form."""

from pathlib import Path

import pytest

from juesuan.audit import run_checks
from juesuan.pipeline import parse_file

GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden"
FORMS_000 = [GOLDEN / "000_cecd3edf739872c0.txt", GOLDEN / "000_cecd3edf739872c0" / "000_cecd3edf739872c0.pdf",
             GOLDEN / "000_cecd3edf739872c0" / "000_cecd3edf739872c0.docx"]


@pytest.mark.parametrize("source", FORMS_000, ids=["text", "pdf", "docx"])
def test_000_spelling_variants_are_warnings(source: Path) -> None:
    found = [c for c in run_checks(parse_file(source)) if c.rule == "spelling_variants"]
    assert all(c.severity == "warning" for c in found)
    messages = " ".join(c.message for c in found)
    assert "案财务集中”（7处）" in messages and "案财物集中”（1处）" in messages
    assert "入口率" in messages and "入库率" in messages
    assert len(found) == 2


def test_004_has_none() -> None:
    report = parse_file(GOLDEN / "004_e4eb685f5dbf33b3.txt")
    assert not [c for c in run_checks(report) if c.rule == "spelling_variants"]

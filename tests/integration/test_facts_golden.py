"""Narrative facts against the reviewed golden files, in every form of each seed.

A fact matches when metric, Decimal value and unit are equal. Targets: precision ≥ 0.98
and recall ≥ 0.95 per seed and form.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from juesuan.models import ExtractedDocument, Page
from juesuan.normalize.facts import extract_facts

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
SEEDS = ["000_cecd3edf739872c0", "004_e4eb685f5dbf33b3"]
PRECISION, RECALL = 0.98, 0.95


def _text_doc(path: Path) -> ExtractedDocument:
    try:
        from juesuan.extract.text import extract_text
    except ImportError:  # the text extractor is not there yet: one page of raw text
        return ExtractedDocument(path, "text", "", 1, [Page(None, path.read_text("utf-8"))])
    return extract_text(path)


def _pdf_doc(path: Path) -> ExtractedDocument:
    try:
        from juesuan.extract.pdf import extract_pdf
    except ImportError:  # the PDF extractor is not there yet: pdfplumber page texts
        import pdfplumber

        pages = []
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages, start=1):
                pages.append(Page(i, page.extract_text() or ""))
                page.close()
        return ExtractedDocument(path, "pdf", "", len(pages), pages)
    return extract_pdf(path)


def _docx_doc(path: Path) -> ExtractedDocument:
    from juesuan.extract.docx import extract_docx

    return extract_docx(path)


FORMS = {"text": lambda s: _text_doc(GOLDEN / f"{s}.txt"),
         "pdf": lambda s: _pdf_doc(GOLDEN / s / f"{s}.pdf"),
         "docx": lambda s: _docx_doc(GOLDEN / s / f"{s}.docx")}
CASES = [(s, f) for s in SEEDS for f in FORMS
         if f != "docx" or (GOLDEN / s / f"{s}.docx").exists()]


@cache
def _facts(seed: str, form: str):
    return tuple(extract_facts(FORMS[form](seed)))


def _expected(seed: str) -> set[tuple[str, Decimal, str]]:
    with open(GOLDEN / seed / "expected" / "facts.csv", encoding="utf-8") as f:
        return {(r["metric"], Decimal(r["value"]), r["unit"]) for r in csv.DictReader(f)}


@pytest.mark.parametrize("seed,form", CASES)
def test_facts_precision_recall(seed, form):
    got = {(f.metric, f.value, f.unit) for f in _facts(seed, form)}
    expected = _expected(seed)
    hits = got & expected
    precision = len(hits) / len(got) if got else 0.0
    recall = len(hits) / len(expected)
    detail = f"extra={sorted(got - expected)} missing={sorted(expected - got)}"
    assert precision >= PRECISION, f"{seed}/{form} precision {precision:.3f}; {detail}"
    assert recall >= RECALL, f"{seed}/{form} recall {recall:.3f}; {detail}"


@pytest.mark.parametrize("seed,form", CASES)
def test_one_fact_per_metric_with_quote_from_the_text(seed, form):
    facts = _facts(seed, form)
    assert len({f.metric for f in facts}) == len(facts)
    doc_text = "".join(FORMS[form](seed).text.split()) if form == "docx" else None
    for f in facts:
        assert f.quote and "".join(f.quote.split()) == f.quote
        if doc_text is not None:
            assert f.quote in doc_text


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_facts_carry_page_numbers(seed):
    facts = _facts(seed, "pdf")
    assert facts and all(isinstance(f.page, int) and f.page >= 1 for f in facts)

"""Synthetic final-account disclosures for property tests: a seeded, consistent canonical report
(canonical.py, tables.py, narrative.py, projects.py), printed to PDF in many variations
(variations.py, layout*.py, render_pdf.py), with the expected records to compare a parse against.

variations.FAMILIES are the real-world families (REAL-WORLD.md, the Shanghai fixture: header
wording, 目录 pages, blank zeros, split codes, 合计 placement, line numbers, spilled summaries,
title forms, no form codes, traditional script); printing.py words what they print and records it
on the report, so that ``report.line_items()`` after a rendering is exactly what was printed."""

from __future__ import annotations

from pathlib import Path

from .canonical import SyntheticReport, generate_report
from .render_pdf import RenderLog, render_pdf
from .variations import Variation, choose_variation


def make_document(seed: int, out: Path, **override) -> tuple[SyntheticReport, Variation, RenderLog]:
    """Generate the report for a seed, print it to out (a .pdf path) and return all three."""
    v = choose_variation(seed, **override)
    report = generate_report(seed, template=v.template, unit=v.unit)
    log = render_pdf(report, v, out)
    return report, v, log


def report_meta(report: SyntheticReport, source: str = "") -> dict:
    """The report.yml fields for this document."""
    m = report.meta
    return {"agency": m["agency"], "region": list(m["region"]), "sector": m["sector"], "year": m["year"],
            "kind": m["kind"], "published": m["published"], "source": source,
            "template": {"sichuan13": "13张表（财决公开01-13表，合成）", "national9": "9张表（全国模板，合成）"}[report.template]}


__all__ = ["SyntheticReport", "Variation", "RenderLog", "generate_report", "choose_variation", "render_pdf",
           "make_document", "report_meta"]

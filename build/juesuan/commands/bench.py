"""`juesuan bench FILE`: parse speed (ms per page), peak memory and how they scale; for a scan,
the OCR's CPU time per page."""

from __future__ import annotations

from pathlib import Path

import typer


def command(path: Path = typer.Argument(..., help="A disclosure to parse: a PDF (text or scanned) or a scan image."),
            repeat: int = typer.Option(3, help="Timed runs; the best one is reported (a scan is read once)."),
            scaling: bool = typer.Option(True, help="Also parse ¼, ½, 1× and 2× the pages (text PDFs).")) -> None:
    """Time extraction + line items of one file; show that memory stays flat with page count, and
    the OCR time per page of a scan."""
    from rich.console import Console
    from rich.table import Table

    from juesuan.bench import bench_parse, bench_scaling
    from juesuan.extract.document import detect_format
    from juesuan.extract.pdf import page_count

    out = Console()
    results = [bench_parse(path, repeat)]
    if scaling and detect_format(path) == "pdf" and not results[0].ocr_pages:
        n = page_count(path)
        sizes = sorted({max(1, n // 4), max(1, n // 2), 2 * n})
        results += bench_scaling(path, sizes, repeat=max(1, min(repeat, 2)))
        results.sort(key=lambda r: r.pages)
    table = Table("pages", "CPU ms/page", "OCR pages", "OCR CPU ms/page", "peak RSS MB", "peak Python MB",
                  "line items", title=f"juesuan bench {path.name}")
    for r in results:
        traced = "—" if r.peak_traced_mb != r.peak_traced_mb else f"{r.peak_traced_mb:.1f}"  # NaN: not traced
        table.add_row(str(r.pages), f"{r.ms_per_page:.1f}", str(r.ocr_pages),
                      f"{r.ocr_ms_per_page:.0f}" if r.ocr_pages else "—", f"{r.peak_rss_mb:.0f}", traced,
                      str(r.line_items))
    out.print(table)

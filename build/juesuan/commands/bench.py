"""`juesuan bench PDF`: parse speed (ms per page) and peak memory, and how they scale."""

from __future__ import annotations

from pathlib import Path

import typer


def command(path: Path = typer.Argument(..., help="A PDF disclosure to parse."),
            repeat: int = typer.Option(3, help="Timed runs; the best one is reported."),
            scaling: bool = typer.Option(True, help="Also parse ¼, ½, 1× and 2× the pages.")) -> None:
    """Time extraction + line items of one PDF; show that memory stays flat with page count."""
    from rich.console import Console
    from rich.table import Table

    from juesuan.bench import bench_parse, bench_scaling
    from juesuan.extract.pdf import page_count

    out = Console()
    results = [bench_parse(path, repeat)]
    if scaling:
        n = page_count(path)
        sizes = sorted({max(1, n // 4), max(1, n // 2), 2 * n})
        results += bench_scaling(path, sizes, repeat=max(1, min(repeat, 2)))
        results.sort(key=lambda r: r.pages)
    table = Table("pages", "CPU ms/page", "peak RSS MB", "peak Python MB", "line items",
                  title=f"juesuan bench {path.name}")
    for r in results:
        table.add_row(str(r.pages), f"{r.ms_per_page:.1f}", f"{r.peak_rss_mb:.0f}",
                      f"{r.peak_traced_mb:.1f}", str(r.line_items))
    out.print(table)

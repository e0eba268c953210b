"""Parse speed and memory: ms per page and peak memory of extract + line items + identity checks,
and for a scan the OCR's share (CPU ms per OCR'd page, extract/ocr.STATS).

``bench_parse`` times one file (best of ``repeat`` runs) and measures memory in a
fresh process (peak RSS, and the peak of Python allocations with tracemalloc), so
that runs do not disturb each other. ``bench_scaling`` does the same for the first N
pages and for the file repeated, to show that memory does not grow with page count.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BenchResult:
    path: str
    pages: int
    ms_per_page: float  # CPU time on one core, best of the repeats
    peak_rss_mb: float  # whole process, including PDFium's C allocations
    peak_traced_mb: float  # Python allocations during one parse (tracemalloc)
    line_items: int
    ocr_pages: int = 0  # pages read by OCR in one parse
    ocr_ms_per_page: float = 0.0  # CPU time in the OCR engine per OCR'd page (one run)


def _parse(path: Path) -> tuple[int, int]:
    from juesuan.extract.document import extract_document
    from juesuan.normalize.tables import extract_line_items
    from juesuan.normalize.verify import verify

    doc = extract_document(path)  # with the one text normalisation pass
    items, tables, _, _ = extract_line_items(doc)
    items, _, _ = verify(items, tables)  # the identity checks are part of parsing
    return doc.page_count, len(items)


def _measure(path: str, repeat: int) -> BenchResult:
    """Runs in a fresh process: timings first, then one traced run for memory. A scan (pages read
    by OCR, seconds each) is parsed once and not traced: its figure is the OCR's."""
    import juesuan.extract.pdf  # noqa: F401  imports are not part of the parse time
    import juesuan.normalize.tables  # noqa: F401
    import juesuan.normalize.verify  # noqa: F401
    from juesuan.extract.ocr import STATS

    best, pages, items, ocr_pages, ocr_cpu = float("inf"), 0, 0, 0, 0.0
    for _ in range(max(1, repeat)):
        ocr_before = (STATS.pages, STATS.cpu_seconds)
        start = time.process_time()  # CPU time: robust to other processes on the machine
        pages, items = _parse(Path(path))
        best = min(best, time.process_time() - start)
        ocr_pages = STATS.pages - ocr_before[0]
        if ocr_pages:
            ocr_cpu = STATS.cpu_seconds - ocr_before[1]
            break  # a scan is timed once: its OCR takes seconds a page
    traced = float("nan")
    if not ocr_pages:
        tracemalloc.start()
        _parse(Path(path))
        _, traced = tracemalloc.get_traced_memory()
        traced /= 2**20
        tracemalloc.stop()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return BenchResult(path, pages, 1000 * best / max(1, pages), rss_kb / 1024, traced, items, ocr_pages,
                       1000 * ocr_cpu / ocr_pages if ocr_pages else 0.0)


def bench_parse(path: Path, repeat: int = 3) -> BenchResult:
    """ms per page (best of ``repeat``) and peak memory for one PDF, in a fresh process."""
    with mp.get_context("spawn").Pool(1) as pool:
        return pool.apply(_measure, (str(path), repeat))


def subset_pdf(path: Path, pages: int, out: Path) -> Path:
    """The first ``pages`` pages of ``path``, the file repeated as often as needed."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(path))
    dst = pdfium.PdfDocument.new()
    try:
        n = len(src)
        while len(dst) < pages:
            take = min(n, pages - len(dst))
            dst.import_pages(src, list(range(take)))
        dst.save(str(out))
    finally:
        dst.close()
        src.close()
    return out


def bench_scaling(path: Path, sizes: list[int], repeat: int = 1) -> list[BenchResult]:
    """bench_parse on the first N pages for each N (beyond the file: the file repeated)."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            part = subset_pdf(Path(path), n, Path(tmp) / f"first_{n}.pdf")
            results.append(bench_parse(part, repeat))
    return results

"""What a scan costs and how it shows: the OCR of one page has a time limit (``ocr_page_seconds``)
and its image a size limit (``ocr_max_pixels``), both in schemas/limits.yaml; every page read by
OCR is an ``ocr_page`` hint in problems.csv and a notice on the report's page; the OCR libraries
are part of the parser's fingerprint, so a new engine or model re-parses the corpus."""

from __future__ import annotations

import html
import random
from pathlib import Path

import pytest
from PIL import Image

from juesuan.errors import UnreadableDocument
from juesuan.models import ExtractedDocument, Page

from test_ocr_engine import text_image


def _scan_files(tmp_path: Path) -> dict[str, Path]:
    """One line of text as a PNG and as an image-only PDF (no text layer)."""
    img = Image.fromarray(text_image(tmp_path, "一般公共预算财政拨款收入 1234.56"))
    png, pdf = tmp_path / "扫描页.png", tmp_path / "扫描件.pdf"
    img.save(png, dpi=(200, 200))
    page = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi, the line near the top
    page.paste(img, (100, 100))
    page.save(pdf, "PDF", resolution=200)
    return {"image": png, "pdf": pdf}


@pytest.mark.parametrize("kind", ["image", "pdf"])
def test_ocr_past_its_time_limit_is_one_line_naming_file_and_page(tmp_path, monkeypatch, kind):
    from juesuan.extract.document import extract_document

    path = _scan_files(tmp_path)[kind]
    monkeypatch.setenv("JUESUAN_LIMIT_OCR_PAGE_SECONDS", "0.001")
    with pytest.raises(UnreadableDocument) as info:
        extract_document(path)
    line = str(info.value)
    assert "\n" not in line and str(path) in line and "第1页" in line, line
    assert "OCR" in line and "ocr_page_seconds" in line and "JUESUAN_LIMIT_OCR_PAGE_SECONDS" in line, line


def test_ocr_within_its_time_limit_reads_the_page(tmp_path):
    from juesuan.extract.document import extract_document

    doc = extract_document(_scan_files(tmp_path)["pdf"])  # the default limit: the page is read
    assert doc.pages[0].ocr and "1234.56" in doc.pages[0].text


def test_large_pages_are_scaled_to_the_pixel_limit(tmp_path, monkeypatch):
    """A page (PDF) or image file over ``ocr_max_pixels`` is read smaller, at the dpi it is read at."""
    from juesuan.extract import scan
    from juesuan.extract.document import extract_document

    cap = 400_000
    monkeypatch.setenv("JUESUAN_LIMIT_OCR_MAX_PIXELS", str(cap))
    seen: list[tuple[tuple[int, int], int]] = []

    def record(image, number, total, path, dpi=scan.DPI):
        seen.append((image.size, dpi))
        return Page(number=number, text="决算", ocr=True)

    monkeypatch.setattr(scan, "timed_read", record)
    files = _scan_files(tmp_path)
    extract_document(files["pdf"])
    (w, h), dpi = seen[-1]
    assert w * h <= cap * 1.01 and dpi < scan.DPI and abs(w - 8.27 * dpi) < 0.02 * w, seen  # A4 at that dpi
    frames = scan.image_frames(files["image"])
    assert frames[0].width * frames[0].height <= cap * 1.01
    monkeypatch.delenv("JUESUAN_LIMIT_OCR_MAX_PIXELS")
    assert scan.fit_pixels(595, 842, scan.DPI / 72) == scan.DPI / 72  # an A4 page at 200 dpi: as it is


def test_ocr_pages_are_hints_and_a_notice_on_the_report_page(tmp_path):
    from juesuan.extract.scan import ocr_problems
    from juesuan.package.writer import write_package
    from juesuan.problems import problem
    from juesuan.render.describe import ocr_pages
    from juesuan.render.load import load_corpus
    from juesuan.render.model import build_corpus
    from juesuan.render.pages import Renderer
    from juesuan.render.samples import synthetic_report

    assert problem("ocr_page").cells_not_read is False  # the page was read: its sums still count
    doc = ExtractedDocument(source=tmp_path / "x.pdf", format="pdf", sha256="0", page_count=6,
                            pages=[Page(number=n, text="", ocr=n != 4) for n in range(1, 7)])
    hints = ocr_problems(doc)
    assert [(p.code, p.page) for p in hints] == [("ocr_page", n) for n in (1, 2, 3, 5, 6)]
    assert all("OCR" in p.message and f"第{p.page}页" in p.message for p in hints)

    report = synthetic_report(random.Random(7), 1, 2024)
    report.problems = [*hints[:3], hints[3], *report.problems]
    out = write_package(report, tmp_path / "packages" / report.meta.slug / "2024")
    rows = (out / "problems.csv").read_text("utf-8")
    assert sum(1 for line in rows.splitlines() if line.startswith("ocr_page,")) == 4, rows
    pkg = load_corpus(tmp_path / "packages")[0]
    assert ocr_pages(pkg.rows["problems"]) == "1–3、5"
    page = Renderer(build_corpus([pkg]), tmp_path / "reports").report_page(pkg)
    text = html.unescape(page.text + "".join(page.fragments.values()))
    assert "扫描件：由 OCR 识别的页面" in text and "原始文件第 1–3、5 页是没有文字层的扫描图像" in text, text[:3000]
    assert ocr_pages([]) == ""


def test_a_report_without_scans_has_no_notice(tmp_path):
    from juesuan.package.writer import write_package
    from juesuan.render.load import load_corpus
    from juesuan.render.model import build_corpus
    from juesuan.render.pages import Renderer
    from juesuan.render.samples import synthetic_report

    report = synthetic_report(random.Random(7), 1, 2024)
    write_package(report, tmp_path / "packages" / report.meta.slug / "2024")
    pkg = load_corpus(tmp_path / "packages")[0]
    page = Renderer(build_corpus([pkg]), tmp_path / "reports").report_page(pkg)
    assert "OCR" not in page.text


def test_the_ocr_libraries_are_in_the_parser_fingerprint(monkeypatch):
    """rapidocr and OpenCV are found from the imports, onnxruntime (reached only through rapidocr)
    is declared; a new version of any of them changes the parser's fingerprint. (The hash is taken
    over the libraries alone here: the tree's code and schemas may change while the test runs.)"""
    from importlib import metadata

    from juesuan import fingerprint as fp

    _, third = fp.stage_modules(fp.PARSE_CODE)
    names = {d.split("==")[0].lower() for d in fp._distributions(third)}
    assert {"rapidocr", "onnxruntime", "opencv-python-headless", "pyclipper", "shapely"} <= names, names
    monkeypatch.setattr(fp, "stage_modules", lambda parts, root=None: ({}, third))
    monkeypatch.setattr(fp, "_data_files", lambda folder: [])
    fp._code_hash.cache_clear()
    before = fp.fingerprint(fp.PARSE_CODE)
    real = metadata.version
    try:
        for lib in ("rapidocr", "onnxruntime", "opencv-python-headless"):
            monkeypatch.setattr(metadata, "version", lambda d, lib=lib: "0.0.0-test" if d == lib else real(d))
            fp._code_hash.cache_clear()
            assert fp.fingerprint(fp.PARSE_CODE) != before, lib
        monkeypatch.setattr(metadata, "version", real)
        fp._code_hash.cache_clear()
        assert fp.fingerprint(fp.PARSE_CODE) == before
    finally:
        fp._code_hash.cache_clear()  # the next user hashes the real code again

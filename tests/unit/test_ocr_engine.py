"""The OCR engine runs on the models inside the pinned `rapidocr` wheel: no network, no download,
on first use or later; image files are dispatched to it."""

from __future__ import annotations

import socket

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from juesuan.extract import ocr
from juesuan.extract.document import detect_format


def text_image(tmp_path, text: str) -> np.ndarray:
    """A line of Chinese text drawn by reportlab and rendered by PDFium at 200 dpi."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "line.pdf"
    c = canvas.Canvas(str(path), pagesize=(400, 60))
    c.setFont("STSong-Light", 14)
    c.drawString(20, 25, text)
    c.save()
    pdf = pdfium.PdfDocument(str(path))
    try:
        return np.asarray(pdf[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L"))
    finally:
        pdf.close()


def test_models_ship_in_the_wheel():
    for name in ocr.MODELS.values():
        assert (ocr.model_dir() / name).stat().st_size > 1_000_000


def test_engine_reads_without_network(tmp_path, monkeypatch):
    """With every connection refused and the library's downloader broken, a fresh engine starts
    and reads: the models and the character list come from the installed package."""
    from rapidocr.utils import download_file

    def refuse(*a, **k):
        raise AssertionError("the OCR engine tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(download_file.DownloadFile, "run", classmethod(refuse))
    ocr.engine.cache_clear()
    try:
        boxes = ocr.read_text(text_image(tmp_path, "一般公共预算财政拨款收入 1234.56"))
    finally:
        ocr.engine.cache_clear()  # the next test builds its own, with the network as it is
    text = "".join(b.text for b in boxes)
    assert "财政拨款" in text and "1234.56" in text, text
    assert all(b.x0 < b.x1 and b.top < b.bottom for b in boxes)


@pytest.mark.parametrize("suffix, fmt", [(".png", "PNG"), (".jpg", "JPEG"), (".tif", "TIFF")])
def test_image_files_are_scans(tmp_path, suffix, fmt):
    path = tmp_path / f"page{suffix}"
    Image.new("L", (50, 50), 255).save(path, fmt)
    assert detect_format(path) == "image"
    renamed = path.rename(tmp_path / "page.bin")  # by content, not by name
    assert detect_format(renamed) == "image"


def test_image_frames_at_the_reading_resolution(tmp_path):
    from juesuan.extract.scan import DPI, image_frames

    path = tmp_path / "two.tif"
    pages = [Image.new("L", (900, 1200), 255), Image.new("L", (900, 1200), 200)]
    pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], dpi=(300, 300))
    frames = image_frames(path)
    assert len(frames) == 2 and frames[0].size == (round(900 * DPI / 300), round(1200 * DPI / 300))


def test_blank_image_is_one_clear_line(tmp_path):
    from juesuan.errors import UnreadableDocument
    from juesuan.extract.document import extract_document

    path = tmp_path / "空白.png"
    rng = np.random.default_rng(1)
    noise = np.clip(250 + rng.normal(0, 4, (600, 450)), 0, 255).astype(np.uint8)
    Image.fromarray(noise).save(path)
    with pytest.raises(UnreadableDocument) as info:
        extract_document(path)
    line = str(info.value)
    assert "\n" not in line and str(path) in line and "OCR" in line and "第1页" in line


def test_corrupt_image_is_one_clear_line(tmp_path):
    from juesuan.errors import UnreadableDocument
    from juesuan.extract.document import extract_document

    path = tmp_path / "broken.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    with pytest.raises(UnreadableDocument) as info:
        extract_document(path)
    assert str(path) in str(info.value) and "图像" in str(info.value)

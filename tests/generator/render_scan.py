"""Render a generated PDF as a scan: every page rasterised with PDFium, turned by a slight angle
(0.3–1°, either way), speckled with noise and a little blur, and saved as an image-only PDF
(Pillow writes one JPEG page per image, no text layer), as a photocopied disclosure would be
published. Also a blank scan (white pages with noise only) for the bad-input suite.

The angle and the noise come from the seed, so a scan is reproducible; ``ScanStyle.describe``
says what was done for a failure report."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

DPI = 200  # what a scanner's "document" setting gives


@dataclass(frozen=True)
class ScanStyle:
    angle: float  # degrees, counter-clockwise; |angle| in [0.3, 1.0]
    noise: float  # standard deviation of the grey-level noise (0–255)
    speckle: float  # share of pixels turned black or white at random
    blur: float  # Gaussian blur radius in pixels
    dpi: int = DPI

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())


def choose_style(seed: int, **override) -> ScanStyle:
    rng = random.Random(f"scan-style-{seed}")
    s = dict(angle=round(rng.choice([-1, 1]) * rng.uniform(0.3, 1.0), 2), noise=round(rng.uniform(4, 14), 1),
             speckle=round(rng.uniform(0.0002, 0.0015), 5), blur=round(rng.uniform(0.0, 0.6), 2))
    s.update(override)
    return ScanStyle(**s)


def degrade(img: Image.Image, style: ScanStyle, rng: np.random.Generator) -> Image.Image:
    """A page image as a scanner returns it: turned, blurred, noisy, in grey."""
    img = img.convert("L").rotate(style.angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if style.blur:
        img = img.filter(ImageFilter.GaussianBlur(style.blur))
    a = np.asarray(img, dtype=np.float32)
    a = a + rng.normal(0, style.noise, a.shape)
    spots = rng.random(a.shape)
    a[spots < style.speckle / 2] = 0
    a[spots > 1 - style.speckle / 2] = 255
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def save_image_pdf(pages: list[Image.Image], out: Path, dpi: int) -> Path:
    out = Path(out)
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=85)
    return out


def render_scan(pdf_path: Path, out: Path, style: ScanStyle, seed: int = 0,
                pages: list[int] | None = None) -> Path:
    """The PDF at pdf_path (1-based ``pages``, default all) as an image-only PDF at out."""
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(str(pdf_path))
    images = []
    try:
        for index in (range(len(pdf)) if pages is None else [p - 1 for p in pages]):
            page = pdf[index]
            bitmap = page.render(scale=style.dpi / 72, grayscale=True)
            images.append(degrade(bitmap.to_pil(), style, rng))
            page.close()
    finally:
        pdf.close()
    return save_image_pdf(images, out, style.dpi)


def render_blank_scan(out: Path, style: ScanStyle, pages: int = 1, seed: int = 0) -> Path:
    """White A4 pages with the scanner's noise and nothing printed."""
    rng = np.random.default_rng(seed)
    w, h = round(8.27 * style.dpi), round(11.69 * style.dpi)
    images = [degrade(Image.new("L", (w, h), 255), style, rng) for _ in range(pages)]
    return save_image_pdf(images, out, style.dpi)

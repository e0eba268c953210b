"""The OCR engine: RapidOCR (PP-OCR detection and recognition models run by ONNX Runtime).

The models ship inside the pinned `rapidocr` wheel (rapidocr/models/*.onnx, the recognition
model carries its own character list), so nothing is downloaded at run time: the engine is
built from those files only, and refuses to start when one is missing rather than letting the
library fetch it. One engine per process, built on first use. ``STATS`` counts the pages read
and the CPU time spent in the engine, for `juesuan bench`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from juesuan.errors import UnreadableDocument

log = logging.getLogger(__name__)

MIN_SCORE = 0.5  # recognitions below this confidence are dropped
# the models inside the wheel (PP-OCRv6 small detection and recognition, PP-OCRv4 direction)
MODELS = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx"}


@dataclass(frozen=True)
class TextBox:
    """One recognised run of text, in pixels of the image it was read from."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float
    parts: tuple[TextBox, ...] = ()  # its characters or words, where the engine gives them

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class OcrStats:
    pages: int = 0
    cpu_seconds: float = 0.0

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.cpu_seconds / self.pages if self.pages else 0.0


STATS = OcrStats()


def model_dir() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).parent / "models"


@lru_cache(maxsize=1)
def engine():
    """The RapidOCR engine on the packaged model files (explicit paths: no download)."""
    from rapidocr import RapidOCR

    root = model_dir()
    missing = [name for name in MODELS.values() if not (root / name).is_file()]
    if missing:
        raise UnreadableDocument(root, f"OCR 模型文件缺失 (OCR model files missing: {', '.join(missing)})",
                                 fix="reinstall the pinned package: `pip install --force-reinstall rapidocr`")
    params = {"Global.log_level": "error", "Global.use_cls": False, "Global.max_side_len": 4000,
              "Global.text_score": MIN_SCORE, "Global.return_word_box": True,
              # one thread: CPU time is not spent spinning; a build runs reports in parallel
              "EngineConfig.onnxruntime.intra_op_num_threads": 1,
              "EngineConfig.onnxruntime.inter_op_num_threads": 1}
    for task, name in MODELS.items():
        params[f"{task}.model_path"] = str(root / name)
    return RapidOCR(params=params)


def read_text(image: np.ndarray) -> list[TextBox]:
    """Every text run on a grey or RGB page image, as boxes (axis-aligned hulls of the detected
    quadrilaterals), in the engine's reading order."""
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    run = engine()  # built once per process, outside the time counted
    start = time.process_time()
    # the stages every call (the engine keeps what the last call asked for: see recognise)
    result = run(np.ascontiguousarray(image), use_det=True, use_cls=False, use_rec=True)
    STATS.pages += 1
    STATS.cpu_seconds += time.process_time() - start
    if result.boxes is None or result.txts is None:
        return []
    words = result.word_results or ((),) * len(result.txts)
    out = []
    for quad, text, score, parts in zip(result.boxes, result.txts, result.scores, words, strict=False):
        text = text.strip()
        if not text or score < MIN_SCORE:
            continue
        box = _box(text, quad, score)
        pieces = tuple(_box(t, q, s) for t, s, q in parts if t.strip())
        if "".join(p.text for p in pieces) == text.replace(" ", ""):
            box = TextBox(box.text, box.x0, box.top, box.x1, box.bottom, box.score, pieces)
        out.append(box)
    return out


def _box(text: str, quad, score: float) -> TextBox:
    q = np.asarray(quad, dtype=float)
    return TextBox(text.strip(), float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()),
                   float(q[:, 1].max()), float(score))


def recognise(image: np.ndarray) -> tuple[str, float]:
    """The text of one line's crop (recognition only, no detection) and its confidence."""
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    run = engine()
    start = time.process_time()
    result = run(np.ascontiguousarray(image), use_det=False, use_cls=False, use_rec=True)
    STATS.cpu_seconds += time.process_time() - start
    txts = getattr(result, "txts", None)
    scores = getattr(result, "scores", None)
    if not txts:
        return "", 0.0
    return str(txts[0]).strip(), float(scores[0]) if scores else 0.0

"""Short Chinese texts about a page or a report: the meta description of each page, the
parser hints' titles (schemas/problems.yaml, the problem-code registry), the warning on an
original file flagged for active content, the pages read by OCR, and a parser hint's message as
a reader sees it."""

from __future__ import annotations

import re
from typing import Any

_CJK = re.compile(r"[\u4e00-\u9fff]")
_TRAILING_EN = re.compile(r"\s*\(([^()\u4e00-\u9fff]*)\)\s*$")  # "…未印出 (total score not printed)"
DESCRIPTION_MAX = 150


def report_description(pkg: Any) -> str:
    """'上海市普陀区财政局2024年度部门决算的开放数据：…' (≤ 150 characters)."""
    kind = pkg.meta.get("kind") or "决算"
    where = "、".join(r for r in dict.fromkeys(pkg.region) if r)
    text = (f"{pkg.agency}{pkg.year}年度{kind}的开放数据：收入、支出、财政拨款、三公经费、项目绩效与审核结果，"
            f"每个数字附原文出处。{('地区：' + where + '。') if where else ''}")
    return text[:DESCRIPTION_MAX]


def problem_titles() -> dict[str, str]:
    """problem code → Chinese title, from the problem-code registry (schemas/problems.yaml)."""
    from juesuan.problems import registry

    return {c.id: c.title for c in registry().values()}


def problem_explanations() -> dict[str, str]:
    """problem code → its one-sentence Chinese explanation (shown when a hint has no Chinese text)."""
    from juesuan.problems import registry

    return {c.id: c.explanation for c in registry().values()}


def hint_text(message: str) -> str:
    """A parser hint's message without the English gloss its Chinese sentence carries; ""
    when the message has no Chinese sentence at all (the page then shows the code's title)."""
    text = _TRAILING_EN.sub("", str(message or "")).strip()
    return text if _CJK.search(text) and not re.search(r"[A-Za-z]{4,}\s+[A-Za-z]{3,}", text) else ""


def active_content(meta: dict[str, Any]) -> dict[str, list[str]]:
    """file name → what active content it carries, in Chinese ("JavaScript 脚本", "嵌入的文件" …),
    from the package's ``juesuan.report.active_content`` ([{file, kinds}], extract/pdf_active.py);
    {} when no file is flagged."""
    from juesuan.extract.pdf_active import LABELS

    out: dict[str, list[str]] = {}
    for entry in meta.get("active_content") or []:
        if isinstance(entry, dict) and entry.get("kinds"):
            kinds = [_TRAILING_EN.sub("", LABELS.get(str(k), str(k))) for k in entry["kinds"]]
            out[str(entry.get("file") or "")] = kinds
    return out


def ocr_pages(problems: list[dict[str, Any]]) -> str:
    """The pages read by OCR (the package's ``ocr_page`` hints) as "1–3、7"; "" when none was."""
    pages = sorted({int(p["page"]) for p in problems if p.get("code") == "ocr_page" and p.get("page")})
    runs: list[list[int]] = []
    for n in pages:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)

"""How far each published number is verified, as the site says it.

The data contract (schemas/resources.yaml):

* ``line_items.status`` per cell: ``verified`` (the cell takes part in an identity of the
  template — total = Σ parts, a cross-table equality — that holds within the rounding
  envelope), ``unverified`` (no identity covers it), ``contradicted`` (the identities it
  takes part in fail);
* ``tables.csv``: ``identities`` evaluated on the table, ``identities_held``, ``note``, and
  ``status = withheld`` for a table whose reading broke most of its identities (none of its
  cells is published).

Packages written before these columns existed have none of them: a missing or empty status
is *unknown*, and the site then shows nothing about verification (no legend, no marks).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from markupsafe import Markup

from juesuan.render.fmt import esc
from juesuan.render.load import Package

# status → (label, meaning): the legend's wording, also the cells' hover text
CELL = {
    "verified": ("已核验", "参与的勾稽关系成立"),
    "unverified": ("未核验", "没有勾稽关系覆盖"),
    "contradicted": ("有矛盾", "参与的勾稽关系不成立"),
}
# the cells that carry a mark (verified cells stay plain); the mark itself is drawn by the
# stylesheet (juesuan.css: td.jc-uv::after "○", td.jc-x::after "!") so a copied table stays numbers
CELL_CLASS = {"unverified": "jc-uv", "contradicted": "jc-x"}
MARK = {"verified": "✓", "unverified": "○", "contradicted": "!"}
TABLE_STATUS = {"ok": "已读取", "headers_only": "仅列表头", "partial": "部分读取", "withheld": "已扣留"}
# the data dictionary's Chinese description of the verification fields (resources.yaml says it in English)
FIELD_NOTES = {
    ("line_items", "status"): (
        "每个数字的核验状态。verified（已核验）：该数字参与的表样勾稽关系（合计 = 各项之和、表与表之间应相等的数字）"
        "在四舍五入误差范围内成立；unverified（未核验）：没有勾稽关系覆盖该数字；"
        "contradicted（有矛盾）：该数字参与的勾稽关系不成立。"),
    ("tables", "status"): (
        "ok（已读取）；headers_only（原文仅列表头，未列数据）；partial（部分数据未能读取）；"
        "withheld（已扣留：表已读取，但读出的数字使本表多数勾稽关系不成立，为免发布错误数字，"
        "本表的数字一个也不公开，line_items.csv 与 tables/ 中都没有这张表）。"),
    ("tables", "identities"): "对本表核对的勾稽关系条数：本表内的加总关系，以及本表参与的表间相等关系。",
    ("tables", "identities_held"): "其中在四舍五入误差范围内成立的条数（n 项相加的合计，容差为 (n+1) × 0.005 万元）。",
    ("tables", "note"): "表被扣留或只读取了一部分的原因（一句中文）。",
}
# the report page's download labels of the two files that carry the verification
DOWNLOAD_LABELS = {
    "line_items.csv": "line_items.csv（全部表格单元格，长表，含每个数字的核验状态）",
    "tables.csv": "tables.csv（表格位置与页码、勾稽关系核验结果、扣留的表及原因）",
}
WITHHELD_TEXT = ("本表已读取，但读出的数字使本表多数勾稽关系不成立，为免发布错误的数字，"
                 "本表的数字不予公开，请以原文为准。")


def cell_title(status: str) -> str:
    label, meaning = CELL[status]
    return f"{label}：{meaning}"


def cell_hover(status: str) -> str:
    """A marked cell's title: the label alone for the (possibly many) unverified cells, so a
    table of them stays light; the meaning too for the (few) contradicted ones."""
    return cell_title(status) if status == "contradicted" else CELL[status][0]


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def cell_statuses(pkg: Package) -> dict[str, dict[tuple[str, str, str], str]]:
    """table → {(section, row_code, column): status}, only the known statuses."""
    out: dict[str, dict[tuple[str, str, str], str]] = {}
    for r in pkg.rows.get("line_items", []):
        s = r.get("status") or ""
        if s in CELL:
            out.setdefault(r["table"], {})[(r.get("section") or "", r["row_code"], r["column"])] = s
    return out


def verification_known(pkg: Package) -> bool:
    """Whether the page should speak of verification at all (legend, per-table lines)."""
    if any((r.get("status") or "") in CELL for r in pkg.rows.get("line_items", [])):
        return True
    return any(t.get("status") == "withheld" or (_int(t.get("identities")) or 0) > 0
               for t in pkg.rows.get("tables", []))


def table_verification(info: dict[str, Any], statuses: dict[tuple[str, str, str], str]) -> dict[str, Any]:
    """What a table's verification line says, from its tables.csv row and its cells' statuses.

    ``text`` is "" when nothing is known (an old package, or a table the parser did not check).
    """
    n, held = _int(info.get("identities")), _int(info.get("identities_held"))
    counts = Counter(statuses.values())
    summary = ""
    if n:
        held = min(max(held or 0, 0), n)
        summary = f"{n} 项中 {held} 项成立" if held < n else f"{n} 项全部成立"
    elif n == 0 and counts:
        summary = "本表没有可核对的勾稽关系"
    cells = "，".join(f"{CELL[s][0]}的数字 {counts[s]} 个" for s in ("contradicted", "unverified") if counts.get(s))
    text = "；".join(x for x in (f"勾稽关系：{summary}" if summary else "", cells) if x)
    return {"identities": n, "identities_held": held if n else None, "counts": dict(counts),
            "summary": summary, "cells": cells, "text": text,
            "bad": bool(counts.get("contradicted")) or bool(n and held is not None and held < n)}


def legend(more: str = "") -> Markup:
    """The one legend of a report page's table marks; ``more``: the link to the method page."""
    swatch = {"verified": '<span class="jc-mk jc-mk-v">无标记</span>',
              "unverified": f'<span class="jc-mk jc-mk-uv">{MARK["unverified"]}</span>',
              "contradicted": f'<span class="jc-mk jc-mk-x">{MARK["contradicted"]}</span>'}
    keys = "".join(f'<span class="jc-key">{swatch[s]} {cell_title(s)}</span>' for s in CELL)
    link = f' <a href="{esc(more)}#verification">什么是勾稽关系</a>' if more else ""
    return Markup(f'<p class="jc-legend" data-search-exclude="1"><b>表中数字的核验状态：</b>{keys}{link}</p>')


def withheld_note(note: str) -> Markup:
    text = WITHHELD_TEXT + (f"原因：{esc(note)}" if note else "")
    return Markup(f'<p class="jc-withheld" role="note"><b>{TABLE_STATUS["withheld"]}</b> {text}</p>')

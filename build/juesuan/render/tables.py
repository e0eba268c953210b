"""Each standard table of a report as a readable HTML table, from its wide CSV.

A cell whose status (line_items.csv) is ``unverified`` or ``contradicted`` gets a class and
a hover title (see juesuan.render.status); verified cells and cells of packages without
statuses stay plain. A withheld table shows no cells, only why.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from markupsafe import Markup

from juesuan import spec
from juesuan.package.writer import table_order
from juesuan.render.fmt import esc, num
from juesuan.render.load import Package, dec
from juesuan.render.provenance import Provenance
from juesuan.render.status import (CELL_CLASS, TABLE_STATUS, cell_hover, cell_statuses, table_verification,
                                   withheld_note)

SECTION = {"income": "收入", "expenditure": "支出", "": ""}  # the two sides of a two-sided table


def _titles(pkg: Package, table_id: str) -> dict[str, str]:
    for res in pkg.descriptor.get("resources", []):
        if res.get("name") == f"table_{table_id}":
            return {f["name"]: str(f.get("title") or f["name"]) for f in res["schema"]["fields"]}
    return {}


def _shown_title(title: str) -> str:
    """A column title as a reader sees it: the contract's English note dropped
    ('金额 (income side)' → '金额'; the section heading says which side)."""
    return title.split(" (")[0].strip() or title


def _indent(code: str) -> str:
    """类/款/项 (3/5/7 digits) and 301/30101 economic codes get increasing indents."""
    if code.isdigit():
        return {5: "l2", 7: "l3"}.get(len(code), "l1")
    return "l1"


def _cell(value: str, status: str | None, place: tuple[str, str] = ("", "")) -> str:
    """One value cell; ``place``: (link to the original at the cell's page, hover text)."""
    text = num(dec(value)) if value != "" else ""
    href, where = place
    if text and href:  # (a source without pages: the table's source line says so, once)
        text = f'<a class="jc-src" href="{esc(href)}" title="{esc(where)}">{text}</a>'
    cls = CELL_CLASS.get(status or "")
    if cls is None or text == "":
        return f"<td>{text}</td>"
    return f'<td class="{cls}" title="{cell_hover(str(status))}">{text}</td>'


def cell_places(pkg: Package, prov: Provenance | None) -> dict[str, dict[tuple[str, str, str], tuple[str, str]]]:
    """table → {(section, row_code, column): (link, hover text)} from line_items.csv."""
    out: dict[str, dict[tuple[str, str, str], tuple[str, str]]] = {}
    if prov is None or not prov.sources:
        return out
    for r in pkg.rows.get("line_items", []):
        out.setdefault(r["table"], {})[(r.get("section") or "", r["row_code"], r["column"])] = (
            prov.href(r) if prov.pinpoints(r) else "", prov.title(r))
    return out


def render_table(pkg: Package, table_id: str, path: Path,
                 statuses: dict[tuple[str, str, str], str] | None = None,
                 places: dict[tuple[str, str, str], tuple[str, str]] | None = None) -> Markup:
    """The table's wide CSV as HTML; ``statuses``: (section, row_code, column) → cell status;
    ``places``: the same key → (link to the original at its page, hover text)."""
    statuses = statuses or {}
    places = places or {}
    with Path(path).open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        rows = list(reader)
    titles = _titles(pkg, table_id)
    two_sided = bool(header) and header[0] == "section"
    value_cols = header[(3 if two_sided else 2):]
    th = ["<th>编码</th>", "<th>科目/项目</th>"]
    th += [f'<th class="n">{esc(_shown_title(titles.get(c, c)))}</th>' for c in value_cols]
    body = []
    if two_sided:  # the income side, then the expenditure side, each under its own heading
        order = {"income": 0, "expenditure": 1}
        rows.sort(key=lambda r: order.get(r[0], 2))
    current = None
    for row in rows:
        lead = row[:3] if two_sided else ["", *row[:2]]
        section, code, name = lead
        if two_sided and section != current:
            current = section
            body.append(f'<tr class="sec"><th colspan="{2 + len(value_cols)}">'
                        f"{esc(SECTION.get(section, section) or '其他')}</th></tr>")
        values = row[(3 if two_sided else 2):]
        cls = "total" if not code or code.endswith("total") else _indent(code)  # 合计/小计/总计 rows
        shown = code if code.isdigit() else ""  # item ids (grand_total…) mean nothing to a reader
        cells = [f"<td>{esc(shown)}</td>", f'<td class="{cls}">{esc(name)}</td>']
        sec = section if two_sided else ""
        cells += [_cell(v, statuses.get((sec, code, c)), places.get((sec, code, c), ("", "")))
                  for c, v in zip(value_cols, values, strict=False)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    marked = " jc-st" if statuses else ""  # reserves the marks' room: digits stay aligned
    return Markup(f'<div class="jc-table" data-search-exclude="1"><table class="data wide{marked}">'
                  f"<thead><tr>{''.join(th)}</tr></thead><tbody>{''.join(body)}</tbody>"
                  "</table></div>")


def report_tables(pkg: Package, prov: Provenance | None = None) -> list[dict[str, Any]]:
    """[{id, title, form, pages, status, status_label, verify, html, withheld, where}] in the
    spec's order of tables. A withheld table is listed with its note and without cells.
    ``where``: the table's place in the original (its pages linked), from ``prov``."""
    info = {t["table"]: t for t in pkg.rows.get("tables", [])}
    known = spec.tables()
    by_table = cell_statuses(pkg)
    places = cell_places(pkg, prov)
    out = []
    for tid in sorted(set(pkg.wide) | set(info), key=table_order):
        t = info.get(tid, {})
        title = known.get(tid, {}).get("title") or t.get("title") or tid
        path = pkg.wide.get(tid)
        status = t.get("status", "")
        withheld = status == "withheld"
        statuses = by_table.get(tid, {})
        if withheld:
            html = withheld_note(t.get("note") or "")
        elif path and path.exists():
            html = render_table(pkg, tid, path, statuses, places.get(tid))
        else:
            html = Markup("")
        out.append({"id": tid, "title": title, "printed_title": t.get("title", ""),
                    "form": t.get("form", "") if info else known.get(tid, {}).get("form", ""),  # as printed
                    "pages": str(t.get("pages") or "").replace(";", "、"),
                    "status": status, "status_label": TABLE_STATUS.get(status, status),
                    "note": t.get("note") or "", "withheld": withheld,
                    "verify": table_verification(t, statuses), "html": html,
                    "where": table_place(t, prov, [r for r in pkg.line_items(tid)][:1])})
    return out


def table_place(info: dict[str, Any], prov: Provenance | None, sample: list[dict[str, Any]]) -> Markup:
    """'原文：上海….pdf 第6页、第7页' with each page linked; for a source without pages, says so."""
    if prov is None or not prov.sources:
        return Markup("")
    row = sample[0] if sample else {}
    src = prov.source(row.get("file"))
    if src is None:
        return Markup("")
    pages = [p for p in str(info.get("pages") or "").replace("、", ";").split(";") if p.strip().isdigit()]
    if src.paged and pages:
        links = "、".join(str(prov.link({"file": src.name, "page": p}, short=True)) for p in pages)
        return Markup(f"原文 {esc(src.name)} {links}")
    if src.workbook:
        cell = str(row.get("cell") or "")
        sheet = cell.rpartition("!")[0].strip("'") if "!" in cell else ""
        label = f"工作表 {sheet}" if sheet else (f"第{pages[0]}个工作表" if pages else "")
        link = f'<a class="jc-src" href="{esc(src.href)}">{esc(src.name)}</a>' if src.href else esc(src.name)
        return Markup(f"原文 {link} {esc(label)}".strip())
    link = f'<a class="jc-src" href="{esc(src.href)}">{esc(src.name)}</a>' if src.href else esc(src.name)
    return Markup(f"原文 {link}（{esc(src.no_pages)}）")

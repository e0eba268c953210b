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
from juesuan.render.status import (CELL_CLASS, TABLE_STATUS, cell_hover, cell_statuses, table_verification,
                                   withheld_note)

SECTION = {"income": "收入", "expenditure": "支出", "": ""}  # the two sides of a two-sided table


def _titles(pkg: Package, table_id: str) -> dict[str, str]:
    for res in pkg.descriptor.get("resources", []):
        if res.get("name") == f"table_{table_id}":
            return {f["name"]: str(f.get("title") or f["name"]) for f in res["schema"]["fields"]}
    return {}


def _indent(code: str) -> str:
    """类/款/项 (3/5/7 digits) and 301/30101 economic codes get increasing indents."""
    if code.isdigit():
        return {5: "l2", 7: "l3"}.get(len(code), "l1")
    return "l1"


def _cell(value: str, status: str | None) -> str:
    text = num(dec(value)) if value != "" else ""
    cls = CELL_CLASS.get(status or "")
    if cls is None or text == "":
        return f"<td>{text}</td>"
    return f'<td class="{cls}" title="{cell_hover(status)}">{text}</td>'


def render_table(pkg: Package, table_id: str, path: Path,
                 statuses: dict[tuple[str, str, str], str] | None = None) -> Markup:
    """The table's wide CSV as HTML; ``statuses``: (section, row_code, column) → cell status."""
    statuses = statuses or {}
    with Path(path).open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        rows = list(reader)
    titles = _titles(pkg, table_id)
    two_sided = bool(header) and header[0] == "section"
    value_cols = header[(3 if two_sided else 2):]
    th = ["<th>编码</th>", "<th>科目/项目</th>"]
    th += [f'<th class="n">{esc(titles.get(c, c))}</th>' for c in value_cols]
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
        cells += [_cell(v, statuses.get((sec, code, c))) for c, v in zip(value_cols, values)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    marked = " jc-st" if statuses else ""  # reserves the marks' room: digits stay aligned
    return Markup(f'<div class="jc-table" data-search-exclude="1"><table class="data wide{marked}">'
                  f"<thead><tr>{''.join(th)}</tr></thead><tbody>{''.join(body)}</tbody>"
                  "</table></div>")


def report_tables(pkg: Package) -> list[dict[str, Any]]:
    """[{id, title, form, pages, status, status_label, verify, html, withheld}] in the spec's
    order of tables. A withheld table is listed with its note and without cells."""
    info = {t["table"]: t for t in pkg.rows.get("tables", [])}
    known = spec.tables()
    by_table = cell_statuses(pkg)
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
            html = render_table(pkg, tid, path, statuses)
        else:
            html = Markup("")
        out.append({"id": tid, "title": title, "printed_title": t.get("title", ""),
                    "form": t.get("form", "") or known.get(tid, {}).get("form", ""),
                    "pages": str(t.get("pages") or "").replace(";", "、"),
                    "status": status, "status_label": TABLE_STATUS.get(status, status),
                    "note": t.get("note") or "", "withheld": withheld,
                    "verify": table_verification(t, statuses), "html": html})
    return out

"""Each standard table of a report as a readable HTML table, from its wide CSV."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from markupsafe import Markup

from juesuan import spec
from juesuan.package.writer import table_order
from juesuan.render.fmt import esc, num
from juesuan.render.load import Package, dec

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


def render_table(pkg: Package, table_id: str, path: Path) -> Markup:
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
        cells += [f"<td>{num(dec(v)) if v != '' else ''}</td>" for v in values]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return Markup(f'<div class="jc-table" data-search-exclude="1"><table class="data wide">'
                  f"<thead><tr>{''.join(th)}</tr></thead><tbody>{''.join(body)}</tbody>"
                  "</table></div>")


def report_tables(pkg: Package) -> list[dict[str, Any]]:
    """[{id, title, form, pages, status, html}] in the spec's order of tables."""
    info = {t["table"]: t for t in pkg.rows.get("tables", [])}
    known = spec.tables()
    out = []
    for tid in sorted(set(pkg.wide) | set(info), key=table_order):
        t = info.get(tid, {})
        title = known.get(tid, {}).get("title") or t.get("title") or tid
        path = pkg.wide.get(tid)
        html = render_table(pkg, tid, path) if path and path.exists() else Markup("")
        out.append({"id": tid, "title": title, "printed_title": t.get("title", ""),
                    "form": t.get("form", "") or known.get(tid, {}).get("form", ""),
                    "pages": str(t.get("pages") or "").replace(";", "、"),
                    "status": t.get("status", ""), "html": html})
    return out

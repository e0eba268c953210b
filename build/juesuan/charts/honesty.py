"""What a chart must say about its own numbers (issue 11): where they come from, what the
audit found about them, and which previous-year values the report itself states.

- :func:`source_line`: 来源 of a report chart — the report, the table and its pages;
- :func:`contradiction`: a warning when the drawn parts do not add up to the total the
  report prints, or when the audit marked the drawn cells ``contradicted`` or found errors
  in their table — the chart shows it, not only the findings section;
- :func:`stated_previous`: last year's figures as the report states them (this year's
  amount minus the change it prints: ``<metric>`` and ``<metric>_change`` in facts.csv),
  for agencies whose previous report is not in the corpus — always marked as such.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from juesuan import spec
from juesuan.render.fmt import esc

# facts.csv metric stated with its change on the previous year → (series label)
STATED: dict[str, str] = {
    "total_income_expenditure": "收支总计",
    "general_budget_expenditure": "一般公共预算财政拨款支出",
    "three_public_total": "三公经费",
    "agency_operating_expense": "机关运行经费",
    "fiscal_total": "财政拨款收支总计",
    "gov_fund_expenditure": "政府性基金预算财政拨款支出",
}
STATED_MARK = "据{year}年度报告所述增减推算"
REPORTED_MARK = "决算报告"


def _fmt(v: Decimal) -> str:
    return f"{v:,.2f}"


def table_pages(pkg: Any, table: str) -> str:
    for t in pkg.rows.get("tables", []):
        if t.get("table") == table:
            return str(t.get("pages") or "")
    return ""


def table_title(pkg: Any, table: str) -> str:
    """The table's title as the report prints it, else the template's (schemas/tables.yaml);
    "" when the report has no such table."""
    for t in pkg.rows.get("tables", []):
        if t.get("table") == table:
            printed = str(t.get("title") or "")
            return printed if printed and not printed.isascii() else spec.tables().get(table, {}).get("title", "")
    return ""


def source_line(pkg: Any, tables: list[str], narrative: bool = False) -> str:
    """"{单位}{年}年度决算公开：{表}（原文第 N 页）" for the first of ``tables`` the report prints."""
    head = f"{pkg.agency}{pkg.year}年度{pkg.meta.get('kind') or '决算'}公开"
    for table in tables:
        title = table_title(pkg, table)
        if title:
            pages = table_pages(pkg, table)
            return f"{head}：{title}" + (f"（原文第 {pages} 页）" if pages else "（原文无页码）")
    return f"{head}：情况说明中的文字" if narrative else head


def contradiction(pkg: Any, table: str, parts: dict[str, Decimal | None], total: Decimal | None,
                  total_label: str = "合计", cells: list[tuple[str, str]] | None = None) -> str:
    """A warning (Chinese sentence) when the numbers drawn contradict each other; "" if not.
    ``cells``: (row_code, column) of the drawn cells in ``table`` to look up their status."""
    notes = []
    drawn = [v for v in parts.values() if v is not None]
    if total is not None and drawn:
        s = sum(drawn, Decimal(0))
        tolerance = Decimal("0.01") * (len(drawn) + 1)
        if abs(s - total) > tolerance:
            notes.append(f"图中各项相加为 {_fmt(s)} 万元，而报告所列{total_label}为 {_fmt(total)} 万元，"
                         f"相差 {_fmt(s - total)} 万元")
    if cells:
        wanted = set(cells)
        bad = [r for r in pkg.rows.get("line_items", []) if r.get("table") == table
               and (r.get("row_code"), r.get("column")) in wanted and r.get("status") == "contradicted"]
        if bad:
            notes.append(f"图中 {len(bad)} 个数字与表内勾稽关系矛盾")
    errors = [c for c in pkg.rows.get("checks", []) if c.get("table") == table and c.get("severity") == "error"]
    if errors:
        notes.append(f"审核在该表发现 {len(errors)} 处错误（见本页“审核结果”）")
    return "；".join(notes)


def stated_previous(pkg: Any) -> list[dict[str, Any]]:
    """[{指标, 年度, 金额, 来源}] of last year as the report states it (this year − change)."""
    facts = {f["metric"]: f for f in pkg.rows.get("facts", []) if f.get("value") is not None}
    out = []
    for metric, label in STATED.items():
        now, change = facts.get(metric), facts.get(f"{metric}_change")
        if now is None or change is None:
            continue
        out.append({"年度": str(pkg.year - 1), "指标": label, "金额": now["value"] - change["value"],
                    "来源": STATED_MARK.format(year=pkg.year)})
        out.append({"年度": str(pkg.year), "指标": label, "金额": now["value"], "来源": REPORTED_MARK})
    return out


def warning_html(text: str) -> str:
    return (f'<div class="admonition warning jc-chart-warn"><p class="admonition-title">注意</p>'
            f"<p>{esc(text)}</p></div>") if text else ""

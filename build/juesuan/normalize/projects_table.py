"""One project self-evaluation table (rows of cells) → Project, Indicators, Problems.

The rows come from a ruled grid (PDF/DOCX, or a Word text export rebuilt into
rows: ``positional=True``, cells keep their column) or from a layout-tool text
export (``positional=False``: merged cells are dropped or moved, so cells are
read by what they hold, anchored on the operator cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.models import Indicator, Problem, Project
from juesuan.normalize.projects_cells import (
    END_LABELS, LEVEL1, TOTAL_LABELS, budget_kind, indicator_kind, is_label_fragment,
    level_label, number, operator, parent_of, rate, split_operator, squeeze, tidy,
)

Cells = list  # list[str | None]
TABLE = "projects"
_CODE_NAME = re.compile(r"^([0-9A-Za-z]{8,})\s*[-－—–_]+\s*(\S.*)$", re.S)


@dataclass
class Row:
    cells: Cells
    page: int | None = None

    @property
    def filled(self) -> list[str]:
        return [c for c in self.cells if c and c.strip()]

    @property
    def first(self) -> str:
        f = self.filled
        return squeeze(f[0]) if f else ""


def project_title(row: Row) -> tuple[str, str] | None:
    """(code, name) when the row is the 项目名称 row; code is "" when none is printed."""
    cells = [c or "" for c in row.cells]
    for i, cell in enumerate(cells):
        compact = squeeze(cell)
        if not compact.startswith("项目名称"):
            continue
        rest = re.sub(r"^\s*项\s*目\s*名\s*称\s*[:：]?", "", cell.strip())
        candidates = [rest] + [c for c in cells[i + 1:] if c.strip()]
        value = next((c for c in candidates if c.strip()), "")
        value = tidy(value)
        if not value:
            return None
        m = _CODE_NAME.match(value)
        if m:
            return m.group(1), tidy(m.group(2))
        return "", value.strip("()（）")
    return None


@dataclass
class _Levels:
    level1: str = ""
    level2: str = ""

    def place(self, l1: str, l2: str) -> tuple[str, str]:
        """Printed labels of one row ("" = not printed) → (level1, level2).

        Merged labels are printed on the first row of their group only: a row with
        a 一级 label starts a group (its 二级 is what the row prints, or blank); a row
        with only a 二级 label takes its 一级 from the standard hierarchy; a row with
        neither continues the group above.
        """
        if l1:
            self.level1, self.level2 = l1, l2
        elif l2:
            self.level1, self.level2 = parent_of(l2) or self.level1, l2
        return self.level1, self.level2


@dataclass
class TableResult:
    project: Project | None = None
    indicators: list[Indicator] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _is_total_label(cell: str | None) -> bool:
    """The budget row's label: 总额 (Sichuan), 年度资金总额 (central template)."""
    t = squeeze(cell).rstrip(":：")
    return 0 < len(t) <= 8 and (t.endswith("总额") or t.startswith("总额"))


def _budget(header: Row | None, total: Row, positional: bool) -> dict[str, Decimal | None]:
    kinds = [budget_kind(c) for c in header.cells] if header else []
    if not any(kinds):
        kinds = ["initial", "adjusted", "executed", "rate", "weight", "score"]
    out: dict[str, Decimal | None] = {}
    start = next(i for i, c in enumerate(total.cells) if _is_total_label(c)) + 1
    if positional and header and len(header.cells) == len(total.cells):
        for kind, cell in zip(kinds[start:], total.cells[start:], strict=False):
            if kind:
                out[kind] = rate(cell) if kind == "rate" else number(cell)
        return out
    order = [k for k in kinds if k and k != "rate"]
    for cell in total.cells[start:]:
        if not (cell and cell.strip()) or squeeze(cell) == "/":
            continue
        if squeeze(cell).endswith("%"):
            out.setdefault("rate", rate(cell))
        elif number(cell) is not None and order:
            out[order.pop(0)] = number(cell)
    return out


def _total_score(row: Row, cols: dict[str, int], width: int, positional: bool
                 ) -> Decimal | None:
    if positional and "score" in cols and len(row.cells) == width:
        return number(row.cells[cols["score"]])
    values = [number(c) for c in row.cells if number(c) is not None]
    return values[1] if len(values) >= 2 else None


def _indicator_cells(row: Row, cols: dict[str, int], width: int, positional: bool
                     ) -> dict[str, str] | None:
    """One indicator row → its printed fields, or None when the row is not one."""
    cells = [c or "" for c in row.cells]
    if positional and len(cells) == width and "level3" in cols:
        got = {k: cells[i] for k, i in cols.items()}
        op = operator(got.get("operator"))
        if op is None and "operator" not in cols and (split := split_operator(got.get("target"))):
            op, got["target"] = split
        if op is not None or (tidy(got.get("level3")) and number(got.get("weight")) is not None):
            got["operator"] = op or ""
            got["level1"] = level_label(got.get("level1")) or tidy(got.get("level1"))
            got["level2"] = level_label(got.get("level2")) or tidy(got.get("level2"))
            return got if tidy(got["level3"]) else None
    return _classified(cells)


def _classified(cells: list[str]) -> dict[str, str] | None:
    at: int | None = None
    op: str | None = None
    target: str | None = None
    for i, c in enumerate(cells):
        if (printed := operator(c)) is not None:
            at, op = i, printed
            break
    if at is None:
        for i, c in enumerate(cells):
            if i and (split := split_operator(c)) and any(x.strip() for x in cells[:i]):
                at, (op, target) = i, split
                break
    if at is None or op is None:  # op is set wherever at is
        return None
    labels = [c for c in cells[:at] if c.strip()]
    if not labels:
        return None
    level3 = labels[-1]
    found = [lab for lab in (level_label(c) for c in labels[:-1]) if lab]
    l1 = l2 = ""
    if len(found) == 1:
        if found[0] in LEVEL1:
            l1 = found[0]
        else:
            l2 = found[0]
    elif found:
        l1 = next((f for f in found[:-1] if f in LEVEL1), "")
        l2 = found[-1]
    after = cells[at + 1:]
    if target is not None:  # "≥95%" templates print no unit column
        after = [target, "", *after]
    after += [""] * (5 - len(after))
    return {"level1": l1, "level2": l2, "level3": level3, "operator": op,
            "target": after[0], "unit": after[1], "actual": after[2],
            "weight": after[3], "score": after[4]}


def _continues_unit(row: Row, last: Indicator | None) -> Indicator | None:
    """A unit wrapped onto a row of its own ("平方" / "米"): complete the indicator above."""
    frags = [squeeze(c) for c in row.filled]
    if (last is None or len(frags) != 2 or not last.unit or not last.actual.endswith(last.unit)
            or any(len(f) > 4 or number(f) is not None or is_label_fragment(f) for f in frags)):
        return None
    return Indicator(last.project_code, last.level1, last.level2, last.level3, last.operator,
                     last.target, last.unit + frags[0], last.actual + frags[1], last.weight,
                     last.score, last.page)


def _indicator(code: str, got: dict[str, str], levels: _Levels, page: int | None) -> Indicator:
    def field(name: str) -> str:
        return got.get(name) or ""

    l1 = level_label(field("level1")) or tidy(field("level1"))
    l2 = level_label(field("level2")) or tidy(field("level2"))
    level1, level2 = levels.place(l1, l2)
    return Indicator(
        project_code=code, level1=level1, level2=level2, level3=tidy(field("level3")),
        operator=field("operator"), target=squeeze(field("target")),
        unit=squeeze(field("unit")), actual=squeeze(field("actual")),
        weight=number(field("weight")), score=number(field("score")), page=page)


def parse_table(rows: list[Row], positional: bool) -> TableResult:
    """Rows of one table, from its 项目名称 row on → the project and its indicators."""
    res = TableResult()
    title = project_title(rows[0]) if rows else None
    if title is None:
        return res
    code, name = title
    page = rows[0].page
    budget_header: Row | None = None
    total_row: Row | None = None
    ind_header: Row | None = None
    cols: dict[str, int] = {}
    score: Decimal | None = None
    in_indicators = False
    levels = _Levels()
    for row in rows[1:]:
        first = row.first
        if not first:
            continue
        if any(first.startswith(e) for e in END_LABELS):
            break
        if in_indicators and ind_header is not None:  # set together
            if first in TOTAL_LABELS:
                score = _total_score(row, cols, len(ind_header.cells), positional)
                in_indicators = False
                continue
            got = _indicator_cells(row, cols, len(ind_header.cells), positional)
            if got is not None:
                res.indicators.append(_indicator(code or name, got, levels, row.page))
            elif (fixed := _continues_unit(row, res.indicators[-1] if res.indicators else None)):
                res.indicators[-1] = fixed
            continue
        kinds = [indicator_kind(c) for c in row.cells]
        if "level3" in kinds and sum(k is not None for k in kinds) >= 3:
            ind_header, in_indicators = row, True
            cols = {k: i for i, k in reversed(list(enumerate(kinds))) if k}
        elif total_row is None and any(_is_total_label(c) for c in row.cells):
            total_row = row
        elif total_row is None and sum(budget_kind(c) in ("initial", "adjusted", "executed")
                                       for c in row.cells) >= 2:
            budget_header = row
        elif first in TOTAL_LABELS and ind_header is not None:
            score = _total_score(row, cols, len(ind_header.cells), positional)
    if not code and total_row is None:
        return res  # a 项目名称 caption of some other table, not a self-evaluation
    budget = _budget(budget_header, total_row, positional) if total_row else {}
    key = code or name
    res.project = Project(
        project_code=key, project_name=name, budget_initial=budget.get("initial"),
        budget_adjusted=budget.get("adjusted"), executed=budget.get("executed"),
        execution_rate=budget.get("rate"), score=score, page=page)
    res.problems = _problems(res, code, name, total_row is not None, ind_header is not None)
    return res


def _problems(res: TableResult, code: str, name: str, has_budget: bool, has_header: bool
              ) -> list[Problem]:
    page = res.project.page if res.project else None
    who = f"{code} {name}".strip()
    out = []
    if not code:
        out.append(Problem("project_code_missing",
                           f"{who}: 项目编码未印出，以项目名称代替。",
                           page, TABLE))
    if not has_budget:
        out.append(Problem("project_budget_missing",
                           f"{who}: 未找到预算执行情况的“总额”行。", page, TABLE))
    if not res.indicators:
        why = "绩效指标表头后无指标行" if has_header else "未找到绩效指标部分"
        out.append(Problem("project_incomplete",
                           f"{who}: {why}（表格可能被分页截断，或未印出）。", page, TABLE))
    if res.project and res.project.score is None:
        out.append(Problem("project_score_missing",
                           f"{who}: “合计”行得分未印出。", page, TABLE))
    blank = sum(1 for i in res.indicators if i.weight is None or i.score is None)
    if blank:
        out.append(Problem("indicator_incomplete",
                           f"{who}: {blank} 个指标缺少分值或得分。", page, TABLE))
    return out

"""The narrative (情况说明) against the tables: every stated figure that has a table
counterpart, and the class/款/项 labels it prints next to the codes."""

from __future__ import annotations

from typing import Iterator

from juesuan import reference as ref
from juesuan import spec
from juesuan.audit.arith import Where, equal_check
from juesuan.audit.codes import is_function_code, level_labels, same_label
from juesuan.audit.context import Context
from juesuan.audit.labels import cell_label, metric_label
from juesuan.audit.model import INSUFFICIENT, WARNING, Check
from juesuan.audit.registry import rule

S, F, INC, EXP = "income_expenditure_summary", "fiscal_summary", "income", "expenditure"
GB_CODE = "general_budget_expenditure_"
Cell = tuple[str, str, str, str]  # table, section, row_code, column


def fact_cells(metric: str) -> list[Cell]:
    """Table cells printing the figure a narrative metric states, most direct first."""
    fixed: dict[str, list[Cell]] = {
        "total_income_expenditure": [(S, INC, "grand_total", "amount"), (S, EXP, "grand_total", "amount")],
        "income_total": [(S, INC, "income_total", "amount"), ("income", "", "", "total")],
        "expenditure_total": [(S, EXP, "expenditure_total", "amount"), ("expenditure", "", "", "total")],
        "fiscal_total": [(F, INC, "grand_total", "amount"), (F, EXP, "grand_total", "total")],
        "general_budget_expenditure": [("general_budget", "", "", "total"),
                                       (F, EXP, "expenditure_total", "general_budget")],
        "general_budget_basic": [("general_budget", "", "", "basic")],
        "personnel_expense": [("basic_expenditure", "", "personnel_total", "amount")],
        "public_expense": [("basic_expenditure", "", "public_total", "amount")],
        "gov_fund_expenditure": [("government_fund", "", "", "total"), (F, EXP, "expenditure_total", "gov_fund")],
        "state_capital_expenditure": [("state_capital", "", "", "expenditure"),
                                      ("state_capital_expenditure", "", "", "total"),
                                      (F, EXP, "expenditure_total", "state_capital")],
        "carryover_begin": [(S, INC, "carryover_begin", "amount")],
        "carryover_end": [(S, EXP, "carryover_end", "amount")],
        "fiscal_carryover_end": [(F, EXP, "carryover_end", "total")],
        "income_fiscal_appropriation": [("income", "", "", "fiscal_appropriation"), (F, INC, "income_total", "amount")],
        "three_public_budget": [("three_public", "", "three_public", "budget.total")],
        "agency_operating_expense": [("agency_operating_expense", "", "", "amount")],
    }
    if metric in fixed:
        return fixed[metric]
    if metric.startswith("income_"):
        src = metric[len("income_"):]
        cells: list[Cell] = [(S, INC, src, "amount")]
        if src in ("general_budget", "gov_fund", "state_capital"):
            cells.append((F, INC, src, "amount"))
        elif src in ("superior_subsidy", "business", "operating", "affiliated", "other"):
            cells.append(("income", "", "", src))
        return cells
    if metric.startswith("expenditure_"):
        return [("expenditure", "", "", metric[len("expenditure_"):])]
    if metric.startswith("three_public_") and not metric.endswith(("_share", "_change", "_change_pct", "_pct")):
        return [("three_public", "", "three_public", "actual." + metric[len("three_public_"):])]
    if metric.startswith("procurement_") and metric[len("procurement_"):] in ("total", "goods", "works", "services"):
        return [("government_procurement", "", "procurement", "actual." + metric[len("procurement_"):])]
    if metric == "procurement_sme":
        return [("government_procurement", "", "procurement", "sme")]
    if metric.startswith(GB_CODE) and is_function_code(metric[len(GB_CODE):]):
        code = metric[len(GB_CODE):]
        cells = [("general_budget", "", code, "total"), ("general_budget_detail", "", code, "total")]
        return cells + ([(F, EXP, code, "general_budget")] if len(code) == 3 else [])
    return []


@rule("narrative_table_figures", "说明数字与表格一致",
      "情况说明中每个在表格中有对应单元格的金额（收支总计、各项收入支出、财政拨款、基本支出、人员经费、公用经费、"
      "“三公”经费、结转结余、各科目支出等）应与表格数一致。", "narrative")
def narrative_table_figures(ctx: Context) -> Iterator[Check]:
    unmatched = []
    for metric, fact in sorted(ctx.facts.items()):
        cells = fact_cells(metric)
        if not cells or fact.unit != "万元":
            continue
        found = next(((c, ctx.value(c[0], c[2], c[3], c[1])) for c in cells
                      if ctx.value(c[0], c[2], c[3], c[1]) is not None), None)
        if found is None:
            if not any(ctx.has_table(c[0]) for c in cells):
                unmatched.append(metric)
            continue
        (table, section, row, col), value = found
        yield equal_check("narrative_table_figures", Where(table, row, col, metric, fact.page),
                          f"说明中的{metric_label(metric)}", fact.value,
                          cell_label(ctx, table, row, col, section), value)
    if unmatched:
        names = "、".join(metric_label(m) for m in unmatched[:5])
        yield Check("narrative_table_figures", INSUFFICIENT, metric=unmatched[0],
                    message=f"说明中{len(unmatched)}个金额（{names}{'等' if len(unmatched) > 5 else ''}）"
                            f"所对应的表格未公开或未能读出，无法与表格核对。")


def _reference_names(ctx: Context) -> dict[str, str]:
    names: dict[str, str] = {}
    for table in spec.TABLE_ORDER:
        for section in ("", EXP):
            for row in ctx.rows(table, section):
                if is_function_code(row) and row not in names:
                    names[row] = ctx.row_name(table, row, section)
    return names


@rule("narrative_class_labels", "说明中的科目名称与编码",
      "情况说明按“××（类）××（款）××（项）”列出的支出，其类、款、项名称应与编码所属科目（表格中的科目名称或"
      "功能分类的类名）一致，例如公安（款）属于公共安全支出（类），不属于一般公共服务（类）。", "narrative")
def narrative_class_labels(ctx: Context) -> Iterator[Check]:
    table_names = _reference_names(ctx)
    for metric, fact in sorted(ctx.facts.items()):
        code = metric[len(GB_CODE):] if metric.startswith(GB_CODE) else ""
        if not is_function_code(code) or len(code) == 3:
            continue
        printed = level_labels(fact.quote)
        for level, n in (("类", 3), ("款", 5), ("项", 7)):
            label, sub = printed.get(level), code[:n]
            if not label or len(sub) > len(code):
                continue
            known = [table_names[sub]] if sub in table_names else []
            known += list(ref.function_names(sub)) if n == 3 else []
            if not known or any(same_label(label, k) for k in known):
                continue
            yield Check("narrative_class_labels", WARNING, row_code=code, metric=metric, page=fact.page,
                        actual=fact.value,
                        message=f"说明把{code}科目的支出{fact.value}万元列在“{label}（{level}）”下，"
                                f"但编码{sub}是“{known[0]}”（{level}）。")


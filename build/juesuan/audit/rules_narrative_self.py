"""The narrative against itself: stated totals against their stated parts."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from juesuan import reference as ref
from juesuan.audit.arith import Term, Where, part_check, sum_check
from juesuan.audit.codes import is_function_code, level_labels
from juesuan.audit.context import Context
from juesuan.audit.labels import metric_label
from juesuan.audit.model import WARNING, Check, amount_severity, yuan
from juesuan.audit.registry import rule

GB_CODE = "general_budget_expenditure_"
FISCAL_INCOME = ("income_general_budget", "income_gov_fund", "income_state_capital")

NARRATIVE_SUMS: list[tuple[str, tuple[str, ...]]] = [
    ("total_income_expenditure", ("income_total", "carryover_begin")),
    ("income_total", ("income_general_budget", "income_gov_fund", "income_state_capital",
                      "income_superior_subsidy", "income_business", "income_operating",
                      "income_affiliated", "income_other")),
    ("expenditure_total", ("expenditure_basic", "expenditure_project", "expenditure_remit_superior",
                           "expenditure_operating", "expenditure_affiliated_subsidy")),
    ("income_fiscal_appropriation", FISCAL_INCOME),
    ("general_budget_basic", ("personnel_expense", "public_expense")),
    ("three_public_total", ("three_public_abroad", "three_public_vehicle", "three_public_reception")),
    ("three_public_vehicle", ("three_public_vehicle_purchase", "three_public_vehicle_operation")),
    ("procurement_total", ("procurement_goods", "procurement_works", "procurement_services")),
]

NARRATIVE_PARTS: list[tuple[tuple[str, ...], str]] = [  # Σ parts ≤ whole
    (("income_total",), "total_income_expenditure"),
    (FISCAL_INCOME, "fiscal_total"),
    (("general_budget_expenditure",), "expenditure_total"),
    (("general_budget_basic",), "expenditure_basic"),
    (("procurement_sme",), "procurement_total"),
    (("procurement_small_micro",), "procurement_sme"),
    (("vehicles_law_enforcement", "vehicles_special"), "vehicles_total"),
    (("fiscal_carryover_end",), "carryover_end"),
]


def _code_label(ctx: Context, code: str) -> str:
    """'204公共安全支出', or the 款/项 name printed in the fact's clause: '2040201行政运行'."""
    f = ctx.fact(GB_CODE + code)
    level = {3: "类", 5: "款", 7: "项"}[len(code)]
    printed = level_labels(f.quote) if f else {}
    if level in printed:
        return f"{code}{printed[level]}"
    names = ref.function_names(code) if len(code) == 3 else ()
    return f"{code}{names[0]}" if names else code


def _term(ctx: Context, metric: str) -> Term:
    f = ctx.fact(metric)
    return Term(metric_label(metric), None if f is None else f.value, None if f is None else f.page)


def _stated(ctx: Context, metric: str) -> str:
    return f"说明中的{metric_label(metric)}"


def _sum_parts(ctx: Context, total: str, parts: tuple[str, ...]) -> tuple[str, ...]:
    """The three fiscal incomes stated as one 财政拨款收入 (Chongqing, Shanghai) stand for them."""
    if (total == "income_total" and ctx.fact("income_fiscal_appropriation") is not None
            and all(ctx.fact(m) is None for m in FISCAL_INCOME)):
        return ("income_fiscal_appropriation", *(p for p in parts if p not in FISCAL_INCOME))
    return parts


@rule("narrative_sums", "说明中的合计与其组成",
      "情况说明中的合计数应等于其列出的组成部分之和：本年收入合计 = 各项收入，财政拨款收入 = 三项财政拨款收入，本年支出合计 = 基本支出 + 项目支出 + …，"
      "基本支出 = 人员经费 + 公用经费，“三公”经费 = 出国 + 公务用车 + 接待，公务用车小计 = 购置 + 运行维护，"
      "政府采购总额 = 货物 + 工程 + 服务，收支总计 = 本年收入合计 + 年初结转和结余。", "narrative_self")
def narrative_sums(ctx: Context) -> Iterator[Check]:
    for total, parts in NARRATIVE_SUMS:
        f = ctx.fact(total)
        if f is None:
            continue
        parts = _sum_parts(ctx, total, parts)
        terms = [_term(ctx, p) for p in parts]
        if all(t.value is None for t in terms):
            continue
        unit = f.unit or "万元"
        yield sum_check("narrative_sums", Where(metric=total, page=f.page), _stated(ctx, total), f.value,
                        terms, unit=unit)


@rule("narrative_class_items", "说明中的类与所列科目",
      "情况说明按科目列出的一般公共预算财政拨款支出：各“类”之和应等于一般公共预算财政拨款支出，"
      "每一“类”应等于其下列出的各“款”（或各“项”）之和。", "narrative_self")
def narrative_class_items(ctx: Context) -> Iterator[Check]:
    codes = sorted(m[len(GB_CODE):] for m in ctx.facts
                   if m.startswith(GB_CODE) and is_function_code(m[len(GB_CODE):]))
    classes = [c for c in codes if len(c) == 3]
    total = ctx.fact("general_budget_expenditure")
    if total is not None and classes:
        yield sum_check("narrative_class_items", Where(metric="general_budget_expenditure", page=total.page),
                        _stated(ctx, "general_budget_expenditure"), total.value,
                        [Term(_code_label(ctx, c), ctx.fact_value(GB_CODE + c)) for c in classes])
    for parent in [c for c in codes if len(c) in (3, 5)]:
        kids = [c for c in codes if c.startswith(parent) and len(c) == len(parent) + 2]
        if not kids and len(parent) == 3:  # items listed without their 款
            kids = [c for c in codes if c.startswith(parent) and len(c) == 7]
        if not kids:
            continue
        f = ctx.fact(GB_CODE + parent)
        terms = [Term(_code_label(ctx, c), ctx.fact_value(GB_CODE + c)) for c in kids]
        yield sum_check("narrative_class_items", Where(row_code=parent, metric=GB_CODE + parent, page=f.page),
                        f"说明中的{_code_label(ctx, parent)}", f.value, terms)


@rule("narrative_parts", "说明中的部分不大于整体",
      "情况说明中的部分不应大于其整体：如授予中小企业合同金额不大于政府采购总额，一般公共预算财政拨款支出不大于本年支出合计，"
      "年末财政拨款结转和结余不大于年末结转和结余。", "narrative_self")
def narrative_parts(ctx: Context) -> Iterator[Check]:
    for parts, whole in NARRATIVE_PARTS:
        w = ctx.fact(whole)
        values = [ctx.fact_value(p) for p in parts]
        if w is None or any(v is None for v in values):
            continue
        label = "＋".join(metric_label(p) for p in parts)
        yield part_check("narrative_parts", Where(metric=parts[0], page=ctx.fact(parts[0]).page),
                         f"说明中的{label}", sum(values, Decimal(0)), f"说明中的{metric_label(whole)}",
                         w.value, unit=w.unit or "万元")


@rule("narrative_double_total", "收支总计重复计算",
      "收支总计（或财政拨款收支总计）恰为本年收入合计的两倍、而说明没有列出可以解释差额的结转结余时，"
      "很可能把收入和支出加在了一起。", "narrative_self")
def narrative_double_total(ctx: Context) -> Iterator[Check]:
    pairs = (("total_income_expenditure", ("income_total",), "carryover_begin", "本年收入合计"),
             ("fiscal_total", FISCAL_INCOME, "fiscal_carryover_begin", "本年财政拨款收入"))
    for total, income_parts, carry, label in pairs:
        f = ctx.fact(total)
        incomes = [ctx.fact_value(m) for m in income_parts]
        if f is None or any(v is None for v in incomes) or ctx.fact(carry) is not None:
            continue
        income = sum(incomes, Decimal(0))
        if income == 0 or amount_severity(f.value - 2 * income, 2 * len(incomes)) not in (None, "rounding"):
            continue
        yield Check("narrative_double_total", WARNING, metric=total, expected=income, actual=f.value,
                    difference=f.value - income, page=f.page,
                    message=f"说明中的{metric_label(total)}{yuan(f.value)}万元恰为{label}{yuan(income)}万元的两倍，"
                            f"说明却未列出年初结转和结余，疑将收入与支出重复相加，应为{yuan(income)}万元。")

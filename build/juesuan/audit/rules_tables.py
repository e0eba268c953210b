"""Within one table: 合计 = Σ类, 类 = Σ款, 款 = Σ项 per column, and row identities."""

from __future__ import annotations

from typing import Iterator

from juesuan.audit.arith import Term, table_sum
from juesuan.audit.codes import economic_children, function_children, function_level, is_economic_code
from juesuan.audit.context import Context
from juesuan.audit.labels import column_label, row_label, table_title
from juesuan.audit.model import WARNING, Check
from juesuan.audit.registry import rule
from juesuan.identities import declarations, signed

FUNCTION_TABLES = (
    "income", "expenditure", "fiscal_detail", "general_budget", "general_budget_detail",
    "project_expenditure", "government_fund", "state_capital", "state_capital_expenditure",
)
ECONOMIC_TABLES = ("basic_expenditure", "agency_operating_expense")

def row_identities() -> dict[str, list[tuple[str, list[tuple[str, int]]]]]:
    """table → [(total column, [(part column, sign)])], from the template's identities
    (schemas/identities.yaml, the declarations the parser verifies cells with); the two-sided
    table's per-side rows are checked by rules_two_sided."""
    out: dict[str, list[tuple[str, list[tuple[str, int]]]]] = {}
    for table, rules in declarations()["rows"].items():
        for r in rules:
            if r.get("section"):
                continue
            cols, signs = signed(r["parts"])
            out.setdefault(table, []).append((r["total"], list(zip(cols, signs, strict=True))))
    return out


SINGLE_ROWS = ("three_public", "procurement", "assets")  # row ids of one-row tables
DETAIL_GROUPS_REQUIRED = ("301", "302", "303")  # 07: 合计 = Σ groups only when these are printed


def _hierarchy(ctx: Context, rule_id: str, level: str) -> Iterator[Check]:
    for table in FUNCTION_TABLES:
        if not ctx.has_table(table):
            continue
        rows = ctx.rows(table)
        parents = [""] if level == "" else [r for r in rows if function_level(r) == level]
        for parent in parents:
            if parent not in rows:
                continue
            children = function_children(parent, rows)
            if not children:
                continue
            for col in ctx.columns(table):
                parts = [Term(row_label(ctx, table, c), ctx.value(table, c, col)) for c in children]
                subject = (f"{table_title(table)}“{column_label(table, col)}”列"
                           f"“{row_label(ctx, table, parent)}”")
                yield table_sum(ctx, rule_id, table, parent, col, subject, parts)


@rule("table_total_classes", "合计等于各类之和",
      "按功能分类编码的表中，每一列的合计行应等于各“类”行之和。", "table")
def table_total_classes(ctx: Context) -> Iterator[Check]:
    yield from _hierarchy(ctx, "table_total_classes", "")


@rule("table_class_sections", "类等于所属各款之和",
      "每一“类”行（3位编码）应等于其下各“款”行（5位编码）之和，逐列核对。", "table")
def table_class_sections(ctx: Context) -> Iterator[Check]:
    yield from _hierarchy(ctx, "table_class_sections", "类")


@rule("table_section_items", "款等于所属各项之和",
      "每一“款”行（5位编码）应等于其下各“项”行（7位编码）之和，逐列核对。", "table")
def table_section_items(ctx: Context) -> Iterator[Check]:
    yield from _hierarchy(ctx, "table_section_items", "款")


@rule("table_row_identity", "行内各列平衡",
      "同一行内合计列应等于各组成列之和，如本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + "
      "对附属单位补助支出，年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出。", "table")
def table_row_identity(ctx: Context) -> Iterator[Check]:
    for table, identities in row_identities().items():
        if not ctx.has_table(table):
            continue
        printed = set(ctx.columns(table))
        for total_col, parts in identities:
            if any(sign < 0 and col not in printed for col, sign in parts):
                continue  # a template without that column (as juesuan.identities.row_sums)
            for row in ctx.rows(table):
                terms = []
                for col, sign in parts:
                    v = ctx.value(table, row, col)
                    label = ("减" if sign < 0 else "") + column_label(table, col)
                    terms.append(Term(label, None if v is None else sign * v))
                where = "" if row in SINGLE_ROWS else f"“{row_label(ctx, table, row)}”行"
                subject = f"{table_title(table)}{where}“{column_label(table, total_col)}”"
                yield table_sum(ctx, "table_row_identity", table, row, total_col, subject, terms,
                                allow_negative=any(s < 0 for _, s in parts))


@rule("table_economic_groups", "经济分类小计等于明细之和",
      "按经济分类编码的表中，每个经济分类“类”（如301工资福利支出）应等于其下各“款”（30101…）之和；"
      "一般公共预算财政拨款支出决算明细表按列核对，且合计列等于各类之和。", "table")
def table_economic_groups(ctx: Context) -> Iterator[Check]:
    rid = "table_economic_groups"
    for table in ECONOMIC_TABLES:  # economic codes are rows
        rows = ctx.rows(table)
        for group in [r for r in rows if is_economic_code(r) and len(r) == 3]:
            kids = economic_children(group, rows)
            for col in ctx.columns(table) if kids else []:
                parts = [Term(row_label(ctx, table, k), ctx.value(table, k, col)) for k in kids]
                subject = f"{table_title(table)}“{row_label(ctx, table, group)}”"
                yield table_sum(ctx, rid, table, group, col, subject, parts)
    table = "general_budget_detail"  # economic codes are columns
    cols = ctx.columns(table)
    groups = [c for c in cols if is_economic_code(c) and len(c) == 3]
    for row in ctx.rows(table):
        for group in groups:
            parts = [Term(k, ctx.value(table, row, k)) for k in economic_children(group, cols)]
            subject = f"{table_title(table)}“{row_label(ctx, table, row)}”行经济科目{group}小计"
            yield table_sum(ctx, rid, table, row, group, subject, parts)
        if all(g in groups for g in DETAIL_GROUPS_REQUIRED):
            parts = [Term(f"经济科目{g}", ctx.value(table, row, g)) for g in groups]
            subject = f"{table_title(table)}“{row_label(ctx, table, row)}”行合计"
            yield table_sum(ctx, rid, table, row, "total", subject, parts)


@rule("basic_personnel_public", "人员经费与公用经费合计",
      "基本支出决算表中，人员经费合计 = 301工资福利支出 + 303对个人和家庭的补助，"
      "公用经费合计 = 其余各经济分类类级科目（302、307、310、399等）之和。", "table")
def basic_personnel_public(ctx: Context) -> Iterator[Check]:
    table = "basic_expenditure"
    rows = ctx.rows(table)
    groups = [r for r in rows if is_economic_code(r) and len(r) == 3]
    personnel = [g for g in groups if g in ("301", "303")]
    public = [g for g in groups if g not in ("301", "303")]
    for item, label, members in (("personnel_total", "人员经费合计", personnel),
                                 ("public_total", "公用经费合计", public)):
        parts = [Term(row_label(ctx, table, g), ctx.value(table, g, "amount")) for g in members]
        yield table_sum(ctx, "basic_personnel_public", table, item, "amount",
                        f"{table_title(table)}{label}", parts)


@rule("table_withheld", "读数不符勾稽关系的表暂不发布",
      "解析时，若一张表的读数使其自身多数勾稽关系（合计 = 各类之和、行内各列平衡等）不成立，"
      "说明读取有误而非发布者笔误：该表的数字不予发布，此处说明原因，待人工核对。", "table")
def table_withheld(ctx: Context) -> Iterator[Check]:
    for t in ctx.report.tables:
        if t.status == "withheld":
            yield Check("table_withheld", WARNING, table=t.table,
                        page=t.pages[0] if t.pages else None,
                        message=f"{table_title(t.table)}未发布：{t.note}")

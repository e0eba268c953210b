"""The 名词解释 against what the report spends on, and wording copied from another
sector's template."""

from __future__ import annotations

from typing import Iterator

from juesuan import reference as ref
from juesuan import spec
from juesuan.audit.codes import is_function_code, level_labels, same_label
from juesuan.audit.context import Context
from juesuan.audit.model import INSUFFICIENT, WARNING, Check
from juesuan.audit.registry import rule
from juesuan.audit.statement_labels import where
from juesuan.normalize.statements_rules import SECTOR_WORDING

GB_CODE = "general_budget_expenditure_"
CLASS_STATED = "expenditure_class_"
OTHER_FUNDS = ("gov_fund_expenditure", "state_capital_expenditure", "income_gov_fund", "income_state_capital")
# sectors whose reports speak of other sectors' work as a matter of course (a 政法委
# coordinates police, procuratorate and courts; a 人大 hears the court's report)
COORDINATING_SECTORS = ("党委", "人大", "政协", "政府", "纪检监察", "司法")
SECTOR_BODY = {"检察": "检察机关", "法院": "人民法院", "公安": "公安机关", "教育": "教育部门"}


def _table_codes(ctx: Context) -> tuple[set[str], set[str]]:
    """Function codes of the rows of every table, and those of the tables read fully."""
    codes: set[str] = set()
    complete: set[str] = set()
    for table in spec.TABLE_ORDER:
        rows = {r for section in ("", "income", "expenditure") for r in ctx.rows(table, section)
                if is_function_code(r)}
        codes |= rows
        if ctx.fully_read(table):
            complete |= rows
    return codes, complete


def _named_in_tables(ctx: Context, quote: str, code: str, table_codes: set[str]) -> bool:
    """A table row under the same 款 printed with the entry's 项 name (the entry's code may
    have been resolved differently from the table's)."""
    xiang = level_labels(quote).get("项")
    if not xiang:
        return False
    rows = [c for c in table_codes if len(c) == len(code) and c[:5] == code[:5]]
    return any(same_label(xiang, n) for c in rows for n in _known_names(ctx, c))


def _narrative_codes(ctx: Context) -> set[str]:
    return {m[len(GB_CODE):] for m in ctx.facts if m.startswith(GB_CODE) and is_function_code(m[len(GB_CODE):])}


def _positive(ctx: Context, metric: str) -> bool:
    v = ctx.fact_value(metric)
    if v is None:
        v = next((s.value for s in ctx.statements_of(metric) if s.value is not None), None)
    return v is not None and v > 0


def _unused_in_narrative(ctx: Context, code: str, stated: set[str]) -> str | None:
    """Why the narrative shows no spending on ``code`` (None: it does, or it cannot tell)."""
    cls = code[:3]
    if code in stated or code[:5] in stated and not any(c.startswith(code[:5]) and len(c) == 7 for c in stated):
        return None
    if any(c.startswith(cls) and len(c) == 7 for c in stated):
        return "说明逐项列出的该类支出中没有这一科目"
    if cls in stated:
        return None  # the class is stated without its items: cannot tell
    if _positive(ctx, CLASS_STATED + cls) and any(_positive(ctx, m) for m in OTHER_FUNDS):
        return None  # spent from the government fund (or state capital) budget, which 五 leaves out
    return "说明中没有该类支出"


@rule("glossary_unused_codes", "名词解释中未使用的科目",
      "名词解释所解释的“××（类）××（款）××（项）”应是报告实际有支出的科目：有表格时与表格中的科目编码核对，"
      "没有表格时与说明逐项列出的一般公共预算支出及政府性基金支出核对；解释了未使用的科目，多为套用模板（警告）。",
      "wording")
def glossary_unused_codes(ctx: Context) -> Iterator[Check]:
    entries = [s for s in ctx.statements_of("glossary_entry", "glossary") if is_function_code(s.subject)]
    if not entries:
        return
    table_codes, complete = _table_codes(ctx)
    stated = _narrative_codes(ctx)
    for s in entries:
        code = s.subject
        if table_codes:
            if code in table_codes or _named_in_tables(ctx, s.quote, code, table_codes):
                continue
            why = "表格中没有这一科目编码"
            # a fully read table that lists the items of this class shows the code is not used
            sev = WARNING if any(c[:3] == code[:3] and len(c) == len(code) for c in complete) else INSUFFICIENT
        else:
            why = _unused_in_narrative(ctx, code, stated)
            if why is None:
                continue
            sev = WARNING
        yield Check("glossary_unused_codes", sev, row_code=code, metric="glossary_entry", page=s.page,
                    message=f"名词解释解释了“{s.quote}”（{code}），但{why}，疑为套用模板"
                            + ("。" if sev == WARNING else "（部分表格未能完整读取，无法确认）。"))


def _known_names(ctx: Context, code: str) -> list[str]:
    for table in spec.TABLE_ORDER:
        for section in ("", "expenditure", "income"):
            if code in ctx.rows(table, section):
                return [ctx.row_name(table, code, section)]
    return []


@rule("glossary_labels", "名词解释中的科目名称",
      "名词解释中“××（类）××（款）××（项）”的名称应与表格中该编码的科目名称一致；没有表格时，"
      "不应使用已改名科目的旧名称（如“行政事业单位离退休（款）”现为“行政事业单位养老支出”）。", "wording")
def glossary_labels(ctx: Context) -> Iterator[Check]:
    for s in ctx.statements_of("glossary_entry", "glossary"):
        if not is_function_code(s.subject):
            continue
        printed = level_labels(s.quote)
        for level, n in (("类", 3), ("款", 5), ("项", 7)):
            label, sub = printed.get(level), s.subject[:n]
            if not label or len(sub) != n or len(s.subject) < n:
                continue
            names = ref.function_names(sub)
            known = _known_names(ctx, sub) or names[:1]
            if not known or any(same_label(label, k) for k in known):
                continue
            former = any(same_label(label, a) for a in names[1:])
            if not former and not _known_names(ctx, sub):
                continue  # no table to compare with, and not a former name: the reference may differ
            yield Check("glossary_labels", WARNING, row_code=sub, metric="glossary_entry", page=s.page,
                        message=f"名词解释“{s.quote}”中的“{label}（{level}）”，编码{sub}的科目名称是“{known[0]}”"
                                + ("（“" + label + "”是旧名称）。" if former else "。"))


@rule("sector_wording", "其他行业的模板用语",
      "说明中出现与本单位所属行业（元数据中的行业）无关、属于其他行业自身职能的用语（如公安机关的报告写“保障了各项检察工作的完成”"
      "“履行法律监督职能”），多为套用其他单位的模板（警告）。", "wording")
def sector_wording(ctx: Context) -> Iterator[Check]:
    own = ctx.report.meta.sector
    if not own or own in COORDINATING_SECTORS:
        return
    seen: dict[tuple[str, str], list] = {}
    for s in ctx.statements_of("sector_wording", "wording"):
        if s.subject == own or s.subject in ctx.report.meta.agency:
            continue
        phrase = next((p for p in SECTOR_WORDING.get(s.subject, ()) if p in s.quote), s.quote)
        seen.setdefault((s.subject, phrase), []).append(s)
    for (sector, phrase), found in seen.items():
        first, body = found[0], SECTOR_BODY.get(sector, sector + "部门")
        places = "、".join(dict.fromkeys(f"“{where(f.section)}”" for f in found))
        yield Check("sector_wording", WARNING, metric="sector_wording", page=first.page,
                    message=f"本单位属{own}行业，说明却写有“{first.quote}”——“{phrase}”是{body}的用语，"
                            f"疑为套用其他单位的模板（共{len(found)}处：{places}）。")


@rule("spelling_variants", "同一用语前后写法不一",
      "同一个词在报告中用两种写法印出，两种写法只差一个常被混用的字（如“涉案财务”与“涉案财物”、"
      "“入口率”与“入库率”），其中一种多为错别字（警告）。", "wording")
def spelling_variants(ctx: Context) -> Iterator[Check]:
    pairs: dict[str, list] = {}
    for s in ctx.statements_of("spelling_variant", "spelling"):
        pairs.setdefault(s.subject, []).append(s)
    for pair, (a, b) in ((p, found) for p, found in pairs.items() if len(found) == 2):
        yield Check("spelling_variants", WARNING, metric="spelling_variant",
                    message=f"同一用语有两种写法：“{a.quote}”（{a.value}处）与“{b.quote}”（{b.value}处），"
                            f"“{pair.split('/')[0]}”与“{pair.split('/')[1]}”只差一字，疑有错别字。")

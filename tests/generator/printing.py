"""What a variation changes in the printed words (headers, summary labels, titles, zeros), and the
record of it on the report, so that the expected line items are exactly what was printed.

Every draw here comes from a generator of its own (seeded by the variation and the table), so a
classic variation prints byte for byte what it printed before these families existed."""

from __future__ import annotations

import random

from .canonical import SyntheticReport
from .variations import Variation

# titles with 总 / 收入 dropped where no other table of the template is printed under that name.
# (Not Shanghai's "国有资本经营预算财政拨款收入支出决算表" for the national 9th table: that is the
# title of another spec table, state_capital, and putuo's truth files it so.)
ABBREVIATED: dict[str, list[tuple[str, str]]] = {  # table -> [(template or "", title)]
    "income_expenditure_summary": [("", "收入支出决算表")],
    "fiscal_summary": [("", "财政拨款收入支出决算表")],
    "government_fund": [("", "政府性基金预算财政拨款支出决算表")],
    "three_public": [("", "“三公”经费支出决算表")],
}
SUFFIX_SHU = ("基本支出", "项目支出", "本年收入", "本年支出")
SUFFIX_ZHICHU = ("人员经费", "公用经费", "因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费",
                 "公务用车运行费")


def and_word(text: str, v: Variation) -> str:
    """和/及 swapped or dropped in 结转和结余 / 购置及运行."""
    if v.w_and == "std":
        return text
    for std, swap, drop in (("结转和结余", "结转及结余", "结转结余"), ("购置及运行", "购置和运行", "购置运行")):
        text = text.replace(std, swap if v.w_and == "swap" else drop)
    return text


def total_word(text: str, v: Variation) -> str:
    """本年收入合计 → 本年收入 / 收入合计 (本年支出合计 alike)."""
    if text in ("本年收入合计", "本年支出合计") and v.w_total != "本年收入合计":
        return v.w_total.replace("收入", text[2:4])
    return text


def header_word(text: str, v: Variation, item: bool = True, table: str = "") -> str:
    """A column header of a table as this variation words it (item=False: no 项目 ↔ 科目名称 swap).
    The 三公 wording (运行费, 购置和运行, …费支出) only in the 三公 and 财政拨款支出明细 tables: the
    economic items of 07 print the classification's names."""
    t = text
    own = table in ("three_public", "fiscal_detail")
    if v.w_vehicle == "short" and own:
        t = t.replace("运行维护费", "运行费")
    t = and_word(t, v) if own or "结转" in t else t
    t = total_word(t, v)
    if v.w_suffix == "数" and t in SUFFIX_SHU:
        t += "数"
    elif v.w_suffix == "支出" and t in SUFFIX_ZHICHU and own:
        t += "支出"
    if t == "决算数":
        t = v.w_amount
    if item and v.w_item == "swap":
        t = {"项目": "科目名称", "科目名称": "项目"}.get(t, t)
    return t


def row_label(text: str, v: Variation) -> str:
    """A two-sided table's row label (本年收入合计, 年初结转和结余 …) as printed."""
    return total_word(and_word(text, v), v)


def prepare(report: SyntheticReport, v: Variation) -> None:
    """Record on the report what this variation prints differently from the canonical records:
    blank cells for zero (no line item) and renamed summary rows (row_name as printed)."""
    report.blank_zero = v.zeros == "blank"
    report.printed_names = {}
    for t in report.tables.values():
        if not t.two_sided:
            continue
        for section, rows in (("income", t.income), ("expenditure", t.expenditure)):
            for r in rows:
                name = row_label(r.name, v)
                if name != r.name:
                    report.printed_names[(t.id, section, r.code)] = name


def printed_name(report: SyntheticReport, table: str, section: str, code: str, name: str) -> str:
    return report.printed_names.get((table, section, code), name)


def printed_title(report: SyntheticReport, table: str, title: str, v: Variation, number: int) -> tuple[str, str]:
    """(title as printed on the table's page, as listed in the 目录)."""
    rng = random.Random(f"title-{v.seed}-{table}")
    if v.title_abbrev:
        options = [t for tpl, t in ABBREVIATED.get(table, []) if tpl in ("", report.template)]
        if options and rng.random() < 0.6:
            title = rng.choice(options)
    prefix = {"none": "", "year": f"{report.meta['year']}年度", "annex": f"附表{number}：",
              "dept": "" if title.startswith("部门") else "部门"}[v.title_affix]
    listed = prefix + title
    if v.title_space == "letters":
        title = " ".join(title)
    elif v.title_space == "some" and len(title) > 3:
        cuts = sorted(rng.sample(range(1, len(title)), min(2, rng.randint(1, 2))))
        title = "".join(ch + (" " if i + 1 in cuts else "") for i, ch in enumerate(title))
    return prefix + title, listed


def spaced_label(name: str, v: Variation, key: str) -> str:
    """Some long row labels printed letter-spaced (as putuo's 08 table); read without the spaces."""
    if not v.label_spacing or len(name) < 7:
        return name
    return " ".join(name) if random.Random(f"label-{v.seed}-{key}").random() < 0.35 else name

"""Narrative wording families of real disclosures (REAL-WORLD.md "Narrative wording"), as
generated sentences with their truth: each family in 万元 and in 元 (converted to 万元, as tables
are), in simplified and in traditional script (read through extract_document, which converts
traditional text once per document), with random amounts.

A template marks an amount as ``{a:NAME}`` (printed "X万元" or, in 元, "X元" with X × 10000),
a rate or share as ``{p:NAME}`` and the agency as ``{agency}``; the truth maps a metric to
``NAME`` (or ``-NAME``, a decrease) and its unit. Every generated fact must be found (recall)
and nothing else may be found with another value (precision): a family's expected set is
complete for the facts it states.
"""

from __future__ import annotations

import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from juesuan.extract.document import extract_document
from juesuan.normalize.facts import extract_facts

Q2 = Decimal("0.01")
AGENCIES = ["上海市普陀区财政局", "重庆市渝中区民政局", "成都市武侯区教育局", "广州市天河区卫生健康局"]

# (name, template, truth {metric: (slot or -slot, unit)}); a template is one narrative
FAMILIES: list[tuple[str, str, dict[str, tuple[str, str]]]] = [
    ("shanghai_total_agency_before_year",
     "一、收入支出决算总体情况说明\n{agency}2024年度收入支出总计{a:t}。与2023年度相比，收入支出总计减少{a:c}，下降{p:r}%。"
     "主要原因：人员变化。",
     {"total_income_expenditure": ("t", "万元"), "total_income_expenditure_change": ("-c", "万元"),
      "total_income_expenditure_change_pct": ("-r", "%")}),
    ("national_total_both",
     "一、收入支出决算总体情况说明\n2023年度收、支总计均为{a:t}。与2022年度相比，收、支总计各增加{a:c}，增长{p:r}%。",
     {"total_income_expenditure": ("t", "万元"), "total_income_expenditure_change": ("c", "万元"),
      "total_income_expenditure_change_pct": ("r", "%")}),
    ("totals_stated_separately",
     "一、收入支出决算总体情况说明\n2023年度收入总计{a:t}，支出总计{a:t}。与上年相比，收入总计增加{a:c}，增长{p:r}%。",
     {"total_income_expenditure": ("t", "万元"), "total_income_expenditure_change": ("c", "万元"),
      "total_income_expenditure_change_pct": ("r", "%")}),
    ("decrease_with_enumeration_comma",
     "五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n"
     "2023年度一般公共预算财政拨款支出{a:g}，占本年支出合计的{p:s}%。与2022年度相比，一般公共预算财政拨款支出"
     "减少{a:c}、下降{p:r}%。",
     {"general_budget_expenditure": ("g", "万元"), "general_budget_expenditure_share": ("s", "%"),
      "general_budget_expenditure_change": ("-c", "万元"), "general_budget_expenditure_change_pct": ("-r", "%")}),
    ("decrease_twice_with_comma",
     "十、其他重要事项的情况说明\n（一）机关运行经费支出情况\n2023年度机关运行经费支出{a:m}，比上年减少{a:c}、减少{p:r}%。",
     {"agency_operating_expense": ("m", "万元"), "agency_operating_expense_change": ("-c", "万元"),
      "agency_operating_expense_change_pct": ("-r", "%")}),
    ("budget_between_figure_and_change",
     "十、其他重要事项的情况说明\n（一）机关运行经费支出情况\n{agency}2023年度机关运行经费支出{a:m}，年初预算{a:b}，"
     "完成年初预算的{p:d}%，比2022年度增加{a:c}，增长{p:r}%。",
     {"agency_operating_expense": ("m", "万元"), "agency_operating_expense_change": ("c", "万元"),
      "agency_operating_expense_change_pct": ("r", "%")}),
    ("guangdong_budget_and_previous_year",
     "五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n"
     "2023年度一般公共预算财政拨款支出{a:g}，比年初预算{a:b}减少{a:d}，完成年初预算的{p:q}%，比上年决算增加{a:c}，增长{p:r}%。",
     {"general_budget_expenditure": ("g", "万元"), "general_budget_expenditure_change": ("c", "万元"),
      "general_budget_expenditure_change_pct": ("r", "%")}),
    ("agency_before_year_anchored_labels",
     "二、收入决算情况说明\n{agency}2023年度本年收入合计{a:i}，其中：财政拨款收入{a:f}，占{p:s}%；其他收入{a:o}，占{p:u}%。\n"
     "三、支出决算情况说明\n{agency}2023年度本年支出合计{a:e}，其中：基本支出{a:b}，占{p:v}%；项目支出{a:j}，占{p:w}%。",
     {"income_total": ("i", "万元"), "income_fiscal_appropriation": ("f", "万元"),
      "income_fiscal_appropriation_share": ("s", "%"), "income_other": ("o", "万元"), "income_other_share": ("u", "%"),
      "expenditure_total": ("e", "万元"), "expenditure_basic": ("b", "万元"), "expenditure_basic_share": ("v", "%"),
      "expenditure_project": ("j", "万元"), "expenditure_project_share": ("w", "%")}),
    ("shanghai_items_budget_then_actual",
     "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n"
     "一般公共预算财政拨款支出年初预算为{a:b}，支出决算为{a:g}，完成年初预算的{p:q}%。决算数小于预算数的主要原因：项目调减。"
     "其中：1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费；公用经费（含维修（护）费）等的基本支出。"
     "年初预算为{a:b1}，支出决算为{a:g1}。决算数小于预算数的主要原因：人员变化。"
     "2、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：缴纳在职人员住房公积金。年初预算为{a:b2}，"
     "支出决算为{a:g2}。决算数与预算数基本持平。",
     {"general_budget_expenditure": ("g", "万元"), "general_budget_budget_initial": ("b", "万元"),
      "general_budget_budget_completion_pct": ("q", "%"),
      "general_budget_expenditure_2010601": ("g1", "万元"), "general_budget_budget_initial_2010601": ("b1", "万元"),
      "general_budget_expenditure_2210201": ("g2", "万元"), "general_budget_budget_initial_2210201": ("b2", "万元")}),
    ("national_items_actual_then_rate",
     "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n"
     "1.公共安全支出（类）公安（款）行政运行（项）：年初预算为{a:b1}，支出决算为{a:g1}，完成年初预算的{p:q}%。\n"
     "2.卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）：支出决算为{a:g2}，完成预算100%。",
     {"general_budget_expenditure_2040201": ("g1", "万元"), "general_budget_budget_initial_2040201": ("b1", "万元"),
      "general_budget_expenditure_2101101": ("g2", "万元")}),
    ("class_shares_with_level",
     "五、一般公共预算财政拨款支出决算情况说明\n（二）一般公共预算财政拨款支出决算结构情况\n"
     "一般公共预算财政拨款支出{a:g}，主要用于以下方面：一般公共服务支出（类）{a:c1}，占{p:s1}%；"
     "社会保障和就业（类）支出{a:c2}，占{p:s2}%；住房保障支出（类）{a:c3}，占{p:s3}%。",
     {"general_budget_expenditure": ("g", "万元"),
      "general_budget_expenditure_201": ("c1", "万元"), "general_budget_expenditure_201_share": ("s1", "%"),
      "general_budget_expenditure_208": ("c2", "万元"), "general_budget_expenditure_208_share": ("s2", "%"),
      "general_budget_expenditure_221": ("c3", "万元"), "general_budget_expenditure_221_share": ("s3", "%")}),
    ("one_decimal_share",
     "五、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n"
     "2023年度一般公共预算财政拨款支出{a:g}，占本年支出合计的100.0%。",
     {"general_budget_expenditure": ("g", "万元"), "general_budget_expenditure_share": ("100.0", "%")}),
    ("not_comparable_growth",
     "八、政府性基金预算财政拨款支出决算情况说明\n2023年度政府性基金预算财政拨款支出{a:f}，比上年增加{a:f}，"
     "增长--(基数为0,不可比)。",
     {"gov_fund_expenditure": ("f", "万元"), "gov_fund_expenditure_change": ("f", "万元")}),
    ("large_growth_with_thousands",
     "十、其他重要事项的情况说明\n（一）机关运行经费支出情况\n2023年度机关运行经费支出{a:m}，比上年增加{a:c}，增长1,055.4%。",
     {"agency_operating_expense": ("m", "万元"), "agency_operating_expense_change": ("c", "万元"),
      "agency_operating_expense_change_pct": ("1055.4", "%")}),
    ("three_public_budget_then_actual",
     "七、财政拨款“三公”经费支出决算情况说明\n（一）“三公”经费财政拨款支出决算总体情况说明\n"
     "“三公”经费财政拨款支出年初预算为{a:b}，支出决算为{a:t}，完成预算的{p:q}%，其中：因公出国（境）费决算为{a:x}，"
     "完成预算的{p:y}%；公务接待费支出决算为{a:z}，完成预算的{p:w}%。",
     {"three_public_total": ("t", "万元"), "three_public_budget": ("b", "万元"), "three_public_completion_pct": ("q", "%"),
      "three_public_abroad": ("x", "万元"), "three_public_reception": ("z", "万元")}),
    ("national_three_public_budget_per_part",
     "七、财政拨款“三公”经费支出决算情况说明\n（一）“三公”经费财政拨款支出决算总体情况说明\n"
     "2023年度“三公”经费财政拨款支出预算为{a:b}，支出决算为{a:t}，完成预算的{p:q}%。其中：因公出国（境）费支出预算为"
     "{a:b1}，支出决算为{a:x}，完成预算的{p:q1}%；公务用车购置及运行维护费预算为{a:b2}，支出决算为{a:v}，完成预算的{p:q2}%；"
     "公务接待费支出预算为{a:b3}，支出决算为{a:z}，完成预算的{p:q3}%。",
     {"three_public_total": ("t", "万元"), "three_public_budget": ("b", "万元"), "three_public_completion_pct": ("q", "%"),
      "three_public_abroad": ("x", "万元"), "three_public_vehicle": ("v", "万元"), "three_public_reception": ("z", "万元")}),
    ("reception_with_its_amount",
     "七、财政拨款“三公”经费支出决算情况说明\n（二）“三公”经费财政拨款支出决算具体情况说明\n"
     "3.公务接待费支出{a:z}。其中：国内公务接待支出{a:z}，接待{n:b}批次，{n:p}人次（不包括陪同人员）。",
     {"three_public_reception": ("z", "万元"), "reception_batches": ("b", "批次"), "reception_persons": ("p", "人次")}),
    ("income_total_stated_alone_with_carryover",
     "一、收入支出决算总体情况说明\n{agency}2023年度收入总计{a:t}，其中：本年收入{a:i}，年初结转和结余{a:c}。",
     {"total_income_expenditure": ("t", "万元"), "income_total": ("i", "万元"), "carryover_begin": ("c", "万元")}),
    ("guangdong_three_public_long_sentence",
     "七、财政拨款“三公”经费支出决算情况说明\n（一）“三公”经费财政拨款支出决算总体情况说明\n"
     "{agency}2023年度“三公”经费财政拨款支出决算为{a:t}，完成全年预算{a:b}的{p:q}%，比上年决算数增加{a:c}，增长{p:r}%；"
     "比2019年(疫情前)决算数减少{a:d}，降低{p:e}%。其中：因公出国(境)费支出决算为{a:x}，完成预算{a:x}的100%，"
     "比上年决算数增加{a:x}，增长--(基数为0,不可比)；公务用车购置及运行维护费支出决算为{a:v}，完成预算{a:vb}的{p:vq}%，"
     "比上年决算数增加{a:vc}，增长{p:vr}%；其中：公务用车购置支出决算为0万元，完成预算0万元的--%(基数为0,不可比)，"
     "比上年决算数增加0万元，增长--(基数为0,不可比)；公务用车运行维护费支出决算为{a:v}，完成预算{a:vb}的{p:vq}%，"
     "比上年决算数增加{a:vc}，增长{p:vr}%；公务接待费支出决算为{a:z}，完成预算{a:zb}的{p:zq}%，比上年决算数增加{a:zc}，"
     "增长1,055.4%。",
     {"three_public_total": ("t", "万元"), "three_public_budget": ("b", "万元"), "three_public_completion_pct": ("q", "%"),
      "three_public_total_change": ("c", "万元"), "three_public_total_change_pct": ("r", "%"),
      "three_public_abroad": ("x", "万元"), "three_public_abroad_change": ("x", "万元"),
      "three_public_vehicle": ("v", "万元"), "three_public_vehicle_change": ("vc", "万元"),
      "three_public_vehicle_purchase": ("0", "万元"), "three_public_vehicle_operation": ("v", "万元"),
      "three_public_reception": ("z", "万元"), "three_public_reception_change": ("zc", "万元")}),
    ("chongqing_fiscal_income_lumped",
     "二、收入决算情况说明\n2023年度收入合计{a:i}，其中：财政拨款收入{a:f}，占{p:s}%；事业收入{a:e}，占{p:u}%。",
     {"income_total": ("i", "万元"), "income_fiscal_appropriation": ("f", "万元"),
      "income_fiscal_appropriation_share": ("s", "%"), "income_business": ("e", "万元"), "income_business_share": ("u", "%")}),
    ("shanghai_procurement",
     "十一、其他重要事项的情况说明\n（二）政府采购支出情况\n{agency}2024年度政府采购金额（以合同签订为准）为{a:t}，其中："
     "货物采购金额{a:g}、工程采购金额{a:w}、服务采购金额{a:s}。2024年度本部门面向中小企业预留政府采购项目预算金额{a:r}，"
     "面向小微企业预留政府采购项目预算金额{a:m}。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额{a:ra}；"
     "在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额{a:ma}；在其他政府采购项目中，"
     "由中小企业供应商中标或成交的，采购金额{a:oa}。",
     {"procurement_total": ("t", "万元"), "procurement_goods": ("g", "万元"), "procurement_works": ("w", "万元"),
      "procurement_services": ("s", "万元"), "procurement_sme_reserved_budget": ("r", "万元"),
      "procurement_small_micro_reserved_budget": ("m", "万元"), "procurement_sme_reserved_awarded": ("ra", "万元"),
      "procurement_small_micro_reserved_awarded": ("ma", "万元"), "procurement_sme_other_awarded": ("oa", "万元")}),
    ("national_procurement",
     "十、其他重要事项的情况说明\n（二）政府采购支出情况\n2023年度本部门政府采购支出总额{a:t}，其中：政府采购货物支出{a:g}、"
     "政府采购工程支出{a:w}、政府采购服务支出{a:s}。授予中小企业合同金额{a:m}，占政府采购支出总额的{p:p}%。",
     {"procurement_total": ("t", "万元"), "procurement_goods": ("g", "万元"), "procurement_works": ("w", "万元"),
      "procurement_services": ("s", "万元"), "procurement_sme": ("m", "万元"), "procurement_sme_share": ("p", "%")}),
    ("shanghai_performance_counts",
     "十、预算绩效管理情况\n{agency}2024年度预算绩效管理工作开展情况如下：编报绩效目标的2024年度项目{n:a}个，涉及预算金额{a:x}；"
     "绩效跟踪评价的2024年度项目{n:b}个，涉及预算金额{a:y}；绩效自评的2024年度项目{n:c}个，涉及预算金额{a:z}，平均得分{p:s}分"
     "（其中，绩效评级为“优”的项目{n:e}个；绩效评级为“良”的项目{n:g}个；绩效评级为“合格”的项目{n:h}个；"
     "绩效评级为“不合格”的项目{n:k}个。绩效自评中共发现问题{n:q}个，已经完成整改的{n:q}个）。",
     {"projects_with_targets": ("a", "个"), "projects_with_targets_amount": ("x", "万元"),
      "projects_monitored": ("b", "个"), "projects_monitored_amount": ("y", "万元"),
      "projects_self_evaluated": ("c", "个"), "projects_self_evaluated_amount": ("z", "万元"),
      "projects_self_evaluated_avg_score": ("s", "分"), "projects_rated_excellent": ("e", "个"),
      "projects_rated_good": ("g", "个"), "projects_rated_pass": ("h", "个"), "projects_rated_fail": ("k", "个"),
      "self_evaluation_problems": ("q", "个")}),
    ("national_performance_counts",
     "十、其他重要事项的情况说明\n（四）预算绩效管理情况\n对{n:a}个项目编制了绩效目标，选取{n:b}个项目开展绩效监控，"
     "对其中{n:c}个项目开展了绩效自评。",
     {"projects_with_targets": ("a", "个"), "projects_monitored": ("b", "个"), "projects_self_evaluated": ("c", "个")}),
]


def _amount(rng: random.Random) -> Decimal:
    return (Decimal(rng.randint(1, 9_999_999)) / 100).quantize(Q2)


def _printed_money(v: Decimal, yuan: bool, rng: random.Random) -> str:
    if yuan:
        y = v * 10000
        return (f"{y:,.2f}" if rng.random() < 0.5 else f"{y:.2f}") + "元"
    s = f"{v:,.2f}" if rng.random() < 0.3 else f"{v:.2f}"
    return s + "万元"


def generate(template: str, truth: dict, rng: random.Random, yuan: bool, agency: str
             ) -> tuple[str, dict[str, tuple[Decimal, str]]]:
    """The narrative text and its truth {metric: (value in 万元 / %, unit)}."""
    values: dict[str, Decimal] = {}

    def fill(m: re.Match[str]) -> str:
        kind, name = m["k"], m["n"]
        if kind == "a":
            v = values.setdefault(name, _amount(rng))
            return _printed_money(v, yuan, rng)
        if kind == "p":
            v = values.setdefault(name, (Decimal(rng.randint(1, 9999)) / 100).quantize(Q2, ROUND_HALF_UP))
            return f"{v}"
        v = values.setdefault(name, Decimal(rng.randint(0, 40)))
        return f"{v}"

    text = re.sub(r"\{(?P<k>[apn]):(?P<n>\w+)\}", fill, template.replace("{agency}", agency))
    expected = {}
    for metric, (slot, unit) in truth.items():
        neg = slot.startswith("-")
        name = slot.lstrip("-")
        value = values[name] if name in values else Decimal(name)
        expected[metric] = (-value if neg else value, unit)
    return text, expected


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _facts(text: str, tmp_path: Path) -> dict[str, tuple[Decimal, str]]:
    path = tmp_path / "narrative.txt"
    path.write_text(text, "utf-8")
    return {f.metric: (f.value, f.unit) for f in extract_facts(extract_document(path))}


CASES = [(name, unit, script) for name, _, _ in FAMILIES for unit in ("万元", "元") for script in ("简", "繁")]


@pytest.mark.parametrize("family,unit,script", CASES)
def test_wording_family(family, unit, script, tmp_path):
    _, template, truth = next(f for f in FAMILIES if f[0] == family)
    for seed in range(3):
        rng = random.Random(f"{family}-{unit}-{script}-{seed}")
        text, expected = generate(template, truth, rng, unit == "元", rng.choice(AGENCIES))
        if script == "繁":
            text = _traditional(text)
        got = _facts(text, tmp_path)
        missing = {m: v for m, v in expected.items() if got.get(m) != v}
        wrong = {m: v for m, v in got.items() if m not in expected}
        assert not missing, f"{family}: missing or wrong {missing}; got {got}\n{text}"
        assert not wrong, f"{family}: not stated as such {wrong}\n{text}"


def test_traditional_text_is_read_as_simplified(tmp_path):
    text = _traditional("一、收入支出决算总体情况说明\n2023年度收、支总计均为100.00万元。\n"
                        "四、财政拨款收入支出决算总体情况说明\n2023年度财政拨款收、支总计均为90.00万元。")
    assert "決算" in text and "財政撥款" in text
    got = _facts(text, tmp_path)
    assert got["total_income_expenditure"] == (Decimal("100.00"), "万元")
    assert got["fiscal_total"] == (Decimal("90.00"), "万元")


def test_traditional_paragraphs_in_a_simplified_document():
    """A page whose traditional paragraphs the document-level decision left as printed."""
    from juesuan.models import ExtractedDocument, Page

    text = ("一、收入支出决算总体情况说明\n说明如下，本部门负责本区相关工作，具体情况见下文各部分的说明。\n"
            + _traditional("2023年度收、支总计均为100.00万元。与2022年度相比，收、支总计各增加5.00万元，增长5.26%。"))
    doc = ExtractedDocument(Path("x.txt"), "text", "", 1, [Page(None, text)])
    got = {f.metric: (f.value, f.unit) for f in extract_facts(doc)}
    assert got["total_income_expenditure"] == (Decimal("100.00"), "万元")
    assert got["total_income_expenditure_change_pct"] == (Decimal("5.26"), "%")


def test_two_different_totals_are_not_recorded(tmp_path):
    """Two 总计 of different scope in one sentence (总计 without carry-overs): neither is the
    收入、支出总计 of the tables."""
    got = _facts("一、收入支出决算总体情况说明\n2023年度收入总计1200.00万元，支出总计1100.00万元。", tmp_path)
    assert "total_income_expenditure" not in got


def test_item_budget_is_never_the_departments(tmp_path):
    text = ("五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n"
            "其中：1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。"
            "年初预算为1560.05万元，支出决算为1511.89万元。\n"
            "2、某某支出（类）不存在的款（款）某某（项）。年初预算为10.00万元，支出决算为9.00万元。")
    got = _facts(text, tmp_path)
    assert "budget_initial" not in got
    assert got["general_budget_budget_initial_2010601"] == (Decimal("1560.05"), "万元")
    assert got["general_budget_expenditure_2010601"] == (Decimal("1511.89"), "万元")
    assert not [m for m in got if m.endswith("_change")]


def test_department_budget_initial_still_read(tmp_path):
    got = _facts("第四部分 附件\n二、部门资金收支情况\n2024年总体收入25266.88万元，主要包括：2024年年初预算收入"
                 "14214.01万元，年初结转和结余4222.09万元，年中追加预算6830.78万元。", tmp_path)
    assert got["budget_initial"] == (Decimal("14214.01"), "万元")
    assert got["budget_supplementary"] == (Decimal("6830.78"), "万元")


def test_change_against_the_budget_is_not_a_change_on_last_year(tmp_path):
    got = _facts("十、其他重要事项的情况说明\n（一）机关运行经费支出情况\n2023年度机关运行经费支出95.00万元，"
                 "比年初预算减少5.00万元，主要原因是厉行节约。", tmp_path)
    assert got == {"agency_operating_expense": (Decimal("95.00"), "万元")}


def test_previous_year_figure_is_not_this_years(tmp_path):
    got = _facts("十、其他重要事项的情况说明\n（一）机关运行经费支出情况\n机关运行经费较2022年度机关运行经费"
                 "120.00万元有所减少，2023年度机关运行经费支出100.00万元。", tmp_path)
    assert got["agency_operating_expense"] == (Decimal("100.00"), "万元")


def test_negative_growth_printed_with_a_minus_sign(tmp_path):
    got = _facts("十、其他重要事项的情况说明\n（一）机关运行经费支出情况\n2023年度机关运行经费支出95.00万元，"
                 "比上年增长-5.00%。", tmp_path)
    assert got["agency_operating_expense_change_pct"] == (Decimal("-5.00"), "%")


def test_budget_broken_down_is_not_the_final_figures(tmp_path):
    """Chongqing 三公 page: the budget and its parts first, then the final figure."""
    got = _facts("重庆市铜梁区安居镇人民政府\n2021年“三公”经费决算汇总情况\n2021年我镇“三公”经费预算为20万元，其中："
                 "因公出国(境)费0万元，公务接待费9万元，公务用车运行维护费11万元，公务用车购置0万元。\n"
                 "2021年“三公”经费支出共计9.07万元，较年初预算数减少10.93万元，下降54.65%，较上年支出数减少0.71万元，"
                 "下降7.83%。", tmp_path)
    assert got == {"three_public_total": (Decimal("9.07"), "万元"),
                   "three_public_total_change": (Decimal("-0.71"), "万元"),
                   "three_public_total_change_pct": (Decimal("-7.83"), "%")}


def test_full_width_percent_and_pinyin_annotations(tmp_path):
    got = _facts("二、收入决算情况说明\n2023年度本年收入合计100.00万元，其中：一般公共預(yù)算財政撥款收入90.00萬元，占90.00％。",
                 tmp_path)
    assert got["income_general_budget"] == (Decimal("90.00"), "万元")
    assert got["income_general_budget_share"] == (Decimal("90.00"), "%")


def test_heading_that_states_a_figure_is_read(tmp_path):
    got = _facts("十、其他重要事项的情况说明\n（一）机关运行经费支出184.65万元。\n比2023年度增加2.55万元，增长1.40%。",
                 tmp_path)
    assert got["agency_operating_expense"] == (Decimal("184.65"), "万元")
    assert got["agency_operating_expense_change"] == (Decimal("2.55"), "万元")

"""Narrative facts from small synthetic documents in the seeds' wording."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.models import ExtractedDocument, Page
from juesuan.normalize.facts import extract_facts
from juesuan.normalize.facts_codes import class_code, item_code


def _doc(*pages: str, numbered: bool = False) -> ExtractedDocument:
    return ExtractedDocument(Path("x.txt"), "pdf" if numbered else "text", "", len(pages),
                             [Page(i + 1 if numbered else None, t) for i, t in enumerate(pages)])


def _facts(*pages: str, numbered: bool = False) -> dict[str, tuple[Decimal, str]]:
    return {f.metric: (f.value, f.unit) for f in extract_facts(_doc(*pages, numbered=numbered))}


def test_spaces_between_words_and_numbers_and_paragraph_breaks():
    text = ("一、收入支出决算总体情况说明\n\n2024 年度收入、支出总计均为 21,044.79 万元。与 2023 年度相比，"
            "收入、支出总计各增加\n\n4046.84 万元，增长 23.8%。")
    got = _facts(text)
    assert got["total_income_expenditure"] == (Decimal("21044.79"), "万元")
    assert got["total_income_expenditure_change"] == (Decimal("4046.84"), "万元")
    assert got["total_income_expenditure_change_pct"] == (Decimal("23.8"), "%")


def test_decrease_is_negative_and_value_kept_as_printed():
    text = ("（一）“三公”经费财政拨款支出决算总体情况说明\n2023年度“三公”经费财政拨款支出决算为139.30万元，"
            "完成预算100%，较上年度减少19.14万元，下降13.74%。")
    got = _facts(text)
    assert str(got["three_public_total"][0]) == "139.30"
    assert got["three_public_total_change"][0] == Decimal("-19.14")
    assert got["three_public_total_change_pct"][0] == Decimal("-13.74")


def test_shares_recorded_only_for_non_zero_amounts():
    text = ("二、收入决算情况说明\n2023年度本年收入合计100万元，其中：一般公共预算财政拨款收入90万元，占90%；"
            "事业收入10万元，占10%；经营收入0万元，占0%。")
    got = _facts(text)
    assert got["income_general_budget_share"] == (Decimal("90"), "%")
    assert got["income_business_share"] == (Decimal("10"), "%")
    assert got["income_operating"] == (Decimal("0"), "万元")
    assert "income_operating_share" not in got


def test_basic_expenditure_label_is_not_read_inside_a_longer_label():
    text = "六、一般公共预算财政拨款基本支出决算情况说明\n2023年度一般公共预算财政拨款基本支出7603.69万元，其中：\n人员经费6479.14万元，主要包括：基本工资。\n公用经费1124.55万元。"
    got = _facts(text)
    assert got["general_budget_basic"][0] == Decimal("7603.69")
    assert "expenditure_basic" not in got
    assert got["personnel_expense"][0] == Decimal("6479.14")
    assert got["public_expense"][0] == Decimal("1124.55")


def test_class_and_item_codes_from_printed_names():
    text = ("五、一般公共预算财政拨款支出决算情况说明\n（二）一般公共预算财政拨款支出决算结构情况\n"
            "2023年度一般公共预算财政拨款支出100万元，主要用于以下方面：公共安全支出60万元，占60%；"
            "住房保障支出40万元，占40%。\n（三）一般公共预算财政拨款支出决算具体情况\n"
            "1.一般公共服务（类）公安（款）行政运行（项）：支出决算为50万元，完成预算100%。\n"
            "2.公共安全支出(类)公安(款)执法办案(项): 支出决算为10万元。\n"
            "3.住房保障支出（类）住房改革支出（款）住房公积金（项）：支出决算为40万元。")
    got = _facts(text)
    assert got["general_budget_expenditure_204"][0] == Decimal("60")
    assert got["general_budget_expenditure_221"][0] == Decimal("40")
    assert got["general_budget_expenditure_2040201"][0] == Decimal("50")
    assert got["general_budget_expenditure_2040220"][0] == Decimal("10")
    assert got["general_budget_expenditure_2210201"][0] == Decimal("40")
    assert "general_budget_expenditure_204_share" not in got


def test_class_amounts_of_the_annex_are_not_section_five():
    text = "第四部分 附件\n（二）支出情况\n2023年决算报表支出数90万元。公共安全支出70万元，城乡社区支出20万元。"
    assert not any(m.startswith("general_budget_expenditure_") for m in _facts(text))


def test_first_statement_wins_and_definitions_are_skipped():
    text = ("第三部分 名词解释\n1.机关运行经费：为保障行政单位运行。\n第二部分 2023年度部门决算情况说明\n"
            "十、其他重要事项的情况说明\n（二）政府采购支出情况\n2023年度，某局政府采购支出总额373.13万元，其中：政府采购货物支出68.73万元。\n"
            "第四部分 附件\n重点领域绩效分析。某局政府采购货物支出62.43万元。")
    got = _facts(text)
    assert got["procurement_total"][0] == Decimal("373.13")
    assert got["procurement_goods"][0] == Decimal("68.73")


def test_copied_change_clause_is_attributed_once():
    text = ("一、收入支出决算总体情况说明\n2023年度收、支总计均为100万元。与2022年度相比，收入增加5万元，增长5%。\n"
            "四、财政拨款收入支出决算总体情况说明\n2023年度财政拨款收、支总计均为100万元。与2022年度相比，收入增加5万元，增长5%。")
    got = _facts(text)
    assert got["total_income_expenditure_change"][0] == Decimal("5")
    assert got["fiscal_total"][0] == Decimal("100")
    assert "fiscal_total_change" not in got


def test_counts_with_their_units():
    text = ("2.人员情况：某局下设22个职能部门。全局共有民警在职人员239人，辅警307人，退休人员42人。\n"
            "国内公务接待31批次，583人次（不包括陪同人员）。截至2023年12月31日，单位共有公务用车49辆。"
            "执法执勤车辆89台。对24个项目编制了绩效目标，选取11个项目开展绩效监控,对其中5项开展绩效自评。"
            "某局部门整体（含部门预算项目）绩效自评得分为91.8分。")
    got = _facts(text)
    assert got["internal_departments"] == (Decimal("22"), "个")
    assert got["staff_on_post"] == (Decimal("239"), "人")
    assert got["staff_auxiliary"] == (Decimal("307"), "人")
    assert got["retired"] == (Decimal("42"), "人")
    assert got["reception_batches"] == (Decimal("31"), "批次")
    assert got["reception_persons"] == (Decimal("583"), "人次")
    assert got["official_vehicles"] == (Decimal("49"), "辆")
    assert got["vehicles_law_enforcement"] == (Decimal("89"), "台")
    assert got["projects_with_targets"] == (Decimal("24"), "个")
    assert got["projects_monitored"] == (Decimal("11"), "个")
    assert got["projects_self_evaluated"] == (Decimal("5"), "个")
    assert got["self_evaluation_score"] == (Decimal("91.8"), "分")


def test_pdf_page_numbers_and_footers_do_not_break_a_clause():
    p1 = "四、财政拨款收入支出决算总体情况说明\n2024年度财政拨款收入、支出总计均为25266.88万元。与2023年度相比，财政拨款收入总计、\n- 3 -"
    p2 = "支出总计各增加4046.84万元，增长23.8%。"
    facts = {f.metric: f for f in extract_facts(_doc(p1, p2, numbered=True))}
    assert facts["fiscal_total"].page == 1
    assert facts["fiscal_total_change"].value == Decimal("4046.84")
    assert facts["fiscal_total_change"].page == 2


def test_amount_without_unit_is_not_a_fact():
    assert _facts("2024年度一般公共预算财政拨款支出决算数为20907.94，完成预算100%。") == {}


def test_function_code_lookup():
    assert class_code("其中：社会保障和就业支出") == "208"
    assert class_code("卫生健康") == "210"
    assert item_code("社会保障和就业", "行政事业单位养老支出", "机关事业单位职业年金缴费支出") == "2080506"
    assert item_code("一般公共服务", "其他公共安全支出", "其他公共安全支出") == "2049999"
    assert item_code("公共安全支出", "公安", "事业运行") == "2040250"
    assert item_code("公共安全支出", "不存在的款", "行政运行") is None


NATIONAL = """一、收入支出决算总体情况说明
2023年度收、支总计各3000.50万元。与2022年度相比，收、支总计各减少120.00万元，下降3.85%。
二、收入决算情况说明
2023年度收入合计2800.00万元，其中：财政拨款收入2700.00万元，占96.43%；其他收入100.00万元，占3.57%。
三、支出决算情况说明
2023年度支出合计2900.00万元，其中：基本支出2000.00万元，占68.97%；项目支出900.00万元，占31.03%。
五、一般公共预算财政拨款支出决算情况说明
（二）一般公共预算财政拨款支出决算结构情况
2023年度一般公共预算财政拨款支出2600.00万元，主要用于以下方面：一般公共服务（类）支出2000.00万元，占76.92%；住房保障（类）支出600.00万元，占23.08%。
（三）一般公共预算财政拨款支出决算具体情况
1.一般公共服务（类）统计信息事务（款）行政运行（项）。年初预算为1900.00万元，支出决算为2000.00万元，完成年初预算的105.26%。
七、财政拨款“三公”经费支出决算情况说明
2023年度“三公”经费财政拨款支出预算为50.00万元，支出决算为45.00万元，完成预算的90%，较上年增加5.00万元，增长12.5%。
其中：公务用车购置费10.00万元。截至2023年12月31日，开支财政拨款的公务用车保有量为12辆。国内公务接待20批次，300人次（不包括陪同人员）。
十二、政府采购支出情况说明
2023年度本部门政府采购支出总额300.00万元，其中：政府采购货物支出100.00万元、政府采购工程支出0万元、政府采购服务支出200.00万元。授予中小企业合同金额250.00万元，占政府采购支出总额的83.33%，其中：授予小微企业合同金额120.00万元，占政府采购支出总额的40%。
"""


def test_national_template_wording():
    got = _facts(NATIONAL)
    assert got["total_income_expenditure"][0] == Decimal("3000.50")
    assert got["total_income_expenditure_change"][0] == Decimal("-120.00")
    assert got["total_income_expenditure_change_pct"][0] == Decimal("-3.85")
    assert got["income_total"][0] == Decimal("2800.00")
    assert got["income_other_share"][0] == Decimal("3.57")
    assert got["expenditure_total"][0] == Decimal("2900.00")
    assert got["expenditure_project"][0] == Decimal("900.00")
    assert got["general_budget_expenditure_201"][0] == Decimal("2000.00")
    assert got["general_budget_expenditure_221"][0] == Decimal("600.00")
    assert got["general_budget_expenditure_2010501"][0] == Decimal("2000.00")
    assert got["three_public_total"][0] == Decimal("45.00")
    assert got["three_public_total_change_pct"][0] == Decimal("12.5")
    assert got["three_public_vehicle_purchase"][0] == Decimal("10.00")
    assert got["official_vehicles"] == (Decimal("12"), "辆")
    assert got["reception_persons"] == (Decimal("300"), "人次")
    assert got["procurement_sme_share"][0] == Decimal("83.33")
    assert got["procurement_small_micro_share"][0] == Decimal("40")

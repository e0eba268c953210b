"""Unit tests of the project self-evaluation parser on small hand-made tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.models import ExtractedDocument, Grid, Page
from juesuan.normalize.projects import extract_projects
from juesuan.normalize.projects_cells import level_label, operator, split_operator, tidy
from juesuan.normalize.projects_text import is_word_export, word_rows

D = Decimal
HEAD = ["绩效指标\n（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
        "完成值", "权重", "得分", "未完成原因分\n析"]
BUDGET_HEAD = ["预算执行\n情况（10\n分）", "年度预算数\n（万元）", "年初预算", "调整后预算数",
               "预算执行\n数", "预算执行\n率", "权重", "得分", "原因", None, None]


def _grid_doc(*grids: list, fmt: str = "pdf", pages: list[int] | None = None) -> ExtractedDocument:
    pages = pages or list(range(1, len(grids) + 1))
    return ExtractedDocument(Path("x.pdf"), fmt, "", len(grids),
                             [Page(n, "", [Grid(n, g)]) for n, g in zip(pages, grids)])


def _text_doc(text: str) -> ExtractedDocument:
    return ExtractedDocument(Path("x.txt"), "text", "", 1, [Page(None, text)])


def _project_grid(code="12345678T0001", name="测试项目", total=("100.00", "80.00", "60.00",
                  "75.00%", "10", "8"), indicators=None, total_row=("100", "90")) -> list:
    rows = [
        ["项目名称", f"{code}-{name}", *[None] * 9],
        ["主管部门", "某局", None, None, None, "实施单位（盖章）", None, "某局", None, None, None],
        BUDGET_HEAD,
        [None, "总额", *total, "说明", None, None],
        [None, "其中：财政\n资金", "1.00", "2.00", "3.00", "4.00%", "/", "/", None, None, None],
        HEAD,
    ]
    rows += indicators if indicators is not None else [
        [None, "产出指标", "数量指标", "办理案件\n数量", "≥", "600", "件", "449", "40", "25", ""],
        [None, None, None, "宣传次数", "＝", "20", "次", "20次", "10", "10", ""],
        [None, None, "质量指标", "群众安全感", "定性", "优良中\n差", "其他", "优", "10", "10", ""],
        [None, "效益指标", "可持续影响指\n标", "制度健全性", "定性", "健全", "", "健全", "10", "10", ""],
        [None, "满意度指标", "", "群众满意度", "\\geqslant", "95", "%", "95%", "10", "10", ""],
    ]
    rows += [["合计", *[None] * 7, *total_row, ""],
             ["评价结论", "好", *[None] * 9],
             ["存在问题", "无", *[None] * 9],
             ["改进措施", "无", *[None] * 9]]
    return rows


# ------------------------------------------------------------------ cells


def test_operators_are_normalised():
    assert [operator(x) for x in ("≥", "＝", "\\geqslant", "$=$", "$\\leqslant$", "定性", "≦")] == [
        "≥", "=", "≥", "=", "≤", "定性", "≤"]
    assert operator("95") is None and operator("") is None
    assert split_operator("≥95%") == ("≥", "95%")
    assert split_operator("95%") is None


def test_level_labels_recognise_fragments():
    assert level_label("产出指 标") == "产出指标"
    assert level_label("效益指") == "效益指标"
    assert level_label("服务对象满意\n度指标") == "服务对象满意度指标"
    assert level_label("满意度") == "满意度指标"
    assert level_label("社会") is None  # 社会效益指标 or 社会成本指标: not guessed
    assert level_label("群众满意度") is None
    assert level_label("分项") is None


def test_tidy_removes_converter_spaces_only():
    assert tidy("2024 年派驻纪检组办案项目") == "2024年派驻纪检组办案项目"
    assert tidy("开通 20M 视频专网和 1 条万兆") == "开通20M视频专网和1条万兆"
    assert tidy("重大安保、 治安综合治理") == "重大安保、 治安综合治理"  # printed space kept
    assert tidy("项目预算成本\n控制数") == "项目预算成本控制数"


# ------------------------------------------------------------------ grids


def test_grid_table_gives_project_and_indicators():
    projects, indicators, problems = extract_projects(_grid_doc(_project_grid()))
    (p,) = projects
    assert (p.project_code, p.project_name, p.page) == ("12345678T0001", "测试项目", 1)
    assert (p.budget_initial, p.budget_adjusted, p.executed) == (D("100.00"), D("80.00"),
                                                                 D("60.00"))
    assert (p.execution_rate, p.score) == (D("75.00"), D("90"))
    rows = [(i.level1, i.level2, i.level3, i.operator, i.target, i.unit, i.actual, i.weight,
             i.score) for i in indicators]
    assert rows == [
        ("产出指标", "数量指标", "办理案件数量", "≥", "600", "件", "449", D("40"), D("25")),
        ("产出指标", "数量指标", "宣传次数", "=", "20", "次", "20次", D("10"), D("10")),
        ("产出指标", "质量指标", "群众安全感", "定性", "优良中差", "其他", "优", D("10"), D("10")),
        ("效益指标", "可持续影响指标", "制度健全性", "定性", "健全", "", "健全", D("10"), D("10")),
        ("满意度指标", "", "群众满意度", "≥", "95", "%", "95%", D("10"), D("10")),
    ]
    assert problems == []


def test_level1_is_derived_from_level2_when_its_label_is_lost():
    rows = [[None, "", "数量指标", "甲", "=", "1", "个", "1", "50", "50", ""],
            [None, None, "社会效益指标", "乙", "=", "1", "个", "1", "20", "20", ""],
            [None, None, "经济成本指标", "丙", "≤", "3", "万元", "3", "20", "20", ""]]
    _, indicators, _ = extract_projects(_grid_doc(_project_grid(indicators=rows)))
    assert [(i.level1, i.level2) for i in indicators] == [
        ("产出指标", "数量指标"), ("效益指标", "社会效益指标"), ("成本指标", "经济成本指标")]


def test_cut_table_is_a_problem_not_an_exception():
    grid = _project_grid(indicators=[], total_row=("", ""))
    projects, indicators, problems = extract_projects(_grid_doc(grid))
    assert projects[0].score is None and projects[0].executed == D("60.00")
    assert indicators == []
    assert {p.code for p in problems} == {"project_incomplete", "project_score_missing"}
    assert all(p.page == 1 and "12345678T0001" in p.message for p in problems)


def test_table_continued_on_next_page_is_joined():
    full = _project_grid()
    first, second = full[:8], full[8:]  # the page breaks after the second indicator
    projects, indicators, problems = extract_projects(_grid_doc(first, second))
    assert len(projects) == 1 and projects[0].score == D("90")
    assert len(indicators) == 5 and indicators[-1].page == 2
    assert indicators[2].level2 == "质量指标" and problems == []


def test_unrelated_grid_on_next_page_is_not_joined_to_a_closed_table():
    other = [["项目", "金额"], ["合计", "5"]]
    projects, indicators, _ = extract_projects(_grid_doc(_project_grid(), other))
    assert len(projects) == 1 and len(indicators) == 5


def test_department_table_is_not_a_project():
    dept = [["部门名称", "某局", None], ["年度主要任务", "任务名称", "主要内容"],
            ["年度部门整体支出预算执行情况（万元）", "年初预算", "全年预算数"],
            ["", "总额", "9089.96"], HEAD[:4], ["合计", "100", "90"]]
    assert extract_projects(_grid_doc(dept)) == ([], [], [])


def test_docx_merges_repeated_or_none_give_the_same_result():
    grid = _project_grid()
    repeated = [[c if c is not None else next((x for x in reversed(r[:i]) if x is not None), "")
                 for i, c in enumerate(r)] for r in grid]
    a = extract_projects(_grid_doc(grid, fmt="docx"))
    b = extract_projects(_grid_doc(repeated, fmt="docx"))
    assert a[0] == b[0]
    assert [(i.level3, i.weight, i.score, i.operator) for i in a[1]] == [
        (i.level3, i.weight, i.score, i.operator) for i in b[1]]


def test_central_template_headers_and_operator_inside_the_value():
    grid = [["项目名称", "某某专项", None, None, None, None, None, None],
            ["", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "", "100", "120", "90", "10", "75%", "7.5"],
            ["", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["", "产出指标", "数量指标", "培训人数", "≥500人", "520人", "20", "20"],
            ["总分", None, None, None, None, None, "100", "87.5"]]
    projects, indicators, problems = extract_projects(_grid_doc(grid))
    (p,) = projects
    assert (p.budget_initial, p.budget_adjusted, p.executed, p.execution_rate, p.score) == (
        D("100"), D("120"), D("90"), D("75"), D("87.5"))
    (i,) = indicators
    assert (i.operator, i.target, i.actual, i.weight) == ("≥", "500人", "520人", D("20"))
    assert [x.code for x in problems] == ["project_code_missing"]


def test_duplicate_project_is_kept_once():
    projects, _, problems = extract_projects(_grid_doc(_project_grid(), _project_grid(),
                                                       pages=[1, 5]))
    assert len(projects) == 1 and [p.code for p in problems] == ["project_duplicate"]


# ------------------------------------------------------------------ text

WORD = """\t测试项目项目支出绩效自评表（2023年度）

\t项目名称
\t12345678T0002-测试项目

\t预算执行情况（10分）
\t年度预算数（万元）
\t年初预算
\t调整后预算数
\t预算执行数
\t预算执行率
\t权重
\t得分

\t
\t总额
\t30.00
\t70.05
\t70.05
\t100.00%
\t10
\t10

\t绩效指标（90分）
\t一级指标
\t二级指标
\t三级指标
\t指标性质
\t指标值
\t度量单位
\t完成值
\t权重
\t得分
\t未完成原因分析

\t
\t产出指标
\t数量指标
\t运行卡口数
\t=
\t34
\t项/点位
\t34
\t40
\t30
\t全年完成

第二段说明 80 万元

\t
\t
\t
\t运行时间
\t＝
\t1
\t年
\t1
\t50
\t50
\t

\t合计
\t100
\t90
\t

\t评价结论
\t好
"""


def test_word_export_rows_and_project():
    lines = [(line, None) for line in WORD.split("\n")]
    assert is_word_export(lines)
    rows = word_rows(lines)
    assert rows[1].cells == ["项目名称", "12345678T0002-测试项目"]
    projects, indicators, problems = extract_projects(_text_doc(WORD))
    (p,) = projects
    assert (p.budget_initial, p.budget_adjusted, p.execution_rate, p.score) == (
        D("30.00"), D("70.05"), D("100.00"), D("90"))
    assert [(i.level1, i.level2, i.level3, i.operator, i.weight, i.score) for i in indicators] == [
        ("产出指标", "数量指标", "运行卡口数", "=", D("40"), D("30")),
        ("产出指标", "数量指标", "运行时间", "=", D("50"), D("50"))]
    assert problems == []


LAYOUT = "\n".join("\t".join(r) for r in [
    ["部门预算项目支出绩效自评表（2024 年度）", "", ""],
    ["项目名称", "", "12345678T0003-2024 年测试项目", ""],
    ["预算执行情况 (10分)", "年度预算数 (万元)", "年初预算", "调整后预算数", "预算执行数", "",
     "预算执行率", "权重", "得分"],
    ["", "总额", "50.00", "19.97", "19.97", "", "100.00%", "10", "10"],
    ["绩效指标 (90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
     "完成值", "权重", "得分"],
    ["", "产出指 标", "数量指标", "出勤次数", "\\geqslant", "100", "次", "120 次", "20", "20"],
    ["", "质量指标", "", "出勤合格率", "$=$", "100", "%", "100%", "10"],
    ["", "", "", "窗帘安装数量", "=", "160", "平方", "160平方", "10", "10"],
    ["", "", "", "", "", "米", "米", "", ""],
    ["1. 预算执行率=预算执行数 / 调整后预算数"],
    ["效益指", "社会效益指标", "日常工作运转率", "=", "100", "%", "100%", "20", "20"],
    ["", "满意度", "服务对象满意", "群众满意度", "≥", "95", "%", "95%", "10", "10"],
    ["", "指标", "度指标", "", ""],
    ["", "成本指标", "预算控制数", "≤", "19.97", "万元", "19.97 万 元", "10", "10"],
    ["合计", "", "", "", "", "", "", "100", "90", ""],
    ["评价结论", "自评得分 90 分"],
    ["项目负责人：", "财务负责人："],
    ["(项目名称：2024 年测试项目)"],
    ["一级指标", "二级指标", "三级指标", "指标", "评分"],
    ["得分合计", "", "", "95.00"],
])


def test_layout_export_rows_read_by_content():
    projects, indicators, problems = extract_projects(_text_doc(LAYOUT))
    (p,) = projects
    assert (p.project_name, p.budget_adjusted, p.execution_rate, p.score) == (
        "2024年测试项目", D("19.97"), D("100.00"), D("90"))
    got = [(i.level1, i.level2, i.level3, i.operator, i.unit, i.actual, i.weight, i.score)
           for i in indicators]
    assert got == [
        ("产出指标", "数量指标", "出勤次数", "≥", "次", "120次", D("20"), D("20")),
        ("产出指标", "质量指标", "出勤合格率", "=", "%", "100%", D("10"), None),
        ("产出指标", "质量指标", "窗帘安装数量", "=", "平方米", "160平方米", D("10"), D("10")),
        ("效益指标", "社会效益指标", "日常工作运转率", "=", "%", "100%", D("20"), D("20")),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "%", "95%", D("10"), D("10")),
        ("成本指标", "", "预算控制数", "≤", "万元", "19.97万元", D("10"), D("10")),
    ]
    assert [x.code for x in problems] == ["indicator_incomplete"]


def test_layout_export_cut_table():
    text = "\n".join(LAYOUT.split("\n")[:4]) + "\n\n存在问题\t无\n改进措施\t无\n"
    projects, indicators, problems = extract_projects(_text_doc(text))
    assert projects[0].executed == D("19.97") and projects[0].score is None
    assert indicators == []
    assert sorted(p.code for p in problems) == ["project_incomplete", "project_score_missing"]


@pytest.mark.parametrize("text", ["", "项目名称：无表格的说明文字\n", "\t部门名称\n\t某局\n"])
def test_no_tables_no_projects(text):
    assert extract_projects(_text_doc(text)) == ([], [], [])


def test_layout_text_with_operator_inside_the_value():
    text = "\n".join("\t".join(r) for r in [
        ["项目名称", "12345678T0004-某专项"],
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100", "120", "90", "10", "75%", "7.5"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "培训人数", "≥500人", "520人", "20", "18"],
        ["总分", "100", "87.5"]])
    projects, indicators, _ = extract_projects(_text_doc(text))
    assert projects[0].score == D("87.5") and projects[0].budget_adjusted == D("120")
    (i,) = indicators
    assert (i.operator, i.target, i.unit, i.actual, i.weight, i.score) == (
        "≥", "500人", "", "520人", D("20"), D("18"))

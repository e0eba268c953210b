"""What the statements extractor reads beyond the facts rules: wordings that state a
figure again (without naming it the way facts_rules does), the clauses attached to a
figure (完成预算 R%, 较上年 N万元 增加 C万元 增长 P%), the vehicle breakdowns, the
名词解释 entries and wording typical of one sector's own work.

Every pattern runs on whitespace-free text (see facts_text).
"""

from __future__ import annotations

import re

from juesuan.normalize.facts_rules import _ITEM_NAME, NUM, Rule

# figures printed again in words the facts rules do not take (the facts keep the first
# statement; these only add statements). Each: (kind, rule).
EXTRA_RULES: list[tuple[str, Rule]] = [
    # 附件: "政府采购货物62.43万元" (section 十 says "政府采购货物支出…")
    ("figure", Rule("procurement_goods", "政府采购货物", anchored=False)),
    ("figure", Rule("general_expenditure_budget_initial", "一般性支出(?:财政拨款)?年初预算(?:数)?",
                    anchored=False)),
    ("figure", Rule("general_expenditure_executed", "一般性支出(?:财政拨款)?(?:预算)?执行数",
                    anchored=False)),
    # 部门整体 indicator row: "2024年单位在职人员数量 = 547 人"
    ("self_evaluation", Rule("staff_on_post",
                             rf"在职人员(?:数量|人数)(?:\$?[=＝]\$?)(?P<v>\d+)(?P<u>人)",
                             unit="人", anchored=False)),
]

# a figure stated as a budget (the 部门整体 目标 "使用财政预算资金…（其中：人员经费…"):
# not the final-account figure of its metric
BUDGET_CONTEXT = re.compile(r"预算资金|年初预算|预算安排|安排预算|预算数|全年预算|预算金额|预计")

# the words before a figure of the previous year ("较2023年一般性支出…1222.99万元"): the
# figure is not a statement of its metric (it is the ``_previous`` of a change)
PRIOR_YEAR = re.compile(r"(?:较|比)(?:上年(?:度)?|上一年度?|\d{4}年(?:度)?)?(?:同期)?$")
PRIOR_WINDOW = 12
QUOTE_MAX = 60  # characters of a statement's clause before its figure

# "X万元，完成预算R%" — the completion rate of the figure just stated
COMPLETION = re.compile(rf"(?P<v>{NUM})万元[，,]?完成(?:全年|年初)?预算(?:数)?(?:的)?(?P<p>{NUM})%")

# "X万元，较2023年<label>N万元，增加C万元，增长P%" — a change with its previous amount
_NOT_CHANGE = r"(?:(?!增加|减少|增长|下降)[^，,。；;%])"
PREVIOUS_CHANGE = re.compile(
    rf"(?P<cur>{NUM})万元[，,]?(?:较|比)(?:上年(?:度)?|\d{{4}}年(?:度)?)(?P<label>{_NOT_CHANGE}{{0,40}}?)"
    rf"(?P<prev>{NUM})万元[，,]?(?P<dir>增加|减少|增长|下降)(?P<v>{NUM})万元"
    rf"(?:[，,]?(?P<pdir>增长|下降|增加|减少)(?P<p>{NUM})%)?")

# vehicles listed by type after a count ("购置公务用车2辆，轿车0辆、金额0万元，…")
BREAKDOWN_ANCHORS = ("vehicles_purchased", "official_vehicles", "vehicles_total")
VEHICLE_TYPES = {
    "轿车": "sedan", "越野车": "suv", "载客汽车": "bus", "其他车辆": "other", "其他用车": "other",
    "主要领导干部用车": "leaders", "机要通信用车": "confidential", "应急保障用车": "emergency",
    "执法执勤用车": "law_enforcement", "执法执勤车辆": "law_enforcement",
    "特种专业技术用车": "special", "特种专用技术用车": "special",
}
VEHICLE_PART = re.compile(
    rf"(?P<name>{'|'.join(sorted(VEHICLE_TYPES, key=len, reverse=True))})(?P<n>\d+)(?:辆|台)"
    rf"(?:[，,、]?(?:购置)?金额(?:为)?(?P<a>{NUM})万元)?")

ENUM = re.compile(r"^(?:\d+[.、．])+")
# 名词解释 entries: "9.卫生健康支出（类）行政事业单位医疗（款）其他行政事业单位医疗（项）：指…"
GLOSSARY_ITEM = re.compile(
    rf"(?:(?:^|(?<=[。；;：:]))(?:\d+[.、．])?|(?<![\d.])\d+[.、．])(?P<cls>[\u4e00-\u9fff、]+?)[（(]类[)）]"
    rf"(?P<kuan>{_ITEM_NAME})[（(]款[)）](?:(?P<xiang>{_ITEM_NAME})[（(]项[)）])?")

# Phrases a department uses for its own core work, by the sector (metadata sector names,
# see normalize/metadata.SECTORS) whose work they describe. Only wordings that another
# sector has no reason to use about itself: "检察机关提前介入" in a police report is a
# fact about a case, "保障了各项检察工作的完成" is a procuratorate's self-description.
SECTOR_WORDING: dict[str, tuple[str, ...]] = {
    "检察": ("检察工作", "检察业务", "法律监督职能", "检察职能"),
    "法院": ("审判工作", "审判执行工作", "审判职能", "审判质效"),
    "公安": ("各项公安工作", "公安业务工作"),
    "教育": ("教育教学工作",),
}
WORDING = re.compile("|".join(sorted({p for ps in SECTOR_WORDING.values() for p in ps},
                                     key=len, reverse=True)))
SECTOR_OF_PHRASE = {p: s for s, ps in SECTOR_WORDING.items() for p in ps}

"""The narrative figures: which printed wording names which metric.

Every pattern runs on whitespace-free text (see facts_text). A rule's ``label`` is the
printed wording before the number; ``share`` means a following "，占…X%" is recorded as
``<metric>_share`` (only when the amount is not 0: "0万元，占0%" says nothing new);
``change`` means a following 增加/减少 clause is recorded as ``<metric>_change`` and, when
``change_pct``, its 增长/下降 rate as ``<metric>_change_pct``.

Conventions taken from the reviewed golden files: the three sub-items of “三公” keep
their change in 万元 only; 政府性基金/国有资本经营 spending keep no share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

NUM = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
# a label must start a clause (after punctuation, or "2024年度" / "2024年" / "其中：")
BOUNDARY = r"(?:^|(?<=[，,。；;：:、（(）)”\"》])|(?<=\d[.、．]))(?:\d{4}年(?:度|末)?[，,]?)?(?:其中[：:，,]?)?"
QUOTE_STOP = "。；;，,：:"
SHARE = re.compile(rf"[，,]?占(?:[^，,。；;%\d]{{0,20}}?的)?(?P<p>{NUM})%")
CHANGE = re.compile(
    rf"(?P<dir>增加|减少|增长|下降|降低|上升|减|增)(?P<v>{NUM})万元"
    rf"(?:[，,]?(?P<pdir>增长|下降|减少|增加|降低|上升)(?P<p>{NUM})%)?")
NEGATIVE = ("减少", "下降", "降低", "减")
# national template: "支出预算为X万元，支出决算为Y万元" — the 决算 is the figure
BUDGET_FIRST = rf"(?:(?:年初)?预算(?:数)?为?(?:{NUM})万元[，,](?:支出)?)?"


@dataclass(frozen=True)
class Rule:
    metric: str
    label: str  # regex, the printed wording; (?P<v>) is added after it unless given
    unit: str = "万元"  # the unit printed after the number (regex alternatives allowed)
    anchored: bool = True
    share: bool = False
    change: bool = False
    change_pct: bool = True

    def pattern(self) -> re.Pattern[str]:
        return _compiled(self)

    def source(self) -> str:
        head = BOUNDARY if self.anchored else ""
        body = f"(?:{self.label})" if "(?P<v>" in self.label else (
            rf"(?:{self.label})(?:支出)?{BUDGET_FIRST}(?:决算(?:数)?)?"
            rf"(?:均为|各为|分别为|合计|共计|为|是|达|各)?"
            rf"(?P<v>{NUM})(?P<u>{self.unit})")
        return head + body


@cache
def _compiled(rule: Rule) -> re.Pattern[str]:
    return re.compile(rule.source())


MONEY = [
    Rule("total_income_expenditure", r"(?<!拨款)收(?:入)?[、和及]支(?:出)?(?:决算)?总计",
         anchored=False, change=True),
    Rule("fiscal_total", r"财政拨款收(?:入)?[、和及]支(?:出)?(?:决算)?总计", anchored=False,
         change=True),
    Rule("income_total", "(?:本年)?收入合计", change=True),
    Rule("income_general_budget", "一般公共预算财政拨款收入", share=True),
    Rule("income_gov_fund", "政府性基金预算财政拨款收入", share=True),
    Rule("income_state_capital", "国有资本经营预算财政拨款收入", share=True),
    Rule("income_superior_subsidy", "上级补助收入", share=True),
    Rule("income_business", "事业收入", share=True),
    Rule("income_operating", "经营收入", share=True),
    Rule("income_affiliated", "附属单位上缴收入", share=True),
    Rule("income_other", "其他收入", share=True),
    Rule("expenditure_total", "(?:本年)?支出合计", change=True),
    Rule("expenditure_basic", "基本支出", share=True),
    Rule("expenditure_project", "项目支出", share=True),
    Rule("expenditure_remit_superior", "上缴上级支出", share=True),
    Rule("expenditure_operating", "经营支出", share=True),
    Rule("expenditure_affiliated_subsidy", "对附属单位补助支出", share=True),
    Rule("general_budget_expenditure", "一般公共预算财政拨款支出", share=True, change=True),
    Rule("general_budget_basic", "一般公共预算财政拨款基本支出", change=True),
    Rule("personnel_expense", "人员经费", change=True),
    Rule("public_expense", "公用经费", change=True),
    Rule("three_public_total", r"[“\"‘']?三公[”\"’']?经费(?:财政拨款)?", change=True),
    Rule("three_public_abroad", r"因公出国[（(]境[)）](?:费用|经费|费)", share=True,
         change=True, change_pct=False),
    Rule("three_public_vehicle", r"公务用车购置及运行(?:维护)?费", share=True, change=True,
         change_pct=False),
    Rule("three_public_vehicle_purchase", r"公务用车购置(?:费)?", anchored=False),
    Rule("three_public_vehicle_operation", r"公务用车运行(?:维护)?费", anchored=False),
    Rule("three_public_reception", r"公务接待费", share=True, change=True, change_pct=False),
    Rule("gov_fund_expenditure", "政府性基金预算财政拨款支出", change=True),
    Rule("state_capital_expenditure", "国有资本经营预算财政拨款支出", change=True),
    Rule("agency_operating_expense", "机关运行经费", anchored=False, change=True),
    Rule("procurement_total", "政府采购支出总额", anchored=False, change=True),
    Rule("procurement_goods", "政府采购货物支出", anchored=False),
    Rule("procurement_works", "政府采购工程支出", anchored=False),
    Rule("procurement_services", "政府采购服务支出", anchored=False),
    Rule("procurement_sme", "授予中小企业合同金额", anchored=False, share=True),
    Rule("procurement_small_micro", "授予小微企业合同金额", anchored=False, share=True),
    Rule("procurement_paid_total", "政府采购实际支付总金额", anchored=False),
    Rule("budget_initial", "年初预算(?:收入)?"),
    Rule("budget_supplementary", "年中追加(?:预算)?"),
    Rule("carryover_begin", "年初结转和结余", anchored=False),
    Rule("carryover_end", "年末(?:总体)?结转和结余"),
    Rule("fiscal_carryover_end", "年末财政拨款结转和结余"),
]

COUNTS = [
    Rule("official_vehicles", r"(?:共有|实有)公务用车|公务用车保有量(?:为)?", unit="辆",
         anchored=False),
    Rule("vehicles_total", r"共有车辆", unit="辆", anchored=False),
    Rule("vehicles_law_enforcement", r"执法执勤(?:用车|车辆)", unit="辆|台", anchored=False),
    Rule("vehicles_special", r"特种专(?:业|用)技术用车", unit="辆|台", anchored=False),
    Rule("vehicles_purchased", r"购置公务用车", unit="辆", anchored=False),
    Rule("staff_on_post", r"在职人员(?:共)?", unit="人", anchored=False),
    Rule("staff_auxiliary", r"(?:辅警|编外人员)(?:人员)?", unit="人"),
    Rule("retired", r"(?<!离)退休人员", unit="人", anchored=False),
    Rule("survivors", r"遗属", unit="人", anchored=False),
    Rule("staff_quota_political_legal", r"政法编制", unit="人", anchored=False),
    Rule("internal_departments",
         rf"(?:下设|内设)(?P<v>\d+)(?P<u>个)(?:职能部门|内设机构|科室|处室|股室)"
         rf"|内设机构(?:为)?(?P<v2>\d+)(?P<u2>个)", anchored=False),
    Rule("self_evaluation_score",
         rf"部门整体(?:[（(]含部门预算项目[)）])?(?:支出)?绩效自评(?:得分|分数)(?:为)?"
         rf"(?P<v>{NUM})(?P<u>分)", anchored=False),
    Rule("projects_prior_assessment",
         r"(?P<v>\d+)(?P<u>个)项目(?:开展了?|进行了?)(?:预算)?事前绩效评估", anchored=False),
    Rule("projects_with_targets", r"对(?P<v>\d+)(?P<u>个)项目编制了?绩效目标", anchored=False),
    Rule("projects_monitored", r"选取(?P<v>\d+)(?P<u>个)项目开展了?绩效监控", anchored=False),
    Rule("projects_self_evaluated",
         r"对(?:其中)?(?P<v>\d+)(?:个|项)(?:项目)?开展了?绩效自评", unit="个",
         anchored=False),
]

# “国内公务接待31批次，583人次”: two counts in one clause
RECEPTION = re.compile(r"国内公务接待(?:共)?(?P<b>\d+)批次[，,、]?(?:共)?(?P<p>\d+)人次")

# class amounts of 五(二): "公共安全支出7756.30万元，占85.49%"
CLASS_AMOUNT = re.compile(
    rf"(?:^|(?<=[，,。；;：:、]))(?:其中[：:]?)?"
    rf"(?P<name>[\u4e00-\u9fff]{{2,16}}?(?:[（(]类[)）](?:支出)?)?){BUDGET_FIRST}(?:决算)?(?:为)?"
    rf"(?P<v>{NUM})万元")
# items of 五(三): "公共安全支出（类）公安（款）行政运行（项）: 支出决算为6280.66万元"
# a 款/项 name may hold a short bracketed part: 政府办公厅（室）及相关机构事务（款）
_ITEM_NAME = r"(?:[^（()）:：]|[（(](?![类款项][)）])[^（()）:：]{1,6}[)）])+?"
ITEM_AMOUNT = re.compile(
    rf"(?P<cls>[\u4e00-\u9fff、]*?)[（(]类[)）](?P<kuan>{_ITEM_NAME})[（(]款[)）]"
    rf"(?P<xiang>{_ITEM_NAME})[（(]项[)）][:：。，,]?{BUDGET_FIRST}(?:支出)?(?:决算)?(?:数)?(?:为)?"
    rf"(?P<v>{NUM})万元")
# section 五's heading (not 六's 基本支出): where class amounts are read
GENERAL_BUDGET_SECTION = re.compile(r"一般公共预算财政拨款(?!基本)(?!项目).*支出")

"""What the statements extractor reads beyond the facts rules: wordings that state a
figure again (without naming it the way facts_rules does), the clauses attached to a
figure (完成预算 R%, 较上年 N万元 增加 C万元 增长 P%), the vehicle breakdowns, the
名词解释 entries and wording typical of one sector's own work.

Every pattern runs on whitespace-free text (see facts_text).
"""

from __future__ import annotations

import re

from juesuan.normalize import facts_rules as R
from juesuan.normalize.facts_rules import _ITEM_NAME, NUM, Rule

# The wording is data: schemas/narrative.yaml `statements:`.
_S = R.narrative()["statements"]

# figures printed again in words the facts rules do not take (the facts keep the first
# statement; these only add statements). Each: (kind, rule).
EXTRA_RULES: list[tuple[str, Rule]] = [(d["kind"], R.rule_of(d, "万元")) for d in _S["extra"]]

# a figure stated as a budget (the 部门整体 目标 "使用财政预算资金…（其中：人员经费…"):
# not the final-account figure of its metric
# (the words are data: schemas/narrative.yaml budget_context / budget_stated / prior_year)
BUDGET_CONTEXT = R.BUDGET_CONTEXT
BUDGET_STATED = R.BUDGET_STATED

# the words before a figure of the previous year ("较2023年一般性支出…1222.99万元"): the
# figure is not a statement of its metric (it is the ``_previous`` of a change)
PRIOR_YEAR = R.PRIOR_YEAR
PRIOR_WINDOW = R.PRIOR_WINDOW
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
VEHICLE_TYPES: dict[str, str] = dict(_S["vehicle_types"])
VEHICLE_PART = re.compile(
    rf"(?P<name>{'|'.join(sorted(VEHICLE_TYPES, key=len, reverse=True))})(?P<n>\d+)(?:辆|台)"
    rf"(?:[，,、]?(?:购置)?金额(?:为)?(?P<a>{NUM})万元)?")

ENUM = re.compile(r"^(?:\d+[.、．])+")
# 名词解释 entries: "9.卫生健康支出（类）行政事业单位医疗（款）其他行政事业单位医疗（项）：指…"
GLOSSARY_ITEM = re.compile(
    rf"(?:(?:^|(?<=[。；;：:]))(?:\d+[.、．])?|(?<![\d.])\d+[.、．])(?P<cls>[\u4e00-\u9fff、]+?)[（(]类[)）]"
    rf"(?P<kuan>{_ITEM_NAME})[（(]款[)）](?:(?P<xiang>{_ITEM_NAME})[（(]项[)）])?")

# Phrases a department uses for its own core work, by the sector (metadata sector names,
# see normalize/metadata.SECTORS) whose work they describe (narrative.yaml
# statements.sector_wording).
SECTOR_WORDING: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _S["sector_wording"].items()}
WORDING = re.compile("|".join(sorted({p for ps in SECTOR_WORDING.values() for p in ps},
                                     key=len, reverse=True)))
SECTOR_OF_PHRASE = {p: s for s, ps in SECTOR_WORDING.items() for p in ps}

"""The narrative figures: which printed wording names which metric.

The wording is data (schemas/narrative.yaml, validated by narrative.schema.json): this module
compiles it. Every pattern runs on whitespace-free text (see facts_text). A rule's ``label``
is the printed wording before the number; ``share`` means a following "，占…X%" is recorded
as ``<metric>_share`` (only when the amount is not 0: "0万元，占0%" says nothing new);
``change`` means a following 增加/减少 clause is recorded as ``<metric>_change`` and, when
``change_pct``, its 增长/下降 rate as ``<metric>_change_pct``; ``budget`` records the budget
printed before the figure ("年初预算为A万元，支出决算为B万元"), ``completion`` the rate
printed after it ("完成年初预算的98.20%"), ``amount`` the amount printed after a count
("项目4个，涉及预算金额598.42万元").

Conventions taken from the reviewed golden files: the three sub-items of “三公” keep
their change in 万元 only; 政府性基金/国有资本经营 spending keep no share; class amounts keep
their share only when printed with their level ("一般公共服务支出（类）2106.66万元，占71.73%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

NUM = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
MONEY_UNIT = "万元|元"  # 元 amounts are converted to 万元
QUOTE_STOP = "。；;，,：:"


@cache
def narrative() -> dict[str, Any]:
    """schemas/narrative.yaml as loaded (validated by the schema test)."""
    text = resources.files("juesuan").joinpath("schemas/narrative.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_N = narrative()
UP: tuple[str, ...] = tuple(_N["changes"]["up"])
NEGATIVE: tuple[str, ...] = tuple(_N["changes"]["down"])
_DIR = _alt([*UP, *NEGATIVE])


def _sub(pattern: str) -> str:
    return (pattern.replace("{num}", f"(?:{NUM})").replace("{money}", f"(?:{MONEY_UNIT})")
            .replace("{dir}", f"(?:{_DIR})"))


expand = _sub  # a pattern of narrative.yaml with {num}, {money} and {dir} filled in

BUDGET_WORDS: tuple[str, ...] = tuple(_N["budget"]["words"])
INITIAL_WORDS: tuple[str, ...] = tuple(_N["budget"]["initial"])
CONNECTIVES = _alt(_N["connectives"])

# a label must start a clause: after punctuation, after an enumeration ("1."), or after a year
# ("2024年度" / "2024年" — also when an agency name stands before the year:
# "上海市普陀区财政局2024年度收入支出总计…"), optionally followed by "其中："
BOUNDARY = (r"(?:^|(?<=[，,。；;：:、（(）)”\"》])|(?<=\d[.、．])|(?<=\d{4}年度)|(?<=\d{4}年))"
            r"(?:\d{4}年(?:度|末)?[，,]?)?(?:其中[：:，,]?)?")
SENTENCE_BOUNDARY = r"(?:^|(?<=[。；;：:]))(?:\d{4}年(?:度)?[，,]?)?(?:其中[：:，,]?)?"
SHARE = re.compile(rf"[，,]?占(?:[^，,。；;%\d]{{0,20}}?的)?(?P<p>{NUM})%")
# "，完成年初预算的98.20%" / Guangdong "，完成全年预算84.82万元的73.2%" (the budget printed in it)
COMPLETION = re.compile(rf"[，,]?完成(?P<bw>年初|全年|调整后)?预算(?:数)?(?:(?P<b>{NUM})(?P<bu>{MONEY_UNIT}))?"
                        rf"(?:的)?(?P<p>{NUM})%")
# "增加X万元，增长Y%" / "减少X万元、下降Y%" / "增长Y%" alone; "增长--（基数为0，不可比）" has no rate
CHANGE = re.compile(
    rf"(?P<dir>{_DIR})(?:(?P<v>{NUM})(?P<u>{MONEY_UNIT})"
    rf"(?:[，,、]?(?P<pdir>{_DIR})(?P<p>{NUM})%)?|(?P<p2>{NUM})%)")
BUDGET_COMPARISON = re.compile("(?:" + "|".join(_sub(p) for p in _N["budget_comparison"]) + ")$")
CHANGE_GAP_ALLOWED = re.compile("|".join(_sub(p) for p in _N["change_gap_allowed"]))
PRIOR_YEAR = re.compile(_N["prior_year"])
BUDGET_CONTEXT = re.compile(_alt(_N["budget_context"]))
BUDGET_STATED = re.compile("|".join(_sub(p) for p in _N["budget_stated"]))
BUDGET_BREAKDOWN = re.compile(_sub(_N["budget_breakdown"]))
PRIOR_WINDOW = 12
# "(年初)预算为A万元，[支出]" before a final figure: A is the budget (group b, word bw)
BUDGET_FIRST = (rf"(?:(?P<bw>{_alt(list(BUDGET_WORDS))})(?:数)?(?:为|是)?(?P<b>{NUM})(?P<bu>{MONEY_UNIT})"
                rf"[，,](?:支出)?)?")
# the same, inside the class / item patterns (no groups: they are read by name there)
_BUDGET_SKIP = rf"(?:(?:{_alt(list(BUDGET_WORDS))})(?:数)?(?:为|是)?(?:{NUM})(?:{MONEY_UNIT})[，,](?:支出)?)?"


@dataclass(frozen=True)
class Rule:
    metric: str
    label: str  # regex, the printed wording; (?P<v>) is added after it unless given
    unit: str = "万元"  # the unit printed after the number (regex alternatives allowed)
    anchored: bool = True
    share: bool = False
    change: bool = False
    change_pct: bool = True
    budget: str = ""
    budget_words: tuple[str, ...] = ()
    completion: str = ""
    amount: str = ""
    not_in: tuple[str, ...] = ()
    only_in: tuple[str, ...] = ()
    sentence_start: bool = False

    @property
    def money(self) -> bool:
        return self.unit == "万元"

    def pattern(self) -> re.Pattern[str]:
        return _compiled(self)

    def may_match(self, text: str) -> bool:
        """A cheap test first: the label printed anywhere in ``text``."""
        return "(?P<v>" in self.label or _label(self.label).search(text) is not None

    def applies(self, headings: str) -> bool:
        """Whether the rule reads under these headings (``not_in`` / ``only_in``)."""
        if any(w in headings for w in self.not_in):
            return False
        return not self.only_in or any(w in headings for w in self.only_in)

    def source(self) -> str:
        head = (SENTENCE_BOUNDARY if self.sentence_start else BOUNDARY) if self.anchored else ""
        if "(?P<v>" in self.label:
            return head + f"(?:{_sub(self.label)})"
        unit = MONEY_UNIT if self.money else self.unit
        return head + (rf"(?:{_sub(self.label)})(?:支出)?{BUDGET_FIRST}(?:决算(?:数)?)?"
                       rf"(?:{CONNECTIVES})?(?P<v>{NUM})(?P<u>{unit})")


@cache
def _compiled(rule: Rule) -> re.Pattern[str]:
    return re.compile(rule.source())


@cache
def _label(label: str) -> re.Pattern[str]:
    return re.compile(_sub(label))


def rule_of(d: dict[str, Any], unit: str) -> Rule:
    """A Rule from its narrative.yaml entry (``unit``: the default unit)."""
    return Rule(d["metric"], d["label"], unit=d.get("unit", unit), anchored=d.get("anchored", True),
                share=d.get("share", False), change=d.get("change", False),
                change_pct=d.get("change_pct", True), budget=d.get("budget", ""),
                budget_words=tuple(d.get("budget_words", BUDGET_WORDS)),
                completion=d.get("completion", ""), amount=d.get("amount", ""),
                not_in=tuple(d.get("not_in", ())), only_in=tuple(d.get("only_in", ())),
                sentence_start=d.get("sentence_start", False))


MONEY = [rule_of(d, "万元") for d in _N["money"]]
COUNTS = [rule_of(d, "个") for d in _N["counts"]]


@dataclass(frozen=True)
class Pair:
    """"收入总计X万元，支出总计Y万元": one metric stated twice, recorded when X = Y."""

    metric: str
    first: str
    second: str
    change: bool = True
    not_in: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        return _pair(self)


@cache
def _pair(p: Pair) -> re.Pattern[str]:
    return re.compile(
        rf"(?:{p.first})(?:决算(?:数)?)?(?:{CONNECTIVES})?(?P<v>{NUM})(?P<u>{MONEY_UNIT})[，,；;、]?"
        rf"(?:{p.second})(?:决算(?:数)?)?(?:{CONNECTIVES})?(?P<v2>{NUM})(?P<u2>{MONEY_UNIT})")


PAIRS = [Pair(d["metric"], d["first"], d["second"], d.get("change", True), tuple(d.get("not_in", ())))
         for d in _N.get("pairs", [])]

# an amount printed after a count: "项目4个，涉及预算金额598.42万元"
COUNT_AMOUNT = re.compile(rf"[，,]?(?:共)?涉及(?:预算)?(?:资金|金额)?(?:为)?(?P<a>{NUM})(?P<au>{MONEY_UNIT})")

# “国内公务接待31批次，583人次”: two counts in one clause
RECEPTION = [re.compile(_sub(p)) for p in _N["reception"]]

# class amounts of 五(二): "公共安全支出7756.30万元，占85.49%" / "一般公共服务（类）支出2000万元"
CLASS_AMOUNT = re.compile(
    rf"(?:^|(?<=[，,。；;：:、]))(?:其中[：:]?)?"
    rf"(?P<name>[\u4e00-\u9fff]{{2,16}}?(?P<lvl>[（(]类[)）](?:支出)?)?){_BUDGET_SKIP}(?:决算)?(?:为)?"
    rf"(?P<v>{NUM})(?P<u>{MONEY_UNIT})")
# items of 五(三): "公共安全支出（类）公安（款）行政运行（项）: 支出决算为6280.66万元";
# Shanghai: "…（项）。主要用于：…。年初预算为1560.05万元，支出决算为1511.89万元"
# a 款/项 name may hold a short bracketed part: 政府办公厅（室）及相关机构事务（款）
_ITEM_NAME = r"(?:[^（()）:：]|[（(](?![类款项][)）])[^（()）:：]{1,6}[)）])+?"
# the description may run over several sentences ("主要用于：A；B。"), never into the next item
_DESCRIPTION = (rf"(?:(?:{_alt(_N['item_description'])})[：:]?"
                rf"(?:(?![（(][类款项][)）])[^\n]){{0,300}}?[。；;])")
ITEM_AMOUNT = re.compile(
    rf"(?P<cls>[\u4e00-\u9fff、]*?)[（(]类[)）](?P<kuan>{_ITEM_NAME})[（(]款[)）]"
    rf"(?P<xiang>{_ITEM_NAME})[（(]项[)）][:：。，,]?{_DESCRIPTION}?"
    rf"(?:(?P<bw>{_alt(list(BUDGET_WORDS))})(?:数)?(?:为|是)?(?P<b>{NUM})(?P<bu>{MONEY_UNIT})[，,](?:支出)?)?"
    rf"(?:支出)?(?:决算)?(?:数)?(?:为)?(?P<v>{NUM})(?P<u>{MONEY_UNIT})")
# section 五's heading (not 六's 基本支出): where class amounts are read
GENERAL_BUDGET_SECTION = re.compile(r"一般公共预算财政拨款(?!基本)(?!项目).*支出")

# metrics that state a budget, not a final figure (the statements extractor keeps them in
# budget context); per-item budgets are ``ITEM_BUDGET_PREFIX<code>``
ITEM_BUDGET_PREFIX = "general_budget_budget_initial_"
# (and every metric whose id says "budget": budget_initial, …_reserved_budget)
BUDGET_METRICS = frozenset({r.budget for r in MONEY if r.budget} | {r.completion for r in MONEY if r.completion}
                           | {r.amount for r in COUNTS if r.amount})


def is_budget_metric(metric: str) -> bool:
    return metric in BUDGET_METRICS or "budget" in metric.replace("general_budget", "gb").split("_")


def all_metrics() -> set[str]:
    """Every metric the wording names (base metrics: _share/_change/_change_pct are derived)."""
    out = {r.metric for r in (*MONEY, *COUNTS)} | {p.metric for p in PAIRS}
    out |= {m for r in (*MONEY, *COUNTS) for m in (r.budget, r.completion, r.amount) if m}
    return out

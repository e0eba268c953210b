"""Figures stated in the narrative (情况说明, 附件) → Fact records.

One fact per metric: the first statement in document order wins (section 十's
政府采购 before the 附件's, 第一部分's 人员 before the 附件's). Values are the numbers as
printed (thousands separators dropped); amounts printed in 元 are converted to 万元
(value / 10000, no rounding), as tables are; changes are signed (减少/下降 → negative).
Quotes are the printed clause with whitespace removed.

The wording is data (schemas/narrative.yaml, compiled by facts_rules). The items of 五(三)
("…（类）…（款）…（项）…年初预算为A万元，支出决算为B万元") are read first: their text belongs
to the item, so a 年初预算 printed there is never the department's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.amounts import yuan_to_wan
from juesuan.models import ExtractedDocument, Fact
from juesuan.normalize import facts_rules as R
from juesuan.normalize.facts_codes import class_code, item_code
from juesuan.normalize.facts_text import Segment, segments

log = logging.getLogger(__name__)

_ENUM = re.compile(r"^(?:\d+[.、．]|[（(]\d+[)）])+")
_MONEY_IN_GAP = re.compile(r"\d(?:万)?元")
CHANGE_GAP_MAX = 80  # characters between an amount and the change clause that refers to it


@dataclass
class Candidate:
    """A figure as stated at one place: ``order`` is (segment seq, offset)."""

    order: tuple[int, int]
    fact: Fact
    section: str = ""


@dataclass
class _Anchor:
    start: int
    end: int
    metric: str
    change: bool
    change_pct: bool


def _clause(text: str, start: int, end: int) -> str:
    begin = max(text.rfind(c, 0, start) for c in R.QUOTE_STOP) + 1
    return _ENUM.sub("", text[begin:end])


clause = _clause  # the printed clause around [start, end): for the statements extractor


def _number(printed: str) -> str:
    return printed.replace(",", "")


def money(printed: str, unit: str | None) -> Decimal:
    """A printed amount in 万元 (an amount printed in 元 converted, value / 10000)."""
    value = Decimal(_number(printed))
    return yuan_to_wan(value) if unit == "元" else value


def _signed(printed: str, direction: str) -> Decimal:
    """'减少' 5 → -5; '增长' -5 (a decrease printed as a negative growth) → -5."""
    value = Decimal(_number(printed))
    negative = (direction in R.NEGATIVE) != (value < 0)
    value = abs(value)
    return -value if negative and value != 0 else value


class Collector:
    """Every statement the rules find, in the order found; ``first_per_metric`` makes facts."""

    def __init__(self) -> None:
        self.found: list[Candidate] = []
        self.change_quotes: dict[str, str] = {}  # quote → metric it was used for

    def add(self, seg: Segment, index: int, pos: int, metric: str, value: str | Decimal, unit: str,
            quote: str) -> None:
        fact = Fact(metric=metric, value=Decimal(value), unit=unit, quote=quote,
                    page=seg.page_at(pos))
        self.found.append(Candidate((index, pos), fact, seg.section))

    def first_per_metric(self) -> list[Fact]:
        seen: dict[str, Candidate] = {}
        for c in sorted(self.found, key=lambda c: c.order):
            seen.setdefault(c.fact.metric, c)
        return [c.fact for c in sorted(seen.values(), key=lambda c: c.order)]


def _claimed(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _prior_year(text: str, pos: int) -> bool:
    """The figure at ``pos`` is the previous year's ("较2023年度…支出X万元")."""
    return bool(R.PRIOR_YEAR.search(text[max(0, pos - R.PRIOR_WINDOW):pos]))


def _as_budget(text: str, pos: int) -> bool:
    """The figure at ``pos`` is a part of a budget its sentence breaks down ("“三公”经费预算为
    20万元，其中：因公出国(境)费0万元…"); a budget stated with its final figure ("年初预算为A万元，
    支出决算为B万元，其中：…") is not one."""
    start = max(text.rfind(c, 0, pos) for c in "。") + 1
    return bool(R.BUDGET_BREAKDOWN.search(text, start, pos))


def _unit(rule: R.Rule, m: re.Match[str]) -> str:
    g = m.groupdict()
    return g.get("u") or g.get("u2") or rule.unit


def _scan_rules(seg: Segment, i: int, out: Collector, claimed: list[tuple[int, int]]) -> list[_Anchor]:
    text, anchors = seg.text, []
    taken: dict[str, list[tuple[int, int]]] = {}  # metric → spans read (two wordings of one rule)
    for rule in (*R.MONEY, *R.COUNTS):
        if not rule.applies(seg.topic) or not rule.may_match(text):
            continue
        for m in rule.pattern().finditer(text):
            value_at = m.start("v") if m.group("v") is not None else m.start("v2")
            if _claimed(claimed, value_at) or _prior_year(text, m.start()):
                continue
            if not R.is_budget_metric(rule.metric) and _as_budget(text, m.start()):
                continue
            spans = taken.setdefault(rule.metric, [])
            if any(a < m.end() and m.start() < b for a, b in spans):
                continue
            spans.append((m.start(), m.end()))
            printed = m.groupdict().get("v") or m.groupdict().get("v2")
            unit = _unit(rule, m)
            if rule.money:
                value, unit = money(printed, unit), "万元"
            else:
                value, unit = Decimal(_number(printed)), unit.replace("(", "（").replace(")", "）")
            end = m.end()
            share = R.SHARE.match(text, end) if rule.share else None
            if share:
                end = share.end()
            budget, word = m.groupdict().get("b"), m.groupdict().get("bw")
            budget_unit = m.groupdict().get("bu")
            done = R.COMPLETION.match(text, end)
            if done:
                end = done.end()
                if done["b"] is not None and budget is None:  # "完成全年预算84.82万元的73.2%"
                    budget, word, budget_unit = done["b"], (done["bw"] or "") + "预算", done["bu"]
            if not (rule.completion and budget):
                done = None  # a rate is recorded with the budget it is computed on
            amount = R.COUNT_AMOUNT.match(text, end) if rule.amount else None
            if amount:
                end = amount.end()
            quote = _clause(text, m.start(), end)
            out.add(seg, i, m.start(), rule.metric, value, unit, quote)
            if share and value != 0:
                out.add(seg, i, m.start(), rule.metric + "_share", _number(share["p"]), "%", quote)
            if rule.budget and budget and word in rule.budget_words:
                out.add(seg, i, m.start(), rule.budget, money(budget, budget_unit), "万元", quote)
            if done:
                out.add(seg, i, m.start(), rule.completion, _number(done["p"]), "%", quote)
            if amount:
                out.add(seg, i, m.start(), rule.amount, money(amount["a"], amount["au"]), "万元", quote)
            anchors.append(_Anchor(m.start(), end, rule.metric, rule.change, rule.change_pct))
    return anchors


def _scan_pairs(seg: Segment, i: int, out: Collector, claimed: list[tuple[int, int]]) -> list[_Anchor]:
    """"收入总计X万元，支出总计Y万元": the metric when X = Y (else another scope: nothing).
    Every pair's span is added to ``claimed`` (the money rules do not read it again)."""
    text, anchors = seg.text, []
    for pair in R.PAIRS:
        for m in pair.pattern.finditer(text):
            claimed.append((m.start(), m.end()))
            if any(w in seg.topic for w in pair.not_in):
                continue
            first, second = money(m["v"], m["u"]), money(m["v2"], m["u2"])
            if first != second or _prior_year(text, m.start()):
                continue
            out.add(seg, i, m.start(), pair.metric, first, "万元", _clause(text, m.start(), m.end()))
            anchors.append(_Anchor(m.start(), m.end(), pair.metric, pair.change, True))
    return anchors


def _refers_back(gap: str) -> bool:
    """Whether a change clause after ``gap`` refers to the figure before the gap: no other
    amount in between (a budget, a completion rate or the previous year's amount may be), and
    not a comparison with the budget ("比年初预算减少…")."""
    if len(gap) > CHANGE_GAP_MAX or gap.count("。") > 1 or R.BUDGET_COMPARISON.search(gap):
        return False
    return not _MONEY_IN_GAP.search(R.CHANGE_GAP_ALLOWED.sub("", gap))


def _scan_changes(seg: Segment, i: int, anchors: list[_Anchor], out: Collector) -> None:
    text = seg.text
    for m in R.CHANGE.finditer(text):
        before = [a for a in anchors if a.end <= m.start()]
        if not before:
            continue
        anchor = max(before, key=lambda a: (a.end, a.start))
        if not anchor.change or not _refers_back(text[anchor.end:m.start()]):
            continue
        metric = anchor.metric
        quote = _clause(text, m.start(), m.end())
        if out.change_quotes.setdefault(quote, metric) != metric:
            continue  # the same clause copied under another heading: already attributed
        if m["v"] is not None:
            change = _signed(m["v"], m["dir"])
            out.add(seg, i, m.start(), metric + "_change", yuan_to_wan(change) if m["u"] == "元" else change,
                    "万元", quote)
        rate, direction = (m["p"], m["pdir"] or m["dir"]) if m["p"] is not None else (m["p2"], m["dir"])
        if anchor.change_pct and rate is not None:
            out.add(seg, i, m.start(), metric + "_change_pct", _signed(rate, direction), "%", quote)


def _scan_items(seg: Segment, i: int, out: Collector) -> list[tuple[int, int]]:
    """The items of 五(三) (general_budget_expenditure_<code> and, when printed, their
    年初预算 general_budget_budget_initial_<code>); returns the spans they take."""
    text, spans = seg.text, []
    for m in R.ITEM_AMOUNT.finditer(text):
        spans.append((m.start(), m.end()))
        code = item_code(m["cls"].strip("、"), m["kuan"], m["xiang"])
        if code is None:
            log.warning("no function code for %s（类）%s（款）%s（项）", m["cls"], m["kuan"], m["xiang"])
            continue
        quote = _clause(text, m.start(), m.end())
        out.add(seg, i, m.start(), f"general_budget_expenditure_{code}", money(m["v"], m["u"]), "万元", quote)
        if m["b"] is not None and m["bw"] in R.INITIAL_WORDS:
            out.add(seg, i, m.start(), R.ITEM_BUDGET_PREFIX + code, money(m["b"], m["bu"]), "万元", quote)
    return spans


def _scan_classes(seg: Segment, i: int, out: Collector, claimed: list[tuple[int, int]]) -> None:
    if not R.GENERAL_BUDGET_SECTION.search(seg.level1):
        return
    text = seg.text
    for m in R.CLASS_AMOUNT.finditer(text):
        code = class_code(m["name"])
        if not code or _claimed(claimed, m.start()):
            continue
        value = money(m["v"], m["u"])
        share = R.SHARE.match(text, m.end()) if m["lvl"] else None  # "（类）X万元，占Y%"
        quote = _clause(text, m.start(), share.end() if share else m.end())
        out.add(seg, i, m.start(), f"general_budget_expenditure_{code}", value, "万元", quote)
        if share and value != 0:
            out.add(seg, i, m.start(), f"general_budget_expenditure_{code}_share", _number(share["p"]), "%",
                    quote)


def _scan_reception(seg: Segment, i: int, out: Collector) -> None:
    seen: list[int] = []
    for pattern in R.RECEPTION:
        for m in pattern.finditer(seg.text):
            if m.start("b") in seen:
                continue
            seen.append(m.start("b"))
            quote = _clause(seg.text, m.start(), m.end())
            out.add(seg, i, m.start(), "reception_batches", m["b"], "批次", quote)
            out.add(seg, i, m.start(), "reception_persons", m["p"], "人次", quote)


def collect(segs: list[Segment]) -> Collector:
    """Every figure the rules find in these segments (repeats included), in document order."""
    out = Collector()
    for seg in segs:
        claimed = _scan_items(seg, seg.seq, out)
        pairs = _scan_pairs(seg, seg.seq, out, claimed)
        anchors = _scan_rules(seg, seg.seq, out, claimed) + pairs
        _scan_changes(seg, seg.seq, anchors, out)
        _scan_classes(seg, seg.seq, out, claimed)
        _scan_reception(seg, seg.seq, out)
    out.found.sort(key=lambda c: c.order)
    return out


def extract_facts(doc: ExtractedDocument) -> list[Fact]:
    """The figures stated in the narrative, one per metric, in document order."""
    facts = collect(segments(doc)).first_per_metric()
    log.debug("%s: %d narrative facts", doc.source, len(facts))
    return facts

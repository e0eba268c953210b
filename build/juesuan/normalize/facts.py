"""Figures stated in the narrative (情况说明, 附件) → Fact records.

One fact per metric: the first statement in document order wins (section 十's
政府采购 before the 附件's, 第一部分's 人员 before the 附件's). Values are the numbers as
printed (thousands separators dropped); changes are signed (减少/下降 → negative).
Quotes are the printed clause with whitespace removed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.models import ExtractedDocument, Fact
from juesuan.normalize import facts_rules as R
from juesuan.normalize.facts_codes import class_code, item_code
from juesuan.normalize.facts_text import Segment, segments

log = logging.getLogger(__name__)

_ENUM = re.compile(r"^(?:\d+[.、．]|[（(]\d+[)）])+")
_MONEY_IN_GAP = re.compile(r"\d万元")
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
    rule: R.Rule


def _clause(text: str, start: int, end: int) -> str:
    begin = max(text.rfind(c, 0, start) for c in R.QUOTE_STOP) + 1
    return _ENUM.sub("", text[begin:end])


clause = _clause  # the printed clause around [start, end): for the statements extractor


def _number(printed: str) -> str:
    return printed.replace(",", "")


def _signed(printed: str, direction: str) -> str:
    value = _number(printed).lstrip("-")
    return "-" + value if direction in R.NEGATIVE and Decimal(value) != 0 else value


class Collector:
    """Every statement the rules find, in the order found; ``first_per_metric`` makes facts."""

    def __init__(self) -> None:
        self.found: list[Candidate] = []
        self.change_quotes: dict[str, str] = {}  # quote → metric it was used for

    def add(self, seg: Segment, index: int, pos: int, metric: str, value: str, unit: str,
            quote: str) -> None:
        fact = Fact(metric=metric, value=Decimal(value), unit=unit, quote=quote,
                    page=seg.page_at(pos))
        self.found.append(Candidate((index, pos), fact, seg.section))

    def first_per_metric(self) -> list[Fact]:
        seen: dict[str, Candidate] = {}
        for c in sorted(self.found, key=lambda c: c.order):
            seen.setdefault(c.fact.metric, c)
        return [c.fact for c in sorted(seen.values(), key=lambda c: c.order)]


def _scan_rules(seg: Segment, i: int, out: Collector) -> list[_Anchor]:
    text, anchors = seg.text, []
    for rule in (*R.MONEY, *R.COUNTS):
        for m in rule.pattern().finditer(text):
            printed = m.groupdict().get("v") or m.groupdict().get("v2")
            unit = m.groupdict().get("u") or m.groupdict().get("u2") or rule.unit
            end = m.end()
            share = R.SHARE.match(text, end) if rule.share else None
            if share:
                end += share.end() - share.start()
            quote = _clause(text, m.start(), end)
            out.add(seg, i, m.start(), rule.metric, _number(printed), unit, quote)
            if share and Decimal(_number(printed)) != 0:
                out.add(seg, i, m.start(), rule.metric + "_share", _number(share["p"]), "%", quote)
            anchors.append(_Anchor(m.start(), end, rule))
    return anchors


def _scan_changes(seg: Segment, i: int, anchors: list[_Anchor], out: Collector) -> None:
    text = seg.text
    for m in R.CHANGE.finditer(text):
        before = [a for a in anchors if a.end <= m.start()]
        if not before:
            continue
        anchor = max(before, key=lambda a: (a.end, a.start))
        gap = text[anchor.end:m.start()]
        if (not anchor.rule.change or len(gap) > CHANGE_GAP_MAX or gap.count("。") > 1
                or _MONEY_IN_GAP.search(gap)):
            continue
        metric = anchor.rule.metric
        quote = _clause(text, m.start(), m.end())
        if out.change_quotes.setdefault(quote, metric) != metric:
            continue  # the same clause copied under another heading: already attributed
        out.add(seg, i, m.start(), metric + "_change", _signed(m["v"], m["dir"]), "万元", quote)
        if anchor.rule.change_pct and m["p"] is not None:
            out.add(seg, i, m.start(), metric + "_change_pct",
                    _signed(m["p"], m["pdir"] or m["dir"]), "%", quote)


def _scan_codes(seg: Segment, i: int, out: Collector) -> None:
    text = seg.text
    for m in R.ITEM_AMOUNT.finditer(text):
        code = item_code(m["cls"], m["kuan"], m["xiang"])
        if code is None:
            log.warning("no function code for %s（类）%s（款）%s（项）", m["cls"], m["kuan"], m["xiang"])
            continue
        out.add(seg, i, m.start(), f"general_budget_expenditure_{code}", _number(m["v"]), "万元",
                _clause(text, m.start(), m.end()))
    if not R.GENERAL_BUDGET_SECTION.search(seg.level1):
        return
    for m in R.CLASS_AMOUNT.finditer(text):
        code = class_code(m["name"])
        if code:
            out.add(seg, i, m.start(), f"general_budget_expenditure_{code}", _number(m["v"]),
                    "万元", _clause(text, m.start(), m.end()))


def _scan_reception(seg: Segment, i: int, out: Collector) -> None:
    for m in R.RECEPTION.finditer(seg.text):
        quote = _clause(seg.text, m.start(), m.end())
        out.add(seg, i, m.start(), "reception_batches", m["b"], "批次", quote)
        out.add(seg, i, m.start(), "reception_persons", m["p"], "人次", quote)


def collect(segs: list[Segment]) -> Collector:
    """Every figure the rules find in these segments (repeats included), in document order."""
    out = Collector()
    for seg in segs:
        anchors = _scan_rules(seg, seg.seq, out)
        _scan_changes(seg, seg.seq, anchors, out)
        _scan_codes(seg, seg.seq, out)
        _scan_reception(seg, seg.seq, out)
    out.found.sort(key=lambda c: c.order)
    return out


def extract_facts(doc: ExtractedDocument) -> list[Fact]:
    """The figures stated in the narrative, one per metric, in document order."""
    facts = collect(segments(doc)).first_per_metric()
    log.debug("%s: %d narrative facts", doc.source, len(facts))
    return facts

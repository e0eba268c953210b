"""Everything the narrative states that the audit reads, as Statement records
(statements.csv): facts.csv keeps one statement per metric (the first); here every
statement of a figure is kept, with the headings it is under, so that a figure printed
twice with two values, a breakdown that does not add up or a rate that contradicts its
own previous-year amount can be found.

- kind "figure": every figure the facts rules find (repeats included), the figures the
  facts rules do not name the same way (statements_rules.EXTRA_RULES), the completion
  rate printed after a figure (``<metric>_budget_completion``), a change printed with
  its previous amount (``<metric>_previous``, ``_change``, ``_change_pct``) and the
  vehicles listed by type (``<anchor>_<type>`` and ``<anchor>_<type>_amount``) and the
  class amounts printed outside section 五 (``expenditure_class_<code>``, all funds);
- kind "self_evaluation": the 部门整体 self-evaluation's figures (statements_tables);
- kind "glossary": the 类/款/项 a 名词解释 entry explains (``subject`` = function code);
- kind "wording": a phrase typical of one sector's own work (``subject`` = the sector);
- kind "spelling": a word printed two ways (statements_spelling): one statement per
  spelling, ``value`` = how often it is printed, ``subject`` = "<one>/<other>".

A figure stated as a budget ("使用财政预算资金…，其中：人员经费…") is not a statement of
its final-account metric and is left out (the budget metrics themselves — 年初预算 of an item,
“三公” 预算数 — are kept: that is what they state).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from juesuan.models import ExtractedDocument, Fact, Statement
from juesuan.normalize import statements_rules as S
from juesuan.normalize.facts import Candidate, Collector, clause, collect, money
from juesuan.normalize import facts_rules as R
from juesuan.normalize.facts_rules import NEGATIVE
from juesuan.normalize.facts_codes import class_code, item_code
from juesuan.normalize.facts_direction import direction_statements
from juesuan.normalize.facts_text import SKIPPED_PARTS, Segment, segments
from juesuan.normalize.statements_spelling import spelling_variants
from juesuan.normalize.statements_tables import self_evaluation_statements
from juesuan.reference import function_kuan_codes

log = logging.getLogger(__name__)

GLOSSARY_PART = "名词解释"
SENTENCE_END = "。；;"
DERIVED = ("_share", "_change", "_change_pct")  # stated with a figure, not on their own


@dataclass
class _Found:
    kind: str
    cand: Candidate
    extra: int = 0  # order among statements found at the same place
    subject: str = ""


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in SENTENCE_END) + 1


def _not_current(seg: Segment, pos: int, budget: bool = False) -> bool:
    """A figure stated as a budget (unless ``budget``: the metric is one), or as the previous
    year's amount."""
    if S.PRIOR_YEAR.search(seg.text[max(0, pos - S.PRIOR_WINDOW):pos]):
        return True
    if budget:
        return False
    before = S.BUDGET_STATED.sub("", seg.text[_sentence_start(seg.text, pos):pos])
    return bool(S.BUDGET_CONTEXT.search(before))


def _quote(text: str, start: int, end: int) -> str:
    """The printed clause, at most QUOTE_MAX characters before ``start`` (table rows have
    no punctuation to stop at)."""
    q = clause(text, start, end)
    return q[max(0, len(q) - (end - start) - S.QUOTE_MAX):]


def _add(found: list[_Found], seg: Segment, pos: int, kind: str, metric: str, value: str | Decimal,
         unit: str, quote: str, extra: int = 0) -> None:
    fact = Fact(metric, Decimal(value), unit, quote, seg.page_at(pos))
    found.append(_Found(kind, Candidate((seg.seq, pos), fact, seg.section), extra))


def _extra_rules(seg: Segment, found: list[_Found]) -> None:
    for kind, rule in S.EXTRA_RULES:
        for m in rule.pattern().finditer(seg.text):
            printed = (m.groupdict().get("v") or "").replace(",", "")
            unit = m.groupdict().get("u") or rule.unit
            value: str | Decimal = printed
            if rule.money:  # an amount printed in 元, in 万元
                value, unit = money(printed, unit), "万元"
            _add(found, seg, m.start(), kind, rule.metric, value, unit, _quote(seg.text, m.start(), m.end()))


def _figure_at(found: list[_Found], seg: Segment, pos: int, value: Decimal) -> _Found | None:
    """The last figure of ``seg`` stated at or before ``pos`` with this amount (万元)."""
    hits = [f for f in found if f.cand.order[0] == seg.seq and f.cand.order[1] <= pos
            and f.cand.fact.unit == "万元" and f.cand.fact.value == value
            and not f.cand.fact.metric.endswith(("_share", "_change", "_change_pct", "_previous"))]
    return max(hits, key=lambda f: f.cand.order) if hits else None


def _signed(printed: str, direction: str) -> Decimal:
    v = Decimal(printed.replace(",", "").lstrip("-"))
    return -v if direction in NEGATIVE and v != 0 else v


def _attached(seg: Segment, found: list[_Found]) -> list[_Found]:
    """Completion rates and changes-with-previous-amount printed after a figure."""
    out: list[_Found] = []
    for m in S.COMPLETION.finditer(seg.text):
        f = _figure_at(found, seg, m.start("v"), Decimal(m["v"].replace(",", "")))
        if f:
            _add(out, seg, f.cand.order[1], f.kind, f.cand.fact.metric + "_budget_completion", m["p"], "%",
                 _quote(seg.text, m.start(), m.end()), extra=1)
    for m in S.PREVIOUS_CHANGE.finditer(seg.text):
        f = _figure_at(found, seg, m.start("cur"), Decimal(m["cur"].replace(",", "")))
        if f is None:
            continue
        metric, pos, quote = f.cand.fact.metric, f.cand.order[1], _quote(seg.text, m.start(), m.end())
        _add(out, seg, pos, f.kind, metric + "_previous", m["prev"].replace(",", ""), "万元", quote, extra=2)
        _add(out, seg, pos, f.kind, metric + "_change", _signed(m["v"], m["dir"]), "万元", quote, extra=3)
        if m["p"] is not None:
            _add(out, seg, pos, f.kind, metric + "_change_pct", _signed(m["p"], m["pdir"] or m["dir"]), "%",
                 quote, extra=4)
    return out


def _breakdowns(seg: Segment, found: list[_Found]) -> list[_Found]:
    """Vehicles listed by type in the sentence of a vehicle count."""
    out: list[_Found] = []
    for f in found:
        metric, (seq, pos) = f.cand.fact.metric, f.cand.order
        if seq != seg.seq or metric not in S.BREAKDOWN_ANCHORS:
            continue
        end = min((i for i in (seg.text.find(c, pos) for c in SENTENCE_END) if i >= 0), default=len(seg.text))
        region = seg.text[pos:end]
        for n, m in enumerate(S.VEHICLE_PART.finditer(region), start=1):
            kind = S.VEHICLE_TYPES[m["name"]]
            _add(out, seg, pos, "figure", f"{metric}_{kind}", m["n"], "辆", region, extra=10 + 2 * n)
            if m["a"] is not None:
                _add(out, seg, pos, "figure", f"{metric}_{kind}_amount", m["a"].replace(",", ""), "万元",
                     region, extra=11 + 2 * n)
    return out


def _classes(seg: Segment, found: list[_Found]) -> None:
    """Class amounts printed outside section 五 (the 附件's "城乡社区支出80万元", all funds):
    ``expenditure_class_<code>``."""
    if R.GENERAL_BUDGET_SECTION.search(seg.level1):
        return  # section 五: general_budget_expenditure_<code> facts
    for m in R.CLASS_AMOUNT.finditer(seg.text):
        code = class_code(m["name"])
        if code:
            _add(found, seg, m.start(), "figure", f"expenditure_class_{code}", m["v"].replace(",", ""), "万元",
                 _quote(seg.text, m.start(), m.end()))


def _figures(narrative: list[Segment], collector: Collector) -> list[_Found]:
    found = [_Found("figure", c) for c in collector.found]
    for seg in narrative:
        _extra_rules(seg, found)
        _classes(seg, found)
    by_seq = {s.seq: s for s in narrative}
    found = [f for f in found if f.cand.fact.metric.endswith(DERIVED)
             or not _not_current(by_seq[f.cand.order[0]], f.cand.order[1], R.is_budget_metric(f.cand.fact.metric))]
    unique: dict[tuple, _Found] = {}
    for f in found:  # the facts rule and an extra rule may read the same words
        unique.setdefault((f.cand.fact.metric, f.cand.order), f)
    found = list(unique.values())
    more: list[_Found] = []
    for seg in narrative:
        more += _attached(seg, found) + _breakdowns(seg, found)
    return found + more


def _glossary(segs: list[Segment]) -> list[_Found]:
    out: list[_Found] = []
    for seg in segs:
        for m in S.GLOSSARY_ITEM.finditer(seg.text):
            if m["xiang"]:
                code = item_code(m["cls"], m["kuan"], m["xiang"]) or ""
            else:
                code = next(iter(function_kuan_codes(m["kuan"], m["cls"])), "")
            fact = Fact("glossary_entry", Decimal(0), "", S.ENUM.sub("", m.group(0)), seg.page_at(m.start()))
            out.append(_Found("glossary", Candidate((seg.seq, m.start()), fact, seg.section), subject=code))
    return out


def _wording(segs: list[Segment]) -> list[_Found]:
    out: list[_Found] = []
    for seg in segs:
        for m in S.WORDING.finditer(seg.text):
            end = min((i for i in (seg.text.find(c, m.end()) for c in R.QUOTE_STOP) if i >= 0),
                      default=len(seg.text))
            fact = Fact("sector_wording", Decimal(0), "", _quote(seg.text, m.start(), end),
                        seg.page_at(m.start()))
            out.append(_Found("wording", Candidate((seg.seq, m.start()), fact, seg.section),
                              subject=S.SECTOR_OF_PHRASE[m.group(0)]))
    return out


def _spelling(doc: ExtractedDocument) -> list[Statement]:
    out = []
    for v in spelling_variants(doc.text):
        pair = f"{v.word}/{v.other}"
        out += [Statement("spelling", "spelling_variant", Decimal(n), "处", window, None, "", pair)
                for window, n in ((v.context, v.count), (v.other_context, v.other_count))]
    return out


def _record(f: _Found) -> Statement:
    fact = f.cand.fact
    if f.kind in ("glossary", "wording"):  # a passage: no figure
        return Statement(f.kind, fact.metric, None, "", fact.quote, fact.page, f.cand.section, f.subject)
    return Statement(f.kind, fact.metric, fact.value, fact.unit, fact.quote, fact.page, f.cand.section)


def extract_narrative(doc: ExtractedDocument) -> tuple[list[Fact], list[Statement]]:
    """The facts (one per metric, = facts.extract_facts) and every statement of the narrative
    (see the module doc: in document order, then the 部门整体 self-evaluation's figures),
    from one scan of the text."""
    segs = segments(doc, skipped=tuple(p for p in SKIPPED_PARTS if p != GLOSSARY_PART))
    narrative = [s for s in segs if GLOSSARY_PART not in s.part]  # = facts_text.segments(doc)
    glossary = [s for s in segs if GLOSSARY_PART in s.part]
    collector = collect(narrative)
    found = _figures(narrative, collector) + _glossary(glossary) + _wording(narrative)
    keyed = [((f.cand.order, f.extra), _record(f)) for f in found]
    keyed += [(((s.seq, pos), 0), st) for s in narrative for pos, st in direction_statements(s)]
    keyed.sort(key=lambda k: k[0])
    out = [st for _, st in keyed]
    out += self_evaluation_statements(doc)
    out += _spelling(doc)
    log.debug("%s: %d statements", doc.source, len(out))
    return collector.first_per_metric(), out


def extract_statements(doc: ExtractedDocument) -> list[Statement]:
    """Every statement of the narrative (see :func:`extract_narrative`)."""
    return extract_narrative(doc)[1]

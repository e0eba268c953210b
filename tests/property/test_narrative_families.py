"""Narrative facts precision and recall over many generated narratives in the wording families of
real reports (tests/generator/narrative.py ``varied=True``: 收入总计…，支出总计… stated separately,
the agency name before the year, "减少…、下降…", a budget amount between a figure and its change,
amounts in 元, per-项 "年初预算为A，支出决算为B" in the national and the Shanghai forms, class
shares printed with （类）, Shanghai procurement and performance counts), a third of them in
traditional script. The generator's facts are the truth; the figures are measured over all seeds
together (target R ≥ 0.9, P ≥ 0.98) and printed."""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

import pytest

from generator import generate_report
from generator.narrative import add_narrative
from juesuan.extract.document import extract_document
from juesuan.normalize.facts import extract_facts

SEEDS = range(0, 90)
PRECISION, RECALL = 0.98, 0.9


def _text(seed: int) -> tuple[str, dict[str, Decimal]]:
    report = generate_report(seed)
    add_narrative(random.Random(seed), report, varied=True)
    text = "\n".join(head + "\n" + "\n".join(paras) for head, paras in report.sections)
    if seed % 3 == 0:
        import opencc

        text = opencc.OpenCC("s2t").convert(text)
    truth: dict[str, Decimal] = {}
    for f in report.facts:
        truth.setdefault(f.metric, f.value)
    return text, truth


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    hits = got_n = truth_n = 0
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for seed in SEEDS:
        text, truth = _text(seed)
        path = tmp_path_factory.mktemp(f"n{seed}") / "narrative.txt"
        path.write_text(text, "utf-8")
        got = {f.metric: f.value for f in extract_facts(extract_document(path))}
        hits += sum(got.get(m) == v for m, v in truth.items())
        got_n += len(got)
        truth_n += len(truth)
        missed.update(m for m, v in truth.items() if got.get(m) != v)
        wrong.update(m for m, v in got.items() if truth.get(m) != v)
    right = got_n - sum(wrong.values())
    return {"P": right / got_n, "R": hits / truth_n, "missed": missed, "wrong": wrong, "facts": truth_n}


def test_facts_precision_and_recall(measured):
    print(f"\nnarrative families over {len(SEEDS)} seeds, {measured['facts']} facts: "
          f"P = {measured['P']:.4f}, R = {measured['R']:.4f}")
    assert measured["R"] >= RECALL, measured["missed"].most_common(15)
    assert measured["P"] >= PRECISION, measured["wrong"].most_common(15)


def _direction_findings(text: str) -> list:
    from juesuan.audit.context import Context
    from juesuan.audit.rules_budget_direction import narrative_budget_direction
    from juesuan.models import ExtractedDocument, Page, Report, ReportMeta
    from juesuan.normalize.statements import extract_narrative
    from pathlib import Path

    facts, statements = extract_narrative(ExtractedDocument(Path("x.txt"), "text", "", 1, [Page(None, text)]))
    report = Report(ReportMeta("某某局", [], "", 2023, "部门决算"), facts=facts, statements=statements)
    return list(narrative_budget_direction(Context(report)))


@pytest.mark.parametrize("seed", [s for s in range(40) if s % 3])
def test_item_budget_claims_agree_and_a_planted_one_is_flagged(seed):
    text, truth = _text(seed)
    if not any(m.startswith("general_budget_budget_initial_") for m in truth):
        pytest.skip("no per-项 budgets in this seed's wording")
    assert not _direction_findings(text)
    planted = text.replace("决算数小于预算数的主要原因", "决算数大于预算数的主要原因", 1)
    if planted != text:
        found = _direction_findings(planted)
        assert len(found) == 1 and found[0].severity == "error", [c.message for c in found]

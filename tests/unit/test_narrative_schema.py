"""The narrative wording is data (schemas/narrative.yaml): valid against its JSON Schema,
every pattern compiles, and every metric it names is declared in tables.yaml `facts:` (a typo
would publish an undeclared id); no Chinese phrase list of the narrative lives in code."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema

from juesuan import spec
from juesuan.normalize import facts_rules as R

SCHEMAS = Path(str(resources.files("juesuan").joinpath("schemas")))
BUILD = Path(__file__).parents[2] / "build" / "juesuan"
DERIVED = ("_share", "_change", "_change_pct")


def test_narrative_matches_its_schema():
    schema = json.loads((SCHEMAS / "narrative.schema.json").read_text("utf-8"))
    jsonschema.validate(R.narrative(), schema)


def test_every_metric_is_declared_in_the_spec():
    declared = set(spec.fact_metrics())
    named = R.all_metrics()
    assert named, "no rule read from narrative.yaml"
    assert sorted(named - declared) == []
    n = R.narrative()
    for rule in [*n["money"], *n["counts"]]:
        assert not rule["metric"].endswith(DERIVED), rule["metric"]  # derived ids are made, not named
    for pair in n["pairs"]:
        assert pair["metric"] in declared


def test_per_item_budget_prefix_names_a_declared_metric():
    assert R.ITEM_BUDGET_PREFIX.rstrip("_") in spec.fact_metrics()


def test_every_rule_compiles_and_reads_its_own_example():
    for rule in (*R.MONEY, *R.COUNTS):
        rule.pattern()  # a bad pattern raises here, not at the first report
    examples = {
        "total_income_expenditure": "上海市普陀区财政局2024年度收入支出总计2995.39万元",
        "income_fiscal_appropriation": "其中：财政拨款收入2940.05万元，占99.79%",
        "procurement_total": "，2024年度政府采购金额（以合同签订为准）为251.25万元",
        "projects_monitored": "绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元",
    }
    for metric, text in examples.items():
        assert any(r.pattern().search(text) for r in (*R.MONEY, *R.COUNTS) if r.metric == metric), metric


def test_no_narrative_phrase_lists_in_the_facts_code():
    """The rules' wording lives in narrative.yaml: the facts modules hold no Rule(...) lists."""
    for name in ("facts.py", "facts_rules.py", "statements.py", "statements_rules.py"):
        text = (BUILD / "normalize" / name).read_text("utf-8")
        assert not re.search(r'Rule\("[a-z_]+",\s*r?"[\u4e00-\u9fff]', text), name


def test_budget_metrics_are_known():
    assert R.is_budget_metric("general_budget_budget_initial_2010601")
    assert R.is_budget_metric("three_public_budget") and R.is_budget_metric("budget_initial")
    assert R.is_budget_metric("projects_with_targets_amount")
    assert not R.is_budget_metric("income_general_budget")
    assert not R.is_budget_metric("general_budget_expenditure")


def test_statement_wording_is_read_from_the_data_file():
    from juesuan.normalize import statements_rules as S

    assert {r.metric for _, r in S.EXTRA_RULES} >= {"procurement_goods", "general_expenditure_executed"}
    assert S.VEHICLE_TYPES["轿车"] == "sedan"
    assert "检察工作" in S.SECTOR_WORDING["检察"]


def test_metadata_and_regions_match_their_schemas():
    import yaml

    for name in ("metadata", "regions"):
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
        jsonschema.validate(yaml.safe_load((SCHEMAS / f"{name}.yaml").read_text("utf-8")), schema)


def test_budget_direction_wording_compiles_and_orders_negations_first():
    from juesuan.normalize.facts_direction import _claims

    text = "决算数未超过预算数。决算数超过预算数。决算数与预算数基本持平。决算数与预算数持平。"
    assert [d for _, _, d in _claims(text)] == ["less", "greater", "about_equal", "equal"]
    assert not _claims("决算数与2023年度持平。")

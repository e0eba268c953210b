"""The template vocabulary and identities are data: valid against their JSON Schemas, and
every id they name is declared in tables.yaml (a typo would silently match nothing)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from juesuan import spec
from juesuan.identities import declarations
from juesuan.vocabulary import (column_aliases, header_role, is_header_word, item_aliases, key,
                                match_title_line, page_titles, vocabulary)

SCHEMAS = Path(str(resources.files("juesuan").joinpath("schemas")))
BUILD = Path(__file__).parents[2] / "build" / "juesuan"


def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text("utf-8"))


def test_vocabulary_matches_its_schema():
    jsonschema.validate(vocabulary(), _schema("vocabulary.schema.json"))


def test_identities_match_their_schema():
    jsonschema.validate(declarations(), _schema("identities.schema.json"))


def test_every_vocabulary_id_is_declared_in_the_spec():
    tables = spec.tables()
    v = vocabulary()
    for tid in v["titles"]:
        assert tid in tables, tid
    for tid, cols in v["columns"].items():
        assert tid in tables, tid
        for cid in cols:
            assert cid in spec.columns(tid), (tid, cid)
    declared_items = {s: set() for s in ("income", "expenditure")}
    for t in tables.values():
        for s, items in (t.get("items") or {}).items():
            if isinstance(items, dict) and s in declared_items:
                declared_items[s].update(items)
    for side, items in v["items"].items():
        for item in items:
            assert item in declared_items[side], (side, item)
    for item in v["basic_totals"]:
        assert item in tables["basic_expenditure"]["items"], item
    for tid, rules in v["single_row"].items():
        columns = set(spec.columns(tid))
        items = {r["id"] for r in rules["items"]}
        prefixes = {g["prefix"] for g in rules["groups"] if not g.get("whole")} | (
            {rules["default_group"]} if rules.get("default_group") else set())
        for p in prefixes:
            for item in items:
                cid = f"{p}.{item}" if p else item
                if p in ("actual_general_budget", "actual_gov_fund"):
                    continue  # the Sichuan split by fund (tables.yaml comment)
                assert cid in columns, (tid, cid)
        for g in rules["groups"]:
            if g.get("whole"):
                assert g["prefix"] in columns, (tid, g["prefix"])


_CELL = re.compile(r"^(?:(?P<table>[a-z_]+)\.)?(?P<section>[a-z_]*)\.(?P<row>[^.]*)\.(?P<column>.+)$")


def _check_cell(table: str, section: str, row: str, column: str) -> None:
    t = spec.tables()[table]
    assert column in spec.columns(table), (table, column)
    assert section in ("", "income", "expenditure"), (table, section)
    if row in ("", "<class>", "<code>") or row.isdigit():
        return
    items = t.get("items") or {}
    names = set(items.get(section, {})) if section else set(items) | {
        "three_public", "procurement", "assets"}
    assert row in names, (table, section, row)


def test_every_identity_names_declared_tables_rows_and_columns():
    d = declarations()
    for tid in [*d["hierarchy"], *d.get("economic_columns", [])]:
        assert tid in spec.tables(), tid
    for tid, rules in d["rows"].items():
        for rule in rules:
            for c in [rule["total"], *rule["parts"]]:
                c = c.lstrip("-")
                if c.startswith(("actual_general_budget.", "actual_gov_fund.")):
                    continue  # the Sichuan split by fund (tables.yaml comment)
                assert c in spec.columns(tid), (tid, c)
    for tid, rules in d["cells"].items():
        for rule in rules:
            for c in [rule["total"], *rule["parts"]]:
                section, row, column = c.split(".", 2)
                _check_cell(tid, section, row, column)
    for rule in d["cross"]:
        for c in rule:
            table, section, row, column = c.split(".", 3)
            _check_cell(table, section, row, column)


def test_no_label_lists_left_in_table_readers():
    """The printed vocabulary of the template lives in vocabulary.yaml, not in the readers."""
    han_list = re.compile(r"[\[({,]\s*\"[\u4e00-\u9fff][^\"]*\"\s*,\s*\"[\u4e00-\u9fff]")
    modules = [*sorted((BUILD / "locate").glob("*.py")),
               *sorted((BUILD / "normalize").glob("tables*.py")),
               *sorted((BUILD / "normalize").glob("text_*.py"))]
    offenders = [f"{m.name}:{i}" for m in modules
                 for i, line in enumerate(m.read_text("utf-8").splitlines(), 1)
                 if han_list.search(line) and not line.lstrip().startswith("#")]
    assert not offenders, offenders


@pytest.mark.parametrize("line, table", [
    ("收入支出决算总表", "income_expenditure_summary"),
    ("收 支 决算总表", "income_expenditure_summary"),
    ("2024年度部门收支决算总表", "income_expenditure_summary"),
    ("附表2：收入决算表", "income"),
    ("一、收入支出决算总表……………（6）", None),  # a 目录 entry is not a title in running text
    ("財政撥款收入支出決算總表", "fiscal_summary"),
    ("一般公共预算财政拨款支出决算表（续表）", "general_budget"),
    ("一般公共预算财政拨款支出决算表情况说明", None),
    ("上海市普陀区财政局2024年度部门收入支出决算总表", "income_expenditure_summary"),
    ("《财政拨款“三公”经费支出决算表》", "three_public"),
    ("下表为收入决算表。", None),
])
def test_titles_by_family(line, table):
    from juesuan.vocabulary import title_line
    assert title_line(line) == table


def test_toc_lines_with_leaders_are_listed():
    text = "目 录\n一、收入支出决算总表……………（6）\n二、收入决算表.......8\n"
    assert [t for t, _ in page_titles(text)] == ["income_expenditure_summary", "income"]


@pytest.mark.parametrize("path, role", [
    (("项目", "支出功能分类", "科目编码", "类"), "code"),
    (("项目", "科目名称"), "name"),
    (("行次",), "lineno"), (("栏 次",), "lineno"), (("行",), "lineno"),
    (("本年支出", "基本支出"), "value"),
])
def test_header_roles(path, role):
    assert header_role(path) == role


def test_header_words_and_aliases_are_keys():
    assert is_header_word("决算数") and is_header_word("基本支出数") and not is_header_word("十四、资源勘探工业信息等支出")
    assert key("本年收入合计") in column_aliases("income")["total"]
    assert item_aliases("income_expenditure_summary", "income")[key("使用非财政拨款结余（含专用结余）")] \
        == "use_non_fiscal_balance"
    assert match_title_line("收入决算表") == "income"

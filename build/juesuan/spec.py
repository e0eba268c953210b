"""The canonical model (schemas/tables.yaml), loaded once and shared by parser and site."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_spec() -> dict[str, Any]:
    text = resources.files("juesuan").joinpath("schemas/tables.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def tables() -> dict[str, dict[str, Any]]:
    return load_spec()["tables"]


def table_ids() -> list[str]:
    return list(tables())


def table_titles() -> dict[str, list[str]]:
    """table id → [title, *aliases]."""
    out = {}
    for tid, t in tables().items():
        names = [t["title"], *t.get("aliases", [])]
        out[tid] = list(dict.fromkeys(names))
    return out


def columns(table_id: str) -> dict[str, str]:
    return dict(tables()[table_id].get("columns", {}))


def fact_metrics() -> dict[str, str]:
    return dict(load_spec()["facts"])


TABLE_ORDER = [
    "income_expenditure_summary", "income", "expenditure", "fiscal_summary", "fiscal_detail",
    "general_budget", "general_budget_detail", "basic_expenditure", "project_expenditure",
    "government_fund", "state_capital", "state_capital_expenditure", "three_public",
    "agency_operating_expense", "government_procurement", "state_assets",
]

"""Table Schemas of a data package, built from schemas/resources.yaml and tables.yaml."""

from __future__ import annotations

import copy
from functools import cache
from importlib import resources
from typing import Any

import yaml

from juesuan import spec


@cache
def _resources() -> dict[str, Any]:
    text = resources.files("juesuan").joinpath("schemas/resources.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def resource_names() -> list[str]:
    return list(_resources())


def resource_spec(name: str) -> dict[str, Any]:
    """title, description and Table Schema (fields, primaryKey, foreignKeys) of a resource."""
    return copy.deepcopy(_resources()[name])


def field_names(name: str) -> list[str]:
    return [f["name"] for f in _resources()[name]["fields"]]


def table_schema(name: str) -> dict[str, Any]:
    r = resource_spec(name)
    schema: dict[str, Any] = {"fields": r["fields"]}
    if "primaryKey" in r:
        schema["primaryKey"] = r["primaryKey"]
    if "foreignKeys" in r:
        schema["foreignKeys"] = r["foreignKeys"]
    schema["missingValues"] = [""]
    return schema


def wide_columns(table_id: str, seen: list[str]) -> list[tuple[str, str]]:
    """(column id, title) of a wide table: the spec's columns first, then extra ones seen."""
    declared = spec.columns(table_id)
    cols = [(c, t) for c, t in declared.items() if c in seen]
    cols += [(c, c) for c in seen if c not in declared]
    return cols


def wide_schema(table_id: str, columns: list[tuple[str, str]], two_sided: bool) -> dict[str, Any]:
    fields: list[dict[str, Any]] = []
    if two_sided:
        fields.append({"name": "section", "type": "string", "title": "部分",
                       "constraints": {"enum": ["income", "expenditure"]}})
    fields.append({"name": "row_code", "type": "string", "title": "科目编码/行"})
    fields.append({"name": "row_name", "type": "string", "title": "科目名称"})
    for cid, title in columns:
        fields.append({"name": cid, "type": "number", "title": title})
    key = (["section"] if two_sided else []) + ["row_code", "row_name"]
    return {"fields": fields, "primaryKey": key, "missingValues": [""]}

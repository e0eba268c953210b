"""The data dictionary of the data page, in Chinese: every resource and field of the data
contract (schemas/resources.yaml: names, types, constraints) with its Chinese description
(schemas/dictionary_zh.yaml; the verification fields' longer notes from render/status.py)."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from juesuan.package import schemas
from juesuan.render.status import FIELD_NOTES

TYPES = {"string": "文本", "number": "数值（精确小数）", "integer": "整数", "boolean": "是/否", "date": "日期"}


@functools.lru_cache(maxsize=1)
def chinese_descriptions() -> dict[str, Any]:
    text = resources.files("juesuan").joinpath("schemas/dictionary_zh.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


def dictionary() -> list[dict[str, Any]]:
    """[{name, title, description, fields: [{name, title, type, required, description}], primary_key}]."""
    zh = chinese_descriptions()
    out = []
    for name in schemas.resource_names():
        r = schemas.resource_spec(name)
        described = (zh.get(name) or {}).get("fields") or {}
        fields = []
        for f in r["fields"]:
            kind = f.get("type", "string")
            fields.append({"name": f["name"], "title": f.get("title", ""), "type": TYPES.get(kind, kind),
                           "required": bool((f.get("constraints") or {}).get("required")),
                           "description": FIELD_NOTES.get((name, f["name"])) or described.get(f["name"], "")})
        out.append({"name": name, "title": r.get("title", name),
                    "description": (zh.get(name) or {}).get("description", ""),
                    "fields": fields, "primary_key": "、".join(r.get("primaryKey", []))})
    return out


def corpus_dictionary() -> dict[str, Any]:
    """The corpus package's own columns: {keys: [{name, description}], reports: {…}}."""
    zh = chinese_descriptions()
    keys = [{"name": k, "description": v} for k, v in (zh.get("corpus_keys") or {}).items()]
    rep = zh.get("reports") or {}
    fields = [{"name": k, "title": "", "type": "", "required": False, "description": v}
              for k, v in (rep.get("fields") or {}).items()]
    return {"keys": keys, "reports": {"name": "reports", "title": rep.get("title", "reports"),
                                      "description": rep.get("description", ""), "fields": fields,
                                      "primary_key": "slug、year"}}

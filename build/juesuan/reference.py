"""The classification codes every stage uses: 支出功能分类 and 支出经济分类.

One reviewed reference (schemas/function_codes.yaml, schemas/economic_codes.yaml), read
once and cached. Codes are strings: function 类 "204", 款 "20402", 项 "2040201";
economic 类 "301", 款 "30101". Names are compared through :func:`norm_name` (no
whitespace, fullwidth brackets, no quotes, no leading 其中/numbering).
"""

from __future__ import annotations

import logging
import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

log = logging.getLogger(__name__)

STANDARD_XIANG = {"01": "行政运行", "02": "一般行政管理事务", "03": "机关服务", "50": "事业运行"}

_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）", "【": "（", "】": "）"})
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_LEADING = re.compile(r"^(?:其中[:：]?|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]"
                      r"|\d+[.、．](?!\d)|[（(]\d+[)）]|[①-⑳])+")
_LEVEL_TAG = re.compile(r"（[类款项]）$")


def norm_name(name: str) -> str:
    """Printed name → comparison key: '其中：（1）“两房” 建设(项)' → '两房建设'."""
    s = re.sub(r"\s+", "", name or "").translate(_BRACKETS)
    s = _QUOTES.sub("", s)
    s = _LEADING.sub("", s)
    return _LEVEL_TAG.sub("", s)


def _loose(key: str) -> str:
    return key[:-2] if key.endswith("支出") and len(key) > 2 else key


def _load(name: str) -> dict[str, Any]:
    text = resources.files("juesuan").joinpath(f"schemas/{name}").read_text("utf-8")
    return yaml.safe_load(text)


# ------------------------------------------------------------------ function classification


@cache
def _function() -> dict[str, Any]:
    """names: code → name (类, 款, 项, in table order); aliases: code → former names;
    by_name: level → norm name → [codes]; overrides: list of dicts."""
    data = _load("function_codes.yaml")
    names: dict[str, str] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    for code, entry in data["classes"].items():
        names[str(code)] = entry["name"]
        aliases[str(code)] = tuple(entry.get("aliases") or ())
    for kcode, entry in data["kuan"].items():
        kcode = str(kcode)
        names[kcode] = entry["name"]
        aliases[kcode] = tuple(entry.get("aliases") or ())
        xiang = {s: STANDARD_XIANG[s] for s in str(entry.get("std") or "").split()}
        xiang.update({str(k): v for k, v in entry.items() if str(k).isdigit()})
        for suffix in sorted(xiang):
            names[kcode + suffix] = xiang[suffix]
    by_name: dict[int, dict[str, list[str]]] = {3: {}, 5: {}, 7: {}}
    for code, name in names.items():
        for n in (name, *aliases.get(code, ())):
            by_name[len(code)].setdefault(norm_name(n), []).append(code)
    return {"names": names, "aliases": aliases, "by_name": by_name,
            "overrides": list(data.get("overrides") or [])}


def function_codes(level: int | None = None) -> dict[str, str]:
    """Every function code → its current name; ``level`` 3, 5 or 7 keeps one level."""
    names = _function()["names"]
    return {c: n for c, n in names.items() if level is None or len(c) == level}


def function_name(code: str) -> str | None:
    """'204' → '公共安全支出'; '2040201' → '行政运行'; None when not in the reference."""
    return _function()["names"].get(str(code))


def function_names(code: str) -> tuple[str, ...]:
    """The current name followed by former names (aliases); () when unknown."""
    name = function_name(code)
    return (name, *_function()["aliases"].get(str(code), ())) if name else ()


def function_classes() -> dict[str, str]:
    """类 code → current name, 201 … 234."""
    return function_codes(3)


def function_children(code: str) -> dict[str, str]:
    """The codes one level below ``code`` ('' → 类) with their names."""
    want = len(code) + 3 if code == "" else len(code) + 2
    return {c: n for c, n in function_codes(want).items() if c.startswith(code)}


def function_class_code(name: str) -> str | None:
    """'公共安全支出' / '公共安全' / '其中：公共安全（类）支出' / '医疗卫生与计划生育支出' → class code."""
    key = norm_name(name).replace("（类）", "")
    index = _function()["by_name"][3]
    for variant in (key, key + "支出"):
        if variant in index:
            return index[variant][0]
    return None


def _class_in(text: str) -> str | None:
    """The class whose name (or former name, 支出 optional) ends the printed 类 text."""
    key = norm_name(text)
    best: tuple[str, int] | None = None
    for variant, codes in _function()["by_name"][3].items():
        for v in (variant, _loose(variant)):
            if v and key.endswith(v) and (best is None or len(v) > best[1]):
                best = (codes[0], len(v))
    return best[0] if best else None


def _match(index: dict[str, list[str]], key: str, prefix: str = "") -> list[str]:
    """Codes under ``prefix`` named ``key``: exact first, then with 支出 optional."""
    exact = [c for c in index.get(key, []) if c.startswith(prefix)]
    if exact or not key:
        return exact
    loose = _loose(key)
    return [c for n, codes in index.items() if _loose(n) == loose
            for c in codes if c.startswith(prefix)]


def function_kuan_codes(kuan_name: str, class_name: str = "") -> list[str]:
    """款 codes named ``kuan_name``, those of the printed class first when it is known."""
    codes = sorted(_match(_function()["by_name"][5], norm_name(kuan_name)))
    cc = _class_in(class_name) if class_name else None
    return sorted(codes, key=lambda c: not (cc and c.startswith(cc)))


def _override(kuan_key: str, xiang_key: str) -> tuple[str | None, str | None]:
    """(item code, 款 code) forced by the YAML's ``overrides`` for these printed names."""
    for o in _function()["overrides"]:
        if norm_name(o["kuan"]) != kuan_key:
            continue
        if "xiang" in o and norm_name(o["xiang"]) != xiang_key:
            continue
        return o.get("code"), o.get("kuan_code")
    return None, None


def function_code_for(class_name: str, kuan_name: str, xiang_name: str) -> str | None:
    """Printed 类/款/项 names → the 7-digit 项 code, or None.

    The 款 name decides (the printed 类 is sometimes wrong, e.g. '一般公共服务（类）公安
    （款）'); the 类 only ranks 款 names used in several classes. Then the 项 name within
    the 款; else a standard 项 name (行政运行 01 …); else a name starting with 其他 → 99.
    The YAML's ``overrides`` apply first (documented deviations)."""
    kuan_key, xiang_key = norm_name(kuan_name), norm_name(xiang_name)
    code, forced_kuan = _override(kuan_key, xiang_key)
    if code:
        return code
    candidates = [forced_kuan] if forced_kuan else function_kuan_codes(kuan_name, class_name)
    if not candidates:
        return None
    kcode = candidates[0]
    found = _match(_function()["by_name"][7], xiang_key, kcode)
    if found:
        return found[0]
    for suffix, name in STANDARD_XIANG.items():
        if name == xiang_key:
            log.debug("%s: standard 项 %s not listed in the reference", kcode, name)
            return kcode + suffix
    if xiang_key.startswith("其他"):
        return kcode + "99"
    return None


# ------------------------------------------------------------------ economic classification


@cache
def _economic() -> dict[str, Any]:
    data = _load("economic_codes.yaml")
    schemes = {s: {str(k): v for k, v in (data.get(s) or {}).items()}
               for s in ("department", "government")}
    former = {str(k): v for k, v in (data.get("former") or {}).items()}
    aliases = {norm_name(k): str(v) for k, v in (data.get("aliases") or {}).items()}
    rows = str(data.get("basic_expenditure_rows") or "").split()
    return {"schemes": schemes, "former": former, "aliases": aliases, "basic_rows": rows}


def economic_codes(scheme: str = "department") -> dict[str, str]:
    """Economic code → name: 'department' (部门预算, 301 …) or 'government' (政府预算, 501 …)."""
    return dict(_economic()["schemes"][scheme])


def economic_groups(scheme: str = "department") -> dict[str, str]:
    """The 3-digit economic classes: '301' → '工资福利支出', …"""
    return {c: n for c, n in economic_codes(scheme).items() if len(c) == 3}


def basic_expenditure_rows() -> list[str]:
    """The economic rows of the standard 基本支出 table (07/08), in printed order."""
    return list(_economic()["basic_rows"])


def economic_name(code: str) -> str | None:
    """'30101' → '基本工资' (部门预算 first, then 政府预算, then 2007–2017 codes)."""
    e = _economic()
    code = str(code)
    for table in (*e["schemes"].values(), e["former"]):
        if code in table:
            return table[code]
    return None


def economic_code_for(name: str, group: str | None = None,
                      scheme: str = "department") -> str | None:
    """A printed economic name → its code, looked up within ``group`` when given.

    '基本工资' → '30101'; ('资本金注入', '312') → '31201'; '商品和服务支出' → '302'.
    Without a group a 3-digit class wins over a 5-digit item of the same name
    ('其他支出' → '399')."""
    key = norm_name(name)
    codes = economic_codes(scheme)
    candidates = [c for c, n in codes.items() if norm_name(n) == key]
    alias = _economic()["aliases"].get(key)
    if not candidates and alias in codes:
        candidates = [alias]
    if group:
        inside = [c for c in candidates if c.startswith(group) and c != group]
        if inside:
            return inside[0]
        if group in candidates:
            return group
    groups = [c for c in candidates if len(c) == 3]
    return groups[0] if groups else (candidates[0] if candidates else None)

"""Function-classification codes (支出功能分类) for printed 类/款/项 names.

The table lives in schemas/function_codes.yaml (a small reviewed subset, extendable).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

_PARENS = str.maketrans("()", "（）")


def norm_name(name: str) -> str:
    """Printed name → comparable key: no whitespace, fullwidth brackets, no 其中/numbering."""
    s = re.sub(r"\s+", "", name or "").translate(_PARENS)
    s = re.sub(r"^(?:其中[:：]?|\d+[.、．]|[（(]\d+[)）])+", "", s)
    return s


@cache
def code_table() -> dict[str, dict[str, str]]:
    text = resources.files("juesuan").joinpath("schemas/function_codes.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {part: {str(k): norm_name(str(v)) for k, v in (data.get(part) or {}).items()}
            for part in ("classes", "kuan", "xiang", "generic_xiang")}


def class_code(name: str) -> str | None:
    """'公共安全支出' / '公共安全' / '其中：公共安全支出' → '204' (exact name, 支出 optional)."""
    key = re.sub(r"（类）", "", norm_name(name))
    for code, cname in code_table()["classes"].items():
        if key in (cname, cname.removesuffix("支出")):
            return code
    return None


def _class_in(text: str) -> str | None:
    """The class whose name ends the printed 类 text (which may carry leading words)."""
    key = norm_name(text)
    best = None
    for code, cname in code_table()["classes"].items():
        for variant in (cname, cname.removesuffix("支出")):
            if variant and key.endswith(variant) and (best is None or len(variant) > best[1]):
                best = (code, len(variant))
    return best[0] if best else None


def item_code(cls: str, kuan: str, xiang: str) -> str | None:
    """Printed 类/款/项 names → the 7-digit 项 code, or None when not in the table."""
    table = code_table()
    kuan_key, xiang_key = norm_name(kuan), norm_name(xiang)
    candidates = [c for c, n in table["kuan"].items() if n == kuan_key]
    if not candidates:
        return None
    if len(candidates) > 1:
        cc = _class_in(cls)
        preferred = [c for c in candidates if cc and c.startswith(cc)]
        candidates = preferred or candidates
    kcode = sorted(candidates)[0]
    for code, name in table["xiang"].items():
        if code.startswith(kcode) and len(code) == 7 and name == xiang_key:
            return code
    for suffix, name in table["generic_xiang"].items():
        if name == xiang_key:
            return kcode + suffix
    if xiang_key.startswith("其他"):
        return kcode + "99"
    return None

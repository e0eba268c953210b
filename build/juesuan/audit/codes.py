"""Function (功能分类) and economic (经济分类) code structure, and loose label comparison.

The names of the codes come from :mod:`juesuan.reference` (the single reference)."""

from __future__ import annotations

import re

_FUNCTION_LEVEL = {3: "类", 5: "款", 7: "项"}


def is_function_code(code: str) -> bool:
    return code.isdigit() and len(code) in _FUNCTION_LEVEL and code[0] == "2"


def function_level(code: str) -> str:
    """'类' | '款' | '项' | '' (合计 row or not a function code)."""
    return _FUNCTION_LEVEL.get(len(code), "") if is_function_code(code) else ""


def function_children(code: str, rows: list[str]) -> list[str]:
    """Rows one level below ``code`` (合计 "" → 类; 类 → 款; 款 → 项), in printed order."""
    if code == "":
        return [r for r in rows if is_function_code(r) and len(r) == 3]
    want = len(code) + 2
    return [r for r in rows if is_function_code(r) and len(r) == want and r.startswith(code)]


def is_economic_code(code: str) -> bool:
    return code.isdigit() and len(code) in (3, 5) and code[0] == "3"


def economic_children(code: str, codes: list[str]) -> list[str]:
    return [c for c in codes if is_economic_code(c) and len(c) == 5 and c.startswith(code)]


_PLAIN = r"[^（()）:：，,。；;]"
# "××（类）××（款）××（项）": a name may hold a short bracketed part after its first character
# (政府办公厅（室）及相关机构事务（款）, 维修（护）费), never a level marker nor a leading "（一）"
LEVEL_LABEL = re.compile(
    rf"({_PLAIN}+?(?:[（(](?!\s*[类款项]\s*[）)]){_PLAIN}{{1,6}}[）)]{_PLAIN}*?)*?)\s*[（(]\s*(类|款|项)\s*[）)]")


def level_labels(text: str) -> dict[str, str]:
    """The names printed before （类）/（款）/（项） in text, by level (the last of each)."""
    return {level: label.strip() for label, level in LEVEL_LABEL.findall(text or "")}


def normalize_label(text: str) -> str:
    """Compare labels loosely: no spaces, brackets, punctuation or trailing 支出."""
    t = re.sub(r"[\s（）()【】\[\]“”\"'、，,：:·]", "", text or "")
    return t[:-2] if t.endswith("支出") and len(t) > 2 else t


def same_label(a: str, b: str) -> bool:
    na, nb = normalize_label(a), normalize_label(b)
    return bool(na) and bool(nb) and na == nb


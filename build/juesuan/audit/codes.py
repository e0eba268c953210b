"""Function (功能分类) and economic (经济分类) code structure, and the class names
of the function classification (2019–2024 editions, with earlier names as aliases)."""

from __future__ import annotations

import re

FUNCTION_CLASSES: dict[str, tuple[str, ...]] = {
    "201": ("一般公共服务支出",),
    "202": ("外交支出",),
    "203": ("国防支出",),
    "204": ("公共安全支出",),
    "205": ("教育支出",),
    "206": ("科学技术支出",),
    "207": ("文化旅游体育与传媒支出", "文化体育与传媒支出"),
    "208": ("社会保障和就业支出",),
    "209": ("社会保险基金支出",),
    "210": ("卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出"),
    "211": ("节能环保支出",),
    "212": ("城乡社区支出", "城乡社区事务支出"),
    "213": ("农林水支出",),
    "214": ("交通运输支出",),
    "215": ("资源勘探工业信息等支出", "资源勘探信息等支出"),
    "216": ("商业服务业等支出",),
    "217": ("金融支出",),
    "219": ("援助其他地区支出",),
    "220": ("自然资源海洋气象等支出", "国土海洋气象等支出"),
    "221": ("住房保障支出",),
    "222": ("粮油物资储备支出",),
    "223": ("国有资本经营预算支出",),
    "224": ("灾害防治及应急管理支出",),
    "227": ("预备费",),
    "229": ("其他支出",),
    "230": ("转移性支出",),
    "231": ("债务还本支出",),
    "232": ("债务付息支出",),
    "233": ("债务发行费用支出",),
    "234": ("抗疫特别国债安排的支出",),
}

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


def normalize_label(text: str) -> str:
    """Compare labels loosely: no spaces, brackets, punctuation or trailing 支出."""
    t = re.sub(r"[\s（）()【】\[\]“”\"'、，,：:·]", "", text or "")
    return t[:-2] if t.endswith("支出") and len(t) > 2 else t


def same_label(a: str, b: str) -> bool:
    na, nb = normalize_label(a), normalize_label(b)
    return bool(na) and bool(nb) and na == nb


def class_names(code: str) -> tuple[str, ...]:
    return FUNCTION_CLASSES.get(code[:3], ())

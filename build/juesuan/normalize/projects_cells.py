"""Cell-level vocabulary of project self-evaluation tables (项目支出绩效自评表).

Pure helpers: tidy a printed cell, recognise operators, indicator level labels and
the column headers of the budget and indicator blocks.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.amounts import clean, parse_amount

_CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_ASCII = r"0-9A-Za-z%.\-+/"
_SPACE_CJK_ASCII = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_ASCII}])|(?<=[{_ASCII}])\s+(?=[{_CJK}])")
_SPLIT_NUMBER = re.compile(r"(?<=\d)\s+(?=[.\d])|(?<=\.)\s+(?=\d)")
_NEWLINE = re.compile(r"\s*\n\s*")

# --------------------------------------------------------------------- text


def join_lines(text: str | None) -> str:
    """A printed cell whose text wraps onto several lines → one line.

    Lines are glued without a space next to Chinese (the wrap is only layout),
    with one space between two ASCII words.
    """
    if not text:
        return ""
    parts = [p for p in _NEWLINE.split(text.strip()) if p]
    out = ""
    for part in parts:
        if out and re.match(rf"[{_ASCII}]", out[-1]) and re.match(rf"[{_ASCII}]", part[0]):
            out += " "
        out += part
    return out


def tidy(text: str | None) -> str:
    """Printed label → canonical text: wraps joined, the spaces a converter puts
    between Chinese and Latin/digits removed ("2024 年" → "2024年"); other spaces kept."""
    t = join_lines(text).replace("\u3000", " ")
    t = _SPACE_CJK_ASCII.sub("", t)
    t = _SPLIT_NUMBER.sub("", t)
    return re.sub(r"\s{2,}", " ", t).strip()


def squeeze(text: str | None) -> str:
    """All whitespace removed (targets, units, completed values: "19.97 万 元" → "19.97万元")."""
    return re.sub(r"\s+", "", text or "")


def number(text: str | None) -> Decimal | None:
    """A weight, score or amount as printed; None when blank, "/" or not a number."""
    return parse_amount(squeeze(text))


def rate(text: str | None) -> Decimal | None:
    """'100.00%' → Decimal('100.00'); None when not a printed percentage/number."""
    t = clean(text).rstrip("%")
    return parse_amount(t)


def is_number(text: str | None) -> bool:
    return number(text) is not None


# ---------------------------------------------------------------- operators

_OPERATORS = {
    "≥": "≥", "≧": "≥", ">=": "≥", "＞＝": "≥", "\\geqslant": "≥", "\\geq": "≥", "\\ge": "≥",
    "大于等于": "≥", "不低于": "≥", "不少于": "≥",
    "≤": "≤", "≦": "≤", "<=": "≤", "＜＝": "≤", "\\leqslant": "≤", "\\leq": "≤", "\\le": "≤",
    "小于等于": "≤", "不高于": "≤", "不超过": "≤",
    "=": "=", "＝": "=", "==": "=", "等于": "=",
    ">": ">", "＞": ">", "大于": ">", "<": "<", "＜": "<", "小于": "<",
    "定性": "定性",
}
_OP_PREFIX = re.compile(r"^(≥|≧|≤|≦|>=|<=|＝|=|＞|＜|>|<)\s*(\S.*)$")


def operator(text: str | None) -> str | None:
    """The normalised operator when the cell holds only an operator, else None."""
    t = squeeze(text).replace("$", "").replace("{", "").replace("}", "")
    return _OPERATORS.get(t)


def split_operator(text: str | None) -> tuple[str, str] | None:
    """'≥95%' → ('≥', '95%') for templates that print the operator inside the value."""
    m = _OP_PREFIX.match(squeeze(text))
    if not m:
        return None
    return _OPERATORS[m.group(1)], m.group(2)


# ----------------------------------------------------------- level labels

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2_PARENT = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
    "社会效益指标": "效益指标", "经济效益指标": "效益指标", "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标", "满意度指标": "满意度指标",
    "经济成本指标": "成本指标", "社会成本指标": "成本指标", "生态环境成本指标": "成本指标",
}
_KNOWN = sorted(set(LEVEL1) | set(LEVEL2_PARENT))


def level_label(text: str | None) -> str | None:
    """A cell that is (a fragment of) a standard level label → the full label.

    The layout tool splits labels ("效益指" + "标", "服务对象满意" + "度指标"): a
    fragment of two characters or more that begins exactly one known label counts.
    Unknown labels ending in 指标 are returned as printed.
    """
    t = squeeze(text)
    if not t:
        return None
    if t in _KNOWN:
        return t
    if len(t) >= 2:
        hits = [k for k in _KNOWN if k.startswith(t)]
        if len(hits) == 1 or (hits and all(h.startswith(hits[0]) for h in hits)):
            return min(hits, key=len)
    if t.endswith("指标") and len(t) <= 10 and not any(ch.isdigit() for ch in t):
        return t
    return None


def is_label_fragment(text: str | None) -> bool:
    """Leftover of a wrapped label ("标", "指标", "度指标")."""
    t = squeeze(text)
    return bool(t) and len(t) <= 4 and t.endswith("标")


def parent_of(level2: str) -> str:
    return LEVEL2_PARENT.get(level2, "")


# --------------------------------------------------------------- headers

# budget block: column kind by header words (order of tests matters)
def budget_kind(header: str | None) -> str | None:
    h = squeeze(header)
    if "执行率" in h:
        return "rate"
    if "执行数" in h:
        return "executed"
    if "年初" in h:
        return "initial"
    if "调整后" in h or "全年预算" in h or "调整预算" in h:
        return "adjusted"
    if "权重" in h or h == "分值" or h.startswith("分值"):
        return "weight"
    if "得分" in h:
        return "score"
    return None


# indicator block: column kind by header words
def indicator_kind(header: str | None) -> str | None:
    h = squeeze(header)
    for kind, words in (
        ("level1", ("一级指标",)), ("level2", ("二级指标",)), ("level3", ("三级指标",)),
        ("operator", ("指标性质", "运算符", "符号")),
        ("target", ("指标值", "目标值")),
        ("unit", ("度量单位", "计量单位")),
        ("actual", ("完成值", "实际值", "实际完成")),
        ("weight", ("权重", "分值")),
        ("score", ("得分",)),
    ):
        if any(w in h for w in words):
            return kind
    return None


TOTAL_LABELS = ("合计", "总分", "总计")
END_LABELS = ("评价结论", "存在问题", "改进措施", "项目负责人", "财务负责人")

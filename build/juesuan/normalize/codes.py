"""Code the rows and columns that tables print by name, through :mod:`juesuan.reference`.

The classification lists themselves (支出功能分类, 支出经济分类) live only in the
reference; this module adds what a printed table needs around them: numbering removed,
a code printed before the name ("204 公共安全支出", "30201办公费"), 小计/合计 under an
economic group.
"""

from __future__ import annotations

import re

from juesuan import reference as ref
from juesuan.vocabulary import generic_leaves, is_total_label

_NUMBERING = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十百]+[）)]|[一二三四五六七八九十百]+[、.．]|"
    r"[（(]\d+[）)]|\d+(?:[、．]|\.(?!\d))|[①-⑳])")
_LEADING_CODE = re.compile(r"^(\d{3}(?:\d{2})?)(?!\d)")
CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")  # a printed 类/款/项 (or economic) code


def strip_numbering(label: str) -> str:
    """'一、一般公共服务支出' → '一般公共服务支出'; '1.基本工资' → '基本工资'."""
    text = re.sub(r"\s+", "", label or "")
    previous = None
    while previous != text:
        previous, text = text, _NUMBERING.sub("", text, count=1)
    return text


def name_key(label: str) -> str:
    """Comparison key of a printed name (:func:`juesuan.reference.norm_name` after the
    numbering is removed): no spaces, fullwidth brackets, no quotes, no 其中."""
    return ref.norm_name(strip_numbering(label))


def is_total(name: str) -> bool:
    """The printed name of a coded table's grand-total row ('合计', '总 计', …)."""
    return is_total_label(name)


def _leading_code(label: str, digits: tuple[int, ...]) -> str | None:
    m = _LEADING_CODE.match(name_key(label))
    return m.group(1) if m and len(m.group(1)) in digits else None


def function_class(label: str) -> str | None:
    """The 3-digit 功能分类 class printed by name ('四、公共安全支出' → '204')."""
    code = _leading_code(label, (3,))
    if code and ref.function_name(code):
        return code
    return ref.function_class_code(name_key(label))


def economic_code(label: str, group: str | None = None) -> str | None:
    """An economic code from a printed name, looked up within ``group`` when given.

    '基本工资' → '30101'; ('小计', group '301') → '301'; '30201办公费' → '30201'.
    """
    code = _leading_code(label, (3, 5))
    if code and code in ref.economic_codes():
        return code
    if group and name_key(label) in generic_leaves():
        return group
    return ref.economic_code_for(name_key(label), group)


def economic_group(label: str) -> str | None:
    """The 3-digit economic group printed as a column-group header ('工资福利支出' → '301')."""
    code = _leading_code(label, (3,))
    if code and code in ref.economic_groups():
        return code
    found = ref.economic_code_for(name_key(label))
    return found if found and len(found) == 3 else None

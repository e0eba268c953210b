"""Function-classification codes (支出功能分类) for the 类/款/项 names printed in narratives.

A thin layer over juesuan.reference (schemas/function_codes.yaml), kept for the facts
extractor's imports.
"""

from __future__ import annotations

from juesuan.reference import function_class_code, function_code_for, norm_name

__all__ = ["class_code", "item_code", "norm_name"]


def class_code(name: str) -> str | None:
    """'公共安全支出' / '公共安全' / '其中：公共安全支出' → '204' (exact name or former name,
    支出 optional)."""
    return function_class_code(name)


def item_code(cls: str, kuan: str, xiang: str) -> str | None:
    """Printed 类/款/项 names → the 7-digit 项 code, or None when the 款 is unknown."""
    return function_code_for(cls, kuan, xiang)

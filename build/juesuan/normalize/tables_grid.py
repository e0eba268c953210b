"""Row labels of a coded table: code and name, with split 类|款|项 codes completed.

The grid's structure (header rows, header paths, data rows) is the locator's
(juesuan.locate.grid); this module reads what a data row's label cells say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from juesuan.locate.grid import CODE_AND_NAME, text
from juesuan.normalize.codes import strip_numbering
from juesuan.vocabulary import header_role, is_total_label, vocabulary


def _only_level_words(cell: str) -> bool:
    return bool(cell) and all(header_role((ch,)) == "code" for ch in cell)


@cache
def _level_prefix() -> re.Pattern:
    """The one-character level words of vocabulary.yaml (类, 款, 项) at the start of a label."""
    chars = "".join(w for w in vocabulary()["header_roles"]["code"]["equals"] if len(w) == 1)
    return re.compile(f"^[{re.escape(chars)}]+")


@dataclass(frozen=True)
class Label:
    code: str  # function/economic code, "" when none printed
    name: str  # as printed, numbering and spaces removed


def row_label(code_parts: list[str], name: str, completer: CodeCompleter) -> Label:
    """Code and name of a coded row: merged ("2040201"), split 类|款|项, or "204 公共安全支出"."""
    parts = [text(p) for p in code_parts]
    name = text(name)
    if any(parts) and all(not p or _only_level_words(p) for p in parts):
        parts = [""] * len(parts)  # 类 | 款 | 项 printed in the 合计 row (text run together too)
    lead = _level_prefix().match(name)
    if lead and is_total_label(name[lead.end():]):
        name = name[lead.end():]  # "项合计": the 项 sub-header run into the 合计 label
    lone = [p for p in parts if p]
    if len(lone) == 1 and not lone[0].isdigit():
        m = CODE_AND_NAME.match(lone[0])
        if m:
            parts, name = [m.group(1)], name or m.group(2)
        else:
            parts, name = [], name or lone[0]
    elif lone and not any(p.isdigit() for p in lone):
        parts, name = [], name or "".join(lone)  # 合计 printed across the code columns
    elif not lone:
        m = CODE_AND_NAME.match(name)
        if m:
            parts, name = [m.group(1)], m.group(2)
    return Label(completer.complete(parts), strip_numbering(name))


class CodeCompleter:
    """Completes split 类|款|项 codes row by row: "204" / "02" / "01" → 204, 20402, 2040201;
    economic 类|款 ("302" / "31" → 30231) the same way."""

    def __init__(self) -> None:
        self.cls = self.kuan = ""

    def complete(self, parts: list[str]) -> str:
        digits = [p if p.isdigit() else "" for p in parts]
        filled = [p for p in digits if p]
        if not filled:
            return ""
        if len(filled) == 1 and len(filled[0]) in (3, 5, 7) and len(digits) == 1:
            return self._full(filled[0])
        if len(filled) == 1 and len(filled[0]) in (5, 7):
            return self._full(filled[0])
        lei, kuan, xiang = (digits + ["", "", ""])[:3]
        code = ""
        if len(lei) == 3:
            code = self._full(lei)
        if len(kuan) == 2 and self.cls:
            code = self.kuan = self.cls + kuan
        elif len(kuan) == 5:
            code = self._full(kuan)
        if len(xiang) == 2 and self.kuan:
            code = self.kuan + xiang
        elif len(xiang) == 7:
            code = self._full(xiang)
        return code

    def _full(self, code: str) -> str:
        self.cls = code[:3]
        self.kuan = code[:5] if len(code) >= 5 else ""
        return code

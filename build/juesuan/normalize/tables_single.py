"""Single-row tables: 三公经费 (13), 政府采购情况表, 国有资产占用情况表.

Each value cell is named by its header path plus the label of its row, so the same
rules read the usual one-row layout (items as columns) and the transposed one (items
as rows, 预算数/决算数 as columns).
"""

from __future__ import annotations

from juesuan import spec
from juesuan.locate import LocatedTable
from juesuan.models import Problem
from juesuan.amounts import is_amount
from juesuan.normalize.tables_common import Reading, add, parts
from juesuan.normalize.tables_grid import text
from juesuan.vocabulary import key, loose, single_row, vocabulary

def _matches(rule: dict, word: str) -> bool:
    """Whole-word (equals) or part-of-word (contains) match, on loose keys (和/及 dropped)."""
    w = loose(word)
    return any(loose(e) == w for e in rule.get("equals", ())) or \
        any(loose(c) in w for c in rule.get("contains", ()))


def _item(rules: list[dict], keys: list[str]) -> str | None:
    """The first item rule a header word matches, from the leaf up (vocabulary.yaml)."""
    for i in range(len(keys) - 1, -1, -1):
        for rule in rules:
            under = rule.get("under")
            if _matches(rule, keys[i]) and (not under or any(under in k for k in keys[:i])):
                return rule["id"]
    return None


def column_of(table_id: str, keys: list[str]) -> str | None:
    """Column id of a single-row table's value cell from the words of its header path and
    row label: <group prefix>.<item> (预算数/决算数 … × 合计/因公出国 …), per vocabulary.yaml."""
    words = single_row(table_id)
    joined = "".join(keys)
    group = next((g for g in words.get("groups", []) if _matches(g, joined)
                  and not any(u in joined for u in g.get("unless", ()))), None)
    if group is not None and group.get("whole"):
        return group["prefix"]
    prefix = group["prefix"] if group is not None else words.get("default_group")
    if prefix is None:
        return None
    item = _item(words["items"], keys)
    if item is None:
        return None
    return f"{prefix}.{item}" if prefix else item


def read(table: LocatedTable) -> Reading:
    reading = Reading()
    row_code = single_row(table.table)["row_code"]
    neutral = {key(w) for w in vocabulary()["single_row_neutral_labels"]}
    seen: set[str] = set()
    for part in parts(table):
        for row in part.rows:
            labels = [text(c) for c in row if text(c) and not is_amount(c)]
            row_label = labels[0] if labels else ""
            for i, cell in enumerate(row):
                if not text(cell) or not is_amount(cell) or part.roles[i] == "lineno":
                    continue
                keys = [key(p) for p in part.paths[i] if p]
                if row_label and key(row_label) not in neutral:
                    keys.append(key(row_label))
                cid = column_of(table.table, keys)
                if cid is None or cid in seen:
                    reading.problems.append(Problem(
                        "unmapped_column", f"{table.title}: 栏目“{'/'.join(keys)}”下的数“{text(cell)}”"
                        "对应不到标准表的栏目，未读取。", part.page, table.table))
                    reading.partial = True
                    continue
                seen.add(cid)
                name = row_label or spec.tables()[table.table]["title"]
                add(reading, table.table, "", row_code, name, cid, cell, part.page)
    return reading

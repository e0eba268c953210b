"""The rule registry: every audit rule is one small function registered with an id,
a Chinese title and a one-line explanation (the catalogue on the site is generated
from it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from juesuan.audit.model import Check

GROUPS = {
    "table": "表内平衡",
    "two_sided": "收支两方平衡",
    "cross": "表间核对",
    "narrative": "说明与表格核对",
    "narrative_self": "说明内部核对",
    "statements": "说明中前后各处的表述",
    "self_evaluation": "部门整体绩效自评",
    "wording": "名词解释与用语",
    "projects": "项目绩效自评",
    "previous": "与上年度核对",
}


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    explanation: str
    group: str
    func: Callable[..., Iterable[Check]]


RULES: list[Rule] = []


def rule(id: str, title: str, explanation: str, group: str):
    """Register ``func(ctx) -> Iterable[Check]`` under ``id``."""
    if group not in GROUPS:
        raise ValueError(f"unknown rule group {group!r}")

    def register(func):
        new = Rule(id, title, explanation, group, func)
        for i, r in enumerate(RULES):
            if r.id == id:
                if (r.func.__module__, r.func.__qualname__) != (func.__module__, func.__qualname__):
                    raise ValueError(f"rule id {id!r} registered twice")
                RULES[i] = new  # the same module reloaded
                return func
        RULES.append(new)
        return func

    return register


def rule_index(rule_id: str) -> int:
    for i, r in enumerate(RULES):
        if r.id == rule_id:
            return i
    return len(RULES)


def get_rule(rule_id: str) -> Rule:
    for r in RULES:
        if r.id == rule_id:
            return r
    raise KeyError(rule_id)

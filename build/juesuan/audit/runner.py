"""Run every registered rule over a report; deterministic, one rule's crash never
stops the others (it becomes an ``insufficient_data`` finding and is logged)."""

from __future__ import annotations

import logging
from pathlib import Path

from juesuan import spec
from juesuan.audit.context import Context
from juesuan.audit.model import INSUFFICIENT, SEVERITIES, Check
from juesuan.audit.previous import load_previous
from juesuan.audit.registry import RULES, rule_index
from juesuan.models import Report

log = logging.getLogger(__name__)


def _table_order(table: str) -> int:
    try:
        return spec.TABLE_ORDER.index(table)
    except ValueError:
        return len(spec.TABLE_ORDER)


def sort_key(c: Check) -> tuple:
    return (rule_index(c.rule), _table_order(c.table), c.table, c.row_code, c.column, c.metric,
            SEVERITIES.index(c.severity), c.message)


def merge_insufficient(checks: list[Check]) -> list[Check]:
    """Keep one ``insufficient_data`` finding per (rule, table) of table checks; say how many
    it stands for (narrative and project findings stay one per figure / project)."""
    groups: dict[tuple[str, str], list[Check]] = {}
    out = []
    for c in checks:
        if c.severity == INSUFFICIENT and c.table:
            groups.setdefault((c.rule, c.table), []).append(c)
        else:
            out.append(c)
    for (_, _), cs in groups.items():
        first = cs[0]
        if len(cs) > 1:
            msg = first.message.rstrip("。") + f"（同类无法核对的情况共{len(cs)}处）。"
            first = Check(**{**first.__dict__, "message": msg})
        out.append(first)
    return out


def run_checks(report: Report, packages_root: Path | None = None) -> list[Check]:
    previous = load_previous(report.meta, packages_root) if packages_root else None
    ctx = Context(report, previous)
    found: list[Check] = []
    for r in RULES:
        try:
            found.extend(c for c in r.func(ctx) if c is not None)
        except Exception as e:  # a rule bug must not cost the report its other findings
            log.exception("audit rule %s failed on %s %s", r.id, report.meta.agency, report.meta.year)
            found.append(Check(r.id, INSUFFICIENT, message=f"规则“{r.title}”运行出错，未能核对：{e}。"))
    checks = sorted(merge_insufficient(sorted(found, key=sort_key)), key=sort_key)
    return list(dict.fromkeys(checks))

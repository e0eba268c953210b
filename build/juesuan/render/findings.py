"""What a report page shows of checks.csv, statements.csv and profile.csv, as plain
rows for the templates: Chinese labels instead of ids, pages as links to the source."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from juesuan.render.labels import column_title, metric_title, table_title
from juesuan.render.load import Package

SEVERITY = {"error": "错误", "warning": "警告", "rounding": "尾差", "insufficient_data": "数据不足"}
OPEN = ("error", "warning")  # groups shown unfolded; the others start collapsed
COMPACT = ("rounding",)
KIND = {"error": "danger", "warning": "warning", "rounding": "info", "insufficient_data": "question"}  # Material
PROJECT_FIELDS = {"budget_initial": "年初预算数", "budget_adjusted": "调整后预算数", "executed": "执行数",
                  "execution_rate": "执行率", "score": "自评得分", "weight": "分值"}
PROFILE_TITLES = {"duties": "部门职责", "organisation": "机构设置", "staff": "人员情况", "overview": "概况",
                  "other": "其他"}
STATED = ("figure", "self_evaluation")  # statement kinds that carry a number
LONG_TEXT = 120  # characters of a profile section shown on a report page before the rest is folded


def _rule_titles() -> dict[str, str]:
    from juesuan.audit import RULES

    return {r.id: r.title for r in RULES}


@dataclass
class Finding:
    severity: str
    rule: str
    message: str
    target: str  # what the finding is about, in Chinese ("收入支出决算总表 · 总计 · 决算数")
    subject: str  # the metric or project only ("" for a table cell: the message names it)
    expected: Decimal | None
    actual: Decimal | None
    difference: Decimal | None
    page: int | None
    file: str = ""  # the original file the finding cites (blank: the report's first file)
    cell: str = ""  # its spreadsheet cell (Sheet1!B7) for a workbook


@dataclass
class FindingGroup:
    severity: str
    label: str
    rows: list[Finding] = field(default_factory=list)

    @property
    def compact(self) -> bool:
        """Rounding differences: what and how much, without the long message (in checks.csv)."""
        return self.severity in COMPACT

    @property
    def kind(self) -> str:
        return KIND.get(self.severity, "note")

    @property
    def open(self) -> bool:
        return self.severity in OPEN

    @property
    def has_numbers(self) -> bool:
        return any(f.expected is not None or f.actual is not None or f.difference is not None for f in self.rows)

    @property
    def has_pages(self) -> bool:
        return any(f.page for f in self.rows)


def _row_names(pkg: Package) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for r in pkg.rows.get("line_items", []):
        out.setdefault((r["table"], r["row_code"]), r["row_name"])
    return out


def _target(check: dict[str, Any], rows: dict[tuple[str, str], str],
            projects: dict[str, str]) -> tuple[str, str]:
    """(the whole target, its metric or project part)."""
    table, code, column, metric = (check.get(k) or "" for k in ("table", "row_code", "column", "metric"))
    if not table and code in projects:
        field_name = PROJECT_FIELDS.get(metric or column, "")
        subject = f"项目“{projects[code]}”" + (f" · {field_name}" if field_name else "")
        return subject, subject
    parts = []
    if table:
        name = rows.get((table, code), "") if code else "合计"
        shown_code = code if code.isdigit() else ""
        parts += [table_title(table), f"{shown_code}{name}".strip(), column_title(table, column)]
    subject = metric_title(metric) if metric else ""
    return " · ".join(p for p in dict.fromkeys([subject, *parts]) if p), subject


def finding_groups(pkg: Package) -> list[FindingGroup]:
    """Audit findings by severity, the serious ones first."""
    checks = pkg.rows.get("checks", [])
    rows = _row_names(pkg)
    projects = {p["project_code"]: p["project_name"] for p in pkg.rows.get("projects", [])}
    titles = _rule_titles()
    order = list(SEVERITY) + sorted({c["severity"] for c in checks} - set(SEVERITY))
    groups: OrderedDict[str, FindingGroup] = OrderedDict(
        (s, FindingGroup(s, SEVERITY.get(s, s))) for s in order)
    for c in checks:
        target, subject = _target(c, rows, projects)
        groups[c["severity"]].rows.append(Finding(
            c["severity"], titles.get(c["rule"], c["rule"]), c["message"], target, subject,
            c.get("expected"), c.get("actual"), c.get("difference"), c.get("page"),
            c.get("file") or "", c.get("cell") or ""))
    return [g for g in groups.values() if g.rows]


@dataclass
class Conflict:
    """A figure the narrative states more than once with different values."""

    label: str
    unit: str
    rows: list[dict[str, Any]]  # the statements, in document order


def conflicting_statements(pkg: Package) -> list[Conflict]:
    groups: OrderedDict[tuple[str, str, str], list[dict[str, Any]]] = OrderedDict()
    for s in pkg.rows.get("statements", []):
        if s.get("kind") in STATED and s.get("value") is not None:
            groups.setdefault((s["metric"], s.get("subject") or "", s.get("unit") or ""), []).append(s)
    out = []
    for (metric, subject, unit), rows in groups.items():
        if len({r["value"] for r in rows}) > 1:
            label = metric_title(metric) + (f"（{subject}）" if subject else "")
            out.append(Conflict(label, unit, rows))
    return out


def statement_where(section: str) -> str:
    from juesuan.audit.statement_labels import where

    return where(section or "")


@dataclass
class ProfileBlock:
    section: str
    title: str
    paragraphs: list[str]
    page: int | None
    shown: int  # paragraphs shown before the rest is folded (all of them when short)

    @property
    def folded(self) -> list[str]:
        return self.paragraphs[self.shown:]


def profile_blocks(pkg: Package, sections: tuple[str, ...] | None = None) -> list[ProfileBlock]:
    """profile.csv as blocks of paragraphs (only ``sections`` when given)."""
    out = []
    for r in pkg.rows.get("profile", []):
        if sections and r.get("section") not in sections:
            continue
        paragraphs = [p for p in (r.get("text") or "").split("\n") if p.strip()]
        if not paragraphs:
            continue
        title = (r.get("title") or "").strip() or PROFILE_TITLES.get(r.get("section", ""), "")
        shown, length = 0, 0
        while shown < len(paragraphs) and length < LONG_TEXT:
            length += len(paragraphs[shown])
            shown += 1
        if len(paragraphs) - shown == 1:  # folding away a single paragraph saves no room
            shown += 1
        out.append(ProfileBlock(r.get("section", ""), title, paragraphs, r.get("page"), shown))
    return out

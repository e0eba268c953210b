"""Project performance self-evaluations (项目支出绩效自评表) → projects and indicators.

One Project per self-evaluation table (found by its 项目名称 row and its budget and
indicator blocks, not by its title, which varies), one Indicator per indicator row.
The department-level table (部门整体/部门预算支出绩效自评表) has no 项目名称 row and
is not a project. What a table does not print stays None; what is missing or cut is
reported as Problem records.
"""

from __future__ import annotations

import logging
import re

from juesuan.models import ExtractedDocument, Indicator, Problem, Project
from juesuan.normalize.projects_grid import grid_blocks
from juesuan.normalize.projects_table import TABLE, Row, parse_table
from juesuan.normalize.projects_text import project_blocks, text_rows

log = logging.getLogger(__name__)

_PRINTED_PROJECT = re.compile(r"项\s*目\s*名\s*称\s*[:：]?\s*[0-9A-Za-z]{8,}\s*[-－—–]")


def _collect(blocks: list[list[Row]], positional: bool
             ) -> tuple[list[Project], list[Indicator], list[Problem]]:
    projects: list[Project] = []
    indicators: list[Indicator] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for block in blocks:
        res = parse_table(block, positional)
        if res.project is None:
            continue
        code = res.project.project_code
        if code in seen:
            problems.append(Problem(
                "project_duplicate", f"{code}: 同一项目的绩效自评表出现多次，只保留第一张。", res.project.page, TABLE))
            continue
        seen.add(code)
        projects.append(res.project)
        indicators.extend(res.indicators)
        problems.extend(res.problems)
    return projects, indicators, problems


def extract_projects(doc: ExtractedDocument
                     ) -> tuple[list[Project], list[Indicator], list[Problem]]:
    if doc.format == "text":
        rows, positional = text_rows(doc)
        result = _collect(project_blocks(rows), positional)
    else:
        result = _collect(grid_blocks(doc), True)
        if not result[0] and _PRINTED_PROJECT.search(doc.text):
            page = next((p.number for p in doc.pages if _PRINTED_PROJECT.search(p.text)), None)
            result[2].append(Problem(
                "project_tables_unread", "项目支出绩效自评表的文字可见，但未识别出表格，"
                "其中的项目和指标未读取。", page, TABLE))
    log.debug("%s: %d projects, %d indicators, %d problems", doc.source.name,
              len(result[0]), len(result[1]), len(result[2]))
    return result

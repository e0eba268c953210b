"""Single-row tables: 三公经费 (13), 政府采购情况表, 国有资产占用情况表.

Each value cell is named by its header path plus the label of its row, so the same
rules read the usual one-row layout (items as columns) and the transposed one (items
as rows, 预算数/决算数 as columns).
"""

from __future__ import annotations

from juesuan import spec
from juesuan.locate import LocatedTable
from juesuan.models import Problem
from juesuan.normalize.codes import name_key
from juesuan.normalize.numbers import is_amount
from juesuan.normalize.tables_common import Reading, add, parts, role
from juesuan.normalize.tables_grid import text

ROW_CODES = {"three_public": "three_public", "government_procurement": "procurement",
             "state_assets": "assets"}


def _three_public_item(keys: list[str]) -> str | None:
    for i in range(len(keys) - 1, -1, -1):
        k = keys[i]
        if k in ("小计",) and any("公务用车" in p for p in keys[:i]):
            return "vehicle"
        if "公务用车购置及运行" in k or k in ("公务用车费", "公务用车"):
            return "vehicle"
        if "购置费" in k or k == "公务用车购置":
            return "vehicle_purchase"
        if "运行维护费" in k or "运行费" in k:
            return "vehicle_operation"
        if "出国" in k:
            return "abroad"
        if "接待" in k:
            return "reception"
        if k in ("合计", "总计", "小计") or "三公" in k:
            return "total"
    return None


def three_public_column(keys: list[str]) -> str | None:
    item = _three_public_item(keys)
    if item is None:
        return None
    joined = "".join(keys)
    if "政府性基金" in joined:
        prefix = "actual_gov_fund"
    elif "一般公共预算" in joined and "预算数" not in joined and "决算" not in joined:
        prefix = "actual_general_budget"
    elif "决算" in joined or "实际" in joined:
        prefix = "actual"
    elif "预算" in joined:
        prefix = "budget"
    else:
        prefix = "actual"
    return f"{prefix}.{item}"


def procurement_column(keys: list[str]) -> str | None:
    joined = "".join(keys)
    if "中小企业" in joined:
        return "sme"
    prefix = "budget" if "预算" in joined else "actual" if ("实际" in joined or "决算" in joined) else None
    item = next((v for k, v in (("货物", "goods"), ("工程", "works"), ("服务", "services"))
                 if k in (keys[-1] if keys else "")), None)
    if item is None and keys and keys[-1] in ("合计", "小计", "总计", "金额"):
        item = "total"
    if item is None:
        item = next((v for k, v in (("货物", "goods"), ("工程", "works"), ("服务", "services"))
                     if k in joined), "total" if ("合计" in joined or "总额" in joined) else None)
    if prefix is None or item is None:
        return None
    return f"{prefix}.{item}"


def assets_column(keys: list[str]) -> str | None:
    for k in reversed(keys):
        if "专用设备" in k:
            return "special_equipment_over_1m"
        if "通用设备" in k:
            return "equipment_over_500k"
        if "车辆" in k:
            return "vehicles"
        if "房屋" in k:
            return "buildings"
        if "土地" in k:
            return "land"
        if "资产总额" in k or k in ("合计", "总计"):
            return "total"
    return None


NAMERS = {"three_public": three_public_column, "government_procurement": procurement_column,
          "state_assets": assets_column}


def read(table: LocatedTable) -> Reading:
    reading = Reading()
    namer = NAMERS[table.table]
    row_code = ROW_CODES[table.table]
    seen: set[str] = set()
    for part in parts(table):
        for row in part.rows:
            labels = [text(c) for c in row if text(c) and not is_amount(c)]
            row_label = labels[0] if labels else ""
            for i, cell in enumerate(row):
                if not text(cell) or not is_amount(cell) or role(part.paths[i]) == "lineno":
                    continue
                keys = [name_key(p) for p in part.paths[i] if p]
                if row_label and row_label not in ("金额", "决算数", "合计"):
                    keys.append(name_key(row_label))
                cid = namer(keys)
                if cid is None or cid in seen:
                    reading.problems.append(Problem(
                        "unmapped_column", f"{table.title}: value '{text(cell)}' under "
                        f"'{'/'.join(keys)}' not placed", part.page, table.table))
                    reading.partial = True
                    continue
                seen.add(cid)
                name = row_label or spec.tables()[table.table]["title"]
                add(reading, table.table, "", row_code, name, cid, cell, part.page)
    return reading

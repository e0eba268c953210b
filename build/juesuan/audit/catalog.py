"""The rule catalogue (Markdown, for the site), generated from the registry."""

from __future__ import annotations

from juesuan.audit import RULES
from juesuan.audit.registry import GROUPS

SEVERITY_TEXT = {
    "error": "错误：数字之间的差额超出四舍五入所能解释的范围。",
    "warning": "警告：可能有误，需要读者留意（如占比末位截尾、科目名称与编码不符、项目预算大幅调整）。",
    "rounding": "尾差：差额在所加各数四舍五入的误差范围（(n+1) × 0.005 万元）之内，不算错误。",
    "insufficient_data": "数据不足：规则所需的单元格或数字未公开或未能读出，未作核对（空白单元格从不当作 0）。",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def catalog_markdown(heading_level: int = 1) -> str:
    """All registered rules, grouped, with their id, Chinese title and explanation."""
    h = "#" * heading_level
    lines = [f"{h} 审核规则", "",
             f"juesuan 对每份决算公开逐条运行以下 {len(RULES)} 条规则，结果发布在每个数据包的 `checks.csv` 中"
             "（规则、级别、表、行、列、指标、应为、实为、差额、页码、说明）。", "",
             f"{h}# 级别", ""]
    lines += [f"- `{sev}` {text}" for sev, text in SEVERITY_TEXT.items()]
    for group, title in GROUPS.items():
        rules = [r for r in RULES if r.group == group]
        if not rules:
            continue
        lines += ["", f"{h}# {title}", "", "| 规则 | 名称 | 说明 |", "| --- | --- | --- |"]
        lines += [f"| `{r.id}` | {_cell(r.title)} | {_cell(r.explanation)} |" for r in rules]
    return "\n".join(lines) + "\n"

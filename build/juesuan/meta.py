"""report.yml: read and validate the contributor's metadata file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from juesuan.errors import BadMetadata

REQUIRED = ("agency", "year", "source")


def load_report_yml(report_dir: Path) -> tuple[dict[str, Any], Path]:
    """(metadata, path of the source file) of a report folder."""
    report_dir = Path(report_dir)
    yml = report_dir / "report.yml"
    try:
        data = yaml.safe_load(yml.read_text("utf-8"))
    except FileNotFoundError:
        raise BadMetadata(yml, "report.yml 不存在 (missing)") from None
    except yaml.YAMLError as e:
        raise BadMetadata(yml, f"YAML 格式错误 (malformed YAML): {e}".replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise BadMetadata(yml, "report.yml 应为键值对 (must be a mapping)")
    for key in REQUIRED:
        if not data.get(key):
            raise BadMetadata(yml, f"缺少字段 '{key}' (missing field)", fix=f"add '{key}: ...'")
    source = (report_dir / str(data["source"])).resolve()
    if report_dir.resolve() not in source.parents:
        raise BadMetadata(yml, f"source '{data['source']}' 指向报告文件夹之外 (points outside the report folder)",
                          fix="give the file name of the report inside this folder")
    if not source.exists():
        raise BadMetadata(yml, f"source '{data['source']}' 不存在 (file not found)")
    return data, source

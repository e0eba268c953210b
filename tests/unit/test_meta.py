"""report.yml: schema validation, clear rejections, no path outside the report's folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from juesuan.errors import BadMetadata
from juesuan.meta import field_line, load_report_yml, report_schema

REPO = Path(__file__).resolve().parents[2]

GOOD = """\
agency: 达州市公安局达川区分局
region: [四川省, 达州市, 达川区]
sector: 公安
year: 2024
kind: 单位决算
published: 2025-10-11
source: report.txt
url: https://www.dczx.gov.cn/2024/report.pdf
retrieved: 2025-10-20
obtained: 从单位官网下载
"""


def make(tmp_path: Path, text: str, source: str = "report.txt") -> Path:
    d = tmp_path / "reports" / "x" / "2024"
    d.mkdir(parents=True)
    (d / source).write_text("决算 收入支出 财政拨款", "utf-8")
    (d / "report.yml").write_text(text, "utf-8")
    return d


def rejected(d: Path) -> BadMetadata:
    with pytest.raises(BadMetadata) as info:
        load_report_yml(d)
    err = info.value
    assert "\n" not in str(err), "one line"
    assert str(d / "report.yml") in str(err)
    return err


def test_repository_reports_are_valid():
    dirs = sorted(p.parent for p in (REPO / "data" / "reports").glob("*/*/report.yml"))
    assert dirs, "the seeds live in data/reports"
    for d in dirs:
        data, source = load_report_yml(d)
        assert source.parent == d.resolve()
        assert isinstance(data["year"], int)


def test_good_file_dates_become_iso_strings(tmp_path):
    data, source = load_report_yml(make(tmp_path, GOOD))
    assert data["published"] == "2025-10-11" and data["retrieved"] == "2025-10-20"
    assert source.name == "report.txt"


@pytest.mark.parametrize("field", ["agency", "year", "source"])
def test_missing_required_field_is_named_with_fix(tmp_path, field):
    text = "\n".join(line for line in GOOD.splitlines() if not line.startswith(field + ":"))
    err = rejected(make(tmp_path, text))
    assert err.field == field and f"'{field}'" in err.cause
    assert field + ":" in err.fix


@pytest.mark.parametrize("line,field", [
    ("year: '2024年'", "year"),
    ("year: 1899", "year"),
    ("kind: 部门预算", "kind"),
    ("region: 四川省", "region"),
    ("published: 2025-13-45", "published"),
    ("url: ftp://example.org/a.pdf", "url"),
    ("sha256: ABC", "sha256"),
])
def test_invalid_values_name_field_and_fix(tmp_path, line, field):
    key = line.split(":")[0]
    text = "\n".join(line if ln.startswith(key + ":") else ln for ln in GOOD.splitlines())
    if key not in GOOD:
        text += "\n" + line
    err = rejected(make(tmp_path, text))
    assert err.field == field, err
    assert err.fix.startswith("write") and field in err.fix


def test_unknown_field_suggests_the_close_one(tmp_path):
    err = rejected(make(tmp_path, GOOD + "secter: 教育\n"))
    assert err.field == "secter" and "sector" in err.fix


def test_malformed_yaml_and_non_mapping(tmp_path):
    err = rejected(make(tmp_path, "agency: [unclosed\nyear: 2024\n"))
    assert "YAML" in err.cause
    d2 = make(tmp_path / "b", "- just\n- a list\n")
    assert "mapping" in rejected(d2).cause


@pytest.mark.parametrize("source", ["/etc/passwd", "../../x/2024/report.txt", "a/../../report.txt",
                                    "..\\report.txt", "C:/report.txt", "~/report.txt"])
def test_source_outside_folder_rejected(tmp_path, source):
    d = make(tmp_path, GOOD.replace("source: report.txt", f"source: '{source}'"))
    err = rejected(d)
    assert err.field == "source"


def test_symlink_escaping_folder_rejected(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("决算", "utf-8")
    d = make(tmp_path, GOOD.replace("source: report.txt", "source: link.txt"))
    os.symlink(outside, d / "link.txt")
    assert "符号链接" in rejected(d).cause
    inner = make(tmp_path / "c", GOOD.replace("source: report.txt", "source: alias.txt"))
    os.symlink(inner / "report.txt", inner / "alias.txt")
    assert rejected(inner).field == "source", "even a link inside the folder is refused"


def test_missing_source_file(tmp_path):
    d = make(tmp_path, GOOD.replace("source: report.txt", "source: other.pdf"))
    assert "不存在" in rejected(d).cause


def test_sha256_checked_against_file(tmp_path):
    d = make(tmp_path, GOOD)
    real = hashlib.sha256((d / "report.txt").read_bytes()).hexdigest()
    (d / "report.yml").write_text(GOOD + f"sha256: {real}\n", "utf-8")
    assert load_report_yml(d)[0]["sha256"] == real
    (d / "report.yml").write_text(GOOD + f"sha256: {'f' * 64}\n", "utf-8")
    err = rejected(d)
    assert err.field == "sha256" and real in err.cause


def test_field_line_and_schema_shipped(tmp_path):
    d = make(tmp_path, GOOD)
    assert field_line(d / "report.yml", "year") == 4
    assert field_line(d / "report.yml", "nope") is None
    schema = report_schema()
    assert set(schema["required"]) == {"agency", "year", "source"}
    assert all("x-fix" in p for p in schema["properties"].values())

"""report.yml pins the sha256 of every file of a report: ``sha256:`` one value (the first file,
the single-file form) or a list parallel to ``source:``; each is checked, at load and in a
build, and a mismatch is one line naming the file that changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from juesuan.errors import BadMetadata
from juesuan.meta import load_report_yml, pinned_sha256


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder_with(tmp_path: Path, files: dict[str, bytes], **meta) -> Path:
    folder = tmp_path / "r"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    given = {"agency": "某某县财政局", "year": 2023, **meta}
    (folder / "report.yml").write_text(yaml.safe_dump(given, allow_unicode=True), "utf-8")
    return folder


FILES = {"说明.pdf": b"%PDF-1.4 narrative", "报表.xlsx": b"PK tables"}


def test_a_list_pins_every_file_and_a_changed_second_file_is_named(tmp_path):
    pins = [sha(FILES["说明.pdf"]), sha(FILES["报表.xlsx"])]
    folder = folder_with(tmp_path, FILES, source=list(FILES), sha256=pins)
    data, first = load_report_yml(folder)
    assert first.name == "说明.pdf" and pinned_sha256(data) == pins
    (folder / "报表.xlsx").write_bytes(b"PK tables, edited")
    with pytest.raises(BadMetadata) as info:
        load_report_yml(folder)
    line = info.value.line()
    assert "报表.xlsx" in line and "说明.pdf" not in line and "\n" not in line
    assert info.value.field == "sha256"
    load_report_yml(folder, verify_sha256=False)  # the build checks it itself, with its cached hashes


def test_the_single_value_form_still_pins_the_first_file(tmp_path):
    folder = folder_with(tmp_path, FILES, source=list(FILES), sha256=sha(FILES["说明.pdf"]))
    data, _ = load_report_yml(folder)
    assert pinned_sha256(data) == [sha(FILES["说明.pdf"]), None]
    (folder / "报表.xlsx").write_bytes(b"anything")  # not pinned
    load_report_yml(folder)
    (folder / "说明.pdf").write_bytes(b"%PDF-1.4 other")
    with pytest.raises(BadMetadata, match="说明.pdf"):
        load_report_yml(folder)
    one = folder_with(tmp_path / "x", {"a.pdf": b"%PDF a"}, source="a.pdf", sha256=sha(b"%PDF a"))
    assert load_report_yml(one)[1].name == "a.pdf"


@pytest.mark.parametrize("pins,words", [
    (1, "checksums for 2 files"), (3, "checksums for 2 files"), ("bad", "invalid value")])
def test_a_checksum_list_must_match_the_sources(tmp_path, pins, words):
    listed = ["0" * 64] * pins if isinstance(pins, int) else ["0" * 64, "not hex"]
    folder = folder_with(tmp_path, FILES, source=list(FILES), sha256=listed)
    with pytest.raises(BadMetadata) as info:
        load_report_yml(folder)
    assert words in info.value.line() and info.value.field == "sha256"


def test_a_build_names_the_changed_file(tmp_path):
    from juesuan.cache import BuildCache
    from juesuan.paths import Layout
    from juesuan.runner import CorpusResult, _plan

    root = tmp_path / "repo"
    (root / "data" / "reports").mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    folder = root / "data" / "reports" / "moumouxian-caizhengju" / "2023"
    folder.mkdir(parents=True)
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    meta = {"agency": "某某县财政局", "year": 2023, "source": list(FILES), "slug": "moumouxian-caizhengju",
            "sha256": [sha(FILES["说明.pdf"]), sha(b"something else")]}
    (folder / "report.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), "utf-8")
    layout = Layout(root)
    result = CorpusResult()
    entries = _plan([folder], layout, BuildCache(tmp_path / "cache"), "fp", "wfp", result)
    assert entries == [] and len(result.failed) == 1
    assert "报表.xlsx" in result.failed[0][1] and "说明.pdf" not in result.failed[0][1]

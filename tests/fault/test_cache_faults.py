"""The cache is optional: corrupt, unwritable or on a full disk, it is discarded with a warning
and the build gives the same packages. A full disk under the packages fails the report with
one line and keeps its previous package."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from juesuan.paths import Layout
from juesuan.runner import parse_corpus

from .conftest import snapshot, strays
from .test_kill import package_dirs, tamper


def _build(layout: Layout):
    return parse_corpus(layout, jobs=1, progress=False)


def _warnings(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


def test_corrupt_cache_files_are_discarded_with_a_warning(repo, caplog):
    layout = Layout(repo)
    new = {p: snapshot(p) for p in package_dirs(layout)}
    tamper(layout)
    files = sorted(p for p in layout.cache.rglob("*") if p.is_file())
    pickles = [p for p in files if p.suffix == ".pickle"]
    assert pickles and (layout.cache / "index.json").is_file()
    for i, p in enumerate(files):  # garbage, truncated, the wrong shape: each kind of damage
        data = p.read_bytes()
        p.write_bytes([b"\x80\x04garbage", data[: len(data) // 2], b"[1, 2]", b"\xff\xfe"][i % 4])
    (layout.cache / "index.json").write_text('{"data/reports/x/2024": "not a dict"}', "utf-8")
    with caplog.at_level(logging.WARNING):
        res = _build(layout)
    assert not res.failed and {p: snapshot(p) for p in new} == new
    assert "cache" in _warnings(caplog)
    caplog.clear()
    res = _build(layout)  # the cache was rewritten whole: the next build parses nothing
    assert res.parsed == [] and len(res.skipped) == 2


def test_unwritable_cache_is_skipped_with_one_warning(repo, caplog):
    """A file where the cache folder should be (unwritable even for root)."""
    layout = Layout(repo)
    new = {p: snapshot(p) for p in package_dirs(layout)}
    shutil.rmtree(layout.cache)
    layout.cache.write_text("not a folder", "utf-8")
    with caplog.at_level(logging.WARNING):
        res = _build(layout)
    assert not res.failed and len(res.parsed) == 2
    assert {p: snapshot(p) for p in new} == new
    warned = [r for r in caplog.records if "cache not writable" in r.getMessage()]
    assert len(warned) == 1, _warnings(caplog)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions; the "
                    "'file where the cache folder should be' test covers root")
def test_read_only_cache_folder_is_skipped(repo, caplog):
    layout = Layout(repo)
    new = {p: snapshot(p) for p in package_dirs(layout)}
    tamper(layout)
    for d in [layout.cache, *[p for p in layout.cache.rglob("*") if p.is_dir()]]:
        d.chmod(0o555)
    try:
        with caplog.at_level(logging.WARNING):
            res = _build(layout)
    finally:
        for d in [layout.cache, *[p for p in layout.cache.rglob("*") if p.is_dir()]]:
            d.chmod(0o755)
    assert not res.failed and {p: snapshot(p) for p in new} == new
    assert "cache not writable" in _warnings(caplog)


def _mount_tmpfs(path: Path, size: int) -> None:
    if os.geteuid() != 0:
        pytest.skip("a full disk is a small tmpfs, and mounting one needs root")
    path.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")


def _umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], check=False, capture_output=True)


def _fill(folder: Path) -> None:
    """Write until the file system is full."""
    try:
        with open(folder / "filler", "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
    except OSError:
        pass


def test_full_cache_disk_builds_without_the_cache(repo, caplog):
    layout = Layout(repo)
    new = {p: snapshot(p) for p in package_dirs(layout)}
    saved = repo / "cache-copy"
    shutil.copytree(layout.cache, saved)
    shutil.rmtree(layout.cache)
    results = list((saved / "reports").rglob("*.pickle"))
    _mount_tmpfs(layout.cache, sum(p.stat().st_size for p in results) + 256 * 1024)
    try:
        for p in results:  # the parse results readable, then the disk full
            target = layout.cache / p.relative_to(saved)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(p, target)
        _fill(layout.cache)
        tamper(layout)
        with caplog.at_level(logging.WARNING):
            res = _build(layout)
        assert not res.failed and {p: snapshot(p) for p in new} == new
        assert "cache not writable" in _warnings(caplog)
    finally:
        _umount(layout.cache)


def test_full_disk_under_a_package_fails_it_in_one_line_and_keeps_it(repo):
    layout = Layout(repo)
    pkg = package_dirs(layout)[0]
    other = package_dirs(layout)[1]
    agency = pkg.parent
    saved = repo / "agency-copy"
    shutil.copytree(agency, saved)
    size = sum(p.stat().st_size for p in saved.rglob("*") if p.is_file())
    shutil.rmtree(agency)
    _mount_tmpfs(agency, size + 64 * 1024)  # room for the package, not for a second copy
    try:
        shutil.copytree(saved, agency, dirs_exist_ok=True)
        old = tamper(layout)
        res = _build(layout)
        (report_dir, line), = res.failed
        assert "\n" not in line and "No space left on device" in line and str(pkg) in line
        assert "previous one is kept" in line
        assert snapshot(pkg) == old[pkg], "the previous package is intact"
        assert snapshot(other) != old[other], "the other report was built"
        assert strays(agency) == []
    finally:
        _umount(agency)

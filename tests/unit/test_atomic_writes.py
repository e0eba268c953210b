"""juesuan.atomic (a folder replaced without a moment where it is missing) and
juesuan.buildlock (one build at a time)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from juesuan import atomic
from juesuan.buildlock import BuildLocked, build_lock, lock_path


def _folder(path: Path, text: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "a.csv").write_text(text, "utf-8")
    return path


def test_replace_dir_swaps_in_place_and_leaves_nothing(tmp_path):
    target = _folder(tmp_path / "2024", "old")
    new = atomic.temp_dir_for(target)
    assert new.name.startswith(".juesuan-tmp-2024-") and new.parent == tmp_path
    assert oct(new.stat().st_mode & 0o777) == "0o755"
    _folder(new, "new")
    atomic.replace_dir(new, target)
    assert (target / "a.csv").read_text("utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024"]


def test_the_target_is_never_missing_while_it_is_replaced(tmp_path):
    """A reader polling the folder during 200 replacements always finds it."""
    target = _folder(tmp_path / "pkg", "0")
    missing = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if not (target / "a.csv").exists():
                missing.append(time.monotonic())

    t = threading.Thread(target=watch)
    t.start()
    try:
        for i in range(200):
            new = _folder(atomic.temp_dir_for(target), str(i))
            atomic.replace_dir(new, target)
    finally:
        stop.set()
        t.join()
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    if atomic._exchange(tmp_path / "x", tmp_path / "y") is False:
        pytest.skip("this file system cannot exchange folders (the fallback has a window)")
    assert missing == []


def test_fallback_without_exchange_keeps_the_old_copy_until_the_new_is_in(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    target = _folder(tmp_path / "2024", "old")
    renames = []
    real = os.replace

    def spy(a, b):
        renames.append((Path(a).name, Path(b).name))
        return real(a, b)

    monkeypatch.setattr(os, "replace", spy)
    atomic.replace_dir(_folder(atomic.temp_dir_for(target), "new"), target)
    assert renames[0] == ("2024", ".juesuan-old-2024") and renames[1][1] == "2024"
    assert (target / "a.csv").read_text("utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024"]


def test_clean_strays_restores_an_interrupted_fallback_and_removes_temporaries(tmp_path):
    _folder(tmp_path / ".juesuan-old-2023", "old 2023")  # 2023 itself missing: restored
    _folder(tmp_path / "2024", "current")
    _folder(tmp_path / ".juesuan-old-2024", "stale copy")  # 2024 present: removed
    _folder(tmp_path / ".juesuan-tmp-2024-abcd1234", "half")
    _folder(tmp_path / ".2022.k3j_x9ab", "legacy temp")
    _folder(tmp_path / ".2022.old", "legacy old")
    _folder(tmp_path / ".keep", "not ours")
    removed = atomic.clean_strays(tmp_path, legacy=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".keep", "2023", "2024"]
    assert (tmp_path / "2023" / "a.csv").read_text("utf-8") == "old 2023"
    assert (tmp_path / "2024" / "a.csv").read_text("utf-8") == "current"
    assert len(removed) == 4


def test_clean_strays_without_legacy_keeps_other_hidden_folders(tmp_path):
    _folder(tmp_path / ".github.workflow1", "x")
    _folder(tmp_path / ".juesuan-tmp-site-1", "x")
    atomic.clean_strays(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".github.workflow1"]


def test_gitignore_ignores_what_an_interrupted_build_leaves():
    import subprocess

    repo = Path(__file__).resolve().parents[2]
    names = ["data/packages/x/.juesuan-tmp-2024-abc", "data/packages/x/.juesuan-old-2024",
             "site/../.juesuan-tmp-site-abc", "data/.juesuan-build.lock"]
    out = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=repo,
                         capture_output=True, text=True)
    assert len(out.stdout.split()) == len(names), out.stdout


def test_lock_is_reentrant_and_a_second_holder_gets_one_clear_line(tmp_path):
    with build_lock(tmp_path, wait=0):
        with build_lock(tmp_path, wait=0):  # the runner inside `juesuan build`
            pass
        pid = os.fork()
        if pid == 0:  # another process: must not get it
            code = 3
            try:
                with build_lock(tmp_path, wait=0.3):
                    code = 4
            except BuildLocked as e:
                line = e.line()
                code = 0 if ("another build is running" in line and "\n" not in line
                             and f"pid {os.getppid()}" in line and str(lock_path(tmp_path)) in line) else 5
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.WEXITSTATUS(status) == 0
    with build_lock(tmp_path, wait=0):  # released
        pass


def test_lock_that_cannot_be_created_lets_the_build_go_on(tmp_path, caplog):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("x")
    with build_lock(not_a_folder, wait=0):
        pass
    assert "building without it" in caplog.text

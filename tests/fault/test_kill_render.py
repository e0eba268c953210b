"""kill -9 while the pages are rendered into docs/ or while mkdocs builds the site: docs/ is
then partly rewritten (it is not swapped; site/ is), and the next build always repairs it —
it removes every generated page first and renders all of them again — so docs/ and site/ end
byte-identical to those of an uninterrupted build, with nothing stray left."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from juesuan.paths import Layout

from .conftest import build, run_forked, snapshot, strays
from .inject import steps

KILLED = -signal.SIGKILL


def test_kill_at_render_steps_then_rebuild_is_byte_identical(repo):
    layout = Layout(repo)
    docs, site = snapshot(layout.docs), snapshot(layout.site)
    assert docs and site
    trace: list = []
    with steps(record=trace):
        build(repo)
    assert snapshot(layout.docs) == docs and snapshot(layout.site) == site
    in_docs = [n for n, _kind, p in trace if Path(p).is_relative_to(layout.docs)]
    removes = [n for n in in_docs if trace[n - 1][1] == "remove"]  # clean_generated
    writes = [n for n in in_docs if trace[n - 1][1] == "write"]
    assert removes and len(writes) > 4, trace
    points = sorted({removes[len(removes) // 2], writes[0], writes[len(writes) // 2], writes[-1]})
    for n in points:
        status = run_forked(lambda n=n: _killed_build(repo, n))
        assert status == KILLED, (n, trace[n - 1], status)
        assert snapshot(layout.site) == site, "site/ is swapped whole: never touched by a kill"
        build(repo)  # the next build
        assert snapshot(layout.docs) == docs, trace[n - 1]
        assert snapshot(layout.site) == site, trace[n - 1]
        assert strays(repo) == [], trace[n - 1]


def _killed_build(repo: Path, n: int) -> None:
    with steps(kill_at=n):
        build(repo)


def test_kill_while_mkdocs_runs_then_rebuild_is_byte_identical(repo, monkeypatch):
    """The build is killed while its mkdocs writes the new site beside site/: mkdocs dies with
    it (it does not go on writing into a folder the next build removes), site/ is the old one,
    and the next build gives the same docs/ and site/."""
    layout = Layout(repo)
    docs, site = snapshot(layout.docs), snapshot(layout.site)
    real = subprocess.Popen
    children: list[int] = []

    def killed_midway(*args, **kwargs):
        proc = real(*args, **kwargs)
        (layout.root / "mkdocs.pid").write_text(str(proc.pid))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(layout.root.glob(".juesuan-tmp-site*/*")):
            time.sleep(0.05)  # mkdocs has begun to write the new site
        os.kill(proc.pid, signal.SIGSTOP)  # held midway: it cannot finish on its own
        os.kill(os.getpid(), signal.SIGKILL)

    def killed():
        monkeypatch.setattr(subprocess, "Popen", killed_midway)
        build(repo)

    assert run_forked(killed) == KILLED
    children.append(int((layout.root / "mkdocs.pid").read_text()))
    (layout.root / "mkdocs.pid").unlink()
    try:
        deadline = time.monotonic() + 10
        while _alive(children[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(children[0]), "mkdocs outlived the killed build"
        assert snapshot(layout.site) == site
        build(repo)
        assert snapshot(layout.docs) == docs and snapshot(layout.site) == site
        assert strays(repo) == []
    finally:
        for pid in children:  # only the mkdocs this test started
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        return "\nState:\tZ" not in status.read_text()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True

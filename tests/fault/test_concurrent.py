"""Two builds at once: the second waits for the first, or stops with one clear line; worker
processes die with the build that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import typer

from juesuan.buildlock import lock_path
from juesuan.paths import Layout
from juesuan.runner import parse_corpus

from .conftest import build, snapshot, strays
from .inject import steps
from .test_kill import package_dirs, tamper


def _start_paused_build(layout: Layout, pause: float) -> int:
    """A forked build that holds the lock and pauses at its first write step."""
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            with steps(pause_at=1, pause=pause):
                parse_corpus(layout, jobs=1, progress=False)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    path = lock_path(layout.data)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the lock file names its holder once it is taken
        if path.exists() and path.read_text().strip() == str(pid):
            return pid
        time.sleep(0.05)
    raise AssertionError("the first build never took the lock")


def test_second_build_stops_with_one_clear_line(repo, capsys):
    layout = Layout(repo)
    new = {p: snapshot(p) for p in package_dirs(layout)}
    tamper(layout)
    first = _start_paused_build(layout, pause=30)
    try:
        start = time.monotonic()
        with pytest.raises(typer.Exit) as exc:
            build(repo, mkdocs=False, wait=0.5)
        waited = time.monotonic() - start
        assert exc.value.exit_code == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1, err
        assert "another build is running" in err and f"pid {first}" in err
        assert str(lock_path(layout.data)) in err.replace("\n", "")
        assert 0.4 < waited < 10
    finally:
        os.kill(first, signal.SIGKILL)
        os.waitpid(first, 0)
    # the holder was killed: the kernel released its lock; the next build runs and repairs
    parse_corpus(layout, jobs=1, progress=False, lock_wait=0)
    assert {p: snapshot(p) for p in new} == new and strays(repo) == []


def test_second_build_waits_for_the_first(repo):
    layout = Layout(repo)
    new = {p: snapshot(p) for p in package_dirs(layout)}
    tamper(layout)
    first = _start_paused_build(layout, pause=1.0)
    start = time.monotonic()
    res = parse_corpus(layout, jobs=1, progress=False, lock_wait=60)
    _, status = os.waitpid(first, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert time.monotonic() - start >= 0.5, "it waited"
    assert not res.failed and {p: snapshot(p) for p in new} == new


WORKER_SCRIPT = textwrap.dedent("""
    import sys
    sys.path[:0] = [{tests!r}]
    from fault.sleepy import sleepy_task
    from juesuan.runner_exec import ParseTask, run_tasks
    tasks = [ParseTask({folder!r} + f"/{{i}}", {{}}, None, "v") for i in range(2)]
    for _ in run_tasks(tasks, jobs=2, fn=sleepy_task):
        pass
""")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie has exited


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to see processes")
def test_workers_die_with_their_parent(tmp_path):
    tests = str(Path(__file__).resolve().parents[1])
    script = WORKER_SCRIPT.format(tests=tests, folder=str(tmp_path))
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.glob("*.pid"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.read_text()) for p in tmp_path.glob("*.pid")]
        assert len(workers) == 2 and all(_alive(w) for w in workers)
    finally:
        parent.kill()  # kill -9: no cleanup runs in the parent
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)], "workers outlived their parent"

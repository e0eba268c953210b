"""Dask workers of a cluster juesuan starts itself die with the build (kill -9 of the parent),
even while busy in C code holding the GIL, where distributed's own guard thread cannot run.

Skipped when ``distributed`` is not installed (the optional extra ``juesuan[dask]``) and off
Linux (the parent-death signal is Linux's)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask distributed not installed: pip install 'juesuan[dask]'")
if not sys.platform.startswith("linux"):
    pytest.skip("PR_SET_PDEATHSIG is Linux only", allow_module_level=True)

REPO = Path(__file__).resolve().parents[2]

SCRIPT = '''
import os, sys
from juesuan.runner_exec import ParseTask, run_tasks

def busy(task):
    with open(os.path.join(sys.argv[1], f"worker-{os.getpid()}"), "w") as f:
        f.write(str(os.getppid()))
    return "ok", sum(range(10 ** 14))  # C code holding the GIL for hours

if __name__ == "__main__":
    tasks = [ParseTask(f"t{i}", {}, None, "v") for i in range(2)]
    list(run_tasks(tasks, jobs=2, executor="dask", fn=busy))
'''


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())  # a zombie is dead


def test_local_cluster_workers_die_with_a_killed_build(tmp_path):
    script = tmp_path / "build.py"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO / "build")}
    proc = subprocess.Popen([sys.executable, str(script), str(out)], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            workers = [int(p.name.split("-")[1]) for p in out.glob("worker-*")]
        assert len(workers) == 2, "the tasks did not start on two workers"
        assert {int((out / f"worker-{w}").read_text()) for w in workers} == {proc.pid}
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [w for w in workers if alive(w)], "a worker outlived the killed build"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for w in workers:  # only the workers this test started
            if alive(w):
                os.kill(w, signal.SIGKILL)

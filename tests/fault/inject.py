"""Fault injection for the fault suite: count the write steps of a build, or die at one.

``steps(record=…, kill_at=…)`` wraps, in the current process, every call that writes:
file writes (``Path.write_text``/``write_bytes``), renames
(``os.replace``), the atomic swap (``juesuan.atomic._exchange``), removals
(``shutil.rmtree``) and new temporary folders (``tempfile.mkdtemp``). With
``kill_at=n`` the process sends itself SIGKILL just before the n-th step (as ``kill -9``
would), with ``after=True`` just after it."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def steps(record: list | None = None, kill_at: int | None = None, after: bool = False,
          kill_if=None, pause_at: int | None = None, pause: float = 0.0):
    """``kill_if(kind, path)``: die at the first step it answers "before" or "after";
    ``pause_at``: sleep ``pause`` seconds before that step (a build caught in the middle)."""
    import juesuan.atomic as atomic

    count = [0]
    saved = []

    def wrap(owner, name, kind, path_of):
        real = getattr(owner, name)

        def step(*args, **kwargs):
            count[0] += 1
            n = count[0]
            if record is not None:
                record.append((n, kind, str(path_of(args, kwargs))))
            if pause_at == n:
                time.sleep(pause)
            when = kill_if(kind, str(path_of(args, kwargs))) if kill_if is not None else None
            if kill_at == n:
                when = "after" if after else "before"
            if when == "before":
                os.kill(os.getpid(), signal.SIGKILL)
            result = real(*args, **kwargs)
            if when == "after":
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        saved.append((owner, name, real))
        setattr(owner, name, step)

    wrap(Path, "write_text", "write", lambda a, k: a[0])
    wrap(Path, "write_bytes", "write", lambda a, k: a[0])
    wrap(os, "replace", "rename", lambda a, k: a[1])
    wrap(shutil, "rmtree", "remove", lambda a, k: a[0])
    wrap(atomic, "_exchange", "swap", lambda a, k: a[1])
    wrap(tempfile, "mkdtemp", "tmpdir", lambda a, k: Path(k.get("dir", "")) / k.get("prefix", ""))
    try:
        yield count
    finally:
        for owner, name, real in reversed(saved):
            setattr(owner, name, real)

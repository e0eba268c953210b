"""One build at a time per repository: an advisory lock on ``data/.juesuan-build.lock``.

A second build waits up to ``wait`` seconds for the first, then stops with one line
naming the lock and the process holding it. The lock is ``fcntl.flock``: the kernel
releases it when the holder exits, however it exits (kill -9 included), so a stale lock
file never blocks anyone. The lock is re-entrant within a process (``juesuan build`` takes it,
then the runner takes it again). Where the lock file cannot be created (a read-only
checkout: ``build --check``) the build goes on unlocked, with a warning.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from juesuan.errors import JuesuanError

log = logging.getLogger(__name__)

LOCK_NAME = ".juesuan-build.lock"
DEFAULT_WAIT = 10.0  # seconds a second build waits for the first
_POLL = 0.1
_held: dict[tuple[int, str], int] = {}  # (pid, lock path) → depth: a forked child holds nothing


class BuildLocked(JuesuanError):
    """Another build of the same repository is running."""


def lock_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOCK_NAME


@contextmanager
def build_lock(data_dir: Path, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the repository's build lock for the ``with`` block (see the module doc)."""
    if importlib.util.find_spec("fcntl") is None:  # not POSIX: no advisory locks, go on unlocked
        yield
        return
    import fcntl

    path = lock_path(data_dir)
    key = (os.getpid(), str(path.resolve()))
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        log.warning("build lock %s not available (%s): building without it", path, e.strerror)
        yield
        return
    try:
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(path, f"另一个构建正在运行 (another build is running: "
                                      f"{_holder(fd)}); waited {wait:g} s",
                                      fix="wait for it to finish, then build again") from None
                time.sleep(_POLL)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        _held[key] = 1
        try:
            yield
        finally:
            _held.pop(key, None)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "pid unknown"

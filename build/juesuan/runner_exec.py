"""Where the parse stage runs: in this process, a spawn process pool, or a Dask cluster
(juesuan.runner_dask).

The task is a top-level function of plain arguments (paths as strings, a dict), so
it pickles for ``spawn`` workers and for Dask. Each worker opens its own file
(pdfplumber objects do not pickle) and returns a plain result tuple:

    ("ok", Report) | ("error", ErrorInfo) | ("crash", ErrorInfo)

"error" is a JuesuanError (deterministic for the same input: cached as such);
"crash" is a bug in juesuan (logged with its traceback, never cached).
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

EXECUTORS = ("process", "dask")


@dataclass(frozen=True)
class ErrorInfo:
    """A report that could not be parsed: the one-line message and where it applies."""

    message: str
    file: str = ""  # the offending file (source or report.yml)
    page: int | None = None
    field: str = ""  # report.yml field, for BadMetadata


@dataclass(frozen=True)
class ParseTask:
    source: str
    given: dict[str, Any]
    doc_cache: str | None  # folder of the extraction cache, None when not shared
    fingerprint: str  # of the extractor code (key of the extraction cache)
    log_level: int = logging.WARNING  # the caller's level, applied in fresh worker processes
    # set when the previous year's package is final on disk: the worker then also audits
    # and lays out the package files, so that only the writing stays in the main process
    packages_root: str | None = None
    more_sources: tuple[str, ...] = ()  # the report's other files, when it is published in several


def parse_task(task: ParseTask) -> tuple[str, Any] | tuple[str, Any, dict[str, str]]:
    """Extract (cached by sha256 + extractor fingerprint) and parse one source file.

    With ``task.packages_root``: ("ok", Report, package files) — audited in the worker."""
    from juesuan.errors import JuesuanError

    root = logging.getLogger()
    if not root.handlers:  # a fresh worker (spawn, Dask): log like the caller, inert in CI logs
        from juesuan.runner_report import SafeFormatter

        handler = logging.StreamHandler()
        handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(task.log_level)
    try:
        report = _parse(task)
        if task.packages_root is None:
            return "ok", report
        from juesuan.package.writer import build_files
        from juesuan.pipeline import run_audit

        return "ok", report, build_files(report, run_audit(report, Path(task.packages_root)))
    except JuesuanError as e:
        return "error", ErrorInfo(e.line(), str(e.path), e.page, getattr(e, "field", ""))
    except Exception as e:  # a bug must not stop the other reports
        log.error("internal error on %s\n%s", task.source, traceback.format_exc())
        return "crash", ErrorInfo(f"{task.source}: 内部错误 (internal error) "
                                  f"{type(e).__name__}: {e}".replace("\n", " "), task.source)


def _parse(task: ParseTask):
    from juesuan.cache import DocCache
    from juesuan.extract.document import extract_document, extract_documents
    from juesuan.pipeline import build_report, meta_for

    cache = DocCache(Path(task.doc_cache), task.fingerprint) if task.doc_cache else None

    def extract(source: Path):
        doc = cache.get(source) if cache is not None else None
        if doc is None:
            doc = extract_document(source)
            if cache is not None:
                cache.put(doc)
        return doc

    doc = extract_documents([Path(task.source), *map(Path, task.more_sources)], extract)
    meta = meta_for(doc, task.given)
    return build_report(doc, meta)


def run_tasks(tasks: Sequence[ParseTask], jobs: int = 1, executor: str = "process",
              scheduler: str | None = None,
              fn: Callable[[ParseTask], tuple] = parse_task) -> Iterator[tuple[int, tuple]]:
    """Yield (index, result) as tasks finish, in completion order."""
    if executor not in EXECUTORS:
        from juesuan.errors import JuesuanError
        raise JuesuanError("--executor", f"未知的执行方式 '{executor}' (unknown executor)",
                           fix=f"use one of {', '.join(EXECUTORS)}")
    if not tasks:
        return
    if executor == "dask":
        yield from _run_dask(tasks, jobs, scheduler, fn)
    elif jobs <= 1 or len(tasks) == 1:
        for i, t in enumerate(tasks):
            yield i, fn(t)
    else:
        yield from _run_pool(tasks, jobs, fn)


def _died(task: ParseTask, e: BaseException) -> tuple[str, ErrorInfo]:
    return "crash", ErrorInfo(f"{task.source}: 解析进程异常退出 (worker died: out of memory or "
                              f"killed) {type(e).__name__}", task.source)


_PR_SET_PDEATHSIG = 1
_PRCTL: list[Any] = []  # libc's prctl, looked up once in this process (never after a fork)


def _prctl() -> Any:
    if not _PRCTL:
        fn = None
        if sys.platform.startswith("linux"):
            try:
                fn = ctypes.CDLL(None, use_errno=True).prctl
            except (OSError, AttributeError):
                fn = None
        _PRCTL.append(fn)
    return _PRCTL[0]


def die_with_parent_preexec() -> Callable[[], None] | None:
    """``preexec_fn`` for a child this process starts (mkdocs, a converter): the kernel kills
    the child when this process dies (Linux PR_SET_PDEATHSIG); a parent gone before the child
    got there: the child exits. None where the signal does not exist."""
    fn, parent = _prctl(), os.getpid()
    if fn is None:
        return None

    def preexec() -> None:
        fn(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return preexec


def worker_init(parent: int) -> None:
    """In each pool worker: die with the build. On Linux the kernel kills the worker when its
    parent dies (prctl PR_SET_PDEATHSIG); everywhere a watchdog thread exits when the parent
    is gone (the worker is re-parented). A parent already gone before this ran: exit now."""
    fn = _prctl()
    if fn is not None:
        fn(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # failing, the watchdog below still works
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="juesuan-parent-watch",
                     daemon=True).start()


def _watch_parent(parent: int, every: float = 1.0) -> None:
    while True:
        time.sleep(every)
        if os.getppid() != parent:
            os._exit(1)


def _run_pool(tasks: Sequence[ParseTask], jobs: int, fn: Callable) -> Iterator[tuple[int, tuple]]:
    """A spawn pool with at most 2×jobs tasks in flight.

    If a worker dies (a PDF that exhausts memory, a crash in a C library) the pool breaks
    and every task in flight fails with it. Those suspects are then re-run one at a time,
    each in a fresh one-worker pool, so only the report that kills its worker is reported;
    the others go on in a new pool.
    """
    ctx = multiprocessing.get_context("spawn")  # never fork: vl-convert hangs after fork
    queue = list(range(len(tasks)))[::-1]  # pop() from the end = submission order
    suspects: list[int] = []
    while queue:
        window = 2 * jobs
        with ProcessPoolExecutor(max_workers=min(jobs, len(queue)), mp_context=ctx,
                                 initializer=worker_init, initargs=(os.getpid(),)) as pool:
            inflight: dict[Any, int] = {}
            broken = False
            while (queue or inflight) and not broken:
                while queue and len(inflight) < window:
                    i = queue.pop()
                    try:
                        inflight[pool.submit(fn, tasks[i])] = i
                    except BrokenProcessPool:  # a worker died meanwhile: i never ran
                        queue.append(i)
                        break
                if not inflight:  # the pool broke before running anything: workers cannot start
                    for i in reversed(queue):
                        yield i, _died(tasks[i], BrokenProcessPool("worker failed to start"))
                    return
                done = next(as_completed(inflight))
                i = inflight.pop(done)
                try:
                    yield i, done.result()
                except BrokenProcessPool:
                    suspects += [i, *inflight.values()]
                    broken = True
                except Exception as e:  # the result could not be sent back (unpicklable)
                    yield i, _died(tasks[i], e)
        for i in sorted(suspects):  # each alone: only the culprit fails
            with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=worker_init,
                                     initargs=(os.getpid(),)) as alone:
                try:
                    yield i, alone.submit(fn, tasks[i]).result()
                except Exception as e:
                    log.error("worker died on %s", tasks[i].source)
                    yield i, _died(tasks[i], e)
        suspects = []


def _run_dask(tasks: Sequence[ParseTask], jobs: int, scheduler: str | None,
              fn: Callable) -> Iterator[tuple[int, tuple]]:
    import importlib.util

    if importlib.util.find_spec("distributed") is None:  # the optional extra, checked not caught
        from juesuan.errors import JuesuanError
        raise JuesuanError("--executor dask", "未安装 dask distributed (not installed)",
                           fix="pip install 'juesuan[dask]'")
    from juesuan.runner_dask import run_dask  # workers tied to this process (see there)

    yield from run_dask(tasks, jobs, scheduler, fn)

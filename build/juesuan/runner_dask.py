"""The parse stage on a Dask cluster (the optional extra ``juesuan[dask]``).

Without ``--scheduler`` juesuan starts a LocalCluster itself: its worker processes are
children of the juesuan process (the nannies run inside it), and each is tied to it like a
worker of the process pool (juesuan.runner_exec.worker_init: the kernel kills it when the
parent dies, PR_SET_PDEATHSIG, plus a watchdog thread). distributed's own guard (a pipe the
worker reads in a thread) needs the worker to get the GIL; the parent-death signal does not,
so a worker busy in C code dies with the build too.

With ``--scheduler`` the cluster is not ours: its workers belong to whoever started them and
outlive a juesuan run by design, so nothing is tied to this process.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin
from distributed import as_completed as dask_completed

from juesuan.runner_exec import ErrorInfo, ParseTask, worker_init

log = logging.getLogger(__name__)


class DieWithParent(WorkerPlugin):
    """A worker plugin: the worker dies with the process that started the cluster (``parent``).
    A worker that is not that process's child (another host, a nanny of its own) is left alone."""

    name = "juesuan-die-with-parent"

    def __init__(self, parent: int):
        self.parent = parent

    def setup(self, worker: Any) -> None:
        if os.getppid() == self.parent:
            worker_init(self.parent)
        else:
            log.debug("dask worker %s is not a child of %d: not tied to it", os.getpid(), self.parent)


def run_dask(tasks: Sequence[ParseTask], jobs: int, scheduler: str | None,
             fn: Callable) -> Iterator[tuple[int, tuple]]:
    """Yield (index, result) as tasks finish on the cluster, in completion order."""
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        client.register_plugin(DieWithParent(os.getpid()))  # on each worker, also restarted ones
    try:
        futures = client.map(fn, list(tasks), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in dask_completed(futures):
            i = index[fut.key]
            try:
                yield i, fut.result()
            except Exception as e:
                yield i, ("crash", ErrorInfo(f"{tasks[i].source}: Dask 任务失败 (task failed) "
                                             f"{type(e).__name__}: {e}", tasks[i].source))
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

"""The parse stage on a Dask distributed cluster (a LocalCluster of 2 worker processes).

Skipped when ``distributed`` is not installed (it is the optional extra ``juesuan[dask]``).
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask distributed not installed: pip install 'juesuan[dask]'")

from distributed import LocalCluster  # noqa: E402

from juesuan.paths import Layout  # noqa: E402
from juesuan.runner import parse_corpus  # noqa: E402
from juesuan.runner_exec import ParseTask, run_tasks  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scheduler():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_tasks_run_on_the_cluster_and_failures_stay_per_task(scheduler, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    odd = tmp_path / "notes.xyz"
    odd.write_bytes(b"hello")
    tasks = [ParseTask(str(p), {}, None, "v") for p in (empty, tmp_path / "missing.pdf", odd)]
    got = dict(run_tasks(tasks, executor="dask", scheduler=scheduler))
    assert sorted(got) == [0, 1, 2]
    assert [got[i][0] for i in range(3)] == ["error"] * 3
    assert "empty" in got[0][1].message and "not found" in got[1][1].message
    assert "unsupported" in got[2][1].message


def corpus_copy(dest: Path) -> Layout:
    dest.mkdir(parents=True)
    (dest / "pyproject.toml").write_text("")
    shutil.copytree(REPO / "data" / "reports", dest / "data" / "reports")
    return Layout(dest)


def package_bytes(layout: Layout) -> dict[str, bytes]:
    return {p.relative_to(layout.packages).as_posix(): p.read_bytes()
            for p in sorted(layout.packages.rglob("*")) if p.is_file()}


def test_dask_build_equals_local_build(scheduler, tmp_path):
    if importlib.util.find_spec("juesuan.normalize.metadata") is None:
        pytest.skip("parser stage juesuan.normalize.metadata (guess_metadata) not available yet")
    local = corpus_copy(tmp_path / "local")
    remote = corpus_copy(tmp_path / "dask")
    a = parse_corpus(local, jobs=1, progress=False)
    b = parse_corpus(remote, executor="dask", scheduler=scheduler, progress=False)
    assert [d.relative_to(local.root) for d, _ in a.failed] == \
        [d.relative_to(remote.root) for d, _ in b.failed]
    assert len(b.parsed) == len(remote.report_dirs()) and b.ok
    assert package_bytes(local) == package_bytes(remote), "same packages, byte for byte"
    again = parse_corpus(remote, executor="dask", scheduler=scheduler, progress=False)
    assert again.parsed == [] or again.parsed == [d for d, _ in b.failed]

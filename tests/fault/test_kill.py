"""kill -9 at each write step of a build: the packages and the site are never missing or
half-written, and the next build removes what the killed one left and gives byte-identical
output."""

from __future__ import annotations

import signal
from pathlib import Path

from juesuan.paths import Layout
from juesuan.runner import parse_corpus

from .conftest import build, run_forked, snapshot, strays
from .inject import steps

KILLED = -signal.SIGKILL


def package_dirs(layout: Layout) -> list[Path]:
    return sorted(p.parent for p in layout.packages.glob("*/*/datapackage.json")
                  if not p.parent.name.startswith("."))


def tamper(layout: Layout) -> dict[Path, dict[str, bytes]]:
    """Hand-edit every package (the build then rewrites each from the cached parse); the
    tampered packages, file by file."""
    for pkg in package_dirs(layout):
        (pkg / "facts.csv").write_text("tampered\n", encoding="utf-8")
    return {pkg: snapshot(pkg) for pkg in package_dirs(layout)}


def assert_each_package_old_or_new(layout: Layout, old: dict, new: dict) -> None:
    for pkg in old:
        got = snapshot(pkg)
        assert got, f"{pkg} is missing"
        assert got in (old[pkg], new[pkg]), f"{pkg} is neither the old nor the new package"


def test_kill_at_each_package_write_step(repo):
    layout = Layout(repo)
    new = {pkg: snapshot(pkg) for pkg in package_dirs(layout)}
    assert len(new) == 2
    tamper(layout)
    trace: list = []
    with steps(record=trace):
        parse_corpus(layout, jobs=1, progress=False)
    assert {snapshot(p) == new[p] for p in new} == {True}
    kinds = [kind for _n, kind, _p in trace]
    assert {"tmpdir", "write", "swap", "remove", "rename"} <= set(kinds), kinds
    # each kind of step of the first package (its first and its last file, the swap, the
    # removal of the old copy), the swap of the second, the cache index and the hash memo
    first_remove = next(n for n, kind, _p in trace if kind == "remove")
    first = [n for n, _k, p in trace if "/data/packages/" in p and n <= first_remove]
    renames = [n for n, kind, _p in trace if kind == "rename"]
    points = sorted({first[1], first[-3], first[-2], first[-1],
                     [n for n, kind, _p in trace if kind == "swap"][-1], *renames})
    for n in points:
        old = tamper(layout)
        status = run_forked(lambda n=n: _killed_build(layout, n))
        assert status == KILLED, (n, trace[n - 1], status)
        assert_each_package_old_or_new(layout, old, new)
        parse_corpus(layout, jobs=1, progress=False)  # the next build
        assert {p: snapshot(p) for p in new} == new, trace[n - 1]
        assert strays(repo) == [], trace[n - 1]


def _killed_build(layout: Layout, n: int) -> None:
    with steps(kill_at=n):
        parse_corpus(layout, jobs=1, progress=False)


def test_kill_between_the_two_renames_of_the_fallback_swap(repo, monkeypatch):
    """Where the file system cannot exchange two folders, the old package is renamed aside
    first: a kill right then leaves it under its .juesuan-old- name, and the next build puts
    it back (and then rebuilds it)."""
    import juesuan.atomic as atomic

    layout = Layout(repo)
    new = {pkg: snapshot(pkg) for pkg in package_dirs(layout)}
    old = tamper(layout)
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)

    def killed():
        renames = []

        def second_rename(kind, path):
            if kind == "rename" and "/data/packages/" in path:
                renames.append(path)
                return "before" if len(renames) == 2 else None
            return None

        with steps(kill_if=second_rename):
            parse_corpus(layout, jobs=1, progress=False)

    assert run_forked(killed) == KILLED
    first = sorted(old)[0]
    aside = first.with_name(f".juesuan-old-{first.name}")
    assert not first.exists() and snapshot(aside) == old[first]
    from juesuan.runner import clean_package_strays

    clean_package_strays(layout)  # what the next build does first
    assert snapshot(first) == old[first] and not aside.exists()
    parse_corpus(layout, jobs=1, progress=False)
    assert {p: snapshot(p) for p in new} == new and strays(repo) == []


def test_kill_while_the_site_is_replaced(repo):
    """Killed just before the new site is swapped in (mkdocs has written it beside): site/
    is the previous site, whole; the next build removes the stray folder and gives the same
    site and packages."""
    layout = Layout(repo)
    site = snapshot(layout.site)
    packages = {pkg: snapshot(pkg) for pkg in package_dirs(layout)}
    assert site

    def killed():
        with steps(kill_if=lambda kind, path: "before" if kind == "swap" and Path(path) == layout.site
                   else None):
            build(repo)

    assert run_forked(killed) == KILLED
    assert snapshot(layout.site) == site
    assert [p.name[:len(".juesuan-tmp-site")] for p in strays(repo)] == [".juesuan-tmp-site"]
    build(repo)
    assert strays(repo) == []
    assert snapshot(layout.site) == site
    assert {p: snapshot(p) for p in packages} == packages

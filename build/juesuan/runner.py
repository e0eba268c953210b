"""Every report of data/ into data/packages/: incremental, parallel, failure-isolated.

    parse_corpus(layout, jobs=2)              build what changed
    parse_corpus(layout, check=True)          only say which packages are stale
    stale_packages(layout)                    the stale package folders (for ``build --check``)

Stages: *plan* (read report.yml, hash the source, compute keys) → *parse* (extract +
normalize, the expensive part, in a process pool or on Dask; results cached) → *write*
(audit + package, in this process, oldest year first per agency so the audit finds the
previous year's package).

Keys (see juesuan.cache): parse key = source sha256 + parser fingerprint + report.yml
hash. The audit reads the same agency's previous-year package, so the write key adds the
previous year's parse key (and the audit/package code): changing the 2023 report
re-audits (never re-parses) 2024; a new audit rule re-audits everything, parsing nothing.
A report that fails is recorded with its one-line message; its old package, if any, is
left untouched and the other reports go on.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.atomic import clean_strays
from juesuan.buildlock import DEFAULT_WAIT, build_lock
from juesuan.cache import (EXTRACT_CODE, PARSE_CODE, BuildCache, code_fingerprint, key_of,
                           sha256_file)
from juesuan.errors import JuesuanError
from juesuan.paths import Layout, slugify
from juesuan.pipeline import RunResult
from juesuan.runner_exec import ErrorInfo, ParseTask, run_tasks

log = logging.getLogger(__name__)


@dataclass
class CorpusResult(RunResult):
    """RunResult plus what the incremental build did."""

    parsed: list[Path] = field(default_factory=list)    # report dirs extracted + parsed
    written: list[Path] = field(default_factory=list)   # package dirs (re)written
    skipped: list[Path] = field(default_factory=list)   # report dirs whose package was current
    stale: list[Path] = field(default_factory=list)     # check mode: packages that would change
    errors: list[tuple[Path, ErrorInfo]] = field(default_factory=list)


@dataclass
class _Entry:
    report_dir: Path
    rel: str
    given: dict[str, Any]
    source: Path
    slug: str
    year: int
    parse_key: str
    write_key: str = ""
    result: tuple[str, Any] | None = None
    files: dict[str, str] | None = None  # package files audited and laid out by the worker

    @property
    def coord(self) -> tuple[str, int]:
        return self.slug, self.year


def _report_dir(p: Path, layout: Layout) -> Path:
    p = Path(p)
    if not p.is_absolute():
        p = layout.root / p
    return p.parent if p.is_file() else p


def _plan(dirs: list[Path], layout: Layout, cache: BuildCache, fp: str, write_fp: str,
          result: CorpusResult) -> list[_Entry]:
    from juesuan.meta import load_report_yml, source_paths, verify_sha256_of

    entries = []
    for d in dirs:
        try:
            given, source = load_report_yml(d, verify_sha256=False)
            paths = source_paths(d, given)  # a report in several files: each one's pinned sha256
            verify_sha256_of(d / "report.yml", paths, given, cache.source_sha256)
            sha = cache.source_sha256(source)
            year = int(given["year"])
            slug = str(given.get("slug") or slugify(str(given["agency"])))
            yml_hash = sha256_file(d / "report.yml")
            more = [cache.source_sha256(p) for p in paths[1:]]
            key = key_of("report", sha, *more, fp, yml_hash)
        except JuesuanError as e:
            info = ErrorInfo(e.line(), str(e.path), e.page, getattr(e, "field", ""))
            result.failed.append((d, info.message))
            result.errors.append((d, info))
            continue
        try:
            rel = d.resolve().relative_to(layout.root.resolve()).as_posix()
        except ValueError:
            rel = d.resolve().as_posix()
        entries.append(_Entry(d, rel, given, source, slug, year, key))
    by_coord = {e.coord: e for e in entries}
    for e in entries:
        prev = by_coord.get((e.slug, e.year - 1))
        e.write_key = key_of("write", e.parse_key, prev.parse_key if prev else "-", write_fp)
    return entries


def _more_sources(e: _Entry) -> tuple[str, ...]:
    """The other files of a report published in several (report.yml ``source:`` a list)."""
    from juesuan.meta import source_paths

    return tuple(str(p) for p in source_paths(e.report_dir, e.given)[1:])


def _select(layout: Layout, only: list[Path] | None) -> tuple[list[Path], set[Path] | None]:
    """Report dirs to plan (incl. same-agency neighbours of ``only``) and those to build."""
    if only is None:
        return layout.report_dirs(), None
    chosen = {_report_dir(p, layout).resolve() for p in only}
    dirs = set(chosen)
    for d in chosen:
        dirs.update(p.parent.resolve() for p in d.parent.glob("*/report.yml"))
    return sorted(dirs), chosen


def parse_corpus(layout: Layout, jobs: int = 1, executor: str = "process",
                 scheduler: str | None = None, progress: bool = True,
                 only: list[Path] | None = None, check: bool = False,
                 use_cache: bool = True, lock_wait: float = DEFAULT_WAIT) -> CorpusResult:
    """Parse, audit and package every report (or ``only`` these report folders).

    Holds the repository's build lock (juesuan.buildlock: a second build waits ``lock_wait``
    seconds, then raises BuildLocked); first removes what an interrupted build left."""
    with build_lock(layout.data, wait=lock_wait):
        if not check:
            clean_package_strays(layout)
        return _parse_corpus(layout, jobs, executor, scheduler, progress, only, check, use_cache)


def clean_package_strays(layout: Layout) -> None:
    """Temporary folders of an interrupted package swap (juesuan.atomic) are removed."""
    if layout.packages.is_dir():
        for agency in sorted(p for p in layout.packages.iterdir()
                             if p.is_dir() and not p.name.startswith(".")):
            clean_strays(agency, legacy=True)
        clean_strays(layout.packages)


def _parse_corpus(layout: Layout, jobs: int, executor: str, scheduler: str | None,
                  progress: bool, only: list[Path] | None, check: bool,
                  use_cache: bool) -> CorpusResult:
    result = CorpusResult()
    fp = code_fingerprint(PARSE_CODE, layout.reference)
    doc_fp = code_fingerprint(EXTRACT_CODE, layout.reference)
    write_fp = code_fingerprint(reference=layout.reference)
    cache = BuildCache(layout.cache)
    plan_dirs, chosen = _select(layout, only)
    entries = _plan(plan_dirs, layout, cache, fp, write_fp, result)
    if chosen is not None:
        entries = [e for e in entries if e.report_dir.resolve() in chosen]
        result.failed = [f for f in result.failed if f[0].resolve() in chosen]
        result.errors = [f for f in result.errors if f[0].resolve() in chosen]

    todo: list[_Entry] = []
    for e in entries:
        pkg = layout.package_dir(e.slug, e.year)
        if use_cache and cache.package_is_current(e.rel, e.write_key, pkg):
            result.skipped.append(e.report_dir)
            result.ok.append((e.report_dir, pkg))
        else:
            todo.append(e)
    log.info("%d reports: %d current, %d to audit and write", len(entries),
             len(result.skipped), len(todo))

    writer = _Writer(layout, cache, result, check, todo)
    bar = _progress(progress, len(todo))
    try:
        with bar or nullcontext():
            tick = (lambda: bar.advance(bar.task_ids[0])) if bar else (lambda: None)
            tasks_for = []
            for e in todo:  # cached parse results: loaded one at a time, written, released
                e.result = cache.get_result(e.parse_key) if use_cache else None
                if e.result is None:
                    tasks_for.append(e)
                else:
                    writer.ready(e)
                    tick()
            log.info("%d reports to parse", len(tasks_for))
            level = logging.getLogger().getEffectiveLevel()
            pending = {e.coord for e in todo}
            tasks = [ParseTask(str(e.source), e.given, str(layout.cache) if use_cache else None,
                               doc_fp, level,
                               # audit in the worker unless the previous year is built in this run
                               None if (e.slug, e.year - 1) in pending else str(layout.packages),
                               _more_sources(e))
                     for e in tasks_for]
            for i, res in run_tasks(tasks, jobs=jobs, executor=executor, scheduler=scheduler):
                e = tasks_for[i]
                if len(res) == 3:
                    res, e.files = res[:2], res[2]
                e.result = res
                result.parsed.append(e.report_dir)
                if use_cache and res[0] in ("ok", "error"):
                    cache.put_result(e.parse_key, res)
                writer.ready(e)
                tick()
            writer.flush()
    finally:
        if use_cache:
            cache.save()
    if check and chosen is None:
        result.stale.extend(_orphans(layout, entries))
    result.stale.sort()
    return result


def stale_packages(layout: Layout, jobs: int = 1) -> list[Path]:
    """Package folders of data/packages that a build would change, add or remove."""
    return parse_corpus(layout, jobs=jobs, progress=False, check=True).stale


def _orphans(layout: Layout, entries: list[_Entry]) -> list[Path]:
    expected = {layout.package_dir(e.slug, e.year).resolve() for e in entries}
    return [p for p in sorted(layout.packages.glob("*/*"))
            if p.is_dir() and not p.name.startswith(".") and p.resolve() not in expected]


class _Writer:
    """Audit + package in year order per agency (the audit reads the previous year)."""

    def __init__(self, layout: Layout, cache: BuildCache, result: CorpusResult, check: bool,
                 todo: list[_Entry]):
        self.layout, self.cache, self.result, self.check = layout, cache, result, check
        self.waiting = {e.coord for e in todo}  # not yet written (or failed) this run
        self.parked: dict[tuple[str, int], _Entry] = {}

    def ready(self, e: _Entry) -> None:
        if (e.slug, e.year - 1) in self.waiting:
            self.parked[e.coord] = e
            return
        self._write(e)
        nxt = self.parked.pop((e.slug, e.year + 1), None)
        if nxt is not None:
            self.ready(nxt)

    def flush(self) -> None:
        for coord in sorted(self.parked):
            e = self.parked.pop(coord, None)
            if e is not None:
                self._write(e)

    def _fail(self, e: _Entry, info: ErrorInfo) -> None:
        self.result.failed.append((e.report_dir, info.message))
        self.result.errors.append((e.report_dir, info))
        log.error("%s", info.message)

    def _write(self, e: _Entry) -> None:
        from juesuan.package.writer import build_files, write_files
        from juesuan.pipeline import run_audit

        self.waiting.discard(e.coord)
        kind, payload = e.result or ("crash", ErrorInfo(f"{e.report_dir}: no result"))
        if kind != "ok":
            self._fail(e, payload)
            return
        report = payload
        pkg = self.layout.package_dir(report.meta.slug or e.slug, report.meta.year)
        try:
            files = e.files or build_files(report, run_audit(report, self.layout.packages))
            if self.check:
                if files != _read_package(pkg):
                    self.result.stale.append(pkg)
            else:
                write_files(files, pkg)
                self.cache.record_package(e.rel, e.write_key, pkg)
                self.result.written.append(pkg)
        except JuesuanError as err:
            self._fail(e, ErrorInfo(err.line(), str(err.path), err.page))
            return
        except OSError as err:  # full disk, read-only: this package fails, the old one stays
            self._fail(e, ErrorInfo(f"{pkg}: 无法写入数据包，原有数据包保留 (cannot write the package, "
                                    f"the previous one is kept): {err.strerror or err}",
                                    str(e.source)))
            return
        except Exception as err:  # a bug in audit/package: report it, go on with the others
            log.exception("internal error writing %s", pkg)
            self._fail(e, ErrorInfo(f"{e.source}: 内部错误 (internal error) {type(err).__name__}: "
                                    f"{err}".replace("\n", " "), str(e.source)))
            return
        finally:
            e.result = e.files = None  # release the Report: memory stays flat over a large corpus
        self.result.ok.append((e.report_dir, pkg))


def _read_package(pkg: Path) -> dict[str, str]:
    if not pkg.is_dir():
        return {}
    return {p.relative_to(pkg).as_posix(): p.read_text("utf-8")
            for p in sorted(pkg.rglob("*")) if p.is_file()}


def _progress(enabled: bool, total: int):
    if not enabled or total == 0:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("解析 parsing"), BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    bar.add_task("parse", total=total)
    return bar

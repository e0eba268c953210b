"""The corpus runner: incremental (cache keys), failure isolation, check mode, pools.

The parse stage is replaced by a tiny fake (one line item read from the source text) so
these tests exercise the runner alone; the real parser runs in tests/integration.
"""

from __future__ import annotations

import hashlib
import os
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan import runner, runner_exec
from juesuan.errors import UnreadableDocument
from juesuan.models import LineItem, Report, ReportMeta
from juesuan.paths import Layout, slugify
from juesuan.runner_exec import ParseTask, parse_task, run_tasks

CALLS: list[str] = []
AUDITS: list[tuple[str, int, bool]] = []


def fake_parse(task: ParseTask) -> Report:
    CALLS.append(Path(task.source).parent.name)
    text = Path(task.source).read_text("utf-8")
    if "BROKEN" in text:
        raise UnreadableDocument(task.source, "文件已损坏 (truncated)", page=3)
    if "BUG" in text:
        raise RuntimeError("boom")
    g = task.given
    meta = ReportMeta(agency=g["agency"], region=g.get("region", []), sector="", year=g["year"],
                      kind="部门决算", slug=slugify(g["agency"]), source_file=Path(task.source).name,
                      sha256=hashlib.sha256(text.encode()).hexdigest())
    item = LineItem("income", "", "", "合计", "total", Decimal(text.split()[0]), 1)
    return Report(meta=meta, line_items=[item])


def fake_audit(report, packages_root):
    prev = Path(packages_root) / report.meta.slug / str(report.meta.year - 1)
    AUDITS.append((report.meta.slug, report.meta.year, prev.is_dir()))
    return []


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(runner_exec, "_parse", fake_parse)
    monkeypatch.setattr("juesuan.pipeline.run_audit", fake_audit)
    CALLS.clear()
    AUDITS.clear()
    (tmp_path / "pyproject.toml").write_text("")
    layout = Layout(tmp_path)
    layout.reports.mkdir(parents=True)
    return layout


def add(layout: Layout, agency: str, year: int, text: str = "10.00") -> Path:
    d = layout.reports / slugify(agency) / str(year)
    d.mkdir(parents=True, exist_ok=True)
    (d / "r.txt").write_text(text, "utf-8")
    (d / "report.yml").write_text(f"agency: {agency}\nyear: {year}\nsource: r.txt\n", "utf-8")
    return d


def build(layout, **kw):
    return runner.parse_corpus(layout, progress=False, **kw)


def test_unchanged_corpus_parses_nothing_and_one_new_report_parses_one(corpus):
    for i in range(3):
        add(corpus, f"测试市第{i}局", 2024)
    first = build(corpus)
    assert len(first.parsed) == 3 and len(first.written) == 3 and not first.failed
    CALLS.clear()
    again = build(corpus)
    assert CALLS == [] and again.parsed == [] and again.written == [] and len(again.skipped) == 3
    assert len(again.ok) == 3
    add(corpus, "测试市新局", 2024)
    third = build(corpus)
    assert len(third.parsed) == 1 and len(third.written) == 1 and len(third.skipped) == 3


def test_changed_yml_reuses_extraction_but_changed_source_reparses(corpus):
    d = add(corpus, "测试市一局", 2024, "10.00")
    build(corpus)
    (d / "report.yml").write_text((d / "report.yml").read_text("utf-8") + "sector: 公安\n", "utf-8")
    assert len(build(corpus).parsed) == 1
    (d / "r.txt").write_text("12.00", "utf-8")
    res = build(corpus)
    assert len(res.parsed) == 1
    pkg = corpus.package_dir(slugify("测试市一局"), 2024)
    assert "12.00" in (pkg / "line_items.csv").read_text("utf-8")


def test_hand_edited_package_is_rewritten(corpus):
    add(corpus, "测试市一局", 2024)
    (pkg,) = build(corpus).written
    (pkg / "facts.csv").write_text("tampered", "utf-8")
    CALLS.clear()
    res = build(corpus)
    assert res.written == [pkg] and CALLS == [], "rewritten from the cached parse"
    assert (pkg / "facts.csv").read_text("utf-8") != "tampered"


def test_previous_year_written_first_and_change_reaudits_next_year(corpus):
    add(corpus, "测试市一局", 2024)
    d23 = add(corpus, "测试市一局", 2023)
    build(corpus)
    slug = slugify("测试市一局")
    assert AUDITS.index((slug, 2023, False)) < AUDITS.index((slug, 2024, True))
    (d23 / "r.txt").write_text("9.00", "utf-8")
    CALLS.clear()
    AUDITS.clear()
    res = build(corpus)
    assert CALLS == ["2023"], "only the changed report is parsed"
    assert {a[1] for a in AUDITS} == {2023, 2024}, "its successor is re-audited"
    assert len(res.written) == 2


def test_failures_isolated_and_old_packages_untouched(corpus):
    good = add(corpus, "测试市好局", 2024)
    bad = add(corpus, "测试市坏局", 2024)
    build(corpus)
    pkg = corpus.package_dir(slugify("测试市坏局"), 2024)
    before = {p: p.read_bytes() for p in pkg.rglob("*") if p.is_file()}
    (bad / "r.txt").write_text("BROKEN", "utf-8")
    bug = add(corpus, "测试市错局", 2024, "BUG")
    nometa = corpus.reports / "x" / "2024"
    nometa.mkdir(parents=True)
    (nometa / "report.yml").write_text("agency: 某局\nsource: a.pdf\n", "utf-8")
    res = build(corpus)
    failed = dict(res.failed)
    assert set(failed) == {bad, bug, nometa}
    assert "第3页" in failed[bad] and "truncated" in failed[bad] and "\n" not in failed[bad]
    assert "RuntimeError: boom" in failed[bug]
    assert "'year'" in failed[nometa]
    assert {p: p.read_bytes() for p in pkg.rglob("*") if p.is_file()} == before
    assert (good, corpus.package_dir(slugify("测试市好局"), 2024)) in res.ok
    info = dict(res.errors)[nometa]
    assert info.field == "year" and info.file.endswith("report.yml")
    CALLS.clear()
    build(corpus)
    assert sorted(CALLS) == ["2024"], "the deterministic failure is cached; the crash is retried"


def test_check_mode_reports_stale_missing_and_orphan_without_writing(corpus):
    a = add(corpus, "测试市一局", 2024)
    add(corpus, "测试市二局", 2024)
    build(corpus)
    assert runner.stale_packages(corpus) == []
    (a / "r.txt").write_text("11.00", "utf-8")
    add(corpus, "测试市三局", 2024)
    orphan = corpus.packages / "gone" / "2020"
    orphan.mkdir(parents=True)
    before = sorted(p for p in corpus.packages.rglob("*"))
    stale = runner.stale_packages(corpus)
    assert stale == sorted([corpus.package_dir(slugify("测试市一局"), 2024),
                            corpus.package_dir(slugify("测试市三局"), 2024), orphan])
    assert sorted(p for p in corpus.packages.rglob("*")) == before, "check writes nothing"


def test_check_mode_without_cache_compares_bytes(corpus):
    add(corpus, "测试市一局", 2024)
    build(corpus)
    res = runner.parse_corpus(corpus, progress=False, check=True, use_cache=False)
    assert res.stale == [] and len(res.parsed) == 1


def test_only_builds_the_named_report(corpus):
    add(corpus, "测试市一局", 2024)
    d = add(corpus, "测试市二局", 2024)
    res = build(corpus, only=[d / "report.yml"])
    assert res.parsed == [d] and len(res.written) == 1


def test_unknown_executor_is_a_clear_error():
    with pytest.raises(Exception, match="unknown executor"):
        list(run_tasks([ParseTask("x", {}, None, "v")], executor="threads"))


def test_spawn_pool_keeps_indices_and_isolates_errors(tmp_path):
    """Real workers (spawn): unreadable files come back as errors at the right index."""
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    odd = tmp_path / "a.xyz"
    odd.write_bytes(b"hello")
    tasks = [ParseTask(str(p), {}, None, "v") for p in (empty, tmp_path / "missing.pdf", odd)]
    got = dict(run_tasks(tasks, jobs=2))
    assert sorted(got) == [0, 1, 2]
    assert all(kind == "error" for kind, _ in got.values())
    assert "empty" in got[0][1].message and "not found" in got[1][1].message
    assert "unsupported" in got[2][1].message


def test_parse_task_catches_internal_errors(monkeypatch, tmp_path):
    monkeypatch.setattr(runner_exec, "_parse", lambda t: 1 / 0)
    kind, info = parse_task(ParseTask(str(tmp_path / "x.pdf"), {}, None, "v"))
    assert kind == "crash" and "ZeroDivisionError" in info.message


def test_github_annotations_point_at_the_offending_file_and_line(corpus):
    from juesuan.runner_report import annotation, annotations, summary_markdown

    add(corpus, "测试市好局", 2024)
    bad = add(corpus, "测试市坏局", 2024, "BROKEN")
    nometa = corpus.reports / "x" / "2024"
    nometa.mkdir(parents=True)
    (nometa / "r.txt").write_text("1", "utf-8")
    (nometa / "report.yml").write_text("agency: 某局\nyear: 24\nsource: r.txt\n", "utf-8")
    res = build(corpus)
    lines = annotations(res, corpus.root)
    assert "::error file=data/reports/x/2024/report.yml,line=2,title=juesuan%3A report.yml::" \
        in "\n".join(lines)
    rel = (bad / "r.txt").relative_to(corpus.root).as_posix()
    assert any(line.startswith(f"::error file={rel},title=juesuan%3A parse::") for line in lines)
    assert all("\n" not in line for line in lines)
    assert annotation("error", "a\nb 100%", "a,b:c") == "::error file=a%2Cb%3Ac::a%0Ab 100%25"
    md = summary_markdown(res, corpus.root)
    assert "1 份报告成功 (ok), 2 份失败 (failed)" in md
    assert f"`{bad.relative_to(corpus.root).as_posix()}`" in md


def test_ci_script_check_mode_exit_status_and_summary(corpus, tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "ci_annotate", Path(__file__).resolve().parents[2] / "scripts" / "ci_annotate.py")
    ci = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ci)
    d = add(corpus, "测试市一局", 2024)
    build(corpus)
    summary = tmp_path / "summary.md"
    args = ["--check", "--github", "--jobs", "1", "--root", str(corpus.root), "--summary", str(summary)]
    assert ci.main(args) == 0
    (d / "r.txt").write_text("99.00", "utf-8")
    assert ci.main(args) == 1
    out = capsys.readouterr().out
    assert "::error file=data/packages/" in out and "stale" in out
    assert "stale packages" in summary.read_text("utf-8")


def test_code_fingerprints_scope_what_is_redone(corpus, monkeypatch):
    """A parser change re-parses; an audit/package change re-audits only; others nothing."""
    from juesuan import cache

    versions = {"parse": "p1", "write": "w1"}

    def fingerprint(parts=cache.WRITE_CODE, reference=None):
        if parts == cache.WRITE_CODE:
            return versions["parse"] + versions["write"]
        return versions["parse"]

    monkeypatch.setattr(runner, "code_fingerprint", fingerprint)
    add(corpus, "测试市一局", 2024)
    add(corpus, "测试市二局", 2024)
    build(corpus)
    CALLS.clear()
    versions["write"] = "w2"
    res = build(corpus)
    assert CALLS == [] and len(res.written) == 2
    versions["parse"] = "p2"
    res = build(corpus)
    assert len(CALLS) == 2 and len(res.written) == 2


def test_real_fingerprint_ignores_site_code():
    from juesuan.cache import PARSE_CODE, WRITE_CODE, code_fingerprint
    from juesuan.fingerprint import stage_modules

    assert code_fingerprint(PARSE_CODE) != code_fingerprint(WRITE_CODE)
    for stage in (PARSE_CODE, WRITE_CODE):
        modules, _ = stage_modules(stage)
        assert not [m for m in modules if m.split(".")[1:2] in (["render"], ["charts"], ["commands"],
                                                                 ["cli"], ["site"])], stage
    parse, _ = stage_modules(PARSE_CODE)
    assert not [m for m in parse if m.startswith(("juesuan.audit", "juesuan.package"))]


def test_ci_script_finds_the_report_folders_a_change_touches(tmp_path):
    import importlib.util
    import subprocess

    spec = importlib.util.spec_from_file_location(
        "ci_annotate", Path(__file__).resolve().parents[2] / "scripts" / "ci_annotate.py")
    ci = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ci)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    old = tmp_path / "data/reports/a/2023"
    old.mkdir(parents=True)
    (old / "report.yml").write_text("x", "utf-8")
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    base = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()
    new = tmp_path / "data/reports/b/2024"
    new.mkdir(parents=True)
    (new / "r.pdf").write_text("x", "utf-8")
    (new / "report.yml").write_text("x", "utf-8")
    (tmp_path / "README.md").write_text("x", "utf-8")
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "add b"], check=True)
    assert ci.changed_report_dirs(tmp_path, base) == [new]


def die_on_kill(task: ParseTask):
    """Runs in a spawn worker (this module is importable there: sys.path is inherited)."""
    if task.source.endswith("kill.me"):
        os._exit(3)  # as an out-of-memory kill would
    return parse_task(task)


def test_a_worker_that_dies_fails_only_its_report(tmp_path):
    """A report that kills its worker process (OOM, segfault) does not take the others down."""
    good = [tmp_path / f"{n}.pdf" for n in ("a", "b", "c", "d")]
    for p in good:
        p.write_bytes(b"")
    killer = tmp_path / "kill.me"
    tasks = [ParseTask(str(p), {}, None, "v") for p in (*good[:2], killer, *good[2:])]
    got = dict(run_tasks(tasks, jobs=2, fn=die_on_kill))
    assert sorted(got) == [0, 1, 2, 3, 4]
    assert got[2][0] == "crash" and "worker died" in got[2][1].message
    assert all(got[i][0] == "error" for i in (0, 1, 3, 4)), got


def test_audit_runs_in_the_worker_unless_the_previous_year_is_rebuilt(corpus, monkeypatch):
    seen: dict[str, str | None] = {}
    real = runner.run_tasks

    def spy(tasks, **kw):
        for t in tasks:
            seen[Path(t.source).parent.name] = t.packages_root
        return real(tasks, **kw)

    monkeypatch.setattr(runner, "run_tasks", spy)
    add(corpus, "测试市一局", 2023)
    add(corpus, "测试市一局", 2024)
    add(corpus, "测试市二局", 2024)
    res = build(corpus)
    assert len(res.written) == 3
    # 2024 of 一局 waits for its 2023 package (audited in the main process after it);
    # the others are audited and laid out by the worker
    assert seen["2023"] == str(corpus.packages)
    assert sorted(v for v in seen.values() if v is None) == [None]
    slug = slugify("测试市一局")
    assert AUDITS.index((slug, 2023, False)) < AUDITS.index((slug, 2024, True))
    pkg = corpus.package_dir(slug, 2024)
    assert (pkg / "datapackage.json").exists()

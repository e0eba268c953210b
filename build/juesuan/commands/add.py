"""`juesuan add FILE [--url URL]`: file a new disclosure under data/reports/ and parse it.

Reads the document, proposes agency / region / sector / year / kind (flags override),
copies it to ``data/reports/<agency-slug>/<year>/`` with a ``report.yml`` (source URL,
retrieval date, sha256), parses and audits it into ``data/packages/…`` and prints a
short summary. The same file twice, or a second report for the same agency and year,
is refused unless ``--replace`` says it is on purpose. If the report cannot be parsed,
nothing is left behind (a replaced report is restored).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from juesuan.errors import JuesuanError

if TYPE_CHECKING:
    from juesuan.paths import Layout

log = logging.getLogger(__name__)
KINDS = ("部门决算", "单位决算")


class Refused(JuesuanError):
    """The report is already in data/reports (same file, or same agency and year)."""


def find_duplicate(reports: Path, sha: str, size: int) -> Path | None:
    """The report folder already holding a file with this sha256, if any."""
    import yaml

    from juesuan.cache import sha256_file

    for yml in sorted(reports.glob("*/*/report.yml")):
        try:
            data = yaml.safe_load(yml.read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            data = {}
        if isinstance(data, dict) and data.get("sha256") == sha:
            return yml.parent
    for p in sorted(reports.glob("*/*/*")):
        if p.name != "report.yml" and p.is_file() and not p.is_symlink() \
                and p.stat().st_size == size and sha256_file(p) == sha:
            return p.parent
    return None


def _fallback_guess(doc) -> dict[str, Any]:
    """Minimal guess used until juesuan.normalize.metadata is available."""
    head = "\n".join(p.text for p in doc.pages[:2])[:3000]
    out: dict[str, Any] = {}
    m = re.search(r"([^\s，。：:]{2,40}?)\s*(20\d\d)\s*年度?\s*(部门|单位)?决算", head)
    if m:
        out["agency"], out["year"] = m.group(1).strip("“”\"'"), int(m.group(2))
        out["kind"] = "单位决算" if m.group(3) == "单位" else "部门决算"
    return out


def propose(doc, overrides: dict[str, Any]) -> dict[str, Any]:
    """Metadata guessed from the document, overridden by the given flags."""
    try:
        from juesuan.normalize.metadata import guess_metadata
    except ImportError:
        log.warning("juesuan.normalize.metadata not available: minimal guess")
        guessed = _fallback_guess(doc)
    else:
        guessed = dict(guess_metadata(doc) or {})
    given = {k: v for k, v in overrides.items() if v not in (None, "", [])}
    merged = {**{k: v for k, v in guessed.items() if v not in (None, "", [])}, **given}
    if merged.get("year") is not None:
        merged["year"] = int(merged["year"])
    return merged


def safe_name(name: str) -> str:
    """The source's file name as committed: no separators, no leading dot."""
    stem = re.sub(r"[^\w.\-（）()]+", "_", Path(name).name).lstrip("._") or "report"
    return stem[:120]


def report_yml_text(meta: dict[str, Any]) -> str:
    import yaml

    order = ("agency", "region", "sector", "year", "kind", "published", "source", "url",
             "retrieved", "sha256", "obtained")
    data = {k: meta[k] for k in order if meta.get(k) not in (None, "", [])}
    head = f"# {meta['agency']} {meta['year']}年度{meta.get('kind', '')} (added by juesuan add)\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def add_report(layout: Layout, file: Path, overrides: dict[str, Any], replace: bool = False):
    """File, parse and audit one report; returns (report folder, CorpusResult)."""
    from juesuan.cache import sha256_file
    from juesuan.extract.document import extract_document
    from juesuan.meta import load_report_yml
    from juesuan.paths import slugify
    from juesuan.runner import parse_corpus

    file = Path(file)
    doc = extract_document(file)  # unreadable files stop here, before anything is copied
    sha = doc.sha256 or sha256_file(file)
    meta = propose(doc, overrides)
    for key, flag in (("agency", "--agency"), ("year", "--year")):
        if not meta.get(key):
            raise Refused(file, f"无法识别{'单位名称' if key == 'agency' else '决算年度'} "
                          f"({key} not found in the document)", fix=f"give it with {flag}")
    if meta.get("kind") and meta["kind"] not in KINDS:
        raise Refused(file, f"kind '{meta['kind']}' 无效 (invalid)", fix="--kind 部门决算 or 单位决算")
    target = layout.reports / slugify(meta["agency"]) / str(meta["year"])
    dup = find_duplicate(layout.reports, sha, file.stat().st_size)
    if dup is not None and (dup.resolve() != target.resolve() or not replace):
        rel = dup.relative_to(layout.root) if dup.is_relative_to(layout.root) else dup
        how = ("it is filed under another agency/year: if that is wrong, remove it first "
               f"(git rm -r {rel}) and add again" if dup.resolve() != target.resolve()
               else f"to replace that report on purpose: juesuan add {file.name} --replace")
        raise Refused(file, f"同一文件已收录 (the same file is already in {rel})", fix=how)
    if (target / "report.yml").exists() and not replace:
        rel = target.relative_to(layout.root)
        raise Refused(file, f"{meta['agency']} {meta['year']}年度已有决算报告 "
                      f"(a report for this agency and year is already in {rel})",
                      fix=f"to replace it on purpose: juesuan add {file.name} --replace")
    meta.update(source=safe_name(file.name), sha256=sha)
    meta.setdefault("retrieved", dt.date.today().isoformat())
    from juesuan.cache import EXTRACT_CODE, DocCache, code_fingerprint

    DocCache(layout.cache, code_fingerprint(EXTRACT_CODE)).put(doc)  # the parse reuses it
    backup = _stash(target)
    try:
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, target / meta["source"])
        (target / "report.yml").write_text(report_yml_text(meta), "utf-8")
        load_report_yml(target)  # the schema guards what we write too
        result = parse_corpus(layout, only=[target], progress=False)
        if result.failed:
            raise Refused(file, "无法解析，未收录 (could not be parsed; not added): "
                          + result.failed[0][1], fix="see the message above")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        _restore(backup, target)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)
    return target, result


def _stash(target: Path) -> Path | None:
    if not target.exists():
        return None
    backup = Path(tempfile.mkdtemp(prefix=".replaced.", dir=target.parent))
    for p in target.iterdir():
        shutil.move(str(p), backup / p.name)
    target.rmdir()
    return backup


def _restore(backup: Path | None, target: Path) -> None:
    if backup is None:
        return
    target.mkdir(parents=True, exist_ok=True)
    for p in backup.iterdir():
        shutil.move(str(p), target / p.name)
    backup.rmdir()


def command(
    file: Path = typer.Argument(..., help="The disclosure: PDF, DOCX or text export."),
    url: Optional[str] = typer.Option(None, "--url", help="Where it was downloaded from."),
    agency: Optional[str] = typer.Option(None, "--agency", help="单位全称 (overrides the guess)."),
    year: Optional[int] = typer.Option(None, "--year", help="决算年度, e.g. 2024."),
    region: Optional[str] = typer.Option(None, "--region", help="省,市,区 e.g. 四川省,达州市,达川区"),
    sector: Optional[str] = typer.Option(None, "--sector", help="领域, e.g. 公安."),
    kind: Optional[str] = typer.Option(None, "--kind", help="部门决算 or 单位决算."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    retrieved: Optional[str] = typer.Option(None, "--retrieved", help="Download date (default today)."),
    replace: bool = typer.Option(False, "--replace", help="Replace this agency's report of that year."),
) -> None:
    """Add a disclosure to data/reports/ (with report.yml), parse and audit it."""
    import yaml
    from rich.console import Console

    from juesuan.paths import Layout

    out, err = Console(), Console(stderr=True)
    regions = [r for r in re.split(r"[,，、/ ]+", region or "") if r]
    overrides = {"agency": agency, "year": year, "region": regions, "sector": sector,
                 "kind": kind, "published": published, "url": url, "retrieved": retrieved}
    layout = Layout()
    try:
        target, result = add_report(layout, file, overrides, replace=replace)
    except JuesuanError as e:
        err.print(f"[red]refused[/red] {e.line()}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    except OSError as e:
        err.print(f"[red]error[/red] {file}: {e}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    meta = yaml.safe_load((target / "report.yml").read_text("utf-8"))
    pkg = result.ok[0][1]
    from juesuan.runner_report import package_summary

    s = package_summary(pkg)
    rel = lambda p: p.relative_to(layout.root) if p.is_relative_to(layout.root) else p  # noqa: E731
    out.print(f"已收录 added: {meta['agency']} {meta['year']}年度{meta.get('kind', '')}", highlight=False, soft_wrap=True)
    out.print(f"  地区 region: {' / '.join(meta.get('region') or []) or '—'}   "
              f"领域 sector: {meta.get('sector') or '—'}", highlight=False, soft_wrap=True)
    out.print(f"  报告 report:  {rel(target)}/{meta['source']}", highlight=False, soft_wrap=True)
    out.print(f"  数据 package: {rel(pkg)}", highlight=False, soft_wrap=True)
    out.print(f"  {len(s['tables'])} 张表 tables ({', '.join(s['tables']) or '—'}), {s['cells']} 个数据 cells, "
              f"{s['facts']} 条文字数据 facts, {s['projects']} 个项目 projects", highlight=False, soft_wrap=True)
    f = s["findings"]
    out.print(f"  审核 findings: {f.get('error', 0)} error, {f.get('warning', 0)} warning, "
              f"{f.get('rounding', 0)} rounding, {f.get('insufficient_data', 0)} insufficient_data"
              f"; {s['problems']} parser notes", highlight=False, soft_wrap=True)
    if not (meta.get("region") and meta.get("sector")):
        out.print("  请补充 please complete region/sector in report.yml (or --region/--sector)",
                  highlight=False, soft_wrap=True)

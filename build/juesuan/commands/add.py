"""`juesuan add FILE [FILE …] [--url URL]`: file a new disclosure under data/reports/ and parse it.

Reads the document, proposes agency / region / sector / year / kind (flags override),
copies it to ``data/reports/<agency-slug>/<year>/`` with a ``report.yml`` (source URL,
retrieval date, the sha256 of every file), parses and audits it into ``data/packages/…`` and prints a
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
from typing import TYPE_CHECKING, Any

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
    from juesuan.cache import sha256_file
    from juesuan.meta import read_meta_yaml

    for yml in sorted(reports.glob("*/*/report.yml")):
        try:
            data = read_meta_yaml(yml) or {}
        except (OSError, JuesuanError):
            data = {}
        pins = data.get("sha256") if isinstance(data, dict) else None
        if sha in (pins if isinstance(pins, list) else [pins]):  # one file's, or every file's
            return yml.parent
    for p in sorted(reports.glob("*/*/*")):
        if p.name != "report.yml" and p.is_file() and not p.is_symlink() \
                and p.stat().st_size == size and sha256_file(p) == sha:
            return p.parent
    return None


def propose(doc, overrides: dict[str, Any]) -> dict[str, Any]:
    """Metadata guessed from the document, overridden by the given flags."""
    from juesuan.normalize.metadata import guess_metadata

    guessed = dict(guess_metadata(doc) or {})
    given = {k: v for k, v in overrides.items() if v not in (None, "", [])}
    merged = {**{k: v for k, v in guessed.items() if v not in (None, "", [])}, **given}
    if merged.get("year") is not None:
        merged["year"] = int(merged["year"])
    return merged


def safe_name(name: str) -> str:
    """The source's file name as committed: UTF-8 (a GBK name is decoded), no separators, no
    leading dot, no control characters."""
    from juesuan.paths import readable

    stem = re.sub(r"[^\w.\-（）()]+", "_", Path(readable(name)).name).lstrip("._") or "report"
    return stem[:120]


def report_yml_text(meta: dict[str, Any]) -> str:
    import yaml

    order = ("agency", "region", "sector", "year", "kind", "published", "source", "url",
             "retrieved", "sha256", "obtained", "slug")
    data = {k: meta[k] for k in order if meta.get(k) not in (None, "", [])}
    head = f"# {meta['agency']} {meta['year']}年度{meta.get('kind', '')} (added by juesuan add)\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def agency_slug(layout: Layout, file: Path, meta: dict[str, Any], slug: str | None) -> str:
    """The agency's slug: ``--slug`` when given and not held by another agency, else the first
    candidate no other agency holds (homophones get their region in front, e.g.
    anhuisheng-suzhoushi-caizhengju next to suzhoushi-caizhengju)."""
    from juesuan.meta import agencies_under, choose_slug, packaged_agencies
    from juesuan.paths import SLUG_MAX, SLUG_PATTERN, same_agency

    agency, region = meta["agency"], meta.get("region") or []
    if not slug:
        return choose_slug(layout.reports, layout.packages, agency, region)
    if not SLUG_PATTERN.match(slug) or len(slug) > SLUG_MAX:
        raise Refused(file, "--slug 应为小写 ASCII 词，以 - 连接 (lower-case ASCII words joined by -)",
                      fix="e.g. --slug anhuisheng-suzhoushi-caizhengju")
    held = [(y, n) for y, n, r in agencies_under(layout.reports, slug) if not same_agency(agency, region, n, r)]
    held += [("", n) for n, r in packaged_agencies(layout.packages, slug) if not same_agency(agency, region, n, r)]
    if held:
        free = choose_slug(layout.reports, layout.packages, agency, region)
        raise Refused(file, f"单位标识 {slug} 已属于另一单位 {held[0][1]} (the slug is held by another agency)",
                      fix=f"choose another, e.g. --slug {free}")
    return slug


def add_report(layout: Layout, file: Path | list[Path], overrides: dict[str, Any], replace: bool = False,
               slug: str | None = None):
    """File, parse and audit one report (one file, or the list of its files: narrative +
    tables workbook, page + attachments); returns (report folder, CorpusResult)."""
    from juesuan.cache import EXTRACT_CODE, DocCache, code_fingerprint, sha256_file
    from juesuan.extract.document import extract_document, extract_documents
    from juesuan.meta import load_report_yml
    from juesuan.runner import parse_corpus

    files = [Path(f) for f in (file if isinstance(file, (list, tuple)) else [file])]
    file = files[0]
    doc_cache = DocCache(layout.cache, code_fingerprint(EXTRACT_CODE))

    def extract(path: Path):
        one = extract_document(path)
        doc_cache.put(one)  # the parse reuses it
        return one

    doc = extract_documents(files, extract)  # unreadable files stop here, before anything is copied
    sha = doc.sha256 or sha256_file(file)
    meta = propose(doc, overrides)
    for key, flag in (("agency", "--agency"), ("year", "--year")):
        if not meta.get(key):
            raise Refused(file, f"无法识别{'单位名称' if key == 'agency' else '决算年度'} "
                          f"({key} not found in the document)", fix=f"give it with {flag}")
    if meta.get("kind") and meta["kind"] not in KINDS:
        raise Refused(file, f"kind '{meta['kind']}' 无效 (invalid)", fix="--kind 部门决算 or 单位决算")
    meta["slug"] = agency_slug(layout, file, meta, slug)
    target = layout.reports / meta["slug"] / str(meta["year"])  # this agency's folder, never another's
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
    names = [safe_name(f.name) for f in files]
    if len(set(names)) != len(names):
        raise Refused(file, "两个文件的名称相同 (two files of the report would get the same name)",
                      fix="rename one of them")
    shas = [sha, *(sha256_file(f) for f in files[1:])]  # every file pinned, in the order of source
    meta.update(source=names if len(names) > 1 else names[0], sha256=shas if len(shas) > 1 else sha)
    meta.setdefault("retrieved", dt.date.today().isoformat())
    backup = _stash(target)
    try:
        target.mkdir(parents=True, exist_ok=True)
        for f, name in zip(files, names, strict=True):
            shutil.copyfile(f, target / name)
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
    file: list[Path] = typer.Argument(..., help="The disclosure (PDF, DOCX, .doc/.wps, workbook, web page or "
                                      "text export), or every file of one report in order (narrative + tables)."),
    url: str | None = typer.Option(None, "--url", help="Where it was downloaded from."),
    agency: str | None = typer.Option(None, "--agency", help="单位全称 (overrides the guess)."),
    year: int | None = typer.Option(None, "--year", help="决算年度, e.g. 2024."),
    region: str | None = typer.Option(None, "--region", help="省,市,区 e.g. 四川省,达州市,达川区"),
    sector: str | None = typer.Option(None, "--sector", help="领域, e.g. 公安."),
    kind: str | None = typer.Option(None, "--kind", help="部门决算 or 单位决算."),
    published: str | None = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    retrieved: str | None = typer.Option(None, "--retrieved", help="Download date (default today)."),
    replace: bool = typer.Option(False, "--replace", help="Replace this agency's report of that year."),
    slug: str | None = typer.Option(None, "--slug", help="单位标识 (ASCII folder name); default: pinyin of "
                                       "the agency, with its region in front when another agency holds it."),
) -> None:
    """Add a disclosure to data/reports/ (with report.yml), parse and audit it."""
    from rich.console import Console

    from juesuan.meta import read_meta_yaml
    from juesuan.paths import Layout, readable

    out, err = Console(), Console(stderr=True)
    regions = [r for r in re.split(r"[,，、/ ]+", region or "") if r]
    overrides = {"agency": agency, "year": year, "region": regions, "sector": sector,
                 "kind": kind, "published": published, "url": url, "retrieved": retrieved}
    layout = Layout()
    try:
        target, result = add_report(layout, file, overrides, replace=replace, slug=slug)
    except JuesuanError as e:
        err.print(f"[red]refused[/red] {e.line()}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except OSError as e:
        err.print(f"[red]error[/red] {readable(file[0])}: {readable(str(e))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    meta = read_meta_yaml(target / "report.yml")
    pkg = result.ok[0][1]
    from juesuan.runner_report import package_summary

    s = package_summary(pkg)
    rel = lambda p: p.relative_to(layout.root) if p.is_relative_to(layout.root) else p  # noqa: E731
    out.print(f"已收录 added: {meta['agency']} {meta['year']}年度{meta.get('kind', '')}",
              highlight=False, soft_wrap=True)
    out.print(f"  地区 region: {' / '.join(meta.get('region') or []) or '—'}   "
              f"领域 sector: {meta.get('sector') or '—'}", highlight=False, soft_wrap=True)
    for name in (meta["source"] if isinstance(meta["source"], list) else [meta["source"]]):
        out.print(f"  报告 report:  {rel(target)}/{name}", highlight=False, soft_wrap=True)
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

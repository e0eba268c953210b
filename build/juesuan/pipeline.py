"""One report from source file to data package; all reports of data/ in one run."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.extract.pdf_active import active_content, active_problems
from juesuan.fingerprint import PARSE_CODE, fingerprint
from juesuan.labels import column_label, table_title
from juesuan.errors import JuesuanError, NotADisclosure
from juesuan.extract.document import extract_document
from juesuan.models import ExtractedDocument, LineItem, Problem, Report, ReportMeta
from juesuan.paths import readable

log = logging.getLogger(__name__)

DISCLOSURE_MARKERS = ("决算", "收入支出", "财政拨款")


def check_is_disclosure(doc: ExtractedDocument) -> None:
    text = doc.text
    first_page = doc.pages[0].number if doc.pages else None
    if len(text.strip()) == 0:
        raise NotADisclosure(doc.source, "文档没有可读文字 (no readable text)", page=first_page)
    hits = sum(text.count(m) for m in DISCLOSURE_MARKERS)
    if "决算" not in text or hits < 3:
        # a page mirrored in traditional script (決算, 財政撥款) the document-level decision left
        # as printed (mixed with simplified text): its markers in simplified characters
        from juesuan.textnorm import clean

        simplified = clean(text, traditional=True)
        hits = sum(simplified.count(m) for m in DISCLOSURE_MARKERS)
        text = simplified
    if "决算" not in text or hits < 3:
        raise NotADisclosure(
            doc.source,
            "不是部门/单位决算公开文档：未找到“决算”“收入支出”“财政拨款”等字样 "
            "(not a final-account disclosure)", page=first_page,
            fix="juesuan only reads 部门决算/单位决算 disclosures")


def unique_line_items(items: list[LineItem]) -> tuple[list[LineItem], list[Problem]]:
    """One cell per (table, section, row, column): a cell read twice (a part printed twice)
    is kept once; two different values for one cell keep the one the template's identities
    agree with (the first when they cannot tell) and say so."""
    from juesuan.identities import evaluate

    seen: dict[tuple[str, str, str, str], list[LineItem]] = {}
    for li in items:
        seen.setdefault(li.key, []).append(li)
    kept = {k: v[0] for k, v in seen.items()}
    problems: list[Problem] = []
    for k, versions in seen.items():
        values = list(dict.fromkeys(v.value for v in versions))
        if len(values) < 2:
            continue
        scores = []
        for value in values:
            trial = {**kept, k: next(v for v in versions if v.value == value)}
            results = [r for r in evaluate(trial.values()) if k in r.keys and not r.trivial]
            held = sum(r.holds for r in results)
            scores.append((held - 2 * (len(results) - held), -values.index(value)))
        best = values[-max(scores)[1]]
        kept[k] = next(v for v in versions if v.value == best)
        others = "、".join(str(v) for v in values if v != best)
        li = kept[k]
        problems.append(Problem(
            "conflicting_cell", f"{table_title(li.table)} {li.row_code or '合计'} {column_label(li.table, li.column)}: "
            f"印有两个不同的数 {best} 与 {others}，保留与勾稽关系相符的 {best}。",
            next(v.page for v in versions if v.value != best), li.table))
    return list(kept.values()), problems


def build_report(doc: ExtractedDocument, meta: ReportMeta) -> Report:
    """Pure: an extracted document and its metadata → the canonical Report."""
    from juesuan.normalize.projects import extract_projects
    from juesuan.normalize.profile import extract_profile
    from juesuan.normalize.statements import extract_narrative

    from juesuan.normalize.verify import verify

    check_is_disclosure(doc)
    if doc.format == "text":
        from juesuan.normalize.text_tables import extract_line_items
    else:
        from juesuan.normalize.tables import extract_line_items
    items, tables, problems, converted = extract_line_items(doc)
    items, duplicates = unique_line_items(items)
    items, tables, withheld = verify(items, tables)
    facts, statements = extract_narrative(doc)  # facts: one per metric; statements: all of them
    projects, indicators, project_problems = extract_projects(doc)
    profile = extract_profile(doc)
    meta.sha256 = doc.sha256
    meta.page_count = doc.page_count
    meta.format = doc.format
    meta.source_file = meta.source_file or readable(doc.source.name)
    meta.converted_from_yuan = converted
    meta.parser_version = fingerprint(PARSE_CODE)  # moves with anything the parser reads
    meta.active_content = active_content(doc.source_meta)  # a PDF's JavaScript, launch, files
    if any(p.ocr for p in doc.pages):  # pages of a scan: each listed as read by OCR
        from juesuan.extract.scan import ocr_problems

        problems = [*ocr_problems(doc), *problems]
    problems = [*active_problems(doc), *problems]
    if converted:
        meta.unit = "万元"
    return Report(meta=meta, line_items=items, facts=facts, projects=projects,
                  indicators=indicators, tables=tables, problems=[*problems, *duplicates, *withheld, *project_problems],
                  statements=statements, profile=profile, sources=list(doc.sources), places=doc.places())


def meta_for(doc: ExtractedDocument, given: dict | None) -> ReportMeta:
    """Metadata from report.yml where given, else guessed from the document."""
    from juesuan.normalize.metadata import guess_metadata
    from juesuan.paths import slugify

    guessed = guess_metadata(doc)
    given = {k: v for k, v in (given or {}).items() if v not in (None, "", [])}
    merged = {**guessed, **given}
    agency = merged.get("agency") or ""
    if not agency:
        raise NotADisclosure(doc.source, "无法识别单位名称 (agency name not found)",
                             fix="give it with --meta report.yml (agency: ...)")
    if not merged.get("year"):
        raise NotADisclosure(doc.source, "无法识别决算年度 (year not found)",
                             fix="give it with --meta report.yml (year: ...)")
    published = merged.get("published")
    return ReportMeta(
        agency=agency,
        region=list(merged.get("region") or []),
        sector=merged.get("sector") or "",
        year=int(merged["year"]),
        kind=merged.get("kind") or "部门决算",
        published=str(published) if published else None,
        source_file=readable(Path(_first(merged.get("source")) or doc.source.name).name),
        template=merged.get("template") or "",
        slug=merged.get("slug") or slugify(agency),
        source_url=merged.get("url") or merged.get("source_url"),
        retrieved=str(merged["retrieved"]) if merged.get("retrieved") else None,
        obtained=merged.get("obtained"),
    )


def _first(source):
    """report.yml's ``source``: one file name, or the list of a report's files (the first)."""
    return (source[0] if source else None) if isinstance(source, (list, tuple)) else source


def parse_file(path: Path | list[Path], given_meta: dict | None = None) -> Report:
    """One report: a file, or the list of its files (narrative + tables workbook …), in order."""
    from juesuan.extract.document import extract_documents

    paths = list(path) if isinstance(path, (list, tuple)) else [path]
    doc = extract_documents(paths) if len(paths) > 1 else extract_document(Path(paths[0]))
    check_is_disclosure(doc)
    meta = meta_for(doc, given_meta)
    return build_report(doc, meta)


@dataclass
class RunResult:
    ok: list[tuple[Path, Path]] = field(default_factory=list)  # (report dir, package dir)
    failed: list[tuple[Path, str]] = field(default_factory=list)


def run_report(report_dir: Path, packages_root: Path) -> Path:
    """Parse, audit and package one report folder (data/reports/<slug>/<year>/)."""
    from juesuan.meta import load_report_yml
    from juesuan.package.writer import write_package

    from juesuan.meta import source_paths

    given, source = load_report_yml(report_dir)
    report = parse_file(source_paths(report_dir, given) or [source], given)
    checks = run_audit(report, packages_root)
    out = packages_root / report.meta.slug / str(report.meta.year)
    write_package(report, out, checks)
    return out


def run_audit(report: Report, packages_root: Path | None) -> list:
    """The audit's findings; a broken audit module raises here (never an empty checks.csv)."""
    from juesuan.audit import run_checks

    return run_checks(report, packages_root=packages_root)


def parse_all(reports_root: Path, packages_root: Path) -> RunResult:
    result = RunResult()
    for yml in sorted(Path(reports_root).glob("*/*/report.yml")):
        d = yml.parent
        try:
            result.ok.append((d, run_report(d, packages_root)))
        except JuesuanError as e:
            result.failed.append((d, e.line()))
    return result

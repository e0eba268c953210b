"""Markdown pages of the site, rendered with Jinja2 from the corpus of data packages.

Every ``{{ … }}`` output is escaped by :func:`juesuan.render.fmt.esc` unless it is
``Markup`` built by our own code (charts, tables, numbers), so text from a report can
never become HTML, Markdown or template syntax on a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from juesuan import spec
from juesuan.charts import corpus as corpus_charts
from juesuan.charts import report as charts
from juesuan.charts.embed import chart_block, data_table
from juesuan.render import frames
from juesuan.render.downloads import downloads
from juesuan.render.figures import LABELS, cards
from juesuan.render.findings import (SEVERITY, conflicting_statements, finding_groups, profile_blocks,
                                      statement_where)
from juesuan.render.fmt import esc, filters
from juesuan.render.fragments import fragment
from juesuan.render.labels import metric_title
from juesuan.render.load import Package
from juesuan.render.model import Corpus, agency_dir, rel, report_dir, year_dir
from juesuan.render.status import legend, verification_known
from juesuan.render.tables import report_tables

TEMPLATES = Path(__file__).parent / "templates"
PROFILE_FACTS = ["staff_on_post", "staff_auxiliary", "staff_quota_political_legal", "retired",
                 "survivors", "internal_departments", "official_vehicles", "vehicles_total",
                 "vehicles_law_enforcement", "vehicles_special", "self_evaluation_score"]
TABLE_TITLES = {tid: t["title"] for tid, t in spec.tables().items()}


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                             finalize=esc, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(filters())
    env.filters["fragment"] = fragment
    env.filters["metric_title"] = metric_title
    env.filters["where"] = statement_where
    return env


@dataclass
class Rendered:
    """A page's Markdown and the heavy HTML blocks its placeholders stand for."""

    text: str
    fragments: dict[str, str]

    def __str__(self) -> str:
        return self.text


class Renderer:
    def __init__(self, corpus: Corpus, reports_root: Path | None = None):
        self.corpus = corpus
        self.reports_root = reports_root
        self.env = environment()

    def render(self, template: str, here: str, **ctx: Any) -> Rendered:
        c = self.corpus
        fragments: dict[str, str] = {}
        text = self.env.get_template(template).render(
            fragments=fragments, here=here, href=lambda to: rel(here, to), corpus=c,
            agency_href=lambda slug: rel(here, agency_dir(slug)),
            report_href=lambda p: rel(here, report_dir(p.slug, p.year)),
            year_href=lambda y: rel(here, year_dir(y)), labels=LABELS, **ctx)
        return Rendered(text, fragments)

    # ------------------------------------------------------------------ report
    def report_charts(self, pkg: Package) -> list[Markup]:
        h = self.corpus.h(pkg)
        out = []

        def add(df, make, title):
            if len(df):
                out.append(chart_block(make(df), df, title))

        add(frames.income_by_source(pkg), lambda d: charts.bars(d, "来源", title="收入来源"), "收入来源")
        add(frames.expenditure_by_function(pkg, 3),
            lambda d: charts.bars(d, "科目", title="支出按功能分类（类）"), "支出按功能分类（类）")
        add(frames.expenditure_by_function(pkg, 5),
            lambda d: charts.bars(d, "科目", title="支出按功能分类（款）"), "支出按功能分类（款）")
        add(frames.basic_vs_project(h), lambda d: charts.share(d, title="基本支出与项目支出"),
            "基本支出与项目支出")
        add(frames.personnel_vs_public(h), lambda d: charts.share(d, title="人员经费与公用经费"),
            "人员经费与公用经费")
        add(frames.economic_lines(pkg), lambda d: charts.bars(d, "科目", title="基本支出最大的经济科目"),
            "基本支出最大的经济科目")
        return out

    def three_public_chart(self, pkg: Package) -> Markup:
        df = frames.three_public(pkg)
        if not len(df):
            return Markup("")
        return chart_block(charts.grouped(df, "项目", "口径", title="三公经费：预算数与决算数"),
                           df, "三公经费：预算数与决算数")

    def project_chart(self, pkg: Package) -> Markup:
        df = frames.projects(pkg)
        if not len(df):
            return Markup("")
        return chart_block(charts.projects(df, title="项目预算与执行"), df.drop(columns=["编码"]),
                           "项目预算与执行", table_follows=True)

    def report_page(self, pkg: Package) -> Rendered:
        from juesuan.render.downloads import source_file, source_target

        c = self.corpus
        prev = c.previous(pkg)
        here = report_dir(pkg.slug, pkg.year)
        source = source_file(pkg, self.reports_root)
        indicators = pkg.rows.get("indicators", [])
        lost = [i for i in indicators if i["weight"] is not None and i["score"] is not None
                and i["score"] < i["weight"]]
        pdf = source is not None and source.suffix.lower() == ".pdf"
        return self.render(
            "report.md.j2", here, pkg=pkg, meta=pkg.meta, h=c.h(pkg), prev=prev, next=c.next(pkg),
            cards=cards(c.h(pkg), c.h(prev) if prev else None), charts=self.report_charts(pkg),
            three_public_chart=self.three_public_chart(pkg), project_chart=self.project_chart(pkg),
            three_public_facts=[f for f in pkg.rows.get("facts", []) if f["metric"].startswith("three_public")
                                or f["metric"] in ("reception_batches", "reception_persons", "vehicles_purchased")],
            projects=pkg.rows.get("projects", []), lost=lost, indicator_count=len(indicators),
            project_names={p["project_code"]: p["project_name"] for p in pkg.rows.get("projects", [])},
            tables=report_tables(pkg), verification=verification_known(pkg),
            legend=legend(rel(here, "methodology")), checks=pkg.rows.get("checks", []),
            finding_groups=finding_groups(pkg), page_href=source_target(source) if pdf else "",
            problems=pkg.rows.get("problems", []), table_titles=TABLE_TITLES, profile=profile_blocks(pkg),
            facts=pkg.rows.get("facts", []), statements=pkg.rows.get("statements", []),
            conflicts=conflicting_statements(pkg),
            downloads=downloads(pkg, source), source_name=source.name if source else pkg.meta.get("source_file"))

    # ------------------------------------------------------------------ agency
    def agency_page(self, slug: str) -> Rendered:
        c = self.corpus
        reports = c.by_agency[slug]
        latest = reports[-1]
        profile = []
        for metric in PROFILE_FACTS:
            row = latest.fact_row(metric)
            if row is not None:
                profile.append({"label": metric_title(metric), "row": row})
        keys = ["income_total", "expenditure_total", "basic", "project"]
        series = frames.series(reports, c.headlines, keys, LABELS)
        tp = frames.series(reports, c.headlines, ["three_public", "three_public_budget"], LABELS)
        blocks = []
        if len(series):
            blocks.append(chart_block(charts.timeseries(series, title="收支历年变化"), series, "收支历年变化"))
        if len(tp):
            blocks.append(chart_block(charts.timeseries(tp, title="三公经费历年变化"), tp, "三公经费历年变化"))
        return self.render("agency.md.j2", agency_dir(slug), slug=slug, latest=latest,
                           reports=reports, profile=profile, charts=blocks,
                           profile_text=profile_blocks(latest))

    # ------------------------------------------------------------------ indexes
    def agencies_page(self) -> Rendered:
        return self.render("agencies.md.j2", "agencies", tree=self.corpus.region_tree(),
                           sectors=self.corpus.sectors())

    def year_page(self, year: int) -> Rendered:
        return self.render("year.md.j2", year_dir(year), year=year, reports=self.corpus.by_year[year])

    def years_page(self) -> Rendered:
        return self.render("years.md.j2", "years")

    def home_page(self) -> Rendered:
        c = self.corpus
        blocks = []
        for df, make, title in corpus_charts.home_charts(c):
            if len(df):
                blocks.append(chart_block(make(df), df, title))
        return self.render("home.md.j2", "", newest=c.newest(10), charts=blocks)

    def data_page(self, dictionary: list[dict[str, Any]], catalogue: str, corpus_files: list[dict]) -> Rendered:
        return self.render("data.md.j2", "data", dictionary=dictionary,
                           catalogue=Markup(catalogue), corpus_files=corpus_files)


__all__ = ["Renderer", "environment", "data_table", "esc"]

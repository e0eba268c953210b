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
from juesuan.charts import sets as chart_sets
from juesuan.charts.embed import data_table
from juesuan.render.downloads import downloads
from juesuan.render.describe import (active_content, hint_text, ocr_pages, problem_explanations, problem_titles,
                                     report_description)
from juesuan.render.figures import LABELS, cards, figure_row, stated_changes
from juesuan.render.findings import conflicting_statements, finding_groups, profile_blocks, statement_where
from juesuan.render.fmt import esc, filters
from juesuan.render.fragments import fragment
from juesuan.render.labels import metric_title, table_title
from juesuan.render.load import Package
from juesuan.render.model import Corpus, agency_dir, rel, report_dir, year_dir
from juesuan.render.provenance import provenance
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
    env.filters["hint"] = hint_text
    env.filters["id_of"] = id
    env.filters["table_title"] = table_title
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
    # charts with source, unit, warnings and data: juesuan.charts.sets (issue 11)
    def report_charts(self, pkg: Package) -> list[Markup]:
        return chart_sets.report_charts(pkg, self.corpus.h(pkg))

    def three_public_chart(self, pkg: Package) -> Markup:
        return chart_sets.three_public_chart(pkg)

    def project_chart(self, pkg: Package) -> Markup:
        return chart_sets.project_chart(pkg)

    def report_page(self, pkg: Package) -> Rendered:
        from juesuan.render.downloads import source_file

        c = self.corpus
        prev = c.previous(pkg)
        here = report_dir(pkg.slug, pkg.year)
        source = source_file(pkg, self.reports_root)
        prov = provenance(pkg, self.reports_root)
        report_cards = cards(c.h(pkg), c.h(prev) if prev else None, stated_changes(pkg))
        for card in report_cards:
            card["where"] = prov.place(figure_row(pkg, str(card["key"])) or {}) if prov.sources else ""
        indicators = pkg.rows.get("indicators", [])
        lost = [i for i in indicators if i["weight"] is not None and i["score"] is not None
                and i["score"] < i["weight"]]
        first = prov.first
        return self.render(
            "report.md.j2", here, pkg=pkg, meta=pkg.meta, h=c.h(pkg), prev=prev, next=c.next(pkg),
            prov=prov, place=prov.place, first=first, description=report_description(pkg),
            active_content=active_content(pkg.meta), ocr_pages=ocr_pages(pkg.rows.get("problems", [])),
            cards=report_cards, charts=self.report_charts(pkg),
            three_public_chart=self.three_public_chart(pkg), project_chart=self.project_chart(pkg),
            three_public_where=prov.place(figure_row(pkg, "three_public") or {}),
            three_public_facts=[f for f in pkg.rows.get("facts", []) if f["metric"].startswith("three_public")
                                or f["metric"] in ("reception_batches", "reception_persons", "vehicles_purchased")],
            projects=pkg.rows.get("projects", []), lost=lost, indicator_count=len(indicators),
            project_names={p["project_code"]: p["project_name"] for p in pkg.rows.get("projects", [])},
            tables=report_tables(pkg, prov), verification=verification_known(pkg),
            legend=legend(rel(here, "methodology")), checks=pkg.rows.get("checks", []),
            finding_groups=finding_groups(pkg), problem_titles=problem_titles(),
            problem_explanations=problem_explanations(),
            problems=pkg.rows.get("problems", []), table_titles=TABLE_TITLES, profile=profile_blocks(pkg),
            facts=pkg.rows.get("facts", []), statements=pkg.rows.get("statements", []),
            conflicts=conflicting_statements(pkg),
            downloads=downloads(pkg, source, prov.sources),
            source_name=source.name if source else pkg.meta.get("source_file"))

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
        blocks = chart_sets.agency_charts(reports, c.headlines)
        prov = provenance(latest, self.reports_root).seen_from(f"{latest.year}/")
        sources = self.figure_links(reports, agency_dir(slug), ("income_total", "expenditure_total", "basic",
                                                                "project", "three_public", "staff"))
        return self.render("agency.md.j2", agency_dir(slug), slug=slug, latest=latest, place=prov.place,
                           sources=sources,
                           reports=reports, profile=profile, charts=blocks,
                           profile_text=profile_blocks(latest))

    # ------------------------------------------------------------------ indexes
    def agencies_page(self) -> Rendered:
        return self.render("agencies.md.j2", "agencies", tree=self.corpus.region_tree(),
                           sectors=self.corpus.sectors())

    def figure_links(self, packages: list[Package], here: str, keys: tuple[str, ...]) -> dict[int, dict[str, str]]:
        """id(package) → headline key → link to the page of the original it is printed on
        ("" where the source has no pages), relative to the page folder ``here``."""
        out = {}
        for p in packages:
            prov = provenance(p, self.reports_root).seen_from(rel(here, report_dir(p.slug, p.year)))
            out[id(p)] = {k: prov.href(row) if prov.pinpoints(row) else ""
                          for k in keys for row in [figure_row(p, k)] if row is not None}
        return out

    def year_page(self, year: int) -> Rendered:
        here = year_dir(year)
        reports = self.corpus.by_year[year]
        sources = self.figure_links(reports, here, ("income_total", "expenditure_total", "staff", "three_public"))
        return self.render("year.md.j2", here, year=year, reports=reports, sources=sources)

    def years_page(self) -> Rendered:
        return self.render("years.md.j2", "years")

    def home_page(self) -> Rendered:
        c = self.corpus
        blocks = corpus_charts.home_blocks(c)
        return self.render("home.md.j2", "", newest=c.newest(10), charts=blocks)

    def data_page(self, dictionary: list[dict[str, Any]], catalogue: str, corpus_files: list[dict],
                  version: dict[str, str] | None = None, keys: list[dict[str, str]] | None = None) -> Rendered:
        return self.render("data.md.j2", "data", dictionary=dictionary, keys=keys or [],
                           catalogue=Markup(catalogue), corpus_files=corpus_files, version=version or {})


__all__ = ["Renderer", "environment", "data_table", "esc"]

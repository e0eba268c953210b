"""The corpus as the site sees it: packages grouped by agency, year and region."""

from __future__ import annotations

import logging
import multiprocessing
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.paths import same_agency, slug_candidates
from juesuan.render.figures import headline
from juesuan.render.load import Package

log = logging.getLogger(__name__)


def rel(here: str, to: str) -> str:
    """Relative URL from the page folder ``here`` to the page folder ``to`` (both under docs/)."""
    r = posixpath.relpath(to or ".", here or ".")
    return "./" if r == "." else r + "/"


def agency_dir(slug: str) -> str:
    return f"agencies/{slug}"


def report_dir(slug: str, year: int) -> str:
    return f"agencies/{slug}/{year}"


def year_dir(year: int) -> str:
    return f"years/{year}"


@dataclass
class Corpus:
    packages: list[Package]
    headlines: dict[int, dict[str, Decimal | None]] = field(default_factory=dict)
    by_agency: dict[str, list[Package]] = field(default_factory=dict)
    by_year: dict[int, list[Package]] = field(default_factory=dict)

    def h(self, pkg: Package) -> dict[str, Decimal | None]:
        return self.headlines[id(pkg)]

    def previous(self, pkg: Package) -> Package | None:
        """The same agency's report of the year before, if the corpus has it (the same full
        name and region, not only the same slug: juesuan.paths.same_agency)."""
        earlier = [p for p in self.by_agency.get(pkg.slug, []) if p.year < pkg.year
                   and same_agency(p.agency, p.region, pkg.agency, pkg.region)]
        return earlier[-1] if earlier else None

    def next(self, pkg: Package) -> Package | None:
        later = [p for p in self.by_agency.get(pkg.slug, []) if p.year > pkg.year
                 and same_agency(p.agency, p.region, pkg.agency, pkg.region)]
        return later[0] if later else None

    @property
    def years(self) -> list[int]:
        return sorted(self.by_year, reverse=True)

    def latest(self, slug: str) -> Package:
        return self.by_agency[slug][-1]

    def agency_name(self, slug: str) -> str:
        return self.latest(slug).agency

    def sectors(self) -> list[tuple[str, int]]:
        count: dict[str, int] = defaultdict(int)
        for slug in self.by_agency:
            count[self.latest(slug).sector or "未分类"] += 1
        return sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))

    def region_tree(self) -> list[tuple[str, list[tuple[str, list[tuple[str, list[str]]]]]]]:
        """[(省, [(市, [(区/县, [slug…])…])…])…]; "" where a level is not given (a province
        without name last, a city or county without name first, before the named ones)."""
        tree: dict[str, dict[str, dict[str, list[str]]]] = {}
        for slug in self.by_agency:
            region = (self.latest(slug).region + ["", "", ""])[:3]
            tree.setdefault(region[0], {}).setdefault(region[1], {}).setdefault(region[2], []).append(slug)

        def last(name: str) -> tuple[bool, str]:  # "未注明省份" after the named ones
            return (name == "", name)

        def first(name: str) -> tuple[bool, str]:  # no city/county: listed before the subheadings
            return (name != "", name)

        return [(prov, [(city, [(county, sorted(slugs, key=self.agency_name))
                                for county, slugs in sorted(cities[city].items(), key=lambda kv: first(kv[0]))])
                        for city in sorted(cities, key=first)])
                for prov, cities in sorted(tree.items(), key=lambda kv: last(kv[0]))]

    def newest(self, n: int = 10) -> list[Package]:
        return sorted(self.packages, key=lambda p: (str(p.meta.get("published") or ""), p.year, p.slug),
                      reverse=True)[:n]


def _identities(reports: list[Package]) -> list[list[Package]]:
    """The reports of one folder grouped by agency (juesuan.paths.same_agency), the group of
    the latest report first."""
    groups: list[list[Package]] = []
    for p in sorted(reports, key=lambda p: p.year, reverse=True):
        home = next((g for g in groups if same_agency(g[0].agency, g[0].region, p.agency, p.region)), None)
        if home is None:
            groups.append([p])
        else:
            home.append(p)
    return groups


def split_identities(packages: list[Package]) -> list[str]:
    """Never merge two agencies that share a package folder (a stale ``data/packages/<slug>/``
    holding a homophone's reports): the agency of the folder's latest report keeps the slug,
    each other one is rendered apart under its own slug (juesuan.paths.slug_candidates, the
    first one no folder and no other agency holds). Sets ``Package.site_slug``; returns one
    line per agency moved."""
    folders: dict[str, list[Package]] = {}
    for p in packages:
        p.site_slug = ""
        folders.setdefault(p.slug, []).append(p)
    taken = set(folders)
    lines = []
    for _folder, reports in sorted(folders.items()):
        for group in _identities(reports)[1:]:
            head = group[0]
            slug = next(s for s in slug_candidates(head.agency, head.region) if s not in taken)
            taken.add(slug)
            for p in group:
                p.site_slug = slug
            years = "、".join(str(p.year) for p in sorted(group, key=lambda p: p.year))
            lines.append(f"{head.path.parent}: holds the reports of another agency too; "
                         f"{head.agency} ({'/'.join(head.region) or 'no region'}, {years}) is shown "
                         f"apart at {agency_dir(slug)}/ — move its packages to its own folder "
                         f"(juesuan add --slug {slug})")
    return lines


def build_corpus(packages: list[Package]) -> Corpus:
    moved = split_identities(packages)
    if multiprocessing.parent_process() is None:  # said once, not again by each page worker
        for line in moved:
            log.warning("%s", line)
    c = Corpus(packages=packages)
    for p in packages:
        c.headlines[id(p)] = headline(p)
        c.by_agency.setdefault(p.slug, []).append(p)
        c.by_year.setdefault(p.year, []).append(p)
    for ps in c.by_agency.values():
        ps.sort(key=lambda p: p.year)
    for ps in c.by_year.values():
        ps.sort(key=lambda p: p.slug)
    return c

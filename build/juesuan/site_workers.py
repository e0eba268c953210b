"""Report and agency pages rendered by a pool of processes (large corpora, --jobs > 1).

Each worker (spawn start method: nothing inherited) loads the corpus once from the
package files and renders the pages of its share of the reports and agencies; the pages
are the same bytes as a serial render writes.
"""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

log = logging.getLogger(__name__)

MIN_REPORTS = 150  # below this the pool's start-up costs more than it saves
_state: dict = {}


def _init(packages_root: str, reports_root: str) -> None:
    from juesuan.render.load import load_corpus
    from juesuan.render.model import build_corpus
    from juesuan.render.pages import Renderer

    corpus = build_corpus(load_corpus(Path(packages_root)))
    _state["corpus"] = corpus
    _state["renderer"] = Renderer(corpus, Path(reports_root))


def write_page(path: Path, page) -> None:
    from juesuan.render.fragments import write_fragments

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page.text, encoding="utf-8")
    write_fragments(path, page.fragments)


def _render(task: tuple[str, list, str]) -> int:
    """('report', [(slug, year)…]) or ('agency', [slug…]) → pages written."""
    from juesuan.render.downloads import copy_downloads, source_file
    from juesuan.render.model import agency_dir, report_dir

    kind, keys, docs = task
    corpus, r = _state["corpus"], _state["renderer"]
    docs_dir = Path(docs)
    if kind == "agency":
        for slug in keys:
            write_page(docs_dir / agency_dir(slug) / "index.md", r.agency_page(slug))
        return len(keys)
    by_key = {(p.slug, p.year): p for p in corpus.packages}
    for key in keys:
        pkg = by_key[tuple(key)]
        page_dir = docs_dir / report_dir(pkg.slug, pkg.year)
        write_page(page_dir / "index.md", r.report_page(pkg))
        copy_downloads(pkg, page_dir, source_file(pkg, r.reports_root))
    return len(keys)


def render_parallel(packages_root: Path, reports_root: Path, docs: Path,
                    report_keys: list[tuple[str, int]], agency_slugs: list[str], jobs: int) -> int:
    """Write every report page (with its downloads) and agency page; return pages written."""
    chunk = max(20, len(report_keys) // (jobs * 4) + 1)
    tasks = [("report", report_keys[i:i + chunk], str(docs)) for i in range(0, len(report_keys), chunk)]
    tasks += [("agency", agency_slugs[i:i + chunk * 2], str(docs)) for i in range(0, len(agency_slugs), chunk * 2)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"), initializer=_init,
                             initargs=(str(packages_root), str(reports_root))) as pool:
        return sum(pool.map(_render, tasks))


# --------------------------------------------------------------------- one site per province
# A national corpus is too large for one MkDocs site (every page and the whole search index
# in one process). `juesuan build --site provinces` builds one site per province (reports
# grouped by the first entry of their region) into site/<code>/ (the GB/T 2260 code of
# schemas/regions.yaml, ASCII in every URL) and a small national index into site/: the list
# of provinces, the corpus-wide downloads and the hand-written pages. Each site is rendered
# in its own folder under .cache/juesuan/sites/ (the configuration and hand-written pages
# copied, the packages linked, never copied) by a pool of `jobs` processes.
NO_PROVINCE = "未注明省份"
NATIONAL_NAV = [("首页", "index.md"), ("数据", "data/index.md"), ("方法说明", "methodology.md"),
                ("参与贡献", "contribute.md")]


def province_codes() -> dict[str, str]:
    """Province-level name → its two-digit code (schemas/regions.yaml)."""
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("juesuan").joinpath("schemas/regions.yaml").read_text("utf-8"))
    return {name: code for code, name in data["provinces"].items()}


def province_of(region: list[str]) -> str:
    return (region[0] if region and region[0] else NO_PROVINCE)


def province_code(name: str, codes: dict[str, str] | None = None) -> str:
    """The URL folder of a province's site: its code, ``00`` for reports without a province,
    ``x-<slug>`` for a name the regions file does not know."""
    from juesuan.paths import slugify

    codes = province_codes() if codes is None else codes
    if name == NO_PROVINCE:
        return "00"
    return codes.get(name) or f"x-{slugify(name)}"


def provinces(packages_root: Path) -> dict[str, list[str]]:
    """Province name → the agency folders (slugs) of its reports; an agency belongs where
    its latest report says."""
    import json

    latest: dict[str, tuple[int, str]] = {}
    for dp in sorted(Path(packages_root).glob("*/*/datapackage.json")):
        if dp.parent.name.startswith(".") or dp.parent.parent.name.startswith("."):
            continue
        meta = (json.loads(dp.read_text("utf-8")).get("juesuan") or {}).get("report") or {}
        region = meta.get("region") or []
        region = region if isinstance(region, list) else [region]
        year = int(meta.get("year") or 0)
        slug = dp.parent.parent.name
        if slug not in latest or year >= latest[slug][0]:
            latest[slug] = (year, province_of([str(r) for r in region]))
    out: dict[str, list[str]] = {}
    for slug, (_, prov) in sorted(latest.items()):
        out.setdefault(prov, []).append(slug)
    return out


def _config_text(text: str, name: str, code: str, nav: list[tuple[str, str]] | None) -> str:
    """mkdocs.yml of one site, edited as text (it holds !ENV and Python tags): the site's
    name, its address under the national one (site_url + ``code``/) and, for the national
    index, its own nav."""
    import os
    import re

    def url(m: re.Match) -> str:
        env = re.match(r'!ENV\s*\[\s*(\w+)\s*,\s*"([^"]*)"\s*\]', m.group(1).strip())
        base = (os.environ.get(env.group(1)) or env.group(2)) if env else m.group(1).strip().strip("'\"")
        return f'site_url: "{base.rstrip("/")}/{code + "/" if code else ""}"'

    if name:
        text = re.sub(r"^site_name:\s*(.*)$", lambda m: f"site_name: {m.group(1).strip()} · {name}", text,
                      count=1, flags=re.M)
    text = re.sub(r"^site_url:\s*(.*)$", url, text, count=1, flags=re.M)
    if nav is not None:
        text = re.sub(r"^nav:\n(?:[ \t]+.*\n?)*", "nav:\n" + "".join(f"  - {k}: {v}\n" for k, v in nav),
                      text, count=1, flags=re.M)
    return text


def _sub_repo(layout, work: Path, name: str, code: str, nav: list[tuple[str, str]] | None = None):
    """A repository folder for one site: config and hand-written pages copied, data linked."""
    import shutil

    from juesuan.paths import Layout
    from juesuan.site import GENERATED

    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    cfg = (layout.root / "mkdocs.yml").read_text("utf-8")
    (work / "mkdocs.yml").write_text(_config_text(cfg, name, code, nav), encoding="utf-8")
    shutil.copytree(layout.root / "overrides", work / "overrides", symlinks=True)
    shutil.copytree(layout.docs, work / "docs", ignore=shutil.ignore_patterns(*GENERATED, "compare"))
    (work / "pyproject.toml").write_text("# one site of a province-split build\n", encoding="utf-8")
    sub = Layout(work)
    sub.packages.mkdir(parents=True)
    if layout.reports.exists():
        sub.reports.symlink_to(layout.reports.resolve(), target_is_directory=True)
    return sub


def build_province(root: str, province: str, slugs: list[str], out: str, mkdocs: bool = True) -> dict:
    """Render and build one province's site into ``out``; return its timings."""
    import time

    from juesuan.paths import Layout
    from juesuan.site import render_site, run_mkdocs

    layout = Layout(Path(root))
    code = province_code(province)
    sub = _sub_repo(layout, layout.cache.parent / "sites" / code, province, code)
    for slug in slugs:
        (sub.packages / slug).symlink_to((layout.packages / slug).resolve(), target_is_directory=True)
    t0 = time.perf_counter()
    timings = render_site(sub)
    render = time.perf_counter() - t0
    t0 = time.perf_counter()
    if mkdocs:
        run_mkdocs(sub, site_dir=Path(out))
    return {"province": province, "code": code, "reports": timings.reports, "pages": timings.pages,
            "render": render, "mkdocs": time.perf_counter() - t0}


def build_national(layout, groups: dict[str, list[str]], out: Path, mkdocs: bool = True) -> dict:
    """The national index: provinces with links to their sites, the corpus-wide downloads."""
    import time

    from juesuan.render.load import load_corpus
    from juesuan.render.model import build_corpus
    from juesuan.render.pages import Renderer
    from juesuan.site import audit_catalogue, run_mkdocs
    from juesuan.render.corpus_exports import add_checksums, data_version
    from juesuan.render.dictionary import dictionary
    from juesuan.site_corpus import write_corpus

    t0 = time.perf_counter()
    sub = _sub_repo(layout, layout.cache.parent / "sites" / "national", "", "", NATIONAL_NAV)
    # descriptors only: the corpus files are written from the CSVs on disk (juesuan.site_corpus),
    # never every report's rows as records (10,000 reports: 13 GB with them)
    packages = load_corpus(layout.packages, resources=())
    count: dict[str, tuple[int, int]] = {}
    by_slug: dict[str, int] = {}
    for p in packages:
        by_slug[p.slug] = by_slug.get(p.slug, 0) + 1
    codes = province_codes()
    rows = []
    for prov in sorted(groups, key=lambda n: (n == NO_PROVINCE, province_code(n, codes))):
        reports = sum(by_slug.get(s, 0) for s in groups[prov])
        count[prov] = (len(groups[prov]), reports)
        rows.append(f'<tr><td><a href="{province_code(prov, codes)}/">{prov}</a></td>'
                    f'<td class="n">{len(groups[prov])}</td><td class="n">{reports}</td></tr>')
    text = ("# 决算公开数据（全国索引）\n\n各省的决算报告各成一个站点（各有搜索）。全部报告合在一起的数据见"
            "[数据下载](data/index.md)。\n\n"
            '<div class="jc-table"><table class="data jc-sortable"><thead><tr><th>省份</th>'
            '<th class="n">单位</th><th class="n">报告</th></tr></thead><tbody>' + "".join(rows)
            + "</tbody></table></div>\n")
    (sub.docs / "index.md").write_text(text, encoding="utf-8")
    listing = add_checksums(sub.docs / "data", write_corpus(packages, sub.docs / "data"))
    r = Renderer(build_corpus(packages), layout.reports)
    write_page(sub.docs / "data" / "index.md", r.data_page(dictionary(), audit_catalogue(), listing,
                                                           data_version(packages)))
    render = time.perf_counter() - t0
    t0 = time.perf_counter()
    if mkdocs:
        run_mkdocs(sub, site_dir=Path(out))
    return {"province": "全国索引", "code": "", "reports": len(packages), "pages": 2,
            "render": render, "mkdocs": time.perf_counter() - t0}


def _national(root: str, groups: dict[str, list[str]], out: str, mkdocs: bool) -> dict:
    from juesuan.paths import Layout

    return build_national(Layout(Path(root)), groups, Path(out), mkdocs)


def _merge(built: Path, site: Path) -> None:
    """The national index's files into ``site`` beside the provinces' folders."""
    import shutil

    site.mkdir(parents=True, exist_ok=True)
    for item in built.iterdir():
        target = site / item.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        shutil.move(str(item), str(target))


def build_split(layout, jobs: int = 2, only: str | None = None, mkdocs: bool = True) -> list[dict]:
    """Every province's site (or only the province named or coded ``only``, or ``national``)
    into layout.site/<code>/, and the national index into layout.site/, ``jobs`` at a time,
    the largest first (the national index, with the corpus-wide downloads, is the largest)."""
    import shutil

    groups = provinces(layout.packages)
    codes = province_codes()
    wanted = [p for p in groups if only in (None, p, province_code(p, codes))]
    if only is not None and only != "national" and not wanted:
        from juesuan.errors import JuesuanError

        raise JuesuanError(layout.packages, f"no report of province '{only}' in the corpus",
                           fix="name a province as in report.yml's region, or its code (51 for 四川省)")
    if only is None:
        shutil.rmtree(layout.site, ignore_errors=True)  # a province that left the corpus leaves the site
    national_out = layout.cache.parent / "sites" / "national-site"
    tasks: list[tuple] = []
    if only in (None, "national"):  # built aside (its `mkdocs build --clean`), then merged
        tasks.append((_national, (str(layout.root), groups, str(national_out), mkdocs)))
    for p in sorted([] if only == "national" else wanted, key=lambda p: -len(groups[p])):
        tasks.append((build_province, (str(layout.root), p, groups[p], str(layout.site / province_code(p, codes)),
                                       mkdocs)))
    if jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            futures = [pool.submit(fn, *args) for fn, args in tasks]
            out = [f.result() for f in futures]
    else:
        out = [fn(*args) for fn, args in tasks]
    if only in (None, "national") and mkdocs:
        _merge(national_out, layout.site)
    return out

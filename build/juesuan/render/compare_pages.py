"""Comparison pages (issue 11), generated from the corpus into docs/compare/:

- compare/index.md: every function and economic 类 (drill down 类 → 款 → 项), the rankings
  and the regions;
- compare/function/<code>/, compare/economic/<code>/: one page per code printed by at
  least two reports — every agency and year with the amounts, the parent and child codes;
- compare/three-public/, compare/operating-expense/: 三公经费 and 机关运行经费 per report,
  per staff where the report prints its staff;
- compare/regions/: 省 → 市 → 区/县 with their agencies.

Every table is sortable (the site script's ``jc-sortable``) and has its CSV (UTF-8 with
BOM, exact amounts) next to the page. Tables are fragments (juesuan.render.fragments):
their words still reach the search index.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from markupsafe import Markup

from juesuan.render import compare
from juesuan.render.fmt import esc, num
from juesuan.render.fragments import MARK, search_text, write_fragments
from juesuan.render.model import agency_dir, rel, report_dir

ROOT = "compare"
KINDS = {"function": "功能分类", "economic": "经济分类"}
FUNCTION_COLUMNS = [("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")]
ECONOMIC_COLUMNS = [("amount", "金额")]


class Page:
    """Markdown text with its heavy tables as fragments, and CSV files beside it."""

    def __init__(self, here: str):
        self.here = here
        self.parts: list[str] = []
        self.fragments: dict[str, str] = {}
        self.files: dict[str, str] = {}

    def md(self, text: str) -> None:
        self.parts.append(text)

    def table(self, name: str, header: list[str], rows: list[list[Any]], csv_header: list[str],
              csv_rows: list[list[Any]], caption: str = "") -> None:
        """A sortable HTML table (cells: text, Markup, or (shown, sort value)) and its CSV."""
        head = "".join(f'<th{" class=n" if i and _numeric(rows, i) else ""}>{esc(h)}</th>'
                       for i, h in enumerate(header))
        body = []
        for row in rows:
            cells = []
            for v in row:
                if isinstance(v, tuple):
                    shown, key = v
                    cells.append(f'<td class="n" data-v="{"" if key is None else key}">{shown}</td>')
                else:
                    cells.append(f"<td>{v if isinstance(v, Markup) else esc(v)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        cap = f"<caption>{esc(caption)}</caption>" if caption else ""
        html = (f'<div class="jc-table"><table class="data jc-sortable">{cap}<thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table></div>'
                f'<p class="jc-downloads"><a href="{name}" download>下载本表（CSV，UTF-8 带 BOM，'
                f"{len(rows)} 行）</a></p>")
        key = str(len(self.fragments))
        self.fragments[key] = html
        words = search_text(html)
        self.parts.append((f'<div class="jc-index">{words}</div>\n' if words else "") + MARK.format(key) + "\n")
        self.files[name] = _csv(csv_header, csv_rows)

    def write(self, docs: Path) -> None:
        folder = Path(docs) / self.here
        folder.mkdir(parents=True, exist_ok=True)
        page = folder / "index.md"
        page.write_text("\n".join(self.parts).rstrip() + "\n", encoding="utf-8")
        write_fragments(page, self.fragments)
        for name, text in self.files.items():
            (folder / name).write_text(text, encoding="utf-8-sig", newline="")


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def _numeric(rows: list[list[Any]], i: int) -> bool:
    return any(isinstance(r[i], tuple) for r in rows[:1])


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows([["" if v is None else v for v in r] for r in rows])
    return buf.getvalue()


def _amount(v: Decimal | None, places: int = 2) -> tuple[Markup, Any]:
    return (num(v, places), "" if v is None else v)


def _region(p: Any) -> str:
    return " ".join(x for x in p.region if x)


def _link(here: str, to: str, text: str) -> Markup:
    return Markup(f'<a href="{rel(here, to)}">{esc(text)}</a>')


def code_dir(kind: str, code: str) -> str:
    return f"{ROOT}/{kind}/{code}"


def code_page(kind: str, c: compare.Code, all_codes: dict[str, compare.Code]) -> Page:
    here = code_dir(kind, c.code)
    page = Page(here)
    columns = FUNCTION_COLUMNS if kind == "function" else ECONOMIC_COLUMNS
    page.md(f"---\ntitle: {_yaml(f'{c.code} {c.name}（{KINDS[kind]}{c.level}）')}\n---\n")
    page.md(f"# {esc(c.code)} {esc(c.name)}\n")
    up = all_codes.get(c.parent)
    linked = compare.MIN_REPORTS
    links = [f"{KINDS[kind]}科目 · {c.level}", f"{c.reports} 份报告"]
    if up is not None:
        target = (str(_link(here, code_dir(kind, up.code), f"{up.code} {up.name}"))
                  if up.reports >= compare.MIN_REPORTS else f"{esc(up.code)} {esc(up.name)}")
        links.insert(1, f"上级：{target}")
    page.md(f'<p class="jc-lede">{" · ".join(links)} · <a href="{rel(here, ROOT)}">全部科目</a></p>\n')
    if len(c.names) > 1:
        page.md("各报告所列名称：" + "、".join(f"{esc(n)}（{k} 份）" for n, k in sorted(c.names.items())) + "。\n")
    kids = compare.children(all_codes, c.code)
    if kids:
        page.md("## 下级科目\n")
        items = [_link(here, code_dir(kind, k.code), f"{k.code} {k.name}") if k.reports >= linked
                 else esc(f"{k.code} {k.name}") for k in kids]
        page.md('<ul class="jc-codes">' + "".join(f"<li>{item}（{k.reports} 份报告）</li>"
                                                  for item, k in zip(items, kids, strict=True)) + "</ul>\n")
    page.md("## 各单位、各年度\n")
    page.md("金额单位：万元。点击表头排序。\n")
    header = ["单位", "地区", "年度", *[label for _, label in columns]]
    rows, csv_rows = [], []
    for r in c.rows:
        p = r.pkg
        rows.append([_link(here, agency_dir(p.slug), p.agency), _region(p),
                     _link(here, report_dir(p.slug, p.year), str(p.year)),
                     *[_amount(r.values.get(k)) for k, _ in columns]])
        csv_rows.append([p.slug, p.agency, _region(p), p.year, r.name, *[r.values.get(k) for k, _ in columns]])
    page.table(f"{c.code}.csv", header, rows, ["slug", "单位", "地区", "年度", "科目名称",
                                              *[label for _, label in columns]], csv_rows)
    return page


def ranking_page(corpus: Any, slug: str, key: str, title: str, budget_key: str | None, what: str) -> Page:
    here = f"{ROOT}/{slug}"
    page = Page(here)
    rows_data = compare.ranking(corpus, key, budget_key)
    staffed = sum(1 for r in rows_data if r["per_staff"] is not None)
    page.md(f"---\ntitle: {_yaml(title)}\n---\n")
    page.md(f"# {title}\n")
    page.md(f"{what}共 {len(rows_data)} 份报告列出；其中 {staffed} 份报告列出在职人员数，人均数只对这些报告计算。"
            "金额单位：万元；人均：万元/人。点击表头排序。\n")
    header = ["单位", "地区", "年度", "决算数"] + (["预算数"] if budget_key else []) + ["在职人员", "人均"]
    rows, csv_rows = [], []
    for r in rows_data:
        p = r["pkg"]
        rows.append([_link(here, agency_dir(p.slug), p.agency), _region(p),
                     _link(here, report_dir(p.slug, p.year), str(p.year)), _amount(r["amount"]),
                     *([_amount(r["budget"])] if budget_key else []), _amount(r["staff"], 0),
                     _amount(r["per_staff"], 4)])
        csv_rows.append([p.slug, p.agency, _region(p), p.year, r["amount"],
                         *([r["budget"]] if budget_key else []), r["staff"], r["per_staff"]])
    page.table(f"{slug}.csv", header, rows, ["slug", "单位", "地区", "年度", "决算数",
                                             *(["预算数"] if budget_key else []), "在职人员", "人均"], csv_rows)
    return page


def regions_page(corpus: Any) -> Page:
    here = f"{ROOT}/regions"
    page = Page(here)
    page.md('---\ntitle: "地区"\n---\n')
    page.md("# 地区\n")
    page.md("各省、市、区县的单位及其最新一年的支出（万元）。点击表头排序。\n")
    tree = compare.regions(corpus)
    for prov in sorted(tree, key=lambda n: (n == "", n)):
        cities = tree[prov]
        rows, csv_rows = [], []
        for city in sorted(cities):
            for county in sorted(cities[city]):
                for slug in sorted(cities[city][county], key=corpus.agency_name):
                    latest = corpus.latest(slug)
                    h = corpus.h(latest)
                    rows.append([city or "—", county or "—", _link(here, agency_dir(slug), latest.agency),
                                 _amount(Decimal(len(corpus.by_agency[slug])), 0),
                                 _link(here, report_dir(slug, latest.year), str(latest.year)),
                                 _amount(h.get("expenditure_total"))])
                    csv_rows.append([prov, city, county, slug, latest.agency, len(corpus.by_agency[slug]),
                                     latest.year, h.get("expenditure_total")])
        n_agencies = len(rows)
        page.md(f"## {esc(prov or '未注明省份')}\n")
        page.md(f"{n_agencies} 个单位。\n")
        code = f"region-{len(page.files) + 1}.csv"
        page.table(code, ["市", "区/县", "单位", "报告数", "最新年度", "本年支出"], rows,
                   ["省", "市", "区县", "slug", "单位", "报告数", "最新年度", "本年支出"], csv_rows)
    return page


def index_page(corpus: Any, all_codes: dict[str, dict[str, compare.Code]]) -> Page:
    here = ROOT
    page = Page(here)
    page.md('---\ntitle: "比较"\n---\n')
    page.md("# 比较\n")
    page.md("同一科目、同一指标在各单位、各年度之间的比较，由全部决算报告的数据包生成。每个至少有 "
            f"{compare.MIN_REPORTS} 份报告列出的科目都有一页；每张表可排序，并可下载 CSV。\n")
    page.md("- [三公经费排名（含人均）](three-public/index.md)\n"
            "- [机关运行经费排名（含人均）](operating-expense/index.md)\n"
            "- [按地区（省、市、区县）](regions/index.md)\n")
    for kind, codes in all_codes.items():
        page.md(f"## {KINDS[kind]}科目\n")
        tops = [c for c in codes.values() if len(c.code) == 3]
        rows = [[_link(here, code_dir(kind, c.code), c.code) if c.reports >= compare.MIN_REPORTS else c.code,
                 c.name, _amount(Decimal(c.reports), 0),
                 _amount(Decimal(len(compare.children(codes, c.code))), 0)] for c in tops]
        csv_rows = [[c.code, c.name, c.level, c.reports] for c in codes.values()]
        page.table(f"{kind}-codes.csv", ["编码", "科目（类）", "报告数", "下级科目（款）"], rows,
                   ["编码", "科目", "级次", "报告数"], csv_rows)
    return page


def write_compare(corpus: Any, docs: Path) -> int:
    """Write every comparison page into ``docs``/compare/; return the pages written."""
    pages: list[Page] = []
    all_codes = {kind: compare.codes(corpus, kind) for kind in KINDS}
    for kind, codes in all_codes.items():
        pages += [code_page(kind, c, codes) for c in codes.values() if c.reports >= compare.MIN_REPORTS]
    pages.append(ranking_page(corpus, "three-public", "three_public", "三公经费排名", "three_public_budget",
                              "“三公”经费决算数"))
    pages.append(ranking_page(corpus, "operating-expense", "operating_expense", "机关运行经费排名", None,
                              "机关运行经费"))
    pages.append(regions_page(corpus))
    pages.append(index_page(corpus, all_codes))
    for p in pages:
        p.write(docs)
    return len(pages)

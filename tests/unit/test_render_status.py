"""The report page shows how far each number is verified (line_items.status, tables.csv
identities / identities_held / note) and lists withheld tables with why — and shows nothing of
it for packages written before the data contract had these columns."""

from __future__ import annotations

import csv
import dataclasses
import html as htmllib
import random
import re
from pathlib import Path

import pytest

from juesuan.package.writer import write_package
from juesuan.render.downloads import downloads
from juesuan.render.fragments import inject
from juesuan.render.load import load_corpus
from juesuan.render.model import build_corpus
from juesuan.render.pages import Renderer
from juesuan.render.samples import WITHHELD_NOTE, synthetic_report, with_verification
from juesuan.render.status import cell_statuses, table_verification, verification_known
from juesuan.render.tables import report_tables


def _write(root: Path, report) -> Path:
    out = root / report.meta.slug / str(report.meta.year)
    write_package(report, out)
    return out


def _page(root: Path) -> str:
    corpus = build_corpus(load_corpus(root))
    rendered = Renderer(corpus).report_page(corpus.packages[0])
    return inject(rendered.text, rendered.fragments)  # the page as the site serves it


def _tables_section(page: str) -> str:
    return page[page.index("## 决算表"):page.index("## 说明中的数字")]


@pytest.fixture
def checked(tmp_path):
    """A report as a checking parser writes it: statuses, identities, one withheld table."""
    report = with_verification(synthetic_report(random.Random(3), 5, 2024), withhold="basic_expenditure", seed=1)
    _write(tmp_path, report)
    return tmp_path, report


def test_cells_are_marked_by_status(checked):
    root, report = checked
    page = _page(root)
    cells = re.findall(r'<td( class="[^"]*")?( title="[^"]*")?>([0-9,.\-]+)</td>', _tables_section(page))
    marked = {(cls, title) for cls, title, _ in cells if cls}
    assert (' class="jc-x"', ' title="有矛盾：参与的勾稽关系不成立"') in marked
    assert (' class="jc-uv"', ' title="未核验"') in marked  # the legend says what it means
    n = {s: sum(1 for li in report.line_items if li.status == s) for s in ("verified", "unverified", "contradicted")}
    assert n["contradicted"] and n["unverified"] and n["verified"]
    plain = sum(1 for cls, _, _ in cells if not cls)
    assert plain >= n["verified"]  # verified cells stay plain
    assert page.count('class="jc-x"') == n["contradicted"]
    assert page.count('class="jc-uv"') == n["unverified"]
    assert 'class="data wide jc-st"' in page  # marked tables reserve the marks' room


def test_the_mark_is_on_the_right_cell(checked):
    root, report = checked
    pkg = load_corpus(root)[0]
    bad = next(li for li in report.line_items if li.status == "contradicted")
    assert cell_statuses(pkg)[bad.table][(bad.section, bad.row_code, bad.column)] == "contradicted"
    t = next(t for t in report_tables(pkg) if t["id"] == bad.table)
    rows = re.findall(r"<tr>(.*?)</tr>", str(t["html"]))
    row = next(r for r in rows if f">{htmllib.escape(bad.row_name)}<" in r
               and (not bad.row_code.isdigit() or f"<td>{bad.row_code}</td>" in r))
    assert 'class="jc-x"' in row


def test_legend_once_per_page(checked):
    root, _ = checked
    page = _page(root)
    assert page.count('class="jc-legend"') == 1
    legend = page[page.index('class="jc-legend"'):]
    legend = legend[:legend.index("</p>")]
    for text in ("已核验：参与的勾稽关系成立", "未核验：没有勾稽关系覆盖", "有矛盾：参与的勾稽关系不成立"):
        assert text in legend
    assert "methodology/#verification" in legend


def test_identities_line_per_table(checked):
    root, report = checked
    page = _page(root)
    for t in report.tables:
        if t.status == "withheld":
            continue
        if t.identities_held < t.identities:
            assert f"勾稽关系：{t.identities} 项中 {t.identities_held} 项成立" in page
        else:
            assert f"勾稽关系：{t.identities} 项全部成立" in page
    assert 'class="jc-verify jc-bad"' in page  # a table with a failing identity stands out


def test_withheld_table_is_listed_with_its_note_and_no_cells(checked):
    root, report = checked
    pkg = load_corpus(root)[0]
    assert "basic_expenditure" not in {r["table"] for r in pkg.rows["line_items"]}
    (t,) = [t for t in report_tables(pkg) if t["id"] == "basic_expenditure"]
    assert t["withheld"] and t["status_label"] == "已扣留" and "<table" not in str(t["html"])
    section = htmllib.unescape(_tables_section(_page(root)))
    assert "### 一般公共预算财政拨款基本支出决算表" in section
    assert "已扣留" in section and WITHHELD_NOTE in section
    listing = section[section.index('class="data jc-tablelist"'):]
    listing = listing[:listing.index("</table>")]
    row = next(r for r in listing.split("<tr") if "一般公共预算财政拨款基本支出决算表" in r)
    assert "已扣留" in row and WITHHELD_NOTE in row and "12 项中 3 项成立" in row


def test_withheld_table_shows_no_cells_even_if_a_wide_csv_is_left(checked):
    root, report = checked
    pkg_dir = root / report.meta.slug / "2024"
    other = _write(root / "other", synthetic_report(random.Random(3), 5, 2024))  # the same, unchecked
    (pkg_dir / "tables").joinpath("basic_expenditure.csv").write_bytes(
        (other / "tables" / "basic_expenditure.csv").read_bytes())
    pkg = load_corpus(root)[0]
    pkg.wide["basic_expenditure"] = pkg_dir / "tables" / "basic_expenditure.csv"
    (t,) = [t for t in report_tables(pkg) if t["id"] == "basic_expenditure"]
    assert "<table" not in str(t["html"]) and "已扣留" in str(t["html"])


def test_note_is_escaped(tmp_path):
    report = with_verification(synthetic_report(random.Random(3), 5, 2024))
    evil = '<script>alert(1)</script>**x** {{ 7*7 }}'
    report = dataclasses.replace(report, tables=[dataclasses.replace(t, note=evil) if t.status == "withheld" else t
                                                 for t in report.tables])
    _write(tmp_path, report)
    page = _page(tmp_path)
    assert "<script>alert" not in page and "{{" not in page
    assert evil in htmllib.unescape(page)


def _drop_columns(path: Path, names: set[str]) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    keep = [i for i, h in enumerate(rows[0]) if h not in names]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])


def test_old_package_renders_without_any_verification(tmp_path):
    """A package from before the contract change: no status, no identities: nothing special."""
    report = synthetic_report(random.Random(3), 5, 2024)
    out = _write(tmp_path, report)
    _drop_columns(out / "line_items.csv", {"status"})
    _drop_columns(out / "tables.csv", {"identities", "identities_held", "note"})
    pkg = load_corpus(tmp_path)[0]
    assert "status" not in pkg.rows["line_items"][0] and not verification_known(pkg)
    page = _page(tmp_path)
    for absent in ("jc-legend", "jc-uv", "jc-x", "jc-st", "jc-verify", "jc-tablelist", "勾稽关系", "已扣留",
                   "核验状态"):
        assert absent not in page, absent
    assert page.count('class="data wide"') >= 5
    labels = [d["label"] for d in downloads(pkg, None)]
    assert "line_items.csv（全部表格单元格，长表）" in labels


def _blank_columns(path: Path, names: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    idx = {rows[0].index(n): v for n, v in names.items()}
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(
            [rows[0]] + [[idx.get(i, x) for i, x in enumerate(r)] for r in rows[1:]])


def test_unchecked_package_of_the_new_contract_shows_nothing_either(tmp_path):
    """Columns present but empty (written by a parser that did not check): statuses unknown."""
    out = _write(tmp_path, synthetic_report(random.Random(3), 5, 2024))
    _blank_columns(out / "line_items.csv", {"status": ""})
    _blank_columns(out / "tables.csv", {"identities": "0", "identities_held": "0", "note": ""})
    pkg = load_corpus(tmp_path)[0]
    assert pkg.rows["line_items"][0]["status"] == "" and not verification_known(pkg)
    page = _page(tmp_path)
    assert "jc-legend" not in page and "jc-uv" not in page and "勾稽关系" not in page


def test_download_labels_mention_the_verification(checked):
    root, _ = checked
    labels = {d["href"]: d["label"] for d in downloads(load_corpus(root)[0], None)}
    assert "核验状态" in labels["files/line_items.csv"]
    assert "勾稽关系" in labels["files/tables.csv"] and "扣留" in labels["files/tables.csv"]


@pytest.mark.parametrize("info, statuses, text, bad", [
    ({"identities": "12", "identities_held": "11"}, {}, "勾稽关系：12 项中 11 项成立", True),
    ({"identities": "4", "identities_held": "4"}, {("", "1", "a"): "verified"}, "勾稽关系：4 项全部成立", False),
    ({"identities": "4", "identities_held": "9"}, {}, "勾稽关系：4 项全部成立", False),  # never more than all
    ({"identities": "0", "identities_held": "0"}, {("", "1", "a"): "unverified"},
     "勾稽关系：本表没有可核对的勾稽关系；未核验的数字 1 个", False),
    ({"identities": "0", "identities_held": "0"}, {}, "", False),  # nothing checked, nothing known
    ({}, {}, "", False),  # an old package
    ({"identities": "3", "identities_held": "3"}, {("", "1", "a"): "contradicted", ("", "2", "a"): "unverified"},
     "勾稽关系：3 项全部成立；有矛盾的数字 1 个，未核验的数字 1 个", True),
])
def test_table_verification_text(info, statuses, text, bad):
    v = table_verification(info, statuses)
    assert v["text"] == text and v["bad"] is bad


def test_data_dictionary_describes_the_new_fields_in_chinese():
    from juesuan.render.dictionary import dictionary

    fields = {(r["name"], f["name"]): f for r in dictionary() for f in r["fields"]}
    status = fields[("line_items", "status")]
    for word in ("已核验", "未核验", "有矛盾", "verified", "unverified", "contradicted"):
        assert word in status["description"]
    assert "已扣留" in fields[("tables", "status")]["description"]
    for name in ("identities", "identities_held", "note"):
        assert re.search(r"[\u4e00-\u9fff]", fields[("tables", name)]["description"]), name


def test_data_page_speaks_chinese_only():
    """Issue 11: the data dictionary in Chinese; English stays in the machine-readable schema."""
    from juesuan.render.dictionary import dictionary
    from juesuan.render.model import Corpus

    page = Renderer(Corpus(packages=[])).data_page(dictionary(), "", []).text
    assert "contradicted（有矛盾）" in htmllib.unescape(page)
    assert "the cell" not in htmllib.unescape(page) and "<small>verified" not in page

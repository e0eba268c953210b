"""What a report page shows of checks.csv, statements.csv and profile.csv; the agencies tree."""

from __future__ import annotations

import html as htmllib
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.models import ProfileSection, Statement
from juesuan.package.writer import write_package
from juesuan.render.findings import conflicting_statements, finding_groups, profile_blocks
from juesuan.render.fmt import page_ref
from juesuan.render.labels import metric_title
from juesuan.render.load import load_corpus, load_package
from juesuan.render.model import build_corpus
from juesuan.render.pages import Renderer
from juesuan.render.samples import report_from_expected, synthetic_report

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"


def _check(severity, rule="narrative_table_figures", metric="", table="", row_code="", column="", page=None,
           expected=None, actual=None, message="说明"):
    return {"rule": rule, "severity": severity, "table": table, "row_code": row_code, "column": column,
            "metric": metric, "expected": expected, "actual": actual,
            "difference": None if expected is None else actual - expected, "page": page, "message": message}


@pytest.fixture(scope="module")
def pkg(tmp_path_factory):
    r = report_from_expected(GOLDEN / "004_e4eb685f5dbf33b3" / "expected")
    r.statements = [
        Statement("figure", "procurement_goods", Decimal("68.73"), "万元", "政府采购货物支出68.73万元", 6, "第二部分 / 十、"),
        Statement("figure", "procurement_goods", Decimal("62.43"), "万元", "政府采购货物62.43万元", 40, "附件1 / 三、"),
        Statement("figure", "income_total", Decimal("21044.79"), "万元", "本年收入合计21044.79万元", 3),
        Statement("figure", "income_total", Decimal("21044.79"), "万元", "收入合计21044.79万元", 9),
        Statement("glossary", "glossary_entry", None, "", "1.财政拨款收入：…", 7, "", "2040201"),
    ]
    checks = [
        _check("rounding", "table_total_classes", table="expenditure", row_code="", column="total",
               expected=Decimal("21044.80"), actual=Decimal("21044.79")),
        _check("error", metric="general_budget_expenditure_share", expected=Decimal("99.35"),
               actual=Decimal("99.34"), page=4, message="说明中的一般公共预算财政拨款支出占比印为99.34%"),
        _check("warning", "sector_wording", metric="sector_wording", message="疑为套用其他单位的模板"),
        _check("insufficient_data", "project_weights", row_code=r.projects[0].project_code, message="无法核对"),
        _check("error", "table_section_items", table="expenditure", row_code="20402", column="basic",
               expected=Decimal(1), actual=Decimal(2), message="支出决算表…"),
    ]
    out = tmp_path_factory.mktemp("pk") / "dazhou" / "2024"
    write_package(r, out, checks)
    return load_package(out)


def test_metric_titles_are_chinese():
    assert metric_title("general_budget_expenditure_share") == "一般公共预算财政拨款支出占比"
    assert metric_title("general_budget_expenditure_20402") == "一般公共预算财政拨款支出（20402 公安）"
    assert metric_title("expenditure_class_204") == "按功能分类支出（204 公共安全支出）"
    assert metric_title("staff_on_post") == "在职人员"
    assert metric_title("three_public_total_budget_completion").endswith("完成预算比例")
    assert metric_title("sector_wording") == "行业用语"
    assert metric_title("no_such_metric") == "no_such_metric"


def test_findings_grouped_by_severity_with_chinese_targets(pkg):
    groups = finding_groups(pkg)
    assert [(g.severity, len(g.rows)) for g in groups] == [
        ("error", 2), ("warning", 1), ("rounding", 1), ("insufficient_data", 1)]
    error, warning, rounding, insufficient = groups
    assert error.open and warning.open and not rounding.open and not insufficient.open
    assert rounding.compact and not error.compact
    share = error.rows[0]
    assert share.subject == "一般公共预算财政拨款支出占比" and share.rule == "说明数字与表格一致"
    assert error.rows[1].target == "支出决算表 · 20402公安 · 基本支出" and error.rows[1].subject == ""
    assert rounding.rows[0].target == "支出决算表 · 合计 · 本年支出合计"
    assert insufficient.rows[0].target.startswith("项目“")
    assert error.has_numbers and error.has_pages and not warning.has_numbers
    assert not any("_" in f.target for g in groups for f in g.rows)


def test_conflicting_statements_only(pkg):
    (c,) = conflicting_statements(pkg)
    assert c.label == "政府采购货物支出" and [r["value"] for r in c.rows] == [Decimal("68.73"), Decimal("62.43")]


def test_page_refs():
    assert page_ref(4) == "第4页" and page_ref(None) == "" and page_ref("x") == ""
    assert page_ref(12, "source/source.pdf") == '<a href="source/source.pdf#page=12">第12页</a>'


def test_profile_blocks_fold_long_sections(pkg):
    blocks = profile_blocks(pkg)
    assert [b.title for b in blocks] == ["一、部门职责", "二、机构设置"]
    duties, organisation = blocks
    assert 1 < duties.shown < len(duties.paragraphs) and duties.folded
    assert organisation.shown == 1 and not organisation.folded


def test_report_page_shows_profile_findings_and_conflicts(pkg):
    corpus = build_corpus([pkg])
    r = Renderer(corpus).report_page(pkg)
    page = htmllib.unescape(r.text + "".join(r.fragments.values()))
    assert "## 部门概况" in page and "达州市公安局达川区分局机关设11个队建制中心" in page
    assert "一般公共预算财政拨款支出占比" in page and "general_budget_expenditure_share" not in page
    assert re.search(r'<details class="jc-checks sev-error danger"[^>]* open>', page)
    assert re.search(r'<details class="jc-checks sev-rounding info"[^>]*>', page)
    assert not re.search(r'<details class="jc-checks sev-rounding[^>]* open>', page)
    assert "错误 <b>2</b>" in page and "尾差 <b>1</b>" in page
    assert "政府采购货物62.43万元" in page and "1 个数字前后出现不同的数值" in page
    assert "statements.csv（说明中的全部表述）" in page and "profile.csv（部门概况" in page


def test_agency_page_shows_duties_and_organisation(pkg):
    corpus = build_corpus([pkg])
    r = Renderer(corpus).agency_page(pkg.slug)
    page = htmllib.unescape(r.text + "".join(r.fragments.values()))
    assert "6.承办区委、区政府和上级公安部门交办的其他事项。" in page  # the whole text, nothing folded
    assert "二、机构设置" in page and "概况数字" in page


def test_agencies_page_nests_province_city_county(tmp_path):
    rng = random.Random(4)
    for i in range(12):
        r = synthetic_report(rng, i, 2024)
        if i == 0:
            r.meta.region = r.meta.region[:2]  # no county: listed under its city, before the counties
        write_package(r, tmp_path / r.meta.slug / "2024")
    corpus = build_corpus(load_corpus(tmp_path))
    page = Renderer(corpus).agencies_page()
    text = page.text
    headings = re.findall(r"^(#{2,4}) (.+)$", text, re.M)
    assert {h for h, _ in headings} == {"##", "###", "####"}
    tree = corpus.region_tree()
    for prov, cities in tree:
        for city, counties in cities:
            names = [c for c, _ in counties]
            assert names == sorted(names, key=lambda n: (n != "", n))  # unnamed first
    assert any(c == "" for _, cities in tree for _, counties in cities for c, _ in counties)
    body = "".join(page.fragments.values())
    assert "<small>" in body and all(c not in body for c in ("锦江区 ·", "安居区 ·"))  # no county beside names


def test_profile_text_is_escaped(tmp_path):
    r = synthetic_report(random.Random(1), 1, 2024)
    r.profile = [ProfileSection("duties", "<b>一、</b>", "1. **粗体** <script>x</script>\n# 标题", 2)]
    write_package(r, tmp_path / r.meta.slug / "2024")
    corpus = build_corpus(load_corpus(tmp_path))
    for rendered in (Renderer(corpus).report_page(corpus.packages[0]), Renderer(corpus).agency_page(r.meta.slug)):
        text = rendered.text
        assert "<script>" not in text and "<b>一" not in text and "**粗体**" not in text
        assert "&#60;script&#62;" in text and "&#35; 标题" in text

"""Metadata from realistic titles of real disclosures (REAL-WORLD.md "Titles", the issue's
families): covers that wrap the agency over lines, "<单位><年>年度决算公开说明",
"<年>年度<单位>（本级）决算公开", “三公”-only pages, web pages whose header carries a banner, a
navigation path and 发布机构 (the publisher, not the agency), traditional script. Where the text
does not name the agency for sure the guess is "" and parsing stops asking for --meta: a name
with junk around it, a placeholder or a guess is never published."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.errors import NotADisclosure
from juesuan.models import ExtractedDocument, Page
from juesuan.normalize.metadata import guess_metadata, valid_agency

BODY = ("\n第一部分 部门概况\n一、部门职责\n负责本区相关工作。\n第二部分 {y}年度{k}决算情况说明\n"
        "一、收入支出决算总体情况说明\n{y}年度收、支总计均为100.00万元。")


def _doc(head: str, fmt: str = "pdf", body: str | None = None, year: int = 2023, kind: str = "部门") -> ExtractedDocument:
    body = BODY.format(y=year, k=kind) if body is None else body
    if fmt == "pdf":  # a cover page, then the body
        pages = [Page(1, head), Page(2, body)]
    else:  # a web page or text export: one text
        pages = [Page(None, head + "\n" + body)]
    return ExtractedDocument(Path("x." + ("pdf" if fmt == "pdf" else "txt")), fmt, "", len(pages), pages)


# (title as printed, format, expected agency, region, year, kind)
FOUND = [
    ("上海市普陀区财政局\n2024年度部门决算", "pdf", "上海市普陀区财政局", ["上海市", "上海市", "普陀区"], 2024, "部门决算"),
    # a cover wrapping the name over two lines
    ("上海市普陀区规划和自然\n资源局2024年度部门决算", "pdf", "上海市普陀区规划和自然资源局",
     ["上海市", "上海市", "普陀区"], 2024, "部门决算"),
    ("上海市普陀区规划和\n自然资源局\n2024年度部门决算", "pdf", "上海市普陀区规划和自然资源局",
     ["上海市", "上海市", "普陀区"], 2024, "部门决算"),
    ("中共上海市普陀区委\n组织部2024年度部门决算", "pdf", "中共上海市普陀区委组织部", ["上海市", "上海市", "普陀区"],
     2024, "部门决算"),
    ("2024 年度\n\n达州市公安局达川区分局\n\n单位决算", "pdf", "达州市公安局达川区分局", ["四川省", "达州市", "达川区"],
     2024, "单位决算"),
    # "<单位><年>年度决算公开说明" (kind from the text)
    ("成都市武侯区教育局2023年度决算公开说明", "text", "成都市武侯区教育局", ["四川省", "成都市", "武侯区"], 2023, "部门决算"),
    ("成都市第七中学2023年度决算公开说明", "text", "成都市第七中学", ["四川省", "成都市"], 2023, "部门决算"),
    # "<年>年度<单位>（本级）决算公开": the unit's own report
    ("2023年度重庆市渝中区民政局（本级）决算公开", "text", "重庆市渝中区民政局", ["重庆市", "重庆市", "渝中区"], 2023,
     "单位决算"),
    ("重庆市渝北区财政局（本级）2023年度单位决算", "pdf", "重庆市渝北区财政局", ["重庆市", "重庆市", "渝北区"], 2023,
     "单位决算"),
    # “三公”-only pages
    ("北京市西城区财政局2023年度“三公”经费财政拨款支出决算情况说明", "text", "北京市西城区财政局",
     ["北京市", "北京市", "西城区"], 2023, "部门决算"),
    ("2023年度湖南省长沙市岳麓区民政局“三公”经费决算公开", "text", "湖南省长沙市岳麓区民政局",
     ["湖南省", "长沙市", "岳麓区"], 2023, "部门决算"),
    ("关于公开遂宁市安居区审计局2023年度部门决算的说明", "text", "遂宁市安居区审计局", ["四川省", "遂宁市", "安居区"], 2023,
     "部门决算"),
    ("云南省昆明市五华区卫生健康局关于2023年度部门决算公开的说明", "text", "云南省昆明市五华区卫生健康局",
     ["云南省", "昆明市", "五华区"], 2023, "部门决算"),
    ("《广东省广州市天河区科学技术局2023年度部门决算》", "text", "广东省广州市天河区科学技术局",
     ["广东省", "广州市", "天河区"], 2023, "部门决算"),
    # web page headers: banner, navigation, 发布机构 (the publisher is not the agency), the site's
    # name appended to the title
    ("欢迎来到上海市普陀区人民政府门户网站\n首页 > 政务公开 > 财政资金\n上海市普陀区教育局2024年度部门决算\n"
     "发布机构：上海市普陀区财政局\n发布时间：2025-09-20\n字号：大 中 小", "text", "上海市普陀区教育局",
     ["上海市", "上海市", "普陀区"], 2024, "部门决算"),
    ("上海市普陀区人民政府\n上海市普陀区卫生健康委员会2024年度部门决算_上海市普陀区人民政府", "text",
     "上海市普陀区卫生健康委员会", ["上海市", "上海市", "普陀区"], 2024, "部门决算"),
    ("当前位置：首页 > 信息公开 > 部门决算\n来源：重庆市九龙坡区财政局\n重庆市九龙坡区人力资源和社会保障局2023年度部门决算公开",
     "text", "重庆市九龙坡区人力资源和社会保障局", ["重庆市", "重庆市", "九龙坡区"], 2023, "部门决算"),
    # traditional script (a mirrored page)
    ("上海市普陀區財政局\n2024年度部門決算", "pdf", "上海市普陀区财政局", ["上海市", "上海市", "普陀区"], 2024, "部门决算"),
]


@pytest.mark.parametrize("head,fmt,agency,region,year,kind", FOUND)
def test_agency_from_the_title(head, fmt, agency, region, year, kind):
    if "单位决算" in head or "部门决算" in head:  # the body's headings name the title's kind
        body = None
    elif "本级" in head:  # the text never names the kind: a unit's own report
        body = "\n第一部分 概况\n一、主要职能\n负责本区民政工作。"
    else:  # "…决算公开说明": the kind from the text
        body = "\n一、收入支出决算总体情况说明\n2023年度收、支总计均为100.00万元。本部门决算包括本级和所属单位。"
    got = guess_metadata(_doc(head, fmt, body=body, year=year, kind=kind[:2]))
    assert got["agency"] == agency
    assert got["region"] == region
    assert got["year"] == year
    assert got["kind"] == kind


# the text does not name the agency for sure: "" (and the pipeline asks for --meta)
UNSURE = [
    # the publisher of the page, not the agency
    "发布机构：上海市普陀区财政局\n发布时间：2025-09-20\n2024年度部门决算公开",
    # junk around a name
    "欢迎来到上海市普陀区人民政府 2024年度部门决算",
    "欢迎来到上海市普陀区人民政府2024年度部门决算",
    # a placeholder left in by the publisher
    "上海市XX局\n2024年度部门决算",
    "上海市××局2024年度部门决算",
    # a title without any name
    "2023年度“三公”经费决算公开说明",
    "关于公开2023年度部门决算的说明",
    # a fragment only (the first line of the wrapped name is lost)
    "资源局2024年度部门决算",
    # two titles naming two agencies (a list page)
    "上海市普陀区财政局2024年度部门决算\n上海市普陀区教育局2024年度部门决算",
]


@pytest.mark.parametrize("head", UNSURE)
def test_unsure_agency_is_not_guessed(head):
    doc = _doc(head, "text", body="\n一、收入支出决算总体情况说明\n2024年度收、支总计均为100.00万元。")
    assert guess_metadata(doc)["agency"] == ""


def test_unsure_agency_stops_asking_for_meta():
    from juesuan.pipeline import meta_for

    doc = _doc("发布机构：上海市普陀区财政局\n2024年度部门决算公开", "text",
               body="\n一、收入支出决算总体情况说明\n2024年度收、支总计均为100.00万元。")
    with pytest.raises(NotADisclosure) as e:
        meta_for(doc, None)
    assert "--meta" in e.value.line()
    assert meta_for(doc, {"agency": "上海市普陀区财政局"}).agency == "上海市普陀区财政局"


def test_valid_agency():
    assert valid_agency("上海市普陀区财政局")
    assert valid_agency("遂宁市公安局安居区分局")
    assert valid_agency("国家统计局")
    assert valid_agency("某市某某局")
    for bad in ("资源局", "欢迎来到上海市普陀区人民政府", "发布机构上海市普陀区财政局", "上海市XX局",
                "本部门", "上海市普陀区财政局2024年度", "2024年度部门决算", "上海市普陀区财政局部门决算"):
        assert not valid_agency(bad), bad


def test_body_name_is_used_without_a_title_and_checked():
    text = ("第一部分 部门概况\n1.成都市锦江区教育局属于一级预算单位。\n第二部分 2022年度部门决算情况说明\n"
            "十、其他重要事项的情况说明\n2022年度，成都市锦江区教育局机关运行经费支出10万元。")
    doc = ExtractedDocument(Path("x.txt"), "text", "", 1, [Page(None, text)])
    assert guess_metadata(doc)["agency"] == "成都市锦江区教育局"


TRADITIONAL = ("上海市普陀區財政局2024年度部門決算\n一、收入支出決算總體情況說明\n"
               "上海市普陀區財政局2024年度收入支出總計2995.39萬元。\n四、財政撥款收入支出決算總體情況說明\n"
               "財政撥款收入支出總計2961.68萬元。")


def test_traditional_page_is_a_disclosure(tmp_path):
    """A page mirrored in traditional script is read, not refused as "not a disclosure"."""
    from juesuan.extract.document import extract_document
    from juesuan.pipeline import check_is_disclosure

    path = tmp_path / "page.txt"
    path.write_text(TRADITIONAL, "utf-8")
    doc = extract_document(path)
    check_is_disclosure(doc)
    assert guess_metadata(doc)["agency"] == "上海市普陀区财政局"
    # the document-level decision left it as printed (mixed with simplified text): still read
    raw = ExtractedDocument(Path("x.txt"), "text", "", 1, [Page(None, TRADITIONAL)])
    check_is_disclosure(raw)
    assert guess_metadata(raw)["agency"] == "上海市普陀区财政局"


def test_not_a_disclosure_is_still_refused():
    from juesuan.pipeline import check_is_disclosure

    doc = ExtractedDocument(Path("x.txt"), "text", "", 1, [Page(None, "上海市普陀區天氣預報\n今日晴。")])
    with pytest.raises(NotADisclosure):
        check_is_disclosure(doc)

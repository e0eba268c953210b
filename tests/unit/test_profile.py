"""第一部分 部门概况 → profile sections (normalize/profile.py) and profile.csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from juesuan.extract.document import extract_document
from juesuan.models import ExtractedDocument, Page, ProfileSection, Report, ReportMeta
from juesuan.normalize.profile import extract_profile, normalise_space, section_of
from juesuan.package.writer import build_files

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
S000 = "000_cecd3edf739872c0"
S004 = "004_e4eb685f5dbf33b3"


def doc_of(pages: list[tuple[int | None, str]], fmt: str = "text") -> ExtractedDocument:
    return ExtractedDocument(Path("x." + fmt), fmt, "0" * 64, len(pages),
                             [Page(n, t) for n, t in pages])


@pytest.fixture(scope="module")
def forms():
    paths = {"000.txt": GOLDEN / f"{S000}.txt", "000.pdf": GOLDEN / S000 / f"{S000}.pdf",
             "000.docx": GOLDEN / S000 / f"{S000}.docx", "004.txt": GOLDEN / f"{S004}.txt",
             "004.pdf": GOLDEN / S004 / f"{S004}.pdf"}
    return {k: extract_profile(extract_document(p)) for k, p in paths.items()}


def test_000_sections_in_every_form(forms):
    txt = forms["000.txt"]
    assert [(s.section, s.title) for s in txt] == [
        ("duties", "部门职责"), ("organisation", "机构设置"), ("staff", "人员情况")]
    assert txt[0].text.startswith("维护国家政治安全，推动公安工作创新")
    assert txt[0].text.count("\n") == 1  # two paragraphs
    assert txt[2].text == ("2.人员情况：根据职责划分，遂宁市公安局安居区分局下设22个职能部门。"
                           "全局共有民警在职人员239人，辅警307人，退休人员42人。")
    for form in ("000.pdf", "000.docx"):
        assert [(s.section, s.title, s.text) for s in forms[form]] == \
            [(s.section, s.title, s.text) for s in txt], form
    assert [s.page for s in forms["000.pdf"]] == [3, 3, 3]
    assert all(s.page is None for s in txt)


def test_004_numbered_headings_toc_skipped_and_pdf_lines_joined(forms):
    txt = forms["004.txt"]
    assert [(s.section, s.title) for s in txt] == [("duties", "一、部门职责"), ("organisation", "二、机构设置")]
    duties = txt[0].text.split("\n")
    assert len(duties) == 7 and duties[1] == "1.贯彻执行国家有关公安工作的方针、政策和法律、法规，部署全区公安工作并指导、检查落实。"
    assert txt[1].text == ("达州市公安局达川区分局机关设11个队建制中心、4个职能科室、22个派出所，"
                           "是一级决算行政单位，无下属二级决算单位。")
    pdf = forms["004.pdf"]
    assert [(s.section, s.title, s.text) for s in pdf] == [(s.section, s.title, s.text) for s in txt]
    assert [s.page for s in pdf] == [4, 4]


def test_variants_headings_and_staff_section():
    text = ("第一部分 单位概况\n本单位是区政府工作部门。\n（一）主要职能\n负责全区教育工作。\n"
            "（二）机构设置\n内设5个科室。\n（三）人员构成\n在职人员 30 人，退休 5 人。\n"
            "第二部分 2023年度单位决算情况说明\n一、收入支出决算总体情况说明\n收入100万元。\n")
    got = extract_profile(doc_of([(None, text)]))
    assert [(s.section, s.title, s.text) for s in got] == [
        ("overview", "", "本单位是区政府工作部门。"), ("duties", "（一）主要职能", "负责全区教育工作。"),
        ("organisation", "（二）机构设置", "内设5个科室。"), ("staff", "（三）人员构成", "在职人员30人，退休5人。")]


def test_pdf_wrapped_lines_run_on_until_a_short_line_or_a_numbered_item():
    full = "一二三四五六七八九十" * 4
    page = (f"第一部分 部门概况\n一、部门职责\n{full}\n接续的半行。\n{full}\n1.第一项。\n二、机构设置\n"
            f"内设3个科室。\n第二部分 情况说明\n{full}")
    got = extract_profile(doc_of([(7, page)], fmt="pdf"))
    assert got[0].text == f"{full}接续的半行。\n{full}\n1.第一项。"
    assert got[1] == ProfileSection("organisation", "二、机构设置", "内设3个科室。", 7)
    # the same lines in a text export are paragraphs of their own
    assert extract_profile(doc_of([(None, page)]))[0].text.count("\n") == 3


def test_no_overview_part_or_toc_only():
    assert extract_profile(doc_of([(None, "第二部分 情况说明\n收入100万元。")])) == []
    toc = "目录\n第一部分 部门概况 . . . . . . 2\n一、部门职责 . . . . . . 2\n第二部分 情况说明 . . . . 3\n"
    assert extract_profile(doc_of([(1, toc)], fmt="pdf")) == []


def test_helpers():
    assert normalise_space("机关设 11 个 队建制 中心， A  B") == "机关设11个队建制中心，A B"
    assert section_of("机构职能") == "duties"
    assert section_of("人员编制情况") == "staff"
    assert section_of("机构设置") == "organisation"
    assert section_of("其他") == "other"


def test_profile_csv_in_the_package():
    meta = ReportMeta(agency="某局", region=[], sector="", year=2023, kind="部门决算", slug="x")
    report = Report(meta=meta, profile=[ProfileSection("duties", "一、部门职责", "甲。\n乙，“丙”。", 3)])
    files = build_files(report)
    rows = list(csv.DictReader(io.StringIO(files["profile.csv"])))
    assert rows == [{"section": "duties", "title": "一、部门职责", "text": "甲。\n乙，“丙”。", "page": "3",
                     "file": "", "cell": ""}]  # file: the report's source_file (none given here)
    assert '"name": "profile"' in files["datapackage.json"]

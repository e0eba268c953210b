"""Web pages → ExtractedDocument: tables with rowspan / colspan, &nbsp; and spans inside cells, the
article without the site's furniture, 发布机构 / 发布日期 as metadata candidates, any declared or
detected encoding, Word's "save as web page" markup, .mht archives; and the bad inputs."""

from __future__ import annotations

from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from juesuan.errors import NotADisclosure
from juesuan.extract.document import detect_format, extract_document

TABLE = """<p style="text-align:center"><b>收入支出决算总表</b></p>
<p>单位名称：遂宁市审计局　　2023年度　　单位：万元</p>
<table border="1"><tbody>
<tr><td colspan="2">收入</td><td colspan=2>支出</td></tr>
<tr><td>项目</td><td>决算数</td><td>项目</td><td>决算数</td></tr>
<tr><td rowspan="2">一、一般公共预算<br>财政拨款收入</td><td>1,2<span>34.50</span></td><td>一、一般公共服务支出</td><td>&nbsp;</td></tr>
<tr><td>0.00</td><td><span style="font-size:9pt">二、外交</span>支出</td><td>1,234.50</td></tr>
<tr style="display:none"><td>隐藏行</td><td>9.99</td><td></td><td></td></tr>
</tbody></table>"""

NARRATIVE = """<p>　　一、收入支出决算总体情况说明</p>
<p>　　2023年度收、支总计均为1234.50万元。与上年相比，收、支总计各增加100.00万元，增长8.81%。</p>
<p>　　二、财政拨款收入支出决算总体情况说明</p>
<p>　　2023年度财政拨款收入、支出总计均为1234.50万元。</p>"""


def site_page(article: str, charset: str = "utf-8", declare: bool = True) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if declare else ""
    return f"""<!DOCTYPE html><html><head>{meta}<title>遂宁市审计局2023年度部门决算公开_遂宁市人民政府</title>
<script>document.write("统计代码");</script><style>.nav{{color:red}}</style></head><body>
<div class="header"><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li>
<li><a href="/b">政务服务</a></li><li><a href="/c">互动交流</a></li></ul></div></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/a">政务公开</a> &gt; <a href="/c">财政预决算</a></div>
<div class="article"><h1>遂宁市审计局2023年度部门决算公开</h1>
<table class="info"><tr><td>索引号：</td><td>11510000MB0000000X/2024-00012</td><td>主题分类：</td><td>财政</td></tr>
<tr><td>发布机构：</td><td>遂宁市财政局</td><td>发布日期：</td><td>2024-09-12</td></tr></table>
<div id="zoom">{article}</div>
<div class="tools">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
<p>上一篇：<a href="/x">遂宁市审计局2023年度部门预算公开</a></p></div>
<div class="footer"><p>版权所有：遂宁市人民政府办公室　网站标识码：5100000001</p><p>蜀ICP备05000000号</p></div>
</body></html>"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding, "xmlcharrefreplace"))  # as a page does with what its charset lacks
    return path


def test_table_spans_nbsp_and_spans_inside_cells(tmp_path):
    doc = extract_document(write(tmp_path, "a.html", site_page(NARRATIVE + TABLE)))
    assert doc.format == "html"
    (g,) = doc.grids()
    assert g.title.replace(" ", "") == "收入支出决算总表\n单位名称：遂宁市审计局2023年度单位：万元"
    assert g.rows[0] == ["收入", None, "支出", None]
    assert g.rows[2] == ["一、一般公共预算\n财政拨款收入", "1,234.50", "一、一般公共服务支出", ""]
    assert g.rows[3] == [None, "0.00", "二、外交支出", "1,234.50"]
    assert g.covered_by == {(0, 1): (0, 0), (0, 3): (0, 2), (3, 0): (2, 0)}
    assert len(g.rows) == 4  # the hidden row is not read


def test_article_without_the_site_and_its_metadata(tmp_path):
    doc = extract_document(write(tmp_path, "a.html", site_page(NARRATIVE + TABLE)))
    text = doc.text
    assert "2023年度收、支总计均为1234.50万元" in text
    for furniture in ("首页", "政务服务", "当前位置", "索引号", "打印本页", "上一篇", "版权所有", "ICP", "统计代码", "主题分类"):
        assert furniture not in text, furniture
    assert doc.source_meta["publisher"] == "遂宁市财政局"
    assert doc.source_meta["published"] == "2024-09-12"
    assert doc.source_meta["index_no"] == "11510000MB0000000X/2024-00012"
    assert doc.source_meta["title"] == "遂宁市审计局2023年度部门决算公开"
    lines = doc.pages[0].text.split("\n")
    assert lines[:3] == ["遂宁市审计局2023年度部门决算公开", "发布日期：2024年9月12日", "一、收入支出决算总体情况说明"]
    assert "遂宁市财政局" not in doc.text  # the publisher is a candidate, not the report's text


def test_metadata_reader_sees_the_date_and_not_the_publisher_as_agency(tmp_path):
    from juesuan.normalize.metadata import guess_metadata

    doc = extract_document(write(tmp_path, "a.html", site_page(NARRATIVE + TABLE)))
    meta = guess_metadata(doc)
    assert meta["agency"] == "遂宁市审计局" and meta["published"] == "2024-09-12" and meta["year"] == 2023


@pytest.mark.parametrize("encoding,charset,declare", [
    ("gbk", "gb2312", True), ("gbk", "gbk", False), ("gb18030", "gb18030", True), ("utf-8", "utf-8", False),
    ("gbk", "utf-8", True),  # declared UTF-8, saved as GBK: the declaration does not decode it
    ("gbk", "iso-8859-1", True),  # a server's Latin-1 label on a Chinese page
])
def test_declared_or_detected_encodings(tmp_path, encoding, charset, declare):
    page = site_page(NARRATIVE.replace("均为", "均为（堃）") + TABLE, charset, declare)  # 堃: in GBK, not in GB2312
    doc = extract_document(write(tmp_path, "e.html", page, encoding))
    assert "2023年度收、支总计均为（堃）1234.50万元" in doc.text
    assert doc.grids()[0].rows[3][2] == "二、外交支出"


def test_big5_page_reads_in_simplified_script(tmp_path):
    import opencc  # the page in traditional script; the shared normaliser gives it back simplified

    trad = opencc.OpenCC("s2t").convert(site_page(NARRATIVE + TABLE, "big5"))
    for declare in (True, False):
        page = trad if declare else trad.replace('charset=big5', '')
        doc = extract_document(write(tmp_path, f"b{declare}.html", page, "big5hkscs"))
        assert "财政拨款收入、支出总计均为1234.50万元" in doc.text
        assert doc.grids()[0].title.startswith("收入支出决算总表")
        assert "索引" not in doc.text and "版权" not in doc.text  # 索引號, 版權所有: furniture in either script
        assert doc.source_meta["published"] == "2024-09-12" and doc.source_meta["publisher"] == "遂寧市財政局"


WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>财务科</o:Author></o:DocumentProperties></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>
<p class=MsoNormal align=center><b><span style='font-size:22pt'>遂宁市审计局</span></b><b><span lang=EN-US
style='font-size:22pt'>2023</span></b><b><span style='font-size:22pt'>年度部门决算<o:p></o:p></span></b></p>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
<p class=MsoNormal><![if !supportLists]><span lang=EN-US>1.</span><![endif]><span>收入支出决算总体情况说明：2023年度收、支总计均为1234.50万元。这是一个很长的段落，Word
在保存为网页时会在中文之间
折行。<o:p></o:p></span></p>
<span lang=EN-US style='font-size:10.5pt'><br clear=all style='mso-special-character:line-break;page-break-before:always'>
</span>
<p class=MsoNormal align=center><b><span>收入支出决算总表<o:p></o:p></span></b></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>
 <tr style='height:15.0pt'>
  <td width=100 colspan=2 valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal align=center><span>收入<span
  lang=EN-US><o:p></o:p></span></span></p></td>
  <td width=100 colspan=2 valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal align=center><span>支出<o:p></o:p></span></p></td>
 </tr>
 <tr><td><p class=MsoNormal><span>本年收入合计<o:p></o:p></span></p></td><td><p class=MsoNormal align=right><span
  lang=EN-US>1,2</span><span lang=EN-US>34.50<o:p></o:p></span></p></td>
  <td><p class=MsoNormal><span>本年支出合计</span></p></td><td><p class=MsoNormal align=right><span lang=EN-US>1,234.50</span></p></td></tr>
 <tr><td><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td><td><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td>
  <td><p class=MsoNormal><span>年末结转和结余</span></p></td><td><p class=MsoNormal align=right>0.00</p></td></tr>
 <![if !supportMisalignedColumns]><tr height=0><td width=50 style='border:none'></td><td width=50 style='border:none'></td>
  <td width=50 style='border:none'></td><td width=50 style='border:none'></td></tr><![endif]>
</table>
</div></body></html>"""


def test_word_saved_web_page(tmp_path):
    doc = extract_document(write(tmp_path, "word.htm", WORD, "gbk"))
    assert doc.page_count == 2
    first = doc.pages[0].text.split("\n")
    assert first[0] == "遂宁市审计局2023年度部门决算" and "财务科" not in doc.text
    assert "1.收入支出决算总体情况说明：2023年度收、支总计均为1234.50万元。这是一个很长的段落，Word 在保存为网页时会在中文之间折行。" in first
    (g,) = doc.pages[1].grids
    assert g.title == "收入支出决算总表"
    assert g.rows == [["收入", None, "支出", None], ["本年收入合计", "1,234.50", "本年支出合计", "1,234.50"],
                      ["", "", "年末结转和结余", "0.00"]]


def test_mht_archive(tmp_path):
    msg = MIMEMultipart("related")
    part = MIMEText(site_page(NARRATIVE + TABLE, "gb2312"), "html", "gb2312")
    msg.attach(part)
    path = tmp_path / "page.mht"
    path.write_bytes(msg.as_bytes())
    assert detect_format(path) == "mht"
    doc = extract_document(path)
    assert doc.format == "mht" and doc.grids()[0].rows[3][3] == "1,234.50"
    assert doc.source_meta["published"] == "2024-09-12"


def test_article_laid_out_in_tables(tmp_path):
    page = (f"<html><body><table width=1000><tr><td colspan=2><a href='/'>首页</a> <a href='/b'>政务公开</a>"
            f" <a href='/c'>办事服务</a></td></tr><tr><td width=760><h2>遂宁市审计局2023年度部门决算公开</h2>{NARRATIVE}{TABLE}</td>"
            "<td><ul><li><a href='/1'>中国政府网</a></li><li><a href='/2'>省人民政府</a></li><li><a href='/3'>市人民政府</a>"
            "</li></ul></td></tr></table></body></html>")
    doc = extract_document(write(tmp_path, "old.htm", page))
    assert "中国政府网" not in doc.text and "办事服务" not in doc.text
    assert doc.grids()[0].rows[2][1] == "1,234.50"


def test_web_page_named_xls_is_a_web_page(tmp_path):
    path = write(tmp_path, "决算报表.xls", site_page(TABLE))
    assert detect_format(path) == "html"
    assert extract_document(path).grids()[0].rows[0][0] == "收入"


def test_a_page_that_is_not_a_disclosure(tmp_path):
    from juesuan.pipeline import parse_file

    page = site_page("<p>　　为进一步做好春季农业生产工作，县农业农村局组织技术人员深入田间地头开展技术指导。</p>")
    path = write(tmp_path, "news.html", page)
    with pytest.raises(NotADisclosure) as info:
        parse_file(path)
    line = str(info.value)
    assert "\n" not in line and str(path) in line and "not a final-account disclosure" in line


def test_an_empty_page(tmp_path):
    from juesuan.errors import JuesuanError
    from juesuan.pipeline import parse_file

    path = write(tmp_path, "empty.html", "<html><head><title>x</title></head><body></body></html>")
    with pytest.raises(JuesuanError) as info:
        parse_file(path)
    assert str(path) in str(info.value)


def test_narrative_words_that_the_furniture_also_uses_are_kept(tmp_path):
    para = ("<p>　　三、项目绩效：资金来源为财政拨款，文号清楚，有效性良好；为全市提供技术支持，"
            "主办单位为本局，访问量较上年增加。</p>")
    doc = extract_document(write(tmp_path, "a.html", site_page(NARRATIVE + para + TABLE)))
    assert "资金来源为财政拨款，文号清楚，有效性良好；为全市提供技术支持，主办单位为本局，访问量较上年增加。" in doc.text
    assert doc.source_meta["publisher"] == "遂宁市财政局"


def test_the_sites_logo_heading_is_not_the_title(tmp_path):
    page = site_page(NARRATIVE + TABLE).replace('<div class="header">', '<div class="header"><h1>遂宁市人民政府门户网站</h1>')
    page = page.replace("<h1>遂宁市审计局2023年度部门决算公开</h1>", "<h2>遂宁市审计局2023年度部门决算公开</h2>")
    doc = extract_document(write(tmp_path, "a.html", page))
    assert doc.source_meta["title"] == "遂宁市审计局2023年度部门决算公开"
    assert doc.pages[0].text.startswith("遂宁市审计局2023年度部门决算公开\n")
    assert "门户网站" not in doc.text

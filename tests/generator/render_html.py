"""Render a SyntheticReport as a web page, as disclosures are published: the same narrative and printed
grids as the PDF and DOCX renderers (layout.build_spec / to_grid, projects.project_grid), tables as
<table> with rowspan / colspan. Two flavours:

* "site": an article on a government site — header, navigation, breadcrumb, a 索引号 / 发布机构 /
  发布日期 block, the article (title, narrative, tables), share and print tools, 上一篇 / 下一篇, related
  links, a footer with 版权所有 / 网站标识码 / ICP备 — in UTF-8 or GBK (declared as gb2312, or not at all);
* "word": a document saved by Word as a web page — MsoNormal paragraphs, spans cut inside numbers,
  <o:p>, conditional comments, &nbsp; in empty cells, page breaks as <br style='page-break-before:always'>,
  source lines wrapped inside Chinese text.

Page-only choices come from an HtmlStyle drawn from the seed."""

from __future__ import annotations

import html
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from .canonical import SyntheticReport
from .grid import SpanGrid
from .layout import build_spec, to_grid
from .printing import prepare
from .projects import project_grid
from .script import to_traditional
from .variations import Variation


@dataclass(frozen=True)
class HtmlStyle:
    flavour: str  # "site" | "word"
    encoding: str  # "utf-8" | "gbk"
    declared: bool  # the charset declared in a <meta> (else detected)
    caption: str  # "lines" (title, 表号, caption as paragraphs) | "table" (caption as a one-row table)
    #               | "in_table" (title and caption as full-width rows of the table itself, as Excel saves them)
    layout_table: bool  # the site's page laid out with tables (older county sites)
    nbsp: bool  # empty cells hold &nbsp;

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())


def choose_style(seed: int, **override) -> HtmlStyle:
    rng = random.Random(f"html-style-{seed}")
    s = dict(flavour=rng.choice(["site", "site", "word"]), encoding=rng.choice(["utf-8", "gbk"]),
             declared=rng.random() < 0.8, caption=rng.choice(["lines", "table", "in_table"]),
             layout_table=rng.random() < 0.3, nbsp=rng.random() < 0.5)
    s.update(override)
    return HtmlStyle(**s)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


class Writer:
    def __init__(self, report: SyntheticReport, v: Variation, style: HtmlStyle, rng: random.Random):
        self.report, self.v, self.style, self.rng = report, v, style, rng
        self.out: list[str] = []

    def tx(self, text: str) -> str:
        return to_traditional(text) if self.v.script == "traditional" else text

    def word_text(self, text: str) -> str:
        """Escaped text; Word flavour: runs cut into spans, source lines wrapped inside Chinese text."""
        text = esc(self.tx(text))
        if self.style.flavour != "word" or len(text) < 4:
            return text
        cut = self.rng.randrange(1, len(text))
        if "&" in text[max(0, cut - 6):cut + 1]:  # never inside an entity
            return f"<span lang=ZH-CN>{text}</span>"
        return f"<span lang=ZH-CN>{text[:cut]}</span><span\r\nlang=EN-US>{text[cut:]}</span>"

    def wrap(self, text: str) -> str:
        """Word wraps its source lines at about 76 characters, inside Chinese text too."""
        if self.style.flavour != "word":
            return text
        lines, line = [], ""
        for i, ch in enumerate(text):
            line += ch
            after = text[i + 1:i + 2]
            if len(line) >= 76 and "\u4e00" <= ch <= "\u9fff" and "\u4e00" <= after <= "\u9fff" \
                    and "<" not in line[-10:]:
                lines.append(line)
                line = ""
        return "\r\n".join(lines + [line])

    def para(self, text: str, align: str = "", bold: bool = False) -> None:
        body = self.word_text(text)
        if bold:
            body = f"<b>{body}</b>"
        if self.style.flavour == "word":
            a = f" align={align}" if align else ""
            self.out.append(self.wrap(f"<p class=MsoNormal{a}>{body}<span lang=EN-US><o:p></o:p></span></p>"))
        else:
            a = f' style="text-align:{align}"' if align else ""
            self.out.append(f"<p{a}>{body}</p>")

    def page_break(self) -> None:
        if self.style.flavour == "word":
            self.out.append("<span lang=EN-US style='font-size:10.5pt;font-family:\"Times New Roman\"'><br clear=all\r\n"
                            "style='mso-special-character:line-break;page-break-before:always'>\r\n</span>")

    def table(self, g: SpanGrid, top: list[str] = ()) -> None:
        """A span grid as <table>; top: full-width rows written above the header (title, caption)."""
        word = self.style.flavour == "word"
        attrs = (" class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;"
                 "border:none;mso-border-alt:solid windowtext .5pt'" if word else ' border="1" cellspacing="0"')
        rows = [[] for _ in range(g.nrows)]
        for c in sorted(g.cells, key=lambda c: (c.row, c.col)):
            rows[c.row].append(c)
        out = [f"<table{attrs}>"]
        if not word and self.rng.random() < 0.5:
            out.append("<tbody>")
        for line in top:
            out.append(f"<tr><td colspan={g.ncols} align=center>{self.word_text(line)}</td></tr>")
        for r, cells in enumerate(rows):
            out.append("<tr style='height:15.0pt'>" if word else "<tr>")
            for c in cells:
                span = (f" rowspan={c.rs}" if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
                text = self.word_text(c.text) if c.text else ("&nbsp;" if self.style.nbsp else "")
                align = {"l": "left", "c": "center", "r": "right"}[c.align]
                if word:
                    out.append(f"<td width=80{span} valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'>"
                               f"<p class=MsoNormal align={align}><span style='font-size:9.0pt'>{text}"
                               f"<span lang=EN-US><o:p></o:p></span></span></p></td>")
                else:
                    out.append(f"<td{span} align={align}>{text}</td>")
            out.append("</tr>")
        if "<tbody>" in out:
            out.append("</tbody>")
        out.append("</table>")
        self.out.append("\r\n".join(out) if word else "\n".join(out))


def narrative(w: Writer) -> None:
    for heading, paras in w.report.sections:
        w.para(heading, bold=True)
        for p in paras:
            for line in p.split("\n"):
                heading = len(line) < 40 and "万元" not in line and line[:1] in "一二三四五六七八九十（"
                w.para(line if heading else "\u3000\u3000" + line, bold=heading)


def tables(w: Writer, rng: random.Random) -> None:
    r, m, v = w.report, w.report.meta, w.v
    for number, t in enumerate(r.tables.values(), 1):
        spec = build_spec(rng, r, t, v, number)
        g = to_grid(spec, [c for c, _ in spec.cols], v)
        w.page_break()
        unit = f"单位：{r.unit}"
        rest = [unit] if v.caption == "unit_only" else [f"单位名称：{m['agency']}", f"{m['year']}年度", unit]
        if w.style.caption == "in_table":
            w.table(g, [spec.title, "    ".join(([spec.form] if spec.form else []) + rest)])
        else:
            w.para(spec.title, "center", bold=True)
            if spec.form:
                w.para(spec.form, "right")
            if w.style.caption == "table" and len(rest) == 3:
                cells = "".join(f"<td>{w.word_text(x)}</td>" for x in rest)
                w.out.append(f"<table width=\"100%\"><tr>{cells}</tr></table>")
            else:
                w.para("\u3000\u3000".join(rest))
            w.table(g)
        if spec.note:
            w.para(spec.note)


def projects(w: Writer) -> None:
    r = w.report
    for p in r.projects:
        grid = project_grid(r, p, [i for i in r.indicators if i.project_code == p.project_code])
        w.page_break()
        title = f"{p.project_name}项目支出绩效自评表（{r.meta['year']}年度）" if len(p.project_name) < 12 \
            else f"部门预算项目支出绩效自评表（{r.meta['year']}年度）"
        w.para(title, "center", bold=True)
        w.table(grid)


def body(w: Writer, rng: random.Random) -> None:
    parts = [lambda: narrative(w), lambda: tables(w, rng), lambda: projects(w)]
    order = [1, 0, 2] if w.v.tables_first else [0, 2, 1] if rng.random() < 0.5 else [0, 1, 2]
    for i in order:
        parts[i]()


SITE_HEAD = """<div class="top-bar"><a href="/">无障碍浏览</a> | <a href="/en">English</a> | <a href="/m">手机版</a></div>
<div class="header"><div class="logo"><img src="/logo.png" alt="{site}"></div>
<div class="search"><form action="/search"><input name="q" value="请输入关键字"><button>搜索</button></form></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/zjxx">走进{short}</a></li><li><a href="/czyjs">财政预决算公开专栏</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/czyjs">财政预决算</a> &gt; 部门决算</div>"""

SITE_INFO = """<table class="xxgk-info" width="100%">
<tr><td>索&nbsp;引&nbsp;号：</td><td>{index}</td><td>主题分类：</td><td>财政、金融、审计</td></tr>
<tr><td>发布机构：</td><td>{publisher}</td><td>成文日期：</td><td>{written}</td></tr>
<tr><td>标&nbsp;&nbsp;&nbsp;&nbsp;题：</td><td colspan="3">{title}</td></tr>
<tr><td>文&nbsp;&nbsp;&nbsp;&nbsp;号：</td><td></td><td>发布日期：</td><td>{published}</td></tr></table>"""

SITE_TOOLS = """<div class="article-tools">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】
<a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="bdshare">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="prev-next"><p>上一篇：<a href="/a1">{short}2023年度部门预算公开</a></p><p>下一篇：<a href="/a2">{short}2022年度政府采购信息</a></p></div>"""

SITE_SIDE = """<div class="side"><h3>相关链接</h3><ul><li><a href="/1">中国政府网</a></li><li><a href="/2">{province}人民政府</a></li>
<li><a href="/3">{province}财政厅</a></li><li><a href="/4">国家统计局</a></li></ul></div>"""

SITE_FOOT = """<div class="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>主办单位：{site}办公室　承办单位：{site}大数据中心　版权所有：{site}</p>
<p>网站标识码：5119000012　<a href="https://beian.miit.gov.cn">蜀ICP备05003307号</a>　川公网安备 51190202000101号</p></div>"""


def render_html(report: SyntheticReport, v: Variation, path: Path, style: HtmlStyle | None = None) -> HtmlStyle:
    style = style or choose_style(v.seed)
    prepare(report, v)
    rng = random.Random(f"render-html-{v.seed}")
    w = Writer(report, v, style, random.Random(f"html-runs-{v.seed}"))
    m = report.meta
    title = w.tx(f"{m['agency']}{m['year']}年度{m['kind']}公开")
    y, mo, d = m["published"].split("-")
    charset = "gb2312" if style.encoding == "gbk" else "utf-8"
    if style.flavour == "word":
        for i, text in enumerate([f"{m['year']}年度", m["agency"], m["kind"],
                                  f"公开时间：{y}年{int(mo)}月{int(d)}日"]):
            w.para(text, "center", bold=i < 3)
        w.page_break()
        body(w, rng)
        meta = f"<meta http-equiv=Content-Type content=\"text/html; charset={charset}\">\r\n" if style.declared else ""
        page = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\r\nxmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\n"
                "xmlns:w=\"urn:schemas-microsoft-com:office:word\"\r\nxmlns=\"http://www.w3.org/TR/REC-html40\">\r\n\r\n<head>\r\n"
                f"{meta}<meta name=ProgId content=Word.Document>\r\n<meta name=Generator content=\"Microsoft Word 15\">\r\n"
                f"<title>{esc(title)}</title>\r\n<!--[if gte mso 9]><xml>\r\n <o:DocumentProperties>\r\n  <o:Author>财务科</o:Author>\r\n"
                " </o:DocumentProperties>\r\n</xml><![endif]-->\r\n<style>\r\n<!--\r\n p.MsoNormal\r\n\t{margin:0cm;\r\n\tfont-size:10.5pt;}\r\n"
                "@page WordSection1\r\n\t{size:595.3pt 841.9pt;}\r\ndiv.WordSection1\r\n\t{page:WordSection1;}\r\n-->\r\n</style>\r\n"
                "</head>\r\n\r\n<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\r\n\r\n"
                "<div class=WordSection1 style='layout-grid:15.6pt'>\r\n\r\n" + "\r\n\r\n".join(w.out)
                + "\r\n\r\n</div>\r\n\r\n</body>\r\n\r\n</html>\r\n")
    else:
        body(w, rng)
        site = m["region"][-1] + "人民政府" if m["region"] else "人民政府"
        short = m["region"][-1] if m["region"] else ""
        fields = dict(site=site, short=short, province=m["region"][0] if m["region"] else "", title=esc(title),
                      publisher=w.tx(m["agency"]), index=f"11510{rng.randint(100, 999)}MB1{rng.randint(10**6, 10**7)}/"
                      f"{int(y)}-{rng.randint(1000, 9999)}", written=f"{y}-{mo}-{d}", published=f"{y}-{mo}-{d}")
        article = (f"<div class=\"article\"><h1 class=\"article-title\">{esc(title)}</h1>\n"
                   f"<div class=\"article-info\">发布时间：{y}-{mo}-{d} 10:3{rng.randint(0, 9)}　来源：{w.tx(m['agency'])}　"
                   f"浏览次数：{rng.randint(10, 999)}</div>\n"
                   + SITE_INFO.format(**fields) + "\n<div id=\"zoom\" class=\"TRS_Editor\">\n" + "\n".join(w.out)
                   + "\n</div>\n" + SITE_TOOLS.format(**fields) + "\n</div>")
        main = (f"<div class=\"main\">\n{article}\n{SITE_SIDE.format(**fields)}\n</div>")
        if style.layout_table:
            main = (f"<table width=\"1000\" align=\"center\"><tr><td width=\"760\" valign=\"top\">{article}</td>"
                    f"<td width=\"240\" valign=\"top\">{SITE_SIDE.format(**fields)}</td></tr></table>")
        meta = f"<meta charset=\"{charset}\">\n" if style.declared else ""
        page = (f"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n{meta}<title>{esc(title)}_{site}</title>\n"
                f"<meta name=\"ArticleTitle\" content=\"{esc(title)}\">\n<meta name=\"PubDate\" content=\"{y}-{mo}-{d} 10:30\">\n"
                f"<meta name=\"ContentSource\" content=\"{w.tx(m['agency'])}\">\n"
                "<script>var _hmt = _hmt || []; document.write('统计');</script>\n<style>.nav li{float:left}</style>\n"
                f"</head>\n<body>\n{SITE_HEAD.format(**fields)}\n{main}\n{SITE_FOOT.format(**fields)}\n</body>\n</html>\n")
    data = page.encode("gb18030" if style.encoding == "gbk" else "utf-8")  # GBK's superset: every character
    Path(path).write_bytes(data)
    return style


__all__ = ["render_html", "choose_style", "HtmlStyle"]

"""Guess a report's metadata (agency, region, sector, year, kind, date) from its text.

report.yml wins over every guess (pipeline.meta_for); these guesses fill what the
contributor left out. The title wins over the body: the cover of a PDF or the first lines of a
web page or text export (its page header — banner, navigation, 发布机构, 来源 — left out), read
as one title even when it wraps over several lines ("上海市普陀区规划和自然 / 资源局2024年度部门
决算"), in the families "<单位><年>年度[部门|单位]决算…", "<单位><年>年度决算公开说明",
"<年>年度<单位>（本级）决算公开", "<单位><年>年度“三公”经费…决算…", "关于<单位>…". A cover
reading "单位决算" over sections titled "部门决算情况说明" is a 单位决算.

An agency is published only when it is sure: a name of Chinese characters that ends as an
organisation does and holds no word of a page header or a title ("欢迎来到…", "发布机构…",
"XX局" placeholders are refused); two titles naming two agencies are not sure either. Otherwise
``agency`` is "" and the pipeline stops with the request for ``--meta``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import yaml

from juesuan.models import ExtractedDocument
from juesuan.normalize.facts_text import PINYIN
from juesuan.normalize.metadata_regions import region_of
from juesuan.textnorm import clean, is_traditional

COVER_LINES = 15
HEADER_LINES = 40  # lines read for a title when the first page is not a cover
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _schema(name: str) -> dict:
    return yaml.safe_load(resources.files("juesuan").joinpath(f"schemas/{name}.yaml").read_text("utf-8"))


__all__ = ["guess_metadata", "region_of", "sector_of", "title_of", "valid_agency"]


_WORDS = _schema("metadata")  # schemas/metadata.yaml: the words, validated by metadata.schema.json
ORG_SUFFIX = "(?:" + "|".join(_WORDS["org_suffixes"]) + ")"
_NAME = r"[\u4e00-\u9fff（）()]{4,40}?"
AGENCY_IN_BODY = [
    re.compile(rf"\d{{4}}年度?[，,]?(?P<a>{_NAME}{ORG_SUFFIX})(?:机关运行经费|政府采购支出总额|共有车辆)"),
    re.compile(rf"(?:^|[。\d][.、．]?)(?P<a>{_NAME}{ORG_SUFFIX})(?:属于|属|是|为)一级(?:预算|决算)"),
    re.compile(rf"(?:^|[，,。；])(?P<a>{_NAME}{ORG_SUFFIX})(?:\d{{4}}年)?部门整体[（(]"),
    # part headings: "第一部分 <单位>概况", "第二部分 <单位>2024年度部门决算表"
    re.compile(rf"^第[一1]部分[:：]?(?P<a>{_NAME}{ORG_SUFFIX})(?:[（(]本级[)）])?(?:单位|部门)?"
               r"(?:概况|基本情况)$", re.M),
    re.compile(rf"^第[二三四2-4]部分[:：]?(?P<a>{_NAME}{ORG_SUFFIX})(?:[（(]本级[)）])?\d{{4}}年度?"
               r"(?:部门|单位)?决算", re.M),
]
YEAR_KIND = re.compile(r"(20\d\d)年度?(部门|单位)决算")

# Lines of a web page's header that are never the title; words an agency name never holds
JUNK_LINE = re.compile("|".join(_WORDS["junk_lines"]))
NAME_JUNK = re.compile("|".join(_WORDS["name_junk"]))
_SPLIT = re.compile(r"[_|｜]|——|--")
_REGION_START = re.compile(
    r"^(?:中共|中国|共青团|国家|全国)|^[\u4e00-\u9fff]{1,8}?(?:省|市|自治区|自治州|特别行政区|地区|盟|县|旗)"
    r"|^[\u4e00-\u9fff]{2,6}?区")
_BODY_START = re.compile(r"^(?:目录|目次|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]"
                         r"|[（(][一二三四五六七八九十]+[)）])")
_YEAR = r"(?P<y>20\d\d)年(?:度)?"
_THREE_PUBLIC = r"(?:(?:一般公共预算)?(?:财政拨款)?[“\"‘']?三公[”\"’']?经费(?:财政拨款)?(?:支出)?)?"
_TAIL = r"决算(?:表)?[\u4e00-\u9fff（）()“”\"、]{0,16}$"
_A = r"[\u4e00-\u9fff（）()]{2,40}?"
# "<单位><年>年度[部门|单位]决算…", "<单位>关于<年>年度…决算…的说明", "<单位><年>年度“三公”经费…决算…",
# "<年>年度<单位>（本级）决算公开", "关于<单位><年>年度…决算…"
TITLES = [
    re.compile(rf"^(?:关于)?(?:公开)?(?P<a>{_A})(?P<bj1>[（(]本级[)）]|本级)?(?:关于)?(?:公开)?{_YEAR}"
               rf"(?P<bj2>[（(]本级[)）]|本级)?(?P<k>部门|单位)?{_THREE_PUBLIC}{_TAIL}"),
    re.compile(rf"^(?:关于)?(?:公开)?{_YEAR}(?P<a>{_A})(?P<bj1>[（(]本级[)）]|本级)?(?P<k>部门|单位)?"
               rf"{_THREE_PUBLIC}{_TAIL}"),
]
PUBLISHED = re.compile(
    r"(?:公开|发布|公布)(?:时间|日期)[:：]?(20\d\d)[年\-./](\d{1,2})[月\-./](\d{1,2})日?")
FORM_CODE = re.compile(r"财决公开(\d{2})表?")
LISTED_TABLE = re.compile(r"^[-*•]?([一二三四五六七八九十]{1,3})、[^，。]{2,30}表$")
DECIMAL = re.compile(r"\d+\.\d{2}(?!\d)")
SECTORS = [tuple(pair) for pair in _WORDS["sectors"]]  # (keyword, sector); the first match wins


def _lines(text: str) -> list[str]:
    return [s for s in (PINYIN.sub("", re.sub(r"\s+", "", x)) for x in text.split("\n")) if s]


def cover_lines(doc: ExtractedDocument) -> list[str]:
    """The title page's lines: before 目录 / 第一部分, at most COVER_LINES."""
    lines = _lines(doc.pages[0].text) if doc.pages else []
    if doc.pages and doc.page_format(doc.pages[0]) == "pdf" and len(lines) > COVER_LINES:
        return []
    out = []
    for line in lines[:COVER_LINES]:
        if re.match(r"^(?:目录|第[一二三四五六七八九十]+部分)", line):
            break
        out.append(line)
    return out


def header_lines(doc: ExtractedDocument) -> list[str]:
    """The lines that may carry the title: the cover, else the document's first lines before
    its body starts (目录, 第一部分, 一、…, a paragraph); page headers of a web page left out,
    a title with the site's name appended ("…决算_某区人民政府") cut there."""
    raw: list[str] = []
    meta_title = doc.source_meta.get("title", "")
    if meta_title:  # a web page's own title (<meta name="ArticleTitle">, <title>): never its 发布机构
        raw += _lines(clean(meta_title))
    for page in doc.pages:
        raw += _lines(clean(page.text))
        if len(raw) >= HEADER_LINES:
            break
    out: list[str] = []
    for line in raw[:HEADER_LINES]:
        if _BODY_START.match(line) or len(line) > 60:
            break
        if is_traditional(line):
            line = clean(line, traditional=True)
        for part in _SPLIT.split(line):
            part = part.strip("《》【】[]〔〕<>“”\"'：:，,。.;；")
            if part and not JUNK_LINE.search(part):
                out.append(part)
    return out


def _has_region(name: str) -> bool:
    return bool(_REGION_START.search(name))


def valid_agency(name: str) -> bool:
    """A name that can be published as the agency: Chinese characters (and brackets) only,
    ending as an organisation does, holding no word of a page header or a title, and either
    starting with its region or long enough to stand alone (a fragment such as "资源局" of a
    name wrapped over two lines is not a name)."""
    if not re.fullmatch(r"[\u4e00-\u9fff（）()]{3,60}", name or ""):
        return False
    alias = re.fullmatch(r"(?P<main>.+?)[（(](?P<alias>[^（）()]+)[)）]", name)
    if alias:  # "杭州市钱塘区综合行政执法局（杭州市钱塘区城市管理局）": both names must be names
        return valid_agency(alias["main"]) and valid_agency(alias["alias"])
    if not re.search(rf"{ORG_SUFFIX}$", name) or NAME_JUNK.search(name) or len(name) > 40:
        return False
    return _has_region(name) or len(name) >= 5


def _strip_level(name: str) -> str:
    """Without "（本级）"; brackets full-width."""
    return re.sub(r"[（(]本级[)）]$|本级$", "", name).replace("(", "（").replace(")", "）")


@dataclass
class _Title:
    agency: str
    year: int | None
    kind: str  # 部门决算 / 单位决算 / ""
    own_level: bool  # （本级）
    first: int  # index of its first line
    lines: int


def _match_title(text: str) -> re.Match[str] | None:
    for pattern in TITLES:
        m = pattern.match(text)
        if m:
            return m
    return None


def _two_names(lines: list[str], m: re.Match[str]) -> bool:
    """The agency of a title read over several lines runs two names together: a line that is a
    name of its own (a site's banner "某区人民政府") before a name that starts with its region."""
    start, end, at = m.start("a"), m.end("a"), 0
    for line in lines[:-1]:
        at += len(line)
        if start < at < end and valid_agency(m.string[start:at]) and _has_region(m.string[at:end]):
            return True
    return False


def _titles(lines: list[str]) -> list[_Title]:
    """Every reading of one to four consecutive header lines as a title with its agency. A
    title line whose agency does not start with its region takes the line before it when that
    line is a fragment of a name (a cover that wraps "上海市普陀区规划和自然 / 资源局2024年度…")."""
    found: list[_Title] = []
    for i in range(len(lines)):
        for k in range(1, 5):
            if i + k > len(lines):
                break
            m = _match_title("".join(lines[i:i + k]))
            if not m or _two_names(lines[i:i + k], m):
                continue
            agency = _strip_level(m["a"])
            if k == 1 and i > 0 and not _has_region(agency) and m.start("a") == 0 \
                    and re.fullmatch(r"[\u4e00-\u9fff（）()]{2,30}", lines[i - 1]) \
                    and not NAME_JUNK.search(lines[i - 1]):
                agency, i0, k0 = lines[i - 1] + agency, i - 1, 2
            else:
                i0, k0 = i, k
            kind = (m["k"] + "决算") if m["k"] else ""
            own = bool(m.groupdict().get("bj1") or m.groupdict().get("bj2")
                       or m["a"].endswith(("本级", "本级）", "本级)")))
            found.append(_Title(agency, int(m["y"]), kind, own, i0, k0))
    return found


UNSURE = _Title("", None, "", False, 0, 0)  # titles naming two agencies
_REGION_PART = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:自治州|自治县|地区|省|市|州|县|区|旗|盟)")


def _same_agency(a: str, b: str) -> bool:
    """One agency named with its region shortened ("楚雄州…中心" / "楚雄彝族自治州…中心")."""
    ra, rb = _REGION_PART.match(a), _REGION_PART.match(b)
    if not ra or not rb or a[ra.end():] != b[rb.end():] or len(a) - ra.end() < 3:
        return False
    return a[:2] == b[:2]


def title_of(doc: ExtractedDocument) -> _Title | None:
    """The disclosure's title when its header names exactly one valid agency; ``UNSURE`` when
    it names two (a list of reports, a banner run into a title); None when it names none."""
    titles = [t for t in _titles(header_lines(doc)) if valid_agency(t.agency)]
    if not titles:
        return None
    names = {t.agency for t in titles}
    longest = max(names, key=len)
    if any(n not in longest and not _same_agency(n, longest) for n in names):
        return UNSURE  # two different agencies: not sure which
    best = [t for t in titles if t.agency == longest]
    return min(best, key=lambda t: (t.first, -t.lines))


def _agency(cover: list[str], text: str, title: _Title | None = None) -> str:
    if title is not None:
        return title.agency  # "" when UNSURE: no fallback on a guess
    for line in cover:
        line = re.sub(r"(?:20\d\d年度?)?(?:部门|单位)决算.*$|^20\d\d年度?", "", line)
        if re.fullmatch(rf"[\u4e00-\u9fff（）()]{{2,40}}{ORG_SUFFIX}", line) and valid_agency(_strip_level(line)):
            return _strip_level(line)
    found: Counter[str] = Counter()
    for pattern in AGENCY_IN_BODY:
        found.update(m["a"] for m in pattern.finditer(text) if valid_agency(m["a"]))
    ranked = found.most_common(2)
    if not ranked:
        return ""
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1] and ranked[1][0] not in ranked[0][0] \
            and ranked[0][0] not in ranked[1][0]:
        return ""  # the body names two agencies as often: not sure which
    return ranked[0][0]


def sector_of(agency: str) -> str:
    return next((s for k, s in SECTORS if k in agency), "")


def _year_kind(cover: list[str], text: str, title: _Title | None = None) -> tuple[int | None, str]:
    """Year and kind: the title's, else the cover's, else the body headings' ("2023年度单位决算
    情况说明"); a kind the text never names is 单位决算 for a unit's own (本级) report, else
    部门决算."""
    cover_text = "".join(cover)
    kind = title.kind if title and title.kind else next((k for k in ("单位决算", "部门决算") if k in cover_text), "")
    year_m = re.search(r"(20\d\d)年", cover_text)
    heads = Counter(YEAR_KIND.findall(text))
    year = title.year if title and title.year else (int(year_m.group(1)) if year_m else None)
    if year is None and heads:
        year = int(heads.most_common(1)[0][0][0])
    if year is None:
        years = Counter(re.findall(r"(20\d\d)年度", text))
        year = int(years.most_common(1)[0][0]) if years else None
    if not kind:
        kinds = Counter(k for _, k in heads)
        if kinds:
            kind = kinds.most_common(1)[0][0] + "决算"
        else:
            named = Counter(re.findall(r"(部门|单位)决算", text))
            kind = (named.most_common(1)[0][0] + "决算") if named else (
                "单位决算" if title and title.own_level else "部门决算")
    return year, kind


def _published(text: str) -> str | None:
    m = PUBLISHED.search(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _cn_number(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_DIGITS.get(s[1:], 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _CN_DIGITS.get(tens, 0) * 10 + _CN_DIGITS.get(ones, 0)
    return _CN_DIGITS.get(s, 0)


def template_hint(lines: list[str], province: str) -> str:
    """'四川省13张表（财决公开01-13表）' / '…（附表仅列标题，未附表内容）' / ''."""
    flat = "".join(lines)
    forms = sorted({int(x) for x in FORM_CODE.findall(flat)})
    starts = [i for i, line in enumerate(lines) if re.match(r"^(?:第[一二三四五六七八九十]+部分)?附表$", line)]
    tail = lines[starts[-1] + 1:] if starts else []
    listed = [_cn_number(m.group(1)) for m in map(LISTED_TABLE.match, tail) if m]
    count = max(forms or listed or [0])
    if not count:
        return ""
    hint = f"{province}{count}张表"
    if forms:
        return hint + f"（财决公开{forms[0]:02d}-{forms[-1]:02d}表）"
    if listed and len(DECIMAL.findall("".join(tail))) < count:
        return hint + "（附表仅列标题，未附表内容）"
    return hint


def guess_metadata(doc: ExtractedDocument) -> dict:
    """The metadata the document states. ``agency`` is "" when the text does not name it
    for sure (no title with a valid name, or two titles naming different agencies): the
    pipeline then asks for ``--meta`` rather than publish a guess."""
    text = clean(doc.text)
    flat = re.sub(r"\s+", "", text)
    cover = [clean(line) for line in cover_lines(doc)]
    title = title_of(doc)
    agency = _agency(cover, "\n".join(_lines(text)), title)
    region = region_of(agency, flat)
    year, kind = _year_kind(cover, flat, title)
    return {
        "agency": agency,
        "region": region,
        "sector": sector_of(agency),
        "year": year,
        "kind": kind,
        "published": _published(flat) or doc.source_meta.get("published"),
        "template": template_hint(_lines(text), region[0] if region else ""),
    }

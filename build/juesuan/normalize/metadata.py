"""Guess a report's metadata (agency, region, sector, year, kind, date) from its text.

report.yml wins over every guess (pipeline.meta_for); these guesses fill what the
contributor left out. The cover (title page) wins over body headings: a cover reading
"单位决算" over sections titled "部门决算情况说明" is a 单位决算.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

import yaml

from juesuan.models import ExtractedDocument

COVER_LINES = 15
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
ORG_SUFFIX = r"(?:分局|局|委员会|委|办公室|办|院|厅|部|中心|所|队|站|馆|会|社|处|校|园|政府|街道)"
_NAME = r"[\u4e00-\u9fff（）()]{4,40}?"
AGENCY_IN_BODY = [
    re.compile(rf"\d{{4}}年度?[，,]?(?P<a>{_NAME}{ORG_SUFFIX})(?:机关运行经费|政府采购支出总额|共有车辆)"),
    re.compile(rf"(?:^|[。\d][.、．]?)(?P<a>{_NAME}{ORG_SUFFIX})(?:属于|属|是|为)一级(?:预算|决算)"),
    re.compile(rf"(?:^|[，,。；])(?P<a>{_NAME}{ORG_SUFFIX})(?:\d{{4}}年)?部门整体[（(]"),
]
YEAR_KIND = re.compile(r"(20\d\d)年度?(部门|单位)决算")
PUBLISHED = re.compile(
    r"(?:公开|发布|公布)(?:时间|日期)[:：]?(20\d\d)[年\-./](\d{1,2})[月\-./](\d{1,2})日?")
FORM_CODE = re.compile(r"财决公开(\d{2})表?")
LISTED_TABLE = re.compile(r"^[-*•]?([一二三四五六七八九十]{1,3})、[^，。]{2,30}表$")
DECIMAL = re.compile(r"\d+\.\d{2}(?!\d)")
# (keyword in the agency name, sector); the first match wins, so specific words come first
SECTORS = [
    ("公安", "公安"), ("检察院", "检察"), ("法院", "法院"), ("司法", "司法"),
    ("纪律检查", "纪检监察"), ("纪委", "纪检监察"), ("监察", "纪检监察"),
    ("财政", "财政"), ("税务", "税务"), ("审计", "审计"), ("统计", "统计"),
    ("发展和改革", "发展改革"), ("发展改革", "发展改革"), ("经济和信息化", "经济和信息化"),
    ("教育", "教育"), ("学校", "教育"), ("中学", "教育"), ("小学", "教育"), ("幼儿园", "教育"),
    ("大学", "教育"), ("学院", "教育"), ("科学技术", "科技"), ("科技", "科技"),
    ("卫生健康", "卫生健康"), ("医院", "卫生健康"), ("卫生院", "卫生健康"),
    ("疾病预防控制", "卫生健康"), ("医疗保障", "医疗保障"),
    ("人力资源和社会保障", "人力资源和社会保障"), ("民政", "民政"),
    ("退役军人", "退役军人事务"), ("自然资源", "自然资源"), ("生态环境", "生态环境"),
    ("住房和城乡建设", "住房和城乡建设"), ("交通运输", "交通运输"), ("水利", "水利"),
    ("农业农村", "农业农村"), ("林业", "林业和草原"), ("商务", "商务"),
    ("文化", "文化旅游"), ("旅游", "文化旅游"), ("体育", "体育"),
    ("市场监督管理", "市场监管"), ("应急管理", "应急管理"), ("消防", "消防救援"),
    ("档案", "档案"), ("组织部", "党委"), ("宣传部", "党委"), ("统战部", "党委"),
    ("政法委", "党委"), ("委员会办公室", "党委"), ("人民代表大会", "人大"), ("人大", "人大"),
    ("政协", "政协"), ("人民政府", "政府"), ("街道", "政府"), ("乡", "政府"), ("镇", "政府"),
]


@cache
def _regions() -> dict:
    text = resources.files("juesuan").joinpath("schemas/regions.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    city_province = {c: p for p, cities in (data.get("cities") or {}).items() for c in cities or []}
    return {"provinces": {str(k): v for k, v in data["provinces"].items()},
            "city_province": city_province}


def _lines(text: str) -> list[str]:
    return [s for s in (re.sub(r"\s+", "", x) for x in text.split("\n")) if s]


def cover_lines(doc: ExtractedDocument) -> list[str]:
    """The title page's lines: before 目录 / 第一部分, at most COVER_LINES."""
    lines = _lines(doc.pages[0].text) if doc.pages else []
    if doc.format == "pdf" and len(lines) > COVER_LINES:
        return []
    out = []
    for line in lines[:COVER_LINES]:
        if re.match(r"^(?:目录|第[一二三四五六七八九十]+部分)", line):
            break
        out.append(line)
    return out


def _agency(cover: list[str], text: str) -> str:
    for line in cover:
        line = re.sub(r"(?:20\d\d年度?)?(?:部门|单位)决算.*$|^20\d\d年度?", "", line)
        if re.fullmatch(rf"[\u4e00-\u9fff（）()]{{2,40}}{ORG_SUFFIX}", line):
            return line
    found: Counter[str] = Counter()
    for pattern in AGENCY_IN_BODY:
        found.update(m["a"] for m in pattern.finditer(text))
    return found.most_common(1)[0][0] if found else ""


def region_of(agency: str, text: str = "") -> list[str]:
    """['四川省', '遂宁市', '安居区'] from '遂宁市公安局安居区分局' (as far as inferable); a
    municipality (直辖市) fills both levels: ['上海市', '上海市', '普陀区']."""
    regions = _regions()
    provinces = list(regions["provinces"].values())
    province = next((p for p in provinces if agency.startswith(p)), "")
    rest = agency[len(province):]
    city = next((c for c in regions["city_province"] if rest.startswith(c)), "")
    m = None if city else re.match(r"[\u4e00-\u9fff]{1,9}?(?:市|自治州|地区|盟)", rest)
    city = m.group(0) if m else city
    rest = rest[len(city):]
    if city in provinces:  # a municipality is province and city at once: 上海市 / 上海市 / 普陀区
        province = city
    province = province or regions["city_province"].get(city, "")
    if province.endswith("市") and not city:  # 直辖市: province and city at once
        city = province
    district = ""
    m = re.search(r"(?:^|(?<=[局委办院会厅部]))((?:(?![局委办院会厅部])[\u4e00-\u9fff]){1,6}?(?:区|县|旗))",
                  rest)
    if m and (city or province):
        district = m.group(1)
    if not province:
        codes = Counter(m.group(1) for m in re.finditer(r"(?<!\d)(\d{2})\d{6}[A-Z]\d{6,}", text))
        for code, _ in codes.most_common():
            if code in regions["provinces"]:
                province = regions["provinces"][code]
                break
    return [r for r in (province, city, district) if r]


def sector_of(agency: str) -> str:
    return next((s for k, s in SECTORS if k in agency), "")


def _year_kind(cover: list[str], text: str) -> tuple[int | None, str]:
    cover_text = "".join(cover)
    kind = next((k for k in ("单位决算", "部门决算") if k in cover_text), "")
    year_m = re.search(r"(20\d\d)年", cover_text)
    heads = Counter(YEAR_KIND.findall(text))
    year = int(year_m.group(1)) if year_m else None
    if year is None and heads:
        year = int(heads.most_common(1)[0][0][0])
    if year is None:
        years = Counter(re.findall(r"(20\d\d)年度", text))
        year = int(years.most_common(1)[0][0]) if years else None
    if not kind:
        kinds = Counter(k for _, k in heads)
        kind = (kinds.most_common(1)[0][0] + "决算") if kinds else "部门决算"
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
    text = doc.text
    flat = re.sub(r"\s+", "", text)
    cover = cover_lines(doc)
    agency = _agency(cover, "\n".join(_lines(text)))
    region = region_of(agency, flat)
    year, kind = _year_kind(cover, flat)
    return {
        "agency": agency,
        "region": region,
        "sector": sector_of(agency),
        "year": year,
        "kind": kind,
        "published": _published(flat),
        "template": template_hint(_lines(text), region[0] if region else ""),
    }

"""The agency profile of a disclosure: 第一部分 部门概况 (duties, organisation, staff)
as printed, paragraph by paragraph (profile.csv).

Part one of every disclosure describes the agency in prose: 部门职责 / 主要职能 (what it
does), 机构设置 (its internal units and subordinate bodies) and, often, 人员构成 /
人员情况 (its staff). Headings vary ("一、部门职责", "部门职责", "（一）主要职能") and
some reports print the staff as a numbered paragraph of 机构设置 ("2.人员情况：…");
such a paragraph becomes a staff section of its own, titled by its label.

Paragraphs: text exports and DOCX give one paragraph per line; a PDF wraps lines at
the page width, so a line as wide as the page's widest line runs on into the next one
(unless the next one starts a numbered item). The table of contents also names part
one: the part whose body holds the most text is the one read.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from juesuan.models import ExtractedDocument, ProfileSection
from juesuan.normalize.facts_text import ATTACHMENT, PAGE_NUMBER, PART

log = logging.getLogger(__name__)

OVERVIEW = re.compile(r"^第[一1]部分.{0,6}(概况|基本情况)")
PART_END = re.compile(r"决算情况说明$|^[一二三四五六七八九十]+[、.．]收入支出决算总体情况")
TOC_LEADER = re.compile(r"(?:[.．·…_]\s*){4,}\d*$|…{2,}\s*\d*$")
NUMBERED = re.compile(r"^(?:\d{1,2}[.．、)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]"
                      r"|[一二三四五六七八九十]{1,3}[、.．])")
BULLET = re.compile(r"^(?:[-*•#]+\s+)+")
HEADING_PUNCT = re.compile(r"[，。；：、,;:！？]")
# section of a heading, the first match wins ("机构职能" is about duties)
SECTION_WORDS = (("staff", re.compile(r"人员|编制")),
                 ("duties", re.compile(r"职责|职能|主要任务|工作任务")),
                 ("organisation", re.compile(r"机构|设置|组织|内设|单位构成|决算单位|预算单位")))
HEADING_WORDS = re.compile(r"职责|职能|任务|机构|设置|组织|人员|编制|概况|基本情况|构成")
STAFF_LEAD = re.compile(r"^(?P<label>(?:人员|编制)[\u4e00-\u9fff]{0,4}"
                        r"|[\u4e00-\u9fff]{0,4}人员(?:情况|构成|概况))[：:]")
HEADING_MAX = 14  # characters of a heading after its numbering
RUN_ON = 0.88  # a PDF line at least this share of the page's widest line wraps
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’]")
_SPACE_NEAR_CJK = re.compile(rf"\s+(?={_CJK.pattern})|(?<={_CJK.pattern})\s+")


@dataclass
class _Line:
    page: int | None
    text: str  # stripped, bullets removed
    width: int  # display width (CJK counts 2)
    page_width: int  # widest line of its page
    wrapped: bool = False  # a PDF page's line: wrapped at the page width


def normalise_space(text: str) -> str:
    """No whitespace next to a Chinese character or full-width mark; one space elsewhere."""
    return re.sub(r"\s+", " ", _SPACE_NEAR_CJK.sub("", text)).strip()


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lines(doc: ExtractedDocument) -> list[_Line]:
    out: list[_Line] = []
    for page in doc.pages:
        lines = []
        for raw in page.text.split("\n"):
            text = BULLET.sub("", raw.strip()).strip()
            if text and not PAGE_NUMBER.match(_compact(text)):
                lines.append(text)
        widest = max((display_width(t) for t in lines), default=0)
        wrapped = doc.page_format(page) == "pdf"  # the page's own file, not the first file's
        out += [_Line(page.number, t, display_width(t), widest, wrapped) for t in lines]
    return out


def _parts(lines: list[_Line]) -> list[list[_Line]]:
    """Every run of lines from a 第一部分 …概况 heading to the next part."""
    parts: list[list[_Line]] = []
    current: list[_Line] | None = None
    for line in lines:
        c = _compact(line.text)
        if TOC_LEADER.search(c):
            continue
        if OVERVIEW.match(c):
            current = []
            parts.append(current)
        elif current is not None and (PART.match(c) or ATTACHMENT.match(c) or PART_END.search(c)):
            current = None
        elif current is not None:
            current.append(line)
    return parts


def _heading_title(text: str) -> str | None:
    """The heading as printed (whitespace-normalised) when ``text`` is one, else None."""
    c = _compact(text)
    m = NUMBERED.match(c)
    rest = c[m.end():] if m else c
    if not rest or len(rest) > HEADING_MAX or HEADING_PUNCT.search(rest):
        return None
    return normalise_space(text) if HEADING_WORDS.search(rest) else None


def section_of(title: str) -> str:
    for name, words in SECTION_WORDS:
        if words.search(title):
            return name
    return "other"


def _paragraphs(lines: list[_Line]) -> list[tuple[int | None, str]]:
    """(page, text) of each paragraph; PDF lines as wide as the page run on."""
    out: list[tuple[int | None, str]] = []
    run_on = False
    for line in lines:
        if run_on and not NUMBERED.match(_compact(line.text)):
            page, text = out[-1]
            out[-1] = (page, text + line.text)
        else:
            out.append((line.page, line.text))
        run_on = line.wrapped and line.page_width > 0 and line.width >= RUN_ON * line.page_width
    return [(page, normalise_space(text)) for page, text in out]


@dataclass
class _Section:
    section: str
    title: str
    page: int | None = None
    paragraphs: list[str] | None = None

    def add(self, page: int | None, text: str) -> None:
        if self.paragraphs is None:
            self.paragraphs = []
        if not self.paragraphs:
            self.page = page
        self.paragraphs.append(text)


def _sections(lines: list[_Line]) -> list[_Section]:
    sections: list[_Section] = [_Section("overview", "")]
    body: list[_Line] = []

    def flush() -> None:
        for page, text in _paragraphs(body):
            lead = STAFF_LEAD.match(_compact(text)[len((NUMBERED.match(_compact(text)) or [""])[0]):])
            if lead and sections[-1].section != "staff":
                sections.append(_Section("staff", lead["label"]))
            sections[-1].add(page, text)
        body.clear()

    for line in lines:
        title = _heading_title(line.text)
        if title is None:
            body.append(line)
            continue
        flush()
        sections.append(_Section(section_of(title), title))
    flush()
    return [s for s in sections if s.paragraphs]


def extract_profile(doc: ExtractedDocument) -> list[ProfileSection]:
    """The sections of 第一部分 部门概况 in printed order ([] when the report has none)."""
    parts = _parts(_lines(doc))
    if not parts:
        log.info("%s: no 第一部分 部门概况 found", doc.source.name)
        return []
    best = max((_sections(p) for p in parts),
               key=lambda ss: sum(len(t) for s in ss for t in s.paragraphs or []))
    return [ProfileSection(s.section, s.title, "\n".join(s.paragraphs or []), s.page) for s in best]

"""The narrative of a disclosure as whitespace-free segments under their headings.

A segment is the text between two headings (第X部分 / 一、 / （一）), with every
whitespace character removed (and "％" written "%", pinyin annotations of a mirror dropped),
so that numbers split from their words ("2024 年度 … 21044.79 万元") and paragraphs cut by
page or line breaks read as one clause. Each segment keeps the page of every character, for provenance.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from juesuan.models import ExtractedDocument
from juesuan.textnorm import clean, is_traditional

_CN = "一二三四五六七八九十"
PART = re.compile(rf"^第[{_CN}]+部分")
LEVEL1 = re.compile(rf"^[{_CN}]+[、.．]")
LEVEL2 = re.compile(rf"^[（(][{_CN}]+[)）]")
ATTACHMENT = re.compile(r"^附件\d*$")
PAGE_NUMBER = re.compile(r"^(?:[-—–]?\d{1,4}[-—–]?|第\d+页(?:共\d+页)?|\d+/\d+)$")
HEADING_MAX = 40
# parts whose text holds no narrative figures (definitions, the attached tables)
SKIPPED_PARTS = ("名词解释", "附表")
_WS = re.compile(r"\s+")
# a mirror that annotates characters with their pinyin ("預(yù)算", "林業(yè)"): the annotations go
PINYIN = re.compile(r"[（(][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
# a heading line that states a figure ("（一）机关运行经费支出184.65万元。") is a clause too
FIGURE = re.compile(r"\d(?:万)?元")


@dataclass
class Segment:
    part: str
    level1: str
    level2: str
    seq: int = 0  # position among all segments of the document (skipped parts included)
    text: str = ""
    starts: list[int] = field(default_factory=list)  # offset where each source line starts
    pages: list[int | None] = field(default_factory=list)  # page of each source line

    def page_at(self, offset: int) -> int | None:
        if not self.starts:
            return None
        return self.pages[max(0, bisect_right(self.starts, offset) - 1)]

    @property
    def topic(self) -> str:
        return self.part + "|" + self.level1 + "|" + self.level2

    @property
    def section(self) -> str:
        """The headings the segment is under: '第二部分… / 十、… / （二）…'."""
        return " / ".join(h for h in (self.part, self.level1, self.level2) if h)


def _heading_kind(line: str) -> str | None:
    if len(line) > HEADING_MAX:
        return None
    if PART.match(line):
        return "part"
    if ATTACHMENT.match(line):
        return "part"
    if LEVEL1.match(line):
        return "level1"
    if LEVEL2.match(line):
        return "level2"
    return None


def _lines(doc: ExtractedDocument):
    for page in doc.pages:
        for raw in page.text.split("\n"):
            line = PINYIN.sub("", _WS.sub("", raw)).replace("％", "%")  # the full-width sign is kept by clean()
            if is_traditional(line):  # a traditional paragraph the document-level decision kept
                line = clean(line, traditional=True)
            line = re.sub(r"^[-*•]+(?=[一二三四五六七八九十（(第])", "", line)  # markdown bullets
            if not line or PAGE_NUMBER.match(line):
                continue
            yield page.number, line


def segments(doc: ExtractedDocument, skipped: tuple[str, ...] = SKIPPED_PARTS) -> list[Segment]:
    """The narrative segments in document order (parts named in ``skipped``, by default
    名词解释 and 附表, left out)."""
    out: list[Segment] = []
    part = level1 = level2 = ""
    current: Segment | None = None
    for page, line in _lines(doc):
        kind = _heading_kind(line)
        if kind == "part":
            part, level1, level2 = line, "", ""
        elif kind == "level1":
            level1, level2 = line, ""
        elif kind == "level2":
            level2 = line
        if kind or current is None:
            current = Segment(part, level1, level2, seq=len(out))
            out.append(current)
        if kind and not FIGURE.search(line):
            continue  # the heading names the segment; its words are not a clause
        current.starts.append(len(current.text))
        current.pages.append(page)
        current.text += line
    return [s for s in out if not any(k in s.part for k in skipped)]

"""Find the standard tables in a text export: title lines, their form code, their rows.

A table is located by its spec title or an alias standing alone on a line (numbering
such as "一、" or "- " removed); its section runs to the next located title. A table
of contents lists the same titles with nothing between them: such sections are
skipped. Only tab-separated rows are table rows; other lines are captions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.vocabulary import title_line

_NUMBERING = re.compile(r"^(?:[-*•]\s*)?(?:附表\s*\d+\s*[:：.、]?|[一二三四五六七八九十]+\s*[、.．]|"
                        r"\d+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)])?")
_FORM = re.compile(r"财决公开\s*(\d{1,2})")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def squash(text: str) -> str:
    """Label without spaces, with ASCII quotes/parentheses unified (for matching only)."""
    text = re.sub(r"\s+", "", text)
    return (text.replace("(", "（").replace(")", "）").replace('"', "“")
            .replace("‘", "“").replace("’", "”").replace("「", "“").replace("」", "”"))


def strip_title_numbering(label: str) -> str:
    """A title line without its numbering ('附表1：', '一、', '- ')."""
    return _NUMBERING.sub("", label.strip()).strip()


@dataclass
class Section:
    table: str
    title: str  # as printed
    start: int  # line index of the title
    end: int  # line index where the next section starts
    captions: list[str] = field(default_factory=list)  # non-table lines
    blocks: list[list[list[str]]] = field(default_factory=list)  # tab rows, block by block
    form: str = ""

    @property
    def rows(self) -> list[list[str]]:
        return [r for b in self.blocks for r in b]


def find_titles(lines: list[str]) -> list[tuple[int, str, str]]:
    """(line index, table id, printed title) for every line that is a table title, by the
    same vocabulary and title rules as the PDF and DOCX locator (juesuan.vocabulary)."""
    found = []
    for i, line in enumerate(lines):
        if "\t" in line or len(line) > 80:
            continue
        tid = title_line(line.strip())
        if tid:
            found.append((i, tid, strip_title_numbering(line)))
    return found


def _split(lines: list[str], start: int, end: int, section: Section) -> None:
    block: list[list[str]] = []
    for line in lines[start:end]:
        if "\t" in line:
            if any(c.strip() for c in line.split("\t")):
                block.append(line.split("\t"))
            continue
        if not line.strip():
            continue
        if block:
            section.blocks.append(block)
            block = []
        section.captions.append(line.strip())
    if block:
        section.blocks.append(block)


def locate_sections(lines: list[str]) -> dict[str, Section]:
    """The section of each standard table that has content (rows or a form code)."""
    titles = find_titles(lines)
    out: dict[str, Section] = {}
    for n, (i, tid, label) in enumerate(titles):
        end = titles[n + 1][0] if n + 1 < len(titles) else len(lines)
        section = Section(tid, label, i, end)
        _split(lines, i + 1, end, section)
        joined = "".join(squash(c) for c in section.captions[:6])
        m = _FORM.search(joined)
        section.form = f"财决公开{int(m.group(1)):02d}表" if m else ""
        if not section.blocks and not section.form:
            continue  # a table-of-contents entry
        best = out.get(tid)
        if best is None or (not best.blocks and section.blocks):
            out[tid] = section
    return out


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def unit_is_yuan(section: Section) -> bool:
    """The 单位 caption says 元 (not 万元)."""
    for caption in section.captions[:8]:
        c = squash(caption)
        m = re.search(r"(?:金额)?单位[:：]?([万千百]?元)", c)
        if m:
            return m.group(1) == "元"
    return False

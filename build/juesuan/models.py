"""Plain records that flow between the stages (extract → normalize → audit → package).

Every stage takes and returns these dataclasses; nothing here knows about files,
PDFs or the site. Money is ``Decimal`` from cell to CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

# ---------------------------------------------------------------- extraction


class CellText(str):
    """A spreadsheet cell's text that remembers where it was printed: ``ref`` is its reference
    ("Sheet1!B7"). It reads, compares and hashes as the plain text; the table readers pass it
    on to ``LineItem.cell``. Text derived from it (stripped, joined) is a plain str again."""

    __slots__ = ("ref",)
    ref: str

    def __new__(cls, text: str, ref: str = "") -> CellText:
        obj = super().__new__(cls, text)
        obj.ref = ref
        return obj

    def __reduce__(self):  # pickled with its reference (extraction cache, worker processes)
        return (CellText, (str(self), self.ref))


@dataclass
class Grid:
    """One table as printed on one page: rows of cell texts.

    ``None`` marks a cell covered by a merged cell (pdfplumber/python-docx);
    "" is an empty cell. ``title`` is the text printed above the grid on the same
    page (title, form code, 单位名称/单位 captions), "" when none.
    """

    page: int | None
    rows: list[list[str | None]]
    title: str = ""
    landscape: bool = False
    # where the source says which cell covers a None position: (row, col) → (row, col) of
    # the merged cell's origin (PDF ruled cells, DOCX gridSpan/vMerge); empty when unknown
    covered_by: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)


@dataclass
class Page:
    """One printed page. For text exports without page marks, ``number`` is None.
    A workbook's sheet is a page (a page per table where one sheet holds several): ``number``
    counts them in sheet order, ``label`` is the sheet's name (provenance "<label>!A1" rather
    than a page); "" for every other format."""

    number: int | None
    text: str  # the page's running text, lines separated by "\n"
    grids: list[Grid] = field(default_factory=list)
    landscape: bool = False
    label: str = ""
    # provenance: the file the page comes from (its name inside the report's folder) and the
    # page in that file as published (1-based; a workbook's 1-based sheet index; None where the
    # file has no pages: DOCX, web pages, text). Filled by extract.document for every format.
    file: str = ""
    source_page: int | None = None
    # the format of that file (pdf, xlsx, html …): format-specific handling is decided page by
    # page, so a workbook listed before a PDF narrative leaves the narrative's pages PDF pages
    format: str = ""
    # read by OCR from a scanned image (no text layer): its numbers are only as good as the
    # identities they pass (extract/scan.py)
    ocr: bool = False


@dataclass
class ExtractedDocument:
    source: Path
    format: str  # "pdf" | "text" | "docx" | "xlsx" | "xls" | "xlsb" | "ods" | "html" | "mht"
    sha256: str
    page_count: int
    pages: list[Page]
    # what the source says about itself outside the report's text, as candidates for the
    # metadata (never the agency): a web page's 发布机构 ("publisher"), 发布日期 ("published",
    # ISO date), 索引号 ("index_no"), article title ("title"), encoding ("encoding")
    source_meta: dict[str, str] = field(default_factory=dict)

    # every original file of the report in order (one for a single file): SourceFile records
    sources: list[SourceFile] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    def places(self) -> dict[int, tuple[str, int | None]]:
        """page number (as the stages see it) → (file, page in that file as published)."""
        return {p.number: (p.file, p.source_page) for p in self.pages if p.number is not None}

    def grids(self) -> list[Grid]:
        return [g for p in self.pages for g in p.grids]

    def page_format(self, page: Page) -> str:
        """The format of the file ``page`` comes from (the document's for an unstamped page)."""
        return page.format or self.format


@dataclass(frozen=True)
class SourceFile:
    """One original file of a report (datapackage.json ``juesuan.report.sources``)."""

    path: str  # the file's name inside the report's folder
    sha256: str
    format: str  # pdf | docx | doc | wps | xlsx | xls | ods | html | mht | text …
    pages: int  # pages, or sheets of a workbook


# ---------------------------------------------------------------- canonical model


@dataclass(frozen=True)
class LineItem:
    table: str
    section: str  # "income" | "expenditure" | ""
    row_code: str
    row_name: str
    column: str
    value: Decimal
    page: int | None = None
    # verified (takes part in an identity that holds within the rounding envelope),
    # unverified (no identity covers it), contradicted (every identity it is in fails)
    status: str = ""
    cell: str = ""  # where a workbook printed it ("Sheet1!B7"); "" for every other format

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.table, self.section, self.row_code, self.column)


@dataclass(frozen=True)
class Fact:
    metric: str
    value: Decimal
    unit: str
    quote: str
    page: int | None = None


@dataclass(frozen=True)
class Statement:
    """One statement the narrative makes, beyond the first-per-metric Fact: every figure
    as often as it is printed (repeats and conflicting ones), the parts it is broken
    into, the 部门整体 self-evaluation's figures, the 名词解释 entries and wording the
    audit reads. Published as statements.csv.

    kind: "figure" (a narrative figure, named like facts), "self_evaluation" (a figure
    of the 部门整体 self-evaluation table), "glossary" (a 名词解释 entry; ``subject`` is
    the function code it explains, "" when unknown), "wording" (a phrase typical of
    one sector's own work; ``subject`` is that sector), "spelling" (a word printed two
    ways; ``subject`` is the pair "<one>/<other>"). ``section``: the headings the
    statement is printed under (part / 一、 / （一）).
    """

    kind: str
    metric: str
    value: Decimal | None
    unit: str
    quote: str
    page: int | None = None
    section: str = ""
    subject: str = ""


@dataclass(frozen=True)
class ProfileSection:
    """One section of 第一部分 部门概况 as printed (profile.csv).

    section: "duties" (部门职责 / 主要职能), "organisation" (机构设置), "staff" (人员构成,
    also a "人员情况：" paragraph), "overview" (text before any heading), "other".
    title: the heading as printed ("一、部门职责"), "" when none. text: its paragraphs,
    whitespace-normalised, one per line ("\n" between them). page: of its first paragraph.
    """

    section: str
    title: str
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Project:
    project_code: str
    project_name: str
    budget_initial: Decimal | None
    budget_adjusted: Decimal | None
    executed: Decimal | None
    execution_rate: Decimal | None
    score: Decimal | None
    page: int | None = None


@dataclass(frozen=True)
class Indicator:
    project_code: str
    level1: str
    level2: str
    level3: str
    operator: str  # "≥" "≤" "=" "定性" (or "" when not printed)
    target: str
    unit: str
    actual: str
    weight: Decimal | None
    score: Decimal | None
    page: int | None = None


@dataclass(frozen=True)
class Problem:
    """Something the parser noticed but could not settle (not a data-quality finding).

    code: a short machine id registered in schemas/problems.yaml (juesuan.problems), such as
    "unplaced_number" or "table_not_printed".
    """

    code: str
    message: str
    page: int | None = None
    table: str = ""


@dataclass(frozen=True)
class TableInfo:
    """Where a standard table was found: for provenance on the site."""

    table: str
    title: str  # as printed
    pages: tuple[int, ...]
    form: str = ""
    cells: int = 0
    status: str = "ok"  # "ok" | "headers_only" | "partial" | "withheld"
    identities: int = 0  # identities of the table (and cross-table equalities) evaluated
    identities_held: int = 0  # of which held within the rounding envelope
    note: str = ""  # why a table was withheld or is partial (Chinese, one line)


@dataclass
class ReportMeta:
    agency: str
    region: list[str]
    sector: str
    year: int
    kind: str  # 部门决算 | 单位决算
    unit: str = "万元"
    published: str | None = None  # ISO date
    source_file: str = ""
    sha256: str = ""
    page_count: int = 0
    format: str = ""
    template: str = ""
    converted_from_yuan: bool = False
    slug: str = ""
    source_url: str | None = None
    retrieved: str | None = None
    obtained: str | None = None
    parser_version: str = ""
    # original files that carry JavaScript, launch actions, embedded files (extract/pdf_active):
    # [{"file": name, "kinds": ["javascript", ...]}]; the site warns beside their download
    active_content: list[dict] = field(default_factory=list)


@dataclass
class Report:
    meta: ReportMeta
    line_items: list[LineItem] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    tables: list[TableInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    profile: list[ProfileSection] = field(default_factory=list)
    # provenance of every record's ``page``: the report's files, and page → (file, page in it)
    sources: list[SourceFile] = field(default_factory=list)
    places: dict[int, tuple[str, int | None]] = field(default_factory=dict)

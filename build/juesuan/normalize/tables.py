"""Standard tables of a PDF/DOCX document → the spec's long-form line items.

locate (titles, 续表 parts) → one reader per table family:
  two-sided (01, 04)                       tables_two_sided
  function-coded (02 03 05 06 09–12)       tables_coded
  economic (07 columns, 08 rows, 机关运行经费) tables_economic
  single-row (三公, 政府采购, 国有资产)        tables_single
Values are Decimal as printed; a table printed in 元 is converted to 万元 exactly.
"""

from __future__ import annotations

import logging
import re
from dataclasses import fields

from juesuan.locate import LocatedTable, is_toc_page, listed_titles, locate_tables, not_printed, page_titles
from juesuan.models import ExtractedDocument, LineItem, Problem, TableInfo
from juesuan.normalize import tables_coded, tables_economic, tables_single, tables_two_sided
from juesuan.amounts import COUNT_COLUMNS, yuan_to_wan
from juesuan.identities import evaluate
from juesuan.labels import column_label
from juesuan.normalize.tables_common import OPTIONS, Reading, ReadOptions

log = logging.getLogger(__name__)

READERS = {
    "income_expenditure_summary": tables_two_sided.read,
    "fiscal_summary": tables_two_sided.read,
    "general_budget_detail": tables_economic.read_detail,
    "basic_expenditure": tables_economic.read_basic,
    "agency_operating_expense": tables_economic.read_agency,
    "three_public": tables_single.read,
    "government_procurement": tables_single.read,
    "state_assets": tables_single.read,
}


def extract_line_items(
        doc: ExtractedDocument) -> tuple[list[LineItem], list[TableInfo], list[Problem], bool]:
    """(line items in document order, tables found, problems, converted_from_yuan)."""
    items: list[LineItem] = []
    infos: list[TableInfo] = []
    problems: list[Problem] = []
    converted = False
    seen: set[str] = set()
    for located in locate_tables(doc):
        if located.table in seen:
            problems.append(Problem("table_repeated", f"{located.title}: 此表印出了两次，只读取第一次印出的内容，"
                                    "第二份被忽略。", located.pages[0] if located.pages else None, located.table))
            continue
        seen.add(located.table)
        reading = read_table(located)
        if located.in_yuan and reading.items:
            reading.items = [_to_wan(i) for i in reading.items]
            converted = True
        items.extend(reading.items)
        problems.extend(reading.problems)
        infos.append(_info(located, reading))
    problems.extend(unread_titles(doc))
    problems.extend(not_printed(listed_titles(doc.pages), seen))
    return items, infos, problems, converted


def unread_titles(doc: ExtractedDocument) -> list[Problem]:
    """A PDF page that prints a standard table's title but gave no table at all (no ruled
    grid, and no columns could be found in its words): say so rather than nothing."""
    out = []
    for page in doc.pages:
        if doc.page_format(page) != "pdf" or page.grids or is_toc_page(page):
            continue
        for tid, line in page_titles(page.text):
            out.append(Problem("table_unreadable", f"{line}: 表名印在第{page.number}页，但该页找不到可读取的表格"
                               "（没有表格线，文字中也分不出栏目），表中数字未读取。",
                               page.number, tid))
    return out


def read_table(located: LocatedTable) -> Reading:
    """The table read under the default choices; where the print is ambiguous (a column of
    line numbers recognised by content only, value columns no header word names), read under
    the other choices too and keep the reading whose identities hold best."""
    reading = _read(located, ReadOptions())
    if not reading.ambiguous:
        return reading
    best, best_score = reading, identity_score(reading.items)
    for options in alternatives(reading.ambiguous):
        other = _read(located, options)
        score = identity_score(other.items)
        if score > best_score:
            best, best_score = other, score
            best.problems.append(Problem("reading_chosen", f"{located.title}: 表格有不止一种读法，"
                                         f"选用了勾稽关系成立的一种（{describe_options(options)}）。",
                                         located.pages[0] if located.pages else None, located.table))
    return best


def describe_options(options: ReadOptions) -> str:
    """The choices of a reading in Chinese: '按内容把1、2、3…的一列当作栏次；未命名的数值列不读取'."""
    return "；".join(f.metadata["yes" if getattr(options, f.name) else "no"] for f in fields(options))


_CODE_LIKE = re.compile(r"^[23]\d{2}(?:\d{2}){0,2}$")  # 301, 30201, 2010101 …


def drop_codes_read_as_amounts(reading: Reading, title: str) -> Reading:
    """A value printed without decimals that reads as a classification code (30301, 2010101)
    in a table whose amounts all print decimals is a code that slid into a value column."""
    exps = [i.value.as_tuple().exponent for i in reading.items]
    if not exps or sum(1 for e in exps if e == 0) * 10 > len(exps):
        return reading
    keep = []
    for i in reading.items:
        if i.value.as_tuple().exponent == 0 and _CODE_LIKE.match(str(i.value)):
            reading.problems.append(Problem("unreadable_cell", f"{title}: {i.row_code} "
                                            f"{column_label(i.table, i.column)}的“{i.value}”"
                                            "像是科目编码而不是金额，未读取。", i.page, i.table))
            continue
        keep.append(i)
    reading.items = keep
    return reading


def alternatives(ambiguous: set[str]) -> list[ReadOptions]:
    out = []
    if "lineno_by_content" in ambiguous:
        out.append(ReadOptions(lineno_by_content=False))
    if "positional_columns" in ambiguous:
        out.append(ReadOptions(positional_columns=True))
        if "lineno_by_content" in ambiguous:
            out.append(ReadOptions(lineno_by_content=False, positional_columns=True))
    return out


def identity_score(items: list[LineItem]) -> int:
    """Identities of a reading that hold, less twice those that fail."""
    results = evaluate(items)
    held = sum(r.holds for r in results)
    return held - 2 * (len(results) - held)


def _read(located: LocatedTable, options: ReadOptions) -> Reading:
    reader = READERS.get(located.table, tables_coded.read)
    token = OPTIONS.set(options)
    try:
        return drop_codes_read_as_amounts(reader(located), located.title)
    except (IndexError, ValueError, KeyError) as e:  # a layout no reader knows: report, go on
        log.warning("%s (p.%s): unreadable layout: %s", located.title, located.pages, e)
        first = located.pages[0] if located.pages else None
        return Reading(problems=[Problem("table_unreadable", f"{located.title}: 无法识别此表的版式，表中数字未读取。",
                                         first, located.table)])
    finally:
        OPTIONS.reset(token)


def _to_wan(item: LineItem) -> LineItem:
    if (item.table, item.column) in COUNT_COLUMNS:
        return item
    return LineItem(item.table, item.section, item.row_code, item.row_name, item.column,
                    yuan_to_wan(item.value), item.page, cell=item.cell)


def _info(located: LocatedTable, reading: Reading) -> TableInfo:
    if reading.items:
        status = "partial" if reading.partial else "ok"
    else:
        status = "headers_only"
    return TableInfo(table=located.table, title=located.title, pages=located.pages,
                     form=located.form,
                     cells=len(reading.items), status=status)

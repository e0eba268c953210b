"""A continuation page printed without a header inherits the previous part's columns,
aligned on the value columns at the right (normalize.tables_common.inherit)."""

from juesuan.normalize.tables_common import inherit
from juesuan.vocabulary import header_role

SPLIT = [("科目编码", "类"), ("科目编码", "款"), ("科目编码", "项"), ("科目名称",), ("栏次",),
         ("合计",), ("工资福利支出", "小计"), ("工资福利支出", "基本工资")]


def roles(paths):
    return [header_role(p) for p in paths]


def test_merged_codes_keep_the_line_number_column():
    """类|款|项 split over three columns on the first page, one code column on the next:
    the 栏次 column before the values stays a line-number column, not the name."""
    got = inherit(SPLIT, 6)
    assert roles(got) == ["code", "name", "lineno", "value", "value", "value"]
    assert got[3:] == SPLIT[5:]


def test_same_width_is_kept_and_without_line_numbers_the_name_is_last():
    assert inherit(SPLIT, len(SPLIT)) == SPLIT
    no_lineno = [p for p in SPLIT if p != ("栏次",)]
    assert roles(inherit(no_lineno, 5)) == ["code", "name", "value", "value", "value"]

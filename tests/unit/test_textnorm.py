"""juesuan.textnorm: the one text normaliser of every route (clean / key / numbering / continuation)."""

from __future__ import annotations

import ast
import subprocess
import sys
import time
from pathlib import Path

import pytest

from juesuan import textnorm
from juesuan.textnorm import clean, is_continued, is_traditional, key, strip_numbering

# --------------------------------------------------------------------------- #
# clean(): compatibility characters
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Kangxi radicals (U+2F00–U+2FDF) → unified ideographs
        ("⼀般公共预算", "一般公共预算"),
        ("⾦额", "金额"),
        ("⼈员⽀出", "人员支出"),
        ("⾏政运⾏", "行政运行"),
        # CJK Radicals Supplement: NFKC (⺟ ⻳) and the simplified radicals PDF fonts emit
        ("⺟婴", "母婴"),
        ("部⻔决算", "部门决算"),
        ("⻓期", "长期"),
        ("⻋辆购置", "车辆购置"),
        # CJK compatibility ideographs (U+F900–U+FAFF)
        ("\uf9d1月", "六月"),
        ("\uf967", "不"),
        # full-width ASCII letters and digits
        ("２０２４年", "2024年"),
        ("ＰＤＦ文件", "PDF文件"),
        ("２，９４０．０５", "2,940.05"),
        ("－１２３．４５", "-123.45"),
        # spaces: no-break, ideographic, en/em/thin → ordinary; zero-width and BOM removed
        ("财政拨款\u3000收入", "财政拨款收入"),
        ("单位:\u00a0万元", "单位: 万元"),
        ("合\u200b计", "合计"),
        ("\ufeff合计", "合计"),
        ("12\u2002345", "12 345"),
        ("收入\u2009合计", "收入合计"),
        # control characters Word leaves
        ("合计\x07", "合计"),
        ("第一行\x0b第二行", "第一行\n第二行"),
        ("a\r\nb\rc", "a\nb\nc"),
    ],
)
def test_clean_compatibility_characters(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "单位：万元；其中（一）基本支出、项目支出！是否？增长8.8％。",
        "“三公”经费《部门决算》【说明】",
        "收入，支出。",
        "①②③",
        "？",
    ],
)
def test_clean_keeps_chinese_punctuation(text):
    assert clean(text) == text


# --------------------------------------------------------------------------- #
# clean(): Word field codes
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("一、收入支出决算总表 PAGEREF _Toc123456 \\h 2", "一、收入支出决算总表 2"),
        ('HYPERLINK \\l "_Toc12345" 一、收入支出决算总表', "一、收入支出决算总表"),
        ('TOC \\o "1-3" \\h \\z \\u 一、部门概况', "一、部门概况"),
        ("{ PAGEREF _Toc123456 \\h }", ""),
        ('{ TOC \\o "1-3" \\h \\z \\u }第一部分 部门概况', "第一部分部门概况"),
        ('TOC o "1-3" h z u 二、收入决算表 PAGEREF _Toc99 h 3', "二、收入决算表 3"),
        ('HYPERLINK l "_Toc777" 三、支出决算表', "三、支出决算表"),
        ("四、财政拨款收入支出决算总表 PAGEREF _Toc5 \\h \\* MERGEFORMAT 4", "四、财政拨款收入支出决算总表 4"),
        ('HYPERLINK "http://www.example.gov.cn" 网站', "网站"),
        # the word TOC or REF alone is text, not a field code
        ("TOC 1", "TOC 1"),
    ],
)
def test_clean_removes_field_codes(raw, expected):
    assert clean(raw) == expected


# --------------------------------------------------------------------------- #
# clean(): spaces
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("收 支 决算总表", "收支决算总表"),
        ("因 公 出 国 （ 境 ） 费 用", "因公出国（境）费用"),
        ("“三公” 经费", "“三公”经费"),
        ("2,940.05 6.20", "2,940.05 6.20"),
        ("2,940.05   6.20", "2,940.05 6.20"),
        ("合计   1,234.56", "合计 1,234.56"),
        ("  收入合计  ", "收入合计"),
        ("a  b\n  c  ", "a b\nc"),
        ("科目\t合计", "科目\t合计"),
        ("科目 \t  合计", "科目\t合计"),
        ("Total  amount", "Total amount"),
        ("", ""),
    ],
)
def test_clean_spaces(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize("text", ["收入?支出", "收入\ufffd支出", "??", "合计 \ufffd 1,234"])
def test_clean_leaves_replacement_characters(text):
    out = clean(text)
    assert out.count("?") == text.count("?")
    assert out.count("\ufffd") == text.count("\ufffd")


# --------------------------------------------------------------------------- #
# clean(): traditional → simplified, only when detectably traditional
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("財政撥款收入支出決算總表", "财政拨款收入支出决算总表"),
        ("萬元", "万元"),
        ("單位：萬元", "单位：万元"),
        ("億元", "亿元"),
        ("因公出國（境）費用", "因公出国（境）费用"),
        ("部門決算", "部门决算"),
        ("國有資本經營預算財政撥款支出決算表", "国有资本经营预算财政拨款支出决算表"),
        ("乾縣財政局", "乾县财政局"),
        (
            "本部門2023年度收入、支出決算總計1,234.56萬元，與上年相比增加，主要原因是人員經費增加。",
            "本部门2023年度收入、支出决算总计1,234.56万元，与上年相比增加，主要原因是人员经费增加。",
        ),
        # a Kangxi radical that NFKC maps to a traditional form, in a short title
        ("部⾨决算", "部门决算"),
    ],
)
def test_clean_converts_traditional(raw, expected):
    assert clean(raw) == expected


SIMPLIFIED = [
    "上海市普陀区财政局",
    "重庆市沙坪坝区人民政府",
    "乾县财政局",
    "乾县财政局于2024年发布本部门决算。",
    "著力推进财政资金管理，於某（姓）同志任职后发文。",
    "干部职工发放系统里面只有台账，后续整改。",
    "一般公共预算财政拨款“三公”经费支出决算表",
    "其他支出（项）发生额较上年增加，主要是因公出国（境）费用增加。",
    "面向乾隆年间的系列研究只用于台里",
    # a rare name character outside GB2312 that OpenCC t2s would change (昇 → 升)
    "李昇同志",
    # a stray traditional character in a long simplified text does not convert the text
    "乾县财政局" + "一般公共预算财政拨款支出决算表，" * 20 + "國",
    # characters outside GB2312 that are simplified (镕 堃 喆)
    "朱镕基、王堃、李喆",
]


@pytest.mark.parametrize("text", SIMPLIFIED)
def test_clean_leaves_simplified_byte_for_byte(text):
    assert clean(text).encode("utf-8") == text.encode("utf-8")
    assert not is_traditional(text)


def test_clean_traditional_can_be_forced():
    assert clean("乾县财政局", traditional=False) == "乾县财政局"
    assert clean("財政", traditional=False) == "財政"
    assert clean("財政", traditional=True) == "财政"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("財政撥款收入支出決算總表", True),
        ("萬元", True),
        ("總計", True),
        ("财政拨款收入支出决算总表", False),
        ("乾县", False),
        ("李昇", False),
        ("2024", False),
        ("", False),
    ],
)
def test_is_traditional(text, expected):
    assert is_traditional(text) is expected


def test_strong_markers_are_traditional_only():
    """Every strong marker is outside GB2312 and changed by OpenCC t2s."""
    for ch in textnorm.STRONG_MARKERS:
        with pytest.raises(UnicodeEncodeError):
            ch.encode("gb2312")
        assert textnorm._t2s(ch) != ch, ch


@pytest.mark.parametrize(
    "text",
    [
        "⼀般公共预算 ２０２４ 收 支 决算\u3000表 PAGEREF _Toc1 \\h 3",
        "財政撥款收入支出決算總表 萬元",
        "因 公 出 国 （ 境 ） 费 用\n  合计   1,234.56",
        "科目 \t 合计",
    ],
)
def test_clean_is_idempotent(text):
    once = clean(text)
    assert clean(once) == once


# --------------------------------------------------------------------------- #
# key()
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # dot leaders with page numbers
        ("一、收入支出决算总表……………（2）", "收入支出决算总表"),
        ("收入支出决算总表....... 5", "收入支出决算总表"),
        ("收入支出决算总表·····3", "收入支出决算总表"),
        ("收入支出决算总表…… 12", "收入支出决算总表"),
        ("收入支出决算总表⋯⋯⋯ 7", "收入支出决算总表"),
        # trailing page number after a title
        ("收入支出决算总表 2", "收入支出决算总表"),
        ("收入支出决算总表\t15", "收入支出决算总表"),
        # numbering
        ("一、收入支出决算总表", "收入支出决算总表"),
        ("（一）基本支出", "基本支出"),
        ("(1)基本支出", "基本支出"),
        ("1.基本支出", "基本支出"),
        ("1、基本支出", "基本支出"),
        ("①基本支出", "基本支出"),
        ("⑴ 基本支出", "基本支出"),
        ("附表1：收入支出决算总表", "收入支出决算总表"),
        ("附表二、收入决算表", "收入决算表"),
        ("表1 收入支出决算总表", "收入支出决算总表"),
        ("表一：收入支出决算总表", "收入支出决算总表"),
        ("附表1：一、收入支出决算总表", "收入支出决算总表"),
        ("第一部分 部门概况", "部门概况"),
        ("附表 一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算表"),
        # continuation marks stay out of the key
        ("收入支出决算总表（续表）", "收入支出决算总表"),
        ("收入支出决算总表(续)", "收入支出决算总表"),
        ("收入支出决算总表续表1", "收入支出决算总表"),
        ("三、“三公”经费支出决算表（续表） 12", "三公经费支出决算表"),
        # spaced titles, quotes, brackets
        ("收 支 决算总表", "收支决算总表"),
        ("因 公 出 国 （ 境 ） 费 用", "因公出国（境）费用"),
        ("因公出国(境)费用", "因公出国（境）费用"),
        ("《部门决算》“说明”", "部门决算说明"),
        ("「三公」经费", "三公经费"),
        # fake-bold doubling
        ("收收入入支支出出决决算算总总表表", "收入支出决算总表"),
        ("收收收入入入支支支出出出", "收入支出"),
        ("一一、、收收入入", "收入"),
        # traditional
        ("財政撥款收入支出決算總表", "财政拨款收入支出决算总表"),
        ("萬元", "万元"),
        ("附表3：財政撥款收入支出決算總表（續表）", "财政拨款收入支出决算总表"),
        # compatibility characters and NFKC
        ("⼀般公共预算财政拨款⽀出决算表", "一般公共预算财政拨款支出决算表"),
        ("２０２４年度", "2024年度"),
        ("增长率％", "增长率%"),
        ("单位：万元", "单位:万元"),
        # field codes
        ('HYPERLINK \\l "_Toc1" 一、收入支出决算总表 PAGEREF _Toc1 \\h 2', "收入支出决算总表"),
    ],
)
def test_key(raw, expected):
    assert key(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "收入支出",          # not doubled
        "收收入入支出",        # partly doubled
        "人人人人",          # one character repeated is not fake bold
        "1.5亿元",
        "2024年",
        "附表1",             # numbering that is the whole label stays
    ],
)
def test_key_leaves_alone(text):
    assert key(text) == text


def test_key_has_no_whitespace_and_is_idempotent():
    for raw in ["收 支\t决算\n总表 3", "一、 财政 拨款 （续表）", "表 1   收入"]:
        k = key(raw)
        assert not any(ch.isspace() for ch in k)
        assert key(k) == k


# --------------------------------------------------------------------------- #
# strip_numbering() and is_continued()
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("一、部门概况", "部门概况"),
        ("十一、其他", "其他"),
        ("（一）基本支出", "基本支出"),
        ("(一)基本支出", "基本支出"),
        ("（1）基本支出", "基本支出"),
        ("1.基本支出", "基本支出"),
        ("1、基本支出", "基本支出"),
        ("1）基本支出", "基本支出"),
        ("1.2 基本支出", "基本支出"),
        ("①基本支出", "基本支出"),
        ("㈠基本支出", "基本支出"),
        ("Ⅱ、基本支出", "基本支出"),
        ("附表1：收入支出决算总表", "收入支出决算总表"),
        ("附表二、收入决算表", "收入决算表"),
        ("附表 1 收入决算表", "收入决算表"),
        ("表1收入支出决算总表", "收入支出决算总表"),
        ("表1-2 收入支出决算总表", "收入支出决算总表"),
        ("表一：收入支出决算总表", "收入支出决算总表"),
        ("附件3：说明", "说明"),
        ("一、（一）1.基本支出", "基本支出"),
        # not numbering
        ("1.5亿元", "1.5亿元"),
        ("2024年度", "2024年度"),
        ("一般公共预算", "一般公共预算"),
        ("三公经费", "三公经费"),
        ("表决权", "表决权"),
        ("附表1", "附表1"),
        ("一、", "一、"),
    ],
)
def test_strip_numbering(raw, expected):
    assert strip_numbering(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("收入支出决算总表（续表）", True),
        ("收入支出决算总表（续）", True),
        ("收入支出决算总表(续)", True),
        ("收入支出决算总表 (续表2)", True),
        ("收入支出决算总表续表1", True),
        ("收入支出决算总表续上表", True),
        ("续表1：收入支出决算总表", True),
        ("收入支出决算总表（續表）", True),
        ("收入支出决算总表（续表）……3", True),
        ("收入支出决算总表", False),
        ("资金持续", False),
        ("继续", False),
        ("", False),
    ],
)
def test_is_continued(raw, expected):
    assert is_continued(raw) is expected


# --------------------------------------------------------------------------- #
# Speed, laziness, independence
# --------------------------------------------------------------------------- #


def _page(line: str, n: int = 3000) -> str:
    return (line * (n // len(line) + 1))[:n]


def test_clean_is_fast_on_a_simplified_page():
    """clean() on a 3,000-character simplified page: well under 1 ms (measured ~0.15 ms)."""
    page = _page("一般公共预算财政拨款基本支出决算表 2,940.05 6.20 乾县财政局于2024年发布，人员经费 1,234.56 万元。\n")
    assert len(page) == 3000
    textnorm._clean(page, None)
    best = min(_timed(lambda: textnorm._clean(page, None)) for _ in range(30))
    assert best < 1e-3, f"{best * 1e3:.2f} ms"
    assert textnorm._clean(page, None) == page.strip()


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def test_simplified_text_never_loads_opencc():
    """Text in GB2312 (nearly all simplified text) decides without OpenCC."""
    code = (
        "import sys, juesuan.textnorm as t\n"
        "assert 'opencc' not in sys.modules\n"
        "t.clean('上海市普陀区财政局 乾县 2,940.05 ⼀般 ２０２４ \\ufffd?')\n"
        "t.key('一、收入支出决算总表……（2）')\n"
        "assert 'opencc' not in sys.modules, 'opencc loaded for simplified text'\n"
        "t.clean('萬元')\n"
        "assert 'opencc' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_textnorm_imports_no_stage():
    src = Path(textnorm.__file__).read_text("utf-8")
    names: list[str] = []
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    assert not [n for n in names if n.startswith(".") or n.startswith("juesuan")], names

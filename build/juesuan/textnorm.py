"""One text normaliser for every route (PDF, DOCX, text, HTML).

Stage-independent, like :mod:`juesuan.spec`: it imports nothing from the
extract / normalize / audit / render stages, and every function is pure.

Public functions
----------------
``clean(s)``
    The text kept for display: as printed, but repaired. Compatibility
    characters that PDF and Word producers emit (Kangxi radicals, CJK
    compatibility ideographs, full-width ASCII letters and digits, odd
    spaces) become their standard form; full-width Chinese punctuation is kept
    as printed; Word field codes (``PAGEREF _Toc… \\h`` …) are removed;
    traditional script becomes simplified, but only when the text is
    detectably traditional; spaces between two CJK characters are removed and
    other runs of spaces collapse to one.

``key(s)``
    The matching key of a label, title or header, for comparison against a
    vocabulary: ``clean()``, NFKC everywhere, no whitespace, brackets unified
    to full-width ``（）``, quotes and ``《》〈〉`` removed, dot leaders and page
    numbers removed, list numbering and a continuation mark (``（续表）``)
    removed, fake-bold doubling undone.

``strip_numbering(s)``, ``is_continued(s)``, ``is_traditional(s)``
    The pieces of ``key`` that callers need on their own.

Traditional → simplified conversion uses OpenCC (``opencc``, config
``t2s``), imported lazily: text whose characters are all in GB2312 (nearly
all simplified text) never loads it. The decision is
cheap first (does the text encode as GB2312, the simplified character set?)
and only then counts *markers*: characters that OpenCC changes and that are
not in GB2312, so that characters valid in both scripts (乾, 於, 著, 干, 台 …)
never count. See :func:`is_traditional`.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache, cache

__all__ = ["clean", "key", "strip_numbering", "is_continued", "is_traditional"]

# --------------------------------------------------------------------------- #
# Character classes
# --------------------------------------------------------------------------- #

# Han ideographs: Ext A, URO, compatibility ideographs, Ext B–H (+ compat supplement).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# "CJK side" for the space rule: Han, radicals, CJK symbols and punctuation
# (、。〈〉《》「」『』【】〔〕 …), full-width punctuation, Chinese quotes.
_CJK = _HAN + "\u2e80-\u2fdf\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019"

_HAN_RE = re.compile(f"[{_HAN}]")

# --------------------------------------------------------------------------- #
# 1. Compatibility characters → standard form (one str.translate table)
# --------------------------------------------------------------------------- #

# Full-width forms kept as printed by clean() (key() NFKCs them).
_KEEP_FULLWIDTH = set("，：；（）！？％")

# CJK Radicals Supplement characters that NFKC leaves alone but whose glyph is
# a standalone (simplified) character; PDF fonts map 长/门/见 … to them.
_RADICAL_EXTRA = {
    "\u2ea0": "民", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角", "\u2ec9": "贝",
    "\u2ecb": "车", "\u2ed3": "长", "\u2ed4": "门", "\u2ed8": "青", "\u2ed9": "韦",
    "\u2eda": "页", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ee2": "马",
    "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤",
    "\u2ee8": "麦", "\u2ee9": "黄", "\u2eec": "齐", "\u2eee": "齿", "\u2ef0": "龙",
}


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}

    def nfkc_range(lo: int, hi: int) -> None:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            norm = unicodedata.normalize("NFKC", ch)
            if norm != ch:
                table[cp] = norm

    nfkc_range(0x2E80, 0x2EFF)    # CJK Radicals Supplement (⺟ ⻳)
    nfkc_range(0x2F00, 0x2FDF)    # Kangxi Radicals (⼀ ⾦ …)
    nfkc_range(0xF900, 0xFAFF)    # CJK Compatibility Ideographs
    nfkc_range(0x2F800, 0x2FA1F)  # CJK Compatibility Ideographs Supplement
    nfkc_range(0xFF01, 0xFF5E)    # full-width ASCII (letters, digits, symbols)
    nfkc_range(0xFF5F, 0xFFEF)    # half-width CJK/katakana, full-width signs ￥
    for ch in _KEEP_FULLWIDTH:
        table.pop(ord(ch), None)
    for src, dst in _RADICAL_EXTRA.items():
        table.setdefault(ord(src), dst)
    # Spaces → ordinary space; zero-width characters and soft hyphen → removed.
    for cp in (0x00A0, 0x3000, 0x202F, 0x205F, *range(0x2000, 0x200B)):
        table[cp] = " "
    for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
        table[cp] = ""
    # Line-ish controls (Word: \x0b soft break, \x0c page break) → newline;
    # other C0 controls (Word's \x07 cell mark …) removed; tab, LF, CR kept.
    for cp in (0x0B, 0x0C, 0x85, 0x2028, 0x2029):
        table[cp] = "\n"
    for cp in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F):
        table[cp] = ""
    return table


def _char_class(cps: list[int]) -> str:
    """A regex character class from code points, as ranges (a class of 1,500
    single characters searches 50× slower than one of ranges)."""
    parts, cps = [], sorted(cps)
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = re.escape(chr(cps[i])), re.escape(chr(cps[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"


_TABLE = _build_table()
_TABLE_RE = re.compile(_char_class([*_TABLE, ord("\r")]))

# A full-width comma that groups thousands (２，９４０．０５ → 2,940.05).
_NUM_COMMA = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")

# --------------------------------------------------------------------------- #
# 2. Word field codes
# --------------------------------------------------------------------------- #

_FIELD_HINTS = ("REF", "TOC", "HYPERLINK", "_Toc", "_Ref", "MERGEFORMAT")
_FIELD_ARG = (
    r'(?:"[^"\n]*"|“[^”\n]*”'          # quoted argument: "1-3", "_Toc123"
    r"|_(?:Toc|Ref)\d+"                # bookmark
    r"|\\\*\s*MERGEFORMAT|MERGEFORMAT"  # format switch
    r"|\\[A-Za-z]"                     # \h \o \z \u \l
    r"|(?<=\s)[A-Za-z](?![A-Za-z0-9_.,:/@-]))"  # the same switch without its backslash
)
_FIELD_RE = re.compile(
    r"\{?[ \t]*\b(?:PAGEREF|HYPERLINK|NOTEREF|TOC|REF)\b(?:[ \t]*" + _FIELD_ARG + r")+[ \t]*\}?"
)
_FIELD_LEFTOVER = re.compile(r"\\\*\s*MERGEFORMAT|MERGEFORMAT|_(?:Toc|Ref)\d+|\{[ \t]*\}")

# --------------------------------------------------------------------------- #
# 3. Spaces
# --------------------------------------------------------------------------- #

_TAB_SPACES = re.compile(r" *\t *")
_MULTISPACE = re.compile(r" {2,}")
_SPACE_AROUND_NL = re.compile(r" *\n *")
# a space after a sentence or list mark (、，。；：) is the publisher's, not a letter-spacing gap
_CJK_SPACE_CJK = re.compile(f"(?<=[{_CJK}])(?<![、，。；：！？]) (?=[{_CJK}])")

# --------------------------------------------------------------------------- #
# 4. Traditional → simplified
# --------------------------------------------------------------------------- #

# Frequent characters that exist only in traditional script (never in GB2312,
# always changed by OpenCC t2s). One of them, with a small share, decides.
STRONG_MARKERS = frozenset(
    "決萬億財撥門國費經務與預總額單計劃資產項稅貸債險這為們個會發開關體機構員據說對時來從"
    "間問題實際現區縣鄉鎮級營運業專報歲統場農醫療衛養職學習設備購買賣錢銀貨幣價結餘轉贈補"
    "償還帳賬應並繳類當續檢視處無條參議選舉廳黨辦點綜護環標準術進軍車輛維訓審監僱傭勞動獎"
    "勵災難隊歷屆該範圍"
)
#: share of markers among Han characters that decides together with a strong marker
STRONG_SHARE = 0.05
#: share of markers among Han characters that decides on its own (with MIN_MARKERS)
MARKER_SHARE = 0.15
MIN_MARKERS = 3

_cc = None
_cc_lock = threading.Lock()


def _converter():
    global _cc
    if _cc is None:
        with _cc_lock:
            if _cc is None:
                import opencc  # lazy: ~15 ms, only when non-GB2312 Han text shows up

                _cc = opencc.OpenCC("t2s")
    return _cc


def _t2s(s: str) -> str:
    try:
        return _converter().convert(s)
    except UnicodeEncodeError:  # lone surrogates from a broken PDF: convert around them
        parts = re.split(r"([\ud800-\udfff]+)", s)
        return "".join(p if i % 2 else _converter().convert(p) for i, p in enumerate(parts))


@cache
def simplified_char(ch: str) -> str:
    """One character in simplified script (its own when t2s does not give one character):
    for text whose characters carry positions (PDF glyphs), where a string conversion that
    changes length would lose them."""
    if ch < "\u3400":
        return ch
    out = _t2s(ch)
    return out if len(out) == 1 else ch


@cache
def _is_marker(ch: str) -> bool:
    """A Han character outside GB2312 that OpenCC t2s changes."""
    try:
        ch.encode("gb2312")
        return False
    except UnicodeEncodeError:
        pass
    return _t2s(ch) != ch


def is_traditional(s: str) -> bool:
    """Whether ``s`` is detectably traditional script.

    Cheap first: text that encodes as GB2312 (every simplified character in
    common use, and ASCII and Chinese punctuation) is not traditional. Otherwise
    count *markers* (Han characters outside GB2312 that OpenCC t2s changes):
    traditional when a strong marker (決 萬 財 撥 門 億 國 費 經 務 與 …) occurs
    and markers are at least 5 % of the Han characters, or when at least three
    markers make up at least 15 %. A stray traditional character in a long
    simplified page, or a rare name character (昇, 甦) in a short one, does not
    flip the decision.
    """
    try:
        s.encode("gb2312")
        return False
    except UnicodeEncodeError:
        pass
    markers = [c for c in set(s) if c >= "\u3400" and _HAN_RE.match(c) and _is_marker(c)]
    if not markers:
        return False
    n_marker = sum(s.count(c) for c in markers)
    n_han = len(_HAN_RE.findall(s))
    share = n_marker / n_han
    if share >= STRONG_SHARE and any(c in STRONG_MARKERS for c in markers):
        return True
    return n_marker >= MIN_MARKERS and share >= MARKER_SHARE


# --------------------------------------------------------------------------- #
# clean()
# --------------------------------------------------------------------------- #

_CLEAN_CACHE_MAX_LEN = 512


def clean(s: str, *, traditional: bool | None = None) -> str:
    """Text kept for display: as printed, but repaired.

    * Kangxi radicals, CJK Radicals Supplement characters (NFKC plus the
      simplified radicals whose glyph is a whole character: ⻓→长, ⻔→门),
      CJK compatibility ideographs, full-width ASCII letters, digits and
      symbols, half-width forms: NFKC per character. Full-width Chinese
      punctuation ``，：；（）！？％`` and ``。、“”《》【】`` is kept as printed,
      except a ``，`` that groups the thousands of a number (``2，940.05`` →
      ``2,940.05``).
    * U+00A0, U+3000, U+2000–U+200A, U+202F, U+205F → space; U+200B–U+200D,
      U+2060, U+FEFF, soft hyphen → removed; ``\\v``, ``\\f``, U+2028/9 and
      CR/CRLF → newline; other control characters removed.
    * Word field codes (``PAGEREF _Toc123 \\h``, ``HYPERLINK \\l "_Toc1"``,
      ``TOC \\o "1-3" \\h \\z \\u``, with or without braces or backslashes) removed.
    * Traditional → simplified (OpenCC t2s) when :func:`is_traditional`
      says so; ``traditional=True/False`` forces the decision (a caller that
      decided once per document passes it for every cell).
    * A space between two CJK characters (Han or CJK punctuation) is removed,
      other runs of spaces and tabs collapse to one space (a run holding a tab
      collapses to one tab), spaces next to newlines and at both ends are
      stripped. Newlines are kept. Numbers are never joined across a space.
    * ``?`` and U+FFFD are left in place.

    Clean one cell, title or line at a time: the space rule joins two Han
    words separated by a single space ("科目编码 科目名称" → one word).
    Idempotent. Results of strings up to 512 characters are cached.
    """
    if len(s) <= _CLEAN_CACHE_MAX_LEN:
        return _clean_cached(s, traditional)
    return _clean(s, traditional)


@lru_cache(maxsize=65536)
def _clean_cached(s: str, traditional: bool | None) -> str:
    return _clean(s, traditional)


def _clean(s: str, traditional: bool | None) -> str:
    if not s:
        return s
    if _TABLE_RE.search(s):
        if "\r" in s:
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        s = s.translate(_TABLE)
    if "，" in s and _NUM_COMMA.search(s):
        s = _NUM_COMMA.sub(",", s)
    if any(h in s for h in _FIELD_HINTS):
        s = _FIELD_RE.sub(" ", s)
        s = _FIELD_LEFTOVER.sub(" ", s)
    if " " in s or "\t" in s:
        # tabs separate cells (text exports, Word tab cells): an empty cell between two tabs
        # is kept; only the spaces around a tab and runs of spaces are collapsed
        s = _MULTISPACE.sub(" ", _TAB_SPACES.sub("\t", s) if "\t" in s else s)
        s = _CJK_SPACE_CJK.sub("", s)
        if "\n" in s:
            s = _SPACE_AROUND_NL.sub("\n", s)
    s = s.strip(" \n")  # a leading tab is an empty first cell
    if traditional is None:
        traditional = is_traditional(s)
    if traditional:
        s = _t2s(s)
    return s


# --------------------------------------------------------------------------- #
# Numbering, continuation, leaders, page numbers, doubling
# --------------------------------------------------------------------------- #

_CN_NUM = "一二三四五六七八九十百零〇两"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ"
_CIRCLED = "\u2460-\u24ff\u2776-\u2793\u3220-\u3229\u3251-\u325f\u3280-\u3289\u32b1-\u32bf"
_DELIM = "、.．:：,，"
# Words that start with a Chinese numeral and may follow 表/附表 directly (一般公共预算, 三公经费, 一级项目).
_NUM_WORD = "般公级类款项致次"

_NUMBERING = re.compile(
    r"^\s*(?:"
    # 附表1： 附表二、 表1 表一： 表1-2 附件3
    rf"(?:附表|附件|表)\s*(?:\d+(?:[-－—.．]\d+)*(?![\d.．])|[{_CN_NUM}]+(?![{_NUM_WORD}]))\s*[{_DELIM}]?"
    # 附表 before a title (附表 一般公共预算…)
    rf"|附表\s*[{_DELIM}]?"
    # 第一部分 第二章 第3节
    rf"|第\s*[\d{_CN_NUM}]+\s*(?:部分|章|节)\s*[{_DELIM}]?"
    # ① ⑴ ⒈ ㈠ ㊀
    rf"|[{_CIRCLED}]\s*[{_DELIM}]?"
    # （一） (1) （1）、
    rf"|[（(]\s*(?:\d+|[{_CN_NUM}]+|[{_ROMAN}]+|[A-Za-z])\s*[）)]\s*[{_DELIM}]?"
    # 一、 十一． 二.
    rf"|[{_CN_NUM}]+\s*[、.．](?!\d)"
    # 1. 1、 1） 1)
    r"|\d{1,3}\s*[、.．)）](?![\d.．])"
    # 1.1 / 1.2.3 followed by a space
    r"|\d{1,3}(?:[.．]\d{1,3})+\s+"
    # Ⅰ、 ii.
    rf"|[{_ROMAN}]+\s*[、.．]"
    r")\s*"
)


def strip_numbering(s: str) -> str:
    """Remove leading list numbering, repeatedly.

    ``一、`` ``十一．`` ``（一）`` ``(1)`` ``1.`` ``1、`` ``1）`` ``1.2 `` ``①`` ``⑴``
    ``㈠`` ``Ⅱ、`` ``附表1：`` ``附表二、`` ``表1`` ``表1-2`` ``表一：`` ``附件3``
    ``第一部分``. A number that belongs to the text is left: ``1.5亿元``,
    ``2024年``, ``附表一般公共预算…``. Numbering that is the whole string is
    kept (``"附表1"`` stays ``"附表1"``). Works on cleaned or NFKC text;
    the whitespace after a number goes with it.
    """
    cur = s
    while True:
        m = _NUMBERING.match(cur)
        if m is None:
            return cur
        rest = cur[m.end():]
        if not rest.strip():
            return cur
        cur = rest


_CONT_END = re.compile(
    rf"(?:[（(]\s*(?:续|續)\s*(?:表|上表|前表)?\s*[\d{_CN_NUM}]*\s*[）)]|(?:续|續)(?:表|上表|前表)\s*[\d{_CN_NUM}]*)\s*$"
)
_CONT_START = re.compile(
    rf"^\s*(?:[（(]\s*(?:续|續)\s*(?:表|上表|前表)?\s*[\d{_CN_NUM}]*\s*[）)]|(?:续|續)(?:表|上表|前表)\s*[\d{_CN_NUM}]*)\s*[{_DELIM}]?\s*"
)


def is_continued(s: str) -> bool:
    """Whether a title marks a continuation: ``（续表）``, ``(续)``, ``(续表2)``,
    ``续表1``, ``续上表`` at its end, or ``续表1：`` at its start. ``持续``,
    ``继续`` are not marks (a bare 续 needs brackets)."""
    t = _pre_key(s)
    for _ in range(3):
        t = _LEADER_END.sub("", _undouble(t)) or t
    return bool(_CONT_END.search(t) or _CONT_START.match(t))


def _strip_continued(s: str) -> str:
    t = _CONT_END.sub("", s)
    t = _CONT_START.sub("", t)
    return t if t.strip() else s


# Dot leader (…… ....... ····· ⋯⋯ ___ ---) with an optional page number, at the end.
_LEADER_END = re.compile(
    r"(?:[.．·•・‧∙⋅⋯…‥。]{2,}|…|⋯|_{3,}|-{3,}|—{3,})\s*"
    r"(?:第?\s*[（(]?\s*\d{1,4}\s*[）)]?\s*页?)?\s*$"
)
# Page number separated by whitespace after a title (CJK text or closing bracket before it).
_PAGE_END = re.compile(rf"(?<=[{_CJK}）)])\s+(?:第\s*)?[（(]?\d{{1,3}}[）)]?(?:\s*页)?\s*$")
_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({c: "" for c in "“”\"'‘’「」『』《》〈〉"} | {"(": "（", ")": "）"})


def _undouble(s: str) -> str:
    """Undo fake-bold doubling: every character exactly doubled (or tripled)."""
    n = len(s)
    for k in (2, 3):
        if n >= 2 * k and n % k == 0:
            first = s[::k]
            if all(s[i::k] == first for i in range(1, k)) and len(set(first)) > 1:
                return first
    return s


# --------------------------------------------------------------------------- #
# key()
# --------------------------------------------------------------------------- #


def _pre_key(s: str) -> str:
    s = clean(s)
    compact = _WS.sub("", s)
    if (undone := _undouble(compact)) is not compact:  # doubled numbering: 一一、、收收入入
        s = undone
    s = strip_numbering(s)  # before NFKC: ① → "1" would lose its delimiter
    s = unicodedata.normalize("NFKC", s)
    s = _PAGE_END.sub("", s) or s
    return _WS.sub("", s).translate(_QUOTES)


@lru_cache(maxsize=65536)
def key(s: str) -> str:
    """The matching key of a label, title or header.

    ``clean()``, then: NFKC on everything; trailing page numbers after a title
    removed (``"收入支出决算总表 2"``); all whitespace removed; quotes
    ``“”"'‘’「」『』`` and ``《》〈〉`` removed; brackets unified to full-width
    ``（）``; then, until nothing changes: fake-bold doubling undone
    (``收收入入支支出出`` → ``收入支出``), dot leaders with their page number
    removed (``……（2）``, ``....... 5``, ``·····3``), a continuation mark
    removed (``（续表）``, ``(续)``, ``续表1``; see :func:`is_continued`),
    leading numbering removed (see :func:`strip_numbering`).
    """
    s = _pre_key(s)
    while True:
        prev = s
        s = _undouble(s)
        s = _LEADER_END.sub("", s) or s
        s = _strip_continued(s)
        s = strip_numbering(s)
        if s == prev:
            return s

"""The template vocabulary (schemas/vocabulary.yaml with tables.yaml): how publishers print
titles, headers and row labels, read by every route and by the audit.

Stage-independent like :mod:`juesuan.spec`: extract (page triage), locate, normalize and
audit all import it; it imports no stage.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from juesuan import spec
from juesuan.textnorm import is_continued, key

__all__ = ["key", "is_continued", "loose", "vocabulary", "title_index", "match_title_line",
           "header_role", "is_total_label", "side_of", "column_aliases", "item_aliases",
           "basic_total", "single_row", "is_toc_word", "side_word", "title_candidates", "is_header_word",
           "page_titles", "LEADER", "title_line", "is_toc_text", "blank_marks", "generic_leaves"]

_LOOSE_DROP = re.compile(r"[和及与、]")
_LOOSE_TAIL = re.compile(r"(数|金额)$")


@cache
def vocabulary() -> dict[str, Any]:
    text = resources.files("juesuan").joinpath("schemas/vocabulary.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def loose(k: str) -> str:
    """A header key with 和/及/与 dropped and a trailing 数/金额 dropped ("基本支出数" →
    "基本支出", "公务用车购置和运行维护费" → "公务用车购置运行维护费")."""
    k = _LOOSE_DROP.sub("", k)
    return _LOOSE_TAIL.sub("", k) if len(k) > 2 else k


# ---------------------------------------------------------------- titles


@cache
def title_index() -> tuple[tuple[str, str], ...]:
    """(title key, table id), longest first so the most specific title wins."""
    pairs: set[tuple[str, str]] = set()
    extra = vocabulary().get("titles", {})
    for tid, names in spec.table_titles().items():
        for name in [*names, *extra.get(tid, [])]:
            k = key(name)
            pairs.add((k, tid))
            pairs.add((loose(k), tid))
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


_TRAILING_BRACKET = re.compile(r"（[^（）]*）$")
# "<agency><year>年度[部门|单位]" before a title: an agency-prefixed title, however long the name
_YEAR_PREFIX = re.compile(r"^.{0,30}\d{4}年度?(?:部门|单位)?(?:本级)?$")


def _title_key(line: str) -> str:
    k = key(line)
    return _TRAILING_BRACKET.sub("", k)


def _dropped_one(name: str, variant: str) -> bool:
    """``variant`` ends with ``name`` printed with one character dropped (a publisher's tool
    losing 总, or 收入 … 决算表 without 总)."""
    if len(name) < 6:
        return False
    for i in range(len(name) - 1):  # never the final 表
        shorter = name[:i] + name[i + 1:]
        if variant.endswith(shorter) and (len(variant) == len(shorter) or _YEAR_PREFIX.search(
                variant[:-len(shorter)]) or len(variant) - len(shorter) <= 8):
            return True
    return False


def title_candidates(line: str, slack: int = 8) -> list[tuple[str, float]]:
    """Every table a title line may name, best first: (table id, score). A title printed in
    full scores its length; one printed with a character dropped scores a little less, so the
    locator can let the table's structure (two-sided or coded) and its form code decide."""
    if "表" not in line or len(line) > 80:
        return []
    k = _title_key(line)
    if not k.endswith("表"):
        return []
    scores: dict[str, float] = {}
    for variant in (k, loose(k)):
        for name, tid in title_index():
            if not name:
                continue
            hit = variant.endswith(name) and (len(variant) <= len(name) + slack or _YEAR_PREFIX.search(
                variant[:-len(name)])) or (name in variant and len(variant) <= len(name) + 2)
            score = float(len(name)) if hit else len(name) - 1.5 if _dropped_one(name, variant) else 0.0
            if score > scores.get(tid, 0.0):
                scores[tid] = score
    return sorted(scores.items(), key=lambda t: (-t[1], t[0]))


def match_title_line(line: str, slack: int = 8) -> str | None:
    """The table id when ``line`` is a standard table's title (numbering, prefixes such as
    "2024年度"/"部门"/"附表2：", 《》, spaces inside words, （续表）, a trailing "（单位：万元）"
    allowed), else None. A sentence that mentions a title, or a heading such as
    "…决算表情况说明", is not a title: the key must end with 表 and be at most ``slack``
    characters longer than the title it contains (more after an agency-and-year prefix)."""
    found = title_candidates(line, slack)
    return found[0][0] if found else None


LEADER = re.compile(r"(?:[.·…．。]{3,}|…{2,}|\.{2,}\s*)\s*[（(]?\s*\d{1,3}\s*[）)]?\s*$")


def page_titles(text: str) -> list[tuple[str, str]]:
    """(table id, line) of every line of a page that is a standard table's title printed on
    its own line (a 目录 entry's dot leaders and page number allowed)."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        tid = match_title_line(LEADER.sub("", line), slack=12) if line else None
        if tid:
            out.append((tid, line))
    return out


def title_line(line: str) -> str | None:
    """The table id when a line of running text is a title printed on its own line — not a
    mention in a sentence, a "…决算表情况说明" heading or a 目录 entry with leader dots."""
    if re.search(r"[…·]{2}|\.{3}", line):
        return None
    return match_title_line(line, slack=6)


def is_toc_word(line: str) -> bool:
    return key(line) in vocabulary()["toc_words"]


MANY_TITLES = 4  # distinct standard-table titles on one page: a list, not tables


def is_toc_text(text: str) -> bool:
    """A page that lists titles (目录): it says so near the top, several lines end in dot
    leaders and a page number, or it lists many different standard-table titles."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if any(is_toc_word(ln) for ln in lines[:6]):
        return True
    if sum(1 for ln in lines if LEADER.search(ln)) >= 3:
        return True
    return len({tid for tid, _ in page_titles(text)}) >= MANY_TITLES


# ---------------------------------------------------------------- headers


@cache
def _role_words() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    out = {}
    for role, words in vocabulary()["header_roles"].items():
        out[role] = (frozenset(key(w) for w in words.get("equals", [])),
                     tuple(key(w) for w in words.get("contains", [])))
    return out


def header_role(path: tuple[str, ...]) -> str:
    """'code' | 'name' | 'lineno' | 'value' for a column's header path (its leaf first)."""
    keys = [key(p) for p in path if p and key(p)]
    if not keys:
        return "value"
    leaf, joined = keys[-1], "".join(keys)
    words = _role_words()
    for role in ("lineno", "code", "name"):
        equals, contains = words[role]
        if leaf in equals or any(c in leaf for c in contains):
            return role
    code_eq, code_in = words["code"]
    name_eq, name_in = words["name"]
    if any(c in joined for c in code_in) and any(c in joined for c in name_in):
        return "name"
    return "value"


def is_lineno_word(cell: str) -> bool:
    return key(cell) in _role_words()["lineno"][0]


@cache
def _header_words() -> frozenset[str]:
    words: set[str] = set()
    for role in vocabulary()["header_roles"].values():
        words.update(key(w) for w in role.get("equals", []))
    for side in vocabulary()["sides"].values():
        words.update(key(w) for w in side)
    words.update(generic_leaves())
    for tid in spec.table_ids():
        for names in column_aliases(tid).values():
            words.update(names)
            words.update(loose(n) for n in names)
    return frozenset(w for w in words if w)


def is_header_word(cell: str) -> bool:
    """A word printed in table headers (a column label of any table, a role or side word),
    as opposed to a row label."""
    k = key(cell)
    return k in _header_words() or loose(k) in _header_words()


@cache
def _totals() -> frozenset[str]:
    return frozenset(key(w) for w in vocabulary()["total_rows"])


def is_total_label(label: str) -> bool:
    return key(label) in _totals()


def generic_leaves() -> frozenset[str]:
    return frozenset(key(w) for w in vocabulary()["generic_leaves"])


def blank_marks() -> frozenset[str]:
    return frozenset(vocabulary()["blank_marks"])


def side_word(label: str) -> str:
    """'income' | 'expenditure' when the label is exactly a side header word (收入, 支出项目 …)."""
    k = key(label)
    return next((side for side, words in vocabulary()["sides"].items() if k in {key(w) for w in words}), "")


def side_of(label: str) -> str:
    """'income' | 'expenditure' | '' for a two-sided table's top header word."""
    k = key(label)
    for side, words in vocabulary()["sides"].items():
        if k in {key(w) for w in words}:
            return side
    if "收入" in k and "支出" not in k:
        return "income"
    if "支出" in k and "收入" not in k:
        return "expenditure"
    return ""


@cache
def column_aliases(table_id: str) -> dict[str, tuple[str, ...]]:
    """column id → printed header keys (tables.yaml label first, then vocabulary.yaml's)."""
    out: dict[str, list[str]] = {}
    for cid, label in spec.columns(table_id).items():
        out.setdefault(cid, []).append(key(re.sub(r"\s+\(.*\)$", "", label)))
    for cid, names in vocabulary()["columns"].get(table_id, {}).items():
        out.setdefault(cid, []).extend(key(n) for n in names)
    return {cid: tuple(dict.fromkeys(v)) for cid, v in out.items()}


@cache
def item_aliases(table_id: str, section: str) -> dict[str, str]:
    """printed row-label key → item id of a two-sided table's side (tables.yaml, then aliases)."""
    out: dict[str, str] = {}
    spec_items = spec.tables()[table_id].get("items", {}).get(section, {})
    for item, label in spec_items.items():
        out.setdefault(key(label.split(" (")[0]), item)
    funds = {"general_budget", "gov_fund", "state_capital"}
    for item, names in vocabulary()["items"][section].items():
        if item in spec_items or item in funds:
            for n in names:
                out.setdefault(key(n), item)
    for k, item in list(out.items()):
        out.setdefault(loose(k), item)
    return out


@cache
def _basic_totals() -> dict[str, str]:
    return {key(n): tid for tid, names in vocabulary()["basic_totals"].items() for n in names}


def basic_total(label: str) -> str | None:
    return _basic_totals().get(key(label))


def single_row(table_id: str) -> dict[str, Any]:
    return vocabulary()["single_row"][table_id]

"""Search that finds what readers type (issue 11): `lang: zh`, jieba with the fiscal user
dictionary cutting compound terms into the words readers type, and the heavy tables'
words (codes, project names, findings, numbers) in the index though not parsed as
Markdown."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import jieba
import pytest

from juesuan.render.fragments import inject, search_text

REPO = Path(__file__).resolve().parents[2]
DICT = REPO / "overrides" / "jieba-fiscal-terms.txt"


@pytest.fixture(scope="module")
def cut():
    jieba.setLogLevel(logging.WARNING)
    t = jieba.Tokenizer()
    t.load_userdict(str(DICT))
    return lambda s: list(t.cut(s))


def test_config_uses_chinese_search_with_the_dictionary():
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    block = text[text.index("  - search:"):text.index("markdown_extensions")]
    assert re.search(r"^\s+lang: zh$", block, re.M)
    assert "jieba_dict_user: overrides/jieba-fiscal-terms.txt" in block


@pytest.mark.parametrize("text, words", [
    ("一般公共预算财政拨款收入", ["财政", "拨款", "收入"]),
    ("三公经费财政拨款支出决算表", ["三公", "经费", "拨款"]),
    ("机关运行经费", ["机关", "运行", "经费"]),
    ("公务用车运行维护费", ["公务", "用车", "维护"]),
    ("社会保障和就业支出", ["社会", "保障", "就业"]),
])
def test_compound_terms_are_cut_into_the_words_readers_type(cut, text, words):
    tokens = cut(text)
    assert "".join(tokens) == text
    assert all(w in tokens for w in words), tokens


def test_dictionary_lines_are_jieba_user_dictionary_lines():
    for line in DICT.read_text("utf-8").splitlines():
        assert re.fullmatch(r"\S+ \d+ [a-z]+", line), line


def test_search_text_has_cells_once_and_numbers_without_separators():
    html = ('<table><tr><td>2040201 行政运行</td><td class="n">21,044.79</td></tr>'
            '<tr><td>司法救助资金项目</td><td>2040201</td><td>-1,234.50</td></tr></table>'
            '<figure class="jc-chart"><script>{"x": "chartonly"}</script></figure>')
    words = search_text(html).split()
    assert words.count("2040201") == 1
    assert {"21,044.79", "21044.79", "-1234.50", "司法救助资金项目", "行政运行"} <= set(words)
    assert "chartonly" not in " ".join(words)
    assert search_text("<td>a &lt;b&gt;</td>") == "a &lt;b&gt;"


def test_index_text_is_dropped_from_the_page_after_indexing():
    page = '<div class="jc-index">2040201 行政运行</div>\n<!--jc:0-->\n'
    assert inject(page, {"0": "<table>t</table>"}) == "<table>t</table>\n"

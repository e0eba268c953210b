"""Heavy HTML of a page (tables, chart blocks) kept out of Markdown and the search index.

Templates wrap such blocks in ``{% filter fragment %}…{% endfilter %}``: the block is
stored in the page's fragment table and the Markdown gets a placeholder comment
``<!--jc:N-->``. The renderer writes the table next to the page
(``index.fragments.json``, excluded from the site by mkdocs.yml), and the MkDocs hook
``overrides/hooks/fragments.py`` puts the blocks back into the page's HTML after the
search plugin has indexed it. So Python-Markdown and the search indexer never parse
thousands of table cells (MkDocs spent ~90 % of its time doing so), and the search index
holds the prose, not the numbers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

MARK = "<!--jc:{}-->"
PATTERN = re.compile(r"<!--jc:(\d+)-->")
SUFFIX = ".fragments.json"


class FragmentError(Exception):
    pass


@jinja2.pass_context
def fragment(context, html: str) -> Markup:
    """Jinja filter: store ``html`` in the page's fragments, return its placeholder."""
    store = context["fragments"]
    key = str(len(store))
    store[key] = str(html).strip()
    words = search_text(store[key])
    index = f'<div class="jc-index">{words}</div>\n' if words else ""
    return Markup(index + MARK.format(key) + "\n")  # (trim_blocks eats the newline after the tag)


_TAG = re.compile(r"<[^>]+>")
_SKIP = re.compile(r'<(script|figure)\b.*?</\1>', re.S)
_GROUPED = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
INDEX = re.compile(r'<div class="jc-index">[^<]*</div>\n?')


def search_text(html: str) -> str:
    """The words of a heavy block for the search index (issue 11): its cells' text once
    each — codes, project names, findings, numbers as printed and without thousands
    separators (1,234.50 also as 1234.50). Charts are skipped (their numbers are in tables).
    The MkDocs hook drops this text from the page after the search plugin has read it."""
    import html as _html

    seen: dict[str, None] = {}
    for part in _TAG.split(_SKIP.sub(" ", html)):
        for word in _html.unescape(part).split():
            seen.setdefault(word, None)
            if _GROUPED.match(word):
                seen.setdefault(word.replace(",", ""), None)
    return _html.escape(" ".join(seen), quote=False)


def fragments_path(page_path: Path) -> Path:
    page_path = Path(page_path)
    return page_path.with_name(page_path.stem + SUFFIX)


def write_fragments(page_path: Path, fragments: dict[str, str]) -> None:
    path = fragments_path(page_path)
    if fragments:
        path.write_text(json.dumps(fragments, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    elif path.exists():
        path.unlink()


def inject(content: str, fragments: dict[str, str], where: str = "") -> str:
    """Replace every placeholder by its fragment; a missing one is an error (never a hole)."""
    def sub(m: re.Match) -> str:
        try:
            return fragments[m.group(1)]
        except KeyError:
            raise FragmentError(f"{where}: fragment {m.group(1)} missing — run `juesuan build` again") from None
    return PATTERN.sub(sub, INDEX.sub("", content))


def inject_page(content: str, page_path: Path) -> str:
    path = fragments_path(page_path)
    if not path.exists():
        if PATTERN.search(content):
            raise FragmentError(f"{path}: missing — run `juesuan build` again")
        return content
    return inject(content, json.loads(path.read_text("utf-8")), str(path))

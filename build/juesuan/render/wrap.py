"""Every table of a page scrolls inside its own wrapper, so no table widens the page on a
phone. Material wraps only the tables Markdown writes (``table:not([class])``, in JavaScript);
ours carry classes and come from templates, hooks and fragments, so the built HTML is wrapped
here (MkDocs hook ``overrides/hooks/wrap_tables.py``, after the fragments are back in place).
"""

from __future__ import annotations

import re

WRAPPER = '<div class="jc-table">'
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_WRAPPED_BEFORE = re.compile(r'<div class="(?:jc-table|md-typeset__table|md-typeset__scrollwrap)[^"]*"[^>]*>\s*$')


def wrap_tables(html: str) -> str:
    """Wrap each outermost ``<table>`` not already directly inside a scroll wrapper."""
    tokens = sorted([(m.start(), 1) for m in _TABLE_OPEN.finditer(html)]
                    + [(m.end(), -1) for m in _TABLE_CLOSE.finditer(html)])
    out: list[str] = []
    pos, depth, wrapping = 0, 0, False
    for at, step in tokens:
        if step == 1:
            if depth == 0:
                wrapping = not _WRAPPED_BEFORE.search(html[max(0, at - 300):at])
                if wrapping:
                    out += [html[pos:at], WRAPPER]
                    pos = at
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and wrapping:
                out += [html[pos:at], "</div>"]
                pos, wrapping = at, False
    out.append(html[pos:])
    return "".join(out)

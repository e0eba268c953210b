"""Readable ASCII anchors for Chinese headings: '三公经费' → 'san-gong-jing-fei'.

Python-Markdown's toc extension calls :func:`slugify` for every heading (mkdocs.yml:
``markdown_extensions: toc: slugify``); its default drops every Chinese character and leaves
``#_1``, ``#_2`` … that say nothing and change when a heading is added above. Pinyin keeps
the anchor readable, stable and shareable; ASCII words and digits in a heading stay as they are.
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 60
_KEEP = re.compile(r"[^a-z0-9]+")


def slugify(value: str, separator: str = "-") -> str:
    from pypinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", str(value)).lower()
    words = [_KEEP.sub(separator, w).strip(separator) for w in lazy_pinyin(text)]
    slug = separator.join(w for w in words if w)
    slug = re.sub(re.escape(separator) + "+", separator, slug)
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit(separator, 1)[0]
    return slug or "section"

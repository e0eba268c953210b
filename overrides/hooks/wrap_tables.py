"""MkDocs hook: every table of every page scrolls inside its own wrapper (see
build/juesuan/render/wrap.py). Runs on the finished HTML, after the fragments hook."""

from mkdocs.plugins import event_priority

from juesuan.render.wrap import wrap_tables


@event_priority(-100)
def on_post_page(output, page, config):
    return wrap_tables(output)

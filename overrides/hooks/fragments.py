"""MkDocs hook: put the heavy HTML blocks of generated pages back after search indexing.

See build/juesuan/render/fragments.py. Runs last (priority -100), after Material's
search plugin has read the page.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from juesuan.render.fragments import FragmentError, inject_page


@event_priority(-100)
def on_page_context(context, page, config, nav):
    try:
        page.content = inject_page(page.content or "", Path(page.file.abs_src_path))
    except FragmentError as e:
        raise PluginError(str(e)) from None
    return context

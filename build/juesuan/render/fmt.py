"""Escaping and Chinese number formatting for the generated Markdown pages.

Every string that comes from a report goes through :func:`esc` (the Jinja
environment applies it to every ``{{ … }}`` output that is not ``Markup``): HTML
special characters and the ASCII punctuation that Markdown, attr_list, pymdownx or
Jinja give a meaning to become numeric character references, and line breaks become
spaces. The result reads the same in a browser and can neither open a tag, start a
Markdown construct nor add attributes, in Markdown text as in raw HTML blocks.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from markupsafe import Markup

# characters replaced by &#NN; (".", ",", "-", "/", "%" stay: they are harmless in
# running text since no value is ever placed at the start of a Markdown line)
_SPECIAL = "&<>\"'`*_{}[]()#+!|~^=:\\$@"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_TABLE.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " ", ord("\u2028"): " ",
               ord("\u2029"): " ", 0: ""})


def esc(value: Any) -> Markup:
    """Untrusted text → Markup safe in Markdown and HTML (see module doc)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(str(value).translate(_TABLE))


def web_url(value: Any) -> str:
    """The value if it is an http(s) address (to link to), else "" (shown as text only)."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) and " " not in text else ""


def json_for_script(data: Any) -> Markup:
    """JSON to place inside <script type="application/json">: cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return Markup(text)


def _quant(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def num(value: Any, places: int = 2) -> Markup:
    """12345.6 → '12,345.60'; None → '—' (not printed)."""
    if value is None or value == "":
        return Markup("—")
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    return Markup(f"{_quant(d, places):,.{places}f}")


def count(value: Any) -> Markup:
    """A figure as printed: no decimals for whole numbers (544 人, 89 台), else two."""
    if value is None or value == "":
        return Markup("—")
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    return num(d, 0 if d == d.to_integral_value() else 2)


def wan(value: Any) -> Markup:
    """An amount in 万元 as a reader says it: '2.10 亿元' from 1 亿 up, else 'x,xxx.xx 万元'."""
    if value is None:
        return Markup("—")
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if abs(d) >= 10000:
        return Markup(f"{num(d / 10000)} 亿元")
    return Markup(f"{num(d)} 万元")


def pct(value: Any, places: int = 1) -> Markup:
    if value is None:
        return Markup("—")
    return Markup(f"{num(value, places)}%")


def change_pct(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Change on the previous year in %, None when it cannot be computed."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / abs(previous) * 100


def signed_pct(value: Decimal | None) -> Markup:
    if value is None:
        return Markup("")
    arrow = "▲" if value > 0 else "▼" if value < 0 else "＝"
    return Markup(f"{arrow} {num(abs(value), 1)}%")


def fig(value: Any) -> Markup:
    """A figure of a finding: as :func:`count`, but "" when there is none (the cell stays empty)."""
    return Markup("") if value is None or value == "" else count(value)


def page_ref(page: Any, href: str = "") -> Markup:
    """"第N页", linked to that page of the source PDF when ``href`` is given; "" without a page."""
    try:
        n = int(page)
    except (TypeError, ValueError):
        return Markup("")
    if n < 1:
        return Markup("")
    return Markup(f'<a href="{esc(href)}#page={n}">第{n}页</a>') if href else Markup(f"第{n}页")


def filters() -> dict[str, Any]:
    return {"esc": esc, "num": num, "count": count, "wan": wan, "pct": pct, "signed_pct": signed_pct, "web_url": web_url,
            "tojson_script": json_for_script, "fig": fig, "page_ref": page_ref}

"""The hot loops of the indicator page's tables and maps, written in Python.

A province table or a time series is a few hundred cells; a template include
per row and filters per cell cost more than the rest of the page. These
functions write exactly what `includes/cells.html`, the rows of
`includes/table.html` and the areas of `includes/province_map.html` wrote, every
text escaped as the template would (`conditional_escape`, as `escape` below)."""

from __future__ import annotations

from html import escape as _html_escape

from django.utils.functional import Promise
from django.utils.safestring import mark_safe


def escape(value) -> str:
    """Django's `conditional_escape` without its lazy-function wrapper, which cost
    more than the escaping over the page's few hundred cells: a lazy text made a
    string, a value that knows its HTML (`__html__`, a SafeString) as it is, any
    other text through `html.escape`, as Django's `escape` does."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _html_escape(str(value))


def _fmt(fmt: str) -> tuple[str, int]:
    lang, decimals = (fmt.split(",") + ["0"])[:2]
    return lang, int(decimals)


def cells_html(cells, fmt: str, suppressed_title) -> str:
    """The <td>s of one row (as `includes/cells.html`)."""
    lang, decimals = _fmt(fmt)
    title = escape(suppressed_title)
    parts = []
    for cell in cells:
        text = escape(cell.text(lang, decimals))
        if cell.suppressed:
            parts.append(f'<td class="num suppressed"><abbr title="{title}">{text}</abbr>')
        else:
            parts.append(f'<td class="num">{text}')
        symbols = cell.symbols
        if symbols:
            parts.append(f'<sup class="flag">{escape(symbols)}</sup>')
        parts.append("</td>")
    return "".join(parts)


def table_rows_html(table, fmt: str, suppressed_title, total_code) -> str:
    """The <tr>s of a table's body (as the loop of `includes/table.html`)."""
    out = []
    for codes, label, cells in table.rows:
        total = ' class="total-row"' if total_code and codes.get("province", "") == total_code else ""
        out.append(f'<tr{total}><th scope="row">{escape(label)}</th>{cells_html(cells, fmt, suppressed_title)}</tr>\n')
    return mark_safe("".join(out))  # every text above is escaped


def map_areas_html(areas) -> str:
    """The map's <path>s (as the loop of `includes/province_map.html`)."""
    out = []
    for area in areas:
        label, text = escape(area.label), escape(area.text)
        out.append(
            f'<path d="{escape(area.d)}" fill="{escape(area.fill)}" stroke="#fff" '
            f'stroke-width="1.5" tabindex="0" role="img" aria-label="{label}: {text}" '
            f'data-code="{escape(area.code)}"><title>{label}: {text}</title></path>\n'
        )
    return mark_safe("".join(out))  # every text above is escaped


def map_table_rows_html(areas) -> str:
    """The rows of the map's table of figures."""
    return mark_safe(  # every text below is escaped
        "".join(f'<tr><th scope="row">{escape(a.label)}</th><td>{escape(a.text)}</td></tr>' for a in areas)
    )

from django import template

from core.language import current_language
from indicators import html
from indicators.views import headline_cards
from iran.text import format_number

register = template.Library()


@register.simple_tag
def headline_indicators(limit=4):
    """Cards of the headline indicators for the home page (empty when there are none)."""
    lang = current_language()
    return headline_cards(lang, limit)


@register.filter
def cell_text(cell, arg):
    """{{ cell|cell_text:"fa,0" }}: a cell's value in the language's digits, or its symbol."""
    lang, decimals = (arg.split(",") + ["0"])[:2]
    return cell.text(lang, int(decimals))


@register.filter
def signed_percent(value, lang="fa"):
    if value is None:
        return ""
    text = format_number(abs(value), lang, 1)
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{text}٪" if lang == "fa" else f"{sign}{text}%"


@register.filter
def signed_number(value, arg="fa,0"):
    lang, decimals = (arg.split(",") + ["0"])[:2]
    if value is None:
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return sign + format_number(abs(value), lang, int(decimals))


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    """The body rows of a table (`indicators.html.table_rows_html`), with the
    page's `fmt`, `suppressed_title` and `total_code`."""
    return html.table_rows_html(
        table, context.get("fmt") or "fa,0", context.get("suppressed_title", ""), context.get("total_code", "")
    )


@register.simple_tag
def map_areas(areas):
    return html.map_areas_html(areas)


@register.simple_tag
def map_table_rows(areas):
    return html.map_table_rows_html(areas)

from django import template

from core.language import current_language
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

from django import template

from iran.text import format_number

register = template.Library()


@register.simple_tag
def cell_text(cell, lang, decimals, show="value"):
    """A table cell as shown: the number in the language's digits (a percent sign
    for change and share), or the symbol of why it is empty."""
    if cell is None:
        return ""
    if cell.value is None:
        return cell.symbols or ".."
    text = format_number(cell.value, lang, decimals)
    if show != "value":
        text += "٪" if lang == "fa" else "%"
    return text


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)

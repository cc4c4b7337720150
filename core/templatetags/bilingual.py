"""Showing one field in the page's language, and marking what is left in the other.

A field not yet translated falls back to Persian on an English page; the text is
then wrapped in `lang="fa" dir="rtl"` so a screen reader reads it with a Persian
voice and the browser lays it out right to left (WCAG 3.1.2)."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core.language import is_english, pick

register = template.Library()

PERSIAN_LETTERS = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")


# A digit run that is not part of a Latin code such as "ISIC Rev.4" or "ISCO-08".
DIGITS_OUTSIDE_CODES = re.compile(r"(?<![A-Za-z0-9.\-])[0-9]+(?![A-Za-z0-9.\-]*[A-Za-z])")


def persian_digits_in_text(text: str) -> str:
    """Persian digits in Persian text («۱=مرد ۲=زن»), Latin codes left as they are."""
    from iran.text import to_persian_digits

    if not PERSIAN_LETTERS.search(text):
        return text
    return DIGITS_OUTSIDE_CODES.sub(lambda m: to_persian_digits(m.group(0)), text)


@register.filter(needs_autoescape=True)
def mark_persian(value, autoescape=True):
    """On an English page, Persian text is wrapped in a span marked lang="fa"."""
    if value in (None, ""):
        return ""
    text = conditional_escape(value) if autoescape else value
    if not is_english() or not PERSIAN_LETTERS.search(str(value)):
        return text
    return format_html('<span lang="fa" dir="rtl">{}</span>', text)


@register.simple_tag
def in_language(obj, field):
    """`obj.<field>_en` on an English page when filled, else the Persian
    (`<field>_fa` or `<field>`), marked when it shows on an English page."""
    value = pick(obj, field)
    if not is_english():
        return conditional_escape(persian_digits_in_text(str(value or "")))
    return mark_persian(value)


@register.filter
def join_list(values):
    """Items joined with the page language's list comma: «، » in Persian, ", " in English."""
    separator = ", " if is_english() else "، "
    return mark_safe(separator.join(conditional_escape(v) for v in values))

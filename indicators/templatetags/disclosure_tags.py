"""The one wording of a hidden cell, for every template that shows tables:
`{% load disclosure_tags %}{% disclosure_footnote %}` gives
indicators.disclosure.FOOTNOTE in the page's language (small and
complementary cells alike, see docs/confidentiality.md)."""

from django import template

from ..disclosure import FOOTNOTE, SYMBOL

register = template.Library()


@register.simple_tag
def disclosure_footnote() -> str:
    return str(FOOTNOTE)


@register.simple_tag
def disclosure_symbol() -> str:
    return SYMBOL

"""Template tags of the surveys app.

* `{% page_feedback page %}` — «Was this page useful?» for any page or URL.
* `{% bar pct %}` — a small server-drawn SVG bar (the numbers are in the table beside it).
* `|signed:1` — a change with its sign (+1.2, −0.4) in the page language's digits.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language_bidi
from wagtail.models import Page

from core.language import current_language
from iran.text import format_number

register = template.Library()


@register.inclusion_tag("surveys/includes/page_feedback.html", takes_context=True)
def page_feedback(context, page=None, url=None):
    """Drop on any page template. `page` may be a Wagtail page or nothing;
    `url` defaults to the current request path."""
    request = context.get("request")
    if url is None:
        if isinstance(page, Page) and getattr(page, "url", None):
            url = page.url
        elif request is not None:
            url = request.path
        else:
            url = "/"
    state = request.GET.get("feedback") if request is not None else None
    return {
        "request": request,
        "page_id": page.pk if isinstance(page, Page) else "",
        "title": getattr(page, "title", "") or "",
        "url": url,
        "state": state,
    }


@register.simple_tag
def bar(pct, height=14):
    """An SVG bar pct% long, growing from the line's start (right in Persian)."""
    try:
        width = max(0.0, min(100.0, float(pct or 0)))
    except (TypeError, ValueError):
        width = 0.0
    x = 100 - width if get_language_bidi() else 0
    return format_html(
        '<svg class="survey-bar" viewBox="0 0 100 {h}" preserveAspectRatio="none" aria-hidden="true" '
        'focusable="false" width="100%" height="{h}">'
        '<rect x="0" y="0" width="100" height="{h}" class="survey-bar-track"/>'
        '<rect x="{x}" y="0" width="{w}" height="{h}" class="survey-bar-fill"/></svg>',
        h=int(height),
        x=f"{x:.2f}",
        w=f"{width:.2f}",
    )


@register.filter
def signed(value, decimals=1):
    if value is None or value == "":
        return ""
    text = format_number(abs(value), current_language(), int(decimals))
    zero = round(abs(value), int(decimals)) == 0
    if zero:
        return text
    sign = "+" if value > 0 else "\u2212"
    # Isolated left-to-right, so that the sign stays before the number in Persian text.
    return f"\u2066{sign}{text}\u2069"


@register.filter
def field_error_id(bound_field):
    return f"{bound_field.auto_id}-error"


@register.filter
def pct(value, decimals=1):
    """A percentage in the page language: ۴۲٫۵٪ or 42.5%."""
    if value is None or value == "":
        return "–"
    lang = current_language()
    return f"{format_number(value, lang, int(decimals))}{'٪' if lang == 'fa' else '%'}"

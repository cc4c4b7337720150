"""The indicator page's repeated lines written out in Python (issue 13, cold pages).

In the template each option of the period list and each related release cost a
loop turn with two or three tags and filters resolved per item (the period's
label parsed again, `{% pageurl %}`, the date filter, the status label). Here
the same HTML is joined from plain values. The template lines they replace are
kept as the reference in tests/indicators/test_indicator_page_html.py, which
renders both and compares them byte for byte."""

from django.utils.safestring import mark_safe

from iran.dates import format_datetime

from .html import escape


def period_options(periods, selected, lang, labels=None) -> str:
    """The province table's period list: one <option> a period, `selected` marked.
    `labels` ({code: label}) are labels already made for this page (the series
    table's rows): an English label works out its Gregorian months, twice a
    period otherwise."""
    labels = labels or {}
    return mark_safe(
        "".join(
            f'<option value="{escape(p.code)}"{" selected" if p == selected else ""}>'
            f"{escape(labels.get(p.code) or p.label(lang))}</option>"
            for p in periods
        )
    )


def release_items(releases, request, lang) -> str:
    """The related releases: one <li> an entry, with its URL, date and status."""
    return mark_safe(
        "".join(
            f'<li><a href="{escape(r.get_url(request=request))}">{escape(r.title)}</a> <span class="muted">· '
            f"{escape(format_datetime(r.release_at, lang))} · {escape(r.get_status_display())}</span></li>"
            for r in releases
        )
    )

"""Listings filtered by the URL (the release calendar, publications, the data
catalog): a choice filter and the page number are read the same way everywhere.
A value that is not a choice is ignored, with a message in the reader's
language; a page number that is not a page gives the first or the last page.
Neither is ever an error. (The calendar's dates and months need a form of their
own: releases/listing.py.)"""

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.utils.translation import gettext as _


def choice(params, name, allowed, *, canonical=None, quiet=()):
    """(value, message) for the filter `name` of the query `params`: the value if,
    after `canonical` (which maps old codes to today's), it is in `allowed`; else
    "" and a message saying it was ignored (none for an absent value or one of
    `quiet`, e.g. codes retired on purpose)."""
    raw = params.get(name, "")
    value = canonical(raw) if canonical else raw
    if value not in allowed:
        value = ""
    if raw and not value and raw not in quiet:
        return "", _("Unknown value «%(value)s» ignored.") % {"value": raw}
    return value, None


def page_of(request, items, per_page):
    """(page, query): the page of `items` that ?page= asks for (Django's get_page:
    missing, non-numeric or out-of-range numbers give the first or last page), and
    the URL's other parameters, for links to the listing's other pages."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


# Beyond this a page number is an attacker's or a typo: page_of counts first and gives
# the last page (an OFFSET of 2**63 would overflow the database's integer).
MAX_PAGE = 100_000


def counted_rows(queryset, number, per_page):
    """The rows of page `number`, each with the total (`listing_total`)."""
    offset = (number - 1) * per_page
    return queryset.annotate(listing_total=Window(Count("pk")))[offset : offset + per_page]


def counted_page(request, queryset, per_page, first_page=None):
    """core.listing.page_of's page, its rows and the total read in one query
    (COUNT(*) OVER ()) instead of a COUNT and then the rows. A page number that
    is not a page (below 1, past the last, or too large for the database's
    OFFSET) falls back to page_of, which gives the first or last page as before.
    `first_page`, when given, reads page 1's `counted_rows` (a compiled statement)."""
    try:
        number = int(request.GET.get("page") or 1)
    except (TypeError, ValueError):
        number = 1  # page_of: not a number → the first page
    if 1 <= number <= MAX_PAGE:
        if number == 1 and first_page is not None:
            rows = list(first_page())
        else:
            rows = list(counted_rows(queryset, number, per_page))
        if rows or number == 1:
            paginator = Paginator(queryset, per_page)
            # The cached_property, read already (rows of a values() queryset are dicts).
            total = (rows[0]["listing_total"] if isinstance(rows[0], dict) else rows[0].listing_total) if rows else 0
            paginator.count = total
            page = paginator.page(number)
            page.object_list = rows
            return page
    return page_of(request, queryset, per_page)[0]

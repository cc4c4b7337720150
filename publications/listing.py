"""The publications listing: live, released publications (models.publications_queryset) filtered by type,
topic, organisation and year. Filters live in the URL."""

from django.utils.translation import gettext as _

from core.listing import choice, page_of
from core.taxonomy import RETIRED_TOPICS, Organisation, Topic, organisation_code, topic_code
from iran.text import to_latin_digits

from .enums import PublicationKind

PAGE_SIZE = 20


def listing_context(request, publications):
    """The listing of `publications` (the index page's released ones) filtered by the URL."""
    params = request.GET
    filters = {
        "kind": choice(params, "kind", PublicationKind.values),
        "topic": choice(params, "topic", Topic.values, canonical=topic_code, quiet=RETIRED_TOPICS),
        "organisation": choice(params, "organisation", Organisation.values, canonical=organisation_code),
    }
    chosen = {name: value for name, (value, _message) in filters.items()} | {"year": ""}
    errors = [message for _value, message in filters.values() if message]
    qs = publications
    years = sorted({y for y in qs.values_list("year", flat=True) if y}, reverse=True)
    raw_year = to_latin_digits(params.get("year", "")).strip()
    if raw_year:
        if raw_year.isdigit() and int(raw_year) in years:
            chosen["year"] = raw_year
        else:
            errors.append(_("There are no publications for the year «%(value)s».") % {"value": params.get("year")})
    for name in ("kind", "topic", "organisation"):
        if chosen[name]:
            qs = qs.filter(**{name: chosen[name]})
    if chosen["year"]:
        qs = qs.filter(year=int(chosen["year"]))
    qs = qs.order_by("-release__release_at", "-first_published_at")
    page_obj, _query = page_of(request, qs, PAGE_SIZE)
    query = "&".join(f"{k}={v}" for k, v in chosen.items() if v)
    return {
        "publications": page_obj.object_list,
        "page_obj": page_obj,
        "filters": chosen,
        "filter_query": query,
        "filter_errors": errors,
        "kinds": PublicationKind.choices,
        "topics": Topic.choices,
        "organisations": Organisation.choices,
        "years": years,
    }

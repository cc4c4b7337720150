"""The publications listing: live, released publications (models.publications_queryset) filtered by type,
topic, organisation and year. Filters live in the URL."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from core.taxonomy import RETIRED_TOPICS, Organisation, Topic, organisation_code, topic_code
from iran.text import to_latin_digits

from .enums import PublicationKind

PAGE_SIZE = 20


def _choice(value, choices):
    return value if value in {c for c, _label in choices} else ""


def listing_context(request, publications):
    """The listing of `publications` (the index page's released ones) filtered by the URL."""
    params = request.GET
    chosen = {
        "kind": _choice(params.get("kind", ""), PublicationKind.choices),
        "topic": topic_code(params.get("topic", "")),
        "organisation": organisation_code(params.get("organisation", "")),
        "year": "",
    }
    errors = []
    for name in ("kind", "topic", "organisation"):
        if params.get(name) and not chosen[name] and params.get(name) not in RETIRED_TOPICS:
            errors.append(_("Unknown value «%(value)s» ignored.") % {"value": params.get(name)})
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
    paginator = Paginator(qs, PAGE_SIZE)
    page_obj = paginator.get_page(params.get("page"))
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

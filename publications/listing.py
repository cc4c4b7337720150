"""The publications listing: live, released publications (models.publications_queryset) filtered by type,
topic, organisation and year. Filters live in the URL."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from core.listing import MAX_PAGE, choice, page_of
from core.taxonomy import RETIRED_TOPICS, Organisation, Topic, organisation_code, topic_code
from iran.text import to_latin_digits

from .enums import PublicationKind

PAGE_SIZE = 20


# What a listed publication shows, read as values (not page objects: a page object
# and its release entry cost more to build than the whole row's HTML).
ROW_FIELDS = (
    "pk",
    "title",
    "url_path",
    "kind",
    "is_demo",
    "summary",
    "topic",
    "organisation",
    "release_id",
    "release__release_at",
    "first_published_at",
    "latest_revision_created_at",
)
# Django's own quoting of a reversed path (django.urls.resolvers), for the part of
# a publication's URL below the index page.
_PATH_SAFE = "!$&'()*+,;=" + "/~:@"


class ListedPublication:
    """A publication of the listing: what its row shows, with the names the page's
    own attributes have (`kind_label`, `publication_date`, `get_topic_display`, …)."""

    __slots__ = (
        "_displays",
        "is_demo",
        "kind",
        "organisation",
        "pk",
        "publication_date",
        "summary",
        "title",
        "topic",
        "url",
    )

    def __init__(self, row, url, displays):
        self.pk = row["pk"]
        self.title = row["title"]
        self.url = url
        self.kind = row["kind"]
        self.is_demo = row["is_demo"]
        self.summary = row["summary"]
        self.topic = row["topic"]
        self.organisation = row["organisation"]
        # PublicationPage.publication_date, from the values read
        released = row["release__release_at"] if row["release_id"] else None
        self.publication_date = (
            released or row["first_published_at"] or row["latest_revision_created_at"] or timezone.now()
        )
        self._displays = displays

    @property
    def kind_label(self):
        return PublicationKind(self.kind).label if self.kind else ""

    def get_topic_display(self):
        return self._displays("topic", self.topic)

    def get_organisation_display(self):
        return self._displays("organisation", self.organisation)


def _display(model):
    """Django's get_FOO_display for a field of `model`, by field name."""

    def display(name, value):
        choices = dict(model._meta.get_field(name).flatchoices)
        return force_str(choices.get(value, value), strings_only=True)

    return display


def listed_page(request, queryset, per_page, index):
    """The page of the listing ?page= asks for, its rows (ListedPublication) and
    the total in one query (COUNT(*) OVER (), as core.listing.counted_page). A
    page number that is not a page falls back to page_of: the first or last page."""
    try:
        number = int(request.GET.get("page") or 1)
    except (TypeError, ValueError):
        number = 1
    page = None
    if 1 <= number <= MAX_PAGE:
        offset = (number - 1) * per_page
        rows = list(
            queryset.values(*ROW_FIELDS).annotate(listing_total=Window(Count("pk")))[offset : offset + per_page]
        )
        if rows or number == 1:
            paginator = Paginator(queryset, per_page)
            paginator.count = rows[0]["listing_total"] if rows else 0  # the cached_property, read already
            page = paginator.page(number)
    if page is None:
        page = page_of(request, queryset, per_page)[0]
        offset = page.start_index() - 1 if page.paginator.count else 0
        rows = list(queryset.values(*ROW_FIELDS)[offset : offset + per_page])
    base_url = index.get_url(request) if index is not None else None
    display = _display(queryset.model)
    page.object_list = [ListedPublication(row, _url(row, base_url, index), display) for row in rows]
    return page


def _url(row, base_url, index):
    """A publication's URL: the index page's (Wagtail's own) and the path below it,
    quoted as Django's reverse() quotes it."""
    if base_url is None or not row["url_path"].startswith(index.url_path):
        return None
    return base_url + quote(row["url_path"][len(index.url_path) :], safe=_PATH_SAFE)


def listing_context(request, publications, index=None):
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
    years = [y for y in qs.order_by("-year").values_list("year", flat=True).distinct() if y]
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
    page_obj = listed_page(request, qs, PAGE_SIZE, index)
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

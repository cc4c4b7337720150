"""The home page's sections read in a fixed number of queries (issue 13).

Each section shows what its app owns (upcoming releases, latest publications,
the catalog, the researchers club, the open survey); the pages they link to are
read together in one query instead of once a section (and once a dataset link),
so a cold home page costs the same however many entries, publications or
datasets it shows. The headline indicator cards are the indicators app's own
batched tag (`{% headline_indicators %}`), read in a fixed number of queries too.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, Func, OuterRef, Prefetch, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from catalog.enums import AccessLevel
from catalog.models import CatalogIndexPage, DataFile, Dataset
from core.language import current_language
from publications.models import PublicationIndexPage, latest_publications
from releases.enums import ReleaseStatus
from releases.models import ReleaseCalendarPage, ReleasePage
from releases.rows import entry_rows
from researchers.enums import MembershipStatus
from researchers.models import Researcher, ResearchersIndexPage
from surveys.models import SurveyPage

UPCOMING_RELEASES = 5
LATEST_PUBLICATIONS = 4
LATEST_DATASETS = 3
DATASET_FIELDS = ("slug", "title_fa", "title_en", "organisation", "last_updated", "access_level", "is_demo")
INDEX_MODELS = (ReleaseCalendarPage, PublicationIndexPage, CatalogIndexPage, ResearchersIndexPage)


def index_pages(locale_id) -> dict:
    """{model: its first live page in this locale} for the section indexes, in one
    query: `specific(defer=True)` gives each its own class (for `reverse_subpage`)
    without a query a type, and the sections use only titles and URLs."""
    types = ContentType.objects.get_for_models(*INDEX_MODELS)  # cached per process
    by_type = {types[model].pk: model for model in INDEX_MODELS}
    pages = Page.objects.live().filter(locale_id=locale_id, content_type_id__in=list(by_type)).order_by("pk")
    found = {}
    for page in pages.specific(defer=True):
        found.setdefault(by_type[page.content_type_id], page)
    return found


def fallback(model, found):
    """The catalog and the club link to another language's page when this one has none."""
    return found.get(model) or model.objects.live().order_by("pk").first()


def upcoming_releases(calendar, now, request=None):
    """The next entries as the calendar's rows (labels read once, not per entry)."""
    if calendar is None:
        return {"calendar": None, "entries": []}
    entries = (
        ReleasePage.objects.child_of(calendar)
        .live()
        .filter(status__in=[ReleaseStatus.PROVISIONAL, ReleaseStatus.CONFIRMED], release_at__gt=now)
        .order_by("release_at")[:UPCOMING_RELEASES]
    )
    return {"calendar": calendar, "entries": entry_rows(entries, request, current_language(), now)}


def _count(queryset):
    """A scalar subquery: how many rows the queryset has."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


def _licensed():
    return Dataset.objects.published().filter(access_level=AccessLevel.LICENSED)


def _members():
    return Researcher.objects.filter(status=MembershipStatus.APPROVED, anonymised_at__isnull=True)


def latest_datasets(catalog, club=None, counts=None):
    """The most recently updated published datasets, each with its link (the catalog page read once).
    With `club`, the club's two counts ride on the same query (`counts` receives them)."""
    if catalog is None:
        return {"items": [], "url": ""}
    datasets = (
        Dataset.objects.published()
        .only(*DATASET_FIELDS)  # what the section shows, not the descriptions and search text
        .prefetch_related(Prefetch("files", queryset=DataFile.objects.none()))
    )
    if club is not None:
        datasets = datasets.annotate(club_licensed=_count(_licensed()), club_members=_count(_members()))
    datasets = list(datasets.order_by("-last_updated", "-pk")[:LATEST_DATASETS])
    for dataset in datasets:
        dataset.home_url = CatalogIndexPage.dataset_url(dataset, index=catalog)
    if club is not None and counts is not None:
        # No published dataset: none is licensed either (and the club's section is not shown).
        counts["licensed"] = datasets[0].club_licensed if datasets else 0
        counts["members"] = datasets[0].club_members if datasets else 0
    return {"items": datasets, "url": catalog.url}


def club_summary(club, counts=None):
    """The club's section: how many licensed datasets members may ask for and how
    many members it has (`counts` when `latest_datasets` read them already)."""
    if club is None:
        return None
    licensed = counts["licensed"] if counts else _licensed().count()
    if not licensed:
        return None
    members = counts["members"] if counts else _members().count()
    return {"url": club.url, "licensed": licensed, "members": members}


def public_q():
    """Wagtail's `.public()` (no view restriction on the page or above it) inside
    the query, instead of a query first reading every restriction."""
    above = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return ~Exists(above)


def open_survey(locale_id):
    """The live survey open today in this locale (or None); its days come from its period."""
    candidates = SurveyPage.objects.live().filter(public_q(), locale_id=locale_id).order_by("-period", "-pk")
    return next((survey for survey in candidates if survey.is_open()), None)


def sections(home, request=None) -> dict:
    """Everything the home page's sections show, in the home page's own locale."""
    found = index_pages(home.locale_id)
    club, counts = fallback(ResearchersIndexPage, found), {}
    return {
        "upcoming": upcoming_releases(found.get(ReleaseCalendarPage), timezone.now(), request),
        "publications": {
            "items": latest_publications(home.locale_id, LATEST_PUBLICATIONS),
            "index": found.get(PublicationIndexPage),
        },
        "datasets": latest_datasets(fallback(CatalogIndexPage, found), club, counts),
        "club": club_summary(club, counts),
        "survey": open_survey(home.locale_id),
    }

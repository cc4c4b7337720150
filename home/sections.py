"""The home page's sections read in a fixed number of queries (issue 13).

Each section shows what its app owns (upcoming releases, latest publications,
the catalog, the researchers club, the open survey); the pages they link to are
read together in one query instead of once a section (and once a dataset link),
so a cold home page costs the same however many entries, publications or
datasets it shows. The headline indicator cards are the indicators app's own
batched tag (`{% headline_indicators %}`), read in a fixed number of queries too.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, Func, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from catalog.enums import AccessLevel
from catalog.models import CatalogIndexPage, Dataset
from core.compiled import MARK_NOW, MARK_PATH, CompiledQuery
from core.language import current_language
from publications.models import PublicationIndexPage, PublicationPage, publications_queryset
from releases.enums import ReleaseStatus
from releases.models import ReleaseCalendarPage, ReleasePage
from releases.rows import ROW_FIELDS, calendar_rows
from researchers.enums import MembershipStatus
from researchers.models import Researcher, ResearchersIndexPage
from surveys.models import SurveyPage

UPCOMING_RELEASES = 5
LATEST_PUBLICATIONS = 4
LATEST_DATASETS = 3
DATASET_FIELDS = ("slug", "title_fa", "title_en", "organisation", "last_updated", "access_level", "is_demo")
INDEX_MODELS = (ReleaseCalendarPage, PublicationIndexPage, CatalogIndexPage, ResearchersIndexPage)

# Each section's statement is compiled once per process and database
# (core.compiled): only these values change from one request to the next.
LOCALE = 2124240001
DEPTH = 2124240002
TYPES = tuple(2124240010 + n for n in range(len(INDEX_MODELS)))


def index_pages(locale_id) -> dict:
    """{model: its first live page in this locale} for the section indexes, in one
    query: `specific(defer=True)` gives each its own class (for `reverse_subpage`)
    without a query a type, and the sections use only titles and URLs."""
    types = ContentType.objects.get_for_models(*INDEX_MODELS)  # cached per process
    by_type = {types[model].pk: model for model in INDEX_MODELS}
    values = {f"type{n}": types[model].pk for n, model in enumerate(INDEX_MODELS)}
    found = {}
    for page in _INDEX_PAGES(locale=locale_id, **values):
        model = by_type[page.content_type_id]
        if model not in found:
            found[model] = page.get_specific(deferred=True)  # as `.specific(defer=True)` gives it
    return found


def _index_pages(locale, **types):
    return Page.objects.live().filter(locale_id=locale, content_type_id__in=list(types.values())).order_by("pk")


_INDEX_PAGES = CompiledQuery(Page, _index_pages, locale=LOCALE, **{f"type{n}": t for n, t in enumerate(TYPES)})


def fallback(model, found):
    """The catalog and the club link to another language's page when this one has none."""
    return found.get(model) or model.objects.live().order_by("pk").first()


def _upcoming(now, path, depth):
    # ReleasePage.objects.child_of(calendar): its path's prefix and the depth below it.
    # Read as the row's values, as the calendar reads its rows: no page object an entry.
    return (
        ReleasePage.objects.live()
        .filter(path__startswith=path, depth=depth)
        .filter(status__in=[ReleaseStatus.PROVISIONAL, ReleaseStatus.CONFIRMED], release_at__gt=now)
        .order_by("release_at")
        .values(*ROW_FIELDS)[:UPCOMING_RELEASES]
    )


_UPCOMING = CompiledQuery(ReleasePage, _upcoming, now=MARK_NOW, path=MARK_PATH, depth=DEPTH)


def upcoming_releases(calendar, now, request=None):
    """The next entries as the calendar's rows (labels read once, not per entry; each
    entry's URL is the calendar's with its path below the calendar's)."""
    if calendar is None:
        return {"calendar": None, "entries": []}
    entries = _UPCOMING(now=now, path=calendar.path, depth=calendar.depth + 1)
    rows = calendar_rows(entries, calendar.get_url(request), calendar.url_path, current_language(), now)
    return {"calendar": calendar, "entries": rows}


def _latest_publications(now, locale):
    # publications.models.latest_publications, at the request's instant.
    # The cards show no body, and of the release only its minute (publication_date).
    queryset = publications_queryset(locale, now=now).defer("body", "release__related_links", "release__summary")
    return queryset.order_by("-release__release_at", "-first_published_at")[:LATEST_PUBLICATIONS]


_PUBLICATIONS = CompiledQuery(PublicationPage, _latest_publications, now=MARK_NOW, locale=LOCALE)


def latest_publications(locale_id, now):
    """The latest live, public publications released by `now` (the embargo's instant)."""
    return _PUBLICATIONS(now=now, locale=locale_id)


def _count(queryset):
    """A scalar subquery: how many rows the queryset has."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


def _licensed():
    return Dataset.objects.published().filter(access_level=AccessLevel.LICENSED)


def _members():
    return Researcher.objects.filter(status=MembershipStatus.APPROVED, anonymised_at__isnull=True)


def _datasets(club=False):
    # What the section shows, not the descriptions and search text.
    datasets = Dataset.objects.published().only(*DATASET_FIELDS)
    if club:
        datasets = datasets.annotate(club_licensed=_count(_licensed()), club_members=_count(_members()))
    return datasets.order_by("-last_updated", "-pk")[:LATEST_DATASETS]


_DATASETS = CompiledQuery(Dataset, _datasets)
_DATASETS_WITH_CLUB = CompiledQuery(Dataset, lambda: _datasets(club=True))


def latest_datasets(catalog, club=None, counts=None):
    """The most recently updated published datasets, each with its link (the catalog page read once).
    With `club`, the club's two counts ride on the same query (`counts` receives them)."""
    if catalog is None:
        return {"items": [], "url": ""}
    datasets = (_DATASETS_WITH_CLUB if club is not None else _DATASETS)()
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
    return next((survey for survey in _SURVEYS(locale=locale_id) if survey.is_open()), None)


def _surveys(locale):
    return SurveyPage.objects.live().filter(public_q(), locale_id=locale).order_by("-period", "-pk")


_SURVEYS = CompiledQuery(SurveyPage, _surveys, locale=LOCALE)


def sections(home, request=None) -> dict:
    """Everything the home page's sections show, in the home page's own locale."""
    found = index_pages(home.locale_id)
    club, counts = fallback(ResearchersIndexPage, found), {}
    now = timezone.now()
    return {
        "upcoming": upcoming_releases(found.get(ReleaseCalendarPage), now, request),
        "publications": {
            "items": latest_publications(home.locale_id, now),
            "index": found.get(PublicationIndexPage),
        },
        "datasets": latest_datasets(fallback(CatalogIndexPage, found), club, counts),
        "club": club_summary(club, counts),
        "survey": open_survey(home.locale_id),
    }

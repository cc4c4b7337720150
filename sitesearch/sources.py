"""Where site search looks, and how the hits are ranked.

An explicit union rather than one index: Wagtail's database backend scores
each model in its own query, and its scores are not comparable across models,
so one mixed ranking needs our own rule anyway. Each source asks Wagtail's
search (PostgreSQL full text / SQLite FTS, with the Persian normalisation of
home/search_backend.py) or, for datasets and variables, the catalog's own
normalised `search_text`. The rule, in order:

1. a hit whose title holds every word searched for comes first;
2. then by type: indicator, dataset, variable, publication, other page,
   calendar entry — a thing's own page before the entries that mention it;
3. among calendar entries the next upcoming first, then later ones, then past
   ones newest first; elsewhere, the backend's relevance order.

Embargo: pages held back by a release are dropped with releases.embargo;
calendar entries themselves are public in advance; indicator and dataset
metadata are public (their observations and files are not searched)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from catalog.models import CatalogIndexPage, Dataset, Variable
from core.compiled import CompiledPerSize, CompiledQuery
from indicators.models import Indicator
from iran.text import normalize_text, plain_words
from publications.models import PublicationPage, YearbookChapterPage
from publications.models.base import public_q
from releases.embargo import embargoed_page_ids, embargoed_pages_for, is_below_any
from releases.enums import ReleaseStatus
from releases.models import ReleasePage

from .highlight import contains_all, highlight, query_terms, snippet

MAX_PER_SOURCE = 200

TYPES = {
    "indicator": _("Indicator"),
    "dataset": _("Dataset"),
    "variable": _("Variable"),
    "publication": _("Publication"),
    "page": _("Page"),
    "release": _("Release calendar entry"),
}
TYPE_ORDER = list(TYPES)


@dataclass
class Hit:
    type: str
    title: str
    url: str
    texts: list = field(default_factory=list)
    date: dt.date | dt.datetime | None = None
    date_is_month: bool = False
    topics: set = field(default_factory=set)
    order: float = 0.0
    status: str = ""
    snippet: str = ""
    title_html: str = ""

    @property
    def type_label(self):
        return TYPES[self.type]


def _indicator_search(words):
    """Wagtail's search of the indicators, as a queryset (modelsearch's own, sliced)."""
    results = get_search_backend().search(" ".join(words), Indicator.objects.all(), operator="and")
    return results[:MAX_PER_SOURCE].get_queryset()


# Compiled once per number of words (core/compiled.py): building and compiling the
# search's queryset cost ten times running it. The words sit inside the MATCH text,
# so they must be plain words, as the search backend makes them (home/search_backend.py).
_INDICATOR_SEARCHES = CompiledPerSize(Indicator, _indicator_search, marker=lambda index: f"zqxjword{index}zqxj")


def _indicators_found(query):
    words = plain_words(normalize_text(query)).split()
    if not words:
        return []
    try:
        return _INDICATOR_SEARCHES(words)
    except ValueError:  # a search backend whose statement takes the words otherwise
        return list(_indicator_search(words))


def indicator_hits(query, lang):
    for n, ind in enumerate(_indicators_found(query)):
        yield Hit(
            "indicator",
            ind.name(lang),
            ind.get_absolute_url(lang),
            texts=[ind.definition(lang), ind.method(lang), ind.name("en" if lang == "fa" else "fa")],
            date=ind.updated_at,
            topics=set(ind.topic_list),
            order=n,
        )


def _datasets(**words):
    """The published datasets with every word (the catalog's own search)."""
    query = " ".join(words[f"word{index}"] for index in range(len(words)))
    return Dataset.objects.published().search(query).defer("search_text")[:MAX_PER_SOURCE]


def _variables(**words):
    """The published datasets' variables with every word in their `search_text`."""
    variables = Variable.objects.filter(dataset__published=True).select_related("dataset")
    for index in range(len(words)):
        variables = variables.filter(search_text__contains=words[f"word{index}"])
    return variables.defer("search_text", "dataset__search_text")[:MAX_PER_SOURCE]


# Compiled once per number of words (at most 10: query_terms), core/compiled.py.
_CATALOG_QUERIES: dict = {}


def _catalog_queries(count):
    queries = _CATALOG_QUERIES.get(count)
    if queries is None:
        # Normalised words are Persian letters, Latin digits and casefolded text:
        # never a NUL, so these markers are no real value.
        markers = {f"word{index}": f"\x00word{index}\x00" for index in range(count)}
        queries = _CATALOG_QUERIES[count] = (
            CompiledQuery(Dataset, _datasets, **markers),
            CompiledQuery(Variable, _variables, **markers),
        )
    return queries


def dataset_hits(query, lang):
    # The catalog page (for the links) is read only when something was found, and
    # its URL once; `search_text` (every word of a dataset) is never shown.
    terms = {f"word{index}": term for index, term in enumerate(query_terms(query))}
    if not terms:
        return
    datasets, variables = _catalog_queries(len(terms))
    datasets, variables = datasets(**terms), variables(**terms)
    if not datasets and not variables:
        return
    index = CatalogIndexPage.for_language(lang)
    index_url = index.url if index is not None else None

    def url(dataset):
        if index_url is None:
            return ""
        return index_url + index.reverse_subpage("dataset", kwargs={"slug": dataset.slug})

    for n, ds in enumerate(datasets):
        yield Hit(
            "dataset",
            ds.title,
            url(ds),
            texts=[ds.description, ds.keywords, ds.title_en if lang == "fa" else ds.title_fa],
            date=ds.last_updated,
            topics={ds.topic},
            order=n,
        )
    for n, var in enumerate(variables):
        yield Hit(
            "variable",
            f"{var.label} ({var.name}) — {var.dataset.title}",
            f"{url(var.dataset)}#var-{var.name}",
            texts=[var.description, var.code_list],
            date=var.dataset.last_updated,
            topics={var.dataset.topic},
            order=n,
        )


def _page_type(page):
    if isinstance(page, ReleasePage):
        return "release"
    if isinstance(page, PublicationPage | YearbookChapterPage):
        return "publication"
    return "page"


def _release_minutes(pages):
    """{release id: its minute} for the pages' calendar entries, in one query
    (reading `page.release` would cost a query per hit)."""
    ids = {page.release_id for page in pages if getattr(page, "release_id", None)}
    return dict(ReleasePage.objects.filter(pk__in=ids).values_list("pk", "release_at")) if ids else {}


def searchable_pages(lang):
    """Live pages in `lang` with no view restriction on them or above them:
    Wagtail's `.public()` and the locale read inside the search's own query (they
    cost a query each first). The search backend accepts only plain lookups on
    its filter fields, hence the subqueries by pk and locale id."""
    return _searchable_base(lang).specific()


def _searchable_base(lang):
    restricted = Page.objects.exclude(public_q()).values("pk")
    locales = Locale.objects.filter(language_code=lang).values("pk")
    return Page.objects.live().exclude(pk__in=restricted).filter(locale__in=locales)


def _page_search(lang, words):
    """Wagtail's search of the searchable pages: (id, content type) in its order."""
    results = _searchable_base(lang).search(" ".join(words), operator="and")[:MAX_PER_SOURCE]
    return results.get_queryset().values_list("pk", "content_type_id")


# As _INDICATOR_SEARCHES, one set per language.
_PAGE_SEARCHES = {
    lang: CompiledPerSize(Page, partial(_page_search, lang), marker=lambda index: f"zqxjword{index}zqxj")
    for lang in ("fa", "en")
}


def _pages_found(query, lang):
    """The specific pages `searchable_pages(lang).search(query)` finds, in its order."""
    words = plain_words(normalize_text(query)).split()
    if not words:
        return []
    try:
        rows = _PAGE_SEARCHES[lang](words)
    except (KeyError, ValueError):  # another language, or a backend that takes the words otherwise
        return list(searchable_pages(lang).search(query, operator="and")[:MAX_PER_SOURCE])
    if not rows:
        return []
    ids = [pk for pk, _type in rows]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [pages[pk] for pk in ids if pk in pages]


def page_hits(query, lang, now, request=None):
    # The held pages as the request's memo has them (the chrome asks too), and the
    # pages below them dropped here by path, as embargoed_page_ids' second query did.
    held = embargoed_pages_for(request) if request is not None else embargoed_pages_for(None, now)
    found = [page for page in _pages_found(query, lang) if not is_below_any(page, held)]
    minutes = _release_minutes(found)
    for n, page in enumerate(found):
        kind = _page_type(page)
        hit = Hit(kind, page.title, page.url, order=n)
        hit.texts = [page.search_description, getattr(page, "summary", ""), getattr(page, "intro", "")]
        if kind == "release":
            hit.date = page.release_at
            hit.date_is_month = page.status == ReleaseStatus.PROVISIONAL
            hit.status = page.public_state(now)
            hit.topics = set(page.topic_list)
            upcoming = page.release_at >= now and page.status != ReleaseStatus.CANCELLED
            seconds = (page.release_at - now).total_seconds()
            # upcoming soonest first (0 … 1e10), then past newest first (1e10 …)
            hit.order = seconds if upcoming else 1e10 - seconds
        else:
            hit.date = minutes.get(getattr(page, "release_id", None)) or page.last_published_at
            hit.topics = {getattr(page, "topic", "")} - {""}
        yield hit


def search(query, lang, types=None, topic="", now=None, request=None):
    """Every hit for `query` in language `lang`, best first. With the `request`
    (and no `now`), the held pages are read once for it."""
    if now is not None:
        request = None  # an explicit clock: the held pages at that time, not the request's
    now = now or timezone.now()
    terms = query_terms(query)
    if not terms:
        return []
    hits = [*indicator_hits(query, lang), *dataset_hits(query, lang), *page_hits(query, lang, now, request)]
    if types:
        hits = [h for h in hits if h.type in types]
    if topic:
        hits = [h for h in hits if topic in h.topics]
    hits.sort(key=lambda h: (not contains_all(h.title, terms), TYPE_ORDER.index(h.type), h.order))
    return hits


def decorate(hits, query):
    """Snippet and highlighted title for the hits shown (one page of them)."""
    terms = query_terms(query)
    for hit in hits:
        hit.snippet = snippet(hit.texts, terms)
        hit.title_html = highlight(hit.title, terms)
    return hits


def suggest(query, lang, now=None):
    """Autocomplete: titles that start with the words typed (the last may be half
    typed), ranked like search. Same embargo rule as search."""
    now = now or timezone.now()
    terms = query_terms(query)
    if not terms:
        return []
    hits = []
    for n, ind in enumerate(get_search_backend().autocomplete(query, Indicator, operator="and")[:10]):
        hits.append(Hit("indicator", ind.name(lang), ind.get_absolute_url(lang), order=n))
    for n, ds in enumerate(Dataset.objects.published().search(query)[:10]):
        hits.append(Hit("dataset", ds.title, ds.get_absolute_url(), order=n))
    pages = searchable_pages(lang)
    held = embargoed_page_ids(now)
    for n, page in enumerate(pages.autocomplete(query, operator="and")[:20]):
        if page.pk not in held:
            hits.append(Hit(_page_type(page), page.title, page.url, order=n))
    hits.sort(key=lambda h: (not contains_all(h.title, terms[:-1]), TYPE_ORDER.index(h.type), h.order))
    return hits

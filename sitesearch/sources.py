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

from django.utils import timezone
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from wagtail.search.backends import get_search_backend

from catalog.models import CatalogIndexPage, Dataset, Variable
from core.compiled import CompiledPerSize, CompiledQuery
from indicators.models import Indicator
from iran.templatetags.iran import jdate, jdatetime, jmonth
from iran.text import normalize_text, plain_words
from releases.embargo import embargoed_page_ids

from .highlight import contains_all, highlight, query_terms, snippet
from .hits import TYPE_ORDER, TYPES, Hit
from .pages import MAX_FOUND, kind_of, page_hits, page_urls, searchable_pages

__all__ = ["TYPES", "decorate", "search", "suggest"]

MAX_PER_SOURCE = MAX_FOUND


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


def decorate(hits, query, request=None):
    """URL, snippet, highlighted title and date for the hits shown (one page of them)."""
    terms = query_terms(query)
    unplaced = [hit for hit in hits if hit.url_path and not hit.url]
    for hit, url in zip(unplaced, page_urls([hit.url_path for hit in unplaced], request), strict=True):
        hit.url = url
    for hit in hits:
        hit.date_html = _date_html(hit)
        hit.snippet = snippet(hit.texts, terms)
        hit.title_html = highlight(hit.title, terms)
    return hits


def _date_html(hit):
    """The hit's date as the results list shows it: the month of a provisional
    entry, a calendar entry's date and time, anything else's date. (Written here:
    in the template, its tests and filters cost more than the rest of a hit.)"""
    if not hit.date:
        return ""
    if hit.date_is_month:
        return format_html("{} ({})", jmonth(hit.date), gettext("provisional"))
    shown = jdatetime(hit.date) if hit.type == "release" else jdate(hit.date)
    # the `date:"c"` filter: the value in the current time zone, ISO 8601
    return format_html('<time datetime="{}">{}</time>', template_localtime(hit.date).isoformat(), shown)


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
            hits.append(Hit(kind_of(type(page)), page.title, page.url, order=n))
    hits.sort(key=lambda h: (not contains_all(h.title, terms[:-1]), TYPE_ORDER.index(h.type), h.order))
    return hits

"""The pages site search finds, read as rows (issue 13).

A common word finds dozens of pages of a few types. Read as specific pages
(every column of each type, a model built per page) they cost more than the rest
of the results page together. A hit needs a few columns: the page's own and a few
of its type's (a calendar entry's minute, status and topics; a publication's
topic and release; a summary or an introduction for the snippet). The search
statement itself returns them all: it joins, by the page's id, the table of each
page type that defines one of those columns (a page has a row in its own type's
tables only, so at most one of the joined columns of a name is set).

A page's URL is Wagtail's `get_url` of a page with its `url_path`: that is all
`Page.get_url_parts` reads, and no page type of ours routes otherwise
(tests/sitesearch asserts it). It is worked out only for the hits shown.

Embargo: pages held back by a release, and the pages below them, are dropped by
their tree path (releases.embargo)."""

from __future__ import annotations

from functools import cache, partial

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, get_page_models

from core.compiled import CompiledPerSize
from core.sites import find_site
from iran.text import normalize_text, plain_words
from publications.models import PublicationPage, YearbookChapterPage
from publications.models.base import public_q
from releases.embargo import embargoed_pages_for, is_path_below_any
from releases.enums import ReleaseStatus
from releases.models import ReleasePage
from releases.rows import public_state
from releases.topics import topics_from_db

from .hits import Hit

MAX_FOUND = 200

# The page's own columns a hit reads, returned by the search statement.
PAGE_COLUMNS = ("pk", "content_type_id", "title", "path", "url_path", "last_published_at", "search_description")
# The columns of a page's type a hit reads, where the type has the field: each
# column's lookup from the type's table.
TYPE_COLUMNS = {
    "summary": "summary",
    "intro": "intro",
    "topic": "topic",
    "topics": "topics",
    "release_at": "release_at",
    "status": "status",
    "release_minute": "release__release_at",  # the minute of the page's release
}


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


@cache
def _type_lookups() -> tuple[tuple[str, str], ...]:
    """(column, its lookup from Page) for each of TYPE_COLUMNS a page type defines."""
    pairs = []
    for model in get_page_models():
        if model is Page:
            continue
        chain = [*reversed([m for m in model._meta.get_parent_list() if m is not Page]), model]
        path = "__".join(m._meta.model_name for m in chain)
        fields = {field.name for field in model._meta.local_concrete_fields}
        pairs += [
            (column, f"{path}__{lookup}")
            for column, lookup in TYPE_COLUMNS.items()
            if lookup.split("__", 1)[0] in fields
        ]
    return tuple(pairs)


def _page_search(lang, words):
    """Wagtail's search of the searchable pages, in its order: their PAGE_COLUMNS,
    then the `_type_lookups()`."""
    results = _searchable_base(lang).search(" ".join(words), operator="and")[:MAX_FOUND]
    return results.get_queryset().values_list(*PAGE_COLUMNS, *(lookup for _column, lookup in _type_lookups()))


def _as_dict(row) -> dict:
    found = dict(zip(PAGE_COLUMNS, row, strict=False))
    for (column, _lookup), value in zip(_type_lookups(), row[len(PAGE_COLUMNS) :], strict=True):
        if value is not None:
            found[column] = value
    return found


# Compiled once per number of words (core/compiled.py), one set per language:
# building and compiling the search's queryset cost ten times running it. The
# words sit inside the MATCH text, so they are plain words, as the search
# backend makes them (home/search_backend.py).
_PAGE_SEARCHES = {
    lang: CompiledPerSize(Page, partial(_page_search, lang), marker=lambda index: f"zqxjword{index}zqxj")
    for lang in ("fa", "en")
}


def found_rows(query, lang) -> list[dict]:
    """The pages `searchable_pages(lang).search(query)` finds, in its order, as
    {column: value}: the PAGE_COLUMNS and the TYPE_COLUMNS their type has."""
    words = plain_words(normalize_text(query)).split()
    if not words:
        return []
    try:
        rows = _PAGE_SEARCHES[lang](words)
    except (KeyError, ValueError):  # another language, or a backend that takes the words otherwise
        rows = _page_search(lang, words)
    return [_as_dict(row) for row in rows]


def kind_of(model) -> str:
    """The hit type of a page type."""
    if issubclass(model, ReleasePage):
        return "release"
    if issubclass(model, PublicationPage | YearbookChapterPage):
        return "publication"
    return "page"


def _model_of(type_id):
    return ContentType.objects.get_for_id(type_id).model_class() or Page  # Page: a type whose code is gone


def page_hits(query, lang, now, request=None):
    # The held pages as the request's memo has them (the chrome asks too).
    held = embargoed_pages_for(request) if request is not None else embargoed_pages_for(None, now)
    rows = [row for row in found_rows(query, lang) if not is_path_below_any(row["path"], held)]
    for n, row in enumerate(rows):
        hit = Hit(kind_of(_model_of(row["content_type_id"])), row["title"], "", url_path=row["url_path"], order=n)
        hit.texts = [row["search_description"], row.get("summary", ""), row.get("intro", "")]
        if hit.type == "release":
            release_at, status = row["release_at"], row["status"]
            hit.date = release_at
            hit.date_is_month = status == ReleaseStatus.PROVISIONAL
            hit.status = public_state(status, release_at, now)
            hit.topics = set(topics_from_db(row["topics"]))
            upcoming = release_at >= now and status != ReleaseStatus.CANCELLED
            seconds = (release_at - now).total_seconds()
            # upcoming soonest first (0 … 1e10), then past newest first (1e10 …)
            hit.order = seconds if upcoming else 1e10 - seconds
        else:
            hit.date = row.get("release_minute") or row["last_published_at"]
            hit.topics = {row.get("topic", "")} - {""}
        yield hit


def page_urls(url_paths, request=None) -> list:
    """Wagtail's URLs of the pages at `url_paths` (see the module's docstring):
    one unsaved page, its `url_path` set for each (`get_url` keeps nothing on
    it). The request's site is found first by the compiled query, which keeps it
    where Wagtail's `get_url` looks."""
    if request is not None:
        find_site(request)
    page = Page()
    urls = []
    for url_path in url_paths:
        page.url_path = url_path
        urls.append(page.get_url(request))
    return urls

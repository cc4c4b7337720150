"""Site search finds statistics: indicators, datasets, variables, publications
and calendar entries, ranked with a thing's own page first (issue 16)."""

import datetime as dt
import re

import pytest
from wagtail.models import Page

from sitesearch.highlight import contains_all, highlight, query_terms, snippet
from tests.builders.search import search_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_pages):
    return search_world(home_pages)


def hits(client, lang, query, **params):
    body = client.get(f"/{lang}/search/", {"q": query, **params}).content.decode()
    found = re.findall(r'<li class="search-hit search-hit--(\w+)">.*?<a href="([^"]+)">', body, re.S)
    return found, body


@pytest.mark.parametrize(
    "lang,query",
    [("fa", "مقرری"), ("fa", "بيمه بيكاري"), ("fa", "بیمه بیکاری"), ("en", "unemployment insurance")],
)
def test_the_indicator_page_ranks_first(client, world, lang, query):
    found, body = hits(client, lang, query)
    assert found[0] == ("indicator", f"/{lang}/indicators/unemployment-insurance/")
    # the calendar entries that mention it come after it, the next upcoming first
    urls = [url for _t, url in found]
    assert "dataset" in [t for t, _u in found]
    # the calendar entries that mention it come after it, the next upcoming first
    entries = [url for t, url in found if t == "release"]
    assert entries and "ui-next" in entries[0] and "ui-later" in entries[1] and "ui-past" in entries[2], entries
    assert urls.index(entries[0]) > 0
    assert "<mark>" in body


def test_embargoed_publication_never_found_until_its_minute(client, world):
    import time_machine

    chapter = world.held.get_children().first()
    for query in ("سالنامهٔ مقرری", "مقرری فصل"):
        found, _body = hits(client, "fa", query)
        assert world.held.url not in [u for _t, u in found] and chapter.url not in [u for _t, u in found]
        assert client.get("/fa/search/suggest/", {"q": query}).json()["results"] == []
    with time_machine.travel(world.held_minute + dt.timedelta(seconds=1)):
        found, _body = hits(client, "fa", "مقرری")
    assert world.held.url in [u for _t, u in found] and chapter.url in [u for _t, u in found]


def test_type_and_topic_filters_and_pagination(client, world, monkeypatch):
    from sitesearch import views

    found, _body = hits(client, "fa", "بیمه", type="indicator")
    assert {u for _t, u in found} == {"/fa/indicators/unemployment-insurance/", "/fa/indicators/insured/"}
    all_found, _body = hits(client, "fa", "بیمه")
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    page1, _ = hits(client, "fa", "بیمه")
    page2, body2 = hits(client, "fa", "بیمه", page=2)
    assert page1 + page2 == all_found[:4] and 'rel="prev"' in body2
    social, _ = hits(client, "fa", "بیمه", topic="social_security")
    assert "/fa/indicators/unemployment-insurance/" in [u for _t, u in social]
    assert "/fa/indicators/insured/" not in [u for _t, u in social]  # it has no topic
    assert not hits(client, "fa", "بیمه", topic="cooperatives")[0]
    response = client.get("/fa/search/", {"q": "بیمه", "topic": "<nope>"})
    assert response.status_code == 400
    assert "&lt;nope&gt;" in response.content.decode()


def test_snippet_marks_the_match_as_written():
    html = snippet(["شمار افرادی که در ماه مقرری بیمهٔ بیکاری دریافت کرده‌اند."], query_terms("بيمه بيكاري"))
    assert "<mark>بیمهٔ</mark>" in html and "<mark>بیکاری</mark>" in html
    assert "<script>" not in snippet(["<script>x</script> مقرری"], query_terms("مقرری"))


def test_marks_cover_letters_that_normalise_to_nothing_or_to_several():
    """Each character is normalised on its own (a table remembered per character);
    a tatweel or a diacritic drops out and ß folds to two letters, and the mark
    still covers the text as written."""
    assert highlight("بیـمه و STRASSE", query_terms("بيمه straße")) == "<mark>بیـمه</mark> و <mark>STRASSE</mark>"
    assert highlight("Straße x", query_terms("strasse")) == "<mark>Straße</mark> x"
    assert highlight("بیمه\u200cها", query_terms("ها")) == "بیمه\u200c<mark>ها</mark>"
    assert contains_all("بیمهٔ بیکاری", query_terms("بيمه بيكاري"))
    assert not contains_all("بیمه", query_terms("بيمه بيكاري"))
    assert not contains_all("", query_terms("بيمه"))


def test_the_results_page_finds_the_site_by_the_compiled_query(client, world, monkeypatch):
    """Issue 13: the chrome asks for the request's site; Wagtail's own lookup built
    its query on every search, the routing's compiled one runs instead."""
    from wagtail.models import sites

    def wagtails_lookup(*args, **kwargs):
        raise AssertionError("Wagtail's own site lookup ran")

    monkeypatch.setattr(sites, "get_site_for_hostname", wagtails_lookup)
    response = client.get("/fa/search/", {"q": "مقرری"})
    assert response.status_code == 200 and 'href="/fa/"' in response.content.decode()


def test_autocomplete_json_and_header_box(client, world):
    data = client.get("/fa/search/suggest/", {"q": "مقرر"}).json()
    assert data["results"][0]["url"] == "/fa/indicators/unemployment-insurance/"
    data = client.get("/en/search/suggest/", {"q": "unemployment ins"}).json()
    assert data["results"][0]["url"] == "/en/indicators/unemployment-insurance/"
    assert client.get("/fa/search/suggest/", {"q": "x"}).json()["results"] == []
    home = client.get("/fa/").content.decode()
    assert 'data-suggest-url="/fa/search/suggest/"' in home and "sitesearch/autocomplete.js" in home


def _sqls(client, path, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path, params)  # Wagtail's per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_search_reads_the_held_pages_once_and_drops_those_below_them_without_a_query(client, world):
    """Issue 13: the held pages come from the request's memo; the pages below them
    (a held yearbook's chapters) are dropped by path in Python, not read again."""
    chapter = world.held.get_children().first()
    response, sqls = _sqls(client, "/fa/search/", {"q": "مقرری"})
    found = re.findall(r'<a href="([^"]+)">', response.content.decode())
    assert world.held.url not in found and chapter.url not in found
    assert len([sql for sql in sqls if "releases_releasepage" in sql and "UNION" in sql.upper()]) <= 1
    # embargoed_page_ids' second query read the pages below each held one by path.
    assert not [sql for sql in sqls if f"LIKE '{world.held.path}%'" in sql]


def test_a_search_that_finds_no_dataset_does_not_read_the_catalog_page(client, world):
    response, sqls = _sqls(client, "/fa/search/", {"q": "زرافه"})
    assert response.status_code == 200 and 'search-hit--dataset"' not in response.content.decode()
    # (the pages' search joins the catalog page's table for its introduction)
    reads = [sql for sql in sqls if "catalog_catalogindexpage" in sql and "wagtailsearch_indexentry" not in sql]
    assert not reads


def _urls(response):
    if response["Content-Type"].startswith("application/json"):
        return [item["url"] for item in response.json()["results"]]
    found = re.findall(r'<li class="search-hit search-hit--\w+">.*?<a href="([^"]+)">', response.content.decode(), re.S)
    return found


@pytest.mark.parametrize("path", ["/fa/search/", "/fa/search/suggest/"])
def test_a_search_reads_the_view_restrictions_and_locale_inside_its_query_and_still_drops_restricted_pages(
    client, world, path
):
    """Issue 13: Wagtail's `.public()` read every view restriction, and the page
    search read the Locale, in a query each before searching; both are subqueries
    of the search now. A page below a restriction is still never found."""
    from wagtail.models import PageViewRestriction

    from releases.models import ReleaseCalendarPage

    calendar = ReleaseCalendarPage.objects.get(locale__language_code="fa")
    response, sqls = _sqls(client, path, {"q": "مقرری"})
    assert [url for url in _urls(response) if url.startswith(calendar.url)]
    assert not [sql for sql in sqls if sql.startswith('SELECT "wagtailcore_pageviewrestriction"')]
    assert not [sql for sql in sqls if sql.startswith('SELECT "wagtailcore_locale"')]
    PageViewRestriction.objects.create(page=calendar, restriction_type="password", password="x")
    response, _ = _sqls(client, path, {"q": "مقرری"})
    urls = _urls(response)
    assert "/fa/indicators/unemployment-insurance/" in urls
    assert not [url for url in urls if url.startswith(calendar.url)]


@pytest.mark.parametrize("query", ["بیمه", "بيمه شدگان", "wage", "دستمزد ۱۴۰۲", "50%", "a_b", "insured persons x"])
def test_the_catalog_sources_are_compiled_once_and_read_what_the_orm_reads(client, world, query):
    """Issue 13: the datasets' and variables' queries are compiled once per number
    of words; run with a query's words (LIKE characters escaped) they find what
    the ORM's querysets find, and a second search builds no catalog SQL."""
    from unittest import mock

    from django.db.models.sql.compiler import SQLCompiler

    from catalog.models import Dataset
    from sitesearch import sources
    from tests.builders.catalog import dataset

    pct = dataset(slug="pct", title_fa="سهم 50% بیمه", title_en="a_b share", with_file=False)
    dataset(slug="axb", title_fa="سهم 50x بیمه", title_en="axb share", with_file=False)
    terms = {f"word{i}": term for i, term in enumerate(query_terms(query))}
    datasets, variables = sources._catalog_queries(len(terms))
    assert [d.pk for d in datasets(**terms)] == [d.pk for d in sources._datasets(**terms)]
    assert [(v.pk, v.dataset.slug) for v in variables(**terms)] == [
        (v.pk, v.dataset.slug) for v in sources._variables(**terms)
    ]
    assert [d.pk for d in datasets(**terms)] == [d.pk for d in Dataset.objects.published().search(query)[:200]]
    if query in ("50%", "a_b"):  # the LIKE characters are the letters themselves
        assert [d.pk for d in datasets(**terms)] == [pct.pk]
    if query == "wage":
        assert {v.name for v in variables(**terms)} == {"wage"}
    client.get("/fa/search/", {"q": query})
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        assert client.get("/fa/search/", {"q": query}).status_code == 200
    models = {call.args[0].query.model._meta.label for call in compiled.call_args_list}
    assert not models & {"catalog.Dataset", "catalog.Variable", "catalog.CatalogIndexPage"}


def test_the_catalog_page_of_the_links_is_the_languages_else_any_live_one(client, world):
    """The links' catalog page comes from a compiled statement; a language whose
    catalog page is not live links to a live one, as CatalogIndexPage.for_language."""
    from catalog.models import CatalogIndexPage

    fa_index = CatalogIndexPage.objects.get(locale__language_code="fa")
    en_index = CatalogIndexPage.objects.get(locale__language_code="en")
    slug = world.dataset.slug
    assert ("dataset", f"{fa_index.url}{slug}/") in hits(client, "fa", "پرونده‌های بیمه")[0]
    assert ("dataset", f"{en_index.url}{slug}/") in hits(client, "en", "insurance claims")[0]
    en_index.unpublish()
    assert ("dataset", f"{fa_index.url}{slug}/") in hits(client, "en", "insurance claims")[0]


@pytest.mark.parametrize(
    "query", ["بیمه", "بيمه بيكاري", "مقرری بیمه بیکاری", "unemployment insurance", "insur", "nothing here", "؟!"]
)
def test_the_indicator_search_is_compiled_once_and_finds_what_wagtails_search_finds(client, world, query):
    """Issue 13: Wagtail's search of the indicators runs by a statement compiled once
    per number of words, the words put inside its MATCH text: the same indicators
    in the same order, and a second search compiles no indicator SQL."""
    from unittest import mock

    from django.db.models.sql.compiler import SQLCompiler
    from wagtail.search.backends import get_search_backend

    from indicators.models import Indicator
    from sitesearch import sources

    wagtails = [i.pk for i in get_search_backend().search(query, Indicator.objects.all(), operator="and")[:200]]
    assert [i.pk for i in sources._indicators_found(query)] == wagtails
    if query.startswith(("بیمه", "بيمه", "unemployment")):
        assert wagtails  # the world's indicators are found: the test compares something
    client.get("/fa/search/", {"q": query})
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        assert client.get("/fa/search/", {"q": query}).status_code == 200
    assert "indicators.Indicator" not in {call.args[0].query.model._meta.label for call in compiled.call_args_list}


@pytest.mark.parametrize(
    "lang,query",
    [("fa", "مقرری بیمه"), ("fa", "بيمه بيكاري"), ("fa", "تعاونی"), ("en", "cooperatives"), ("fa", "nothing here")],
)
def test_the_page_search_is_compiled_once_and_finds_what_wagtails_search_finds(client, world, lang, query):
    """Issue 13: Wagtail's search of the searchable pages (live, public, in the
    language) runs by a statement compiled once per language and number of words:
    the same pages in the same order, and a second search compiles no full-text
    statement (only the columns of the found pages' types are read by the ORM)."""
    from django.db.models.sql.compiler import SQLCompiler

    from sitesearch import pages

    wagtails = list(pages.searchable_pages(lang).search(query, operator="and")[:200])
    found = pages.found_rows(query, lang)
    assert [(r["content_type_id"], r["pk"], r["url_path"]) for r in found] == [
        (p.content_type_id, p.pk, p.url_path) for p in wagtails
    ]
    if query != "nothing here":
        assert found  # the world's pages are found: the test compares something
    client.get(f"/{lang}/search/", {"q": query})
    compiled = []
    as_sql = SQLCompiler.as_sql

    def recording(self, *args, **kwargs):
        sql, params = as_sql(self, *args, **kwargs)
        compiled.append(sql)
        return sql, params

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SQLCompiler, "as_sql", recording)
        assert client.get(f"/{lang}/search/", {"q": query}).status_code == 200
    assert not [sql for sql in compiled if "MATCH" in sql or "to_tsquery" in sql or "@@" in sql]


def test_no_page_type_routes_otherwise_than_by_its_url_path():
    """Search works out a hit's URL from its `url_path` alone (sitesearch/pages.py),
    as Wagtail's get_url_parts does: a page type that routed otherwise would get
    a wrong link there."""
    from wagtail.models import get_page_models

    own_routing = [m.__name__ for m in get_page_models() if m.get_url_parts is not Page.get_url_parts]
    assert own_routing == []


def test_the_found_pages_are_read_as_rows_and_only_the_shown_get_a_url(client, world, monkeypatch):
    """Issue 13: building every found page as its specific model cost more than the
    rest of the results page; the hits are read as rows (no calendar entry or
    publication model built), and a URL is worked out only for the hits shown,
    the same URL as the page's own."""
    from publications.models import PublicationPage
    from releases.models import ReleasePage
    from sitesearch import pages, sources, views

    built = []
    for model in (ReleasePage, PublicationPage):
        from_db = model.from_db.__func__
        monkeypatch.setattr(model, "from_db", classmethod(lambda cls, *a, f=from_db: built.append(cls) or f(cls, *a)))
    urls = []

    def page_urls(url_paths, request=None):
        urls.extend(url_paths)
        return pages.page_urls(url_paths, request)

    monkeypatch.setattr(sources, "page_urls", page_urls)
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    found, _body = hits(client, "fa", "مقرری")
    assert len(found) == 3 and len(sources.search("مقرری", "fa")) > 3
    assert built == []
    shown = [url for kind, url in found if kind in ("publication", "page", "release")]
    assert shown and len(urls) == len(shown)
    by_url_path = {p.url_path: p for p in Page.objects.filter(url_path__in=urls).specific()}
    assert shown == [by_url_path[url_path].url for url_path in urls]

"""The site chrome on a cache miss (issue 13): the header's home link, the main
menu, the breadcrumbs and the language switch of a deep page read their pages in
one query, and the embargo's held pages are read once a request."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site

from core.pages import child_page
from home.models import StandardPage
from releases.embargo import embargoed_pages_for
from tests.builders.releases import translate_quickly

# Cold: the page cache is off in the test settings; the cache starts empty.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_page_cache")]

CHROME = engines["django"].from_string(
    "{% load chrome %}{% include 'includes/header.html' %}{% breadcrumbs %}{% include 'includes/footer.html' %}"
)


@pytest.fixture
def deep(home_pages):
    """home › section (in the menu) › part › leaf, each also in English."""
    home_fa = home_pages[0]
    section = child_page(home_fa, StandardPage, "section", title="بخش", show_in_menus=True)
    part = child_page(section, StandardPage, "part", title="پاره")
    leaf = child_page(part, StandardPage, "leaf", title="برگ")
    english = [translate_quickly(page, title) for page, title in ((section, "Section"), (part, "Part"))]
    leaf_en = translate_quickly(leaf, "Leaf")
    return home_fa, section, part, leaf, english, leaf_en


def render_chrome(rf, page):
    request = rf.get(page.url)
    request.user = AnonymousUser()
    Site.find_for_request(request)  # Wagtail's routing has found the site
    embargoed_pages_for(request)  # the serve hook has read the held pages
    with translation.override("fa"), CaptureQueriesContext(connection) as queries:
        html = CHROME.render({"page": page, "request": request}, request)
    return len(queries.captured_queries), html


def test_the_chrome_of_a_deep_page_costs_one_query(rf, deep):
    home_fa, section, part, leaf, _english, leaf_en = deep
    queries, html = render_chrome(rf, leaf)
    assert queries == 1
    # All of it is there: the home link, the menu, both crumbs, the English link.
    assert f'class="brand" href="{home_fa.url}"' in html
    menu = html[html.index('<nav class="main-menu"') :]
    assert f'href="{section.url}" aria-current="page">بخش</a>' in menu
    assert f'<a href="{section.url}">بخش</a>' in html and f'<a href="{part.url}">پاره</a>' in html
    assert f'<a href="{leaf_en.url}" lang="en" hreflang="en">English</a>' in html


def test_a_deep_page_costs_no_more_than_its_route_and_one_chrome_query(client, deep):
    """Site, locale, home, then a lookup and its type for each of three levels, the
    held pages (once, for the serve hook and the chrome), Wagtail's view restrictions
    (two), the chrome (one), and the next release minute for Cache-Control (three in
    the tests' settings): 16. Read tag by tag the chrome cost four, the held pages two."""
    leaf = deep[3]
    client.get(leaf.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(leaf.url).status_code == 200
    assert len(queries.captured_queries) <= 16


def test_the_english_chrome_is_the_english_tree(client, deep):
    _home, _section, _part, leaf, (section_en, part_en), leaf_en = deep
    body = client.get(leaf_en.url).content.decode()
    assert f'<a href="{section_en.url}">Section</a>' in body and f'<a href="{part_en.url}">Part</a>' in body
    assert f'href="{leaf.url}" lang="fa" hreflang="fa"' in body
    assert 'class="brand" href="/en/"' in body


def test_the_compiled_chrome_reads_what_the_orm_reads_for_every_shape(rf, deep):
    """Each shape's compiled statement (chrome_pages._query) reads the rows, in order,
    that its ORM queryset reads: the home, a page with and without ancestors, no site."""
    from wagtail.models import Page

    from home.templatetags import chrome_pages

    home_fa, _section, part, leaf, english, leaf_en = deep
    root = Site.objects.get(is_default_site=True).root_page
    for site_root, page in ((root, home_fa), (root, leaf), (root, leaf_en), (root, english[0]), (None, part)):
        wanted = chrome_pages._Wanted(site_root, Page.objects.get(pk=page.pk))
        shape = (site_root is not None, len(wanted.ancestor_paths), bool(wanted.translation_key))
        values = {}
        if site_root is not None:
            last = wanted._last_below(wanted.menu_prefix, wanted.menu_depth)
            values.update(root_key=root.translation_key, menu_depth=wanted.menu_depth)
            values.update(menu_first=wanted.menu_prefix, menu_last=last)
            # The menu's range of paths is the prefix's: the same live menu pages at its depth.
            menu = Page.objects.filter(depth=wanted.menu_depth, live=True, show_in_menus=True)
            by_prefix = list(menu.filter(path__startswith=wanted.menu_prefix).order_by("path").values_list("pk"))
            by_range = menu.filter(path__gte=wanted.menu_prefix, path__lte=last).order_by("path").values_list("pk")
            assert by_prefix and list(by_range) == by_prefix
        for index, path in enumerate(sorted(wanted.ancestor_paths)):
            values[f"ancestor{index}"] = path
        values["page_key"] = wanted.translation_key
        orm = [(row.pk, row.chrome_language) for row in chrome_pages._queryset(shape, **values)]
        assert [(row.pk, row.chrome_language) for row in wanted.rows()] == orm
        assert orm and (page.pk, page.locale.language_code) in orm

"""Routing a URL in one query (home/routing.py, issue 13): a page costs the same
whatever its depth, and Wagtail's answers are kept (404s, locales, routable
pages, view restrictions, aliases)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.pages import child_page
from home.models import StandardPage
from tests.builders.releases import translate_quickly

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_page_cache")]


@pytest.fixture
def tree(home_pages):
    """home › about, and home › a › b › c › leaf, the leaf also in English."""
    home_fa = home_pages[0]
    about = child_page(home_fa, StandardPage, "about", title="دربارهٔ ما")
    a = child_page(home_fa, StandardPage, "a", title="الف")
    b = child_page(a, StandardPage, "b", title="ب")
    c = child_page(b, StandardPage, "c", title="پ")
    leaf = child_page(c, StandardPage, "leaf", title="برگ")
    for page, title in ((about, "About"), (a, "A"), (b, "B"), (c, "C")):
        translate_quickly(page, title)
    leaf_en = translate_quickly(leaf, "Leaf")
    return home_fa, about, leaf, leaf_en


def queries(client, path, status=200):
    client.get(path)  # Wagtail's per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == status, path
    return [query["sql"] for query in captured.captured_queries]


def page_queries(sql):
    return [q for q in sql if 'FROM "wagtailcore_page"' in q and "wagtailcore_pageviewrestriction" not in q]


def test_a_plain_page_is_routed_in_two_page_queries_and_no_restriction_query(client, tree):
    """The site, the route (one query, which also tells that no page of the chain has a
    view restriction or is an alias), the page's own type, the held pages, the chrome
    (one) and the next release minute (three in the tests' settings): 8. Wagtail's
    routing cost a locale query and three page queries, its view restrictions two: 12."""
    sql = queries(client, "/fa/about/")
    assert len(sql) == 8, "\n".join(sql)
    assert not any('FROM "wagtailcore_locale"' in q for q in sql)


def test_a_deep_page_costs_what_a_plain_page_costs(client, tree):
    """Five levels below the home cost what one does (Wagtail's routing: a child
    query and a type query per level, 18 queries here)."""
    assert len(queries(client, "/fa/a/b/c/leaf/")) == len(queries(client, "/fa/about/")) == 8
    assert len(queries(client, "/en/a/b/c/leaf/")) == 8


def test_the_english_url_routes_through_the_english_tree(client, tree):
    _home, _about, leaf, leaf_en = tree
    response = client.get("/en/a/b/c/leaf/")
    assert response.status_code == 200
    assert response.context["page"].pk == leaf_en.pk
    assert client.get("/fa/a/b/c/leaf/").context["page"].pk == leaf.pk


def test_unknown_and_unpublished_pages_are_404(client, tree):
    _home, _about, leaf, _leaf_en = tree
    assert client.get("/fa/a/b/nope/").status_code == 404
    assert client.get("/fa/a/b/c/leaf/more/").status_code == 404
    assert client.get("/fa/leaf/").status_code == 404  # a slug at the wrong level
    leaf.unpublish()
    assert client.get("/fa/a/b/c/leaf/").status_code == 404
    # A page below an unpublished page is still served, as by Wagtail.
    c = leaf.get_parent()
    grandchild = child_page(leaf, StandardPage, "deeper", title="ژرف")
    assert client.get(grandchild.url or "/fa/a/b/c/leaf/deeper/").status_code == 200
    assert c.live


def test_the_route_is_the_one_wagtail_finds(rf, tree):
    from django.utils import translation

    from home.routing import route_for_request

    for language, path in (("fa", "/a/b/c/leaf/"), ("en", "/a/b/c/leaf/"), ("fa", "/about/"), ("fa", "/")):
        with translation.override(language):
            ours = route_for_request(rf.get(f"/{language}{path}"), path)
            wagtails = Page.route_for_request(rf.get(f"/{language}{path}"), path)
        assert ours[0].pk == wagtails[0].pk and type(ours[0]) is type(wagtails[0])
        assert ours[0].get_parent().pk == wagtails[0].get_parent().pk


def test_view_restrictions_still_hold(client, tree):
    _home, about, _leaf, _leaf_en = tree
    PageViewRestriction.objects.create(page=Page.objects.get(slug="b", locale=about.locale), restriction_type="login")
    response = client.get("/fa/a/b/c/leaf/")
    assert response.status_code == 302 and "/_util/login/" in response["Location"]
    assert client.get("/fa/about/").status_code == 200
    restriction = PageViewRestriction.objects.create(page=about, restriction_type="password", password="x")
    response = client.get("/fa/about/")
    assert response.status_code == 200 and f"authenticate_with_password/{restriction.pk}/" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_an_alias_takes_the_restrictions_of_its_source(client, tree):
    _home, about, _leaf, _leaf_en = tree
    a = Page.objects.get(slug="a", locale=about.locale)
    alias = a.create_alias(parent=about, update_slug="a-alias")
    PageViewRestriction.objects.create(page=a, restriction_type="login")
    response = client.get("/fa/about/a-alias/")
    assert response.status_code == 302, alias
    assert client.get("/fa/about/").status_code == 200


def test_a_restriction_or_an_alias_on_the_chain_is_read_again(client, tree):
    """The route's rows say a page of the chain has a restriction (or is an alias):
    then Wagtail's restrictions are read (one query) and applied."""
    _home, about, _leaf, _leaf_en = tree
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    client.get("/fa/about/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/fa/about/").status_code == 302
    assert any("wagtailcore_pageviewrestriction" in q["sql"] and "DISTINCT" in q["sql"] for q in captured)


@pytest.mark.parametrize(
    "host", ["testserver", "localhost", "other.example", "other.example:8080", "third.example", "third.example:81"]
)
def test_the_site_is_the_one_wagtail_finds(rf, home_pages, host):
    from wagtail.models import Site

    from core.sites import find_site

    root = home_pages[0]
    Site.objects.create(hostname="other.example", port=8080, root_page=root)
    Site.objects.create(hostname="third.example", port=80, root_page=root)
    Site.objects.create(hostname="third.example", port=443, root_page=root)
    ours, wagtails = find_site(rf.get("/", HTTP_HOST=host)), Site.find_for_request(rf.get("/", HTTP_HOST=host))
    assert (ours.pk, ours.root_page) == (wagtails.pk, wagtails.root_page)
    Site.objects.update(is_default_site=False)
    ours, wagtails = find_site(rf.get("/", HTTP_HOST=host)), Site.find_for_request(rf.get("/", HTTP_HOST=host))
    assert getattr(ours, "pk", None) == getattr(wagtails, "pk", None)


def test_the_specific_page_is_the_one_wagtail_reads(tree):
    from home.routing import specific_of

    for page in tree[:3]:
        ours = specific_of(Page.objects.get(pk=page.pk))
        wagtails = Page.objects.get(pk=page.pk).specific
        assert type(ours) is type(wagtails)
        assert {k: v for k, v in ours.__dict__.items() if k != "_state"} == {
            k: v for k, v in wagtails.__dict__.items() if k != "_state"
        }


def test_the_route_and_the_chrome_are_not_compiled_again(client, tree):
    """The route's and the chrome's page queries are compiled once per shape (URL depth,
    ancestors), not on every request: a second page of the same shapes compiles none."""
    from unittest import mock

    from django.db.models.sql.compiler import SQLCompiler

    client.get("/fa/a/b/c/leaf/")
    client.get("/en/a/b/c/leaf/")
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        assert client.get("/fa/a/b/c/leaf/").status_code == 200
        assert client.get("/en/a/b/c/leaf/").status_code == 200
    # Page objects read by a compiled statement (the next release minute's values are not).
    queries = [call.args[0].query for call in compiled.call_args_list]
    assert [str(query) for query in queries if query.model is Page and query.default_cols] == []


def test_the_compiled_route_answers_as_the_orm_at_every_depth(rf, tree):
    """Each shape's compiled statement reads the rows the ORM's queryset reads."""
    from home import routing

    home_fa = tree[0]
    root = Page.objects.get(pk=home_fa.get_parent().pk) if home_fa.depth > 2 else home_fa
    for components in ([], ["about"], ["a", "b"], ["a", "b", "c", "leaf"], ["nope", "b"]):
        above = [root.path[:end] for end in range(routing.STEP, len(root.path), routing.STEP)]
        values = {"key": root.translation_key}
        if components:
            values["prefix"] = root.path[: -routing.STEP]
        for level, slug in enumerate(components):
            values[f"depth{level}"] = root.depth + 1 + level
            values[f"slug{level}"] = slug
        for index, path in enumerate(above):
            values[f"above{index}"] = path
        compiled = routing._route_query(len(components), len(above))(**values)
        orm = list(routing._route_queryset(len(components), len(above), **values))
        assert [(p.pk, p._route_language, p._route_restricted) for p in compiled] == [
            (p.pk, p._route_language, p._route_restricted) for p in orm
        ]
        assert len(compiled) > len(components) > 0 or not components or components[0] == "nope"


def test_a_crafted_deep_url_is_a_404_and_keeps_no_statement(client, tree):
    """One statement is kept per URL depth: a URL deeper than any page goes to
    Wagtail's walk (still a 404), so crafted depths cannot grow the process."""
    from home import routing

    before = set(routing._ROUTES)
    deep = "/fa/" + "a/" * (routing.MAX_LEVELS + 1)
    assert client.get(deep).status_code == 404
    assert client.get("/fa/a/b/c/leaf/").status_code == 200
    assert {levels for levels, _above in set(routing._ROUTES) - before} <= {4}


def test_a_common_slug_brings_only_the_rows_below_the_level_above(client, tree):
    """A slug many parents share (every yearbook's chapter-1) is read only under a
    parent with the URL's slug one level up, not once per parent in the site."""
    from home import routing

    home_fa, _about, leaf, _leaf_en = tree
    others = [child_page(home_fa, StandardPage, f"other-{n}", title=f"دیگر {n}") for n in range(3)]
    for other in others:
        child_page(other, StandardPage, "b", title="ب دیگر")
    calls = []
    original = routing._route_query

    def spy(levels, above):
        query = original(levels, above)

        def call(**values):
            calls.append(query(**values))
            return calls[-1]

        return call

    routing._route_query = spy
    try:
        assert client.get("/fa/a/b/c/leaf/").status_code == 200
        assert client.get("/fa/other-1/b/").status_code == 200
    finally:
        routing._route_query = original
    # /a/b/…: the b below «a» (and its translation below the English «a»), not the others'.
    b_of_a = leaf.get_parent().get_parent()
    assert b_of_a.path in [row.path for row in calls[0]]
    assert not [row for row in calls[0] if row.title == "ب دیگر"]
    assert [row.path[: -routing.STEP] for row in calls[1] if row.title == "ب دیگر"] == [others[1].path]

"""What the publications pages themselves cost in queries on a cold request (issue 13),
apart from what every page pays (Wagtail's routing above the index, the embargo
hook, view restrictions, the chrome):

* a publication is routed in ONE query: its own type, release, locale, whether a
  scheduled revision is due and whether it has corrections (Wagtail: the child,
  then its specific page; then the release, the locale, the revisions and the
  corrections one query each);
* a chapter is routed in ONE query (with its due revision) and shares the
  yearbook's release and locale;
* the listing is TWO queries (its years, and its page of rows with the total);
* a yearbook's context is ONE query (its chapters, as values).

The same pages still show what they showed: corrections, a scheduled revision from
its minute, chapters waiting for their own release, restricted pages left out."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from publications.models import Correction, PublicationIndexPage, YearbookPage
from tests.builders.publications import block, bulletin, release_entry, yearbook

pytestmark = pytest.mark.django_db


def anonymous_request(path="/fa/publications/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = {}
    Site.find_for_request(request)  # Wagtail's per-request site, as the serve view has it
    return request


def routed(index, *components):
    request = anonymous_request()
    index = PublicationIndexPage.objects.get(pk=index.pk)
    page = index.route(request, list(components)).page
    page.get_url(request)  # Wagtail's site root paths, read once by the routing and the chrome
    return page, request


def chapters(world, n=3, **extra):
    return yearbook(
        world.index,
        release=world.release,
        chapters=[(f"فصل {i}", [block("heading", f"عنوان {i}", f"h-{i}")]) for i in range(1, n + 1)],
        **extra,
    )


def test_a_publication_is_routed_in_one_query_with_what_its_page_reads(world, django_assert_num_queries):
    yb = chapters(world)
    index = PublicationIndexPage.objects.get(pk=world.index.pk)
    request = anonymous_request()
    with django_assert_num_queries(1):  # the route served the page: no scheduled revision was due
        page = index.route(request, [yb.slug]).page
    assert type(page) is YearbookPage and page.pk == yb.pk
    with django_assert_num_queries(0):
        assert page.release.pk == world.release.pk and page.locale.language_code == "fa"
        assert not page.is_embargoed()
        assert not page.public_corrections()
        assert page.release_link() == page.release


def test_a_chapter_is_routed_in_one_query_and_shares_the_yearbook(world, django_assert_num_queries):
    yb = chapters(world)
    page, request = routed(world.index, yb.slug)
    with django_assert_num_queries(1):
        chapter = page.route(request, ["chapter-2"]).page
    assert chapter.title == "فصل 2"
    with django_assert_num_queries(0):
        assert chapter.yearbook is page and chapter.release is page.release and chapter.locale is page.locale
        assert not chapter.is_embargoed()


def test_a_yearbook_reads_its_chapters_in_one_query(world, django_assert_num_queries):
    yb = chapters(world, n=4)
    page, request = routed(world.index, yb.slug)
    with django_assert_num_queries(1):
        context = page.get_context(request)
    assert [c.title for c in context["chapters"]] == ["فصل 1", "فصل 2", "فصل 3", "فصل 4"]
    assert context["chapters"][1].url == yb.get_url(request) + "chapter-2/"
    assert context["chapters"][1].contents == [("heading", "h-2", "عنوان 2")]


def test_a_chapters_context_reads_its_neighbours_in_one_query(world, django_assert_num_queries):
    yb = chapters(world)
    page, request = routed(world.index, yb.slug)
    chapter = page.route(request, ["chapter-2"]).page
    with django_assert_num_queries(1):
        context = chapter.get_context(request)
    assert context["previous_chapter"].title == "فصل 1" and context["next_chapter"].title == "فصل 3"


def test_the_listing_reads_its_years_and_its_page_in_two_queries(world, django_assert_num_queries):
    for i in range(3):
        bulletin(world.index, title=f"ماهنامه {i}", slug=f"b-{i}", release=world.release)
    index = PublicationIndexPage.objects.get(pk=world.index.pk)
    request = anonymous_request(index.url)
    index.get_url(request)  # Wagtail's site root paths, cached on the request by the routing
    with django_assert_num_queries(2):
        context = index.get_context(request)
    assert context["page_obj"].paginator.count == 3 and len(context["publications"]) == 3
    assert {p.url for p in context["publications"]} == {index.url + f"b-{i}/" for i in range(3)}


def test_the_listing_leaves_out_restricted_and_unreleased_publications(world, client):
    bulletin(world.index, title="ماهنامه عمومی", slug="open", release=world.release)
    closed = bulletin(world.index, title="ماهنامه محرمانه", slug="closed", release=world.release)
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    later = release_entry(world.home, title="آینده", at=timezone.now() + dt.timedelta(days=1), slug="later")
    bulletin(world.index, title="ماهنامه آینده", slug="later-bulletin", release=later)
    html = client.get(world.index.url).content.decode()
    assert "ماهنامه عمومی" in html
    assert "ماهنامه محرمانه" not in html and "ماهنامه آینده" not in html


def test_a_unicode_slug_links_as_wagtail_links_it(world, client):
    page = bulletin(world.index, title="ماهنامه یونیکد", slug="ماهنامه-تیر", release=world.release)
    html = client.get(world.index.url).content.decode()
    assert f'href="{page.url}"' in html
    assert client.get(page.url).status_code == 200


def test_corrections_still_show_on_a_routed_publication(world, client):
    yb = chapters(world)
    Correction.objects.create(page=yb, text="رقم جدول ۲ اصلاح شد.")
    html = client.get(yb.url).content.decode()
    assert "رقم جدول ۲ اصلاح شد." in html


def test_a_chapter_with_its_own_later_release_waits_for_it(world, client):
    later = release_entry(world.home, title="فصل بعد", at=timezone.now() + dt.timedelta(days=1), slug="later")
    yb = chapters(world)
    third = yb.get_children().get(slug="chapter-3").specific
    third.release = later
    third.save_revision().publish()
    html = client.get(yb.url).content.decode()
    assert "فصل 1" in html and "فصل 3" not in html
    html = client.get(yb.url + "chapter-2/").content.decode()
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert client.get(yb.url + "chapter-3/").status_code == 404


def test_a_chapter_with_its_own_later_release_is_listed_from_its_minute(world, client):
    """The chapter list is compiled once; each request runs it with its own minute."""
    minute = timezone.now() + dt.timedelta(hours=1)
    later = release_entry(world.home, title="فصل بعد", at=minute, slug="later")
    yb = chapters(world)
    third = yb.get_children().get(slug="chapter-3").specific
    third.release = later
    third.save_revision().publish()
    for at, shown in ((minute - dt.timedelta(seconds=1), False), (minute + dt.timedelta(seconds=1), True)):
        with time_machine.travel(at, tick=False):
            assert ("فصل 3" in client.get(yb.url).content.decode()) is shown
            assert ('rel="next"' in client.get(yb.url + "chapter-2/").content.decode()) is shown


def test_a_scheduled_revision_of_a_yearbook_and_a_chapter_shows_from_its_minute(world, client):
    yb = chapters(world)
    chapter = yb.get_children().get(slug="chapter-1").specific
    minute = timezone.now() + dt.timedelta(hours=1)
    for page, title in ((yb, "سالنامه بازنگری‌شده"), (chapter, "فصل بازنگری‌شده")):
        page = page.specific_class.objects.get(pk=page.pk)
        page.title = title
        page.go_live_at = minute
        page.save_revision(approved_go_live_at=minute).publish()
    with time_machine.travel(minute - dt.timedelta(seconds=1), tick=False):
        assert "سالنامه بازنگری‌شده" not in client.get(yb.url).content.decode()
        assert "فصل بازنگری‌شده" not in client.get(yb.url + "chapter-1/").content.decode()
    with time_machine.travel(minute + dt.timedelta(seconds=1), tick=False):
        assert "سالنامه بازنگری‌شده" in client.get(yb.url).content.decode()
        assert "فصل بازنگری‌شده" in client.get(yb.url + "chapter-1/").content.decode()


def test_a_publications_and_a_chapters_route_are_compiled_once(client, home_pages):
    """Issue 13: the route's two child lookups (a publication, then a chapter) are
    fixed-shape statements compiled once per process (publications ChildQuery);
    a request runs them with its slug, parent and minute, and builds no SQL for them."""
    from unittest import mock

    from django.db.models.sql.compiler import SQLCompiler

    from tests.builders.publications import publications_index

    home, _en = home_pages
    index = publications_index(home)
    entry = release_entry(home, title="انتشار", at=timezone.now() - dt.timedelta(days=1))
    yb = yearbook(index, release=entry, chapters=[("فصل", [block("text", "<p>متن</p>")])])
    chapter = yb.get_children().first()
    assert client.get(chapter.url).status_code == 200
    built = []
    original = SQLCompiler.as_sql

    def spy(self, *args, **kwargs):
        sql, params = original(self, *args, **kwargs)
        built.append(sql)
        return sql, params

    with mock.patch.object(SQLCompiler, "as_sql", spy):
        response = client.get(chapter.url)
        assert client.get(yb.url).status_code == 200
    assert response.status_code == 200 and "متن" in response.content.decode()
    assert built and not [sql for sql in built if "due_revision_read" in sql]
    # The chapter list (the yearbook's, and the chapter's neighbours) is compiled once too.
    assert not [sql for sql in built if "own_release_public" in sql]
    assert client.get(yb.url + "nope/").status_code == 404
    assert client.get(index.url + "nope/").status_code == 404

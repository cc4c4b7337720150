"""The held pages are read once a request (releases.embargo.embargoed_pages_for),
and the chrome built on that read is as strict as before: a page waiting for its
release is in no menu, no breadcrumb and no language link, a second before its
minute; the next request, a second after, shows it everywhere."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import StandardPage
from tests.builders.publications import bulletin
from tests.builders.releases import make_calendar, make_entry, translate_quickly

# Cold: the page cache is off in the test settings; the cache starts empty.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_page_cache")]

MINUTE = (timezone.now() + dt.timedelta(days=2)).replace(second=0, microsecond=0)
BEFORE, AFTER = MINUTE - dt.timedelta(seconds=1), MINUTE + dt.timedelta(seconds=1)


@pytest.fixture
def world(home_pages):
    home_fa, _home_en = home_pages
    entry = make_entry(make_calendar(home_fa), release_at=MINUTE)
    held = bulletin(home_fa, title="ماهنامهٔ منتظر", slug="waiting", release=entry, show_in_menus=True)
    chapter = StandardPage(title="فصل منتظر", slug="chapter", locale=held.locale)
    held.add_child(instance=chapter)
    chapter.save_revision().publish()
    # Out in Persian, while its English version waits for the release.
    out = bulletin(home_fa, title="ماهنامهٔ منتشر", slug="out")
    out_en = translate_quickly(out, "Out bulletin")
    out_en.release, out_en.slug = entry, "out-later"  # its own address, which must not be linked
    out_en.save_revision().publish()
    out_en.refresh_from_db()
    return held, chapter, out, out_en


def menu(body):
    return re.search(r'<nav class="main-menu".*?</nav>', body, re.S).group(0)


def test_held_pages_are_in_no_menu_crumb_or_language_link_until_the_next_request_after_the_minute(client, world):
    held, chapter, out, out_en = world
    with time_machine.travel(BEFORE, tick=False):
        body = client.get(out.url).content.decode()
        assert "ماهنامهٔ منتظر" not in menu(body) and held.url not in body
        assert out_en.url not in body  # the English link does not lead to the waiting version
        assert 'lang="en" hreflang="en">English</a>' in body  # there is still a switch
        assert client.get(chapter.url).status_code == 404  # its breadcrumb is nowhere
        assert client.get(out_en.url).status_code == 404
    with time_machine.travel(AFTER, tick=False):
        body = client.get(out.url).content.decode()
        assert "ماهنامهٔ منتظر" in menu(body) and held.url in body
        assert f'href="{out_en.url}" lang="en"' in body
        crumbs = client.get(chapter.url).content.decode()
        assert f'<a href="{held.url}">ماهنامهٔ منتظر</a>' in crumbs


def test_a_released_page_reads_the_held_pages_once(client, world):
    _held, _chapter, out, _out_en = world
    client.get(out.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(out.url).status_code == 200
    held_read = '"publications_publicationpage"."page_ptr_id" AS "pk"'
    held_reads = [query for query in queries.captured_queries if held_read in query["sql"]]
    assert len(held_reads) == 1  # the serve hook, the page's own serve and the chrome share it


def test_editors_still_preview_a_held_page_with_its_chrome(admin_client, admin_user, world):
    held, chapter, _out, _out_en = world
    with time_machine.travel(BEFORE, tick=False):
        admin_client.force_login(admin_user)
        response = admin_client.get(chapter.url)
        assert response.status_code == 200
        assert f'<a href="{held.url}">ماهنامهٔ منتظر</a>' in response.content.decode()

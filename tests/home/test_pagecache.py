"""The page cache (home/pagecache.py): anonymous answers are served from the
cache, and no cached answer outlives the content it shows."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from home import pagecache
from indicators.models import ImportBatch

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def served(client, url="/fa/", **extra):
    response = client.get(url, **extra)
    return response, response.headers.get("X-Page-Cache")


def test_second_anonymous_visit_is_a_hit_without_any_query(client, home_pages, django_assert_num_queries):
    first, state = served(client)
    assert (first.status_code, state) == (200, "miss")
    with django_assert_num_queries(0):
        again, state = served(client)
    assert state == "hit"
    assert again.content == first.content
    assert again.headers["Content-Type"] == first.headers["Content-Type"]


def test_a_page_changes_as_soon_as_it_is_published(client, home_pages, django_capture_on_commit_callbacks):
    home_fa, _en = home_pages
    served(client)
    assert served(client)[1] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        home_fa.title = "صفحهٔ تازهٔ آمار"
        home_fa.save_revision().publish()
    response, state = served(client)
    assert state == "miss"
    assert "صفحهٔ تازهٔ آمار" in response.content.decode()


def test_unpublishing_a_page_empties_the_cache(client, home_pages, django_capture_on_commit_callbacks):
    from home.models import StandardPage

    home_fa, _en = home_pages
    page = StandardPage(title="دربارهٔ ما", slug="about")
    home_fa.add_child(instance=page)
    page.save_revision().publish()
    assert served(client, "/fa/about/")[0].status_code == 200
    assert served(client, "/fa/about/")[1] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert served(client, "/fa/about/")[0].status_code == 404


def test_a_finished_import_and_a_moved_release_change_the_version(home_pages, django_capture_on_commit_callbacks):
    from releases import services
    from tests.builders.indicators import make_indicator
    from tests.builders.releases import make_calendar, make_entry

    before = pagecache.content_version()
    indicator = make_indicator("cache-test")
    with django_capture_on_commit_callbacks(execute=True):
        ImportBatch.objects.create(indicator=indicator, dry_run=False, finished_at=timezone.now())
    after_import = pagecache.content_version()
    assert after_import != before

    entry = make_entry(make_calendar(home_pages[0], translate_en=False))
    now = pagecache.content_version()
    minute = (timezone.now() + dt.timedelta(days=9)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        services.move(entry, minute, "دلیل جابه‌جایی")
    assert pagecache.content_version() != now


def test_a_dry_run_import_leaves_the_cache_alone(home_pages, django_capture_on_commit_callbacks):
    from tests.builders.indicators import make_indicator

    indicator = make_indicator("cache-test")
    before = pagecache.content_version()
    with django_capture_on_commit_callbacks(execute=True):
        ImportBatch.objects.create(indicator=indicator, dry_run=True, finished_at=timezone.now())
    assert pagecache.content_version() == before


def test_logged_in_visitors_are_never_served_nor_stored(client, admin_client, home_pages):
    served(client)  # an anonymous copy exists
    for _ in range(2):
        response, state = served(admin_client)
        assert state is None
        assert "private" in response.headers["Cache-Control"]


def test_an_answer_that_sets_a_cookie_is_not_cached(client, home_pages):
    url = reverse("researchers:login")
    first, state = served(client, url)
    assert first.cookies, "the login form sets its CSRF cookie"
    assert state == "skip"
    fresh = client.__class__()  # a second visitor without the first one's cookie
    second, state = served(fresh, url)
    assert state == "skip"
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_posts_and_queries_are_told_apart(client, home_pages):
    served(client, "/fa/search/?q=a")
    assert served(client, "/fa/search/?q=a")[1] == "hit"
    assert served(client, "/fa/search/?q=b")[1] == "miss"
    assert client.post("/fa/search/?q=a").headers.get("X-Page-Cache") is None


def test_a_hit_close_to_a_release_minute_keeps_no_longer_than_the_minute(client, home_pages):
    import time_machine

    from tests.builders.releases import make_calendar, make_entry

    minute = (timezone.now() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    make_entry(make_calendar(home_pages[0], translate_en=False), release_at=minute)
    with time_machine.travel(minute - dt.timedelta(seconds=200), tick=False):
        assert served(client)[1] == "miss"
    with time_machine.travel(minute - dt.timedelta(seconds=60), tick=False):
        response, state = served(client)
        assert state == "hit"
        assert "max-age=60" in response.headers["Cache-Control"]
    with time_machine.travel(minute - dt.timedelta(seconds=1), tick=False):
        response, state = served(client)
        assert "no-store" in response.headers["Cache-Control"]
    with time_machine.travel(minute + dt.timedelta(seconds=1), tick=False):
        assert served(client)[1] == "miss"  # a new epoch: nothing from before the minute


def test_the_api_is_cached_per_language_asked_for(client, home_pages):
    url = "/api/v1/schema/"
    assert served(client, url, HTTP_ACCEPT_LANGUAGE="en")[1] == "miss"
    assert served(client, url, HTTP_ACCEPT_LANGUAGE="en")[1] == "hit"
    assert served(client, url, HTTP_ACCEPT_LANGUAGE="fa")[1] != "hit"

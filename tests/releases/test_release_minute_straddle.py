"""The release minute without the stack (issue 13): the bench through nginx saw a
bulletin answer 404 for 20 s after its minute. An answer begun before the minute
and finished after it (a slow 404 under load) was given the max-age of the *next*
minute (300 s: nothing else scheduled), and nginx's micro-cache kept that 404.
Cache lifetimes are measured from when an answer began, with the per-process memo
of the next minute (RELEASE_MINUTE_SOURCE) on and off, and through the page cache."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.cache import get_max_age

from home import pagecache
from releases.middleware import NO_STORE_WITHIN, PUBLIC_MAX_AGE, ReleaseEmbargoMiddleware
from tests.builders.publications import bulletin, publications_index, release_entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_page_cache")]

MINUTE = dt.datetime(2031, 3, 4, 6, 30, tzinfo=dt.UTC)
SECRET = "kahrobaee"  # only in the bulletin released at MINUTE
MEMO = "home.pagecache.next_release_minute_now"


@pytest.fixture
def released_at_minute(home_pages):
    """A bulletin whose confirmed entry is released at MINUTE (nothing after it)."""
    home_fa, _en = home_pages
    with time_machine.travel(MINUTE - dt.timedelta(days=1), tick=False):
        entry = release_entry(home_fa, at=MINUTE)
        page = bulletin(publications_index(home_fa), title=f"بولتن {SECRET}", slug="straddle", release=entry)
    return page


def slow_answer(traveller, status, finished_at):
    """A view that decides (here: a 404) and is still working when the clock reaches `finished_at`."""

    def respond(request):
        traveller.move_to(finished_at)
        return HttpResponse(status=status)

    return respond


@pytest.mark.parametrize("source", ["", MEMO], ids=["database", "memo"])
def test_an_answer_begun_before_the_minute_and_finished_after_it_is_not_kept(settings, released_at_minute, source):
    settings.RELEASE_MINUTE_SOURCE = source
    request = RequestFactory().get("/fa/publications/straddle/")
    request.user = AnonymousUser()
    with time_machine.travel(MINUTE - dt.timedelta(seconds=0.4), tick=False) as traveller:
        middleware = ReleaseEmbargoMiddleware(slow_answer(traveller, 404, MINUTE + dt.timedelta(seconds=0.3)))
        response = middleware(request)
    control = response.headers["Cache-Control"]
    # Before the fix: "public, max-age=300" on a pre-release 404.
    assert "no-store" in control and "public" not in control
    assert get_max_age(response) == 0


@pytest.mark.parametrize("source", ["", MEMO], ids=["database", "memo"])
def test_an_answer_begun_well_before_the_minute_ends_at_the_minute(settings, released_at_minute, source):
    settings.RELEASE_MINUTE_SOURCE = source
    request = RequestFactory().get("/fa/")
    request.user = AnonymousUser()
    with time_machine.travel(MINUTE - dt.timedelta(seconds=60), tick=False) as traveller:
        middleware = ReleaseEmbargoMiddleware(slow_answer(traveller, 200, MINUTE - dt.timedelta(seconds=20)))
        assert get_max_age(middleware(request)) == 20  # from when it finished, up to the minute


@pytest.mark.parametrize("source", ["", MEMO], ids=["database", "memo"])
def test_through_the_page_cache_the_bulletin_is_404_until_the_minute_and_200_a_second_after(
    client, settings, released_at_minute, source
):
    settings.PAGE_CACHE_ENABLED = True
    settings.RELEASE_MINUTE_SOURCE = source
    url = released_at_minute.url
    with time_machine.travel(MINUTE - dt.timedelta(seconds=30), tick=False):
        first = client.get(url)
        again = client.get(url)
        assert (first.status_code, again.status_code) == (404, 404)
        assert again.headers["X-Page-Cache"] == "hit"
        assert get_max_age(first) <= 30 and get_max_age(again) <= 30
        assert SECRET not in client.get("/fa/publications/").content.decode()
    with time_machine.travel(MINUTE - dt.timedelta(seconds=NO_STORE_WITHIN), tick=False):
        assert "no-store" in client.get(url).headers["Cache-Control"]
    with time_machine.travel(MINUTE + dt.timedelta(seconds=1), tick=False):
        released = client.get(url)
        assert released.status_code == 200
        assert SECRET in released.content.decode()
        assert SECRET in client.get("/fa/publications/").content.decode()


def test_a_schedule_changed_in_another_process_reaches_this_memo(
    settings, home_pages, django_capture_on_commit_callbacks
):
    """The memo of "nothing scheduled" held by one process does not outlive an entry
    confirmed by another: the content version (a file here, Redis in the stack) changes."""
    settings.RELEASE_MINUTE_SOURCE = MEMO
    home_fa, _en = home_pages
    request = RequestFactory().get("/fa/")
    request.user = AnonymousUser()
    answer = ReleaseEmbargoMiddleware(lambda r: HttpResponse("ok"))
    with time_machine.travel(MINUTE - dt.timedelta(seconds=100), tick=False):
        assert get_max_age(answer(request)) == PUBLIC_MAX_AGE  # memoised: nothing scheduled
        held_by_this_process = pagecache._epoch
        with django_capture_on_commit_callbacks(execute=True):
            release_entry(home_fa, at=MINUTE)  # "another process": its bump reaches the shared version
        pagecache._epoch = held_by_this_process  # ... but not this process's memory
        assert get_max_age(answer(request)) == 100

"""The embargo middleware reads the next release minute from the page cache's
per-process memo (RELEASE_MINUTE_SOURCE): an answer costs no query for it, and
its max-age still never reaches past the next release minute."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django.utils.cache import get_max_age

from home import pagecache
from releases.middleware import PUBLIC_MAX_AGE, ReleaseEmbargoMiddleware
from tests.builders.releases import make_calendar, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_memo(settings, tmp_path):
    settings.RELEASE_MINUTE_SOURCE = "home.pagecache.next_release_minute_now"
    settings.PAGE_CACHE_STAMP = tmp_path / "pagecache.stamp"
    pagecache._epoch = None
    yield
    pagecache._epoch = None


def answer():
    request = RequestFactory().get("/fa/")
    request.user = AnonymousUser()
    return ReleaseEmbargoMiddleware(lambda r: HttpResponse("ok"))(request)


def test_an_answer_costs_no_query_for_the_next_release_minute(home_pages, django_assert_num_queries):
    answer()  # the first answer in the process reads the schedule
    with django_assert_num_queries(0):
        response = answer()
    assert get_max_age(response) == PUBLIC_MAX_AGE


def test_a_release_scheduled_after_the_memo_still_bounds_max_age(home_pages):
    assert get_max_age(answer()) == PUBLIC_MAX_AGE  # nothing scheduled yet: memoised as None
    minute = (timezone.now() + dt.timedelta(seconds=120)).replace(microsecond=0)
    make_entry(make_calendar(home_pages[0], translate_en=False), release_at=minute)
    assert get_max_age(answer()) <= 120


def test_without_a_source_the_middleware_reads_the_database(settings, home_pages, django_assert_num_queries):
    settings.RELEASE_MINUTE_SOURCE = ""
    with django_assert_num_queries(3):
        assert get_max_age(answer()) == PUBLIC_MAX_AGE

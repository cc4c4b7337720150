"""The calendar's filters fold into a <details> (open by default and on wide
screens; site.js folds it on phones unless a filter is in use)."""

import datetime as dt

import pytest
import time_machine

from tests.builders.releases import make_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(home_pages):
    with time_machine.travel(dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC), tick=False):
        yield make_calendar(home_pages[0])


def test_filters_are_in_a_details_open_without_javascript(calendar, client):
    html = client.get(calendar.url).content.decode()
    assert '<details class="filter-details" open data-open-wide>' in html
    assert '<summary class="filter-summary">پالایه‌ها' in html


def test_filters_in_use_stay_open_and_are_counted_in_persian_digits(calendar, client):
    html = client.get(calendar.url + "?kind=yearbook").content.decode()
    assert "data-keep-open" in html
    assert "۱ مورد فعال" in html

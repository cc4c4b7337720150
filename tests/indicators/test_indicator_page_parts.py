"""The indicator page outside its observations (issue 13): the «Next update»
series is read in one query whichever way it is found, and the breadcrumbs read
the index page's ancestors in one query (plain pages: titles and URLs only)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.next_update import _series_named_in, indicator_series
from indicators.models import Observation
from releases.models import ReleaseSeries
from tests.builders.indicators import add_observation, make_indicator
from tests.builders.releases import make_entry
from tests.builders.search import search_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cold(settings):
    settings.PAGE_CACHE_ENABLED = False
    cache.clear()


@pytest.fixture
def world(home_pages):
    return search_world(home_pages)


def old_indicator_series(indicator):
    """The two-step read this replaces (the reference)."""
    series_id = (
        Observation.objects.filter(indicator=indicator, release__series__isnull=False)
        .order_by("-release__release_at")
        .values_list("release__series_id", flat=True)
        .first()
    )
    if series_id:
        return ReleaseSeries.objects.filter(pk=series_id).first()
    if indicator.release_series:
        return _series_named_in(indicator.release_series, indicator.name_fa, indicator.name_en)
    return None


def test_a_series_named_in_the_indicator_is_read_in_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = indicator_series(world.indicator)
    assert found == world.series == old_indicator_series(world.indicator)


def test_the_series_of_the_entry_that_carried_the_figures_wins_in_one_query(world, django_assert_num_queries):
    other = ReleaseSeries.objects.create(
        title="گزارش دیگر", title_en="Another report", kind="yearbook", frequency="monthly", day=1, active=False
    )
    older = make_entry(world.calendar, title="قدیمی", release_at=world.past.release_at.replace(year=2020),
                       series=world.series, slug="older", status="published")  # fmt: skip
    add_observation(world.indicator, "1404-01", value=1, release=older)
    latest = make_entry(world.calendar, title="تازه", release_at=world.past.release_at, series=other,
                        slug="latest", status="published")  # fmt: skip
    add_observation(world.indicator, "1404-02", value=2, release=latest)
    with django_assert_num_queries(1):
        found = indicator_series(world.indicator)
    assert found == other == old_indicator_series(world.indicator)  # inactive, another kind: still its own


def test_no_series_no_match(world, django_assert_num_queries):
    plain = make_indicator("plain", name_fa="هیچ", name_en="Nothing")
    named = make_indicator("named", name_fa="هیچ", name_en="Nothing", release_series="indicator_update")
    for indicator in (plain, named):
        with django_assert_num_queries(1):
            assert indicator_series(indicator) is None
        assert old_indicator_series(indicator) is None


def test_the_breadcrumbs_read_the_ancestors_once(client, world):
    path = "/fa/indicators/unemployment-insurance/"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(path).content.decode()
    # The ancestors by path (not the chrome's read, by translation key), and any page read by id.
    ancestors = [
        sql
        for sql in (q["sql"] for q in queries.captured_queries)
        if ('"wagtailcore_page"."path" IN' in sql and '"translation_key" =' not in sql)
        or '"wagtailcore_page"."id" IN (' in sql
    ]
    assert len(ancestors) == 1  # was three: the ancestors, then each one's specific row
    nav = body[body.index('<nav class="breadcrumbs') : body.index("</nav>", body.index('<nav class="breadcrumbs'))]
    home = world.home_fa
    assert f'<li><a href="{home.url}">{home.title}</a></li>' in nav
    assert '<li><a href="/fa/indicators/">نماگرها</a></li>' in nav
    assert '<li aria-current="page">مقرری‌بگیران بیمهٔ بیکاری</li>' in nav

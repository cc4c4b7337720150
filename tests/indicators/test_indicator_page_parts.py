"""The indicator page outside its observations (issue 13): the «Next update»
series is read in one query whichever way it is found, the breadcrumbs come from
the route (the index page's parent, as Wagtail's router leaves it) without a
query, and the related releases are one compiled statement."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from alerts.next_update import _series_named_in, indicator_series, next_entry_of
from indicators.models import IndicatorIndexPage, Observation
from indicators.views import _crumbs, related_releases
from releases.models import ReleasePage, ReleaseSeries
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


def test_the_breadcrumbs_come_from_the_route_without_a_query(client, world):
    path = "/fa/indicators/unemployment-insurance/"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(path).content.decode()
    # No read of the ancestors by path (the chrome's read is by translation key), nor by id.
    ancestors = [
        sql
        for sql in (q["sql"] for q in queries.captured_queries)
        if ('"wagtailcore_page"."path" IN' in sql and '"translation_key" =' not in sql)
        or '"wagtailcore_page"."id" IN (' in sql
    ]
    assert ancestors == []  # was one (and three before that)
    nav = body[body.index('<nav class="breadcrumbs') : body.index("</nav>", body.index('<nav class="breadcrumbs'))]
    home = world.home_fa
    assert f'<li><a href="{home.url}">{home.title}</a></li>' in nav
    assert '<li><a href="/fa/indicators/">نماگرها</a></li>' in nav
    assert '<li aria-current="page">مقرری‌بگیران بیمهٔ بیکاری</li>' in nav


def test_the_breadcrumbs_of_a_page_reached_otherwise_are_read_in_one_query(world, django_assert_num_queries):
    index = IndicatorIndexPage.objects.get(locale__language_code="fa")  # no parent known
    with django_assert_num_queries(1):
        crumbs = _crumbs(index)
    assert [page.pk for page in crumbs] == [world.home_fa.pk]
    index._cached_parent_obj = world.home_fa  # as the router leaves it
    with django_assert_num_queries(0):
        assert _crumbs(index) == [world.home_fa]


def old_related_releases(indicator, lang, limit=5):
    """The queryset this compiles (the reference)."""
    qs = ReleasePage.objects.live().filter(kind=indicator.release_series, locale__language_code=lang)
    now = dt.datetime.now(dt.UTC)
    upcoming = qs.filter(release_at__gte=now).exclude(status="cancelled").order_by("release_at")[:2]
    recent = qs.filter(release_at__lt=now).order_by("-release_at")[:limit]
    found = list(qs.filter(Q(pk__in=upcoming.values("pk")) | Q(pk__in=recent.values("pk"))))
    soon = sorted((r for r in found if r.release_at >= now), key=lambda r: r.release_at)
    past = sorted((r for r in found if r.release_at < now), key=lambda r: r.release_at, reverse=True)
    return soon + past[: max(0, limit - len(soon))]


def row(entry):
    return entry.pk, entry.title, entry.url, entry.release_at, entry.get_status_display()


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_related_releases_are_the_same_entries_in_one_query(world, lang, django_assert_num_queries):
    soon = world.next.release_at
    make_entry(world.calendar, title="لغوشده", release_at=soon - dt.timedelta(days=1), kind="indicator_update",
               english="Cancelled", slug="ui-cancelled", status="cancelled")  # fmt: skip
    for month in range(1, 7):
        at = world.past.release_at.replace(year=2020, month=month)
        make_entry(world.calendar, title=f"گذشته {month}", release_at=at, kind="indicator_update",
                   english=f"Past {month}", slug=f"ui-old-{month}", status="published")  # fmt: skip
    with translation.override(lang):
        expected = old_related_releases(world.indicator, lang)
        for limit in (5, 3):
            wanted = [row(r) for r in old_related_releases(world.indicator, lang, limit)]
            with django_assert_num_queries(1):
                found = related_releases(world.indicator, limit=limit)
            with django_assert_num_queries(0):  # what the page shows of them is all read
                assert [row(r) for r in found] == wanted
    assert len(expected) == 5 and "cancelled" not in {r.status for r in expected[:2]}


def old_next_entry_of(series, lang, start):
    """The queryset next_entry_of compiles (the reference)."""
    return (
        ReleasePage.objects.live()
        .filter(series=series, locale__language_code=lang, release_at__gt=start)
        .exclude(status="cancelled")
        .order_by("release_at")
        .first()
    )


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_next_entry_is_the_same_in_one_query(world, lang, django_assert_num_queries):
    world.next.status = "cancelled"  # skipped: the one after it is the next
    world.next.save(update_fields=["status"])
    now = dt.datetime.now(dt.UTC)
    cases = [(now, None), (now, world.later.release_at - dt.timedelta(minutes=1)), (now, world.later.release_at)]
    for at, after in cases:
        start = max(at, after) if after else at
        expected = old_next_entry_of(world.series, lang, start)
        with django_assert_num_queries(1):
            found = next_entry_of(world.series, lang=lang, now=at, after=after)
        assert found == expected
        assert found is None or found.locale.language_code == lang
    assert next_entry_of(world.series, lang=lang, now=now).pk == old_next_entry_of(world.series, lang, now).pk
    assert old_next_entry_of(world.series, lang, now).title.startswith("مقرری" if lang == "fa" else "Unemployment")


def test_the_indicator_and_its_dimensions_are_one_compiled_read(db, django_assert_num_queries):
    from django.http import Http404

    from indicators.views import _indicator
    from tests.builders.indicators import make_code_list

    sex = make_code_list("sex", {"1": "مرد", "2": "زن"})
    province = make_code_list("province", {"23": "تهران"}, total_code="00")
    indicator = make_indicator("two-dims", dimensions=[province, sex])
    make_indicator("one-dim", dimensions=[sex])
    for _ in range(2):  # compiled once, run again with the code of the moment
        with django_assert_num_queries(1):
            found = _indicator("two-dims")
            assert found.producer is None or found.producer.pk  # read with it
        assert found == indicator and [cl.code for cl in found.dimension_lists] == ["province", "sex"]
        assert found.dimension_lists[0].total_code == "00"
        assert [cl.code for cl in _indicator("one-dim").dimension_lists] == ["sex"]
    make_indicator("no-dims")
    assert _indicator("no-dims").dimension_lists == []  # none through the dimensions: the indicator itself
    with pytest.raises(Http404):
        _indicator("missing")

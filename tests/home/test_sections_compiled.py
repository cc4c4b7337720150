"""The home sections' statements are compiled once a process (home.sections,
core.compiled): a second home page compiles no SQL, and what the compiled
statements read is what the querysets they stand for read, at the request's
instant (the embargo's minute) and with the view restrictions."""

import datetime as dt

import pytest
import time_machine
from django.db.models.sql.compiler import SQLCompiler
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home import sections as home_sections
from publications.models import latest_publications as orm_latest_publications
from releases.models import ReleasePage
from tests.home.test_sections_queries import full_home, minute  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def test_a_second_home_page_compiles_no_sql(full_home, monkeypatch):  # noqa: F811
    request = RequestFactory().get("/fa/")
    home_sections.sections(full_home, request)
    compiled = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    found = home_sections.sections(full_home, request)
    assert len(found["upcoming"]["entries"]) == 5 and len(found["publications"]["items"]) == 4
    assert compiled == []  # was one compile a section


def orm_upcoming(calendar, now):
    return list(
        ReleasePage.objects.child_of(calendar)
        .live()
        .filter(status__in=["provisional", "confirmed"], release_at__gt=now)
        .order_by("release_at")[: home_sections.UPCOMING_RELEASES]
    )


def test_the_compiled_reads_are_the_querysets_at_every_instant(full_home):  # noqa: F811
    from releases.models import ReleaseCalendarPage

    locale = full_home.locale_id
    calendar = ReleaseCalendarPage.objects.get(locale_id=locale)
    first_entry = orm_upcoming(calendar, timezone.now())[0]
    restricted = orm_latest_publications(locale, 4)[1]
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    for when in (
        timezone.now(),
        minute(days=-1) - dt.timedelta(seconds=1),  # the latest publication's minute is still to come
        minute(days=-1),
        first_entry.release_at - dt.timedelta(seconds=1),
        first_entry.release_at,  # its minute: no longer upcoming
        minute(days=3) + dt.timedelta(seconds=30),
    ):
        with time_machine.travel(when, tick=False):
            now = timezone.now()
            pubs = home_sections.latest_publications(locale, now)
            assert [p.pk for p in pubs] == [p.pk for p in orm_latest_publications(locale, 4)]
            assert restricted.pk not in [p.pk for p in pubs]
            assert [p.release.release_at for p in pubs] == [
                p.release.release_at for p in orm_latest_publications(locale, 4)
            ]
            entries = home_sections._UPCOMING(now=now, path=calendar.path, depth=calendar.depth + 1)
            expected = orm_upcoming(calendar, now)
            assert [e["url_path"] for e in entries] == [e.url_path for e in expected]
            assert [e["release_at"] for e in entries] == [e.release_at for e in expected]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_upcoming_rows_read_as_values_are_the_entries_rows(full_home, lang):  # noqa: F811
    """The upcoming entries are read as the row's values, not as pages: each row,
    its URL and its HTML are what `entry_rows` makes of the pages themselves."""
    from django.utils import translation

    from releases.models import ReleaseCalendarPage
    from releases.rows import entry_rows

    calendar = ReleaseCalendarPage.objects.get(locale_id=full_home.locale_id)
    request = RequestFactory().get(f"/{lang}/")
    now = timezone.now()
    with translation.override(lang):
        rows = home_sections.upcoming_releases(calendar, now, request)["entries"]
        expected = entry_rows(orm_upcoming(calendar, now), request, lang, now)
    assert len(rows) == 5 and rows == expected
    assert [row.html for row in rows] == [row.html for row in expected]

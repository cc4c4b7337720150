"""A calendar row's HTML is written out in Python (releases/rows.py), once a row,
instead of including releases/includes/entry_row.html: it must be what that
template renders, byte for byte, for every kind of row, in both languages. And the
calendar reads its rows as plain values: the same rows, the same URLs, as the
entries' own pages give (issue 13, cold pages)."""

import dataclasses

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from releases.enums import ReleaseStatus
from releases.rows import ROW_FIELDS, calendar_rows, child_url, entry_rows
from tests.builders.releases import make_entry
from tests.releases.helpers import NOW, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_kind_of_row(calendar):
    make_entry(calendar, title="تأییدشده <b>&</b>", release_at=at(3), reference_period="1405-08")
    make_entry(calendar, title="موقت", release_at=at(40), status=ReleaseStatus.PROVISIONAL)
    make_entry(calendar, title="منتشرشده", release_at=at(-20), status=ReleaseStatus.PUBLISHED, province="تهران")
    make_entry(calendar, title="لغوشده", release_at=at(-2), status=ReleaseStatus.CANCELLED, reference_period="1404")
    make_entry(calendar, title="دقیقه‌اش گذشته", release_at=at(-1), status=ReleaseStatus.CONFIRMED)
    return calendar


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_rows_html_is_what_entry_row_html_renders(every_kind_of_row, lang):
    request = RequestFactory().get(f"/{lang}/releases/")
    with translation.override(lang):
        rows = entry_rows(every_kind_of_row.entries().order_by("release_at"), request, lang, NOW)
        assert len(rows) == 5
        for row in rows:
            assert row.html == render_to_string("releases/includes/entry_row.html", {"entry": row})


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_calendars_rows_from_values_are_the_rows_of_its_pages(every_kind_of_row, lang):
    calendar = every_kind_of_row
    request = RequestFactory().get(f"/{lang}/releases/")
    with translation.override(lang):
        pages = calendar.entries().order_by("release_at")
        expected = entry_rows(pages, request, lang, NOW)
        rows = calendar_rows(pages.values(*ROW_FIELDS), calendar.get_url(request), calendar.url_path, lang, NOW)
    assert [dataclasses.astuple(r) for r in rows] == [dataclasses.astuple(r) for r in expected]
    assert [r.url for r in rows] == [page.get_url(request) for page in pages]


def test_a_childs_url_without_the_trailing_slash():
    assert child_url("/fa/releases/", "/home/releases/", "/home/releases/a-b/") == "/fa/releases/a-b/"
    assert child_url("/fa/releases", "/home/releases/", "/home/releases/a-b/") == "/fa/releases/a-b"

"""The release calendar's public listing: filters, order and what each visitor sees."""

import pytest

from core.taxonomy import ReleaseKind
from releases.models import ReleasePage
from tests.builders.releases import make_entry
from tests.releases.helpers import at, titles

pytestmark = pytest.mark.django_db


def test_upcoming_by_default_soonest_first(client, entries):
    response = client.get("/fa/releases/")
    assert titles(response) == ["ماهنامهٔ کار آذر", "سالنامهٔ آماری", "گزارش فقر"]
    body = response.content.decode()
    # The provisional one (10 Bahman 1405) shows only its month; the confirmed ones their day and minute.
    assert ">بهمن ۱۴۰۵<" in body and "۱۰ بهمن" not in body
    assert "۳ آذر ۱۴۰۵، ساعت ۱۰:۰۰" in body and "۱۰ دی ۱۴۰۵، ساعت ۱۰:۰۰" in body
    assert "Cache-Control" in response.headers


def test_published_newest_first_and_cancelled(client, entries):
    assert titles(client.get("/fa/releases/", {"tab": "published"})) == ["ماهنامهٔ کار آبان"]
    assert titles(client.get("/fa/releases/", {"tab": "cancelled"})) == ["اینفوگرافیک لغوشده"]


def test_filters_live_in_the_url(client, entries):
    assert titles(client.get("/fa/releases/", {"kind": "yearbook"})) == ["سالنامهٔ آماری"]
    assert titles(client.get("/fa/releases/", {"topic": "welfare"})) == ["سالنامهٔ آماری"]
    assert titles(client.get("/fa/releases/", {"organisation": "sso"})) == []
    # Jalali date range, Persian digits welcome: 1 Azar – 30 Azar 1405.
    azar = client.get("/fa/releases/", {"start": "۱۴۰۵-۰۹-۰۱", "end": "1405-09-30"})
    assert titles(azar) == ["ماهنامهٔ کار آذر"]
    # Keyword with the Arabic forms of ی and ک finds the Persian title.
    assert titles(client.get("/fa/releases/", {"q": "ماهنامة كار"})) == ["ماهنامهٔ کار آذر"]
    assert titles(client.get("/fa/releases/", {"q": "كار"})) == ["ماهنامهٔ کار آذر"]
    english = client.get("/en/releases/", {"kind": "yearbook"})
    assert titles(english) == ["Yearbook"]


@pytest.mark.parametrize(
    "params,fa_words,en_words",
    [
        ({"start": "1403-13-40"}, "1403-13-40", "not a date in the Jalali calendar"),
        ({"kind": "horoscope"}, "horoscope", "horoscope"),
        ({"topic": "<script>"}, "&lt;script&gt;", "&lt;script&gt;"),
        ({"month": "1405-14", "view": "month"}, "1405-14", "not a month"),
        ({"start": "1405-10-01", "end": "1405-09-01"}, "", "comes before its start"),
    ],
)
def test_bad_filters_get_a_clear_message_never_a_500(client, entries, params, fa_words, en_words):
    fa = client.get("/fa/releases/", params)
    assert fa.status_code == 400
    assert fa_words in fa.content.decode()
    assert 'role="alert"' in fa.content.decode()
    en = client.get("/en/releases/", params)
    assert en.status_code == 400 and en_words in en.content.decode()
    assert client.get("/fa/releases/calendar.ics", params).status_code == 400


def test_pagination_keeps_the_filters(client, calendar):
    for day in range(25):
        make_entry(calendar, title=f"نماگر {day}", release_at=at(day + 1), kind=ReleaseKind.INDICATOR_UPDATE)
    first = client.get("/fa/releases/", {"kind": "indicator_update"})
    assert len(titles(first)) == 20
    assert "kind=indicator_update&amp;page=2" in first.content.decode()
    second = client.get("/fa/releases/", {"kind": "indicator_update", "page": "2"})
    assert len(titles(second)) == 5
    assert client.get("/fa/releases/", {"page": "abc"}).status_code == 200


def test_month_view(client, entries):
    response = client.get("/fa/releases/", {"view": "month", "month": "1405-09"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "ماهنامهٔ کار آذر" in body and "آذر" in body
    assert "۱۰:۰۰" in body and "۰۶:۳۰" not in body  # Tehran time (10:00), not UTC (06:30)
    assert "month=1405-10" in body and "month=1405-08" in body


def test_entry_page_one_template_per_status(client, entries):
    for key in ("soon", "provisional", "published", "cancelled"):
        response = client.get(entries[key].url)
        assert response.status_code == 200
        assert f"releases/release_page--{entries[key].public_state()}.html" in [t.name for t in response.templates]


def test_english_entry_shows_both_calendars(client, entries):
    english = ReleasePage.objects.get(translation_key=entries["soon"].translation_key, locale__language_code="en")
    body = client.get(english.url).content.decode()
    assert "3 Azar 1405 (24 Nov 2026), 10:00 Tehran time" in body
    assert 'datetime="2026-11-24T06:30:00+00:00"' in body
    assert "Tehran time" in body


def test_home_page_lists_upcoming_releases(client, entries):
    body = client.get("/fa/").content.decode()
    assert "ماهنامهٔ کار آذر" in body and "/fa/releases/" in body
    assert "اینفوگرافیک لغوشده" not in body

"""The editors' side of #15: the release status panel with its buttons on the
entry's edit page, slugs made from the series and the period, and the English
version of a new entry made automatically and released at the same minute."""

import datetime as dt

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core.taxonomy import Organisation, Periodicity, ReleaseKind
from releases import services
from releases.enums import ReleaseStatus
from releases.models import ReleasePage, ReleaseSeries
from releases.series import generate
from releases.slugs import entry_slug, is_title_slug
from tests.builders.releases import make_entry
from tests.releases.helpers import NOW  # the calendar's clock (conftest: clock, calendar)

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(db):
    return ReleaseSeries.objects.create(
        title="ماهنامهٔ آماری بازار کار",
        title_en="Monthly bulletin",
        summary="خلاصه",
        summary_en="Summary",
        kind=ReleaseKind.MONTHLY_BULLETIN,
        frequency=Periodicity.MONTHLY,
        day=20,
        horizon_months=2,
    )


# --- the status panel ----------------------------------------------------------------------------
def test_the_edit_page_shows_the_status_panel_with_its_buttons(calendar, admin_client):
    entry = make_entry(calendar, status=ReleaseStatus.PROVISIONAL, release_at=NOW + dt.timedelta(days=10))
    html = admin_client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    assert 'data-release-status="provisional"' in html
    for url in (f"/admin/releases/{entry.pk}/confirm/", f"/admin/releases/{entry.pk}/move/"):
        assert f'href="{url}"' in html
    assert f'href="/admin/releases/{entry.pk}/cancel/"' in html
    assert "۱۰ آذر ۱۴۰۵" in html  # the announced day in Jalali …
    assert "2026-12-01 11:30 (Tehran)" in html  # … and in Gregorian


def test_the_panel_lists_date_changes_and_drops_confirm_once_confirmed(calendar, admin_client):
    entry = make_entry(calendar, status=ReleaseStatus.CONFIRMED, release_at=NOW + dt.timedelta(days=10))
    services.move(entry, NOW + dt.timedelta(days=12), "داده‌ها دیر رسید")
    html = admin_client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    assert 'data-release-status="confirmed"' in html
    assert f"/admin/releases/{entry.pk}/confirm/" not in html
    assert f'href="/admin/releases/{entry.pk}/move/"' in html
    assert "داده‌ها دیر رسید" in html


def test_an_editor_without_the_schedule_permission_sees_no_buttons(calendar, client, django_user_model):
    from django.contrib.auth.models import Group

    entry = make_entry(calendar, status=ReleaseStatus.PROVISIONAL)
    user = django_user_model.objects.create_user("ed", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    html = client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    assert 'data-release-status="provisional"' in html
    assert f"/admin/releases/{entry.pk}/move/" not in html


# --- slugs -------------------------------------------------------------------------------------------
def test_slug_is_made_from_the_series_and_the_period(calendar, series):
    assert entry_slug(series, "1405-09") == "monthly-bulletin-1405-09"
    assert entry_slug(series, "۱۴۰۵-Q1") == "monthly-bulletin-1405-q1"
    make_entry(calendar, slug="monthly-bulletin-1405-09")
    assert entry_slug(series, "1405-09", parent=calendar) == "monthly-bulletin-1405-09-2"


def test_only_a_title_slug_is_replaced():
    assert is_title_slug("ماهنامه-آماری", "ماهنامه آماری")
    assert is_title_slug("", "x")
    assert not is_title_slug("my-own-slug", "ماهنامه آماری")


def test_generated_entries_get_latin_slugs(calendar, series):
    created = generate(series, calendar, today=NOW.date(), months=2)
    assert created
    for entry in created:
        assert entry.slug == f"monthly-bulletin-{entry.reference_period.lower()}"
        assert entry.slug.isascii()


def _add_form(series=None, title="ماهنامهٔ آماری آذر", slug="ماهنامه-آماری-آذر", period="1405-09"):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "",
            "kind": ReleaseKind.MONTHLY_BULLETIN,
            "series": series.pk if series else "",
            "release_at": "1405-09-20 10:00",
            "reference_period": period,
            "organisation": Organisation.MCLS,
            "related_links": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def test_a_new_entry_of_a_series_made_in_the_admin_gets_the_series_slug(calendar, series, admin_client):
    response = admin_client.post(f"/admin/pages/add/releases/releasepage/{calendar.pk}/", _add_form(series))
    assert response.status_code == 302, response.context["form"].errors.as_json()
    entry = ReleasePage.objects.get(locale=calendar.locale, reference_period="1405-09")
    assert entry.slug == "monthly-bulletin-1405-09"
    # The Jalali date-time typed in the form, in Tehran time.
    assert entry.release_at == dt.datetime(2026, 12, 11, 6, 30, tzinfo=dt.UTC)


def test_existing_slugs_are_not_rewritten(calendar, series, admin_client):
    entry = make_entry(calendar, slug="old-address", series=series, reference_period="1405-09")
    entry.title = "عنوان تازه"
    entry.save_revision().publish()
    entry.refresh_from_db()
    assert entry.slug == "old-address"


# --- the English version, at the same minute -----------------------------------------------------------
def english_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def test_a_new_entry_made_in_the_admin_gets_its_english_version(calendar, series, admin_client):
    from wagtail_localize.models import Translation

    admin_client.post(f"/admin/pages/add/releases/releasepage/{calendar.pk}/", _add_form(series))
    entry = ReleasePage.objects.get(locale=calendar.locale, reference_period="1405-09")
    english = entry.get_translation_or_none(english_locale())
    assert english is not None and english.live
    english = english.specific
    assert english.release_at == entry.release_at and english.status == entry.status
    assert Translation.objects.filter(source__object_id=entry.translation_key, enabled=True).exists()


def test_generated_entries_get_their_english_version(calendar, series):
    entry = generate(series, calendar, today=NOW.date(), months=2)[0]
    english = entry.get_translation(english_locale()).specific
    assert english.live
    assert english.title.startswith("Monthly bulletin — ")
    assert english.slug == entry.slug
    assert english.release_at == entry.release_at


def test_the_english_version_of_released_content_goes_out_at_the_same_minute(calendar, client, clock):
    from publications.generation import generate_organisation_yearbook
    from releases.translations import ensure_english_subtree
    from tests.builders.publications import publications_index, yearbook
    from tests.builders.releases import translate_quickly

    minute = NOW + dt.timedelta(hours=1)
    entry = make_entry(calendar, status=ReleaseStatus.CONFIRMED, release_at=minute, kind=ReleaseKind.YEARBOOK)
    index = publications_index(calendar.get_parent().specific)
    translate_quickly(index, "Publications")
    book = yearbook(index, release=entry, chapters=[("فصل یک", [])])
    english = ensure_english_subtree(book)
    assert english.live and english.release.translation_key == entry.translation_key
    english.refresh_from_db()
    assert english.get_children().count() == 1  # its chapter too
    url = english.url
    assert url.startswith("/en/")
    assert client.get(url).status_code == 404
    clock.move_to(minute - dt.timedelta(seconds=1))
    assert client.get(url).status_code == 404
    clock.move_to(minute)
    assert client.get(url).status_code == 200
    assert client.get(english.get_children().first().url).status_code == 200

    # A generated (organisation) yearbook gets its English version too, as a draft like itself.
    generated, created = generate_organisation_yearbook(book, "SSO")
    assert created
    generated_en = generated.get_translation_or_none(english_locale())
    assert generated_en is not None and not generated_en.live

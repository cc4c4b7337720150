"""The release calendar: the state machine, date changes, series, the listing
and its filters, feeds, punctuality, the admin side and the demo."""

import datetime as dt

import feedparser
import icalendar
import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation

from core.taxonomy import Periodicity, ReleaseKind
from iran.dates import TEHRAN, tehran_datetime
from releases import services
from releases.enums import HolidayShift, ReleaseStatus
from releases.models import Holiday, ReleaseDateChange, ReleasePage, ReleaseSeries
from releases.punctuality import punctuality
from releases.scheduling import publish_due_releases
from releases.series import generate, planned_dates
from tests.builders.releases import make_calendar, make_entry

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)  # 30 Aban 1405, 11:30 Tehran


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def calendar(home_pages, clock):
    return make_calendar(home_pages[0])


def at(days, hour=10, minute=0):
    local = (NOW + dt.timedelta(days=days)).astimezone(TEHRAN)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


# --- the state machine -------------------------------------------------------------------
def test_confirm_a_provisional_entry(calendar):
    entry = make_entry(calendar, status=ReleaseStatus.PROVISIONAL, release_at=at(10), english="Bulletin")
    services.confirm(entry)
    english = entry.get_translation(
        entry.__class__.objects.get(pk=entry.pk).locale.__class__.objects.get(language_code="en")
    )
    assert ReleasePage.objects.get(pk=entry.pk).status == ReleaseStatus.CONFIRMED
    assert ReleasePage.objects.get(pk=english.pk).status == ReleaseStatus.CONFIRMED


def test_confirming_with_a_date_in_the_past_is_refused(calendar):
    entry = make_entry(calendar, status=ReleaseStatus.PROVISIONAL, release_at=at(-2))
    with pytest.raises(ValidationError, match="future"), translation.override("en"):
        services.confirm(entry)
    with pytest.raises(ValidationError, match="آینده"), translation.override("fa"):
        services.confirm(entry, release_at=at(-1))
    assert ReleasePage.objects.get(pk=entry.pk).status == ReleaseStatus.PROVISIONAL


def test_moving_a_confirmed_date_needs_a_reason_and_is_logged(calendar, admin_user):
    entry = make_entry(calendar, release_at=at(10), english="Bulletin")
    with pytest.raises(ValidationError, match="reason"), translation.override("en"):
        services.move(entry, at(12), "  ", admin_user)
    assert not ReleaseDateChange.objects.exists()
    services.move(entry, at(12), "داده‌ها دیر رسید", admin_user, reason_en="The data came late")
    entry.refresh_from_db()
    assert entry.release_at == at(12)
    change = entry.date_changes().get()
    assert (change.previous_release_at, change.new_release_at) == (at(10), at(12))
    assert change.changed_by == admin_user and change.changed_at == NOW
    # Every language version shows the same log.
    english = ReleasePage.objects.get(translation_key=entry.translation_key, locale__language_code="en")
    assert english.release_at == at(12)
    assert list(english.date_changes()) == [change]


def test_a_provisional_date_edited_in_persian_follows_in_english(calendar):
    entry = make_entry(calendar, status=ReleaseStatus.PROVISIONAL, release_at=at(30), english="Poverty")
    draft = entry.get_latest_revision_as_object()
    draft.release_at = at(45)
    draft.save_revision().publish()
    english = ReleasePage.objects.get(translation_key=entry.translation_key, locale__language_code="en")
    assert english.release_at == at(45)


def test_the_date_change_log_is_append_only(calendar):
    entry = make_entry(calendar, release_at=at(10))
    services.move(entry, at(11), "reason")
    change = ReleaseDateChange.objects.get()
    change.reason = "rewritten"
    with pytest.raises(PermissionDenied):
        change.save()
    with pytest.raises(PermissionDenied):
        change.delete()
    assert ReleaseDateChange.objects.get().reason == "reason"


def test_a_provisional_date_moves_freely_but_not_into_the_past(calendar):
    entry = make_entry(calendar, status=ReleaseStatus.PROVISIONAL, release_at=at(30))
    services.move(entry, at(40), "")
    assert not ReleaseDateChange.objects.exists()
    with pytest.raises(ValidationError):
        services.move(entry, at(-1), "")


def test_cancel_needs_a_public_notice(calendar, client):
    entry = make_entry(calendar, release_at=at(10), english="Bulletin")
    with pytest.raises(ValidationError, match="notice"), translation.override("en"):
        services.cancel(entry, "")
    services.cancel(entry, "ارقام در ماهنامهٔ بعدی می‌آید.", notice_en="The figures will appear next month.")
    entry.refresh_from_db()
    assert entry.status == ReleaseStatus.CANCELLED
    fa = client.get(entry.url).content.decode()
    assert "ارقام در ماهنامهٔ بعدی می‌آید." in fa
    english = ReleasePage.objects.get(translation_key=entry.translation_key, locale__language_code="en")
    assert "The figures will appear next month." in client.get(english.url).content.decode()


def test_published_and_cancelled_entries_are_final(calendar):
    published = make_entry(calendar, release_at=at(-3), status=ReleaseStatus.PUBLISHED)
    for action in (lambda: services.move(published, at(5), "x"), lambda: services.cancel(published, "x")):
        with pytest.raises(ValidationError):
            action()
    with pytest.raises(ValidationError):
        services.confirm(published)


def test_the_scheduler_publishes_at_the_minute_not_before(calendar):
    entry = make_entry(calendar, release_at=at(1), english="Bulletin")
    with time_machine.travel(at(1) - dt.timedelta(seconds=1), tick=False):
        assert publish_due_releases() == 0
    with time_machine.travel(at(1) + dt.timedelta(seconds=1), tick=False):
        assert publish_due_releases() == 1
        assert publish_due_releases() == 0
    versions = ReleasePage.objects.filter(translation_key=entry.translation_key)
    assert {v.status for v in versions} == {ReleaseStatus.PUBLISHED}
    assert {v.published_at for v in versions} == {at(1) + dt.timedelta(seconds=1)}


def test_an_old_draft_never_brings_back_a_stale_status_or_date(calendar):
    entry = make_entry(calendar, release_at=at(10))
    services.move(entry, at(12), "reason")
    services.cancel(entry, "notice")
    # An editor publishes a draft made before the move and the cancellation.
    old = entry.revisions.order_by("created_at").first()
    old.publish()
    entry.refresh_from_db()
    assert entry.status == ReleaseStatus.CANCELLED
    assert entry.release_at == at(12)
    assert entry.cancellation_notice == "notice"


def test_a_published_entry_cannot_be_deleted_or_unpublished(calendar, admin_client, admin_user):
    entry = make_entry(calendar, release_at=at(-1), status=ReleaseStatus.PUBLISHED)
    tester = entry.permissions_for_user(admin_user)
    assert not tester.can_delete() and not tester.can_unpublish()
    response = admin_client.post(f"/admin/pages/{entry.pk}/delete/")
    assert ReleasePage.objects.filter(pk=entry.pk).exists()
    response = admin_client.post(f"/admin/pages/{entry.pk}/unpublish/")
    assert response.status_code in (302, 403)
    assert ReleasePage.objects.get(pk=entry.pk).live
    # Deleting the calendar above it is refused too.
    admin_client.post(f"/admin/pages/{calendar.pk}/delete/")
    assert ReleasePage.objects.filter(pk=entry.pk).exists()
    with pytest.raises(PermissionDenied), transaction.atomic():
        entry.delete()
    provisional = make_entry(calendar, status=ReleaseStatus.PROVISIONAL, release_at=at(40))
    assert provisional.permissions_for_user(admin_user).can_delete()


def test_the_admin_edit_form_and_schedule_buttons(calendar, admin_client):
    entry = make_entry(calendar, release_at=at(10), topics=("wages", "pensions"))
    edit = admin_client.get(f"/admin/pages/{entry.pk}/edit/")
    body = edit.content.decode()
    assert edit.status_code == 200
    assert f"/admin/releases/{entry.pk}/move/" in body and f"/admin/releases/{entry.pk}/cancel/" in body
    assert '<input type="checkbox" name="topics" value="wages" id="id_topics_2" checked>' in body
    add = admin_client.get(f"/admin/pages/add/releases/releasepage/{calendar.pk}/")
    assert add.status_code == 200
    data = {
        "title": "نماگر جدید",
        "slug": "new-indicator",
        "kind": "indicator_update",
        "release_at": "2026-12-20 10:00",
        "reference_period": "۱۴۰۵-۰۸",
        "topics": ["wages", "skills"],
        "organisation": "MCLS",
        "related_links-count": "0",
        "action-publish": "publish",
    }
    created = admin_client.post(f"/admin/pages/add/releases/releasepage/{calendar.pk}/", data)
    assert created.status_code == 302, created.content.decode()[:3000]
    new = ReleasePage.objects.get(slug="new-indicator", locale=calendar.locale)  # its English version has the slug too
    assert new.status == ReleaseStatus.PROVISIONAL
    assert new.topic_list == ["wages", "skills"] and new.reference_period == "1405-08"
    bad = admin_client.post(
        f"/admin/pages/add/releases/releasepage/{calendar.pk}/", {**data, "slug": "bad", "reference_period": "1405-13"}
    )
    assert bad.status_code == 200 and not ReleasePage.objects.filter(slug="bad").exists()


# --- the publisher group and the admin --------------------------------------------------------
@pytest.fixture
def publisher(db):
    user = User.objects.create_user("publisher", password="x")
    user.groups.add(Group.objects.get(name="Release publishers"))
    return user


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_only_publishers_confirm_move_and_cancel(calendar, client, publisher, editor):
    entry = make_entry(calendar, release_at=at(10))
    client.force_login(editor)
    refused = client.post(f"/admin/releases/{entry.pk}/move/", {"date": "1405-09-25", "time": "10:00", "reason": "x"})
    assert refused.status_code in (302, 403)
    assert ReleasePage.objects.get(pk=entry.pk).release_at == at(10)
    client.force_login(publisher)
    page = client.get(f"/admin/releases/{entry.pk}/move/")
    assert page.status_code == 200 and "1405-09-" in page.content.decode()  # the date in Jalali


def test_bad_input_in_the_publishers_forms_gets_a_clear_message(calendar, admin_client):
    entry = make_entry(calendar, release_at=at(10))
    bad_date = admin_client.post(
        f"/admin/releases/{entry.pk}/move/", {"date": "1405-13-40", "time": "10:00", "reason": "x"}
    )
    assert bad_date.status_code == 200 and "1405-13-40" in bad_date.content.decode()
    no_reason = admin_client.post(f"/admin/releases/{entry.pk}/move/", {"date": "1405-09-25", "time": "10:00"})
    assert no_reason.status_code == 200
    assert ReleasePage.objects.get(pk=entry.pk).release_at == at(10)
    moved = admin_client.post(
        f"/admin/releases/{entry.pk}/move/", {"date": "۱۴۰۵-۰۹-۲۵", "time": "۱۱:۳۰", "reason": "دیر رسید"}
    )
    assert moved.status_code == 302
    assert ReleasePage.objects.get(pk=entry.pk).release_at == tehran_datetime(1405, 9, 25, 11, 30)
    provisional = make_entry(calendar, status=ReleaseStatus.PROVISIONAL, release_at=at(20))
    past = admin_client.post(f"/admin/releases/{provisional.pk}/confirm/", {"date": "1405-08-01", "time": "10:00"})
    assert past.status_code == 200
    assert ReleasePage.objects.get(pk=provisional.pk).status == ReleaseStatus.PROVISIONAL
    cancel = admin_client.post(f"/admin/releases/{provisional.pk}/cancel/", {"notice": ""})
    assert cancel.status_code == 200
    assert ReleasePage.objects.get(pk=provisional.pk).status == ReleaseStatus.PROVISIONAL


def test_admin_overview_shows_this_and_next_month_and_late_releases(calendar, admin_client):
    make_entry(calendar, title="این ماه", release_at=at(0, hour=14))  # 30 Aban
    make_entry(calendar, title="ماه بعد", release_at=at(5))  # 5 Azar
    make_entry(calendar, title="دیرکرده", release_at=at(0, hour=9))  # 09:00 today, still confirmed
    body = admin_client.get("/admin/releases/").content.decode()
    assert "این ماه" in body and "ماه بعد" in body
    assert "دیرکرده" in body and "scheduler" in body.lower()
    dashboard = admin_client.get("/admin/").content.decode()
    assert "این ماه" in dashboard and "دیرکرده" in dashboard


def test_punctuality_per_series(calendar):
    series = ReleaseSeries.objects.create(
        title="ماهنامه", title_en="Monthly", kind=ReleaseKind.MONTHLY_BULLETIN, frequency=Periodicity.MONTHLY
    )
    for days, delay in ((-90, 0), (-60, 30), (-30, 300)):
        entry = make_entry(calendar, release_at=at(days), status=ReleaseStatus.PUBLISHED, series=series)
        ReleasePage.objects.filter(pk=entry.pk).update(published_at=at(days) + dt.timedelta(seconds=delay))
    moved = make_entry(calendar, release_at=at(20), series=series)
    services.move(moved, at(21), "reason")
    (row,) = punctuality()
    assert row.released == 3 and row.on_time == 2 and row.on_time_share == 67
    assert row.average_delay_seconds == 110.0
    assert len(row.changes) == 1


# --- series -------------------------------------------------------------------------------------
def test_monthly_series_on_the_20th_moves_off_fridays_and_holidays(calendar):
    series = ReleaseSeries.objects.create(
        title="ماهنامه",
        title_en="Monthly bulletin",
        kind=ReleaseKind.MONTHLY_BULLETIN,
        frequency=Periodicity.MONTHLY,
        day=20,
        month_offset=1,
        holiday_shift=HolidayShift.LATER,
    )
    Holiday.objects.create(date=tehran_datetime(1405, 10, 20).date(), name="holiday")
    dates = {p.code: d for p, d in planned_dates(series, NOW.date())}
    # 20 Azar 1405 is a Friday: later → Saturday 21 Azar
    assert dates["1405-08"] == tehran_datetime(1405, 9, 21, 10, 0)
    # 20 Dey 1405 is a holiday here: later → 21 Dey
    assert dates["1405-09"] == tehran_datetime(1405, 10, 21, 10, 0)
    assert len(dates) >= 12
    series.holiday_shift = HolidayShift.EARLIER
    dates = {p.code: d for p, d in planned_dates(series, NOW.date())}
    assert dates["1405-08"] == tehran_datetime(1405, 9, 19, 10, 0)


def test_yearbook_by_the_end_of_khordad(calendar):
    series = ReleaseSeries.objects.create(
        title="سالنامه",
        title_en="Yearbook",
        kind=ReleaseKind.YEARBOOK,
        frequency=Periodicity.ANNUAL,
        day=0,
        month_offset=3,
        holiday_shift=HolidayShift.EARLIER,
    )
    dates = {p.code: d for p, d in planned_dates(series, NOW.date(), months=13)}
    # 31 Khordad 1406 is a Friday? Either way it is the last working day of Khordad.
    when = dates["1405"]
    assert when.weekday() != 4 and when <= tehran_datetime(1406, 3, 31, 10, 0)
    assert when >= tehran_datetime(1406, 3, 25, 10, 0)


def test_generating_a_series_is_idempotent_and_makes_a_year_of_entries(calendar):
    series = ReleaseSeries.objects.create(
        title="فصلنامه",
        title_en="Quarterly bulletin",
        kind=ReleaseKind.QUARTERLY_BULLETIN,
        frequency=Periodicity.QUARTERLY,
        day=15,
        month_offset=2,
        topics=",welfare,",
    )
    from core.translation import translate

    created = generate(series, calendar, translate_to=translate)
    assert len(created) >= 4
    assert created[-1].release_at - NOW >= dt.timedelta(days=300)
    assert all(e.status == ReleaseStatus.PROVISIONAL and e.topic_list == ["welfare"] for e in created)
    assert generate(series, calendar) == []
    english = ReleasePage.objects.filter(series=series, locale__language_code="en")
    assert english.count() == len(created)
    assert english.first().title.startswith("Quarterly bulletin — ")


# --- the public listing ---------------------------------------------------------------------------
@pytest.fixture
def entries(calendar):
    return {
        "soon": make_entry(calendar, title="ماهنامهٔ کار آذر", release_at=at(3), english="Labour Azar"),
        "later": make_entry(
            calendar,
            title="سالنامهٔ آماری",
            release_at=at(40),
            kind=ReleaseKind.YEARBOOK,
            topics=("welfare",),
            english="Yearbook",
        ),
        "provisional": make_entry(
            calendar, title="گزارش فقر", release_at=at(70), status=ReleaseStatus.PROVISIONAL, english="Poverty"
        ),
        "published": make_entry(
            calendar,
            title="ماهنامهٔ کار آبان",
            release_at=at(-20),
            status=ReleaseStatus.PUBLISHED,
            english="Labour Aban",
        ),
        "cancelled": make_entry(
            calendar, title="اینفوگرافیک لغوشده", release_at=at(15), status=ReleaseStatus.CANCELLED, english="Cancelled"
        ),
    }


def titles(response):
    return [entry.title for entry in response.context["entries"]]


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


# --- feeds -----------------------------------------------------------------------------------------
def test_ics_validates_with_the_tehran_time_zone(client, entries):
    response = client.get("/fa/releases/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    zones = [tz["TZID"] for tz in cal.walk("VTIMEZONE")]
    assert zones == ["Asia/Tehran"]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    # Confirmed upcoming ones, and the cancelled one so subscribers drop it; never a provisional guess.
    assert set(events) == {"ماهنامهٔ کار آذر", "سالنامهٔ آماری", "اینفوگرافیک لغوشده"}
    soon = events["ماهنامهٔ کار آذر"]
    assert soon["DTSTART"].dt == at(3)
    assert str(soon["DTSTART"].params["TZID"]) == "Asia/Tehran"
    assert soon["DTSTART"].dt.hour == 10
    assert str(events["اینفوگرافیک لغوشده"]["STATUS"]) == "CANCELLED"
    assert len({str(e["UID"]) for e in events.values()}) == 3


def test_ics_per_filter(client, entries):
    cal = icalendar.Calendar.from_ical(client.get("/en/releases/calendar.ics", {"kind": "yearbook"}).content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Yearbook"]


def test_rss_and_atom_of_published_releases(client, entries):
    for url in ("/fa/releases/feed.rss", "/en/releases/feed.atom"):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == 1
    rss = feedparser.parse(client.get("/fa/releases/feed.rss").content)
    assert rss.entries[0].title == "ماهنامهٔ کار آبان"
    assert rss.entries[0].link.endswith(entries["published"].url)
    atom = feedparser.parse(client.get("/en/releases/feed.atom").content)
    assert atom.entries[0].title == "Labour Aban"


# --- the demo ---------------------------------------------------------------------------------------
def test_demo_has_a_year_of_entries_in_both_languages(demo, client):
    fa = ReleasePage.objects.filter(locale__language_code="fa")
    en = ReleasePage.objects.filter(locale__language_code="en")
    assert fa.count() == en.count() >= 30
    statuses = set(fa.values_list("status", flat=True))
    assert statuses == {s.value for s in ReleaseStatus}
    assert ReleaseDateChange.objects.exists()
    cancelled = fa.get(status=ReleaseStatus.CANCELLED)
    assert cancelled.cancellation_notice
    latest = fa.order_by("-release_at").first()
    assert latest.release_at - dt.datetime.now(dt.UTC) >= dt.timedelta(days=365)
    assert client.get("/en/releases/").status_code == 200
    from demo.site import load

    load(log=lambda *a: None)  # idempotent
    assert ReleasePage.objects.filter(locale__language_code="fa").count() == fa.count()

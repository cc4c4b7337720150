"""The release entry's state machine: provisional, confirmed, date changes, released, cancelled."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation

from releases import services
from releases.enums import ReleaseStatus
from releases.models import ReleaseDateChange, ReleasePage
from releases.scheduling import publish_due_releases
from tests.builders.releases import make_entry
from tests.releases.helpers import NOW, at

pytestmark = pytest.mark.django_db


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

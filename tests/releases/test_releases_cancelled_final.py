"""A cancelled calendar entry is part of the public record, like a published
one: no path moves, confirms, re-cancels, deletes or unpublishes it — the
services, the admin's schedule views, the page delete/unpublish views, the
bulk actions, `.delete()`, a queryset's delete and the admin API."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from iran.dates import TEHRAN
from releases import services
from releases.enums import FINAL_STATUSES, ReleaseStatus
from releases.models import ReleaseDateChange, ReleasePage
from tests.builders.releases import make_calendar, make_entry

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)


def at(days, hour=10):
    return (NOW + dt.timedelta(days=days)).astimezone(TEHRAN).replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def cancelled(home_pages):
    with time_machine.travel(NOW, tick=False):
        calendar = make_calendar(home_pages[0])
        entry = make_entry(calendar, release_at=at(10), english="Bulletin")
        services.cancel(entry, "ارقام در ماهنامهٔ بعدی می‌آید.")
        yield ReleasePage.objects.get(pk=entry.pk)


def _unchanged(entry):
    fresh = ReleasePage.objects.get(pk=entry.pk)
    assert (fresh.status, fresh.release_at, fresh.live) == (ReleaseStatus.CANCELLED, at(10), True)
    assert fresh.cancellation_notice == "ارقام در ماهنامهٔ بعدی می‌آید."
    assert not ReleaseDateChange.objects.filter(translation_key=entry.translation_key).exists()


def test_cancelled_is_a_final_status(cancelled):
    assert ReleaseStatus.CANCELLED in FINAL_STATUSES and cancelled.is_final


def test_the_services_refuse_to_move_confirm_or_cancel_again(cancelled):
    with time_machine.travel(NOW, tick=False):
        for action in (
            lambda: services.move(cancelled, at(20), "دلیل"),
            lambda: services.confirm(cancelled, release_at=at(20)),
            lambda: services.cancel(cancelled, "دوباره"),
        ):
            with pytest.raises(ValidationError):
                action()
    _unchanged(cancelled)


def test_the_admin_schedule_views_refuse(cancelled, admin_client):
    with time_machine.travel(NOW, tick=False):
        when = at(20).strftime("%Y-%m-%d %H:%M")
        move = admin_client.post(f"/admin/releases/{cancelled.pk}/move/", {"release_at": when, "reason": "دلیل"})
        confirm = admin_client.post(f"/admin/releases/{cancelled.pk}/confirm/", {"release_at": when})
        cancel = admin_client.post(f"/admin/releases/{cancelled.pk}/cancel/", {"notice": "دوباره"})
    # The form comes back with the refusal, never a redirect to "done".
    assert (move.status_code, confirm.status_code, cancel.status_code) == (200, 200, 200)
    _unchanged(cancelled)


def test_delete_and_unpublish_are_refused_by_every_path(cancelled, admin_client, admin_user):
    tester = cancelled.permissions_for_user(admin_user)
    assert not tester.can_delete() and not tester.can_unpublish()
    admin_client.post(f"/admin/pages/{cancelled.pk}/delete/")
    admin_client.post(f"/admin/pages/{cancelled.pk}/unpublish/")
    admin_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={cancelled.pk}")
    admin_client.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={cancelled.pk}")
    # The admin API is read-only: no method deletes or changes a page.
    api = admin_client.delete(f"/admin/api/main/pages/{cancelled.pk}/")
    assert api.status_code == 405
    _unchanged(cancelled)
    with pytest.raises(PermissionDenied), transaction.atomic():
        ReleasePage.objects.get(pk=cancelled.pk).delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        ReleasePage.objects.filter(pk=cancelled.pk).delete()
    # Every language version is part of the record.
    versions = ReleasePage.objects.filter(translation_key=cancelled.translation_key)
    assert versions.count() == 2
    with pytest.raises(PermissionDenied), transaction.atomic():
        versions.delete()
    _unchanged(cancelled)


def test_unpublishing_through_the_model_is_refused(cancelled):
    with pytest.raises(PermissionDenied), transaction.atomic():
        ReleasePage.objects.get(pk=cancelled.pk).unpublish()
    _unchanged(cancelled)

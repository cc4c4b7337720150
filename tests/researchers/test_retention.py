"""The researchers club: how long personal data is kept, and anonymising what is not."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from researchers.models import ApplicationEvent, Researcher
from tests.builders.catalog import researcher

pytestmark = pytest.mark.django_db


def test_retention_anonymises_rejected_and_inactive_accounts(settings):
    settings.RESEARCHERS_RETENTION_MONTHS = 6
    old = timezone.now() - dt.timedelta(days=400)
    rejected = researcher("rej@example.org", national_id="0499370899")
    Researcher.objects.filter(pk=rejected.pk).update(status="rejected", decided_at=old)
    inactive = researcher("idle@example.org", national_id="1234567891")
    Researcher.objects.filter(pk=inactive.pk).update(created_at=old)
    active = researcher("act@example.org", national_id="0013542419")
    Researcher.objects.filter(pk=active.pk).update(created_at=old)
    active.user.last_login = timezone.now()
    active.user.save()
    call_command("anonymise_researchers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for r in (rejected, inactive):
        r.refresh_from_db()
        r.user.refresh_from_db()
        assert r.anonymised_at and r.national_id is None and r.user.email == "" and not r.user.is_active
    active.refresh_from_db()
    assert active.anonymised_at is None and active.national_id == "0013542419"
    assert ApplicationEvent.objects.count() == 0  # nothing else touched

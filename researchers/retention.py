"""Retention: rejected and inactive accounts are anonymised after N months
(settings.RESEARCHERS_RETENTION_MONTHS). The rows stay, so the logs of
decisions and downloads remain complete, but nothing identifies the person."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .enums import ApplicationStatus, MembershipStatus
from .models import Researcher


def retention_months():
    return int(getattr(settings, "RESEARCHERS_RETENTION_MONTHS", 24))


def due_for_anonymisation(months=None, now=None):
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=30 * (months or retention_months()))
    rejected = Q(status=MembershipStatus.REJECTED) & Q(decided_at__lt=cutoff)
    inactive = (Q(user__last_login__lt=cutoff) | Q(user__last_login__isnull=True, created_at__lt=cutoff)) & ~Q(
        status=MembershipStatus.REJECTED
    )
    live_access = Q(applications__status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO]) | Q(
        applications__status=ApplicationStatus.APPROVED, applications__grants__expires_at__gt=now
    )
    return (
        Researcher.objects.filter(anonymised_at__isnull=True)
        .filter(rejected | inactive)
        .exclude(pk__in=Researcher.objects.filter(live_access).values("pk"))
        .exclude(user__is_staff=True)
        .distinct()
    )


def anonymise(researcher, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        user = researcher.user
        user.username = f"anonymised-{researcher.pk}"
        user.first_name = ""
        user.last_name = ""
        user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        researcher.national_id = None
        researcher.mobile = ""
        researcher.orcid = ""
        researcher.affiliation = "-"
        researcher.field = "-"
        researcher.newsletter = False
        researcher.decision_note = ""
        researcher.status = MembershipStatus.ANONYMISED
        researcher.anonymised_at = now
        researcher.save()
        for app in researcher.applications.all():
            app.team.update(name="-", national_id="", affiliation="")
            if app.proposal:
                app.proposal.delete(save=False)
                app.proposal = ""
                app.save(update_fields=["proposal"])


def anonymise_due(months=None, dry_run=False):
    due = list(due_for_anonymisation(months))
    if not dry_run:
        for researcher in due:
            anonymise(researcher)
    return due

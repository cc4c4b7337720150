"""Subscriber addresses are personal data, kept as the researchers club keeps
its members' (settings.RESEARCHERS_RETENTION_MONTHS): unconfirmed addresses go
after the 7 days their link lives; unsubscribed ones are anonymised after the
retention period. Delivery rows stay (the log), with nothing that identifies."""

import datetime as dt

from django.utils import timezone

from researchers.retention import retention_months

from .models import Subscriber

UNCONFIRMED_DAYS = 7


def anonymise_due(now=None, months=None):
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=30 * (months or retention_months()))
    unconfirmed = Subscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - dt.timedelta(days=UNCONFIRMED_DAYS), email__isnull=False
    )
    gone = Subscriber.objects.filter(unsubscribed_at__lt=cutoff, email__isnull=False)
    count = 0
    for queryset in (unconfirmed, gone):
        count += queryset.update(email=None, anonymised_at=now, topics="", kinds="", organisations="")
    return count

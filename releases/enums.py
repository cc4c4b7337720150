from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    CONFIRMED = "confirmed", _("Confirmed")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class ReleaseKind(models.TextChoices):
    YEARBOOK = "yearbook", _("Statistical yearbook")
    MONTHLY_BULLETIN = "monthly_bulletin", _("Monthly bulletin")
    QUARTERLY_BULLETIN = "quarterly_bulletin", _("Quarterly bulletin")
    SPECIAL_ISSUE = "special_issue", _("Special issue")
    ANALYTICAL_REPORT = "analytical_report", _("Analytical report")
    INFOGRAPHIC = "infographic", _("Infographic")
    INDICATOR_UPDATE = "indicator_update", _("Indicator update")
    MICRODATA_RELEASE = "microdata_release", _("Microdata release")


# A release's content becomes public at its minute only from these statuses.
RELEASABLE_STATUSES = (ReleaseStatus.CONFIRMED, ReleaseStatus.PUBLISHED)

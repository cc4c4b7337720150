from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional")
    CONFIRMED = "confirmed", _("Confirmed")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class HolidayShift(models.TextChoices):
    EARLIER = "earlier", _("Earlier: the working day before")
    LATER = "later", _("Later: the working day after")


# A release's content becomes public at its minute only from these statuses.
RELEASABLE_STATUSES = (ReleaseStatus.CONFIRMED, ReleaseStatus.PUBLISHED)
# A published or cancelled entry is part of the record: never deleted or unpublished.
FINAL_STATUSES = (ReleaseStatus.PUBLISHED, ReleaseStatus.CANCELLED)

"""Choices of the publications app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.taxonomy import ReleaseKind


def _kinds(name, *kinds):
    """Choices of some kinds of release (core.taxonomy.ReleaseKind): codes and labels are its own."""
    return models.TextChoices(name, [(k.name, (k.value, k.label)) for k in kinds], module=__name__)


# What a publication page can be: a kind of calendar entry.
PublicationKind = _kinds(
    "PublicationKind",
    ReleaseKind.YEARBOOK,
    ReleaseKind.MONTHLY_BULLETIN,
    ReleaseKind.QUARTERLY_BULLETIN,
    ReleaseKind.ANALYTICAL_REPORT,
    ReleaseKind.SPECIAL_ISSUE,
    ReleaseKind.INFOGRAPHIC,
)


class YearbookScope(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    ORGANISATION = "organisation", _("Organisation")


ReportKind = _kinds("ReportKind", ReleaseKind.ANALYTICAL_REPORT, ReleaseKind.SPECIAL_ISSUE)


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    NOTICE = "notice", _("Notice")

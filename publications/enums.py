"""Choices of the publications app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    YEARBOOK = "yearbook", _("Statistical yearbook")
    MONTHLY_BULLETIN = "monthly_bulletin", _("Monthly bulletin")
    QUARTERLY_BULLETIN = "quarterly_bulletin", _("Quarterly bulletin")
    ANALYTICAL_REPORT = "analytical_report", _("Analytical report")
    SPECIAL_ISSUE = "special_issue", _("Special issue")
    INFOGRAPHIC = "infographic", _("Infographic")


class YearbookScope(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    ORGANISATION = "organisation", _("Organisation")


class ReportKind(models.TextChoices):
    ANALYTICAL_REPORT = "analytical_report", _("Analytical report")
    SPECIAL_ISSUE = "special_issue", _("Special issue")


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    NOTICE = "notice", _("Notice")

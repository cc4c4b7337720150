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


class BulletinFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class ReportKind(models.TextChoices):
    ANALYTICAL_REPORT = "analytical_report", _("Analytical report")
    SPECIAL_ISSUE = "special_issue", _("Special issue")


class Topic(models.TextChoices):
    LABOUR_MARKET = "labour_market", _("Labour market")
    SOCIAL_SECURITY = "social_security", _("Social security and insurance")
    WELFARE = "welfare", _("Social welfare")
    COOPERATIVES = "cooperatives", _("Cooperatives")
    WORKPLACE_SAFETY = "workplace_safety", _("Workplace safety and inspection")
    TRAINING = "training", _("Technical and vocational training")
    GENERAL = "general", _("General")


class Organisation(models.TextChoices):
    """The codes of the indicators' `organisation` code list."""

    MINISTRY = "MCLS", _("Ministry headquarters")
    SSO = "SSO", _("Social Security Organization")
    WELFARE = "SWO", _("State Welfare Organization")
    CSPF = "CSPF", _("Civil Servants Pension Fund")
    TVTO = "TVTO", _("Technical and Vocational Training Organization")


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    NOTICE = "notice", _("Notice")

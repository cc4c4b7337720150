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


class Organisation(models.TextChoices):
    """Who produces the statistics of an entry."""

    HEADQUARTERS = "headquarters", _("Ministry headquarters")
    PROVINCIAL = "provincial", _("Provincial directorate")
    SSO = "sso", _("Social Security Organization")
    WELFARE = "welfare", _("State Welfare Organization")
    PENSION = "pension", _("Civil Servants Pension Fund")
    TVTO = "tvto", _("Technical and Vocational Training Organization")
    COOPERATIVES = "cooperatives", _("Cooperatives Development Fund")


class Topic(models.TextChoices):
    LABOUR_MARKET = "labour_market", _("Labour market")
    EMPLOYMENT = "employment", _("Employment and unemployment")
    WAGES = "wages", _("Wages and labour costs")
    SOCIAL_SECURITY = "social_security", _("Social security and insurance")
    WELFARE = "welfare", _("Social welfare and support")
    POVERTY = "poverty", _("Poverty and income")
    COOPERATIVES = "cooperatives", _("Cooperatives")
    SKILLS = "skills", _("Technical and vocational training")
    WORKPLACE_SAFETY = "workplace_safety", _("Workplace safety and inspection")
    PENSIONS = "pensions", _("Pensions")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class HolidayShift(models.TextChoices):
    EARLIER = "earlier", _("Earlier: the working day before")
    LATER = "later", _("Later: the working day after")


# A release's content becomes public at its minute only from these statuses.
RELEASABLE_STATUSES = (ReleaseStatus.CONFIRMED, ReleaseStatus.PUBLISHED)
# A published or cancelled entry is part of the record: never deleted or unpublished.
FINAL_STATUSES = (ReleaseStatus.PUBLISHED, ReleaseStatus.CANCELLED)

from django.db import models
from django.utils.translation import gettext_lazy as _


class AffiliationType(models.TextChoices):
    UNIVERSITY = "university", _("university")
    RESEARCH = "research", _("research institute")
    GOVERNMENT = "government", _("government body")
    PRIVATE = "private", _("private company")
    NGO = "ngo", _("non-governmental organisation")
    INTERNATIONAL = "international", _("international organisation")
    INDEPENDENT = "independent", _("independent researcher")


class Degree(models.TextChoices):
    BACHELOR = "bachelor", _("bachelor's")
    MASTER = "master", _("master's")
    PHD = "phd", _("doctorate")
    POSTDOC = "postdoc", _("post-doctorate")
    OTHER = "other", _("other")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    ANONYMISED = "anonymised", _("anonymised")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    MORE_INFO = "more_info", _("more information requested")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("expired")

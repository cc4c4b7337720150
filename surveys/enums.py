from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Satisfaction scale (1–5)")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")
    PRODUCTS = "products", _("Rating of named products (1–5 each)")


SCORED_KINDS = {QuestionKind.LIKERT, QuestionKind.PRODUCTS}
CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}


class Profile(models.TextChoices):
    RESEARCHER = "researcher", _("Researcher or academic")
    STUDENT = "student", _("Student")
    JOURNALIST = "journalist", _("Journalist or media")
    GOVERNMENT = "government", _("Government employee")
    BUSINESS = "business", _("Business or private sector")
    OTHER = "other", _("Other")


# The 1–5 satisfaction scale, lowest first.
SCALE = [
    (1, _("Very dissatisfied")),
    (2, _("Dissatisfied")),
    (3, _("Neither satisfied nor dissatisfied")),
    (4, _("Satisfied")),
    (5, _("Very satisfied")),
]
NOT_USED = "0"  # a product the respondent has not used: not counted in its mean

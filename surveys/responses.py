"""The rows results are counted from: a survey's questions, the responses and
their answers, and «was this page useful?» feedback. The pages that ask the
questions are in models.py (they serve views.py, which imports these rows)."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .enums import CHOICE_KINDS, Profile, QuestionKind


class Question(TranslatableMixin, Orderable):
    page = ParentalKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.LIKERT)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    options = models.TextField(
        _("options or products"),
        blank=True,
        help_text=_(
            "One a line: the choices of a choice question, or the products to rate. "
            "Keep the order when translating or editing: answers are stored by position."
        ),
    )
    required = models.BooleanField(_("required"), default=True)
    code = models.SlugField(
        _("code"),
        max_length=40,
        blank=True,
        help_text=_("A short stable name (e.g. overall, timeliness) to compare the same question across quarters."),
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required"), FieldPanel("code")]),
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldPanel("options"),
    ]
    translatable_fields = [
        TranslatableField("text"),
        TranslatableField("help_text"),
        TranslatableField("options"),
        SynchronizedField("kind"),
        SynchronizedField("required"),
        SynchronizedField("code"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in (self.options or "").splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.kind in CHOICE_KINDS and len(self.option_list) < 2:
            raise ValidationError({"options": _("A choice question needs at least two options, one a line.")})
        if self.kind == QuestionKind.PRODUCTS and not self.option_list:
            raise ValidationError({"options": _("List the products to rate, one a line.")})


class Response(models.Model):
    """One person's answers to one survey. Anonymous: no account, no IP address;
    only the hash of a random token kept in the respondent's signed cookie."""

    survey = models.ForeignKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="responses")
    survey_key = models.UUIDField(_("survey (all languages)"), db_index=True)
    period = models.CharField(_("quarter"), max_length=7, db_index=True)
    language = models.CharField(_("language"), max_length=5)
    profile = models.CharField(_("respondent profile"), max_length=12, choices=Profile.choices, blank=True)
    token_hash = models.CharField(max_length=64)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(fields=["survey_key", "token_hash"], name="surveys_one_response_per_browser")
        ]
        permissions = [("view_results", "Can view survey results and export them")]

    def __str__(self):
        return f"{self.period} #{self.pk}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class Answer(models.Model):
    """One answer row: a score (scale, product), a chosen option, or text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # SET_NULL: an editor removing a question from a survey must not erase what
    # people answered; results and exports go by question_key.
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers")
    question_key = models.UUIDField(db_index=True)  # the question's translation_key: same in every language
    option_index = models.PositiveSmallIntegerField(null=True, blank=True)  # choice or product, from 0
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # 1–5
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.question_key} {self.option_index} {self.score}"


class PageFeedback(models.Model):
    """«Was this page useful?» from any page of the site."""

    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    page_key = models.UUIDField(null=True, blank=True, db_index=True)  # same page in every language
    url = models.CharField(_("address"), max_length=500)
    title = models.CharField(_("page title"), max_length=255, blank=True)
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True)
    language = models.CharField(_("language"), max_length=5)
    period = models.CharField(_("quarter"), max_length=7, db_index=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.url} {'yes' if self.useful else 'no'}"

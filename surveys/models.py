"""Surveys defined by editors (pages with questions), and what people answered
(rows: responses, answers, page feedback) so that results can be computed."""

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from iran.periods import Period, PeriodError, Periodicity

from .enums import CHOICE_KINDS, Profile, QuestionKind


def tehran_today():
    return timezone.now().astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE)).date()


def current_quarter_code():
    return Period.containing(tehran_today(), Periodicity.QUARTER).code


def validate_quarter(value):
    try:
        period = Period.parse(value)
    except PeriodError as error:
        raise ValidationError(_("Write a Jalali quarter such as 1405-Q3.")) from error
    if period.periodicity != Periodicity.QUARTER:
        raise ValidationError(_("Write a Jalali quarter such as 1405-Q3."))


class SurveyIndexPage(Page):
    """/surveys/: the open survey and the published summaries of past ones."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["surveys.SurveyPage"]
    max_count_per_parent = 1
    template = "surveys/survey_index_page.html"

    class Meta:
        verbose_name = _("survey index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        surveys = list(SurveyPage.objects.child_of(self).live().specific().order_by("-period", "-first_published_at"))
        context["open_surveys"] = [s for s in surveys if s.is_open()]
        context["summaries"] = [s for s in surveys if s.publish_summary and not s.is_open()]
        return context


class SurveyPage(RoutablePageMixin, Page):
    """One survey (usually one a quarter). Its questions are rows, and so are
    the answers, so that results can be counted; copy last quarter's survey to
    keep the question codes and compare quarters."""

    intro = models.TextField(_("introduction"), blank=True)
    period = models.CharField(
        _("quarter"),
        max_length=7,
        default=current_quarter_code,
        validators=[validate_quarter],
        help_text=_("The Jalali quarter the survey is about, e.g. 1405-Q3."),
    )
    opens_on = models.DateField(
        _("opens on"), null=True, blank=True, help_text=_("Empty: the first day of the quarter.")
    )
    closes_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("Empty: the last day of the quarter.")
    )
    thank_you = models.TextField(_("thank-you message"), blank=True)
    publish_summary = models.BooleanField(
        _("publish a summary of the results"),
        default=False,
        help_text=_("Show a public summary of this survey's results on the site."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("period"), FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")])],
            heading=_("When"),
        ),
        InlinePanel("questions", heading=_("Questions"), label=_("Question"), min_num=1),
        FieldPanel("thank_you"),
        FieldPanel("publish_summary"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []
    template = "surveys/survey_page.html"
    override_translatable_fields = [
        SynchronizedField("period"),
        SynchronizedField("opens_on"),
        SynchronizedField("closes_on"),
        SynchronizedField("publish_summary"),
    ]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    # --- dates ------------------------------------------------------------
    @property
    def quarter(self) -> Period:
        return Period.parse(self.period)

    @property
    def opening_day(self) -> dt.date:
        return self.opens_on or self.quarter.first_day

    @property
    def closing_day(self) -> dt.date:
        return self.closes_on or self.quarter.last_day

    def is_open(self, today=None) -> bool:
        today = today or tehran_today()
        return self.live and self.opening_day <= today <= self.closing_day

    def has_closed(self, today=None) -> bool:
        return (today or tehran_today()) > self.closing_day

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.opens_on > self.closes_on:
            raise ValidationError({"closes_on": _("The survey must close after it opens.")})

    # --- routes -------------------------------------------------------------
    @path("")
    def survey(self, request):
        from .views import survey_view

        return survey_view(request, self)

    @path("results/")
    def results_summary(self, request):
        from .views import public_summary_view

        return public_summary_view(request, self)

    def get_questions(self):
        return list(self.questions.all().order_by("sort_order", "pk"))


class Question(TranslatableMixin, Orderable):
    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="questions")
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

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="responses")
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

"""Surveys defined by editors (pages with questions). What people answered
(rows: questions, responses, answers, page feedback) is in responses.py, and
the date helpers in quarters.py; both are re-exported here."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from iran.periods import Period

from . import views
from .quarters import current_quarter_code, tehran_today, validate_quarter
from .responses import Answer, PageFeedback, Question, Response

__all__ = [
    "Answer",
    "PageFeedback",
    "Question",
    "Response",
    "SurveyIndexPage",
    "SurveyPage",
    "current_quarter_code",
    "tehran_today",
    "validate_quarter",
]


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
        return views.survey_view(request, self)

    @path("results/")
    def results_summary(self, request):
        return views.public_summary_view(request, self)

    def get_questions(self):
        return list(self.questions.all().order_by("sort_order", "pk"))

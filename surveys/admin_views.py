"""Staff results in the Wagtail admin (permission surveys.view_results)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from iran.periods import Period, PeriodError, Periodicity

from . import exports
from .models import PageFeedback, Response, SurveyPage, tehran_today
from .results import feedback_results, survey_results

PERMISSION = "surveys.view_results"


def results_permission_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _survey(pk):
    survey = get_object_or_404(SurveyPage, pk=pk)
    return survey


def _breadcrumbs(*items):
    return [{"url": reverse("wagtailadmin_home"), "label": _("Home")}] + [
        {"url": url, "label": label} for url, label in items
    ]


@results_permission_required
def index(request):
    """Every survey (one row for all its languages) with its response count."""
    surveys = SurveyPage.objects.order_by("-period", "-pk")
    counts = dict(Response.objects.values_list("survey_key").annotate(n=Count("id")).values_list("survey_key", "n"))
    rows, seen = [], set()
    for survey in surveys.select_related("locale"):
        if survey.translation_key in seen:
            continue
        seen.add(survey.translation_key)
        survey = survey.get_translation_or_none(survey.locale.get_default()) or survey
        rows.append({"survey": survey, "responses": counts.get(survey.translation_key, 0), "open": survey.is_open()})
    current = Period.containing(tehran_today(), Periodicity.QUARTER)
    periods = sorted(set(PageFeedback.objects.values_list("period", flat=True)) | {current.code}, reverse=True)
    return TemplateResponse(
        request,
        "surveys/admin/index.html",
        {
            "rows": rows,
            "feedback_periods": periods,
            "page_title": _("Survey results"),
            "header_title": _("Survey results"),
            "header_icon": "list-ul",
            "breadcrumbs_items": _breadcrumbs((None, _("Survey results"))),
        },
    )


@results_permission_required
def survey_detail(request, pk):
    # Labels in the admin user's language when the survey is translated into it.
    survey = _survey(pk).localized.specific
    results = survey_results(survey)
    return TemplateResponse(
        request,
        "surveys/admin/results.html",
        {
            "results": results,
            "survey": survey,
            "feedback": feedback_results(survey.period),
            "page_title": survey.title,
            "header_title": survey.title,
            "header_icon": "list-ul",
            "breadcrumbs_items": _breadcrumbs(
                (reverse("surveys_admin:index"), _("Survey results")), (None, survey.title)
            ),
        },
    )


@results_permission_required
def survey_export(request, pk, fmt):
    survey = _survey(pk)
    name = f"survey-{survey.period}-{survey.slug}"
    writer = exports.as_xlsx if fmt == "xlsx" else exports.as_csv
    return writer(name, exports.RESPONSE_HEADER, exports.response_rows(survey))


def _period(request):
    try:
        period = Period.parse(request.GET.get("period", ""))
        if period.periodicity == Periodicity.QUARTER:
            return period
    except PeriodError:
        pass
    return Period.containing(tehran_today(), Periodicity.QUARTER)


@results_permission_required
def feedback(request):
    period = _period(request)
    return TemplateResponse(
        request,
        "surveys/admin/feedback.html",
        {
            "results": feedback_results(period.code),
            "page_title": _("Page feedback"),
            "header_title": _("Page feedback"),
            "header_icon": "help",
            "breadcrumbs_items": _breadcrumbs(
                (reverse("surveys_admin:index"), _("Survey results")), (None, _("Page feedback"))
            ),
        },
    )


@results_permission_required
def feedback_export(request, fmt):
    period = _period(request)
    writer = exports.as_xlsx if fmt == "xlsx" else exports.as_csv
    return writer(f"page-feedback-{period.code}", exports.FEEDBACK_HEADER, exports.feedback_rows(period.code))

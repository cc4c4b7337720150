"""Public views: the survey form (served by SurveyPage), its public summary,
and the «Was this page useful?» endpoint."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponseForbidden, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited
from wagtail.models import Page

from core.language import current_language
from iran.periods import Period, Periodicity

from .forms import FeedbackForm, SurveyForm, new_token
from .quarters import tehran_today
from .responses import PageFeedback, Response
from .results import survey_results

COOKIE_SALT = "surveys.response"
COOKIE_MAX_AGE = 400 * 24 * 3600
SURVEY_RATE = "10/m"
FEEDBACK_RATE = "20/m"
SUMMARY_CACHE_SECONDS = 3600


def cookie_name(survey):
    return f"survey_{survey.translation_key.hex}"


def has_responded(request, survey) -> bool:
    """True when this browser's signed cookie matches a stored response."""
    token = request.get_signed_cookie(cookie_name(survey), default=None, salt=COOKIE_SALT)
    if not token:
        return False
    return Response.objects.filter(survey_key=survey.translation_key, token_hash=Response.hash_token(token)).exists()


def rate_limited(request, group, rate):
    if is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True):
        return import_string(settings.RATELIMIT_VIEW)(request, Ratelimited())
    return None


def _render(request, survey, template, context=None, status=200):
    base = survey.get_context(request)
    base.update(context or {})
    response = TemplateResponse(request, template, base, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def survey_view(request, survey):
    language = current_language()
    if not survey.is_open():
        status = 403 if request.method == "POST" else 200
        return _render(request, survey, "surveys/survey_closed.html", {"not_yet": not survey.has_closed()}, status)
    if has_responded(request, survey):
        if request.method == "GET" and request.GET.get("sent"):
            return _render(request, survey, "surveys/survey_thanks.html")
        status = 409 if request.method == "POST" else 200
        return _render(request, survey, "surveys/survey_already.html", status=status)

    questions = survey.get_questions()
    if request.method == "POST":
        limited = rate_limited(request, "surveys.submit", SURVEY_RATE)
        if limited is not None:
            return limited
        form = SurveyForm(questions, request.POST)
        if form.is_bot:
            # Say thank you and keep nothing.
            return _render(request, survey, "surveys/survey_thanks.html")
        if form.is_valid():
            token = new_token()
            form.save(survey, language, token)
            response = HttpResponseRedirect(survey.url + "?sent=1")
            response.set_signed_cookie(
                cookie_name(survey),
                token,
                salt=COOKIE_SALT,
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
    else:
        form = SurveyForm(questions)
    return _render(request, survey, "surveys/survey_page.html", {"form": form, "blocks": form.blocks()})


def public_summary_view(request, survey):
    """The published summary. Its body is cached, keyed by the number of
    responses, so a new answer (or a deleted one) shows at once."""
    if not survey.publish_summary:
        raise Http404
    count = Response.objects.filter(survey_key=survey.translation_key).count()
    language = current_language()
    key = f"surveys:summary:{survey.pk}:{survey.latest_revision_id}:{language}:{count}"
    body = cache.get(key)
    if body is None:
        results = survey_results(survey, include_texts=False)
        body = render_to_string("surveys/includes/summary_body.html", {"results": results, "page": survey}, request)
        cache.set(key, body, SUMMARY_CACHE_SECONDS)
    return _render(request, survey, "surveys/survey_summary.html", {"summary_body": body})


def _back(url, flag):
    return HttpResponseRedirect(f"{url}{'&' if '?' in url else '?'}feedback={flag}#page-feedback")


def _same_origin(request):
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return True  # old browsers and privacy settings send none; rate limit and honeypot still apply
    return url_has_allowed_host_and_scheme(origin + "/", allowed_hosts={request.get_host()})


@csrf_exempt
@require_POST
def feedback_view(request):
    """Store one «Was this page useful?» answer and go back to the page.

    No CSRF token: the box sits on pages that may be cached for everyone, where
    a per-visitor token would be wrong. A cross-site POST can only add one
    anonymous yes/no, and is refused when the browser says it comes from
    another origin; the rate limit and the honeypot stop floods and bots."""
    if not _same_origin(request):
        return HttpResponseForbidden()
    limited = rate_limited(request, "surveys.feedback", FEEDBACK_RATE)
    if limited is not None:
        return limited
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        url = request.POST.get("url", "")
        if "url" in form.errors or not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
            url = f"/{current_language()}/"
        if wants_json:
            return JsonResponse({"ok": False, "errors": form.errors}, status=400)
        return _back(url.split("#")[0], "missing")
    data = form.cleaned_data
    url = data["url"].split("#")[0]
    if not data["website"]:
        page = Page.objects.filter(pk=data["page_id"]).first() if data["page_id"] else None
        PageFeedback.objects.create(
            page=page,
            page_key=page.translation_key if page else None,
            url=url[:500],
            title=(page.title if page else data["title"])[:255],
            useful=data["useful"],
            comment=data["comment"].strip(),
            language=current_language(),
            period=Period.containing(tehran_today(), Periodicity.QUARTER).code,
        )
    if wants_json:
        return JsonResponse({"ok": True})
    return _back(url.split("?")[0], "thanks")

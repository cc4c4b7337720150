"""A member's applications for licensed datasets: write, submit, withdraw, and
the proposal PDF (for its author and the reviewers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.enums import AccessLevel
from catalog.models import Dataset
from core.storage import private_file_response

from .. import workflow
from ..enums import ApplicationStatus
from ..forms import ApplicationForm, TeamFormSet
from ..models import Application, SecurityEvent, log_security_event
from ..validators import proposal_max_bytes
from .member import researcher_of


def _own_application(request, pk):
    researcher = researcher_of(request)
    if researcher is None:
        raise Http404
    return get_object_or_404(Application, pk=pk, researcher=researcher)


def _member_or_refuse(request):
    researcher = researcher_of(request)
    if researcher is None:
        return None, render(request, "researchers/not_a_member.html", status=403)
    if not researcher.is_member:
        return None, render(request, "researchers/membership_pending.html", {"researcher": researcher}, status=403)
    return researcher, None


@login_required
def application_edit(request, pk=None):
    researcher, refusal = _member_or_refuse(request)
    if refusal:
        return refusal
    application = _own_application(request, pk) if pk else Application(researcher=researcher)
    if request.method == "POST" and _request_too_large(request):
        # Refused before the body is read: a huge upload never reaches the disk.
        log_security_event(
            request, SecurityEvent.Kind.BAD_UPLOAD, detail=f"too_large: {request.META['CONTENT_LENGTH']}"
        )
        return render(
            request,
            "researchers/upload_refused.html",
            {"limit": proposal_max_bytes(), "application": application},
            status=413,
        )
    if pk and not application.is_editable:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("researchers:application_detail", pk=pk)
    initial = {}
    if not pk and request.GET.get("dataset"):
        initial["datasets"] = Dataset.objects.filter(
            slug=request.GET["dataset"][:80], access_level=AccessLevel.LICENSED, published=True
        )
    form = ApplicationForm(request.POST or None, request.FILES or None, instance=application, initial=initial)
    team = TeamFormSet(request.POST or None, instance=application, prefix="team")
    if request.method == "POST":
        form_ok = form.is_valid()
        team_ok = team.is_valid()
        if form.bad_upload:
            log_security_event(request, SecurityEvent.Kind.BAD_UPLOAD, detail=form.bad_upload)
        if form_ok and team_ok:
            with transaction.atomic():
                creating = application.pk is None
                application = form.save()
                team.instance = application
                team.save()
                if creating:
                    workflow.log_created(application, request.user)
            if "submit" in request.POST:
                return _submit(request, application)
            messages.success(request, _("Your draft is saved."))
            return redirect("researchers:application_detail", pk=application.pk)
    return render(
        request, "researchers/application_form.html", {"form": form, "team": team, "application": application}
    )


def _request_too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > proposal_max_bytes() + 1024 * 1024  # the proposal plus room for the form's text


def _submit(request, application):
    problems = workflow.submission_problems(application)
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("researchers:application_detail", pk=application.pk)
    action = workflow.A.RESUBMITTED if application.status == ApplicationStatus.MORE_INFO else workflow.A.SUBMITTED
    workflow.transition(application, action, actor=request.user)
    messages.success(request, _("Your application is submitted. The data exchange committee will review it."))
    return redirect("researchers:application_detail", pk=application.pk)


@login_required
def application_detail(request, pk):
    application = _own_application(request, pk)
    events = application.events.filter(internal=False).select_related("actor")
    return render(
        request,
        "researchers/application_detail.html",
        {
            "application": application,
            "events": events,
            "team": application.team.all(),
            "grants": application.grants.select_related("data_file__dataset"),
            "actions": workflow.allowed_actions(application, workflow.APPLICANT),
            "problems": workflow.submission_problems(application) if application.is_editable else [],
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def application_action(request, pk):
    application = _own_application(request, pk)
    action = request.POST.get("action")
    if action in (workflow.A.SUBMITTED, workflow.A.RESUBMITTED):
        return _submit(request, application)
    if action == workflow.A.WITHDRAWN:
        try:
            workflow.transition(application, action, actor=request.user, message=request.POST.get("message", "")[:2000])
            messages.success(request, _("Your application is withdrawn."))
        except workflow.InvalidTransition:
            messages.error(request, _("This application can no longer be withdrawn."))
        return redirect("researchers:application_detail", pk=pk)
    return HttpResponseForbidden()


def proposal_download_allowed(user, application):
    return application.researcher.user_id == user.pk or workflow.can_review(user)


@login_required
def proposal(request, pk):
    application = get_object_or_404(Application, pk=pk)
    if not proposal_download_allowed(request.user, application) or not application.proposal:
        log_security_event(request, SecurityEvent.Kind.NO_PERMISSION, detail=f"proposal of application {pk}")
        raise Http404
    return private_file_response(
        application.proposal, f"{application.reference}-proposal.pdf", content_type="application/pdf"
    )

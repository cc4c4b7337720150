"""The back office of the club, inside the Wagtail admin: the data exchange
committee's queue of applications and its decisions, the club office's
membership decisions, and the download log. Every view checks its permission
itself; a refusal is logged."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.enums import AccessLevel
from catalog.models import DataFile
from core.redirects import next_url

from . import workflow
from .emails import notify_membership
from .enums import ApplicationStatus, MembershipStatus
from .forms import GrantFormSet, ReviewActionForm
from .models import Application, DownloadLog, Researcher, SecurityEvent, log_security_event

DEFAULT_GRANT_DAYS = 180
DEFAULT_DOWNLOAD_LIMIT = 3


def require_perm(request, perm):
    if not request.user.has_perm(perm):
        log_security_event(request, SecurityEvent.Kind.NO_PERMISSION, detail=perm)
        raise PermissionDenied


def queue(request):
    require_perm(request, "researchers.review_application")
    status = request.GET.get("status", "open")
    qs = Application.objects.select_related("researcher__user").prefetch_related("datasets")
    if status == "open":
        qs = qs.filter(status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO])
    elif status in ApplicationStatus.values:
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(status=ApplicationStatus.DRAFT)
    qs = qs.order_by("submitted_at", "pk")
    counts = dict(
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    tabs = [("open", _("To review"), counts.get("submitted", 0) + counts.get("more_info", 0))]
    tabs += [(v, label, counts.get(v, 0)) for v, label in ApplicationStatus.choices if v != ApplicationStatus.DRAFT]
    tabs.append(("all", _("All"), sum(counts.values())))
    page_obj = Paginator(qs, 30).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "researchers/admin/queue.html",
        {
            "page_title": _("Access applications"),
            "header_icon": "form",
            "page_obj": page_obj,
            "tabs": tabs,
            "status": status,
        },
    )


def _grant_initial(application):
    files = DataFile.objects.filter(dataset__in=application.datasets.all()).exclude(
        access_level=AccessLevel.NOT_AVAILABLE
    )
    expires = timezone.localdate() + dt.timedelta(days=DEFAULT_GRANT_DAYS)
    return files, [
        {"data_file": f.pk, "grant": True, "expires_on": expires, "download_limit": DEFAULT_DOWNLOAD_LIMIT}
        for f in files
    ]


def review(request, pk):
    require_perm(request, "researchers.review_application")
    application = get_object_or_404(
        Application.objects.select_related("researcher__user").prefetch_related("datasets", "variables__dataset"),
        pk=pk,
    )
    if application.status == ApplicationStatus.DRAFT:
        raise PermissionDenied  # drafts belong to the applicant alone
    files, initial = _grant_initial(application)
    form = ReviewActionForm(request.POST or None)
    grant_forms = GrantFormSet(request.POST or None, initial=initial, prefix="grant", form_kwargs={"files_qs": files})
    if request.method == "POST":
        if request.user.pk == application.researcher.user_id:
            log_security_event(request, SecurityEvent.Kind.NO_PERMISSION, detail=f"own application {pk}")
            raise PermissionDenied
        if form.is_valid():
            action = form.cleaned_data["action"]
            message = form.cleaned_data["message"]
            try:
                if action == "comment":
                    workflow.comment(application, request.user, message, internal=form.cleaned_data["internal"])
                    messages.success(request, _("Comment saved."))
                    return redirect("researchers_admin:review", pk=pk)
                if action == "more_info":
                    workflow.transition(application, workflow.A.MORE_INFO, request.user, message)
                    messages.success(request, _("The applicant was asked for more information."))
                    return redirect("researchers_admin:review", pk=pk)
                if action == "reject":
                    workflow.transition(application, workflow.A.REJECTED, request.user, message)
                    messages.success(request, _("The application was rejected and the applicant told why."))
                    return redirect("researchers_admin:review", pk=pk)
                if action == "approve":
                    if grant_forms.is_valid():
                        grants = []
                        for gf in grant_forms:
                            data = gf.cleaned_data
                            if data.get("grant"):
                                end = dt.datetime.combine(data["expires_on"], dt.time(23, 59))
                                grants.append((data["data_file"], timezone.make_aware(end), data["download_limit"]))
                        if grants:
                            workflow.transition(application, workflow.A.APPROVED, request.user, message, grants)
                            messages.success(request, _("The application was approved and the files granted."))
                            return redirect("researchers_admin:review", pk=pk)
                        messages.error(request, _("Choose at least one file to grant."))
                    else:
                        messages.error(request, _("Check the files to grant: each needs a future expiry date."))
            except workflow.InvalidTransition:
                messages.error(request, _("That is not possible in the application's current status."))
    reveal = request.user.has_perm("researchers.view_personal_data")
    return TemplateResponse(
        request,
        "researchers/admin/review.html",
        {
            "page_title": f"{application.reference} — {application.title}",
            "header_icon": "form",
            "application": application,
            "events": application.events.select_related("actor"),
            "team": application.team.all(),
            "grants": application.grants.select_related("data_file__dataset"),
            "form": form,
            "grant_forms": grant_forms,
            "actions": workflow.allowed_actions(application, workflow.REVIEWER),
            "reveal": reveal,
            "downloads": DownloadLog.objects.filter(grant__application=application).select_related("user", "data_file")[
                :50
            ],
        },
    )


def members(request):
    if not (
        request.user.has_perm("researchers.decide_membership") or request.user.has_perm("researchers.view_researcher")
    ):
        log_security_event(request, SecurityEvent.Kind.NO_PERMISSION, detail="researchers.members")
        raise PermissionDenied
    status = request.GET.get("status", MembershipStatus.PENDING)
    qs = Researcher.objects.select_related("user").annotate(n_apps=Count("applications"))
    if status in MembershipStatus.values:
        qs = qs.filter(status=status)
    q = request.GET.get("q", "").strip()[:100]
    reveal = request.user.has_perm("researchers.view_personal_data")
    if q:
        cond = Q(user__first_name__icontains=q) | Q(user__last_name__icontains=q) | Q(affiliation__icontains=q)
        if reveal:
            cond |= Q(national_id=q) | Q(user__email__iexact=q)
        qs = qs.filter(cond)
    page_obj = Paginator(qs.order_by("-created_at"), 30).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "researchers/admin/members.html",
        {
            "page_title": _("Club members"),
            "header_icon": "group",
            "page_obj": page_obj,
            "status": status,
            "statuses": MembershipStatus.choices,
            "reveal": reveal,
            "q": q,
            "can_decide": request.user.has_perm("researchers.decide_membership"),
        },
    )


@require_POST
def decide_member(request, pk):
    require_perm(request, "researchers.decide_membership")
    researcher = get_object_or_404(Researcher, pk=pk)
    decision = request.POST.get("decision")
    if researcher.anonymised_at or decision not in ("approve", "reject"):
        messages.error(request, _("That is not possible for this member."))
        return redirect("researchers_admin:members")
    researcher.status = MembershipStatus.APPROVED if decision == "approve" else MembershipStatus.REJECTED
    researcher.decided_at = timezone.now()
    researcher.decided_by = request.user
    researcher.decision_note = request.POST.get("note", "")[:1000]
    researcher.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])

    notify_membership(researcher)
    messages.success(request, _("Decision saved and the member told by email."))
    return redirect(next_url(request, "researchers_admin:members"))


def download_log(request):
    require_perm(request, "researchers.review_application")
    qs = DownloadLog.objects.select_related("user", "data_file__dataset", "grant__application")
    only = request.GET.get("only")
    if only == "refused":
        qs = qs.filter(succeeded=False)
    elif only == "served":
        qs = qs.filter(succeeded=True)
    page_obj = Paginator(qs, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "researchers/admin/download_log.html",
        {
            "page_title": _("Download log"),
            "header_icon": "download",
            "page_obj": page_obj,
            "only": only,
            "events": SecurityEvent.objects.select_related("user")[:30],
        },
    )

"""The club's public views: registration, email verification, log in/out,
password reset, the member's profile, applications, grants and downloads."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.enums import AccessLevel
from catalog.models import Dataset
from catalog.views import open_file_or_404
from core.client_ip import client_ip
from core.language import current_language
from core.login_guard import guarded_login

from . import workflow
from .enums import ApplicationStatus
from .forms import ApplicationForm, LoginForm, ProfileForm, RegistrationForm, TeamFormSet
from .models import (
    Application,
    DownloadLog,
    Grant,
    Researcher,
    ResearchersIndexPage,
    SecurityEvent,
    log_security_event,
)
from .ratelimits import limited
from .validators import proposal_max_bytes

VERIFY_SALT = "researchers.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


def _researcher(request):
    return getattr(request.user, "researcher", None) if request.user.is_authenticated else None


def club_page():
    lang = current_language()
    return (
        ResearchersIndexPage.objects.live().filter(locale__language_code=lang).first()
        or ResearchersIndexPage.objects.live().first()
    )


# --- registration and email ------------------------------------------------


def send_verification(request, researcher):
    token = signing.dumps({"u": researcher.user_id, "e": researcher.user.email}, salt=VERIFY_SALT)
    url = request.build_absolute_uri(reverse("researchers:verify_email", args=[token]))
    parts = []
    for lang in ("fa", "en"):
        with translation.override(lang):
            parts.append(render_to_string("researchers/email/verify.txt", {"url": url, "researcher": researcher}))
    with translation.override("fa"):
        subject = _("Confirm your email for the researchers club")
    send_mail(subject, "\n\n-----\n\n".join(parts), None, [researcher.user.email])


@limited(key="ip", rate="10/h", method="POST")
def register(request):
    """A new account and a duplicate get the same answer (the "check your email"
    page), so the form tells no one which national IDs or emails have accounts;
    the owner of an existing account is told by email instead."""
    if request.user.is_authenticated:
        return redirect("researchers:profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and form.duplicate:
            make_password(form.cleaned_data["password1"])  # as long as creating an account takes
            for user in {u.pk: u for u in form.existing_users}.values():
                send_account_exists(request, user)
            log_security_event(request, SecurityEvent.Kind.DUPLICATE_REGISTRATION)
            return redirect("researchers:register_sent")
        if form.is_valid():
            with transaction.atomic():
                researcher = form.save()
            send_verification(request, researcher)
            return redirect("researchers:register_sent")
        log_security_event(request, SecurityEvent.Kind.INVALID_REGISTRATION, detail=", ".join(sorted(form.errors)))
    return render(request, "researchers/register.html", {"form": form})


def register_sent(request):
    return render(request, "researchers/register_sent.html")


def send_account_exists(request, user):
    if not user.email:
        return
    context = {
        "login_url": request.build_absolute_uri(reverse("researchers:login")),
        "reset_url": request.build_absolute_uri(reverse("researchers:password_reset")),
    }
    parts = []
    for lang in ("fa", "en"):
        with translation.override(lang):
            parts.append(render_to_string("researchers/email/account_exists.txt", context))
    with translation.override("fa"):
        subject = _("Someone tried to register with your details")
    send_mail(subject, "\n\n-----\n\n".join(parts), None, [user.email])


def verify_email(request, token):
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
        researcher = Researcher.objects.select_related("user").get(user_id=data["u"])
        if researcher.user.email != data["e"]:
            raise signing.BadSignature
    except (signing.BadSignature, Researcher.DoesNotExist, KeyError, TypeError):
        log_security_event(request, SecurityEvent.Kind.BAD_TOKEN, detail="email verification")
        return render(request, "researchers/verify_failed.html", status=400)
    first_time = not researcher.email_verified_at
    if first_time:
        researcher.email_verified_at = timezone.now()
        researcher.save(update_fields=["email_verified_at"])
        if not request.user.is_authenticated:
            # Registration logs no one in (its answer must not differ for a duplicate):
            # the first confirmation of the address, proven by the signed link, does.
            auth_login(request, researcher.user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Thank you: your email address is confirmed."))
    if request.user.is_authenticated:
        return redirect("researchers:profile")
    return redirect("researchers:login")


@login_required
@require_POST
@limited(key="user", rate="3/h", method="POST")
def resend_verification(request):
    researcher = _researcher(request)
    if researcher and not researcher.email_verified:
        send_verification(request, researcher)
        messages.info(request, _("We have sent the link again."))
    return redirect("researchers:profile")


# --- log in, log out, password reset -----------------------------------------


# Failures counted with the admins' log-ins, per normalised email and per address.
@method_decorator(guarded_login, name="post")
class LoginView(auth_views.LoginView):
    template_name = "researchers/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("researchers:profile")


class LogoutView(auth_views.LogoutView):
    def get_success_url(self):
        return reverse("researchers:login")


@method_decorator(limited(key="ip", rate="5/h", method="POST"), name="post")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "researchers/password_reset.html"
    email_template_name = "researchers/email/password_reset.txt"
    subject_template_name = "researchers/email/password_reset_subject.txt"
    success_url = reverse_lazy("researchers:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "researchers/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "researchers/password_reset_confirm.html"
    success_url = reverse_lazy("researchers:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "researchers/password_reset_complete.html"


# --- the member's area ---------------------------------------------------------


@login_required
def profile(request):
    researcher = _researcher(request)
    if researcher is None:
        return render(request, "researchers/not_a_member.html", status=403)
    form = ProfileForm(request.POST or None, instance=researcher)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("researchers:profile")
    applications = researcher.applications.prefetch_related("datasets").order_by("-updated_at")
    grants = (
        Grant.objects.filter(application__researcher=researcher, application__status=ApplicationStatus.APPROVED)
        .select_related("data_file__dataset", "application")
        .order_by("expires_at")
    )
    return render(
        request,
        "researchers/profile.html",
        {"researcher": researcher, "form": form, "applications": applications, "grants": grants, "now": timezone.now()},
    )


def _own_application(request, pk):
    researcher = _researcher(request)
    if researcher is None:
        raise Http404
    return get_object_or_404(Application, pk=pk, researcher=researcher)


def _member_or_refuse(request):
    researcher = _researcher(request)
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


# --- downloads ---------------------------------------------------------------


def _log_download(request, reason, grant=None, data_file=None):
    return DownloadLog.objects.create(
        user=request.user if request.user.is_authenticated else None,
        grant=grant,
        data_file=data_file or (grant.data_file if grant else None),
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        path=request.path[:300],
        succeeded=reason == DownloadLog.Reason.OK,
        reason=reason,
    )


def _refuse(request, reason, grant=None, data_file=None, status=403):
    _log_download(request, reason, grant=grant, data_file=data_file)
    messages_for = {
        DownloadLog.Reason.NOT_LOGGED_IN: _("Log in to download files."),
        DownloadLog.Reason.UNKNOWN: _("This download link is not valid."),
        DownloadLog.Reason.NOT_OWNER: _("This download link is not valid."),
        DownloadLog.Reason.NOT_APPROVED: _("The application behind this link is not approved."),
        DownloadLog.Reason.EXPIRED: _("Your access to this file has expired."),
        DownloadLog.Reason.LIMIT: _("You have used all the downloads allowed for this file."),
        DownloadLog.Reason.REVOKED: _("Access to this file was withdrawn."),
        DownloadLog.Reason.NOT_MEMBER: _("This file is for approved members of the researchers club."),
        DownloadLog.Reason.MISSING: _("The file is not available right now; please tell the data team."),
    }
    return render(
        request, "researchers/download_refused.html", {"message": messages_for.get(reason, "")}, status=status
    )


def _stream(data_file):
    handle = data_file.file.storage.open(data_file.file.name, "rb")
    response = FileResponse(handle, as_attachment=True, filename=data_file.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download(request, token):
    """A granted file. Every request is checked and logged; the token alone is not enough."""
    if not request.user.is_authenticated:
        _log_download(request, DownloadLog.Reason.NOT_LOGGED_IN)
        return redirect(f"{reverse('researchers:login')}?next={request.path}")
    token = str(token)[:64]
    with transaction.atomic():
        grant = (
            Grant.objects.select_for_update()
            .select_related("application__researcher", "data_file")
            .filter(token=token)
            .first()
        )
        if grant is None:
            return _refuse(request, DownloadLog.Reason.UNKNOWN, status=404)
        if grant.application.researcher.user_id != request.user.pk:
            # Someone else's link: as good as unknown to them.
            return _refuse(request, DownloadLog.Reason.NOT_OWNER, grant=grant, status=404)
        if grant.revoked_at:
            return _refuse(request, DownloadLog.Reason.REVOKED, grant=grant)
        if grant.application.status != ApplicationStatus.APPROVED:
            reason = (
                DownloadLog.Reason.EXPIRED
                if grant.application.status == ApplicationStatus.EXPIRED
                else DownloadLog.Reason.NOT_APPROVED
            )
            return _refuse(request, reason, grant=grant)
        if not grant.application.researcher.is_member:
            return _refuse(request, DownloadLog.Reason.NOT_MEMBER, grant=grant)
        if grant.is_expired():
            return _refuse(request, DownloadLog.Reason.EXPIRED, grant=grant)
        if grant.downloads_used >= grant.download_limit:
            return _refuse(request, DownloadLog.Reason.LIMIT, grant=grant, status=429)
        if not grant.data_file.file or not grant.data_file.file.storage.exists(grant.data_file.file.name):
            return _refuse(request, DownloadLog.Reason.MISSING, grant=grant, status=503)
        _log_download(request, DownloadLog.Reason.OK, grant=grant)
    return _stream(grant.data_file)


def open_file(request, file_uuid):
    """Files of open datasets (anyone) and public-use files (approved members).
    Licensed and enclave files are never served here (404)."""
    data_file = open_file_or_404(file_uuid)
    if data_file.access_level == AccessLevel.PUBLIC_USE:
        researcher = _researcher(request)
        if not request.user.is_authenticated:
            _log_download(request, DownloadLog.Reason.NOT_LOGGED_IN, data_file=data_file)
            return redirect(f"{reverse('researchers:login')}?next={request.path}")
        if researcher is None or not researcher.is_member:
            return _refuse(request, DownloadLog.Reason.NOT_MEMBER, data_file=data_file)
    if not data_file.file.storage.exists(data_file.file.name):
        return _refuse(request, DownloadLog.Reason.MISSING, data_file=data_file, status=503)
    _log_download(request, DownloadLog.Reason.OK, data_file=data_file)
    return _stream(data_file)


def proposal_download_allowed(user, application):
    return application.researcher.user_id == user.pk or workflow.can_review(user)


@login_required
def proposal(request, pk):
    application = get_object_or_404(Application, pk=pk)
    if not proposal_download_allowed(request.user, application) or not application.proposal:
        log_security_event(request, SecurityEvent.Kind.NO_PERMISSION, detail=f"proposal of application {pk}")
        raise Http404
    handle = application.proposal.storage.open(application.proposal.name, "rb")
    response = FileResponse(handle, as_attachment=True, filename=f"{application.reference}-proposal.pdf")
    response["Cache-Control"] = "private, no-store"
    response["Content-Type"] = "application/pdf"
    return response

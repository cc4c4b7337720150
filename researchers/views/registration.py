"""Registration, email verification and sending the link again."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import RegistrationForm
from ..models import Researcher, SecurityEvent, log_security_event
from ..ratelimits import limited
from .member import researcher_of

VERIFY_SALT = "researchers.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


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
    researcher = researcher_of(request)
    if researcher and not researcher.email_verified:
        send_verification(request, researcher)
        messages.info(request, _("We have sent the link again."))
    return redirect("researchers:profile")

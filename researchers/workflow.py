"""The application state machine. Every change goes through `transition()`:
it checks that the move is allowed from the current status and by this kind
of actor, writes an ApplicationEvent row and emails the applicant.

    draft ──submit──► submitted ──approve──► approved ──(all grants expire)──► expired
      │                 │  ▲  │
      │        ask info │  │ resubmit         reject ──► rejected
      │                 ▼  │  │
      │               more_info ──reject──► rejected
      └─ withdraw (from draft, submitted or more_info) ──► withdrawn
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .enums import ApplicationStatus as S
from .models import Application, ApplicationEvent, Grant

APPLICANT, REVIEWER, SYSTEM = "applicant", "reviewer", "system"
A = ApplicationEvent.Action


@dataclass(frozen=True)
class Move:
    action: str
    source: tuple
    target: str
    by: str


MOVES = {
    A.SUBMITTED: Move(A.SUBMITTED, (S.DRAFT,), S.SUBMITTED, APPLICANT),
    A.RESUBMITTED: Move(A.RESUBMITTED, (S.MORE_INFO,), S.SUBMITTED, APPLICANT),
    A.WITHDRAWN: Move(A.WITHDRAWN, (S.DRAFT, S.SUBMITTED, S.MORE_INFO), S.WITHDRAWN, APPLICANT),
    A.MORE_INFO: Move(A.MORE_INFO, (S.SUBMITTED,), S.MORE_INFO, REVIEWER),
    A.APPROVED: Move(A.APPROVED, (S.SUBMITTED,), S.APPROVED, REVIEWER),
    A.REJECTED: Move(A.REJECTED, (S.SUBMITTED, S.MORE_INFO), S.REJECTED, REVIEWER),
    A.EXPIRED: Move(A.EXPIRED, (S.APPROVED,), S.EXPIRED, SYSTEM),
}
TERMINAL = {S.REJECTED, S.WITHDRAWN, S.EXPIRED}


class InvalidTransition(Exception):
    """The move is not allowed from the application's current status."""

    def __init__(self, application, action):
        self.application = application
        self.action = action
        super().__init__(f"{action} is not allowed from {application.status}")


def allowed_actions(application, role):
    return [m.action for m in MOVES.values() if m.by == role and application.status in m.source]


def can_review(user):
    return bool(user and user.is_authenticated and user.has_perm("researchers.review_application"))


def _check_actor(application, move, actor):
    if move.by == APPLICANT:
        if actor is None or application.researcher.user_id != actor.pk:
            raise PermissionDenied
    elif move.by == REVIEWER:
        if not can_review(actor):
            raise PermissionDenied
        if application.researcher.user_id == actor.pk:
            # A committee member never decides on their own application.
            raise PermissionDenied


def transition(application, action, actor=None, message="", grants=None):
    """Move `application` by `action`. `grants` (for approval) is a list of
    (DataFile, expires_at, download_limit). Returns the event row."""
    move = MOVES.get(action)
    if move is None:
        raise InvalidTransition(application, action)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in move.source:
            raise InvalidTransition(locked, action)
        _check_actor(locked, move, actor)
        if action == A.APPROVED and not grants:
            raise ValueError("An approval grants at least one file.")
        if action in (A.SUBMITTED, A.RESUBMITTED):
            missing = submission_problems(locked)
            if missing:
                raise ValueError("; ".join(str(m) for m in missing))
        now = timezone.now()
        event = ApplicationEvent.objects.create(
            application=locked,
            actor=actor,
            at=now,
            action=action,
            from_status=locked.status,
            to_status=move.target,
            message=message or "",
        )
        locked.status = move.target
        if action in (A.SUBMITTED, A.RESUBMITTED):
            locked.submitted_at = now
        if action in (A.APPROVED, A.REJECTED):
            locked.decided_at = now
        locked.save(update_fields=["status", "submitted_at", "decided_at", "updated_at"])
        if action == A.APPROVED:
            for data_file, expires_at, limit in grants:
                Grant.objects.create(
                    application=locked,
                    data_file=data_file,
                    expires_at=expires_at,
                    download_limit=limit,
                    granted_by=actor,
                    granted_at=now,
                )
    application.refresh_from_db()
    notify_applicant(application, event)
    if action in (A.SUBMITTED, A.RESUBMITTED):
        notify_committee(application, event)
    return event


def committee_emails():
    User = get_user_model()
    perm = Q(groups__permissions__codename="review_application") | Q(user_permissions__codename="review_application")
    return sorted(set(User.objects.filter(perm, is_active=True).exclude(email="").values_list("email", flat=True)))


def notify_committee(application, event):
    """Tell the data exchange committee that an application waits in its queue."""
    recipients = committee_emails()
    if not recipients:
        return
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    url = base + reverse("researchers_admin:review", args=[application.pk])
    with translation.override("fa"):
        subject = str(_("Application %(ref)s is waiting for review") % {"ref": application.reference})
        body = render_to_string(
            "researchers/email/committee.txt", {"application": application, "event": event, "url": url}
        )
    EmailMessage(subject, body, None, to=[], bcc=recipients).send()


def comment(application, actor, message, internal=False):
    """A reviewer's comment: logged; sent to the applicant unless internal."""
    if not can_review(actor):
        raise PermissionDenied
    if application.status == S.DRAFT:
        raise InvalidTransition(application, A.COMMENTED)
    event = ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        action=A.COMMENTED,
        from_status=application.status,
        to_status=application.status,
        message=message,
        internal=internal,
    )
    if not internal:
        notify_applicant(application, event)
    return event


def log_created(application, actor):
    return ApplicationEvent.objects.create(
        application=application, actor=actor, action=A.CREATED, to_status=application.status
    )


def submission_problems(application):
    """What a draft still lacks before it can be submitted."""
    problems = []
    if not application.datasets.exists():
        problems.append(_("Choose at least one dataset."))
    if not application.proposal:
        problems.append(_("Attach the research proposal (PDF)."))
    if not application.terms_accepted_at:
        problems.append(_("Accept the terms of use."))
    if not application.researcher.is_member:
        problems.append(_("Your club membership must be approved and your email verified."))
    return problems


def expire_due_applications(now=None):
    """Approved applications whose every grant has expired become expired.
    Cheap enough to run every scheduler tick (one indexed query)."""
    now = now or timezone.now()
    due = (
        Application.objects.filter(status=S.APPROVED)
        .exclude(grants__expires_at__gt=now)
        .values_list("pk", flat=True)[:100]
    )
    count = 0
    for pk in list(due):
        application = Application.objects.get(pk=pk)
        try:
            transition(application, A.EXPIRED, actor=None, message="")
            count += 1
        except InvalidTransition:
            continue
    return count


SUBJECTS = {
    A.CREATED: _("Your application %(ref)s was created"),
    A.SUBMITTED: _("Your application %(ref)s was received"),
    A.RESUBMITTED: _("Your application %(ref)s was received again"),
    A.COMMENTED: _("A comment on your application %(ref)s"),
    A.MORE_INFO: _("More information is needed for your application %(ref)s"),
    A.APPROVED: _("Your application %(ref)s was approved"),
    A.REJECTED: _("Your application %(ref)s was not approved"),
    A.WITHDRAWN: _("Your application %(ref)s was withdrawn"),
    A.EXPIRED: _("Your access under application %(ref)s has expired"),
}


def notify_applicant(application, event):
    """Email the applicant in Persian and English (we do not know which they read)."""
    user = application.researcher.user
    if not user.email or application.researcher.anonymised_at:
        return
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    parts = []
    subject = ""
    for lang in ("fa", "en"):
        with translation.override(lang):
            url = base + reverse("researchers:application_detail", args=[application.pk])
            context = {"application": application, "event": event, "url": url, "user": user}
            if lang == "fa":
                subject = str(SUBJECTS[event.action] % {"ref": application.reference})
            parts.append(render_to_string("researchers/email/application_event.txt", context))
    send_mail(subject, "\n\n-----\n\n".join(parts), None, [user.email])
    ApplicationEvent.objects.filter(pk=event.pk).update(emailed=True)

"""The researchers club, microdata access applications, their review, grants
and downloads. Everything that must be reported on (decisions, grants,
downloads, refusals) is kept as rows."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.client_ip import client_ip
from core.storage import private_storage
from iran.validators import validate_national_id

from .enums import AffiliationType, ApplicationStatus, Degree, MembershipStatus
from .validators import validate_iran_mobile, validate_orcid


class ResearchersIndexPage(Page):
    """/fa/researchers/: what the club is, how to join and apply. The forms and
    the member's area are Django views beside it (researchers/urls.py)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = RichTextField(_("how access works"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"])
    terms = RichTextField(_("terms of use of microdata"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("terms")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("researchers club page")


class Researcher(models.Model):
    """A member of the researchers club. Wagtail's admin and Django's auth work on
    the User model, so the researcher's own data lives here, one-to-one with a
    User: staff accounts stay plain Users, a researcher is a User with a profile."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="researcher")
    national_id = models.CharField(
        _("national ID"), max_length=10, unique=True, null=True, validators=[validate_national_id]
    )
    mobile = models.CharField(_("mobile"), max_length=11, blank=True, validators=[validate_iran_mobile])
    affiliation = models.CharField(_("affiliation"), max_length=200)
    affiliation_type = models.CharField(_("type of affiliation"), max_length=20, choices=AffiliationType.choices)
    degree = models.CharField(_("highest degree"), max_length=20, choices=Degree.choices)
    field = models.CharField(_("field of study"), max_length=200)
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True, validators=[validate_orcid])
    newsletter = models.BooleanField(_("receive the newsletter"), default=False)
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)
    status = models.CharField(
        _("membership"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("researcher")
        verbose_name_plural = _("researchers")
        permissions = [
            ("view_personal_data", _("Can see researchers' personal data")),
            ("decide_membership", _("Can approve or reject club membership")),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.anonymised_at:
            return str(_("anonymised member"))
        return self.user.get_full_name() or self.user.username

    @property
    def email_verified(self):
        return self.email_verified_at is not None

    @property
    def is_member(self):
        return self.status == MembershipStatus.APPROVED and self.email_verified and self.user.is_active

    @property
    def masked_national_id(self):
        return mask(self.national_id)


def mask(value, keep=2):
    value = value or ""
    if len(value) <= keep:
        return "•" * len(value)
    return "•" * (len(value) - keep) + value[-keep:]


def _proposal_path(instance, filename):
    return f"proposals/{uuid.uuid4().hex}.pdf"


class Application(models.Model):
    """A microdata access application (NADA's licensed-data request)."""

    researcher = models.ForeignKey(
        Researcher, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="applications"
    )
    title = models.CharField(_("research title"), max_length=300)
    purpose = models.TextField(_("purpose of the research"))
    outputs = models.TextField(_("expected outputs"))
    datasets = models.ManyToManyField("catalog.Dataset", verbose_name=_("datasets"), related_name="applications")
    variables = models.ManyToManyField(
        "catalog.Variable", verbose_name=_("variables needed"), related_name="applications", blank=True
    )
    period_from = models.CharField(_("from period"), max_length=10)
    period_to = models.CharField(_("to period"), max_length=10)
    merge_with_other_data = models.BooleanField(_("will be merged with other data"), default=False)
    merge_description = models.TextField(_("what it will be merged with"), blank=True)
    proposal = models.FileField(
        _("research proposal (PDF)"), storage=private_storage, upload_to=_proposal_path, blank=True, max_length=200
    )
    terms_accepted_at = models.DateTimeField(_("terms accepted"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("access application")
        verbose_name_plural = _("access applications")
        permissions = [("review_application", _("Can review microdata access applications"))]

    def __str__(self):
        return self.title

    @property
    def reference(self):
        return f"MDA-{self.pk:05d}" if self.pk else ""

    @property
    def is_editable(self):
        return self.status in (ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO)


class TeamMember(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("name"), max_length=200)
    national_id = models.CharField(_("national ID"), max_length=10, validators=[validate_national_id])
    role = models.CharField(_("role"), max_length=120, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("team member")

    def __str__(self):
        return self.name

    @property
    def masked_national_id(self):
        return mask(self.national_id)


class ApplicationEvent(models.Model):
    """One row per change of an application: who, when, what."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        SUBMITTED = "submitted", _("submitted")
        RESUBMITTED = "resubmitted", _("resubmitted with more information")
        COMMENTED = "commented", _("commented")
        MORE_INFO = "more_info", _("asked for more information")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")
        EXPIRED = "expired", _("expired")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices, blank=True)
    message = models.TextField(blank=True)
    internal = models.BooleanField(
        _("committee only"), default=False, help_text=_("Internal comments are not shown or sent to the applicant.")
    )
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("application event")

    def __str__(self):
        return f"{self.application_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


def _new_token():
    return secrets.token_urlsafe(24)


class Grant(models.Model):
    """A file granted to an approved application, with an expiry and a download limit."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="grants")
    data_file = models.ForeignKey("catalog.DataFile", on_delete=models.PROTECT, related_name="grants")
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    download_limit = models.PositiveSmallIntegerField(_("download limit"), default=3)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "pk"]
        unique_together = [("application", "data_file")]
        verbose_name = _("grant")

    def __str__(self):
        return f"{self.application.reference}: {self.data_file}"

    @property
    def downloads_used(self):
        return self.downloads.filter(succeeded=True).count()

    @property
    def downloads_left(self):
        return max(0, self.download_limit - self.downloads_used)

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at


class DownloadLog(models.Model):
    """Every download and every refused attempt: who, when, which file, from where."""

    class Reason(models.TextChoices):
        OK = "ok", _("served")
        NOT_LOGGED_IN = "anonymous", _("not logged in")
        UNKNOWN = "unknown", _("unknown or forged link")
        NOT_OWNER = "not_owner", _("not the applicant")
        NOT_APPROVED = "not_approved", _("application not approved")
        EXPIRED = "expired", _("grant expired")
        LIMIT = "limit", _("download limit used up")
        REVOKED = "revoked", _("grant revoked")
        NOT_MEMBER = "not_member", _("not an approved member")
        MISSING = "missing", _("file missing on disk")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    grant = models.ForeignKey(Grant, null=True, blank=True, on_delete=models.SET_NULL, related_name="downloads")
    data_file = models.ForeignKey("catalog.DataFile", null=True, blank=True, on_delete=models.SET_NULL)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    path = models.CharField(max_length=300, blank=True)
    succeeded = models.BooleanField(default=False)
    reason = models.CharField(max_length=20, choices=Reason.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("download log entry")
        verbose_name_plural = _("download log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.reason} {self.user_id} {self.data_file_id}"


class SecurityEvent(models.Model):
    """Refused attempts other than downloads: bad uploads, invalid or duplicate
    registrations, reviewers without the permission, rate limits. No secrets
    (passwords, full national IDs) are stored here."""

    class Kind(models.TextChoices):
        INVALID_REGISTRATION = "invalid_registration", _("invalid registration")
        DUPLICATE_REGISTRATION = "duplicate_registration", _("duplicate registration")
        BAD_UPLOAD = "bad_upload", _("refused upload")
        NO_PERMISSION = "no_permission", _("action without permission")
        RATE_LIMITED = "rate_limited", _("rate limited")
        BAD_TOKEN = "bad_token", _("invalid verification link")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    ip = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=300, blank=True)
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("security event")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


def log_security_event(request, kind, detail=""):
    user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
    return SecurityEvent.objects.create(
        kind=kind, user=user, ip=client_ip(request), path=request.path[:300], detail=str(detail)[:500]
    )

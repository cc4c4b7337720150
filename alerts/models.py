"""Email alerts: who asked for what, and a row per email sent.

A `Delivery` is claimed (inserted, unique per subscriber and release) before the
email goes out, so a worker that restarts mid-send never sends twice: the rows
of the first run are already there and the second run skips them."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from releases.models import ReleasePage, topics_from_db
from researchers.models import mask


class Subscriber(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("receiving alerts")
        PENDING = "pending", _("awaiting confirmation")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        ANONYMISED = "anonymised", _("anonymised")

    STATUS_FILTERS = {
        Status.ANONYMISED: Q(email__isnull=True),
        Status.UNSUBSCRIBED: Q(email__isnull=False, unsubscribed_at__isnull=False),
        Status.PENDING: Q(email__isnull=False, unsubscribed_at__isnull=True, confirmed_at__isnull=True),
        Status.ACTIVE: Q(email__isnull=False, unsubscribed_at__isnull=True, confirmed_at__isnull=False),
    }

    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, default="fa")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    topics = models.CharField(_("topics"), max_length=400, blank=True)
    kinds = models.CharField(_("kinds"), max_length=400, blank=True)
    organisations = models.CharField(_("organisations"), max_length=400, blank=True)
    indicators = models.ManyToManyField("indicators.Indicator", blank=True, related_name="+")
    weekly_digest = models.BooleanField(_("weekly «coming up» email"), default=True)
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscriber")
        verbose_name_plural = _("alert subscribers")
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at"])]

    def __str__(self):
        return self.masked_email

    @property
    def masked_email(self):
        """Personal data: shown masked, as in the researchers club."""
        if not self.email:
            return "—"
        local, _at, domain = self.email.partition("@")
        return f"{mask(local, keep=1)}@{domain}"

    @property
    def is_active(self):
        return bool(self.email and self.confirmed_at and not self.unsubscribed_at)

    @property
    def status(self):
        if not self.email:
            return self.Status.ANONYMISED.label
        if self.unsubscribed_at:
            return self.Status.UNSUBSCRIBED.label
        return (self.Status.ACTIVE if self.confirmed_at else self.Status.PENDING).label

    def topic_list(self):
        return topics_from_db(self.topics)

    def kind_list(self):
        return topics_from_db(self.kinds)

    def organisation_list(self):
        return topics_from_db(self.organisations)


class Delivery(models.Model):
    class Kind(models.TextChoices):
        RELEASE = "release", _("release notice")
        DIGEST = "digest", _("weekly digest")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=64, help_text="The release's translation key, or the digest's week.")
    run = models.UUIDField(db_index=True)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "kind", "key"], name="alerts_one_delivery_per_subscriber")
        ]

    def __str__(self):
        return f"{self.kind} {self.key} → {self.subscriber_id}"


class ReleaseNotice(models.Model):
    """One row per released entry whose notice was queued: the scheduler queues it once."""

    translation_key = models.UUIDField(unique=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    sent = models.PositiveIntegerField(_("emails sent"), default=0)

    class Meta:
        verbose_name = _("release notice")
        verbose_name_plural = _("release notices")

    def __str__(self):
        return f"{self.release_title}: {self.sent}"

    @cached_property
    def release_title(self):
        """The entry's Persian title (the notice is one for all its translations)."""
        entry = ReleasePage.objects.filter(translation_key=self.translation_key, locale__language_code="fa").first()
        return entry.title if entry else str(self.translation_key)

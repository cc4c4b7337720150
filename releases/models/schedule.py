"""The schedule's own rows: date changes, holidays, series and the scheduler's heartbeat."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.taxonomy import Organisation, Periodicity, ReleaseKind, periodicity_choices

from ..enums import HolidayShift
from ..topics import topics_from_db


class ReleaseDateChange(models.Model):
    """One change of an entry's announced date: append-only, shown publicly.

    Keyed by the entry's translation key, so every language version shows it."""

    release = models.ForeignKey(
        "releases.ReleasePage", on_delete=models.PROTECT, related_name="+", verbose_name=_("entry")
    )
    translation_key = models.UUIDField(db_index=True, editable=False)
    previous_release_at = models.DateTimeField(_("previous date"))
    new_release_at = models.DateTimeField(_("new date"))
    reason = models.TextField(_("reason"))
    reason_en = models.TextField(_("reason (English)"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("changed by")
    )

    class Meta:
        verbose_name = _("release date change")
        verbose_name_plural = _("release date changes")
        ordering = ["changed_at", "pk"]
        permissions = [("manage_release_schedule", "Can confirm, move and cancel release calendar entries")]

    def __str__(self):
        return f"{self.release_id}: {self.previous_release_at:%Y-%m-%d %H:%M} → {self.new_release_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise PermissionDenied("The log of date changes is append-only.")
        if not self.translation_key:
            self.translation_key = self.release.translation_key
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The log of date changes is append-only.")

    def reason_for(self, lang):
        return self.reason_en if lang == "en" and self.reason_en else self.reason


class Holiday(models.Model):
    """An official holiday, kept by editors; series move their dates off these days."""

    date = models.DateField(_("date"), unique=True, help_text=_("Gregorian date; shown in the Jalali calendar."))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("official holiday")
        verbose_name_plural = _("official holidays")
        ordering = ["date"]

    def __str__(self):
        from iran.dates import format_date

        return f"{format_date(self.date, 'fa')} — {self.name}"


class ReleaseSeries(models.Model):
    """A recurring release: a rule in the Jalali calendar that generates entries
    at least `horizon_months` ahead (`manage.py generate_releases`)."""

    title = models.CharField(_("title (Persian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary = models.TextField(_("summary (Persian)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=ReleaseKind.choices)
    organisation = models.CharField(
        _("producing organisation"), max_length=32, choices=Organisation.choices, default=Organisation.MCLS
    )
    topics = models.CharField(_("topics"), max_length=400, blank=True)
    frequency = models.CharField(
        _("frequency"),
        max_length=16,
        choices=periodicity_choices(Periodicity.MONTHLY, Periodicity.QUARTERLY, Periodicity.ANNUAL),
    )
    day = models.PositiveSmallIntegerField(
        _("day of the month"), default=20, help_text=_("Jalali day; 0 means the last day of the month.")
    )
    month_offset = models.PositiveSmallIntegerField(
        _("months after the reference period"),
        default=1,
        help_text=_(
            "Monthly: 1 = the month after the reference month. Quarterly: months after the quarter ends. "
            "Yearly: the Jalali month of the next year (3 = Khordad)."
        ),
    )
    hour = models.PositiveSmallIntegerField(_("hour (Tehran)"), default=10)
    minute = models.PositiveSmallIntegerField(_("minute"), default=0)
    holiday_shift = models.CharField(
        _("on a Friday or holiday"), max_length=8, choices=HolidayShift.choices, default=HolidayShift.LATER
    )
    horizon_months = models.PositiveSmallIntegerField(_("generate this many months ahead"), default=13)
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("summary"), FieldPanel("summary_en")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("organisation")]),
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                FieldPanel("frequency"),
                FieldRowPanel([FieldPanel("day"), FieldPanel("month_offset")]),
                FieldRowPanel([FieldPanel("hour"), FieldPanel("minute")]),
                FieldPanel("holiday_shift"),
                FieldPanel("horizon_months"),
            ],
            heading=_("Rule"),
        ),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("release series")
        verbose_name_plural = _("release series")
        ordering = ["title"]

    def __str__(self):
        return self.title if (get_language() or "fa")[:2] == "fa" else self.title_en

    def clean(self):
        if self.day > 31:
            raise ValidationError({"day": _("A Jalali month has at most 31 days.")})
        if self.hour > 23 or self.minute > 59:
            raise ValidationError({"hour": _("Give a time between 00:00 and 23:59.")})
        if self.frequency == Periodicity.ANNUAL and not 1 <= self.month_offset <= 12:
            raise ValidationError({"month_offset": _("For a yearly series give the Jalali month, 1–12.")})

    @cached_property
    def topic_list(self):
        return topics_from_db(self.topics)


class SchedulerHeartbeat(models.Model):
    """The scheduler's last round, so editors see at once when it has stopped."""

    name = models.CharField(max_length=40, unique=True)
    last_run = models.DateTimeField()
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("scheduler heartbeat")

    def __str__(self):
        return f"{self.name}: {self.last_run:%Y-%m-%d %H:%M:%S}"

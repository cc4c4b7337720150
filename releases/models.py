import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.taxonomy import (
    Organisation,
    Periodicity,
    ReleaseKind,
    Topic,
    codes_from_db,
    codes_to_db,
    periodicity_choices,
)

from .enums import FINAL_STATUSES, RELEASABLE_STATUSES, HolidayShift, ReleaseStatus

# Topics are stored as «,a,b,» (see core.taxonomy).
topics_to_db, topics_from_db = codes_to_db, codes_from_db


class ReleaseCalendarPage(Page):
    """The calendar index at /<lang>/releases/: listing, filters, month view and feeds."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["releases.ReleasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("release calendar")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "context_data") and response.context_data.get("filter_errors"):
            response.status_code = 400
        return response

    def entries(self):
        return ReleasePage.objects.child_of(self).live()


class ReleaseLinkBlock(blocks.StreamBlock):
    page = blocks.PageChooserBlock(label=_("Page on this site"))
    link = blocks.StructBlock(
        [("title", blocks.CharBlock(label=_("title"))), ("url", blocks.URLBlock(label=_("address")))],
        label=_("Other address"),
        icon="link",
    )


class ReleasePage(Page):
    """One entry of the release calendar. Its title, date and status are public
    in advance; what it releases becomes public at `release_at` (see embargo.py).

    `status`, `release_at` (once confirmed) and the cancellation notice change only
    through the schedule actions in services.py (confirm, move, cancel), which log
    every date change as a row; publishing an old draft never brings them back."""

    summary = models.TextField(_("summary"), blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=ReleaseKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ReleaseStatus.choices, default=ReleaseStatus.PROVISIONAL
    )
    release_at = models.DateTimeField(
        _("announced date and time"),
        help_text=_("Tehran time. For a provisional entry, the best estimate; the public sees only the month."),
    )
    reference_period = models.CharField(
        _("reference period"), max_length=10, blank=True, help_text=_("Jalali: 1403, 1403-Q2 or 1403-07")
    )
    topics = models.CharField(_("topics"), max_length=400, blank=True, db_index=True)
    organisation = models.CharField(
        _("producing organisation"), max_length=32, choices=Organisation.choices, default=Organisation.MCLS
    )
    province = models.CharField(
        _("province"), max_length=60, blank=True, help_text=_("For a provincial directorate: which province.")
    )
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    next_release_text = models.CharField(
        _("next release (text)"),
        max_length=120,
        blank=True,
        help_text=_("Only when there is no next entry in the calendar, e.g. «to be announced»."),
    )
    related_links = StreamField(ReleaseLinkBlock(), blank=True, verbose_name=_("what it releases"))
    series = models.ForeignKey(
        "releases.ReleaseSeries",
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
    )
    cancellation_notice = models.TextField(_("cancellation notice"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, help_text=_("When the scheduler marked the release published.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Editors prepare an entry; a release publisher confirms, moves or cancels it "
                        "with the buttons at the top of the page. Once confirmed, the date can only be "
                        "moved with a reason, which is shown to the public."
                    )
                ),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("series")]),
                FieldPanel("release_at"),
                FieldPanel("reference_period"),
                FieldPanel("status", read_only=True),
            ],
            heading=_("Release"),
        ),
        MultiFieldPanel(
            [FieldPanel("topics"), FieldRowPanel([FieldPanel("organisation"), FieldPanel("province")])],
            heading=_("Topics and producer"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")])],
            heading=_("Contact"),
        ),
        FieldPanel("next_release_text"),
        FieldPanel("related_links"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("status"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["releases.ReleaseCalendarPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("release calendar entry")
        verbose_name_plural = _("release calendar entries")
        indexes = [models.Index(fields=["status", "release_at"])]

    # --- the base form validates dates, topics and the Jalali period ------------
    @classmethod
    def get_edit_handler(cls):
        from .forms import ReleasePageForm

        handler = super().get_edit_handler()
        handler.base_form_class = ReleasePageForm
        return handler

    # --- state -------------------------------------------------------------------
    def is_released(self, now=None) -> bool:
        """True once the announced minute has come for a confirmed entry."""
        now = now or timezone.now()
        return self.status in RELEASABLE_STATUSES and self.release_at <= now

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    def unpublish(self, *args, **kwargs):
        """The record stays public: the admin refuses first, this refuses every other path."""
        if self.is_final:
            raise PermissionDenied("Published or cancelled release calendar entries cannot be unpublished.")
        return super().unpublish(*args, **kwargs)

    def public_state(self, now=None) -> str:
        """What the public sees: upcoming, provisional, released or cancelled."""
        if self.status == ReleaseStatus.CANCELLED:
            return "cancelled"
        if self.is_released(now):
            return "published"
        return self.status

    def is_late(self, now=None, grace_seconds: int = 5) -> bool:
        """Confirmed, its minute passed, and the scheduler has not marked it published."""
        now = now or timezone.now()
        return self.status == ReleaseStatus.CONFIRMED and self.release_at + dt.timedelta(seconds=grace_seconds) <= now

    @property
    def topic_list(self):
        return topics_from_db(self.topics)

    def topic_labels(self):
        names = dict(Topic.choices)
        return [names.get(code, code) for code in self.topic_list]

    def organisation_label(self):
        label = self.get_organisation_display()
        return f"{label} — {self.province}" if self.province else label

    # --- related rows (shared by every language version of the entry) -------------
    def date_changes(self):
        return ReleaseDateChange.objects.filter(translation_key=self.translation_key).order_by("changed_at", "pk")

    def next_entry(self):
        """The next entry of the same series in this language, if the calendar has one.
        An entry outside any series has none: another bulletin of the same kind may
        belong to another organisation's series."""
        if not self.series_id:
            return None
        siblings = ReleasePage.objects.live().filter(locale_id=self.locale_id).exclude(pk=self.pk)
        siblings = siblings.exclude(status=ReleaseStatus.CANCELLED).filter(release_at__gt=self.release_at)
        siblings = siblings.filter(series_id=self.series_id)
        return siblings.order_by("release_at").first()

    def released_pages(self, now=None, for_public=True):
        """Pages released through this entry (any language version of it), in the
        entry's language; for the public only once the minute has come."""
        from .mixins import released_page_models

        if for_public and not self.is_released(now):
            return []
        pages = []
        for model in released_page_models():
            qs = model.objects.live().filter(release__translation_key=self.translation_key, locale_id=self.locale_id)
            pages.extend(qs)
        return pages

    def public_links(self, now=None):
        """The entry's own links, minus any page still under embargo."""
        from .embargo import is_page_embargoed

        links = []
        for block in self.related_links:
            if block.block_type == "page":
                page = block.value
                if page is None or not page.live:
                    continue
                page = page.localized.specific
                if is_page_embargoed(page, now):
                    continue
                links.append({"title": page.title, "url": page.url})
            else:
                links.append({"title": block.value["title"], "url": block.value["url"]})
        return links

    # --- one template per status ---------------------------------------------------
    def get_template(self, request, *args, **kwargs):
        return f"releases/release_page--{self.public_state()}.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["links"] = self.public_links()
        context["released_pages"] = self.released_pages()
        context["date_changes"] = self.date_changes()
        context["next_entry"] = self.next_entry()
        context["lang"] = (get_language() or "fa")[:2]
        return context

    # --- drafts never undo the schedule ---------------------------------------------
    SCHEDULE_FIELDS = ("status", "confirmed_at", "published_at", "cancellation_notice", "cancelled_at")

    def with_content_json(self, content):
        """A revision (an old draft, a scheduled revision, a translation sync) may
        carry a stale status or date: keep the schedule as it is in the database."""
        obj = super().with_content_json(content)
        if self.pk:
            for name in self.SCHEDULE_FIELDS:
                setattr(obj, name, getattr(self, name))
            if self.status != ReleaseStatus.PROVISIONAL:
                obj.release_at = self.release_at
        return obj

    def permissions_for_user(self, user):
        from .permission_testers import ReleasePagePermissionTester

        return ReleasePagePermissionTester(user, self)

    def clean(self):
        super().clean()
        from iran.periods import Period, PeriodError

        if self.reference_period:
            try:
                self.reference_period = Period.parse(self.reference_period).code
            except PeriodError as exc:
                raise ValidationError({"reference_period": str(exc)}) from exc


class ReleaseDateChange(models.Model):
    """One change of an entry's announced date: append-only, shown publicly.

    Keyed by the entry's translation key, so every language version shows it."""

    release = models.ForeignKey(ReleasePage, on_delete=models.PROTECT, related_name="+", verbose_name=_("entry"))
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


# The two-person sign-off task lives with the rest of the sign-off (signoff.py).
from .signoff import TwoPersonApprovalTask  # noqa: E402, F401

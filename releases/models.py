from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from .enums import RELEASABLE_STATUSES, ReleaseKind, ReleaseStatus


class ReleaseCalendarPage(Page):
    """The calendar index at /<lang>/releases/."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["releases.ReleasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("release calendar")


class ReleasePage(Page):
    """One entry of the release calendar. Its title, date and status are public
    in advance; what it releases becomes public at `release_at` (see embargo.py)."""

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

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("status"), FieldPanel("release_at"), FieldPanel("reference_period")],
            heading=_("Release"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("status")]
    parent_page_types = ["releases.ReleaseCalendarPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("release calendar entry")
        verbose_name_plural = _("release calendar entries")
        indexes = [models.Index(fields=["status", "release_at"])]

    def is_released(self, now=None) -> bool:
        """True once the announced minute has come for a confirmed entry."""
        now = now or timezone.now()
        return self.status in RELEASABLE_STATUSES and self.release_at <= now

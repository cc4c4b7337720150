"""One entry of the release calendar and the links block it carries."""

import datetime as dt
import operator
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.taxonomy import Organisation, ReleaseKind, Topic
from iran.periods import Period, PeriodError

from ..embargo import is_page_embargoed, released_page_models
from ..enums import FINAL_STATUSES, RELEASABLE_STATUSES, ReleaseStatus
from ..forms import ReleasePageForm
from ..panels import ReleaseStatusPanel
from ..permission_testers import ReleasePagePermissionTester
from ..topics import topics_from_db
from .schedule import ReleaseDateChange


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
                ReleaseStatusPanel(heading=_("Release status")),
                HelpPanel(
                    content=_(
                        "Editors prepare an entry; a release publisher confirms it, changes its release date "
                        "or cancels it with the buttons above. Once confirmed, the date changes only with a "
                        "reason, which is shown to the public."
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
        entry's language; for the public only once the minute has come. Only the
        models that declare `release` are asked (a yearbook is also a publication:
        asking each subclass too listed it twice), all in one query of plain pages,
        since titles and URLs are all a caller needs: each model's pages in turn,
        by path, as they were listed a model at a time."""
        if for_public and not self.is_released(now):
            return []
        owners = [m for m in released_page_models() if m._meta.get_field("release").model is m]
        owned = [m.objects.filter(release__translation_key=self.translation_key).values("pk") for m in owners]
        if not owned:
            return []
        pages = Page.objects.live().filter(reduce(operator.or_, [Q(pk__in=pks) for pks in owned]))
        # Only what a caller reads (title, URL); ordered here by owning model, then
        # path, as the CASE … WHEN pk IN … ORDER BY did in SQL (it cost more to compile
        # than the query took): a page is in an owner's table when its type is one.
        pages = pages.filter(locale_id=self.locale_id).only("title", "url_path", "path", "content_type_id")
        order = {}

        def owner_index(page):
            if page.content_type_id not in order:
                model = ContentType.objects.get_for_id(page.content_type_id).model_class()  # cached a process
                order[page.content_type_id] = next(
                    (i for i, owner in enumerate(owners) if model is not None and issubclass(model, owner)),
                    len(owners),
                )
            return order[page.content_type_id]

        return sorted(pages, key=lambda page: (owner_index(page), page.path))

    def public_links(self, now=None):
        """The entry's own links, minus any page still under embargo."""
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
        # Each URL through the request's memo of the site root paths, not Wagtail's cache.
        context["released_pages"] = [
            {"title": page.title, "url": page.get_url(request)} for page in self.released_pages()
        ]
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
        return ReleasePagePermissionTester(user, self)

    def clean(self):
        super().clean()
        if self.reference_period:
            try:
                self.reference_period = Period.parse(self.reference_period).code
            except PeriodError as exc:
                raise ValidationError({"reference_period": str(exc)}) from exc

"""Yearbooks and their chapters, bulletins, reports and special issues,
infographics, and the corrections and notices published on them.

Every publication page type subclasses `ReleasedContentMixin`: it goes public
only at its release calendar entry's minute. Statistical blocks read
observations through `publications.data`, where the embargo is applied too."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.taxonomy import Organisation, Periodicity, Topic, periodicity_choices
from iran import dates
from iran.periods import Period, PeriodError
from iran.text import to_persian_digits
from releases.embargo import is_public
from releases.mixins import ReleasedContentMixin

from . import data
from .blocks import OBSERVATION_BLOCK_TYPES, HeadlineStreamBlock, PublicationStreamBlock
from .enums import CorrectionKind, PublicationKind, ReportKind, YearbookScope

# The code lists a provincial or organisation yearbook is filtered by.
PROVINCE_DIMENSION = "province"
ORGANISATION_DIMENSION = "organisation"

PUBLISHER = {
    "fa": "وزارت تعاون، کار و رفاه اجتماعی",
    "en": "Ministry of Cooperatives, Labour and Social Welfare",
}
PORTAL = {"fa": "درگاه آمار", "en": "Statistics Portal"}


class ObservationPageMixin:
    """Pages whose streams hold blocks drawn from observations."""

    stream_field_names = ("body",)

    def scope_filters(self) -> dict:
        return {}

    def observation_blocks(self):
        for name in self.stream_field_names:
            for child in getattr(self, name) or []:
                if child.block_type in OBSERVATION_BLOCK_TYPES:
                    yield child

    def find_block(self, block_id):
        for child in self.observation_blocks():
            if child.id == block_id:
                return child
        return None

    def observation_store(self, now=None):
        """One store for the page, with every block's indicator fetched in bulk."""
        store = data.ObservationStore(now=now, lang=self.locale.language_code)
        codes = [child.value.get("indicator") for child in self.observation_blocks()]
        if codes:
            store.prefetch(codes)
        return store

    def observation_context(self, context):
        context["obs_store"] = self.observation_store()
        context["scope_filters"] = self.scope_filters()
        return context


class PublicationIndexPage(Page):
    """/<lang>/publications/: every publication, filtered by type, topic,
    organisation and year."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = [
        "publications.YearbookPage",
        "publications.BulletinPage",
        "publications.ReportPage",
        "publications.InfographicPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("publications index")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class PublicationPage(ObservationPageMixin, ReleasedContentMixin, Page):
    """What every publication has. Not created directly: see its subclasses."""

    kind = models.CharField(_("kind"), max_length=32, choices=PublicationKind.choices, editable=False)
    summary = models.TextField(_("summary"), blank=True)
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices, blank=True)
    organisation = models.CharField(
        _("producing organisation"), max_length=32, choices=Organisation.choices, default=Organisation.MCLS
    )
    year = models.PositiveSmallIntegerField(
        _("reference year"), null=True, blank=True, help_text=_("Jalali year the figures refer to, e.g. 1402.")
    )
    is_demo = models.BooleanField(_("demo content"), default=False, help_text=_("Shows a «demo figures» label."))
    body = StreamField(PublicationStreamBlock(), blank=True, verbose_name=_("body"))

    is_creatable = False
    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []
    default_kind = ""

    publication_panels = [
        FieldPanel("release"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("topic"), FieldPanel("organisation"), FieldPanel("year"), FieldPanel("is_demo")],
            heading=_("Classification"),
        ),
    ]
    content_panels = Page.content_panels + publication_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("topic"),
        index.FilterField("organisation"),
        index.FilterField("year"),
    ]

    class Meta:
        verbose_name = _("publication")

    def save(self, *args, **kwargs):
        self.kind = self.compute_kind()
        return super().save(*args, **kwargs)

    def compute_kind(self):
        return self.default_kind

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.observation_context(context)
        context["corrections"] = self.public_corrections()
        context["lang"] = self.locale.language_code
        context["citation"] = self.citation_html(request)
        return context

    # -- dates and citation --------------------------------------------
    @property
    def publication_date(self):
        if self.release_id and self.release.release_at:
            return self.release.release_at
        return self.first_published_at or self.latest_revision_created_at or timezone.now()

    def citation(self, lang=None, url=None, isolate=str) -> str:
        """The reference to cite. `url` defaults to the Site's own; `isolate` wraps
        the URL (citation_html keeps it left to right inside Persian text)."""
        lang = (lang or self.locale.language_code)[:2]
        when = self.publication_date
        url = isolate(url or self.full_url or "")
        if lang == "fa":
            year = to_persian_digits(dates.jalali(when).year)
            day = dates.format_date(when, "fa")
            return f"{PUBLISHER['fa']} ({year}). {self.title}. {PORTAL['fa']}. {url} (تاریخ انتشار: {day})."
        year = dates.jalali(when).year
        day = dates.format_date(when, "en")
        return f"{PUBLISHER['en']} ({year}). {self.title}. {PORTAL['en']}. {url} (published {day})."

    def citation_html(self, request):
        """The citation for the page: the URL on the host the reader used (not the
        Site record's, which may be http://localhost), isolated left to right so its
        slashes stay in place in Persian."""
        url = request.build_absolute_uri(self.url) if request is not None else None
        parts = []

        def isolate(text):
            parts.append(text)
            return "\x00"

        text = self.citation(url=url, isolate=isolate)
        before, after = text.split("\x00", 1)
        return format_html('{}<bdi dir="ltr" class="citation-url">{}</bdi>{}', before, parts[0], after)

    def public_corrections(self):
        return Correction.objects.filter(page=self).order_by("published_at", "pk")

    @property
    def kind_label(self):
        return PublicationKind(self.kind).label if self.kind else ""


class YearbookPage(PublicationPage):
    """A statistical yearbook: national, a province's or an organisation's."""

    scope = models.CharField(_("scope"), max_length=16, choices=YearbookScope.choices, default=YearbookScope.NATIONAL)
    province_code = models.CharField(
        _("province code"), max_length=16, blank=True, help_text=_("For a provincial yearbook.")
    )
    organisation_code = models.CharField(
        _("organisation code"), max_length=32, blank=True, help_text=_("For an organisation's yearbook.")
    )
    source_yearbook = models.ForeignKey(
        "self",
        verbose_name=_("generated from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="generated_yearbooks",
    )

    default_kind = PublicationKind.YEARBOOK
    override_translatable_fields = [SynchronizedField("province_code"), SynchronizedField("organisation_code")]
    subpage_types = ["publications.YearbookChapterPage"]
    content_panels = (
        Page.content_panels
        + PublicationPage.publication_panels
        + [
            MultiFieldPanel(
                [FieldPanel("scope"), FieldPanel("province_code"), FieldPanel("organisation_code")],
                heading=_("Scope"),
            ),
            FieldPanel("body", heading=_("Introduction")),
        ]
    )

    class Meta:
        verbose_name = _("statistical yearbook")
        verbose_name_plural = _("statistical yearbooks")

    def clean(self):
        super().clean()
        if self.scope == YearbookScope.PROVINCE and not self.province_code:
            raise ValidationError({"province_code": _("A provincial yearbook needs its province code.")})
        if self.scope == YearbookScope.ORGANISATION and not self.organisation_code:
            raise ValidationError({"organisation_code": _("An organisation's yearbook needs its organisation code.")})

    def scope_filters(self):
        if self.scope == YearbookScope.PROVINCE and self.province_code:
            return {PROVINCE_DIMENSION: [self.province_code]}
        if self.scope == YearbookScope.ORGANISATION and self.organisation_code:
            return {ORGANISATION_DIMENSION: [self.organisation_code]}
        return {}

    def chapters(self, request=None):
        chapters = list(YearbookChapterPage.objects.child_of(self).live().select_related("release").order_by("path"))
        for chapter in chapters:
            chapter.yearbook = self  # its parent: no query a chapter to find it again
        return [
            c
            for c in chapters
            if request is None or not c.is_embargoed() or c.permissions_for_user(request.user).can_edit()
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = self.chapters(request)
        return context


class YearbookChapterPage(ObservationPageMixin, ReleasedContentMixin, Page):
    """A chapter of a yearbook: text and statistical tables built from observations."""

    number = models.PositiveSmallIntegerField(_("chapter number"), default=1)
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(PublicationStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["publications.YearbookPage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("number"), FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = _("yearbook chapter")
        verbose_name_plural = _("yearbook chapters")

    @cached_property
    def yearbook(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    def save(self, *args, **kwargs):
        # A chapter goes public with its yearbook unless it has its own entry.
        if self.release_id is None and self.path:
            parent = self.get_parent()
            if parent is not None and isinstance(parent.specific, YearbookPage):
                self.release_id = parent.specific.release_id
        return super().save(*args, **kwargs)

    def is_embargoed(self, now=None) -> bool:
        yearbook = self.yearbook
        own = not is_public(self.release, now)
        return own or (isinstance(yearbook, YearbookPage) and yearbook.is_embargoed(now))

    def scope_filters(self):
        return self.yearbook.scope_filters() if isinstance(self.yearbook, YearbookPage) else {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.observation_context(context)
        context["lang"] = self.locale.language_code
        if isinstance(self.yearbook, YearbookPage):
            chapters = self.yearbook.chapters(request)
            context["chapters"] = chapters
            context["citation"] = self.yearbook.citation_html(request)
            ids = [c.pk for c in chapters]
            if self.pk in ids:
                i = ids.index(self.pk)
                context["previous_chapter"] = chapters[i - 1] if i > 0 else None
                context["next_chapter"] = chapters[i + 1] if i + 1 < len(chapters) else None
        return context

    def contents(self):
        """The chapter's own table of contents: its headings and tables."""
        items = []
        for child in self.body:
            if child.block_type == "heading":
                items.append(("heading", child.id, str(child.value)))
            elif child.block_type in ("table", "chart"):
                items.append((child.block_type, child.id, child.value.get("title") or ""))
        return items


class BulletinPage(PublicationPage):
    """A monthly or quarterly bulletin: headline figures, main points, analysis."""

    frequency = models.CharField(
        _("frequency"),
        max_length=16,
        choices=periodicity_choices(Periodicity.MONTHLY, Periodicity.QUARTERLY),
        default=Periodicity.MONTHLY,
    )
    reference_period = models.CharField(
        _("reference period"), max_length=10, help_text=_("Jalali: 1403-07 (monthly) or 1403-Q2 (quarterly)")
    )
    headline_figures = StreamField(HeadlineStreamBlock(), blank=True, verbose_name=_("headline figures"))
    main_points = RichTextField(_("main points"), blank=True, features=["ul", "bold", "italic", "link"])

    stream_field_names = ("headline_figures", "body")
    override_translatable_fields = [SynchronizedField("reference_period")]
    content_panels = (
        Page.content_panels
        + PublicationPage.publication_panels
        + [
            MultiFieldPanel([FieldPanel("frequency"), FieldPanel("reference_period")], heading=_("Period")),
            FieldPanel("headline_figures"),
            FieldPanel("main_points"),
            FieldPanel("body", heading=_("Analysis, charts and tables")),
        ]
    )

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")

    def compute_kind(self):
        return (
            PublicationKind.QUARTERLY_BULLETIN
            if self.frequency == Periodicity.QUARTERLY
            else PublicationKind.MONTHLY_BULLETIN
        )

    def clean(self):
        super().clean()
        try:
            period = Period.parse(self.reference_period)
        except PeriodError as exc:
            raise ValidationError({"reference_period": str(exc)}) from exc
        expected = 12 if self.frequency == Periodicity.MONTHLY else 4
        if int(period.periodicity) != expected:
            raise ValidationError(
                {
                    "reference_period": _(
                        "A monthly bulletin refers to a month (1403-07), a quarterly one to a quarter (1403-Q2)."
                    )
                }
            )
        self.reference_period = period.code
        if not self.year:
            self.year = period.year

    @property
    def period(self):
        try:
            return Period.parse(self.reference_period)
        except PeriodError:
            return None


class ReportPage(PublicationPage):
    """An analytical report or a special issue: sections, charts, tables,
    footnotes and downloads."""

    report_kind = models.CharField(
        _("kind of report"), max_length=32, choices=ReportKind.choices, default=ReportKind.ANALYTICAL_REPORT
    )

    content_panels = (
        Page.content_panels + PublicationPage.publication_panels + [FieldPanel("report_kind"), FieldPanel("body")]
    )

    class Meta:
        verbose_name = _("report or special issue")
        verbose_name_plural = _("reports and special issues")

    def compute_kind(self):
        return self.report_kind

    def contents(self):
        return [(child.id, str(child.value)) for child in self.body if child.block_type == "heading"]


class InfographicPage(PublicationPage):
    """An infographic: the image, its full text alternative, and the data behind it."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text_alternative = RichTextField(
        _("full text alternative"),
        features=["h3", "bold", "ul", "ol", "link"],
        help_text=_("Everything the infographic says, in words, for readers who cannot see it."),
    )

    default_kind = PublicationKind.INFOGRAPHIC
    content_panels = (
        Page.content_panels
        + PublicationPage.publication_panels
        + [FieldPanel("image"), FieldPanel("text_alternative"), FieldPanel("body", heading=_("The data behind it"))]
    )
    search_fields = PublicationPage.search_fields + [index.SearchField("text_alternative")]

    class Meta:
        verbose_name = _("infographic")
        verbose_name_plural = _("infographics")

    def clean(self):
        super().clean()
        if not self.image_id:
            raise ValidationError({"image": _("An infographic needs its image.")})


class AppendOnlyError(Exception):
    pass


class Correction(models.Model):
    """A dated, public correction or notice on a publication. Append-only:
    once saved it is never changed or deleted. A correction keeps the version
    of the page that was public before it, which stays viewable (noindex)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="publication_corrections")
    kind = models.CharField(_("kind"), max_length=16, choices=CorrectionKind.choices, default=CorrectionKind.CORRECTION)
    published_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(_("text"), help_text=_("What was wrong and what was changed, or the notice."))
    previous_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version before the correction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("correction or notice")
        verbose_name_plural = _("corrections and notices")
        ordering = ["published_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.published_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("corrections and notices are append-only")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("corrections and notices are append-only")

    @classmethod
    def record(cls, page, *, text, kind=CorrectionKind.CORRECTION, user=None, when=None):
        """Add a correction to `page`, keeping the version that was public before it."""
        previous = None
        if kind == CorrectionKind.CORRECTION:
            previous = previous_live_revision(page)
        return cls.objects.create(
            page=page,
            kind=kind,
            text=text,
            created_by=user,
            previous_revision=previous,
            published_at=when or timezone.now(),
        )

    def previous_version_url(self, lang=None):
        from django.urls import reverse

        if not self.previous_revision_id:
            return ""
        with override(lang or self.page.locale.language_code):
            return reverse("publications:previous_version", args=[self.pk])


def previous_live_revision(page):
    """The revision that was live before the page's current live one."""
    from wagtail.models import PageLogEntry

    published = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .order_by("-timestamp", "-pk")
        .values_list("revision_id", flat=True)
    )
    ids = [rid for rid in published if rid != page.live_revision_id]
    if ids:
        from wagtail.models import Revision

        return Revision.objects.filter(pk=ids[0]).first()
    return None

"""What every publication has: the index page, the publication page, the
observation blocks' page mixin, and the queryset of released publications."""

from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.taxonomy import Organisation, Topic
from iran import dates
from iran.text import to_persian_digits
from releases.embargo import released_q
from releases.mixins import ReleasedContentMixin

from ..enums import PublicationKind
from ..listing import listing_context
from ..store import ObservationStore
from ..streams import OBSERVATION_BLOCK_TYPES, PublicationStreamBlock
from .corrections import Correction

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

    def page_language(self) -> str:
        return self.locale.language_code

    def observation_store(self, now=None):
        """One store for the page, with every block's indicator fetched in bulk."""
        store = ObservationStore(now=now, lang=self.page_language())
        children = list(self.observation_blocks())
        codes = [child.value.get("indicator") for child in children]
        if codes:
            store.prefetch(codes, cells=self._cells_shown(store, children))
        return store

    def _cells_shown(self, store, children) -> dict:
        """{indicator code: the cells its blocks read}: the store reads only those."""
        store.load_indicators([child.value.get("indicator") for child in children])
        scope = self.scope_filters()
        cells: dict[str, list] = {}
        for child in children:
            indicator = store.indicator(child.value.get("indicator"))
            if indicator is not None:
                wanted = child.block.cells(child.value, indicator, scope)
                cells.setdefault(indicator.code, []).extend([wanted] if wanted is not None else [])
        return cells

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
        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, publications_queryset(self.locale).descendant_of(self)))
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


def publications_queryset(locale=None, now=None):
    """Live, public publications whose release minute has come."""
    qs = PublicationPage.objects.live().public().filter(released_q("release", now=now))
    if locale is not None:
        qs = qs.filter(locale=locale)
    return qs.select_related("release")


def latest_publications(locale, limit=4):
    return list(publications_queryset(locale).order_by("-release__release_at", "-first_published_at")[:limit])

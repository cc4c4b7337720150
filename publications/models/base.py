"""What every publication has: the index page, the publication page, the
observation blocks' page mixin, and the queryset of released publications."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction, Revision
from wagtail.search import index

from core.compiled import MARK_NOW, MARK_PATH, CompiledQuery
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

# What a route read with the page: absent = not read (the page reads it itself).
_UNREAD = object()


def due_revision_subquery(now):
    """The pk of the outer page's newest revision whose approved «go live at» has
    come: `ReleasedContentMixin.due_scheduled_version`'s own query, read with the
    page by its route (one query less a request)."""
    due = Revision.page_revisions.filter(object_id=Cast(OuterRef("pk"), CharField()), approved_go_live_at__lte=now)
    return Subquery(due.order_by("-approved_go_live_at", "-created_at").values("pk")[:1])


# The markers of a compiled child lookup (values no page has).


class ChildQuery(CompiledQuery):
    """A CompiledQuery for a child page by slug, read with whether a scheduled
    revision of it is due: its markers are `path` (the parent's, compiled into
    the LIKE prefix «path%»), `depth`, `slug` and `now` (compiled as the
    database adapts a datetime). Call it with `child(parent, slug, now)`."""

    def __init__(self, model, build):
        super().__init__(model, build, path=MARK_PATH, depth=424242001, slug="\x00slug\x00", now=MARK_NOW)

    def child(self, parent, slug, now):
        rows = self(path=parent.path, depth=parent.depth + 1, slug=slug, now=now)
        return rows[0] if rows else None


def no_due_revision(page, now=None) -> bool:
    """True when the route read, with the page, that no scheduled revision is due
    (none, or one not newer than the live one); False when unknown or one is due
    (then `due_scheduled_version` asks the database, as before). Read once: a
    second ask (another clock) asks the database."""
    due = page.__dict__.pop("_due_revision_read", _UNREAD)
    if now is not None or due is _UNREAD:
        return False
    return due is None or bool(page.live and page.live_revision_id and due <= page.live_revision_id)


def public_q():
    """Wagtail's `.public()` (no view restriction on the page or above it) inside
    the query, instead of a query first reading every restriction."""
    above = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return ~Exists(above)


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
        context.update(listing_context(request, publications_queryset(self.locale_id).descendant_of(self), self))
        return context

    def route(self, request, path_components):
        """A publication is read as its own type, with its release, its locale,
        whether a scheduled revision is due and whether it has corrections, in
        one query (Wagtail reads the child, then its specific page; the embargo,
        the language and the corrections then read one more each)."""
        if path_components:
            publication = self.child_publication(path_components[0])
            if publication is not None:
                return publication.route(request, path_components[1:])
        return super().route(request, path_components)

    def child_publication(self, slug):
        """The child publication with this slug as its specific page (None if there
        is none, or it is of a type this does not know: Wagtail's route then)."""
        row = _CHILD_PUBLICATION.child(self, slug, timezone.now())
        if row is None:
            return None
        model = ContentType.objects.get_for_id(row.content_type_id).model_class()  # cached per process
        if model is None or model._meta.model_name not in SPECIFIC_LINKS:
            return None
        try:
            page = getattr(row, model._meta.model_name)
        except ObjectDoesNotExist:
            return None
        if type(page) is not model:
            return None
        page.release = row.release
        page.locale = row.locale
        page._due_revision_read = row.due_revision_read
        page._has_corrections_read = row.has_corrections_read
        return page


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
        context["release_link"] = self.release_link()
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

    def release_link(self):
        """The release entry to link to: Wagtail's `release.localized`, without its
        query for the active Locale when the entry is in the page's language and
        that language is the active one (the page's locale is read already)."""
        if not self.release_id:
            return None
        release = self.release
        try:
            active = get_supported_content_language_variant(get_language())
        except LookupError:
            return release.localized
        if release.locale_id == self.locale_id and self.locale.language_code == active:
            return release
        return release.localized

    def public_corrections(self):
        if self.__dict__.pop("_has_corrections_read", None) is False:
            return Correction.objects.none()  # the route read that there are none
        return Correction.objects.filter(page=self).order_by("published_at", "pk")

    def due_scheduled_version(self, now=None):
        if no_due_revision(self, now):
            return None
        return super().due_scheduled_version(now)

    @property
    def kind_label(self):
        return PublicationKind(self.kind).label if self.kind else ""


# The concrete publication types, by their one-to-one link from PublicationPage.
SPECIFIC_LINKS = ("yearbookpage", "bulletinpage", "reportpage", "infographicpage")


def _child_publication(path, depth, slug, now):
    """PublicationIndexPage.child_publication's query: compiled once (ChildQuery)."""
    return (
        PublicationPage.objects.filter(path__startswith=path, depth=depth, slug=slug)
        .select_related("release", "locale", *SPECIFIC_LINKS)
        .annotate(
            due_revision_read=due_revision_subquery(now),
            has_corrections_read=Exists(Correction.objects.filter(page_id=OuterRef("pk"))),
        )
        .order_by("path")[:1]
    )


_CHILD_PUBLICATION = ChildQuery(PublicationPage, _child_publication)


def publications_queryset(locale=None, now=None):
    """Live, public publications whose release minute has come. `locale`: a Locale or its id."""
    qs = PublicationPage.objects.live().filter(public_q(), released_q("release", now=now))
    if locale is not None:
        qs = qs.filter(locale=locale)
    return qs.select_related("release")


def latest_publications(locale, limit=4):
    return list(publications_queryset(locale).order_by("-release__release_at", "-first_published_at")[:limit])

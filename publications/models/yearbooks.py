"""Statistical yearbooks (national, a province's, an organisation's) and their chapters."""

from dataclasses import dataclass
from functools import partial
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Case, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.compiled import MARK_NOW, MARK_PATH, CompiledQuery
from releases.embargo import is_public, released_q
from releases.mixins import ReleasedContentMixin

from ..enums import (
    PublicationKind,
    YearbookScope,
)
from ..streams import PublicationStreamBlock
from .base import (
    ORGANISATION_DIMENSION,
    PROVINCE_DIMENSION,
    ChildQuery,
    ObservationPageMixin,
    PublicationPage,
    due_revision_subquery,
    no_due_revision,
)

# Django's own quoting of a reversed path (django.urls.resolvers).
_PATH_SAFE = "!$&'()*+,;=" + "/~:@"


@dataclass
class ChapterLink:
    """A chapter as the yearbook's contents and a chapter's previous/next links
    show it: read as values, not as a page object (which costs more to build
    than its link)."""

    pk: int
    title: str
    url: str | None
    contents: list


def stream_contents(raw_blocks):
    """A chapter's table of contents (headings, tables, charts) from its stream's
    raw blocks: what `YearbookChapterPage.contents` reads from the parsed stream."""
    items = []
    for block in raw_blocks or ():
        kind = block.get("type")
        if kind == "heading":
            items.append(("heading", block.get("id"), str(block.get("value") or "")))
        elif kind in ("table", "chart"):
            items.append((kind, block.get("id"), (block.get("value") or {}).get("title") or ""))
    return items


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

    def chapter_links(self, request=None, contents=False):
        """The chapters `chapters(request)` gives, as ChapterLink (with their tables
        of contents if `contents`), in one query of values. A user who may edit
        sees embargoed chapters too: for them, `chapters()` decides, as before."""
        user = getattr(request, "user", None)
        if request is None or (user is not None and user.is_authenticated):
            return [
                ChapterLink(c.pk, c.title, c.get_url(request), c.contents() if contents else [])
                for c in self.chapters(request)
            ]
        # A chapter waits for its own release and for the yearbook's (is_embargoed).
        if self.is_embargoed():
            return []
        rows = _CHAPTER_ROWS[contents](path=self.path, depth=self.depth + 1, now=timezone.now())
        base_url = self.get_url(request)
        links = []
        for pk, title, url_path, _release_id, own_public, *body in rows:
            if not own_public:
                continue
            url = None
            if base_url is not None and url_path.startswith(self.url_path):
                url = base_url + quote(url_path[len(self.url_path) :], safe=_PATH_SAFE)
            links.append(ChapterLink(pk, title, url, stream_contents(body[0].raw_data) if body else []))
        return links

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = self.chapter_links(request, contents=True)
        return context

    def route(self, request, path_components):
        """A chapter is read in one query (not a child lookup and then its specific
        page), with whether a scheduled revision of it is due, and knows its
        yearbook: this page, whose release and locale it shares (usually)."""
        if not path_components:
            return super().route(request, path_components)
        chapter = _CHILD_CHAPTER.child(self, path_components[0], timezone.now())
        if chapter is None:
            raise Http404
        chapter._due_revision_read = chapter.__dict__.pop("due_revision_read")
        chapter.yearbook = self
        # Shared with the yearbook (the usual case): no query to read them again for the chapter.
        if chapter.release_id == self.release_id:
            chapter.release = self.release
        if chapter.locale_id == self.locale_id:
            chapter.locale = self.locale
        return chapter.route(request, path_components[1:])


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
        """The parent yearbook, with its release and locale, in one query."""
        parent_path = self.path[: -self.steplen]
        return YearbookPage.objects.select_related("release", "locale").filter(path=parent_path).first()

    def save(self, *args, **kwargs):
        # A chapter goes public with its yearbook unless it has its own entry.
        if self.release_id is None and self.path:
            parent = self.get_parent()
            if parent is not None and isinstance(parent.specific, YearbookPage):
                self.release_id = parent.specific.release_id
        return super().save(*args, **kwargs)

    def is_embargoed(self, now=None) -> bool:
        yearbook = self.yearbook
        if isinstance(yearbook, YearbookPage) and yearbook.release_id == self.release_id:
            self.release = yearbook.release  # read with the yearbook: no second query
        own = not is_public(self.release, now)
        return own or (isinstance(yearbook, YearbookPage) and yearbook.is_embargoed(now))

    def scope_filters(self):
        return self.yearbook.scope_filters() if isinstance(self.yearbook, YearbookPage) else {}

    def page_language(self) -> str:
        # The yearbook's locale was read with it: no query when the chapter shares it.
        yearbook = self.yearbook
        if yearbook is not None and yearbook.locale_id == self.locale_id:
            return yearbook.locale.language_code
        return super().page_language()

    def due_scheduled_version(self, now=None):
        if no_due_revision(self, now):
            return None
        return super().due_scheduled_version(now)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.observation_context(context)
        context["lang"] = self.page_language()
        if isinstance(self.yearbook, YearbookPage):
            chapters = self.yearbook.chapter_links(request)
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


def _child_chapter(path, depth, slug, now):
    """YearbookPage.route's query: compiled once (ChildQuery)."""
    return (
        YearbookChapterPage.objects.filter(path__startswith=path, depth=depth, slug=slug)
        .annotate(due_revision_read=due_revision_subquery(now))
        .order_by("path")[:1]
    )


_CHILD_CHAPTER = ChildQuery(YearbookChapterPage, _child_chapter)


def _chapter_rows(path, depth, now, contents):
    """YearbookPage.chapter_links' query for the public: the live children (path
    and depth, as `child_of`), each with whether its own release is public at `now`."""
    fields = ["pk", "title", "url_path", "release_id", "own_release_public"] + (["body"] if contents else [])
    return (
        YearbookChapterPage.objects.filter(path__startswith=path, depth=depth)
        .live()
        .annotate(
            own_release_public=Case(
                When(released_q("release", now=now), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("path")
        .values_list(*fields)
    )


# Compiled once (core/compiled.py), with and without the chapters' bodies (their contents).
_CHAPTER_ROWS = {
    contents: CompiledQuery(
        YearbookChapterPage, partial(_chapter_rows, contents=contents), path=MARK_PATH, depth=424242001, now=MARK_NOW
    )
    for contents in (False, True)
}

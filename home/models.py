from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


class HomePage(Page):
    """The portal's front page, one per language. Its sections (upcoming
    releases, latest publications, headline indicators) come from the apps
    that own them; each shows only real content."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)
    body = RichTextField(_("about the portal"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # Read at request time: the sections import the other apps' models, which
        # need the app registry (home's models load before theirs).
        from .sections import sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections(self, request)  # every section in a fixed number of queries
        return context


class StandardPage(Page):
    """A plain text page: about, contact, terms of use, methodology notes."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")

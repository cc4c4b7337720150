"""The table builder (/fa/tables/) and the human-readable API guide (/fa/api/):
Wagtail pages, so editors own their titles and intros and they sit in the menu."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from . import views
from .glossary import TERMS


class IntroPage(Page):
    """A page that exists once where it is placed, with an editor's introduction."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        abstract = True


class TableBuilderPage(IntroPage):
    """Build your own table: indicator → codes → periods → table, pivot, downloads.
    The whole query is in the URL (GET), so a table's address is its permanent link."""

    class Meta:
        verbose_name = _("table builder")

    def serve(self, request, *args, **kwargs):
        return views.builder(request, self)


class ApiGuidePage(IntroPage):
    """How to use the data API, with examples that run against this site."""

    class Meta:
        verbose_name = _("API guide")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.api_guide_context(request))
        return context


class GlossaryPage(IntroPage):
    """The glossary: the portal's terms in Persian and English with definitions;
    each term has an anchor (#term-<slug>) that indicator cards and tables link to."""

    class Meta:
        verbose_name = _("glossary")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = TERMS
        return context


class MethodologyPage(RoutablePageMixin, IntroPage):
    """Methodology per indicator family (topic), built from the identity cards:
    /fa/methodology/ lists the families, /fa/methodology/<topic>/ shows one."""

    class Meta:
        verbose_name = _("methodology")

    @path("")
    def families(self, request):
        return views.methodology(request, self, None)

    @path("<slug:topic>/")
    def family(self, request, topic):
        return views.methodology(request, self, topic)

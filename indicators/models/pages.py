"""The indicator pages: the index (which routes to each indicator's page and
downloads) and the dashboard. Their views live in `indicators.views`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from .. import views


class IndicatorIndexPage(RoutablePageMixin, Page):
    """/fa/indicators/: the list of indicators; serves /fa/indicators/<code>/ and its downloads."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("indicators index")

    def get_template(self, request, *args, **kwargs):
        return "indicators/indicator_index_page.html"

    @path("")
    def index(self, request):
        return views.indicator_index(request, self)

    @path("<slug:code>/")
    def indicator(self, request, code):
        return views.indicator_detail(request, self, code)

    @path("<slug:code>/download/<str:fmt>/")
    def download(self, request, code, fmt):
        return views.indicator_download(request, self, code, fmt)


class DashboardPage(Page):
    """/fa/dashboard/: key indicators against their norms."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)
    content_panels = Page.content_panels + [MultiFieldPanel([FieldPanel("intro")], heading=_("introduction"))]
    max_count_per_parent = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dashboard")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.dashboard_context(request))
        return context

    def get_template(self, request, *args, **kwargs):
        return "indicators/dashboard_page.html"

"""The calendar index page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from ..listing import listing_context
from .entry import ReleasePage


class ReleaseCalendarPage(Page):
    """The calendar index at /<lang>/releases/: listing, filters, month view and feeds."""

    intro = models.CharField(_("introduction"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["releases.ReleasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("release calendar")

    def get_context(self, request, *args, **kwargs):
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

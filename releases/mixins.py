"""What a page type needs to be released through the calendar."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Revision
from wagtail.url_routing import RouteResult

from .approval import signoff_workflow
from .content_forms import ReleasedContentForm
from .embargo import is_public, page_is_visible, released_page_models

# `released_page_models` is defined with the rule (embargo.py) and kept importable from here.
__all__ = ["ReleasedContentMixin", "released_page_models"]


class ReleasedContentMixin(models.Model):
    """Mix into a Page subclass whose content goes public with a calendar entry.

    Before the entry's minute the page answers 404 to anyone who may not edit
    it, exactly like a page that does not exist; editors can preview it."""

    release = models.ForeignKey(
        "releases.ReleasePage",
        verbose_name=_("release calendar entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The page becomes public at this entry's announced minute."),
    )

    class Meta:
        abstract = True

    @classmethod
    def get_edit_handler(cls):
        handler = super().get_edit_handler()
        if handler.base_form_class in (None, WagtailAdminPageForm):
            handler.base_form_class = ReleasedContentForm
        return handler

    def get_workflow(self):
        """Content attached to the calendar goes through the two-person sign-off
        wherever it sits in the tree (approval.py)."""
        return signoff_workflow() or super().get_workflow()

    def is_embargoed(self, now=None) -> bool:
        return not is_public(self.release, now)

    def serve(self, request, *args, **kwargs):
        # The same test as the serve hook's, on the held pages it read for this request.
        if not page_is_visible(self, getattr(request, "user", None), request=request):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def route(self, request, path_components):
        """A revision scheduled to «go live at» a minute is served from that
        minute by the clock, like the rest of the embargo: the scheduler only
        records it (publishes the revision) afterwards."""
        if not path_components:
            due = self.due_scheduled_version()
            if due is not None:
                return RouteResult(due)
        return super().route(request, path_components)

    def due_scheduled_version(self, now=None):
        """The newest revision whose approved «go live at» has come and that is
        not live yet, as a page object; None if there is none."""
        now = now or timezone.now()
        revision = (
            Revision.page_revisions.filter(object_id=str(self.pk), approved_go_live_at__lte=now)
            .order_by("-approved_go_live_at", "-created_at")
            .first()
        )
        if revision is None or (self.live and self.live_revision_id and revision.pk <= self.live_revision_id):
            return None
        version = revision.as_object()
        version.live = True
        return version

    def get_sitemap_urls(self, request=None):
        return [] if self.is_embargoed() else super().get_sitemap_urls(request)

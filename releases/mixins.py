"""What a page type needs to be released through the calendar."""

from django.apps import apps
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .embargo import is_public


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

    def is_embargoed(self, now=None) -> bool:
        return not is_public(self.release, now)

    def serve(self, request, *args, **kwargs):
        if self.is_embargoed() and not self.permissions_for_user(request.user).can_edit():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return [] if self.is_embargoed() else super().get_sitemap_urls(request)


def released_page_models():
    return [m for m in apps.get_models() if issubclass(m, ReleasedContentMixin)]

"""Corrections and notices published on a publication: dated, public, append-only."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.models import PageLogEntry, Revision

from ..enums import (
    CorrectionKind,
)


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
        if not self.previous_revision_id:
            return ""
        with override(lang or self.page.locale.language_code):
            return reverse("publications:previous_version", args=[self.pk])


def previous_live_revision(page):
    """The revision that was live before the page's current live one."""
    published = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .order_by("-timestamp", "-pk")
        .values_list("revision_id", flat=True)
    )
    ids = [rid for rid in published if rid != page.live_revision_id]
    if ids:
        return Revision.objects.filter(pk=ids[0]).first()
    return None

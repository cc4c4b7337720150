"""The files of a dataset, stored privately (see storage.py)."""

import hashlib
import uuid

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.language import Bilingual
from core.storage import private_storage

from ..enums import AccessLevel
from ..validators import validate_period
from ..widgets import PrivateFileInput
from .datasets import Dataset


def data_file_path(instance, filename):
    """Each upload in a folder of its own, so two files of one name never clash."""
    return f"microdata/{instance.dataset.slug}/{uuid.uuid4().hex}/{filename}"


class DataFile(models.Model):
    """A file of a dataset at an access level. Stored privately: even open files
    are served by a view, so every download is logged."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dataset = models.ForeignKey(Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="files")
    title_fa = models.CharField(_("title (Persian)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255)
    access_level = models.CharField(_("access level"), max_length=20, choices=AccessLevel.choices)
    period = models.CharField(_("period"), max_length=10, blank=True, validators=[validate_period])
    file = models.FileField(_("file"), storage=private_storage, upload_to=data_file_path, max_length=300)
    file_format = models.CharField(_("format"), max_length=20, blank=True, help_text=_("e.g. CSV, SAV, DTA"))
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    is_demo = models.BooleanField(_("synthetic demo file"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    title = Bilingual("title")

    panels = [
        FieldPanel("dataset"),
        FieldRowPanel([FieldPanel("title_fa"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("access_level"), FieldPanel("period"), FieldPanel("file_format")]),
        FieldPanel("file", widget=PrivateFileInput),
        FieldPanel("is_demo"),
    ]

    class Meta:
        ordering = ["dataset", "access_level", "title_fa"]
        verbose_name = _("data file")
        verbose_name_plural = _("data files")

    def __str__(self):
        return f"{self.dataset.slug}: {self.title}"

    def save(self, *args, **kwargs):
        if self.file and not self.sha256:
            digest = hashlib.sha256()
            self.file.open("rb")
            for chunk in self.file.chunks():
                digest.update(chunk)
            self.sha256 = digest.hexdigest()
            self.size = self.file.size
        if not self.file_format and self.file:
            self.file_format = self.file.name.rsplit(".", 1)[-1].upper()[:20]
        super().save(*args, **kwargs)

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]

    @classmethod
    def open_or_404(cls, file_uuid):
        """A file served without a grant (open and public-use files of published
        datasets; researchers/views/downloads.py checks who may have it). Any other
        file is answered as if it did not exist."""
        data_file = get_object_or_404(cls.objects.select_related("dataset"), uuid=file_uuid)
        if data_file.is_private or not data_file.dataset.published:
            raise Http404
        return data_file

    @property
    def is_private(self):
        return AccessLevel.is_private(self.access_level)

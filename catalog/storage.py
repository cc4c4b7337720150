"""Private file storage: microdata files and research proposals live under
settings.PRIVATE_ROOT, never under MEDIA_ROOT, and have no URL. They are
served only by views that check who asks (researchers.views.download)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Reads PRIVATE_ROOT on every use, so tests (and deployments) can point it elsewhere."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; they are served by a checked view.")


_private = PrivateStorage()


def private_storage():
    """Callable for FileField(storage=...), so migrations do not freeze a path."""
    return _private

"""Private file storage: microdata files, research proposals and uploaded
warehouse tables live under settings.PRIVATE_ROOT, never under MEDIA_ROOT, and
have no URL. They are served only by views that check who asks
(researchers/views/downloads.py, with private_file_response below) or not at
all (imports)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse


class PrivateStorage(FileSystemStorage):
    """Reads PRIVATE_ROOT on every use, so tests (and deployments) can point it
    elsewhere; `folder` keeps one kind of file apart (e.g. "imports")."""

    def __init__(self, folder: str = ""):
        super().__init__()
        self.folder = folder

    @property
    def base_location(self):
        return os.path.join(str(settings.PRIVATE_ROOT), self.folder) if self.folder else str(settings.PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; they are served by a checked view.")


_private = PrivateStorage()
_imports = PrivateStorage("imports")


def private_storage():
    """Callable for FileField(storage=...), so migrations do not freeze a path."""
    return _private


def import_storage():
    """Uploaded warehouse tables (indicators imports), beside the other private files."""
    return _imports


def private_file_response(field_file, filename, content_type=None):
    """A private file as a download, once the caller has checked who asks: never
    cached by a shared cache or the browser, never sniffed into something runnable."""
    handle = field_file.storage.open(field_file.name, "rb")
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if content_type:
        response["Content-Type"] = content_type
    return response

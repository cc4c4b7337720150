"""Serving public media (`/media/<path>`) in every mode, under the embargo.

The one way a media file leaves the site (nginx must never serve MEDIA_ROOT by
itself): this view
1. resolves the storage name the way Django's storage will (decode, drop empty
   and `.` segments, refuse `..`, NUL and backslashes), so `/media//x`,
   `/media/%2Fx` and `/media/a/./x` are all the file `x` — and the embargo is
   asked about that name, never about the URL string;
2. answers 404, exactly as for a missing file, for anything still under embargo
   (`embargo.is_file_held`) unless the user may edit pages;
3. hands the file over:
   * `settings.MEDIA_X_ACCEL_REDIRECT` set (e.g. "/_protected_media/"): an empty
     answer with `X-Accel-Redirect: <prefix><quoted name>` for nginx's internal
     location (alias MEDIA_ROOT/);
   * a storage with no local path (S3 through django-storages): a private,
     no-store 302 to the storage's (presigned) `url(name)`;
   * otherwise a FileResponse.

`deliver()` is shared with Wagtail's document view (SENDFILE_BACKEND and
`serve_document`), so documents follow the same decision."""

import mimetypes
import os
import posixpath
from urllib.parse import quote, unquote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve

from . import embargo

MAX_DECODE = 3  # %252F → %2F → /: decode until stable, a few times at most


def storage_name(raw: str) -> str | None:
    """The storage name a media path means, or None if it can only be an attack
    or a mistake (dot-dot, NUL, backslash, nothing left)."""
    name = raw or ""
    for _ in range(MAX_DECODE):
        decoded = unquote(name)
        if decoded == name:
            break
        name = decoded
    if "\0" in name or "\\" in name:
        return None
    segments = name.split("/")
    if ".." in segments:
        return None
    name = posixpath.normpath("/" + name).lstrip("/")
    if not name or name == "." or name.startswith(".."):
        return None
    return name


def has_local_path(storage=None) -> bool:
    storage = storage or default_storage
    try:
        storage.path("x")
    except NotImplementedError:
        return False
    except SuspiciousFileOperation:
        return True
    return True


def may_see_embargoed(user) -> bool:
    """Editors preview embargoed pages and need their files."""
    return bool(user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def deliver(name: str, *, storage=None, content_type=None, filename=None, attachment=False):
    """The answer that hands the stored file `name` over (see the module doc)."""
    storage = storage or default_storage
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    prefix = getattr(settings, "MEDIA_X_ACCEL_REDIRECT", "")
    if prefix and has_local_path(storage):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    elif not has_local_path(storage):
        response = HttpResponseRedirect(storage.url(name))
        patch_cache_control(response, private=True, no_store=True)
        return response
    else:
        try:
            handle = storage.open(name, "rb")
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=content_type)
    if filename:
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def serve_media(request, path):
    name = storage_name(path)
    if name is None:
        raise Http404
    try:
        exists = default_storage.exists(name)
    except SuspiciousFileOperation as exc:  # outside MEDIA_ROOT
        raise Http404 from exc
    if not exists:
        raise Http404
    if has_local_path() and not _is_public_media_file(name):
        raise Http404
    if not may_see_embargoed(getattr(request, "user", None)) and embargo.is_file_held(name):
        raise Http404
    return deliver(name)


def _is_public_media_file(name: str) -> bool:
    """A regular file that really lies under MEDIA_ROOT (a symlink may not lead
    out of it, to private files or anywhere else)."""
    root = os.path.realpath(settings.MEDIA_ROOT)
    target = os.path.realpath(default_storage.path(name))
    return target.startswith(root + os.sep) and os.path.isfile(target)


# --- Wagtail documents: the same decision ------------------------------------------------
def sendfile(request, filename, mimetype=None, **kwargs):
    """SENDFILE_BACKEND for Wagtail's document view (it has already run the
    `before_serve_document` hooks, the embargo among them)."""
    root = os.path.realpath(settings.MEDIA_ROOT)
    target = os.path.realpath(filename)
    if not target.startswith(root + os.sep):
        raise Http404
    name = os.path.relpath(target, root).replace(os.sep, "/")
    return deliver(name, content_type=mimetype)


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (hooks, collection privacy, filename check), with
    the S3 branch of `deliver`: Wagtail would stream a remote file through
    Python; we send a private redirect to its presigned address instead."""

    response = serve(request, document_id, document_filename)
    if isinstance(response, FileResponse) and not has_local_path():
        # Close only the remote file: response.close() would send request_finished,
        # which closes the database connection in the middle of this request.
        response.file_to_stream.close()
        document = get_document_model().objects.get(pk=document_id)
        return deliver(document.file.name)
    if response.has_header("X-Accel-Redirect"):
        del response["Content-Length"]  # the body is empty: nginx sends the file
    return response

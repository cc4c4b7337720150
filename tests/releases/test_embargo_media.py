"""How a media file or document leaves the site (releases/media.py): the same
decision for /media/… and /documents/…, each branch through the real routes."""

import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from wagtail.documents import get_document_model

from releases.media import storage_name

pytestmark = pytest.mark.django_db


class NoPathStorage(FileSystemStorage):
    """Like S3 through django-storages: files, presigned URLs, no local path."""

    def path(self, name):
        raise NotImplementedError("remote storage")

    def exists(self, name):
        return os.path.lexists(FileSystemStorage.path(self, name))

    def url(self, name):
        return f"https://bucket.example/{name}?X-Amz-Signature=abc&X-Amz-Expires=60"


@pytest.fixture
def document(db):
    document = get_document_model().objects.create(title="tables")
    document.file.save("tables.csv", ContentFile(b"a,b\n1,2\n"))
    return document


@pytest.mark.parametrize(
    "raw,name",
    [
        ("documents/x.pdf", "documents/x.pdf"),
        ("/documents/x.pdf", "documents/x.pdf"),
        ("documents//x.pdf", "documents/x.pdf"),
        ("%2Fdocuments%2Fx.pdf", "documents/x.pdf"),
        ("%252Fdocuments/x.pdf", "documents/x.pdf"),
        ("./documents/./x.pdf", "documents/x.pdf"),
        ("documents/../x.pdf", None),
        ("..%2Fprivate/x", None),
        ("documents\\x.pdf", None),
        ("documents/x.pdf%00", None),
        ("", None),
        ("/", None),
    ],
)
def test_storage_name_is_what_the_storage_resolves(raw, name):
    assert storage_name(raw) == name


def test_file_response_by_default(client, document):
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"a,b\n1,2\n"
    assert response["Content-Type"].startswith("text/csv")


def test_x_accel_redirect_when_nginx_sends_the_bytes(client, document, settings):
    settings.MEDIA_X_ACCEL_REDIRECT = "/_protected_media/"
    for url in (document.file.url, document.file.url.replace("/media/", "/media//")):
        response = client.get(url)
        assert response.status_code == 200
        assert response.content == b""
        assert response["X-Accel-Redirect"] == "/_protected_media/documents/tables.csv"
        assert response["Content-Type"].startswith("text/csv")
    response = client.get(document.url)  # Wagtail's document view, same decision
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected_media/documents/tables.csv"
    assert response.get("Content-Length", "0") == "0"  # not the file's size: the body is empty
    assert response.content == b""


def test_x_accel_name_is_quoted(client, settings):
    from django.core.files.storage import default_storage

    settings.MEDIA_X_ACCEL_REDIRECT = "/_protected_media/"
    default_storage.save("original_images/جدول 1.png", ContentFile(b"png"))
    response = client.get("/media/original_images/%D8%AC%D8%AF%D9%88%D9%84%201.png")
    assert response["X-Accel-Redirect"] == "/_protected_media/original_images/%D8%AC%D8%AF%D9%88%D9%84%201.png"


def test_presigned_redirect_when_the_storage_has_no_local_path(client, document, monkeypatch, settings):
    from django.core.files import storage as storage_module

    remote = NoPathStorage(location=settings.MEDIA_ROOT)
    monkeypatch.setattr(storage_module.default_storage, "_wrapped", remote)
    document.file.storage = remote
    response = client.get("/media/documents/tables.csv")
    assert response.status_code == 302
    assert response["Location"].startswith("https://bucket.example/documents/tables.csv?X-Amz-Signature=")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_held_files_are_404_in_every_branch(client, settings):
    """The embargo is asked before any branch: a held file is a 404 whichever
    way it would have been sent."""
    import time_machine

    from demo import site as demo
    from tests.builders.publications import block, bulletin, publications_index, release_entry

    fa, _en = demo.ensure_locales()
    home = demo.ensure_home(fa)
    minute = dt.datetime(2026, 12, 11, 6, 30, tzinfo=dt.UTC)
    with time_machine.travel(minute - dt.timedelta(days=1), tick=False):
        document = get_document_model().objects.create(title="held")
        document.file.save("held.csv", ContentFile(b"x\n"))
        entry = release_entry(home, at=minute, status="confirmed")
        bulletin(
            publications_index(home),
            release=entry,
            body=[block("document", {"document": document.pk, "description": ""})],
        )
        for prefix in ("", "/_protected_media/"):
            settings.MEDIA_X_ACCEL_REDIRECT = prefix
            assert client.get(document.file.url).status_code == 404
            assert client.get(document.url).status_code == 404

"""Media on S3-compatible object storage, through a real local S3 server (moto's
server from PyPI) and django-storages, configured the way production's settings
do it from S3_* variables: the bucket stays private, Django applies the embargo,
then redirects to a short-lived signed URL."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import storages

# The embargo world (a calendar with an entry at MINUTE) of the reproduction tests.
from tests.releases.test_embargo_reproductions import AFTER, BEFORE, infographic, new_image, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen([str(server), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(endpoint, timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.1)
    yield endpoint
    process.terminate()
    process.wait(10)


@pytest.fixture
def object_storage(s3_endpoint, settings, monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "portal")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "portal-secret")
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket="media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "media", "endpoint_url": s3_endpoint, "region_name": "us-east-1",
                        "default_acl": "private", "querystring_auth": True, "querystring_expire": 60,
                        "file_overwrite": False},
        },
    }  # fmt: skip
    settings.MEDIA_X_ACCEL_REDIRECT = ""
    storages._storages = {}  # the storage handler caches backends across settings changes
    yield storages["default"]
    storages._storages = {}


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_released_document_is_a_signed_redirect_to_the_private_bucket(client, object_storage):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(title="tables", file=ContentFile(b"a,b\n1,2\n", name="t.csv"))
    name = document.file.name
    for url in (f"/media/{name}", document.url):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "no-store" in response["Cache-Control"]
        assert "Signature=" in response["Location"] and "Expires=" in response["Location"]
        assert _get(response["Location"]) == (200, b"a,b\n1,2\n")
    unsigned = response["Location"].split("?")[0]
    assert _get(unsigned)[0] == 403  # the bucket is private: only signed URLs work


def test_an_embargoed_image_is_not_handed_out(client, object_storage, world):  # noqa: F811 (the fixture)
    with time_machine.travel(BEFORE, tick=False):
        image = new_image()
        infographic(world, world["future"], image)
        assert client.get(f"/media/{image.file.name}").status_code == 404
        assert object_storage.exists(image.file.name)  # held back, not missing
    with time_machine.travel(AFTER, tick=False):
        response = client.get(f"/media/{image.file.name}")
        assert response.status_code == 302
        assert _get(response["Location"])[0] == 200

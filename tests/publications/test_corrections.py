"""Corrections to published publications: notices, history and what readers see."""

import datetime as dt

import pytest
from django.utils import timezone

from publications.enums import CorrectionKind
from publications.models import AppendOnlyError, Correction
from tests.builders.publications import (
    bulletin,
    publish,
    release_entry,
)


def test_corrections_are_public_append_only_and_keep_the_previous_version(world, client, admin_user):
    from django.test import Client

    admin_client = Client()
    admin_client.force_login(admin_user)
    page = bulletin(world.index, release=world.release, main_points="<ul><li>رقم نادرست ۱۲۳</li></ul>")
    page.main_points = "<ul><li>رقم درست ۴۵۶</li></ul>"
    publish(page)
    response = admin_client.post(
        f"/admin/publications/page/{page.pk}/correction/",
        {"kind": CorrectionKind.CORRECTION, "text": "رقم بند اول اصلاح شد."},
    )
    assert response.status_code == 302
    correction = Correction.objects.get(page=page)
    assert correction.previous_revision is not None
    html = client.get(page.url).content.decode()
    assert "رقم بند اول اصلاح شد." in html and "رقم درست" in html
    old = client.get(correction.previous_version_url())
    assert old.status_code == 200
    assert "رقم نادرست" in old.content.decode() and 'name="robots" content="noindex' in old.content.decode()
    assert old["X-Robots-Tag"].startswith("noindex")
    correction.text = "changed"
    with pytest.raises(AppendOnlyError):
        correction.save()
    with pytest.raises(AppendOnlyError):
        correction.delete()
    Correction.record(page, text="اطلاعیه", kind=CorrectionKind.NOTICE)
    assert list(Correction.objects.filter(page=page).values_list("kind", flat=True)) == ["correction", "notice"]


def test_previous_version_of_an_embargoed_page_is_not_public(world, client):
    page = bulletin(world.index, release=world.release, main_points="<p>یک</p>")
    publish(page)
    correction = Correction.record(page, text="اصلاح")
    page.release = release_entry(world.home, at=timezone.now() + dt.timedelta(days=1))
    publish(page)
    assert client.get(correction.previous_version_url()).status_code == 404

"""The researchers club: downloads of granted microdata and their limit."""

import datetime as dt

import pytest
from django.utils import timezone

from researchers.models import DownloadLog
from tests.builders.catalog import catalog_page, dataset, researcher

pytestmark = pytest.mark.django_db


def test_download_within_limit_then_refused(client, granted):
    res, grant = granted
    client.force_login(res.user)
    url = f"/fa/researchers/downloads/{grant.token}/"
    for _ in range(2):
        r = client.get(url, REMOTE_ADDR="10.1.2.3")
        assert r.status_code == 200 and b"".join(r.streaming_content) == b"wage\n1\n2\n"
        assert "attachment" in r["Content-Disposition"] and r["Cache-Control"] == "private, no-store"
    r = client.get(url)
    assert r.status_code == 429 and b"wage" not in r.content
    assert "از همهٔ دفعات دریافت مجاز" in r.content.decode()  # said in the user's language
    logs = list(DownloadLog.objects.order_by("pk").values_list("succeeded", "reason", "ip"))
    assert logs[:2] == [(True, "ok", "10.1.2.3")] * 2 and logs[2][:2] == (False, "limit")
    html = client.get("/en/researchers/account/").content.decode()
    assert "0 / 2" in html or "۰ / ۲" in html


def test_forged_and_foreign_links_are_refused_and_logged(client, granted):
    res, grant = granted
    client.force_login(res.user)
    r = client.get(f"/fa/researchers/downloads/{grant.token[:-2]}xx/")
    assert r.status_code == 404
    other = researcher("o@example.org", national_id="0499370899")
    client.force_login(other.user)
    r = client.get(f"/fa/researchers/downloads/{grant.token}/")
    assert r.status_code == 404 and b"wage" not in r.content
    client.logout()
    r = client.get(f"/fa/researchers/downloads/{grant.token}/")
    assert r.status_code == 302
    reasons = list(DownloadLog.objects.order_by("pk").values_list("reason", flat=True))
    assert reasons == ["unknown", "not_owner", "anonymous"]
    assert not DownloadLog.objects.filter(succeeded=True).exists()


def test_expired_grant_is_refused(client, granted):
    res, grant = granted
    client.force_login(res.user)
    # The grant's minute has passed (the expiry job has not run yet).
    type(grant).objects.filter(pk=grant.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    r = client.get(f"/en/researchers/downloads/{grant.token}/")
    assert r.status_code == 403 and "expired" in r.content.decode()
    assert DownloadLog.objects.get().reason == "expired"


def test_microdata_never_on_a_public_page(client, granted, home_pages):
    _res, grant = granted
    catalog_page(home_pages[0])
    for url in ["/fa/", "/fa/catalog/", "/fa/catalog/insured/", "/fa/catalog/dcat/", "/fa/catalog/insured/dcat/"]:
        body = client.get(url).content.decode()
        assert grant.token not in body and "wage\n1" not in body and str(grant.data_file.uuid) not in body


def test_public_use_files_only_for_members(client, home_pages):
    ds = dataset("pensioners", access="public_use")
    f = ds.files.get()
    url = f"/en/researchers/files/{f.uuid}/"
    assert client.get(url).status_code == 302  # to the login page
    pending = researcher(approved=False)
    client.force_login(pending.user)
    assert client.get(url).status_code == 403
    client.force_login(researcher("m@example.org", national_id="0499370899").user)
    assert client.get(url).status_code == 200
    assert list(DownloadLog.objects.order_by("pk").values_list("reason", flat=True)) == [
        "anonymous",
        "not_member",
        "ok",
    ]

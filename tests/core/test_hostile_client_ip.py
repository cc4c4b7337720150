"""The visitor's address behind the proxy: believed from X-Forwarded-For / X-Real-IP
only when the request came from settings.TRUSTED_PROXIES; rate limits and logs use it."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from core.client_ip import client_ip
from researchers.models import DownloadLog, SecurityEvent
from tests.builders.catalog import application, approve, dataset, researcher, reviewer

PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def _request(remote, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    ("remote", "headers", "expected"),
    [
        # through our proxy: the address the proxy wrote (right-most), not what the client claimed
        (PROXY, {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "203.0.113.9"),
        (PROXY, {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.9"}, "203.0.113.9"),
        (PROXY, {"HTTP_X_REAL_IP": "2001:db8::7"}, "2001:db8::7"),
        (PROXY, {"HTTP_X_FORWARDED_FOR": "not-an-ip"}, PROXY),
        (PROXY, {}, PROXY),
        # straight from a client: its headers are ignored
        ("198.51.100.4", {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "198.51.100.4"),
        ("198.51.100.4", {"HTTP_X_REAL_IP": "203.0.113.9"}, "198.51.100.4"),
    ],
)
def test_headers_believed_only_from_trusted_proxies(remote, headers, expected):
    assert client_ip(_request(remote, **headers)) == expected


def test_trusted_proxies_setting_accepts_networks_and_can_trust_none(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(_request("10.2.3.4", HTTP_X_FORWARDED_FOR="203.0.113.9")) == "203.0.113.9"
    assert client_ip(_request(PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")) == PROXY
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("10.2.3.4", HTTP_X_FORWARDED_FOR="203.0.113.9")) == "10.2.3.4"


@pytest.mark.django_db
def test_password_reset_limit_is_per_visitor_not_per_proxy(client, home_pages):
    url = "/fa/researchers/password-reset/"
    for _ in range(5):
        r = client.post(url, {"email": "a@example.org"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1")
        assert r.status_code == 302
    r = client.post(url, {"email": "a@example.org"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert r.status_code == 429
    # another visitor behind the same proxy is not refused
    r = client.post(url, {"email": "b@example.org"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert r.status_code == 302
    # the refusal is logged with the visitor's address, not the proxy's
    assert list(SecurityEvent.objects.filter(kind="rate_limited").values_list("ip", flat=True)) == ["203.0.113.1"]


@pytest.mark.django_db
def test_spoofed_header_from_a_client_does_not_escape_the_limit(client, home_pages):
    url = "/fa/researchers/password-reset/"
    for i in range(5):
        client.post(url, {"email": "a@example.org"}, REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")
    r = client.post(url, {"email": "a@example.org"}, REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="10.9.9.99")
    assert r.status_code == 429


@pytest.mark.django_db
def test_download_log_records_the_visitor_behind_the_proxy(client, home_pages):
    res = researcher()
    grant = approve(application(res, dataset()), reviewer(), days=30, limit=1)
    client.force_login(res.user)
    r = client.get(f"/fa/researchers/downloads/{grant.token}/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.77")
    assert r.status_code == 200
    assert DownloadLog.objects.get().ip == "203.0.113.77"

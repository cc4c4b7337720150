"""The researchers club: registration and its bad input."""

import re

import pytest
from django.core import mail

from researchers.models import Researcher, SecurityEvent
from tests.builders.catalog import PASSWORD, researcher
from tests.researchers.helpers import reg_data

pytestmark = pytest.mark.django_db


def test_registration_verifies_email_by_signed_link(client, home_pages):
    r = client.post("/fa/researchers/register/", reg_data())
    assert r.status_code == 302
    res = Researcher.objects.get()
    assert res.national_id == "0013542419" and res.mobile == "09121234567" and res.user.email == "sara@example.org"
    assert res.status == "pending" and not res.email_verified and res.newsletter
    link = re.search(r"https?://\S+/researchers/verify/\S+/", mail.outbox[0].body).group(0)
    # A tampered link is refused and logged.
    r = client.get(link[:-5] + "xxxx/")
    assert r.status_code == 400
    assert SecurityEvent.objects.filter(kind="bad_token").exists()
    r = client.get(link)
    assert r.status_code == 302
    res.refresh_from_db()
    assert res.email_verified


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("national_id", "0013542418", "check digit"),
        ("national_id", "1111111111", "same digit"),
        ("orcid", "0000-0002-1825-0098", "ORCID"),
        ("mobile", "0912123", "mobile"),
        ("password1", "12345678", "password"),
    ],
)
def test_registration_bad_input_is_refused_and_logged(client, home_pages, field, value, message):
    data = reg_data(**{field: value})
    if field == "password1":
        data["password2"] = value
    r = client.post("/en/researchers/register/", data)
    assert r.status_code == 200
    assert message.lower() in r.content.decode().lower()
    assert not Researcher.objects.exists()
    event = SecurityEvent.objects.get()
    assert event.kind == "invalid_registration"
    assert value not in event.detail  # nothing sensitive kept


def test_registration_refusal_speaks_persian(client, home_pages):
    r = client.post("/fa/researchers/register/", reg_data(national_id="0013542418"))
    assert "رقم کنترل" in r.content.decode()


def test_duplicate_registration(client, home_pages):
    # The answer never says "already exists" (test_hostile_enumeration.py); the owner is told by email.
    researcher("first@example.org", national_id="0013542419")
    r = client.post("/en/researchers/register/", reg_data(email="other@example.org"))
    assert r.status_code == 302 and "already exists" not in r.content.decode()
    r = client.post("/en/researchers/register/", reg_data(national_id="0499370899", email="FIRST@example.org"))
    assert r.status_code == 302
    assert Researcher.objects.count() == 1
    assert SecurityEvent.objects.filter(kind="duplicate_registration").count() == 2
    assert [m.to for m in mail.outbox] == [["first@example.org"], ["first@example.org"]]


def test_registration_and_login_are_rate_limited(client, home_pages):
    for i in range(10):
        client.post("/en/researchers/register/", reg_data(national_id="0013542418", email=f"x{i}@example.org"))
    r = client.post("/en/researchers/register/", reg_data())
    assert r.status_code == 429
    for _ in range(10):
        client.post("/en/researchers/login/", {"username": "a@example.org", "password": "wrong"})
    assert client.post("/en/researchers/login/", {"username": "a@example.org", "password": "wrong"}).status_code == 429


def test_forms_require_csrf(home_pages):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/fa/researchers/register/", reg_data()).status_code == 403
    assert strict.post("/fa/researchers/login/", {"username": "a", "password": "b"}).status_code == 403


def test_login_logout_and_password_reset(client, home_pages):
    res = researcher()
    r = client.post("/fa/researchers/login/", {"username": "R@example.org ", "password": PASSWORD})
    assert r.status_code == 302 and r["Location"].endswith("/researchers/account/")
    assert client.get("/fa/researchers/account/").status_code == 200
    client.post("/fa/researchers/logout/")
    assert client.get("/fa/researchers/account/").status_code == 302
    client.post("/en/researchers/password-reset/", {"email": res.user.email})
    link = re.search(r"https?://\S+/password-reset/\S+/\S+/", mail.outbox[-1].body).group(0)
    r = client.get(link, follow=True)
    r = client.post(
        r.redirect_chain[-1][0], {"new_password1": "An0ther-Long-Pass", "new_password2": "An0ther-Long-Pass"}
    )
    assert r.status_code == 302
    assert client.login(username=res.user.username, password="An0ther-Long-Pass")

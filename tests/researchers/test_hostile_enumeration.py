"""Account enumeration: registration and password reset answer the same whether
or not the national ID or email is known; the owner is told by email instead."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from researchers.models import Researcher
from tests.builders.catalog import researcher
from tests.researchers.helpers import reg_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def _answer(response):
    return response.status_code, response.get("Location")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_registration_answers_the_same_for_new_and_known_details(client, home_pages, lang):
    researcher("known@example.org", national_id="0013542419")
    url = f"/{lang}/researchers/register/"
    new = client.post(url, reg_data(national_id="0499370899", email="new@example.org"))
    client.logout()
    known_id = client.post(url, reg_data(national_id="0013542419", email="other@example.org"))
    known_email = client.post(url, reg_data(national_id="0010000003", email=" KNOWN@example.org"))
    assert _answer(new) == _answer(known_id) == _answer(known_email) == (302, f"/{lang}/researchers/register/sent/")
    page = client.get(f"/{lang}/researchers/register/sent/").content.decode()
    assert "already exists" not in page and "وجود دارد" not in page
    # one new account; the new address got its confirmation link, the known owner a warning
    assert Researcher.objects.count() == 2
    to = {m.to[0]: m.body for m in mail.outbox}
    assert "/researchers/verify/" in to["new@example.org"]
    assert "other@example.org" not in to  # nothing is sent to the stranger's address
    warnings = [m for m in mail.outbox if m.to == ["known@example.org"]]
    assert len(warnings) == 2 and "/researchers/password-reset/" in warnings[0].body


def test_confirmation_link_logs_the_new_member_in_once(client, home_pages):
    client.post("/fa/researchers/register/", reg_data())
    assert "_auth_user_id" not in client.session  # registration itself logs no one in
    link = re.search(r"https?://\S+/researchers/verify/\S+/", mail.outbox[0].body).group(0)
    assert client.get(link)["Location"].endswith("/researchers/account/")
    assert client.get("/fa/researchers/account/").status_code == 200
    client.logout()
    client.get(link)  # a second use does not log in again
    assert "_auth_user_id" not in client.session


def test_password_reset_answers_the_same_for_known_and_unknown_email(client, home_pages):
    researcher("known@example.org")
    known = client.post("/fa/researchers/password-reset/", {"email": "known@example.org"})
    unknown = client.post("/fa/researchers/password-reset/", {"email": "nobody@example.org"})
    assert _answer(known) == _answer(unknown)
    assert [m.to for m in mail.outbox] == [["known@example.org"]]

"""Log-in protection: the Wagtail admin, the Django admin and the researchers club
share one limit on failures per normalised account and per address, and their
answers never tell which part was wrong."""

import pytest
from django.core.cache import cache

from tests.builders.catalog import PASSWORD, researcher, user

pytestmark = pytest.mark.django_db

LOGINS = ["/admin/login/", "/django-admin/login/", "/fa/researchers/login/"]


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


@pytest.fixture
def staff(db):
    from demo import site as demo

    return demo.ensure_admin()


def _post(client, url, username, password, ip="198.51.100.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", LOGINS)
def test_each_login_refuses_after_ten_failures_of_one_account(client, home_pages, url):
    researcher("r@example.org")
    spellings = ["r@example.org", "R@Example.org", " r@EXAMPLE.ORG ", "R@EXAMPLE.ORG", "r@example.org\t"]
    for i in range(10):
        r = _post(client, url, spellings[i % len(spellings)], "wrong", ip=f"198.51.100.{i}")
        assert r.status_code == 200
    # the 11th, even with the right password and from a fresh address, is refused
    r = _post(client, url, "r@example.org", PASSWORD, ip="198.51.100.99")
    assert r.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_three_logins_share_one_count(client, home_pages, staff):
    for i in range(10):
        _post(client, LOGINS[i % 3], staff.username.upper() if i % 2 else staff.username, "wrong")
    for url in LOGINS:
        assert _post(client, url, staff.username, "wrong", ip="203.0.113.5").status_code == 429


def test_one_address_is_limited_across_accounts(client, home_pages):
    for i in range(30):
        _post(client, LOGINS[i % 3], f"someone{i}@example.org", "wrong", ip="198.51.100.7")
    assert _post(client, LOGINS[0], "new@example.org", "wrong", ip="198.51.100.7").status_code == 429
    assert _post(client, LOGINS[0], "new@example.org", "wrong", ip="198.51.100.8").status_code == 200


def test_a_successful_login_is_not_counted(client, home_pages):
    researcher("r@example.org")
    for _ in range(9):
        _post(client, LOGINS[2], "r@example.org", "wrong")
    for _ in range(3):
        assert _post(client, LOGINS[2], "r@example.org", PASSWORD).status_code == 302
        client.logout()


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_admin_login_answers_a_researchers_right_password_as_a_wrong_one(client, home_pages, url):
    researcher("r@example.org")
    user("nobody@example.org")  # no admin access either
    right = _post(client, url, "r@example.org", PASSWORD)
    assert "_auth_user_id" not in client.session  # no session for the researcher
    wrong = _post(client, url, "r@example.org", "not-the-password")
    unknown = _post(client, url, "ghost@example.org", PASSWORD)

    def visible(response):
        html = response.content.decode()
        return response.status_code, html.replace("r@example.org", "X").replace("ghost@example.org", "X")

    assert visible(right)[0] == visible(wrong)[0] == visible(unknown)[0] == 200
    assert _errors(right) == _errors(wrong) == _errors(unknown) != []


def _errors(response):
    form = response.context["form"]
    return sorted(str(e) for e in form.non_field_errors())

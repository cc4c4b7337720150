"""Numbers in form errors are in the reader's digits (Persian first)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.forms import LocalDigitsErrorList
from tests.researchers.helpers import reg_data

pytestmark = pytest.mark.django_db


def _error_of(html, field):
    block = re.search(rf'id="id_{field}".*?<ul class="errorlist"[^>]*>(.*?)</ul>', html, re.S)
    assert block, f"no error shown for {field}"
    return block.group(1)


def test_a_short_password_is_refused_with_persian_digits_on_persian_pages(client, home_pages):
    data = reg_data(password1="kq7#Wz", password2="kq7#Wz")
    html = client.post("/fa/researchers/register/", data).content.decode()
    error = _error_of(html, "password1")
    assert "۸" in error and not re.search(r"[0-9]", error), error


def test_english_pages_keep_latin_digits(client, home_pages):
    data = reg_data(password1="kq7#Wz", password2="kq7#Wz")
    html = client.post("/en/researchers/register/", data).content.decode()
    error = _error_of(html, "password1")
    assert "at least 8 characters" in error, error


def test_only_the_numbers_given_are_converted_never_the_messages_own_text():
    errors = LocalDigitsErrorList(
        [ValidationError("e.g. 0000-0002-1825-0097, at most %(limit)d (%(name)s)", params={"limit": 12, "name": "x1"})]
    )
    with translation.override("fa"):
        assert list(errors) == ["e.g. 0000-0002-1825-0097, at most ۱۲ (x1)"]
    with translation.override("en"):
        assert list(errors) == ["e.g. 0000-0002-1825-0097, at most 12 (x1)"]


def test_the_password_rules_are_in_persian_with_persian_digits(client, home_pages):
    html = client.get("/fa/researchers/register/").content.decode()
    assert "حداقل از ۸ حرف" in html and "at least" not in html

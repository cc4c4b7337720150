"""The admin's Jalali date-time input: parsing, validation in words, how it
shows a stored value, and that Wagtail's admin forms use it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from iran.dates import TEHRAN
from iran.widgets import JalaliDateField, JalaliDateInput, JalaliDateTimeField, JalaliDateTimeInput, parse_day_and_time


@pytest.mark.parametrize(
    "text",
    [
        "1405-09-15 10:00",
        "۱۴۰۵-۰۹-۱۵ ۱۰:۰۰",
        "1405/9/15 10:00",
        "١٤٠٥-٠٩-١٥ 10:00",
        " 1405-09-15T10:00 ",
        "2026-12-06 10:00",
    ],
)
def test_jalali_or_gregorian_typed_by_hand_is_the_tehran_minute(text):
    assert JalaliDateTimeField().clean(text) == dt.datetime(2026, 12, 6, 10, 0, tzinfo=TEHRAN)


def test_the_value_is_timezone_aware_and_stored_in_utc_terms():
    value = JalaliDateTimeField().clean("1405-01-01 00:00")
    assert value.utcoffset() == dt.timedelta(hours=3, minutes=30)
    assert value.astimezone(dt.UTC) == dt.datetime(2026, 3, 20, 20, 30, tzinfo=dt.UTC)


def test_a_date_without_time_is_midnight_and_a_date_field_gives_a_date():
    assert JalaliDateTimeField().clean("1405-09-15") == dt.datetime(2026, 12, 6, tzinfo=TEHRAN)
    assert JalaliDateField().clean("۱۴۰۵-۰۱-۰۱") == dt.date(2026, 3, 21)


@pytest.mark.parametrize(
    "text, words",
    [
        ("fifteenth of Azar", "نیست"),
        ("1405-13-01 10:00", "تقویم جلالی"),
        ("1405-12-30 10:00", "تقویم جلالی"),  # 1405 is not a leap year
        ("1405-09-15 25:00", "ساعت"),
    ],
)
def test_bad_input_gets_a_clear_persian_message(text, words):
    with translation.override("fa"):
        with pytest.raises(ValidationError) as caught:
            JalaliDateTimeField().clean(text)
        message = " ".join(caught.value.messages)
    assert words in message
    assert text in message


def test_required_field_refuses_empty():
    with pytest.raises(ValidationError):
        JalaliDateTimeField(required=True).clean("")
    assert JalaliDateTimeField(required=False).clean("") is None


def test_the_persian_admin_shows_jalali_and_the_picker_with_persian_digits():
    value = dt.datetime(2026, 12, 6, 6, 30, tzinfo=dt.UTC)
    with translation.override("fa"):
        html = JalaliDateTimeInput().render("release_at", value)
    # Latin digits in the box (the picker reads only those); the picker shows Persian ones.
    assert 'value="1405-09-15 10:00"' in html and 'data-jdp-persian-digits="true"' in html
    assert "data-jdp" in html and 'dir="ltr"' in html


def test_the_english_admin_shows_gregorian_in_tehran_time_without_the_picker():
    value = dt.datetime(2026, 12, 6, 6, 30, tzinfo=dt.UTC)
    with translation.override("en"):
        html = JalaliDateTimeInput().render("release_at", value)
    assert 'value="2026-12-06 10:00"' in html
    assert "data-jdp" not in html


def test_a_date_input_has_no_time_part():
    with translation.override("fa"):
        html = JalaliDateInput().render("date", dt.date(2026, 3, 21))
    assert 'value="1405-01-01"' in html and "data-jdp-only-date" in html


def test_the_picker_is_served_locally():
    media = str(JalaliDateTimeInput().media)
    assert "vendor/jalalidatepicker/jalalidatepicker.min.js" in media
    assert "http" not in media


def test_parse_gives_day_and_time():
    assert parse_day_and_time("1405-09-15 10:05") == (dt.date(2026, 12, 6), dt.time(10, 5))


@pytest.mark.django_db
def test_wagtail_admin_forms_use_it_for_every_date():
    from releases.models import Holiday, ReleasePage

    page_form = ReleasePage.get_edit_handler().get_form_class()
    assert isinstance(page_form.base_fields["release_at"], JalaliDateTimeField)
    assert isinstance(page_form.base_fields["go_live_at"], JalaliDateTimeField)
    from wagtail.admin.panels import get_edit_handler

    holiday_form = get_edit_handler(Holiday).get_form_class()
    assert isinstance(holiday_form.base_fields["date"], JalaliDateField)

"""iran/: Jalali periods, dates, digits, normalisation and identifier validators."""

import datetime as dt
from decimal import Decimal

import jdatetime
import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from iran import dates
from iran.periods import Period, PeriodError, Periodicity
from iran.text import (
    format_number,
    normalize_key,
    normalize_text,
    parse_decimal,
    to_latin_digits,
    to_persian_digits,
)
from iran.validators import (
    legal_id_is_valid,
    national_id_is_valid,
    validate_legal_id,
    validate_national_id,
    validate_postal_code,
)

years = st.integers(min_value=1300, max_value=1499)
periods = st.one_of(
    years.map(Period.year_of),
    st.builds(Period.quarter_of, years, st.integers(1, 4)),
    st.builds(Period.month_of, years, st.integers(1, 12)),
)


# --- periods ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1403", Period(1403, Periodicity.YEAR, 1)),
        ("1403-Q2", Period(1403, Periodicity.QUARTER, 2)),
        ("1403-07", Period(1403, Periodicity.MONTH, 7)),
        ("۱۴۰۳-۰۷", Period(1403, Periodicity.MONTH, 7)),
        ("1403/7", Period(1403, Periodicity.MONTH, 7)),
    ],
)
def test_period_parses_the_documented_forms(text, expected):
    assert Period.parse(text) == expected


@pytest.mark.parametrize("text", ["1403-13", "1403-Q5", "14", "1403-00", "abc", "", "1403-Q0"])
def test_period_refuses_impossible_periods_with_a_reason(text):
    with pytest.raises(PeriodError) as excinfo:
        Period.parse(text)
    assert str(excinfo.value)


@given(periods)
def test_period_code_round_trips(period):
    assert Period.parse(period.code) == period
    assert Period.parse(to_persian_digits(period.code)) == period


@given(periods, periods)
def test_period_order_follows_the_calendar(a, b):
    if a.first_day < b.first_day:
        assert a < b
    if a < b:
        assert a.first_day <= b.first_day


@given(periods)
def test_period_days_are_contiguous(period):
    assert period.first_day <= period.last_day
    assert period.shift(1).first_day == period.last_day + dt.timedelta(days=1)
    assert period.shift(1).shift(-1) == period


@given(periods.filter(lambda p: p.year > 1300))
def test_year_before_is_the_same_period_a_year_earlier(period):
    before = period.year_before()
    assert (before.year, before.number, before.periodicity) == (period.year - 1, period.number, period.periodicity)


@given(st.dates(min_value=dt.date(1922, 3, 22), max_value=dt.date(2100, 3, 1)))
def test_containing_period_contains_the_day(day):
    for periodicity in Periodicity:
        period = Period.containing(day, periodicity)
        assert period.first_day <= day <= period.last_day


def test_period_labels_in_both_calendars():
    mehr = Period.parse("1403-07")
    assert mehr.label_fa() == "مهر ۱۴۰۳"
    assert mehr.label_en() == "Mehr 1403 (Sep–Oct 2024)"
    assert mehr.first_day == dt.date(2024, 9, 22)
    assert mehr.last_day == dt.date(2024, 10, 21)
    assert Period.parse("1403-10").label_en() == "Dey 1403 (Dec 2024–Jan 2025)"
    assert Period.parse("1403-Q2").label_fa() == "تابستان ۱۴۰۳"
    assert Period.parse("1403").label_en() == "1403 (2024–2025)"
    # Esfand of a leap year (1403) has 30 days.
    assert Period.parse("1403-12").last_day == dt.date(2025, 3, 20)


def test_quarter_contains_its_months_and_sorts_before_them():
    q2 = Period.parse("1403-Q2")
    assert q2.contains(Period.parse("1403-04"))
    assert not q2.contains(Period.parse("1403-07"))
    assert Period.parse("1403") < q2 < Period.parse("1403-04")


# --- dates --------------------------------------------------------------------
def test_format_datetime_in_tehran_in_both_calendars():
    moment = dt.datetime(2026, 12, 11, 6, 30, tzinfo=dt.UTC)  # 10:00 in Tehran
    assert dates.format_datetime(moment, "fa") == "۲۰ آذر ۱۴۰۵، ساعت ۱۰:۰۰"
    assert dates.format_datetime(moment, "en") == "20 Azar 1405 (11 Dec 2026), 10:00 Tehran time"


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 1, 1), timezones=st.just(dt.UTC)))
def test_tehran_dates_round_trip_through_jalali(moment):
    local = dates.to_tehran(moment)
    j = dates.jalali(moment)
    assert j.togregorian() == local.date()
    assert dates.tehran_datetime(j.year, j.month, j.day, local.hour, local.minute) == local.replace(
        second=0, microsecond=0
    )


def test_parse_jalali_date_refuses_impossible_dates():
    assert dates.parse_jalali_date("۱۴۰۳/۰۷/۱۵") == jdatetime.date(1403, 7, 15).togregorian()
    with pytest.raises(ValueError):
        dates.parse_jalali_date("1403-13-40")
    with pytest.raises(ValueError):
        dates.parse_jalali_date("1403-07-31")  # Mehr has 30 days


# --- digits and text ----------------------------------------------------------------
@given(st.text(alphabet="0123456789", min_size=1))
def test_digit_conversion_round_trips(digits):
    persian = to_persian_digits(digits)
    assert set(persian) <= set("۰۱۲۳۴۵۶۷۸۹")
    assert to_latin_digits(persian) == digits
    assert to_latin_digits(digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))) == digits


def test_normalisation_makes_arabic_and_persian_forms_equal():
    assert normalize_text("كارگرانِ  ي\u0640ك") == normalize_text("کارگران\u200cیک") == "کارگران یک"
    assert normalize_text("بيمه شدگان ۱۲٣") == "بیمه شدگان 123"
    assert normalize_key("می\u200cروند") == normalize_key("می روند") == normalize_key("میروند")
    assert normalize_key("Province") == normalize_key("PROVINCE ")


@given(st.text())
def test_normalisation_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("۱۲٬۳۴۵٫۶۷", Decimal("12345.67")),
        ("12,345.67", Decimal("12345.67")),
        ("٣٤٥", Decimal("345")),
        ("-۵", Decimal("-5")),
        ("۱۲/۵", Decimal("12.5")),
    ],
)
def test_parse_decimal_reads_iranian_and_latin_numbers(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["", "abc", "=1+1", "12..3", "1,2,3.4.5", "۱۲-"])
def test_parse_decimal_refuses_text(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_formatted_numbers_parse_back(value):
    assert parse_decimal(format_number(value, "fa", 2).replace("\u2212", "-")) == value
    assert parse_decimal(format_number(value, "en", 2)) == value


# --- identifiers -------------------------------------------------------------------
def national_id_with_check(first_nine: str) -> str:
    total = sum(int(first_nine[i]) * (10 - i) for i in range(9)) % 11
    return first_nine + str(total if total < 2 else 11 - total)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_national_id_with_the_right_check_digit_is_valid(first_nine):
    number = national_id_with_check(first_nine)
    assert national_id_is_valid(number)
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    assert not national_id_is_valid(wrong)


def test_national_id_messages_say_which_rule_failed():
    validate_national_id("0499370899")  # a well-known valid example
    validate_national_id("۰۴۹۹۳۷۰۸۹۹")  # Persian digits too
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id("0499370898")
    assert excinfo.value.code == "checksum"
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id("12345")
    assert excinfo.value.code == "length"
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id("1111111111")
    assert excinfo.value.code == "repeated"
    with pytest.raises(ValidationError) as excinfo:
        validate_national_id("04993a0899")
    assert excinfo.value.code == "digits"


def test_validator_messages_are_translated_into_persian():
    with translation.override("fa"):
        with pytest.raises(ValidationError) as excinfo:
            validate_national_id("0499370898")
        assert "رقم کنترل" in excinfo.value.messages[0]
        with pytest.raises(ValidationError) as excinfo:
            validate_postal_code("12345")
        assert excinfo.value.messages[0] == "کد پستی باید دقیقاً 10 رقم داشته باشد؛ این یکی 5 رقم دارد."


def legal_id_with_check(first_ten: str) -> str:
    offset = int(first_ten[9]) + 2
    weights = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)
    total = sum((int(first_ten[i]) + offset) * weights[i] for i in range(10)) % 11
    return first_ten + str(0 if total == 10 else total)


def test_legal_id():
    validate_legal_id("10380284790")  # a published example
    assert legal_id_is_valid(legal_id_with_check("1410305870"))
    with pytest.raises(ValidationError) as excinfo:
        validate_legal_id("10380284791")
    assert excinfo.value.code == "checksum"
    with pytest.raises(ValidationError) as excinfo:
        validate_legal_id("1038028479")
    assert excinfo.value.code == "length"


def test_postal_code():
    validate_postal_code("۱۳۱۸۹۴۳۴۱۵")
    for bad, code in [("123456789", "length"), ("0123456789", "leading_zero"), ("33333333333"[:10], "repeated")]:
        with pytest.raises(ValidationError) as excinfo:
            validate_postal_code(bad)
        assert excinfo.value.code == code


# --- template filters -------------------------------------------------------------------
def test_template_filters_follow_the_page_language():
    template = Template("{{ n|number }} {{ p|period_label }} {{ d|jdate }}")
    context = Context({"n": 1234567.5, "p": "1403-07", "d": dt.date(2024, 9, 22)})
    with translation.override("fa"):
        assert template.render(context) == "۱٬۲۳۴٬۵۶۷٫۵ مهر ۱۴۰۳ ۱ مهر ۱۴۰۳"
    with translation.override("en"):
        assert template.render(context) == "1,234,567.5 Mehr 1403 (Sep–Oct 2024) 1 Mehr 1403 (22 Sep 2024)"


def test_a_parsed_period_is_kept_and_equal_to_a_fresh_parse():
    """Period.parse keeps the period of each text (pages parse the same codes
    thousands of times): the kept period is the one a fresh parse gives."""
    from iran import periods

    periods._parse_text.cache_clear()
    first = Period.parse("1403-07")
    assert Period.parse("1403-07") is first
    assert first == Period._parse("1403-07") == Period.month_of(1403, 7)
    assert Period.parse("۱۴۰۳-۰۷") == first  # Persian digits: another text, the same period
    with pytest.raises(PeriodError):
        Period.parse("1403-13")
    with pytest.raises(PeriodError):  # an error is never kept as an answer
        Period.parse("1403-13")
    assert periods._parse_text.cache_info().currsize == 2
    assert periods._parse_text.cache_info().maxsize == 4096  # bounded


def test_the_sort_key_is_computed_once_and_sorts_as_before():
    quarter, month, year = Period.parse("1403-Q3"), Period.parse("1403-07"), Period.parse("1403")
    assert quarter.sort_key() is quarter.sort_key() == (1403, 7, 4)
    assert sorted([month, quarter, year]) == [year, quarter, month]
    assert max([month, quarter, year]) == month and quarter < month and year <= quarter

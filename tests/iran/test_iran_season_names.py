"""Quarters are seasons: «Spring 1403» in English, «بهار ۱۴۰۳» in Persian, never "Q1"."""

import pytest

from iran.periods import Period


@pytest.mark.parametrize(
    "code, fa, en",
    [
        ("1403-Q1", "بهار ۱۴۰۳", "Spring 1403"),
        ("1403-Q2", "تابستان ۱۴۰۳", "Summer 1403"),
        ("1403-Q3", "پاییز ۱۴۰۳", "Autumn 1403"),
        ("1403-Q4", "زمستان ۱۴۰۳", "Winter 1403"),
    ],
)
def test_quarters_are_named_for_their_season(code, fa, en):
    period = Period.parse(code)
    assert period.label("fa") == fa
    assert period.label("en").startswith(en + " (")
    assert period.short_label("en") == en
    assert "Q" not in period.label("en")


def test_the_english_label_keeps_the_gregorian_months():
    assert Period.parse("1402-Q4").label("en") == "Winter 1402 (Dec 2023–Mar 2024)"


@pytest.mark.parametrize("text", ["بهار ۱۴۰۳", "Spring 1403", "1403 spring", "بهار 1403", "1403-Q1"])
def test_a_season_name_reads_back_as_the_quarter(text):
    assert Period.parse(text).code == "1403-Q1"


def test_an_unknown_word_is_still_refused():
    with pytest.raises(ValueError):
        Period.parse("Monsoon 1403")

"""The public query contract: embargo, disclosure control, filters."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from indicators.query import code_labels, get_observations
from iran.periods import Period
from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    province = make_code_list("province", {"00": ("کل کشور", "Iran"), "23": ("تهران", "Tehran"), "10": "اصفهان"})
    sex = make_code_list("sex", {"M": ("مرد", "Male"), "F": ("زن", "Female")})
    ind = make_indicator("insured", [province, sex])
    return ind


def test_rows_with_codes_and_filters(setup):
    add_observation(setup, "1403-01", ["23", "F"], 100)
    add_observation(setup, "1403-01", ["23", "M"], 120)
    add_observation(setup, "1403-02", ["10", "F"], 50)
    rows = get_observations(setup, filters={"sex": ["F"]})
    assert [(r.period.code, r.codes, r.value) for r in rows] == [
        ("1403-01", {"province": "23", "sex": "F"}, Decimal("100")),
        ("1403-02", {"province": "10", "sex": "F"}, Decimal("50")),
    ]
    assert [r.value for r in get_observations("insured", periods=["1403-02"])] == [Decimal("50")]
    assert len(get_observations(setup, period_range=("1403-02", None))) == 1
    with pytest.raises(ValueError):
        get_observations(setup, filters={"isic": ["A"]})


def test_disclosure_control(setup):
    add_observation(setup, "1403-01", ["23", "F"], 2, count=2)
    add_observation(setup, "1403-01", ["23", "M"], 3, count=3)
    add_observation(setup, "1403-01", ["10", "M"], 9, flags="suppressed")
    rows = {r.codes["province"] + r.codes["sex"]: r for r in get_observations(setup)}
    assert rows["23F"].suppressed and rows["23F"].value is None and "suppressed" in rows["23F"].flags
    assert not rows["23M"].suppressed and rows["23M"].value == Decimal("3")
    assert rows["10M"].value is None
    setup.suppression_threshold = 5
    setup.save()
    assert all(r.value is None for r in get_observations(setup))


def test_embargoed_rows_absent_until_the_minute(setup, home_pages):
    from releases.models import ReleasePage

    release_at = timezone.now() + dt.timedelta(days=2)
    release = ReleasePage(
        title="بولتن", slug="bulletin", kind="monthly_bulletin", status="confirmed", release_at=release_at
    )
    home_pages[0].add_child(instance=release)
    add_observation(setup, "1403-01", ["23", "F"], 100)
    add_observation(setup, "1403-02", ["23", "F"], 110, release=release)
    assert [r.period for r in get_observations(setup)] == [Period.parse("1403-01")]
    with time_machine.travel(release_at + dt.timedelta(seconds=1)):
        assert len(get_observations(setup)) == 2


def test_code_labels(setup):
    assert code_labels("province", "fa")["23"] == "تهران"
    assert code_labels("province", "en")["23"] == "Tehran"

"""Fixtures shared by the publications tests (split from test_publications.py)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from indicators.models import CodeList
from tests.builders.indicators import add_observation, make_indicator
from tests.builders.publications import (
    publications_index,
    release_entry,
)
from tests.publications.helpers import VALUES


@pytest.fixture
def world(home_pages):
    home_fa, home_en = home_pages
    province = CodeList.objects.get(code="province")
    sex = CodeList.objects.get(code="sex")
    insured = make_indicator(
        "insured", [province, sex], periodicity=1, name_fa="بیمه‌شدگان اصلی", name_en="Insured persons",
        unit_fa="نفر", unit_en="persons",
    )  # fmt: skip
    past = release_entry(home_fa, title="انتشار گذشته", at=timezone.now() - dt.timedelta(days=3))
    for (year, code), value in VALUES.items():
        # A table counted from units carries a count on every cell (a missing one is
        # unknown, so hidden); one cell is from too few units: suppressed.
        count = 1 if (year, code) == (1402, "03") else value
        add_observation(insured, str(year), [code, "T"], value, count=count, release=past)
        add_observation(insured, str(year), [code, "F"], value // 2, count=max(value // 2, 3), release=past)
    index = publications_index(home_fa)
    return SimpleNamespace(home=home_fa, home_en=home_en, insured=insured, release=past, index=index)

"""Fixtures shared by the releases tests (split from test_releases.py)."""

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User

from core.taxonomy import ReleaseKind
from releases.enums import ReleaseStatus
from tests.builders.releases import make_calendar, make_entry
from tests.releases.helpers import NOW, at


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def calendar(home_pages, clock):
    return make_calendar(home_pages[0])


@pytest.fixture
def publisher(db):
    user = User.objects.create_user("publisher", password="x")
    user.groups.add(Group.objects.get(name="Release publishers"))
    return user


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def entries(calendar):
    return {
        "soon": make_entry(calendar, title="ماهنامهٔ کار آذر", release_at=at(3), english="Labour Azar"),
        "later": make_entry(
            calendar,
            title="سالنامهٔ آماری",
            release_at=at(40),
            kind=ReleaseKind.YEARBOOK,
            topics=("welfare",),
            english="Yearbook",
        ),
        "provisional": make_entry(
            calendar, title="گزارش فقر", release_at=at(70), status=ReleaseStatus.PROVISIONAL, english="Poverty"
        ),
        "published": make_entry(
            calendar,
            title="ماهنامهٔ کار آبان",
            release_at=at(-20),
            status=ReleaseStatus.PUBLISHED,
            english="Labour Aban",
        ),
        "cancelled": make_entry(
            calendar, title="اینفوگرافیک لغوشده", release_at=at(15), status=ReleaseStatus.CANCELLED, english="Cancelled"
        ),
    }

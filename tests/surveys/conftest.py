"""Fixtures shared by the surveys tests (split from test_surveys.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from tests.surveys.helpers import build_survey


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def survey(home_pages):
    return build_survey(home_pages[0])


@pytest.fixture
def results_user(db):
    """Staff who may read results: in a group given surveys.view_results."""
    user = get_user_model().objects.create_user("analyst", password="x")
    group = Group.objects.create(name="Survey analysts")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_results")
    )
    user.groups.add(group)
    return user

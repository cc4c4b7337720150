"""Fixtures shared by the researchers tests (split from test_researchers.py)."""

import pytest
from django.core.cache import cache

from tests.builders.catalog import application, approve, dataset, researcher, reviewer


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


@pytest.fixture
def granted(home_pages):
    res = researcher()
    app = application(res, dataset())
    grant = approve(app, reviewer(), days=30, limit=2)
    return res, grant

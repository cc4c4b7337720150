"""The embargo sweep again, with the page cache on (issue 13): every channel of
tests/releases/test_releases_embargo.py must find nothing early and everything after the
minute, though the same anonymous client asks for the same URLs before and after."""

import datetime as dt

import pytest
import time_machine

from tests.releases.test_releases_embargo import *  # noqa: F403 (the same tests and fixtures, re-run here)
from tests.releases.test_releases_embargo import MINUTE, SECRET


@pytest.fixture(autouse=True)
def _page_cache(page_cache_on):
    """Every test imported above runs with the page cache on."""


def test_an_embargoed_page_stays_404_from_the_cache_until_the_minute(client, scenario):
    url = scenario.publication.url
    with time_machine.travel(MINUTE - dt.timedelta(seconds=40), tick=False):
        assert client.get(url).status_code == 404
        cached = client.get(url)
        assert (cached.status_code, cached.headers["X-Page-Cache"]) == (404, "hit")
        assert SECRET not in client.get("/fa/").content.decode()
        assert client.get("/fa/").headers["X-Page-Cache"] == "hit"
    with time_machine.travel(MINUTE - dt.timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 404
    with time_machine.travel(MINUTE, tick=False):
        released = client.get(url)
        assert released.status_code == 200
        assert SECRET in released.content.decode()
        assert SECRET in client.get("/fa/").content.decode()

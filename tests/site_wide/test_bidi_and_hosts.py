"""Bidi isolation and real hosts in Persian pages: the citation URL (issue 15)."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.builders.publications import bulletin, publications_index, release_entry


@pytest.fixture
def page(home_pages):
    home_fa, _home_en = home_pages
    past = release_entry(home_fa, title="انتشار گذشته", at=timezone.now() - dt.timedelta(days=3))
    return bulletin(publications_index(home_fa), title="ماهنامه آماری", release=past)


def test_citation_url_is_the_readers_host_isolated_left_to_right(page, client):
    html = client.get(page.url, HTTP_HOST="amar.mcls.gov.ir").content.decode()
    expected = f'<bdi dir="ltr" class="citation-url">http://amar.mcls.gov.ir{page.url}</bdi>'
    assert expected in html
    assert "http://localhost" not in html.split('class="citation"', 1)[1].split("</section>", 1)[0]

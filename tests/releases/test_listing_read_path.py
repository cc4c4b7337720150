"""The calendar's cold read path (issue 13): its entries and their count come in
one query, each row's labels are read once for the whole list (not through
`get_FOO_display` per entry), a page number that is not a page still gives the
first or last page, and a release entry lists each released page once, read
in one query."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.listing import counted_page, page_of
from releases.enums import ReleaseStatus
from releases.models import ReleasePage
from tests.builders.releases import make_entry
from tests.releases.helpers import at

pytestmark = pytest.mark.django_db


def _queries(client, path):
    client.get(path)  # Wagtail's per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def _many_entries(calendar, n):
    for i in range(n):
        make_entry(calendar, title=f"ورود {i}", slug=f"many-{i}", release_at=at(3 + i))


def test_the_calendar_reads_its_entries_and_their_count_in_one_query(client, calendar):
    _many_entries(calendar, 25)  # more than a page
    sqls = _queries(client, "/fa/releases/")
    assert not [sql for sql in sqls if "COUNT(" in sql.upper() and "OVER" not in sql.upper()]
    assert len([sql for sql in sqls if "OVER ()" in sql.upper()]) == 1


def test_the_calendar_does_not_ask_each_entry_for_its_labels(client, calendar, monkeypatch):
    _many_entries(calendar, 5)
    calls = []
    for name in ("get_kind_display", "get_organisation_display", "organisation_label"):
        real = getattr(ReleasePage, name)
        monkeypatch.setattr(ReleasePage, name, lambda self, real=real: calls.append(1) or real(self))
    response = client.get("/fa/releases/")
    assert response.status_code == 200 and "ورود 4" in response.content.decode()
    assert calls == []


@pytest.mark.parametrize(
    "number", ["", "1", "2", "3", "0", "-1", "99", "abc", "2.0", "۲", "100001", "922337203685477580", "9" * 40]
)
def test_a_counted_page_is_the_page_page_of_gives(calendar, number):
    _many_entries(calendar, 45)
    request = RequestFactory().get("/fa/releases/", {"page": number} if number else {})
    qs = calendar.entries().order_by("release_at", "pk")
    expected = page_of(request, qs, 20)[0]
    page = counted_page(request, qs, 20)
    assert page.number == expected.number
    assert page.paginator.count == expected.paginator.count == 45
    assert [e.pk for e in page.object_list] == [e.pk for e in expected.object_list]


def test_an_empty_calendar_has_one_empty_page(calendar):
    request = RequestFactory().get("/fa/releases/", {"page": "1"})
    page = counted_page(request, calendar.entries().order_by("pk"), 20)
    assert page.number == 1 and page.paginator.count == 0 and list(page.object_list) == []


def test_a_released_yearbook_is_listed_once_and_read_in_one_query(client, demo):
    entry = ReleasePage.objects.get(slug="yearbook-1402", locale__language_code="fa")
    assert entry.status == ReleaseStatus.PUBLISHED
    with CaptureQueriesContext(connection) as queries:
        pages = entry.released_pages()
    assert len(queries.captured_queries) == 1
    urls = [page.url for page in pages]
    assert len(urls) == len(set(urls)) and "/fa/publications/yearbook-1402/" in urls
    html = client.get(entry.url).content.decode()
    assert html.count('href="/fa/publications/yearbook-1402/"') == 1


def test_a_page_number_too_large_for_the_database_gives_the_last_page(client, calendar):
    _many_entries(calendar, 45)
    response = client.get("/fa/releases/", {"page": "922337203685477580"})
    assert response.status_code == 200 and response.context["page_obj"].number == 3

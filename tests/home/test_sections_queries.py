"""The home page's sections (home.sections) in a fixed number of queries (issue 13):
the index pages, the upcoming entries, the latest publications (one: their view
restrictions are a subquery), the latest datasets with the club's two counts, the open
survey — five, whatever they show."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.pages import child_page
from home.sections import club_summary, latest_datasets, sections
from researchers.models import ResearchersIndexPage
from tests.builders.catalog import catalog_page, dataset, researcher
from tests.builders.publications import bulletin, publications_index, release_entry
from tests.builders.releases import make_calendar, make_entry

pytestmark = pytest.mark.django_db

SECTION_QUERIES = 5


def minute(days):
    return (timezone.now() + dt.timedelta(days=days)).replace(second=0, microsecond=0)


@pytest.fixture
def full_home(home_pages):
    home = home_pages[0]
    calendar, index = make_calendar(home), publications_index(home)
    catalog_page(home)
    child_page(home, ResearchersIndexPage, "researchers", title="باشگاه پژوهشگران")
    for n in range(1, 6):
        make_entry(calendar, title=f"ورود {n}", slug=f"entry-{n}", release_at=minute(days=n))
        past = release_entry(home, title=f"انتشار {n}", slug=f"past-{n}", at=minute(days=-n))
        bulletin(index, title=f"ماهنامه {n}", slug=f"bulletin-{n}", release=past)
        dataset(f"set-{n}", title_fa=f"مجموعه {n}", access="licensed" if n % 2 else "open", with_file=False)
    researcher()
    researcher(email="second@example.org", national_id="0084575948", approved=False)
    return home


def read(home):
    request = RequestFactory().get("/fa/")
    sections(home, request)  # per-process caches (content types)
    with CaptureQueriesContext(connection) as queries:
        found = sections(home, request)
    return found, len(queries)


def test_every_section_full_in_five_queries(full_home):
    found, queries = read(full_home)
    assert len(found["upcoming"]["entries"]) == 5
    assert len(found["publications"]["items"]) == 4
    assert len(found["datasets"]["items"]) == 3 and all(d.home_url for d in found["datasets"]["items"])
    assert found["club"]["licensed"] == 3 and found["club"]["members"] == 1
    assert queries == SECTION_QUERIES


def test_the_club_counts_read_with_the_datasets_are_the_counts(full_home):
    from catalog.models import CatalogIndexPage

    club = ResearchersIndexPage.objects.get()
    counts = {}
    latest_datasets(CatalogIndexPage.objects.get(), club, counts)
    assert club_summary(club, counts) == club_summary(club) == {"url": club.url, "licensed": 3, "members": 1}


def test_without_published_datasets_the_club_is_not_shown(full_home):
    from catalog.models import CatalogIndexPage, Dataset

    Dataset.objects.update(published=False)
    club, counts = ResearchersIndexPage.objects.get(), {}
    assert latest_datasets(CatalogIndexPage.objects.get(), club, counts)["items"] == []
    assert club_summary(club, counts) is None is club_summary(club)

"""«Next update» on indicator, dataset and publication pages: the next entry of
the thing's own series, with its minute (or the month while provisional)."""

import datetime as dt

import pytest
import time_machine

from tests.builders.search import search_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_pages):
    return search_world(home_pages)


def _line(body):
    start = body.index('class="next-update"')
    return body[start : body.index("</p>", start)]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_indicator_page_shows_the_next_entry_of_its_own_series(client, world, lang):
    body = client.get(f"/{lang}/indicators/unemployment-insurance/").content.decode()
    line = _line(body)
    entry = world.next if lang == "fa" else world.next.get_translation(world.home_en.locale)
    assert f'href="{entry.url}"' in line
    assert f'datetime="{entry.release_at.isoformat()}"' in line  # the minute, not only the day
    assert world.coop.url not in line  # the sooner entry of another series is not its update


def test_after_the_minute_the_line_moves_to_the_following_entry(client, world):
    with time_machine.travel(world.next.release_at + dt.timedelta(minutes=1)):
        line = _line(client.get("/fa/indicators/unemployment-insurance/").content.decode())
    assert f'href="{world.later.url}"' in line


def test_provisional_entry_shows_only_its_month(client, world):
    world.next.delete()
    world.later.status = "provisional"
    world.later.save(update_fields=["status"])
    line = _line(client.get("/fa/indicators/unemployment-insurance/").content.decode())
    assert f'href="{world.later.url}"' in line and "datetime=" not in line


def test_no_line_when_the_indicator_has_no_series(client, world):
    assert 'class="next-update"' not in client.get("/fa/indicators/insured/").content.decode()
    dataset_page = client.get(world.dataset.get_absolute_url())
    assert dataset_page.status_code == 200 and 'class="next-update"' not in dataset_page.content.decode()


def test_publication_page_points_at_the_next_entry_of_its_release_series(client, world):
    from tests.builders.publications import publications_index, yearbook

    world.past.series = world.series
    world.past.save(update_fields=["series"])
    book = yearbook(publications_index(world.home_fa), title="ماهنامه", slug="monthly", release=world.past)
    assert f'href="{world.next.url}"' in _line(client.get(book.url).content.decode())

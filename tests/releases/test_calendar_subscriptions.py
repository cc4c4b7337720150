"""Calendar subscriptions: webcal links for any filter, one-event .ics on each
entry, and a feed of upcoming confirmed releases (issue 16)."""

import pytest
from icalendar import Calendar

from tests.builders.search import search_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_pages):
    return search_world(home_pages)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_webcal_link_keeps_the_filter_and_instructions_are_there(client, world, lang):
    body = client.get(f"/{lang}/releases/", {"topic": "social_security"}, HTTP_HOST="testserver").content.decode()
    assert f'href="webcal://testserver/{lang}/releases/calendar.ics?topic=social_security' in body
    assert f"http://testserver/{lang}/releases/calendar.ics?topic=social_security" in body
    assert "Google Calendar" in body or "تقویم گوگل" in body
    assert f"/{lang}/releases/upcoming.rss" in body


def test_add_to_calendar_gives_one_event_at_the_minute(client, world):
    body = client.get(world.next.url).content.decode()
    assert f'href="/fa/releases/{world.next.pk}.ics"' in body
    response = client.get(f"/fa/releases/{world.next.pk}.ics")
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1 and str(events[0]["summary"]) == world.next.title
    assert events[0].decoded("dtstart") == world.next.release_at
    # the same UID as in the whole calendar, so a subscriber does not get it twice
    whole = Calendar.from_ical(client.get("/fa/releases/calendar.ics").content)
    assert str(events[0]["uid"]) in {str(e["uid"]) for e in whole.walk("VEVENT")}


def test_no_event_file_for_a_provisional_entry_or_another_language(client, world):
    world.later.status = "provisional"
    world.later.save(update_fields=["status"])
    assert client.get(f"/fa/releases/{world.later.pk}.ics").status_code == 404
    assert client.get(f"/en/releases/{world.next.pk}.ics").status_code == 404


def test_upcoming_feed_lists_confirmed_entries_soonest_first(client, world):
    body = client.get("/fa/releases/upcoming.rss").content.decode()
    assert body.index(world.coop.title) < body.index(world.next.title) < body.index(world.later.title)
    assert world.past.title not in body
    atom = client.get("/en/releases/upcoming.atom").content.decode()
    assert "Unemployment insurance — Shahrivar 1406" in atom

"""The release calendar's feeds."""

import feedparser
import icalendar
import pytest

from tests.releases.helpers import at

pytestmark = pytest.mark.django_db


def test_ics_validates_with_the_tehran_time_zone(client, entries):
    response = client.get("/fa/releases/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    zones = [tz["TZID"] for tz in cal.walk("VTIMEZONE")]
    assert zones == ["Asia/Tehran"]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    # Confirmed upcoming ones, and the cancelled one so subscribers drop it; never a provisional guess.
    assert set(events) == {"ماهنامهٔ کار آذر", "سالنامهٔ آماری", "اینفوگرافیک لغوشده"}
    soon = events["ماهنامهٔ کار آذر"]
    assert soon["DTSTART"].dt == at(3)
    assert str(soon["DTSTART"].params["TZID"]) == "Asia/Tehran"
    assert soon["DTSTART"].dt.hour == 10
    assert str(events["اینفوگرافیک لغوشده"]["STATUS"]) == "CANCELLED"
    assert len({str(e["UID"]) for e in events.values()}) == 3


def test_ics_per_filter(client, entries):
    cal = icalendar.Calendar.from_ical(client.get("/en/releases/calendar.ics", {"kind": "yearbook"}).content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Yearbook"]


def test_rss_and_atom_of_published_releases(client, entries):
    for url in ("/fa/releases/feed.rss", "/en/releases/feed.atom"):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == 1
    rss = feedparser.parse(client.get("/fa/releases/feed.rss").content)
    assert rss.entries[0].title == "ماهنامهٔ کار آبان"
    assert rss.entries[0].link.endswith(entries["published"].url)
    atom = feedparser.parse(client.get("/en/releases/feed.atom").content)
    assert atom.entries[0].title == "Labour Aban"

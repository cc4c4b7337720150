"""This app's non-page views, under the /fa/ and /en/ prefixes: the feeds beside
the calendar (page slugs cannot contain a dot, so these never clash with pages)."""

from django.urls import path

from . import feeds

app_name = "releases"

urlpatterns = [
    path("releases/calendar.ics", feeds.ics, name="ics"),
    path("releases/feed.rss", feeds.PublishedReleasesFeed(), name="rss"),
    path("releases/feed.atom", feeds.PublishedReleasesAtomFeed(), name="atom"),
    path("releases/upcoming.rss", feeds.UpcomingReleasesFeed(), name="upcoming_rss"),
    path("releases/upcoming.atom", feeds.UpcomingReleasesAtomFeed(), name="upcoming_atom"),
    path("releases/<int:pk>.ics", feeds.entry_ics, name="entry_ics"),
]

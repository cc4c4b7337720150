"""Feeds beside the calendar: iCalendar of upcoming releases (whole, or any
filter of the listing), RSS and Atom of published releases.

Only what the calendar itself shows goes out: titles, dates, statuses, the
entry's summary. Provisional entries announce a month, not a minute, so they
stay out of the .ics; cancelled upcoming ones go in with STATUS:CANCELLED so
that subscribers' calendars drop them."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.language import current_language
from iran.dates import TEHRAN, format_datetime

from .enums import ReleaseStatus
from .listing import filter_entries
from .models import ReleaseCalendarPage, ReleasePage

ICS_MAX_EVENTS = 500
FEED_ITEMS = 50


def calendar_for_language():
    lang = current_language()
    calendar = ReleaseCalendarPage.objects.live().filter(locale__language_code=lang).first()
    if calendar is None:
        raise Http404
    return calendar


def ics(request):
    calendar = calendar_for_language()
    now = timezone.now()
    data = request.GET.copy()
    data["tab"] = "upcoming"
    base = ReleasePage.objects.child_of(calendar).live()
    upcoming, _form, errors, _tab, _cleaned = filter_entries(base, data, now)
    if errors:
        return HttpResponse("\n".join(errors), status=400, content_type="text/plain; charset=utf-8")
    entries = list(upcoming.filter(status=ReleaseStatus.CONFIRMED)[:ICS_MAX_EVENTS])
    cancelled_data = data.copy()
    cancelled_data["tab"] = "cancelled"
    cancelled, *_rest = filter_entries(base, cancelled_data, now)
    entries += list(cancelled.filter(release_at__gt=now)[:ICS_MAX_EVENTS])
    lang = current_language()
    cal = Calendar()
    cal.add("prodid", "-//MCLS Statistics Portal//Release calendar//" + lang.upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar.title)
    cal.add("x-wr-timezone", "Asia/Tehran")
    for entry in sorted(entries, key=lambda e: e.release_at):
        cal.add_component(_event(entry, request, lang, now))
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="releases.ics"'
    return response


def _event(entry, request, lang, now):
    """One entry as a VEVENT; the same UID in the whole calendar and the
    one-event file, so a subscriber who also added it gets one event."""
    event = Event()
    event.add("uid", f"release-{entry.translation_key}-{lang}@{request.get_host()}")
    event.add("summary", entry.title)
    start = entry.release_at.astimezone(TEHRAN)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=30))
    event.add("dtstamp", now)
    event.add("last-modified", entry.last_published_at or now)
    event.add("url", request.build_absolute_uri(entry.url))
    event.add("categories", [entry.get_kind_display()])
    if entry.status == ReleaseStatus.CANCELLED:
        event.add("status", "CANCELLED")
        event.add("description", entry.cancellation_notice)
    else:
        event.add("status", "CONFIRMED")
        event.add("description", entry.summary)
    event.add("sequence", entry.date_changes().count())
    return event


def entry_ics(request, pk):
    """«Add to calendar»: one entry as an .ics file. Only a confirmed (or
    published, cancelled) entry has a minute; a provisional one has only a month."""
    lang = current_language()
    entry = ReleasePage.objects.live().filter(pk=pk, locale__language_code=lang).first()
    if entry is None or entry.status == ReleaseStatus.PROVISIONAL:
        raise Http404
    now = timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//MCLS Statistics Portal//Release calendar//" + lang.upper())
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add_component(_event(entry, request, lang, now))
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="release-{entry.pk}.ics"'
    return response


class PublishedReleasesFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return calendar_for_language()

    def title(self, obj):
        return _("Published releases — %(title)s") % {"title": obj.title}

    def link(self, obj):
        return obj.url

    def description(self, obj):
        return obj.intro or obj.title

    def items(self, obj):
        now = timezone.now()
        data = self.request.GET.copy()
        data["tab"] = "published"
        base = ReleasePage.objects.child_of(obj).live()
        qs, *_rest = filter_entries(base, data, now)
        return list(qs[:FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        lang = current_language()
        return f"{item.summary}\n\n{format_datetime(item.release_at, lang)}"

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"release-{item.translation_key}-{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.release_at

    def item_updateddate(self, item):
        return item.release_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class PublishedReleasesAtomFeed(PublishedReleasesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class UpcomingReleasesFeed(PublishedReleasesFeed):
    """Confirmed entries still to come, soonest first (any filter of the listing).
    Only what the calendar shows in advance: title, minute, summary."""

    def title(self, obj):
        return _("Upcoming releases — %(title)s") % {"title": obj.title}

    def items(self, obj):
        data = self.request.GET.copy()
        data["tab"] = "upcoming"
        base = ReleasePage.objects.child_of(obj).live()
        qs, *_rest = filter_entries(base, data, timezone.now())
        return list(qs.filter(status=ReleaseStatus.CONFIRMED).order_by("release_at")[:FEED_ITEMS])

    def item_guid(self, item):
        return f"upcoming-{item.translation_key}-{item.locale.language_code}-{item.release_at:%Y%m%d%H%M}"

    def item_pubdate(self, item):
        return item.confirmed_at or item.last_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.confirmed_at


class UpcomingReleasesAtomFeed(UpcomingReleasesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

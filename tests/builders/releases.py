"""Small builders for tests (this app's and other apps'): a calendar and entries
in both languages, without loading the whole demo."""

import datetime as dt

from django.utils import timezone

from core.taxonomy import Organisation, ReleaseKind
from releases.enums import ReleaseStatus
from releases.models import ReleaseCalendarPage, ReleasePage, topics_to_db


def make_calendar(home_fa, translate_en=True):
    from core.pages import child_page

    calendar = child_page(home_fa, ReleaseCalendarPage, "releases", title="تقویم انتشار", show_in_menus=True)
    if translate_en:
        translate_quickly(calendar, "Release calendar")
    return calendar


def make_entry(
    calendar,
    title="ماهنامهٔ آماری بازار کار",
    release_at=None,
    status=ReleaseStatus.CONFIRMED,
    kind=ReleaseKind.MONTHLY_BULLETIN,
    topics=("labour_market",),
    organisation=Organisation.MCLS,
    slug=None,
    english=None,
    **fields,
):
    """An entry under the Persian `calendar`; with `english` (its English title)
    also its English translation. Returns the Persian entry."""
    release_at = release_at or (timezone.now() + dt.timedelta(days=7)).replace(second=0, microsecond=0)
    entry = ReleasePage(
        title=title,
        slug=slug or f"entry-{ReleasePage.objects.count() + 1}",
        kind=kind,
        status=status,
        release_at=release_at,
        topics=topics_to_db(topics),
        organisation=organisation,
        locale_id=calendar.locale_id,
        **fields,
    )
    calendar.add_child(instance=entry)
    entry.save_revision().publish()
    if english:
        translate_quickly(entry, english)
    return entry


def translate_quickly(page, english_title):
    """The English version of a page without wagtail-localize's machinery (fast;
    for tests). The demo uses core.translation.translate, as editors would."""
    from wagtail.models import Locale

    en = Locale.objects.get(language_code="en")
    copy = page.copy_for_translation(en)
    copy.title = english_title
    copy.save_revision().publish()
    return copy

"""Small builders for tests and the benchmark: the publications index,
calendar entries, yearbooks with chapters; block values come from the demo's
(demo/publications/blocks.py), so tests and demo write blocks one way."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from demo.publications.blocks import block, chart_value, headline_value, table_value
from publications.enums import YearbookScope
from publications.models import BulletinPage, PublicationIndexPage, YearbookChapterPage, YearbookPage

__all__ = [
    "block",
    "bulletin",
    "chart_value",
    "headline_value",
    "publications_index",
    "publish",
    "release_entry",
    "table_value",
    "yearbook",
]


def publications_index(home, slug="publications", title="انتشارات"):
    existing = home.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    index = PublicationIndexPage(title=title, slug=slug, locale=home.locale, show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def release_entry(home, *, title="انتشار", at=None, status="confirmed", kind="yearbook", slug=None):
    from releases.models import ReleaseCalendarPage, ReleasePage

    calendar = ReleaseCalendarPage.objects.filter(locale=home.locale).first()
    if calendar is None:
        calendar = ReleaseCalendarPage(title="تقویم انتشار", slug="releases", locale=home.locale)
        home.add_child(instance=calendar)
        calendar.save_revision().publish()
    entry = ReleasePage(
        title=title,
        slug=slug or f"release-{uuid.uuid4().hex[:8]}",
        locale=home.locale,
        kind=kind,
        status=status,
        release_at=at or timezone.now() - dt.timedelta(days=1),
    )
    calendar.add_child(instance=entry)
    entry.save_revision().publish()
    return entry


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def yearbook(
    index, *, title="سالنامه آماری ۱۴۰۲", slug="yearbook-1402", year=1402, release=None, chapters=(), body=(), **extra
):
    page = YearbookPage(
        title=title,
        slug=slug,
        year=year,
        release=release,
        scope=YearbookScope.NATIONAL,
        locale=index.locale,
        body=list(body),
        **extra,
    )
    index.add_child(instance=page)
    publish(page)
    for number, (chapter_title, chapter_body) in enumerate(chapters, start=1):
        chapter = YearbookChapterPage(
            title=chapter_title, slug=f"chapter-{number}", number=number, body=list(chapter_body), locale=index.locale
        )
        page.add_child(instance=chapter)
        publish(chapter)
    return page


def bulletin(
    index, *, title="ماهنامه", slug="bulletin", reference_period="1402-12", release=None, headlines=(), body=(), **extra
):
    page = BulletinPage(
        title=title,
        slug=slug,
        reference_period=reference_period,
        year=int(reference_period[:4]),
        release=release,
        locale=index.locale,
        headline_figures=list(headlines),
        body=list(body),
        **extra,
    )
    index.add_child(instance=page)
    return publish(page)

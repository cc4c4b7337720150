"""The embargo sweep (invariant 1): every channel, through the real URL routes,
with the clock set before and after a release's announced minute.

Nobody presses a button and no job runs between the two phases: visibility
follows the clock. Each channel is a (name, check) pair in CHANNELS; a check
gets the anonymous client, the scenario and `released` (False before the
minute, True after) and asserts what that channel must show. Other apps add
their own channels (indicator observations through the API, publication
listings, downloads) by appending to CHANNELS in their own test module, or by
importing `Scenario`/`build_scenario` and sweeping the same way."""

import datetime as dt
import re
from dataclasses import dataclass

import feedparser
import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import models
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.cache import get_max_age
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.search import index

from home.models import StandardPage
from releases import embargo
from releases.enums import ReleaseStatus
from releases.middleware import ReleaseEmbargoMiddleware
from releases.mixins import ReleasedContentMixin
from releases.scheduling import publish_due_releases
from tests.builders.releases import make_calendar, make_entry

pytestmark = pytest.mark.django_db

SECRET = "zanbourak"  # a word found only in the embargoed content


def define_sweep_publication():
    """A test-only page type released through the calendar (like a bulletin).
    Registered only while this module's tests run (so no migration is ever asked
    for) and its table made and dropped around them."""

    class SweepPublication(ReleasedContentMixin, Page):
        body = RichTextField(blank=True)
        document = models.ForeignKey(
            "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
        )
        image = models.ForeignKey(
            "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
        )
        search_fields = Page.search_fields + [index.SearchField("body")]
        template = "base.html"

        class Meta:
            app_label = "releases"

    return SweepPublication


@pytest.fixture(scope="module")
def sweep_model(django_db_setup, django_db_blocker):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import PAGE_MODEL_CLASSES

    model = define_sweep_publication()
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(model)
        # Committed outside the tests' transactions, so the cached id stays valid.
        ContentType.objects.clear_cache()
        content_type = ContentType.objects.get_for_model(model)
    try:
        yield model
    finally:
        with django_db_blocker.unblock():
            with connection.schema_editor() as editor:
                editor.delete_model(model)
            content_type.delete()
        ContentType.objects.clear_cache()
        del apps.all_models["releases"][model._meta.model_name]
        if model in PAGE_MODEL_CLASSES:
            PAGE_MODEL_CLASSES.remove(model)
        apps.clear_cache()


MINUTE = dt.datetime(2026, 12, 11, 6, 30, tzinfo=dt.UTC)  # 20 Azar 1405, 10:00 Tehran
BEFORE = MINUTE - dt.timedelta(seconds=30)
AFTER = MINUTE + dt.timedelta(seconds=1)


@dataclass
class Scenario:
    home: Page
    calendar: Page
    entry: Page
    publication: Page
    chapter: StandardPage
    document: object
    image: object


def build_scenario(home_fa, SweepPublication):
    calendar = make_calendar(home_fa)
    entry = make_entry(calendar, title="ماهنامهٔ بازار کار آذر", release_at=MINUTE, english="Labour bulletin Azar")
    document = get_document_model().objects.create(title=f"{SECRET} tables")
    document.file.save("bulletin-azar.csv", ContentFile(b"a,b\n1,2\n"))
    image = get_image_model().objects.create(title=f"{SECRET} chart", file=get_test_image_file("chart.png"))
    publication = SweepPublication(
        title=f"Bulletin {SECRET}",
        slug="bulletin-azar",
        body=f"<p>Unemployment {SECRET} 8.1%</p>",
        release=entry,
        document=document,
        image=image,
        show_in_menus=True,
    )
    home_fa.add_child(instance=publication)
    publication.save_revision().publish()
    chapter = StandardPage(title=f"Chapter {SECRET}", slug="chapter-1", intro=f"{SECRET} chapter")
    publication.add_child(instance=chapter)
    chapter.save_revision().publish()
    return Scenario(home_fa, calendar, entry, publication, chapter, document, image)


@pytest.fixture
def scenario(sweep_model, home_pages):
    with time_machine.travel(MINUTE - dt.timedelta(days=1), tick=False):
        return build_scenario(home_pages[0], sweep_model)


# --- the channels -------------------------------------------------------------------------
def check_page_url(client, s, released):
    response = client.get(s.publication.url)
    missing = client.get("/fa/no-such-page-at-all/")
    if released:
        assert response.status_code == 200 and SECRET in response.content.decode()
    else:
        assert response.status_code == 404
        # The same answer as a page that does not exist: nothing says it is there.
        assert response.content.decode().replace("bulletin-azar", "X") == missing.content.decode().replace(
            "no-such-page-at-all", "X"
        )


def check_page_below(client, s, released):
    assert client.get(s.chapter.url).status_code == (200 if released else 404)


def check_search(client, s, released):
    body = client.get("/fa/search/", {"q": SECRET}).content.decode()
    assert (s.publication.url in body) is released
    assert (s.chapter.url in body) is released


def check_sitemap(client, s, released):
    body = client.get("/sitemap.xml").content.decode()
    assert ("bulletin-azar" in body) is released
    assert ("chapter-1" in body) is released


def check_menu_and_home(client, s, released):
    body = client.get("/fa/").content.decode()
    menu = re.search(r'<nav class="main-menu".*?</nav>', body, re.S).group(0)
    assert (SECRET in menu) is released
    if not released:
        assert SECRET not in body


def check_calendar_entry(client, s, released):
    response = client.get(s.entry.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "ماهنامهٔ بازار کار آذر" in body  # the entry is public in advance
    assert (s.publication.url in body) is released  # what it releases is not


def check_listing(client, s, released):
    upcoming = client.get(s.calendar.url).content.decode()
    published = client.get(s.calendar.url, {"tab": "published"}).content.decode()
    assert (s.entry.url in upcoming) is not released
    assert (s.entry.url in published) is released
    if not released:
        assert SECRET not in upcoming + published


def check_feeds(client, s, released):
    rss = feedparser.parse(client.get("/fa/releases/feed.rss").content)
    assert (len(rss.entries) == 1) is released
    ics = client.get("/fa/releases/calendar.ics").content.decode()
    assert ("UID:release-" in ics) is not released  # upcoming only
    assert SECRET not in ics


def check_document(client, s, released):
    response = client.get(s.document.url)
    assert response.status_code == (200 if released else 404)


def check_image_files(client, s, released):
    """Original image files and renditions under MEDIA_URL, served by the
    embargo-aware media view (releases/media.py) in every mode, answer 404."""
    rendition = s.image.get_rendition("fill-100x100")
    for path in (s.image.file.url, rendition.url):
        assert client.get(path).status_code == (200 if released else 404)


def check_cache_headers(client, s, released):
    response = client.get("/fa/")
    if released:
        assert get_max_age(response) == 300
    else:
        # Thirty seconds before the minute: no cache keeps this page past it.
        assert 0 <= get_max_age(response) <= 30
    with time_machine.travel(MINUTE - dt.timedelta(seconds=1), tick=False):
        assert "no-store" in client.get("/fa/").headers["Cache-Control"]


def check_embargo_functions(client, s, released):
    held = embargo.embargoed_page_ids()
    assert (s.publication.pk in held) is not released
    assert (s.chapter.pk in held) is not released
    docs, images = embargo.held_media()
    assert (s.document.pk in docs) is not released
    assert (s.image.pk in images) is not released


CHANNELS = [
    ("page URL", check_page_url),
    ("page below a released page", check_page_below),
    ("site search", check_search),
    ("sitemap", check_sitemap),
    ("menu and home page", check_menu_and_home),
    ("calendar entry and related links", check_calendar_entry),
    ("calendar listing", check_listing),
    ("RSS and iCalendar feeds", check_feeds),
    ("document URL", check_document),
    ("image files and renditions", check_image_files),
    ("Cache-Control", check_cache_headers),
    ("embargo contract", check_embargo_functions),
]


@pytest.mark.parametrize("name,check", CHANNELS, ids=[name for name, _check in CHANNELS])
def test_channel_before_and_after_the_minute(client, scenario, name, check):
    with time_machine.travel(BEFORE, tick=False):
        check(client, scenario, released=False)
    with time_machine.travel(AFTER, tick=False):
        check(client, scenario, released=True)


def test_nothing_leaks_a_second_early_and_all_is_public_a_second_after(client, scenario):
    with time_machine.travel(MINUTE - dt.timedelta(seconds=1), tick=False):
        assert client.get(scenario.publication.url).status_code == 404
    with time_machine.travel(MINUTE, tick=False):
        assert client.get(scenario.publication.url).status_code == 200


def test_a_provisional_or_cancelled_release_never_opens_by_the_clock(client, scenario):
    from releases import services

    scenario.entry.__class__.objects.filter(pk=scenario.entry.pk).update(status=ReleaseStatus.PROVISIONAL)
    with time_machine.travel(AFTER, tick=False):
        assert client.get(scenario.publication.url).status_code == 404
    with time_machine.travel(BEFORE, tick=False):
        scenario.entry.__class__.objects.filter(pk=scenario.entry.pk).update(status=ReleaseStatus.CONFIRMED)
        services.cancel(scenario.entry, "لغو شد")
    with time_machine.travel(AFTER + dt.timedelta(days=3), tick=False):
        assert client.get(scenario.publication.url).status_code == 404
        assert client.get(scenario.document.url).status_code == 404


def test_editors_preview_before_the_minute_and_nothing_of_it_is_cached(admin_client, admin_user, scenario):
    with time_machine.travel(BEFORE, tick=False):
        admin_client.force_login(admin_user)  # a session from the real clock would have expired
        response = admin_client.get(scenario.publication.url)
        assert response.status_code == 200
        assert "no-store" in response.headers["Cache-Control"]
        assert "private" in response.headers["Cache-Control"]
        assert admin_client.get(scenario.document.url).status_code == 200


def test_a_draft_attaching_a_document_holds_it_too(client, scenario):
    """ONS 2009: loading the data must not publish it. A document attached only
    in an unpublished draft of an embargoed page is held as well."""
    other = get_document_model().objects.create(title="draft annex")
    other.file.save("annex.csv", ContentFile(b"x\n1\n"))
    with time_machine.travel(BEFORE, tick=False):
        assert client.get(other.url).status_code == 200  # not tied to anything yet
        draft = scenario.publication.get_latest_revision_as_object()
        draft.document = other
        draft.save_revision()
        assert client.get(other.url).status_code == 404
    with time_machine.travel(AFTER, tick=False):
        assert client.get(other.url).status_code == 200


def test_the_scheduler_marks_it_published_and_publishes_scheduled_revisions(client, scenario):
    with time_machine.travel(MINUTE - dt.timedelta(hours=1), tick=False):
        draft = scenario.publication.get_latest_revision_as_object()
        draft.title = "Bulletin final figures"
        revision = draft.save_revision(approved_go_live_at=MINUTE)
        assert revision.approved_go_live_at == MINUTE
    with time_machine.travel(BEFORE, tick=False):
        assert publish_due_releases() == 0
    with time_machine.travel(AFTER, tick=False):
        assert publish_due_releases() == 1
        scenario.entry.refresh_from_db()
        assert scenario.entry.status == ReleaseStatus.PUBLISHED
        assert scenario.entry.published_at == AFTER
        assert "Bulletin final figures" in client.get(scenario.publication.url).content.decode()


def test_cache_headers_for_cookies_editors_and_the_admin(scenario, admin_user):
    def respond(request):
        response = HttpResponse("form")
        response.set_cookie("csrftoken", "x")
        return response

    middleware = ReleaseEmbargoMiddleware(respond)
    with time_machine.travel(BEFORE - dt.timedelta(hours=1), tick=False):
        request = RequestFactory().get("/fa/researchers/apply/")
        request.user = AnonymousUser()
        header = middleware(request).headers["Cache-Control"]
        assert "private" in header and "public" not in header
        assert get_max_age(middleware(request)) <= 300
        request.user = admin_user
        assert "no-store" in middleware(request).headers["Cache-Control"]
        post = RequestFactory().post("/fa/search/")
        post.user = AnonymousUser()
        assert "no-store" in ReleaseEmbargoMiddleware(lambda r: HttpResponse("ok"))(post).headers["Cache-Control"]

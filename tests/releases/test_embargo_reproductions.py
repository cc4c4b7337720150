"""The six ways around the release minute found by the outside review of
issue 11, each reproduced as it was found (through the real URL routes, the
real admin forms and real files) and closed."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.cache import get_max_age
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import querydict_from_html

from publications.models import BulletinPage, InfographicPage
from releases import services
from releases.enums import ReleaseStatus
from releases.middleware import PUBLIC_MAX_AGE
from tests.builders.publications import block, publications_index
from tests.builders.releases import make_calendar, make_entry

pytestmark = pytest.mark.django_db

MINUTE = dt.datetime(2026, 12, 11, 6, 30, tzinfo=dt.UTC)
SETUP = MINUTE - dt.timedelta(days=10)
BEFORE = MINUTE - dt.timedelta(seconds=10)
AFTER = MINUTE + dt.timedelta(seconds=1)


@pytest.fixture
def world(home_pages):
    """A calendar with a future entry at MINUTE and one already published."""
    with time_machine.travel(SETUP, tick=False):
        home = home_pages[0]
        calendar = make_calendar(home, translate_en=False)
        future = make_entry(calendar, title="آینده", release_at=MINUTE, slug="future")
        past = make_entry(calendar, title="گذشته", release_at=SETUP - dt.timedelta(days=3), slug="past")
        type(past).objects.filter(pk=past.pk).update(status=ReleaseStatus.PUBLISHED)
        index = publications_index(home)
    return {"home": home, "future": future, "past": past, "index": index}


def new_document(name="tables.csv"):
    document = get_document_model().objects.create(title=name)
    document.file.save(name, ContentFile(b"a,b\n1,2\n"))
    return document


def new_image(name="chart.png"):
    return get_image_model().objects.create(title=name, file=get_test_image_file(name))


def infographic(world, release, image, slug="info", **extra):
    page = InfographicPage(
        title="اینفوگرافیک", slug=slug, release=release, image=image, text_alternative="<p>متن</p>", **extra
    )
    world["index"].add_child(instance=page)
    page.save_revision().publish()
    return page


def spellings(url):
    """The file's URL and the other spellings of the same storage name."""
    rest = url.removeprefix("/media/")
    folder, _, name = rest.partition("/")
    return [
        url,
        f"/media//{rest}",
        f"/media/{folder}//{name}",
        f"/media/%2F{rest}",
        f"/media/{folder}%2F{name}",
        f"/media/./{folder}/./{name}",
        f"/media/{folder}/sub/../{name}".replace("/sub/..", "/."),
    ]


def edit_form_data(client, edit_url):
    """What the admin's edit form would post (StreamFields are drawn by script:
    an empty body is posted as count 0)."""
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.setdefault("body-count", "0")
    return data


# --- 1. media by another spelling -----------------------------------------------------------
def test_1_media_under_every_spelling_waits_for_the_minute(client, world):
    with time_machine.travel(SETUP, tick=False):
        image = new_image()
        rendition = image.get_rendition("width-20")
        document = new_document()
        bulletin = BulletinPage(
            title="ماهنامه",
            slug="bulletin",
            reference_period="1405-08",
            year=1405,
            release=world["future"],
            body=[block("document", {"document": document.pk, "description": ""})],
        )
        world["index"].add_child(instance=bulletin)
        bulletin.save_revision().publish()
        infographic(world, world["future"], image)
    urls = spellings(image.file.url) + spellings(rendition.url) + spellings(document.file.url)
    with time_machine.travel(BEFORE, tick=False):
        leaks = [url for url in urls if client.get(url).status_code != 404]
        assert leaks == []
        assert client.get(document.url).status_code == 404
    with time_machine.travel(AFTER, tick=False):
        missing = [url for url in urls if client.get(url).status_code != 200]
        assert missing == []
        assert client.get(document.url).status_code == 200


def test_1_media_never_leaves_media_root(client, world, settings, tmp_path):
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("microdata")
    for url in ("/media/../private/secret.txt", "/media/%2E%2E/private/secret.txt", "/media/..%2Fprivate/secret.txt"):
        assert client.get(url).status_code == 404


# --- 2. early release by any page publisher ----------------------------------------------------
def test_2_a_moderator_cannot_point_the_release_at_a_published_entry(client, world, django_user_model):
    with time_machine.travel(SETUP, tick=False):
        image = new_image()
        page = infographic(world, world["future"], image)
        moderator = django_user_model.objects.create_user("moderator", password="x")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        client.force_login(moderator)
        edit_url = f"/admin/pages/{page.pk}/edit/"
        data = edit_form_data(client, edit_url)
        data["release"] = str(world["past"].pk)
        data["action-publish"] = "action-publish"
        response = client.post(edit_url, data)
        assert response.status_code == 200  # the form comes back with its message
        assert "فقط منتشرکنندگان انتشار می‌توانند مورد تقویم انتشارِ محتوا" in response.content.decode()
        page.refresh_from_db()
        assert page.release_id == world["future"].pk
        client.logout()
        assert client.get(page.url).status_code == 404
        assert client.get(image.file.url).status_code == 404


def test_2_a_moderator_cannot_publish_content_whose_release_has_not_happened(client, world, django_user_model):
    with time_machine.travel(SETUP, tick=False):
        page = infographic(world, world["future"], new_image())
        moderator = django_user_model.objects.create_user("moderator", password="x")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        client.force_login(moderator)
        edit_url = f"/admin/pages/{page.pk}/edit/"
        data = edit_form_data(client, edit_url)
        data["title"] = "عنوان تازه"
        data["action-publish"] = "action-publish"
        client.post(edit_url, data)
        page.refresh_from_db()
        assert page.title == "اینفوگرافیک"  # the draft is kept, not published
        assert page.get_latest_revision_as_object().title == "عنوان تازه"


# --- 3. a document attached only to a draft of a live page -------------------------------------
def test_3_files_of_a_draft_pointing_at_a_future_entry_wait(client, world):
    with time_machine.travel(SETUP, tick=False):
        page = infographic(world, None, new_image("public.png"))
        document = new_document("annex.csv")
        image = new_image("draft.png")
        draft = page.get_latest_revision_as_object()
        draft.release = world["future"]
        draft.image = image
        draft.text_alternative = f'<p><a linktype="document" id="{document.pk}">annex</a></p>'
        draft.save_revision()
    with time_machine.travel(BEFORE, tick=False):
        assert client.get(page.url).status_code == 200  # the live version is public
        for url in (document.url, document.file.url, image.file.url):
            assert client.get(url).status_code == 404, url
    with time_machine.travel(AFTER, tick=False):
        for url in (document.url, document.file.url, image.file.url):
            assert client.get(url).status_code == 200, url


# --- 4. «go live at» content waits for the scheduler ---------------------------------------------
def test_4_scheduled_content_is_public_at_its_minute_without_the_scheduler(client, world):
    with time_machine.travel(SETUP, tick=False):
        page = BulletinPage(
            title="ماهنامه زمان‌بندی", slug="scheduled", reference_period="1405-08", year=1405, release=world["future"]
        )
        page.go_live_at = MINUTE
        world["index"].add_child(instance=page)
        revision = page.save_revision(approved_go_live_at=MINUTE)
        revision.publish()
        page.refresh_from_db()
        assert not page.live
        url = world["index"].url + "scheduled/"
    with time_machine.travel(BEFORE, tick=False):
        assert client.get(url).status_code == 404
    with time_machine.travel(MINUTE + dt.timedelta(seconds=1), tick=False):
        response = client.get(url)  # no scheduler has run
        assert response.status_code == 200
        assert "ماهنامه زمان‌بندی" in response.content.decode()


def test_4_the_next_release_minute_counts_scheduled_revisions(world):
    from releases.embargo import next_release_at

    with time_machine.travel(SETUP, tick=False):
        page = infographic(world, None, new_image())
        soon = SETUP + dt.timedelta(hours=2)
        page.save_revision(approved_go_live_at=soon)
        assert next_release_at() == soon


# --- 5. renaming the slug of an embargoed page -------------------------------------------------------
def test_5_a_renamed_embargoed_page_leaves_no_public_redirect(client, world, django_capture_on_commit_callbacks):
    with time_machine.travel(SETUP, tick=False):
        page = infographic(world, world["future"], new_image(), slug="old-slug")
        old_url = page.url
        page.slug = "new-slug"
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        from wagtail.contrib.redirects.models import Redirect

        assert Redirect.objects.filter(redirect_page=page).exists()  # Wagtail made one
    with time_machine.travel(BEFORE, tick=False):
        response = client.get(old_url)
        assert response.status_code == 404
        assert "new-slug" not in response.content.decode()
    with time_machine.travel(AFTER, tick=False):
        response = client.get(old_url)
        assert response.status_code in (301, 302) and response["Location"].endswith("/new-slug/")


# --- 6. caches across a confirmation or a move -------------------------------------------------------
def test_6_confirm_and_move_refuse_a_minute_closer_than_the_longest_max_age(client, world):
    with time_machine.travel(SETUP, tick=False):
        calendar = world["future"].get_parent().specific
        entry = make_entry(calendar, status=ReleaseStatus.PROVISIONAL, release_at=SETUP + dt.timedelta(days=1))
        now = SETUP
        assert get_max_age(client.get("/fa/")) <= PUBLIC_MAX_AGE
        too_close = (now + dt.timedelta(seconds=100)).replace(second=0) + dt.timedelta(minutes=1)
        with pytest.raises(ValidationError):
            services.confirm(entry, release_at=too_close, now=now)
        with pytest.raises(ValidationError):
            services.move(world["future"], too_close, "دلیل", now=now)
        far_enough = now + dt.timedelta(seconds=PUBLIC_MAX_AGE + 60)
        assert services.confirm(entry, release_at=far_enough.replace(second=0), now=now).status == "confirmed"


def test_6_every_schedule_change_is_in_the_audit_log(world, admin_user):
    from wagtail.models import PageLogEntry

    with time_machine.travel(SETUP, tick=False):
        entry = world["future"]
        services.move(entry, MINUTE + dt.timedelta(days=1), "دلیل", user=admin_user)
        services.cancel(entry, "لغو شد", user=admin_user)
        actions = list(PageLogEntry.objects.filter(page=entry).values_list("action", "user_id"))
        assert ("releases.move", admin_user.pk) in actions
        assert ("releases.cancel", admin_user.pk) in actions

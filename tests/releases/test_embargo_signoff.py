"""Two-person sign-off for content attached to a release (releases/signoff.py)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied

from publications.models import BulletinPage
from releases import signoff
from tests.builders.publications import publications_index
from tests.builders.releases import make_calendar, make_entry

pytestmark = pytest.mark.django_db

MINUTE = dt.datetime(2026, 12, 11, 6, 30, tzinfo=dt.UTC)
SETUP = MINUTE - dt.timedelta(days=10)


@pytest.fixture
def release(home_pages, django_user_model):
    with time_machine.travel(SETUP, tick=False):
        home = home_pages[0]
        entry = make_entry(make_calendar(home, translate_en=False), release_at=MINUTE, slug="coming")
        index = publications_index(home)
        publishers = Group.objects.get(name="Release publishers")
        moderators = Group.objects.get(name="Moderators")
        users = {}
        for name in ("ali", "sara"):
            user = django_user_model.objects.create_user(name, email=f"{name}@example.org", password="x")
            user.groups.add(publishers, moderators)
            users[name] = user
    return entry, index, users


def draft_bulletin(index, entry, user):
    page = BulletinPage(
        title="ماهنامه", slug="bulletin", reference_period="1405-08", year=1405, release=entry, live=False
    )
    index.add_child(instance=page)
    page.save_revision(user=user)
    return page


def test_released_content_uses_the_signoff_workflow(release):
    entry, index, users = release
    with time_machine.travel(SETUP, tick=False):
        page = draft_bulletin(index, entry, users["ali"])
        assert page.get_workflow().name == signoff.WORKFLOW_NAME


def test_the_last_editor_cannot_approve_and_a_second_person_can(client, release):
    entry, index, users = release
    with time_machine.travel(SETUP, tick=False):
        page = draft_bulletin(index, entry, users["ali"])
        page.get_workflow().start(page, users["ali"])
        page.refresh_from_db()
        state = page.current_workflow_task_state
        task = state.task.specific
        assert [a for a in task.get_actions(page, users["ali"]) if a[0] == "approve"] == []
        with pytest.raises(PermissionDenied):
            task.on_action(state, users["ali"], "approve")
        page.refresh_from_db()
        assert not page.live
        assert signoff.readiness(entry)[0][1] == "in_review"
        task.on_action(state, users["sara"], "approve")
        page.refresh_from_db()
        assert page.live
        assert signoff.readiness(entry)[0][1] == "approved"
        from wagtail.models import PageLogEntry

        assert PageLogEntry.objects.filter(page=page, action="releases.signoff", user=users["sara"]).exists()
        assert client.get(page.url).status_code == 404  # approved, but the minute has not come
    with time_machine.travel(MINUTE, tick=False):
        assert client.get(page.url).status_code == 200


def test_publish_in_the_admin_is_refused_for_content_of_a_coming_release(client, admin_user, release):
    entry, index, users = release
    with time_machine.travel(SETUP, tick=False):
        page = draft_bulletin(index, entry, users["ali"])
        client.force_login(admin_user)
        response = client.post(f"/admin/pages/{page.pk}/edit/", _form(client, page), follow=True)
        page.refresh_from_db()
        assert not page.live
        assert "برای تأیید انتشار بفرستید" in response.content.decode()


def _form(client, page):
    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), form_id="page-edit-form")
    for name in ("body-count", "headline_figures-count"):
        data.setdefault(name, "0")
    data["action-publish"] = "action-publish"
    return data


def test_unapproved_items_are_flagged_once_24_hours_before(release):
    entry, index, users = release
    with time_machine.travel(SETUP, tick=False):
        draft_bulletin(index, entry, users["ali"])
        assert signoff.flag_unapproved() == 0  # ten days ahead: not yet
    with time_machine.travel(MINUTE - dt.timedelta(hours=23), tick=False):
        assert signoff.flag_unapproved() == 1
        assert signoff.flag_unapproved() == 0  # once per entry
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"ali@example.org", "sara@example.org"}
    assert "ماهنامه" in message.body


def test_the_readiness_panel_lists_coming_releases_for_publishers(client, release):
    entry, index, users = release
    with time_machine.travel(SETUP, tick=False):
        draft_bulletin(index, entry, users["ali"])
        client.force_login(users["sara"])
        body = client.get("/admin/").content.decode()
        assert 'id="release-readiness-heading"' in body
        assert 'data-state="draft"' in body

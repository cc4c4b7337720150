"""Alert subscribers in the Wagtail admin: counted and filtered by status, emails
masked, nothing changeable by anyone, and seen only with the view permission."""

import datetime as dt
import uuid

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from alerts.models import ReleaseNotice, Subscriber
from tests.builders.publications import release_entry

pytestmark = pytest.mark.django_db
LIST = "/admin/alert_subscribers/"


@pytest.fixture
def subscribers(db):
    now = timezone.now()
    return {
        "active": Subscriber.objects.create(email="reader.a@example.org", confirmed_at=now),
        "pending": Subscriber.objects.create(email="reader.p@example.org"),
        "unsubscribed": Subscriber.objects.create(
            email="reader.g@example.org", confirmed_at=now - dt.timedelta(days=9), unsubscribed_at=now
        ),
        "anonymised": Subscriber.objects.create(email=None, anonymised_at=now),
    }


def staff(*codenames):
    user = User.objects.create_user(f"staff-{uuid.uuid4().hex[:6]}", password="x", is_staff=True)
    group = Group.objects.create(name=f"g-{user.username}")
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    user.groups.add(group)
    return user


def test_the_listing_shows_masked_emails_and_filters_by_status(admin_client, subscribers):
    body = admin_client.get(LIST).content.decode()
    for subscriber in subscribers.values():
        assert subscriber.masked_email in body
    assert "@example.org" in body and "reader.a@" not in body and "reader.p@" not in body
    assert "در انتظار تأیید" in body and "مشترکان" in body  # the admin speaks Persian first

    body = admin_client.get(LIST, {"status": "pending"}).content.decode()
    assert subscribers["pending"].masked_email in body
    assert subscribers["active"].masked_email not in body and subscribers["unsubscribed"].masked_email not in body


@pytest.mark.parametrize("status", [s.value for s in Subscriber.Status])
def test_each_status_filter_finds_exactly_its_subscriber(subscribers, status):
    assert list(Subscriber.objects.filter(Subscriber.STATUS_FILTERS[status])) == [subscribers[status]]
    assert subscribers[status].status == Subscriber.Status(status).label


def test_not_even_a_superuser_can_add_edit_or_delete_a_subscription(admin_client, subscribers):
    active = subscribers["active"]
    for url in (f"{LIST}new/", f"{LIST}edit/{active.pk}/", f"{LIST}delete/{active.pk}/"):
        assert admin_client.get(url).status_code in (302, 403), url
        assert admin_client.post(url, {"email": "changed@example.org", "language": "en"}).status_code in (302, 403)
    active.refresh_from_db()
    assert active.email == "reader.a@example.org" and active.language == "fa"
    assert Subscriber.objects.count() == 4
    assert admin_client.get(f"{LIST}inspect/{active.pk}/").status_code == 200


def test_only_the_view_permission_opens_the_listing(client, subscribers):
    client.force_login(staff())
    assert client.get(LIST).status_code in (302, 403)
    assert LIST not in client.get("/admin/").content.decode()

    client.force_login(staff("view_subscriber"))
    assert client.get(LIST).status_code == 200
    assert LIST in client.get("/admin/").content.decode()


def test_release_notices_name_their_release(admin_client, home_pages):
    entry = release_entry(home_pages[0], title="خبرنامه بازار کار آبان")
    ReleaseNotice.objects.create(translation_key=entry.translation_key, sent=42)
    body = admin_client.get("/admin/release_notices/").content.decode()
    assert "خبرنامه بازار کار آبان" in body and "42" in body

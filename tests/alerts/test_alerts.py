"""Email alerts: double opt-in, the notice at the minute and never before, once
only (even when the worker restarts mid-send), one-click unsubscribe, retention."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from alerts import jobs, sending
from alerts.models import Delivery, Subscriber
from tests.builders.indicators import add_observation
from tests.builders.search import search_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_pages, settings):
    settings.ALERTS_BASE_URL = "https://amar.example"
    settings.ALERTS_SEND_RATE = 1_000_000
    return search_world(home_pages)


def _subscribe(client, lang="fa", email="reporter@example.org", **choices):
    data = {"email": email, "indicators": ["unemployment-insurance"], "weekly_digest": "on", **choices}
    return client.post(f"/{lang}/alerts/", data)


def _link(email_message, pattern):
    return re.search(pattern, email_message.body).group(0).replace("https://amar.example", "")


def _confirm(client, lang="fa", **kwargs):
    _subscribe(client, lang, **kwargs)
    client.get(_link(mail.outbox[-1], r"https://\S+/alerts/confirm/\S+/"))


def test_indicator_page_leads_to_the_form_with_the_indicator_chosen(client, world):
    body = client.get("/fa/indicators/unemployment-insurance/").content.decode()
    assert 'href="/fa/alerts/?indicator=unemployment-insurance"' in body
    form = client.get("/fa/alerts/?indicator=unemployment-insurance").content.decode()
    assert re.search(r'value="unemployment-insurance"[^>]*checked', form)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_double_opt_in_by_a_signed_link(client, world, lang):
    response = _subscribe(client, lang)
    assert response.status_code == 200 and len(mail.outbox) == 1
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None and subscriber.language == lang
    confirm = _link(mail.outbox[0], r"https://\S+/alerts/confirm/\S+/")
    assert client.get(confirm[:-3] + "xx/").status_code == 400  # tampered
    assert client.get(confirm).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None


def test_bad_input_changes_nothing_and_says_why(client, world):
    response = client.post("/fa/alerts/", {"email": "not-an-address"})
    assert response.status_code == 400 and not Subscriber.objects.exists() and not mail.outbox
    assert "حداقل" in response.content.decode() or "at least" in response.content.decode()


def test_a_known_address_is_not_changed_from_the_form(client, world):
    _confirm(client)
    _subscribe(client, indicators=[], topics=["cooperatives"])
    sub = Subscriber.objects.get()
    assert sub.topic_list() == [] and [i.code for i in sub.indicators.all()] == ["unemployment-insurance"]
    assert "/alerts/manage/" in mail.outbox[-1].body


def test_notice_at_the_minute_never_before_once_with_the_figures(client, world):
    _confirm(client, "fa")
    _confirm(client, "en", email="editor@example.org")
    add_observation(world.indicator, "1406-06", [], 171234, release=world.next)
    mail.outbox.clear()
    with time_machine.travel(world.next.release_at - dt.timedelta(seconds=1)):
        assert jobs.queue_release_notices() == 0
        assert sending.notify_release(world.next) == 0  # even when called directly
    assert not mail.outbox
    with time_machine.travel(world.next.release_at + dt.timedelta(seconds=1)):
        assert jobs.queue_release_notices() == 1  # the immediate backend sends it now
        assert jobs.queue_release_notices() == 0
        assert sending.notify_release(world.next) == 0  # a second run sends nothing
    assert sorted(m.to[0] for m in mail.outbox) == ["editor@example.org", "reporter@example.org"]
    fa = next(m for m in mail.outbox if m.to == ["reporter@example.org"])
    en = next(m for m in mail.outbox if m.to == ["editor@example.org"])
    assert fa.subject == world.next.title and "۱۷۱٬۲۳۴" in fa.body
    assert en.subject == "Unemployment insurance — Shahrivar 1406" and "171,234" in en.body
    assert fa.extra_headers["List-Unsubscribe"].startswith("<https://amar.example/fa/alerts/unsubscribe/")
    assert fa.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/fa/alerts/manage/" in fa.body


def test_a_restart_mid_send_never_sends_twice(world, monkeypatch):
    from django.utils import timezone

    subs = [
        Subscriber.objects.create(email=f"s{n}@example.org", confirmed_at=timezone.now(), kinds=",indicator_update,")
        for n in range(3)
    ]
    monkeypatch.setattr(sending, "BATCH", 1)
    real = sending.mail.get_connection
    calls = {"n": 0}

    class Dying:
        def __init__(self):
            self.inner = real()

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_messages(self, messages):
            calls["n"] += 1
            if calls["n"] == 2:
                raise ConnectionError("worker killed")
            return self.inner.send_messages(messages)

    monkeypatch.setattr(sending.mail, "get_connection", Dying)
    with time_machine.travel(world.next.release_at + dt.timedelta(seconds=1)):
        with pytest.raises(ConnectionError):
            sending.notify_release(world.next)
        sending.notify_release(world.next)  # the worker restarted
    sent_to = [m.to[0] for m in mail.outbox]
    assert len(sent_to) == len(set(sent_to)) == 2
    assert Delivery.objects.filter(subscriber__in=subs).count() == 3
    assert Delivery.objects.filter(sent_at__isnull=True).count() == 1  # claimed, not sent: at most once


def test_one_click_unsubscribe_and_then_nothing(client, world):
    _confirm(client)
    unsubscribe = re.search(r"<https://amar.example(\S+)>", mail.outbox[-1].extra_headers["List-Unsubscribe"]).group(1)
    # the mail client's POST carries no CSRF token
    response = Client(enforce_csrf_checks=True).post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get().unsubscribed_at is not None
    mail.outbox.clear()
    with time_machine.travel(world.next.release_at + dt.timedelta(seconds=1)):
        sending.notify_release(world.next)
    assert not mail.outbox


def test_weekly_digest_once_a_week(client, world):
    _confirm(client, topics=["social_security"])
    mail.outbox.clear()
    saturday = world.next.release_at - dt.timedelta(days=1)
    while saturday.astimezone(jobs.TEHRAN).weekday() != jobs.DIGEST_WEEKDAY:
        saturday -= dt.timedelta(days=1)
    at = saturday.astimezone(jobs.TEHRAN).replace(hour=9)
    with time_machine.travel(at):
        assert jobs.queue_weekly_digest() == 1
        assert jobs.queue_weekly_digest() == 0
    assert len(mail.outbox) == 1 and world.next.title in mail.outbox[0].body
    assert world.later.title not in mail.outbox[0].body  # beyond the week


def test_addresses_are_masked_and_expire(world):
    from django.utils import timezone

    from alerts.retention import anonymise_due

    old = timezone.now() - dt.timedelta(days=40)
    pending = Subscriber.objects.create(email="pending@example.org")
    Subscriber.objects.filter(pk=pending.pk).update(created_at=old)
    gone = Subscriber.objects.create(email="gone@example.org", confirmed_at=old, unsubscribed_at=old)
    kept = Subscriber.objects.create(email="kept@example.org", confirmed_at=old)
    assert kept.masked_email == "•••t@example.org"
    assert anonymise_due(months=1) == 2
    assert Subscriber.objects.get(pk=pending.pk).email is None and Subscriber.objects.get(pk=gone.pk).email is None
    assert Subscriber.objects.get(pk=kept.pk).email == "kept@example.org"

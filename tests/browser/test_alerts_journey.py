"""The journalist's journey, in both languages: search → the indicator page
with its next update → subscribe to its alerts → confirm by the emailed link →
the release minute passes → exactly one email, after the minute, with the
figures → unsubscribe in one click."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from .conftest import screenshot

pytestmark = pytest.mark.browser

QUERY = {"fa": "بيمه بيكاري", "en": "unemployment insurance"}


def _release_for_the_indicator(lang):
    """A confirmed entry of a series of its own that releases a figure of the indicator."""
    from indicators.models import Indicator
    from releases.models import ReleaseCalendarPage, ReleaseSeries
    from tests.builders.indicators import add_observation
    from tests.builders.releases import make_entry, translate_quickly

    series = ReleaseSeries.objects.create(
        title="مقرری بیمه بیکاری آزمون " + lang, title_en="Unemployment insurance journey " + lang,
        kind="indicator_update", frequency="monthly", day=20, active=False,
    )  # fmt: skip
    calendar = ReleaseCalendarPage.objects.get(locale__language_code="fa")
    at = (timezone.now() + dt.timedelta(hours=3)).replace(second=0, microsecond=0)
    entry = make_entry(
        calendar, title=f"مقرری بیمه بیکاری — آزمون {lang}", release_at=at, kind="indicator_update",
        series=series, slug=f"alerts-journey-{lang}",
    )  # fmt: skip
    translate_quickly(entry, f"Unemployment insurance — journey {lang}")
    indicator = Indicator.objects.get(code="unemployment-insurance")
    observation = add_observation(indicator, "1410-01", ["IR", "T"], 171717, release=entry)
    return entry, observation


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_search_follow_and_get_one_email_at_the_minute(page, site_url, settings, lang):
    from wagtail.models import Locale

    from alerts import jobs
    from alerts.models import Subscriber

    settings.ALERTS_BASE_URL = site_url
    settings.ALERTS_SEND_RATE = 1000
    entry, observation = _release_for_the_indicator(lang)
    shown = entry if lang == "fa" else entry.get_translation(Locale.objects.get(language_code="en"))
    email = f"journalist-{lang}@example.org"
    mail.outbox.clear()
    try:
        # search from the header box
        page.goto(f"{site_url}/{lang}/")
        page.fill("#header-q", QUERY[lang])
        page.press("#header-q", "Enter")
        page.wait_for_url(f"**/{lang}/search/**")
        page.locator(".search-hit").first.get_by_role("link").click()
        page.wait_for_url(f"**/{lang}/indicators/unemployment-insurance/")

        # the next update, to the minute, linked to the entry
        next_update = page.locator(".next-update")
        assert next_update.get_by_role("link").get_attribute("href") == shown.url
        assert next_update.locator("time").get_attribute("datetime").startswith(entry.release_at.strftime("%Y-%m-%d"))
        screenshot(page, f"alerts-next-update-{lang}")

        # subscribe to this indicator's alerts
        page.locator(".follow-links a").click()
        page.wait_for_url(f"**/{lang}/alerts/?indicator=unemployment-insurance")
        assert page.locator('input[value="unemployment-insurance"]').is_checked()
        page.fill("input[name=email]", email)
        page.locator(".alerts-form button[type=submit]").click()
        page.wait_for_load_state()
        assert email in page.locator("main").inner_text()

        # confirm by the link in the email
        confirm = re.search(r"https?://\S+/alerts/confirm/\S+/", mail.outbox[-1].body).group(0)
        page.goto(confirm)
        assert Subscriber.objects.get(email=email).confirmed_at is not None
        mail.outbox.clear()

        # the scheduler ticks just before the minute, then just after it
        with time_machine.travel(entry.release_at - dt.timedelta(seconds=1)):
            jobs.queue_release_notices()
        assert [m for m in mail.outbox if m.to == [email]] == []
        with time_machine.travel(entry.release_at + dt.timedelta(seconds=1)):
            jobs.queue_release_notices()
            jobs.queue_release_notices()
        mine = [m for m in mail.outbox if m.to == [email]]
        assert len(mine) == 1
        assert mine[0].subject == shown.title
        assert ("۱۷۱٬۷۱۷" if lang == "fa" else "171,717") in mine[0].body

        # one click (RFC 8058): the mail client POSTs to the List-Unsubscribe address
        unsubscribe = re.search(r"<(\S+)>", mine[0].extra_headers["List-Unsubscribe"]).group(1)
        assert page.request.post(unsubscribe, form={"List-Unsubscribe": "One-Click"}).status == 200
        assert Subscriber.objects.get(email=email).unsubscribed_at is not None
    finally:
        observation.delete()

"""Page feedback («آیا این صفحه مفید بود؟»): stored, limited and summarised."""

import pytest

from surveys.models import PageFeedback
from surveys.results import feedback_results
from tests.surveys.helpers import CURRENT, render_feedback

pytestmark = pytest.mark.django_db


def test_page_feedback_tag_works_with_a_page_or_a_bare_url(home_pages):
    home_fa = home_pages[0]
    html = render_feedback(home_fa)
    assert 'action="/fa/feedback/"' in html
    assert f'name="page_id" value="{home_fa.pk}"' in html and 'name="url" value="/fa/"' in html
    bare = render_feedback(None, "/fa/indicators/unemployment/")
    assert 'name="url" value="/fa/indicators/unemployment/"' in bare and 'name="page_id" value=""' in bare


def test_page_feedback_is_stored_and_the_reader_sent_back(client, home_pages):
    home_fa = home_pages[0]
    response = client.post(
        "/fa/feedback/", {"useful": "no", "comment": "<script>x</script>", "url": "/fa/", "page_id": home_fa.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fa/?feedback=thanks#page-feedback"
    row = PageFeedback.objects.get()
    assert row.useful is False and row.page_key == home_fa.translation_key and row.period == CURRENT.code
    assert "Thank you for your feedback" in render_feedback(
        home_fa, "/fa/?feedback=thanks"
    ) or "سپاس" in render_feedback(home_fa, "/fa/?feedback=thanks")


def test_page_feedback_works_on_cached_pages_without_a_token_but_not_cross_site(home_pages):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    ok = client.post("/fa/feedback/", {"useful": "yes", "url": "/fa/"}, HTTP_ORIGIN="http://testserver")
    assert ok.status_code == 302
    cross = client.post("/fa/feedback/", {"useful": "no", "url": "/fa/"}, HTTP_ORIGIN="https://evil.example")
    assert cross.status_code == 403
    assert PageFeedback.objects.count() == 1


def test_page_feedback_bad_input(client, home_pages):
    assert client.get("/fa/feedback/").status_code == 405
    missing = client.post("/fa/feedback/", {"url": "/fa/about/"})
    assert missing["Location"] == "/fa/about/?feedback=missing#page-feedback"
    offsite = client.post("/fa/feedback/", {"useful": "yes", "url": "//evil.example/"})
    assert offsite["Location"].startswith("/fa/")
    bot = client.post("/fa/feedback/", {"useful": "yes", "url": "/fa/", "website": "spam"})
    assert bot.status_code == 302
    assert PageFeedback.objects.count() == 0
    as_json = client.post("/fa/feedback/", {"useful": "yes", "url": "/fa/"}, HTTP_ACCEPT="application/json")
    assert as_json.json() == {"ok": True}


def test_page_feedback_results_share_interval_change_and_escaped_comments(client, results_user, home_pages):
    home_fa = home_pages[0]
    for useful, period in [(True, CURRENT), (True, CURRENT), (False, CURRENT), (True, CURRENT.previous())]:
        PageFeedback.objects.create(
            page=home_fa, url="/fa/", title="خانه", useful=useful, language="fa", period=period.code, comment="<i>x</i>"
        )
    results = feedback_results(CURRENT.code)
    assert results["total"] == 3 and results["useful"] == 2
    assert results["pct"] == pytest.approx(200 / 3)
    assert results["change"] == pytest.approx(200 / 3 - 100)
    client.force_login(results_user)
    body = client.get(f"/admin/survey-results/feedback/?period={CURRENT.code}").content.decode()
    assert "&lt;i&gt;x&lt;/i&gt;" in body and "<i>x</i>" not in body
    export = client.get(f"/admin/survey-results/feedback/export.csv?period={CURRENT.code}")
    assert export.status_code == 200 and export.content.decode("utf-8-sig").count("\n") == 4

"""The survey on the home page, in the demo and in the page editor."""

import pytest

from core.pages import child_page
from surveys import exports
from surveys.models import Answer, Response, SurveyIndexPage, SurveyPage
from surveys.results import survey_results
from tests.surveys.helpers import CURRENT, add_response, build_survey, q

pytestmark = pytest.mark.django_db


def test_home_page_invites_to_the_open_survey_or_shows_nothing(client, home_pages):
    build_survey(home_pages[0], period=CURRENT.previous())
    assert "survey-invitation" not in client.get("/fa/").content.decode()
    open_survey = build_survey(home_pages[0], title="نظرسنجی باز")
    body = client.get("/fa/").content.decode()
    assert "survey-invitation" in body and open_survey.url in body and "نظرسنجی باز" in body


def test_demo_has_an_open_survey_and_hundreds_of_labelled_responses(client, demo):
    from demo import surveys as surveys_demo

    last = SurveyPage.objects.get(period=CURRENT.previous().code, locale__language_code="fa")
    count = Response.objects.filter(survey_key=last.translation_key).count()
    assert count >= 300
    assert not Response.objects.filter(is_demo=False).exists()
    surveys_demo.load(demo)  # idempotent
    assert Response.objects.filter(survey_key=last.translation_key).count() == count
    assert client.get("/fa/surveys/").status_code == 200
    assert client.get("/en/surveys/").status_code == 200
    summary = client.get(last.url + "results/").content.decode()
    assert "demo-label" in summary
    current = SurveyPage.objects.get(period=CURRENT.code, locale__language_code="en")
    assert current.is_open() and "How satisfied" in client.get(current.url).content.decode()


def test_survey_pages_have_a_results_button_in_the_admin(admin_client, survey):
    body = admin_client.get(f"/admin/pages/{survey.get_parent().pk}/").content.decode()
    assert f"/admin/survey-results/{survey.pk}/" in body
    body = admin_client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
    assert f"/admin/survey-results/{survey.pk}/" in body


def test_the_wagtail_page_editor_accepts_a_new_survey(admin_client, home_pages):
    """Editors add a survey with its questions in the admin; the dates default to the quarter."""
    index = child_page(home_pages[0], SurveyIndexPage, "surveys", title="نظرسنجی‌ها")
    data = {
        "title": "نظرسنجی تازه",
        "slug": "new-survey",
        "intro": "",
        "period": CURRENT.code,
        "opens_on": "",
        "closes_on": "",
        "thank_you": "",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "1",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-kind": "likert",
        "questions-0-text": "رضایت کلی؟",
        "questions-0-help_text": "",
        "questions-0-options": "",
        "questions-0-required": "on",
        "questions-0-code": "overall",
        "questions-0-ORDER": "1",
        "questions-1-kind": "single",
        "questions-1-text": "یک گزینه؟",
        "questions-1-help_text": "",
        "questions-1-options": "فقط یکی",
        "questions-1-code": "",
        "questions-1-ORDER": "2",
        "action-publish": "publish",
    }
    url = f"/admin/pages/add/surveys/surveypage/{index.pk}/"
    refused = admin_client.post(url, data)
    assert refused.status_code == 200  # a choice question with one option is refused
    assert "دست‌کم دو گزینه" in refused.content.decode()
    assert not SurveyPage.objects.filter(slug="new-survey").exists()
    data["questions-1-options"] = "یکی\nدیگری"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    survey = SurveyPage.objects.get(slug="new-survey")
    assert [q.kind for q in survey.get_questions()] == ["likert", "single"]
    assert survey.live and survey.opening_day == CURRENT.first_day


def test_removing_a_question_keeps_what_people_answered(survey):
    add_response(survey, overall=5, improve="بماند")
    editable = SurveyPage.objects.get(pk=survey.pk)
    editable.questions.remove(q(editable, "improve"))
    editable.save_revision().publish()
    assert [question.code for question in SurveyPage.objects.get(pk=survey.pk).get_questions()] == [
        "overall",
        "purpose",
        "find",
        "products",
    ]
    assert Answer.objects.filter(text="بماند", question__isnull=True).exists()
    rows = list(exports.response_rows(survey))
    assert any(row[12] == "بماند" for row in rows)
    overall = survey_results(survey)["questions"][0]
    assert overall.stats.mean == 5

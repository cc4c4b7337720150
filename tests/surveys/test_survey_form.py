"""The quarterly satisfaction survey's form: questions, answers, one response per browser."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from core.translation import translate
from surveys.models import Answer, Response, tehran_today
from surveys.views import COOKIE_SALT, cookie_name
from tests.surveys.helpers import CURRENT, QUESTIONS, answers, build_survey, full_answers, q

pytestmark = pytest.mark.django_db


def test_survey_page_shows_every_question_in_persian(client, survey):
    response = client.get(survey.url)
    assert response.status_code == 200
    body = response.content.decode()
    for question in QUESTIONS:
        assert question["text"] in body
    assert "سالنامه آماری" in body and 'name="website"' in body
    assert "no-store" in response["Cache-Control"]


def test_english_translation_of_a_survey(client, survey):
    english = {question["text"]: f"EN {i}" for i, question in enumerate(QUESTIONS)}
    english[survey.title] = "Survey in English"
    english["پژوهش<br/>سیاست‌گذاری<br/>خبر"] = "Research<br/>Policy<br/>News"
    en = translate(survey, english)
    body = client.get(en.url).content.decode()
    assert en.url.startswith("/en/")
    assert "Survey in English" in body and "EN 0" in body and "Research" in body
    # An English answer lands on the same question key as a Persian one.
    response = client.post(en.url, full_answers(en))
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.language == "en" and stored.survey_key == survey.translation_key
    assert Answer.objects.filter(question_key=q(survey, "overall").translation_key, score=4).exists()


def test_a_complete_answer_is_stored_as_rows_and_thanked(client, survey):
    response = client.post(survey.url, {**full_answers(survey), "profile": "journalist"})
    assert response.status_code == 302
    assert response["Location"] == survey.url + "?sent=1"
    stored = Response.objects.get()
    assert stored.profile == "journalist" and stored.period == CURRENT.code and stored.language == "fa"
    assert len(stored.token_hash) == 64
    rows = {(a.question.code, a.option_index, a.score, a.text) for a in stored.answers.select_related("question")}
    assert ("overall", None, 4, "") in rows
    assert ("purpose", 1, None, "سیاست‌گذاری") in rows
    assert ("find", 0, None, "جست‌وجو") in rows and ("find", 2, None, "همکاران") in rows
    assert ("products", 0, 5, "") in rows
    assert not any(code == "products" and option == 1 for code, option, _s, _t in rows)  # «not used»
    assert ("improve", None, None, "جدول‌ها را زودتر منتشر کنید") in rows
    thanks = client.get(survey.url + "?sent=1")
    assert "سپاس" in thanks.content.decode() or "Thank you" in thanks.content.decode()


def test_missing_required_answers_are_flagged_next_to_their_question_and_other_answers_kept(client, survey):
    data = answers(survey, find=["1"], products__0="3", improve="پاسخ نگه داشته شود")
    response = client.post(survey.url, data)
    assert response.status_code == 200
    assert Response.objects.count() == 0
    body = response.content.decode()
    for code in ("overall", "purpose"):
        block = re.search(
            rf'<fieldset class="survey-question has-error" id="question-{q(survey, code).pk}".*?</fieldset>', body, re.S
        )
        assert block, f"{code} is not flagged"
        assert 'class="form-error"' in block.group(0)
    # Optional questions are not flagged, and what was answered is still there.
    assert f'id="question-{q(survey, "find").pk}"' in body
    assert f'class="survey-question has-error" id="question-{q(survey, "find").pk}"' not in body
    assert re.search(rf'name="q{q(survey, "find").pk}" value="1"[^>]*checked', body)
    assert re.search(rf'name="q{q(survey, "products").pk}_0" value="3"[^>]*checked', body)
    assert "پاسخ نگه داشته شود</textarea>" in body
    # The summary at the top links to each question with an error.
    assert f'href="#question-{q(survey, "overall").pk}"' in body


def test_a_second_submission_from_the_same_browser_is_refused_politely(client, survey):
    assert client.post(survey.url, full_answers(survey)).status_code == 302
    again = client.post(survey.url, full_answers(survey))
    assert again.status_code == 409
    assert Response.objects.count() == 1
    assert "already" in again.content.decode() or "قبلاً" in again.content.decode()
    assert client.get(survey.url).status_code == 200
    assert 'name="website"' not in client.get(survey.url).content.decode()  # no form again


def test_the_one_response_rule_holds_across_languages_and_not_across_surveys(client, survey, home_pages):
    en = translate(survey, {survey.title: "Survey"})
    client.post(survey.url, full_answers(survey))
    assert client.post(en.url, full_answers(en)).status_code == 409
    other = build_survey(home_pages[0], period=CURRENT, slug="another")
    assert client.post(other.url, full_answers(other)).status_code == 302
    assert Response.objects.count() == 2


def test_a_forged_or_foreign_cookie_does_not_count_as_a_response(client, survey):
    client.cookies[cookie_name(survey)] = "made-up"
    assert client.post(survey.url, full_answers(survey)).status_code == 302
    # A validly signed token whose hash is not stored does not block either.
    other = client.__class__()
    from django.core.signing import get_cookie_signer

    other.cookies[cookie_name(survey)] = get_cookie_signer(salt=cookie_name(survey) + COOKIE_SALT).sign("unknown")
    assert other.post(survey.url, full_answers(survey)).status_code == 302
    assert Response.objects.count() == 2


def test_a_closed_survey_shows_a_polite_page_and_accepts_nothing(client, home_pages):
    closed = build_survey(home_pages[0], period=CURRENT.previous())
    page = client.get(closed.url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="website"' not in body and "<form" not in body.split('id="main"')[1].split("</main>")[0]
    posted = client.post(closed.url, full_answers(closed))
    assert posted.status_code == 403
    assert Response.objects.count() == 0


def test_a_survey_not_yet_open_accepts_nothing(client, home_pages):
    future = build_survey(home_pages[0], opens_on=tehran_today() + dt.timedelta(days=5))
    assert client.post(future.url, full_answers(future)).status_code == 403
    assert Response.objects.count() == 0


def test_open_and_close_dates_default_to_the_jalali_quarter(survey):
    assert survey.period == CURRENT.code
    assert survey.opening_day == CURRENT.first_day and survey.closing_day == CURRENT.last_day
    assert survey.is_open()
    assert not survey.is_open(CURRENT.last_day + dt.timedelta(days=1))


def test_the_honeypot_thanks_a_bot_and_keeps_nothing(client, survey):
    response = client.post(survey.url, {**full_answers(survey), "website": "http://spam.example"})
    assert response.status_code == 200
    assert Response.objects.count() == 0


def test_submissions_are_rate_limited(client, survey):
    # The counter's window is a fixed minute: stop the clock so the test never straddles two.
    with time_machine.travel(timezone.now(), tick=False):
        for _ in range(10):
            assert client.post(survey.url, {}).status_code == 200  # errors, but counted
        response = client.post(survey.url, full_answers(survey))
    assert response.status_code == 429
    assert Response.objects.count() == 0

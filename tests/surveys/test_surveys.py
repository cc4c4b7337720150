"""The quarterly user satisfaction survey, page feedback and their results."""

import csv
import datetime as dt
import io
import math
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from openpyxl import load_workbook

from core.pages import child_page
from core.translation import translate
from iran.periods import Period, Periodicity
from surveys import exports
from surveys.enums import QuestionKind
from surveys.models import Answer, PageFeedback, Question, Response, SurveyIndexPage, SurveyPage, tehran_today
from surveys.results import feedback_results, survey_results
from surveys.stats import mean_ci, t_quantile
from surveys.views import COOKIE_SALT, cookie_name

pytestmark = pytest.mark.django_db

CURRENT = Period.containing(tehran_today(), Periodicity.QUARTER)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


QUESTIONS = [
    {"kind": QuestionKind.LIKERT, "code": "overall", "required": True, "text": "رضایت کلی شما چقدر است؟"},
    {
        "kind": QuestionKind.SINGLE,
        "code": "purpose",
        "required": True,
        "text": "بیشتر برای چه کاری؟",
        "options": "پژوهش\nسیاست‌گذاری\nخبر",
    },
    {
        "kind": QuestionKind.MULTIPLE,
        "code": "find",
        "required": False,
        "text": "از چه راهی پیدا می‌کنید؟",
        "options": "جست‌وجو\nشبکه‌های اجتماعی\nهمکاران",
    },
    {
        "kind": QuestionKind.PRODUCTS,
        "code": "products",
        "required": False,
        "text": "از هر محصول چقدر راضی هستید؟",
        "options": "سالنامه آماری\nماهنامه آماری",
    },
    {"kind": QuestionKind.TEXT, "code": "improve", "required": False, "text": "چه پیشنهادی دارید؟"},
]


def build_survey(home_fa, period=CURRENT, slug=None, **fields):
    index = child_page(home_fa, SurveyIndexPage, "surveys", title="نظرسنجی‌ها")
    survey = SurveyPage(
        title=fields.pop("title", f"نظرسنجی {period.label_fa()}"),
        slug=slug or period.code.lower(),
        locale=index.locale,
        period=period.code,
        **fields,
    )
    for question in QUESTIONS:
        survey.questions.add(Question(**question))
    index.add_child(instance=survey)
    survey.save_revision().publish()
    return SurveyPage.objects.get(pk=survey.pk)


def q(survey, code):
    return next(question for question in survey.get_questions() if question.code == code)


def answers(survey, **values):
    """POST data from answers given by question code (products: code_index)."""
    data = {}
    for key, value in values.items():
        code, _, index = key.partition("__")
        name = f"q{q(survey, code).pk}" + (f"_{index}" if index else "")
        data[name] = value
    return data


def full_answers(survey, **extra):
    data = answers(survey, overall="4", purpose="1", find=["0", "2"], products__0="5", products__1="0")
    data.update(answers(survey, improve="جدول‌ها را زودتر منتشر کنید"))
    data.update(extra)
    return data


@pytest.fixture
def survey(home_pages):
    return build_survey(home_pages[0])


@pytest.fixture
def results_user(db):
    """Staff who may read results: in a group given surveys.view_results."""
    user = get_user_model().objects.create_user("analyst", password="x")
    group = Group.objects.create(name="Survey analysts")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_results")
    )
    user.groups.add(group)
    return user


# --- statistics --------------------------------------------------------------


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.706205), (2, 4.302653), (4, 2.776445), (9, 2.262157), (29, 2.045230), (120, 1.979930)],
)
def test_t_quantile_matches_the_printed_table(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-5)


def test_t_quantile_newton_agrees_with_bisection_and_is_symmetric():
    from surveys.stats import _t_quantile_bisect, t_cdf

    for df in [1, 2, 3, 7, 30, 250, 10_000]:
        for p in (0.6, 0.9, 0.975, 0.999):
            t = t_quantile(p, df)
            assert t == pytest.approx(_t_quantile_bisect(p, df), abs=1e-8)
            assert t_cdf(t, df) == pytest.approx(p, abs=1e-10)
            assert t_quantile(1 - p, df) == pytest.approx(-t)


def test_mean_and_confidence_interval_match_a_hand_computed_example():
    # Scores 1, 2, 3, 4, 5: mean 3; s² = (4+1+0+1+4)/4 = 2.5; s = 1.581139;
    # standard error = s/√5 = 0.707107; t(0.975, 4) = 2.776445;
    # half-width = 2.776445 × 0.707107 = 1.963243 → [1.036757, 4.963243].
    result = mean_ci([1, 2, 3, 4, 5])
    assert result.n == 5
    assert result.mean == pytest.approx(3.0)
    assert result.sd == pytest.approx(math.sqrt(2.5))
    assert result.low == pytest.approx(1.036757, abs=1e-6)
    assert result.high == pytest.approx(4.963243, abs=1e-6)


def test_mean_ci_second_hand_example_and_edge_cases():
    # 4, 4, 5, 3, 4, 5, 2, 5: mean 4; squared deviations 0,0,1,1,0,1,4,1 = 8; s² = 8/7;
    # se = √(8/7)/√8 = 0.377964; t(0.975, 7) = 2.364624 → ± 0.893744.
    result = mean_ci([4, 4, 5, 3, 4, 5, 2, 5])
    assert result.mean == pytest.approx(4.0)
    assert result.half_width == pytest.approx(0.893744, abs=1e-6)
    one = mean_ci([4])
    assert one.mean == 4 and one.low is None
    assert mean_ci([]).mean is None


# --- the survey form ------------------------------------------------------------


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


# --- results ----------------------------------------------------------------


def add_response(survey, profile="", **values):
    """A stored response with answers given by question code."""
    import uuid

    response = Response.objects.create(
        survey=survey,
        survey_key=survey.translation_key,
        period=survey.period,
        language="fa",
        profile=profile,
        token_hash=uuid.uuid4().hex,
    )
    for code, value in values.items():
        question = q(survey, code)
        base = {"response": response, "question": question, "question_key": question.translation_key}
        if question.kind == QuestionKind.LIKERT:
            Answer.objects.create(score=value, **base)
        elif question.kind == QuestionKind.TEXT:
            Answer.objects.create(text=value, **base)
        elif question.kind == QuestionKind.PRODUCTS:
            for index, score in value.items():
                Answer.objects.create(option_index=index, score=score, **base)
        else:
            for index in value if isinstance(value, list) else [value]:
                Answer.objects.create(option_index=index, **base)
    return response


def test_results_counts_percentages_mean_ci_change_and_profiles(home_pages):
    previous = build_survey(home_pages[0], period=CURRENT.previous())
    survey = build_survey(home_pages[0])
    for score in (2, 3, 3, 4):
        add_response(previous, overall=score, purpose=0)
    scores = [1, 2, 3, 4, 5]
    profiles = ["researcher", "researcher", "student", "student", ""]
    for score, profile in zip(scores, profiles, strict=True):
        add_response(survey, profile=profile, overall=score, purpose=0 if score < 4 else 2, find=[0, 1])
    with translation.override("en"):
        results = survey_results(survey)
    assert results["total"] == 5
    overall = next(r for r in results["questions"] if r.question.code == "overall")
    assert [row.count for row in overall.rows] == [1, 1, 1, 1, 1]
    assert [row.pct for row in overall.rows] == [20.0] * 5
    assert overall.stats.mean == pytest.approx(3.0)
    assert overall.stats.low == pytest.approx(1.036757, abs=1e-6)
    assert overall.change == pytest.approx(3.0 - 3.0)
    assert overall.previous_mean == pytest.approx(3.0)
    by_profile = dict(overall.by_profile)
    assert by_profile["Researcher or academic"].mean == pytest.approx(1.5)
    assert by_profile["Student"].mean == pytest.approx(3.5)
    purpose = next(r for r in results["questions"] if r.question.code == "purpose")
    assert [row.count for row in purpose.rows] == [3, 0, 2]
    assert [row.pct for row in purpose.rows] == [60.0, 0.0, 40.0]
    assert purpose.rows[0].change == pytest.approx(60.0 - 100.0)  # 100% chose it last quarter
    find = next(r for r in results["questions"] if r.question.code == "find")
    assert [row.pct for row in find.rows] == [100.0, 100.0, 0.0]  # several answers allowed
    profiles_rows = {row["label"]: row["count"] for row in results["profiles"]}
    assert profiles_rows["Researcher or academic"] == 2 and profiles_rows["Not given"] == 1


def test_product_ratings_have_their_own_means(home_pages):
    survey = build_survey(home_pages[0])
    add_response(survey, products={0: 5, 1: 2})
    add_response(survey, products={0: 3})
    add_response(survey, products={})
    result = next(r for r in survey_results(survey)["questions"] if r.question.code == "products")
    yearbook, bulletin = result.rows
    assert yearbook.count == 2 and yearbook.stats.mean == pytest.approx(4.0) and yearbook.not_used == 1
    assert bulletin.count == 1 and bulletin.stats.low is None


def test_staff_results_page_with_charts_and_escaped_free_text(client, survey, results_user):
    add_response(survey, profile="journalist", overall=5, improve='<script>alert("x")</script><b>bold</b>')
    client.force_login(results_user)
    index = client.get("/admin/survey-results/")
    assert index.status_code == 200 and survey.title in index.content.decode()
    page = client.get(f"/admin/survey-results/{survey.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in body
    assert '<script>alert("x")' not in body and "<b>bold</b>" not in body
    assert body.count('<svg class="survey-bar"') >= 5
    assert "Page feedback in the same quarter" in body or "بازخورد صفحه‌ها در همین فصل" in body
    assert "رضایت کلی شما چقدر است؟" in body


def test_results_need_the_permission(client, survey, home_pages):
    User = get_user_model()
    editor = User.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(f"/admin/survey-results/{survey.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/survey-results/{survey.pk}/export.csv").status_code in (302, 403)
    client.logout()
    response = client.get("/admin/survey-results/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_escape_cell_guards_every_formula_start():
    for text in ["=1+1", "+A1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]:
        assert exports.escape_cell(text) == "'" + text
    assert exports.escape_cell("-5.5") == "-5.5"  # a negative number is data, not a formula
    assert exports.escape_cell("سالنامه = خوب") == "سالنامه = خوب"
    assert exports.escape_cell(5) == 5


def test_csv_and_xlsx_exports_escape_formula_cells(client, survey, results_user):
    add_response(survey, overall=4, improve='=HYPERLINK("http://evil.example","x")')
    add_response(survey, overall=2, improve="@SUM(1+1)")
    client.force_login(results_user)
    response = client.get(f"/admin/survey-results/{survey.pk}/export.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == exports.RESPONSE_HEADER
    texts = [row[12] for row in rows[1:] if row[12]]
    assert '\'=HYPERLINK("http://evil.example","x")' in texts and "'@SUM(1+1)" in texts
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)
    scores = [row[11] for row in rows[1:] if row[6] == "overall"]
    assert sorted(scores) == ["2", "4"]

    response = client.get(f"/admin/survey-results/{survey.pk}/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert 4 in values  # scores stay numbers


def test_public_summary_only_when_the_ministry_publishes_it(client, home_pages):
    survey = build_survey(home_pages[0], period=CURRENT.previous())
    add_response(survey, overall=4, purpose=0, improve="متن آزاد خصوصی")
    assert client.get(survey.url + "results/").status_code == 404
    survey.publish_summary = True
    survey.save_revision().publish()
    response = client.get(survey.url + "results/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "رضایت کلی شما چقدر است؟" in body and "۱۰۰٫۰٪" in body
    assert "متن آزاد خصوصی" not in body  # free text is for staff only
    # The summary is cached, but a new response shows at once.
    add_response(survey, overall=2, purpose=1)
    body = client.get(survey.url + "results/").content.decode()
    assert "۵۰٫۰٪" in body and "۱۰۰٫۰٪" not in body.split("بیشتر")[0]
    index = client.get("/fa/surveys/").content.decode()
    assert survey.url + "results/" in index


# --- page feedback -------------------------------------------------------------


def render_feedback(page, path="/fa/"):
    request = RequestFactory().get(path)
    template = Template("{% load surveys_tags %}{% page_feedback page %}")
    return template.render(Context({"page": page, "request": request, "csrf_token": "t"}))


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


# --- home page and demo ------------------------------------------------------------


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

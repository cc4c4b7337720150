"""The survey's results: counts, means with intervals, exports and the public summary."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import translation
from openpyxl import load_workbook

from surveys import exports
from surveys.results import survey_results
from tests.surveys.helpers import CURRENT, add_response, build_survey

pytestmark = pytest.mark.django_db


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

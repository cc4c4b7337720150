"""A Persian user answers the quarterly survey on a phone; staff see the answer."""

import re

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_persian_user_answers_on_a_phone_and_staff_see_it(phone_page, page, site_url):
    from demo.site import DEMO_PASSWORD, DEMO_USERNAME
    from iran.periods import Period, Periodicity
    from surveys.models import Response, SurveyPage, tehran_today

    current = Period.containing(tehran_today(), Periodicity.QUARTER)
    survey = SurveyPage.objects.get(period=current.code, locale__language_code="fa")

    # The home page invites to the open survey.
    phone = phone_page
    phone.goto(site_url + "/fa/")
    invitation = phone.locator(".survey-invitation")
    assert invitation.is_visible()
    invitation.get_by_role("link", name="شرکت در نظرسنجی").click()
    phone.wait_for_url(re.compile(r".*/fa/surveys/[^/]+/$"))
    assert phone.locator("html").get_attribute("dir") == "rtl"
    # Nothing is wider than the phone's screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # Sending without the required answers: errors next to the questions, the rest kept.
    questions = phone.locator("fieldset.survey-question")
    first = questions.nth(0)
    improve = phone.locator("textarea").first
    improve.fill("<script>alert('x')</script> جدول‌های استانی را زودتر منتشر کنید")
    phone.get_by_role("button", name="ارسال پاسخ‌ها").click()
    summary = phone.locator(".survey-error-summary")
    assert summary.is_visible()
    assert "has-error" in first.get_attribute("class")
    assert first.locator(".form-error").inner_text().strip() == "لطفاً به این پرسش پاسخ دهید."
    assert "جدول‌های استانی" in phone.locator("textarea").first.input_value()
    screenshot(phone, "survey-fa-phone-errors")

    # Tap the answers: 4 on the scale questions, the first purpose, a profile.
    for index in range(3):
        questions.nth(index).locator("label.survey-option", has_text="۴").first.click()
    purpose = phone.locator("fieldset.survey-question", has_text="بیشتر برای چه کاری")
    purpose.locator("label.survey-option").first.click()
    phone.locator("fieldset.survey-profile label.survey-option", has_text="روزنامه‌نگار").click()
    screenshot(phone, "survey-fa-phone-filled")
    phone.get_by_role("button", name="ارسال پاسخ‌ها").click()
    phone.wait_for_url(re.compile(r".*\?sent=1$"))
    assert "سپاس" in phone.locator("main").inner_text()
    screenshot(phone, "survey-fa-phone-thanks")

    # A second visit from the same phone is refused politely.
    phone.goto(site_url + survey.url)
    assert "قبلاً" in phone.locator("main").inner_text()
    assert phone.locator("form.survey-form").count() == 0

    stored = Response.objects.get(survey_key=survey.translation_key)
    assert stored.language == "fa" and stored.profile == "journalist"

    # Staff open the results in the admin: one response, the text escaped.
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.goto(site_url + f"/admin/survey-results/{survey.pk}/")
    main = page.locator("main")
    assert "<script>alert('x')</script> جدول‌های استانی" in main.inner_text()
    assert page.locator(".survey-texts script").count() == 0
    overall = page.locator(".survey-result", has_text="به‌طور کلی از آمارهای منتشرشده")
    assert "۱۰۰٫۰٪" in overall.inner_text() or "100.0%" in overall.inner_text()
    screenshot(page, "survey-admin-results")

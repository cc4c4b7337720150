"""A researcher's whole journey in a real browser: register → verify the email
→ (club office approves membership) → apply with a PDF proposal → a committee
member approves, granting one file with a download limit of 1 → the researcher
downloads it → the next download is refused (and both are logged)."""

import re
from pathlib import Path

import pytest
from django.core import mail

from .conftest import screenshot

pytestmark = pytest.mark.browser

STAFF_PASSWORD = "club-demo-1405"  # researchers/demo.py
PASSWORD = "Journey-Pass-1405!"


def test_register_apply_approve_download_refuse(browser, page, site_url, tmp_path):
    from researchers.models import Application, DownloadLog, Researcher

    # 1. Register (Persian form, Persian digits in the national ID).
    page.goto(site_url + "/fa/researchers/register/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#id_first_name", "نیلوفر")
    page.fill("#id_last_name", "رحیمی")
    page.fill("#id_national_id", "۱۲۳۴۵۶۷۸۹۱")
    page.fill("#id_email", "niloofar@example.org")
    page.fill("#id_mobile", "09351234567")
    page.fill("#id_affiliation", "دانشگاه علامه طباطبایی")
    page.select_option("#id_affiliation_type", "university")
    page.select_option("#id_degree", "phd")
    page.fill("#id_field", "سیاست‌گذاری اجتماعی")
    page.fill("#id_orcid", "0000-0002-1825-0097")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    screenshot(page, "researchers-register")
    page.get_by_role("button", name=re.compile("ثبت‌نام|Register")).click()
    page.wait_for_url("**/researchers/register/sent/")  # the same answer as for a duplicate

    # 2. Verify the email from the link in the mail that was sent.
    body = mail.outbox[-1].body
    link = re.search(r"https?://\S+/researchers/verify/\S+/", body).group(0)
    page.goto(link)
    page.wait_for_url("**/researchers/account/")
    researcher = Researcher.objects.get(user__email="niloofar@example.org")
    assert researcher.email_verified and researcher.status == "pending"

    # 3. The club office approves the membership in the Wagtail admin.
    office_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    office = office_ctx.new_page()
    office.goto(site_url + "/admin/login/")
    office.fill("#id_username", "office@example.org")
    office.fill("#id_password", STAFF_PASSWORD)
    office.locator("button[type=submit]").click()
    office.goto(site_url + "/admin/researchers/members/?status=pending")
    assert "1234567891" in office.content()  # the office may see personal data
    office.locator("button[name=decision][value=approve]").first.click()
    office.wait_for_load_state()
    office_ctx.close()
    researcher.refresh_from_db()
    assert researcher.status == "approved"

    # 4. Apply for a licensed dataset with a PDF proposal and a team member.
    proposal = tmp_path / "proposal.pdf"
    proposal.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    page.goto(site_url + "/fa/catalog/sso-insured-persons/")
    page.locator("a.button[href*='applications/new']").click()
    page.fill("#id_title", "پویایی اشتغال زنان")
    page.fill("#id_purpose", "برآورد نرخ ماندگاری اشتغال بیمه‌شدهٔ زنان")
    page.fill("#id_outputs", "یک مقاله")
    page.fill("#id_period_from", "1400")
    page.fill("#id_period_to", "1402")
    page.fill("#id_team-0-name", "همکار")
    page.fill("#id_team-0-national_id", "0499370899")
    page.set_input_files("#id_proposal", str(proposal))
    page.check("#id_accept_terms")
    assert page.locator("#id_datasets input:checked").count() == 1  # preselected from the dataset page
    page.locator("button[name=submit]").click()
    page.wait_for_url("**/researchers/applications/*/")
    application = Application.objects.get(researcher=researcher)
    assert application.status == "submitted"
    screenshot(page, "researchers-application-submitted")

    # 5. A committee member approves one file, one download.
    committee_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    committee = committee_ctx.new_page()
    committee.goto(site_url + "/admin/login/")
    committee.fill("#id_username", "committee@example.org")
    committee.fill("#id_password", STAFF_PASSWORD)
    committee.locator("button[type=submit]").click()
    committee.goto(site_url + "/admin/researchers/")
    committee.get_by_role("link", name="پویایی اشتغال زنان").click()
    assert "1234567891" not in committee.content()  # the committee does not see national IDs
    committee.fill("#id_message", "تأیید با یک بار دانلود")
    committee.uncheck("#id_grant-1-grant")
    committee.fill("#id_grant-0-download_limit", "1")
    committee.locator("button[name=action][value=approve]").click()
    committee.wait_for_load_state()
    screenshot(committee, "researchers-review-approved")
    committee_ctx.close()
    application.refresh_from_db()
    assert application.status == "approved"
    grant = application.grants.get()
    assert grant.download_limit == 1
    assert any("MDA-" in m.subject for m in mail.outbox)

    # 6. The researcher sees the grant and downloads the file.
    page.goto(site_url + "/fa/researchers/account/")
    screenshot(page, "researchers-account-grant")
    with page.expect_download() as info:
        page.locator(f"a[href*='{grant.token}']").first.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    assert "SYNTHETIC DEMO DATA" in Path(download.path()).read_text(encoding="utf-8")

    # 7. The next download is past the limit: refused, in Persian, logged.
    response = page.goto(site_url + f"/fa/researchers/downloads/{grant.token}/")
    assert response.status == 429
    assert "از همهٔ دفعات دریافت مجاز" in page.locator("main").inner_text()
    screenshot(page, "researchers-download-refused")
    reasons = list(DownloadLog.objects.filter(grant=grant).order_by("pk").values_list("reason", flat=True))
    assert reasons == ["ok", "limit"]

"""A Persian release publisher opens a calendar entry in the admin: the status
panel is in plain sight with its buttons, the announced minute is in Jalali with
Persian digits, and the picker opens on a week that starts on Saturday."""

import re

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

PERSIAN_DIGITS = re.compile(r"[۰-۹]")


def test_publisher_sees_the_status_panel_and_a_jalali_picker(page, site_url):
    from demo.site import DEMO_PASSWORD, DEMO_USERNAME
    from releases.enums import ReleaseStatus
    from releases.models import ReleasePage

    entry = (
        ReleasePage.objects.filter(locale__language_code="fa", status=ReleaseStatus.PROVISIONAL)
        .order_by("release_at")
        .first()
    )
    assert entry is not None, "the demo has provisional entries"

    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/$"))

    page.goto(f"{site_url}/admin/pages/{entry.pk}/edit/")
    panel = page.locator(".release-status-panel")
    assert panel.is_visible()
    for label in ("قطعی کردن انتشار", "تغییر تاریخ انتشار", "لغو انتشار"):
        assert panel.get_by_text(label, exact=False).count() >= 1, label

    panel.scroll_into_view_if_needed()
    screenshot(page, "admin-release-status-panel")

    field = page.locator("input[name=release_at]")
    assert re.fullmatch(r"14\d\d-\d\d-\d\d \d\d:\d\d", field.input_value())

    field.click()
    picker = page.locator("jdp-container")
    picker.wait_for(state="visible")
    first_day_name = picker.locator(".jdp-day-name").first.inner_text().strip()
    assert first_day_name == "ش"  # Saturday first
    # The picker read the entry's date: its month is shown with its days.
    assert picker.locator(".jdp-day").count() >= 28
    assert PERSIAN_DIGITS.search(picker.inner_text())
    screenshot(page, "admin-jalali-picker")

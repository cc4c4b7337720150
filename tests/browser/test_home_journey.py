"""A visitor opens the portal in Persian and in English in a real browser."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_persian_and_english_home_pages_in_a_real_browser(page, site_url):
    page.goto(site_url + "/")
    assert page.url.endswith("/fa/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "fa"
    assert html.get_attribute("dir") == "rtl"

    # The Persian web font is really loaded and applied, not just declared.
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Vazirmatn', 'درگاه')")
    family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert family.startswith('"Vazirmatn"') or family.startswith("Vazirmatn")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Vazirmatn') && f.status === 'loaded').length"
    )
    assert loaded >= 1
    # Right to left: the brand sits at the right edge of the header.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2
    screenshot(page, "home-fa")

    # The language switch leads to the same page in English.
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("html").get_attribute("lang") == "en"
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] < page.viewport_size["width"] / 2
    screenshot(page, "home-en")

    # The skip link is the first thing a keyboard reaches, and it works.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"


def test_not_found_page_is_styled_in_persian(page, site_url):
    response = page.goto(site_url + "/fa/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "صفحه پیدا نشد"
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "not-found-fa")


def test_small_screen_menu_opens(phone_page, site_url):
    phone_page.goto(site_url + "/fa/")
    menu = phone_page.locator("#main-menu")
    assert not menu.is_visible()
    phone_page.get_by_role("button", name="فهرست").click()
    assert menu.is_visible()
    screenshot(phone_page, "home-fa-phone-menu")

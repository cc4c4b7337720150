"""The foundation: languages, chrome, errors and the demo content."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_root_redirects_to_persian(client, home_pages):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fa/"


def test_root_redirects_to_persian_whatever_the_browser_prefers(client, home_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Location"] == "/fa/"


def test_persian_home_is_right_to_left(client, home_pages):
    response = client.get("/fa/")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="fa" dir="rtl">'
    assert "درگاه آمار" in response.content.decode()


def test_english_home_is_left_to_right(client, home_pages):
    response = client.get("/en/")
    assert response.status_code == 200
    assert html_tag(response) == '<html lang="en" dir="ltr">'
    assert "Statistics Portal" in response.content.decode()


def test_language_switch_leads_to_the_same_page_in_the_other_language(client, demo):
    fa_page = client.get("/fa/about/").content.decode()
    assert 'href="/en/about/"' in fa_page
    en_page = client.get("/en/about/").content.decode()
    assert 'href="/fa/about/"' in en_page
    assert "About the portal" in en_page


def test_main_menu_lists_the_sections_in_the_page_language(client, demo):
    fa_menu = re.search(r'<nav class="main-menu".*?</nav>', client.get("/fa/").content.decode(), re.S).group(0)
    en_menu = re.search(r'<nav class="main-menu".*?</nav>', client.get("/en/").content.decode(), re.S).group(0)
    assert "دربارهٔ درگاه" in fa_menu and "/fa/about/" in fa_menu
    assert "About the portal" in en_menu and "/en/about/" in en_menu


def test_skip_link_and_landmarks(client, home_pages):
    body = client.get("/fa/").content.decode()
    assert 'class="skip-link" href="#main"' in body
    assert '<main id="main"' in body and "<header" in body and "<footer" in body


def test_unknown_page_gives_the_styled_404_in_the_users_language(client, home_pages):
    fa = client.get("/fa/no-such-page/")
    assert fa.status_code == 404
    assert html_tag(fa) == '<html lang="fa" dir="rtl">'
    assert "صفحه پیدا نشد" in fa.content.decode()
    en = client.get("/en/no-such-page/")
    assert en.status_code == 404
    assert html_tag(en) == '<html lang="en" dir="ltr">'
    assert "Page not found" in en.content.decode()


def test_unknown_language_prefix_is_not_found(client, home_pages):
    response = client.get("/de/", follow=True)
    assert response.status_code == 404
    assert "صفحه پیدا نشد" in response.content.decode()


@override_settings(DEBUG=False)
def test_server_error_page_is_styled_and_bilingual(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert 'dir="rtl"' in html and "خطایی در سرور" in html and "Something went wrong" in html


def test_pages_load_nothing_from_outside(client, demo):
    for url in ["/fa/", "/en/", "/fa/about/", "/fa/no-such-page/"]:
        body = client.get(url).content.decode()
        external = re.findall(r'(?:src|href)="(https?:)?//[^"]+"', body)
        assert external == [], f"{url} loads from outside: {external}"


def test_persian_font_is_served_by_the_site(client):
    from django.contrib.staticfiles import finders

    assert finders.find("fonts/Vazirmatn-Regular.woff2")
    with open(finders.find("css/site.css"), encoding="utf-8") as handle:
        css = handle.read()
    assert 'font-family: "Vazirmatn"' in css and 'url("../fonts/Vazirmatn-Regular.woff2")' in css


def test_demo_load_is_idempotent(demo):
    from demo import site as demo_module

    before = Page.objects.count()
    demo_module.load(log=lambda *a: None)
    assert Page.objects.count() == before


def test_demo_admin_can_log_into_the_admin(client, demo):
    from demo.site import DEMO_PASSWORD, DEMO_USERNAME

    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_search_finds_pages_in_the_current_language_with_arabic_letters(client, demo):
    # The about page's intro «این درگاه چگونه …» found by a query typed with Arabic yeh.
    query = "اين درگاه چگونه"
    assert "\u064a" in query  # ARABIC LETTER YEH, not the Persian ی
    body = client.get("/fa/search/", {"q": query}).content.decode()
    assert "/fa/about/" in body
    body = client.get("/en/search/", {"q": "About"}).content.decode()
    assert "/en/about/" in body and "/fa/about/" not in body


def test_search_treats_arabic_and_persian_letter_forms_as_equal(client, home_pages):
    """Text typed with Arabic ي/ك is found by a Persian query and the other way round."""
    from home.models import StandardPage

    home_fa, _ = home_pages
    page = StandardPage(title="آمار بيمه شدگان تأمين اجتماعي", slug="insured", intro="كارگاه‌های ۱۴۰۳")
    home_fa.add_child(instance=page)
    page.save_revision().publish()
    for query in ["بیمه شدگان", "بيمه", "کارگاه", "1403"]:
        body = client.get("/fa/search/", {"q": query}).content.decode()
        assert "/fa/insured/" in body, query


def test_header_search_box_leads_to_search_in_the_page_language(client, home_pages):
    assert 'action="/fa/search/"' in client.get("/fa/").content.decode()
    assert 'action="/en/search/"' in client.get("/en/").content.decode()


def test_rate_limited_requests_get_a_polite_429_in_the_users_language(rf):
    from django.utils import translation
    from django_ratelimit.exceptions import Ratelimited
    from django_ratelimit.middleware import RatelimitMiddleware

    middleware = RatelimitMiddleware(lambda request: None)
    with translation.override("fa"):
        response = middleware.process_exception(rf.get("/fa/"), Ratelimited())
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "تلاش‌های بیش از حد" in response.content.decode()


def test_pages_ask_whether_they_were_useful(client, demo):
    from releases.enums import ReleaseStatus
    from releases.models import ReleasePage

    about = client.get("/fa/about/").content.decode()
    assert 'action="/fa/feedback/"' in about
    published = ReleasePage.objects.filter(status=ReleaseStatus.PUBLISHED, locale__language_code="en").first()
    body = client.get(published.url).content.decode()
    assert 'action="/en/feedback/"' in body

    from indicators.models import Indicator
    from publications.models import YearbookPage

    indicator = Indicator.objects.filter(observations__isnull=False).first()
    body = client.get(f"/fa/indicators/{indicator.code}/").content.decode()
    assert 'action="/fa/feedback/"' in body
    yearbook = YearbookPage.objects.live().filter(locale__language_code="fa", release__status="published").first()
    body = client.get(yearbook.url).content.decode()
    assert 'action="/fa/feedback/"' in body

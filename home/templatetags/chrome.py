"""The site chrome: main menu, breadcrumbs and the language switch."""

from django import template
from django.conf import settings
from django.urls import translate_url
from wagtail.models import Page

from core.language import current_language

from .chrome_pages import chrome_pages, visible_translations, without_embargoed

register = template.Library()

LANGUAGE_NAMES = {"fa": "فارسی", "en": "English"}


def localized_home(request, page=None):
    """The home page in the current language (`site.root_page.localized`), read
    with the rest of the chrome's pages (chrome_pages.py)."""
    return chrome_pages(request, page).home


@register.simple_tag(takes_context=True)
def home_page(context):
    return localized_home(context.get("request"), context.get("page"))


@register.inclusion_tag("home/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    items = menu_items(request, context.get("page"))
    current = context.get("page")
    current_path = getattr(current, "path", "") or ""
    for item in items:
        item.is_active = current_path.startswith(item.path)
    return {"items": items, "request": request}


def menu_items(request, page=None):
    """The localized home's live children shown in menus, without any page under embargo."""
    return without_embargoed(request, chrome_pages(request, page).menu)


@register.inclusion_tag("home/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    crumbs = []
    if isinstance(page, Page) and page.depth > 2:
        # Title and URL only: plain pages (no per-type .specific() lookups).
        crumbs = chrome_pages(context.get("request"), page).crumbs
    return {"crumbs": crumbs, "page": page}


@register.simple_tag
def this_year():
    """The current year: Jalali in Persian digits on Persian pages, both calendars in English."""
    from django.utils import timezone

    from iran.dates import jalali
    from iran.text import to_persian_digits

    today = timezone.now()
    year = jalali(today).year
    if current_language() == "fa":
        return to_persian_digits(year)
    return f"{year} ({today.year})"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link a language: to the same page in that language where it exists,
    else to the same path under that prefix (non-page views), else its home."""
    request = context.get("request")
    page = context.get("page")
    current = current_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = visible_translations(request, chrome_pages(request, page))
    links = []
    for code, _name in settings.LANGUAGES:
        url = None
        if code in translations:
            url = translations[code].get_url(request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path() and code != current:
                url = f"/{code}/"
        links.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES.get(code, code),
                "url": url or f"/{code}/",
                "current": code == current,
            }
        )
    return links

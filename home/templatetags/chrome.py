"""The site chrome: main menu, breadcrumbs and the language switch."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from core.language import current_language
from releases.embargo import embargoed_page_ids, released_page_models

from ..models import HomePage

register = template.Library()

LANGUAGE_NAMES = {"fa": "فارسی", "en": "English"}


def localized_home(request, page=None):
    """The home page in the current language (looked up once a request: header and menu both ask).
    When a home page is what this request serves (not a preview), it is that page:
    Wagtail routed the request through the same `site.root_page.localized`."""
    language = get_language()
    memo = getattr(request, "_localized_home", None)
    if memo is not None and memo[0] == language:
        return memo[1]
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    if (
        isinstance(page, HomePage)
        and page.translation_key == site.root_page.translation_key
        and page.get_url(request) == request.path
    ):
        home = page
    else:
        home = site.root_page.localized.specific
    request._localized_home = (language, home)
    return home


@register.simple_tag(takes_context=True)
def home_page(context):
    return localized_home(context.get("request"), context.get("page"))


@register.inclusion_tag("home/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    home = localized_home(request, context.get("page"))
    items = list(menu_items(home)) if home is not None else []
    current = context.get("page")
    current_path = getattr(current, "path", "") or ""
    for item in items:
        item.is_active = current_path.startswith(item.path)
    return {"items": items, "request": request}


def menu_items(home):
    """The home's live children shown in menus, without any page under embargo.
    Only a page with its own release can be held at this depth (the home and the
    root above it have none), so the embargo is asked only when such a page is
    in the menu: most pages' menus cost one query."""
    items = list(home.get_children().live().in_menu())
    released = tuple(released_page_models())
    if any(issubclass(item.specific_class or Page, released) for item in items):
        held = embargoed_page_ids()
        items = [item for item in items if item.pk not in held]
    return items


@register.inclusion_tag("home/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    crumbs = []
    if isinstance(page, Page) and page.depth > 2:
        # Title and URL only: plain pages, one query (no per-type .specific() lookups).
        crumbs = list(page.get_ancestors().filter(depth__gt=1))
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
        # Every language version in one query.
        for version in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[version.locale.language_code] = version
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

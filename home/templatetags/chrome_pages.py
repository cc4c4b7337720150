"""The pages the site chrome shows, read in one query a request.

The header's home link, the main menu, the breadcrumbs and the language switch
all come from the page tree: the home page in the current language (the site
root's translation), its live children shown in menus, the current page's
ancestors and its live translations. Asked one by one they cost a locale
lookup and four page queries on every page; here one query reads them all and
Python sorts the rows, with exactly the filters each one had.

Nothing is kept past the request: the result lives on the request object."""

import operator
import uuid
from dataclasses import dataclass, field
from functools import partial, reduce

from django.conf import settings
from django.db.models import F, Q
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from core.compiled import CompiledQuery
from core.sites import find_site
from releases.embargo import embargoed_pages_for, is_below_any, released_page_models

STEP = Page.steplen
# What the chrome reads of its pages: their place in the tree, their URL, title and
# type (the embargo's test of the menu). Building a page with every column cost
# twice as much, and the chrome reads a dozen on every request.
ROW_FIELDS = (
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale",
    "live",
    "title",
    "url_path",
    "content_type",
    "show_in_menus",
)
LAST = Page.alphabet[-1]  # the path alphabet's last letter (treebeard's paths sort by it)


@dataclass
class ChromePages:
    language: str
    page: object
    home: Page | None = None
    menu: list = field(default_factory=list)
    crumbs: list = field(default_factory=list)
    translations: dict = field(default_factory=dict)  # language code -> the live version


def chrome_pages(request, page=None) -> ChromePages:
    """The chrome's pages for this request and page (read once; the header, the
    menu and the breadcrumbs all ask)."""
    language = get_language()
    memo = getattr(request, "_chrome_pages", None)
    if memo is not None and memo.language == language and memo.page is page:
        return memo
    chrome = _read(request, page if isinstance(page, Page) else None, language)
    chrome.page = page
    if request is not None:
        request._chrome_pages = chrome
    return chrome


def _read(request, page, language) -> ChromePages:
    # The routing's compiled site lookup (a Wagtail page's route has found it already).
    site = find_site(request) if request is not None else None
    root = site.root_page if site is not None else None
    wanted = _Wanted(root, page)
    chrome = ChromePages(language, page)
    if not wanted.any():
        return chrome
    rows = wanted.rows()
    chrome.crumbs = [row for row in rows if row.path in wanted.ancestor_paths]
    chrome.translations = {row.chrome_language: row for row in rows if wanted.is_translation(row)}
    if root is not None:
        chrome.home = _localized_home(root, rows)
        chrome.menu = _menu(chrome.home, rows, wanted)
    return chrome


class _Wanted:
    """Which rows the chrome needs, as one filter, and which row is which."""

    def __init__(self, root, page):
        self.root, self.page = root, page
        path = getattr(page, "path", "") or ""
        # The breadcrumbs: the page's ancestors below the tree's root (depth > 1).
        self.ancestor_paths = set()
        if page is not None and page.depth > 2:
            self.ancestor_paths = {path[:end] for end in range(2 * STEP, len(path), STEP)}
        self.menu_prefix = self.menu_depth = None
        if root is not None:
            # The menu: children of the localized home. A page's home is (nearly
            # always) its ancestor at the root's depth; without a page, every
            # translation of the root sits beside it, under the root's parent.
            self.menu_depth = root.depth + 1
            guess = path[: len(root.path)] if len(path) >= len(root.path) else ""
            self.menu_prefix = guess or root.path[:-STEP]

    def any(self) -> bool:
        return bool(self.root is not None or self.ancestor_paths or self.translation_key)

    @property
    def translation_key(self):
        return self.page.translation_key if self.page is not None and self.page.pk else None

    def rows(self):
        """The rows, by the statement of this shape compiled once (core/compiled.py)."""
        shape = (self.root is not None, len(self.ancestor_paths), bool(self.translation_key))
        values = {}
        if self.root is not None:
            values.update(root_key=self.root.translation_key, menu_depth=self.menu_depth)
            values.update(menu_first=self.menu_prefix, menu_last=self._last_below(self.menu_prefix, self.menu_depth))
        for index, path in enumerate(sorted(self.ancestor_paths)):
            values[f"ancestor{index}"] = path
        if self.translation_key:
            values["page_key"] = self.translation_key
        return _query(shape)(**values)

    @staticmethod
    def _last_below(prefix, depth) -> str:
        """The greatest path at `depth` that starts with `prefix`: the menu's rows are
        read as a range of the path index (SQLite cannot use it for `LIKE 'prefix%'`,
        and scanned every page of the site on every request)."""
        return prefix + LAST * (depth * STEP - len(prefix))

    def is_translation(self, row) -> bool:
        return self.translation_key is not None and row.translation_key == self.translation_key and row.live

    def covers_menu_of(self, home) -> bool:
        return home.depth + 1 == self.menu_depth and home.path.startswith(self.menu_prefix)


# The chrome's statement, compiled once per shape (a site root or not, the number of
# ancestors, a page with a translation key or not): building and compiling it cost
# as much as running it. Markers are where each call's values go.
_QUERIES: dict = {}


def _queryset(shape, root_key=None, menu_depth=None, menu_first=None, menu_last=None, page_key=None, **ancestors):
    """The filter of each part, as it was asked one by one (the menu's `path__startswith`
    as the range of paths at its depth that start with the prefix: the same rows)."""
    has_root, ancestor_count, _has_page_key = shape
    parts = []
    if has_root:
        parts.append(Q(translation_key=root_key))
        menu = Q(depth=menu_depth, path__gte=menu_first, path__lte=menu_last, live=True, show_in_menus=True)
        parts.append(menu)
    if ancestor_count:
        parts.append(Q(path__in=[ancestors[f"ancestor{index}"] for index in range(ancestor_count)]))
    if page_key is not None:
        parts.append(Q(translation_key=page_key, live=True))
    rows = Page.objects.filter(reduce(operator.or_, parts)).only(*ROW_FIELDS)
    return rows.annotate(chrome_language=F("locale__language_code")).order_by("path")


def _query(shape):
    query = _QUERIES.get(shape)
    if query is None:
        has_root, ancestor_count, has_page_key = shape
        markers = {}
        if has_root:
            markers.update(
                root_key=uuid.UUID(int=0x4343_4343_4343_4343_4343_4343_4343_4343),
                menu_depth=434_300_000,  # positive: a depth is never below 0
                menu_first="\x00menu\x00",
                menu_last="\x00menu-last\x00",
            )
        for index in range(ancestor_count):
            markers[f"ancestor{index}"] = f"\x00ancestor{index}\x00"
        if has_page_key:
            markers["page_key"] = uuid.UUID(int=0x4444_4444_4444_4444_4444_4444_4444_4444)
        query = _QUERIES[shape] = CompiledQuery(Page, partial(_queryset, shape), **markers)
    return query


def _content_language():
    """The active language as Wagtail's `Locale.get_active` reads it."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def _localized_home(root, rows):
    """`site.root_page.localized`: the root's live translation in the active
    language, else the root itself."""
    code = _content_language()
    for row in rows:
        if row.translation_key == root.translation_key and row.chrome_language == code:
            return row if row.live else root
    return root


def _menu(home, rows, wanted):
    """The home's live children shown in menus (read with the rest when the home
    is where they were looked for, else asked for)."""
    if wanted.covers_menu_of(home):
        return [
            row
            for row in rows
            if row.depth == home.depth + 1 and row.path.startswith(home.path) and row.live and row.show_in_menus
        ]
    return list(home.get_children().live().in_menu())


def without_embargoed(request, pages):
    """`pages` less any held back by a release, or below one. Only a page type
    released with the calendar can be held at the menu's depth (the home and the
    root above it have no release), so the embargo is read (once a request) only
    when such a page is among them."""
    released = tuple(released_page_models())
    if not any(issubclass(page.specific_class or Page, released) for page in pages):
        return list(pages)
    held = embargoed_pages_for(request)
    return [page for page in pages if not is_below_any(page, held)]


def visible_translations(request, chrome) -> dict:
    """The page's live translations, less any held back by a release (an English
    version waiting for its own release while the Persian one is out), unless this
    page is itself held: then only an editor's preview gets here."""
    translations = chrome.translations
    if not translations:
        return {}
    held = embargoed_pages_for(request)
    if not held or is_below_any(chrome.page, held):
        return translations
    return {code: version for code, version in translations.items() if not is_below_any(version, held)}

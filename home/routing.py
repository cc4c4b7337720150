"""Wagtail's page serving with the URL routed in one query.

`wagtail.views.serve` finds the page as `site.root_page.localized.specific.route()`:
a locale query, the root's translation, and then a child query and a `.specific`
query per URL level. Here one query reads the site root's translations and, at
each level below it, the pages with that level's slug; Python walks the rows
exactly as `Page.route` would (child of the page above, by slug; the last one
live), and the page found is read as its specific type (one query).

Wagtail's semantics are kept:
* a page whose type overrides `route` (routable pages, yearbooks, released
  content serving a due scheduled revision) gets the rest of the path, as its
  specific object, just as `Page.route` hands it over;
* anything this walk does not expect (the root's translation elsewhere in the
  tree, no locale for the active language, two siblings with one slug) is left
  to Wagtail's own `route_for_request`;
* the route is kept on the request where Wagtail keeps it
  (`request._wagtail_route_for_request`), so `Page.find_for_request` shares it;
* the hooks run as in `wagtail.views.serve`; Wagtail's view-restriction check is
  replaced by the same check reading the restrictions in one query instead of
  two (`view_restrictions`).

Nothing is kept past the request."""

import operator
import uuid
from functools import partial, reduce

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.url_routing import RouteResult
from wagtail.views import serve_chain
from wagtail.wagtail_hooks import check_view_restrictions, require_wagtail_login

from core.compiled import CompiledQuery
from core.sites import find_site

STEP = Page.steplen
_PAGE_ROUTE = Page.route


def _content_language():
    """The active language as Wagtail's `Locale.get_active` reads it (None: let
    Wagtail decide, e.g. a language with no content variant)."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return None


# `page.specific` of each page type with Wagtail's own manager: its query compiled
# once per process (code; the row is read every time), the object completed as
# Wagtail's `get_specific` does (the generic page's other attributes copied over).
_SPECIFIC: dict = {}


def specific_of(page):
    model = page.specific_class
    if model is None or isinstance(page, model) or type(model._default_manager) is not PageManager:
        return page.specific
    query = _SPECIFIC.get(model)
    if query is None:
        query = _SPECIFIC[model] = CompiledQuery(model, model._default_manager.filter, id=-424242424)
    found = query(id=page.id)
    if len(found) != 1:
        return page.specific  # Wagtail's answer (and its exception)
    specific = found[0]
    for name, value in page.__dict__.items():
        specific.__dict__.setdefault(name, value)
    page.__dict__["specific"] = specific
    return specific


def _overrides_route(page) -> bool:
    model = page.specific_class
    return model is not None and model.route is not _PAGE_ROUTE


class _Fallback(Exception):
    """The fast walk cannot answer exactly as Wagtail would: ask Wagtail."""


# The route's query, compiled once per shape (the number of URL levels and of the
# root's ancestors): building and compiling it cost as much as running it. Markers
# are where each call's values go (core/compiled.py).
_ROUTES: dict = {}
_KEY = uuid.UUID(int=0x4242_4242_4242_4242_4242_4242_4242_4242)
_PREFIX = "\x00prefix\x00"
# Deeper URLs than any page of ours go to Wagtail's walk: one compiled statement is
# kept per depth, and a crafted URL must not make the process keep thousands.
MAX_LEVELS = 12


def _route_queryset(levels, above, key, prefix=None, **values):
    parts = [Q(translation_key=key)]
    for level in range(levels):
        part = Q(depth=values[f"depth{level}"], slug=values[f"slug{level}"], path__startswith=prefix)
        if level:
            # Only pages whose parent has the level above's slug: a common slug
            # (chapter-1 of every yearbook) would otherwise bring a row per parent.
            part &= Exists(
                Page.objects.filter(
                    depth=values[f"depth{level - 1}"],
                    slug=values[f"slug{level - 1}"],
                    path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - STEP),
                )
            )
        parts.append(part)
    if above:
        parts.append(Q(path__in=[values[f"above{index}"] for index in range(above)]))
    restricted = Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
    return Page.objects.filter(reduce(operator.or_, parts)).annotate(
        _route_language=F("locale__language_code"), _route_restricted=restricted
    )


def _route_query(levels, above):
    query = _ROUTES.get((levels, above))
    if query is None:
        markers = {"key": _KEY, "prefix": _PREFIX} if levels else {"key": _KEY}
        for level in range(levels):
            markers[f"depth{level}"] = 424_200_000 + 1000 * level  # positive: a depth is never below 0
            markers[f"slug{level}"] = f"\x00slug{level}\x00"
        for index in range(above):
            markers[f"above{index}"] = f"\x00above{index}\x00"
        build = partial(_route_queryset, levels, above)
        query = _ROUTES[(levels, above)] = CompiledQuery(Page, build, **markers)
    return query


def _route(request, root, components):
    code = _content_language()
    if code is None or not getattr(settings, "WAGTAIL_I18N_ENABLED", False) or len(components) > MAX_LEVELS:
        raise _Fallback
    parent_prefix = root.path[:-STEP]
    # The route's pages: the root's translations and, at each level below, the pages
    # with that level's slug. The root's ancestors too: with the route's pages, whether
    # any page of the chain has a view restriction or is an alias is known without
    # asking again.
    above = [root.path[:end] for end in range(STEP, len(root.path), STEP)]
    values = {"key": root.translation_key, "prefix": parent_prefix} if components else {"key": root.translation_key}
    for level, slug in enumerate(components):
        values[f"depth{level}"] = root.depth + 1 + level
        values[f"slug{level}"] = slug
    for index, path in enumerate(above):
        values[f"above{index}"] = path
    rows = _route_query(len(components), len(above))(**values)
    request._route_unrestricted = {row.path for row in rows if not row._route_restricted and row.alias_of_id is None}

    # `root.localized`: its live translation in the active language, else the root.
    # (No translation in that language at all: Wagtail's answer depends on whether
    # the language has a Locale; it is asked.)
    translations = [row for row in rows if row.translation_key == root.translation_key and row._route_language == code]
    if len(translations) != 1:
        raise _Fallback
    home = translations[0] if translations[0].live else root
    if home.depth != root.depth or not home.path.startswith(parent_prefix):
        raise _Fallback

    page = home
    for index, slug in enumerate(components):
        if _overrides_route(page):
            return specific_of(page).route(request, components[index:])
        children = [
            row for row in rows if row.depth == page.depth + 1 and row.slug == slug and row.path.startswith(page.path)
        ]
        if not children:
            raise Http404
        if len(children) > 1:
            raise _Fallback
        child = children[0]
        # As `Page.route`: the child knows its parent (treebeard's get_parent).
        child._cached_parent_obj = page.specific_deferred
        page = child
    specific = specific_of(page)
    if _overrides_route(page):
        return specific.route(request, [])
    if not specific.live:
        raise Http404
    return RouteResult(specific)


def route_for_request(request, path):
    """`Page.route_for_request`, in two page queries whatever the depth."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = find_site(request)
    if site is None:
        request._wagtail_route_for_request = None
        return None
    components = [component for component in path.split("/") if component]
    try:
        result = _route(request, site.root_page, components)
    except _Fallback:
        return Page.route_for_request(request, path)
    except Http404:
        result = None
    request._wagtail_route_for_request = result
    return result


# --- view restrictions ----------------------------------------------------------------
def view_restrictions(page, request=None):
    """`page.get_view_restrictions()` in one query: the restrictions on the page and
    its ancestors, an alias's (page or ancestor) replaced by its source's. None at
    all, without a query, when the route read every page of the chain and none has
    a restriction or is an alias."""
    path = page.path
    paths = [path[:end] for end in range(STEP, len(path) + 1, STEP)]
    unrestricted = getattr(request, "_route_unrestricted", None)
    if unrestricted is not None and all(prefix in unrestricted for prefix in paths):
        return []
    own = Q(page__path__in=paths, page__alias_of__isnull=True)
    # An alias's source (Wagtail's aliases always point at a page that is no alias).
    via_alias = Q(page__aliases__path__in=paths)
    return list(PageViewRestriction.objects.filter(own | via_alias).distinct().order_by("pk"))


def check_restrictions(callback):
    """Wagtail's `check_view_restrictions`, with `view_restrictions`."""

    def inner(page, request, serve_args, serve_kwargs):
        restrictions = view_restrictions(page, request)
        for restriction in restrictions:
            if not restriction.accept_request(request):
                if restriction.restriction_type == PageViewRestriction.PASSWORD:
                    from wagtail.forms import PasswordViewRestrictionForm

                    form = PasswordViewRestrictionForm(
                        instance=restriction, initial={"return_url": request.get_full_path()}
                    )
                    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
                    response = page.serve_password_required_response(request, form, action_url)
                    add_never_cache_headers(response)
                    return response
                if restriction.restriction_type in (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS):
                    response = require_wagtail_login(next=request.get_full_path())
                    add_never_cache_headers(response)
                    return response
        response = callback(page, request, serve_args, serve_kwargs)
        if restrictions:
            add_never_cache_headers(response)
        return response

    return inner


def serve(request, path):
    """`wagtail.views.serve`, routed by `route_for_request`."""
    route_result = route_for_request(request, path)
    if route_result is None:
        raise Http404
    page, args, kwargs = route_result

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = (check_restrictions if fn is check_view_restrictions else fn)(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, args, kwargs)

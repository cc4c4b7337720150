"""The embargo: what of a release the public may see, and when. The one place
where the rule lives; every channel asks here.

The rule: content tied to a release calendar entry is public only once that
entry is confirmed (or published) and its announced minute has passed; a page
below such a page waits with it. Content tied to no entry is public as soon as
it is live. Visibility is computed from the clock on every request: nothing
waits for a job to flip a flag (a scheduled «go live at» revision is served
from its minute by `ReleasedContentMixin.route`; the scheduler only records),
and nothing can be seen a second early.

Two forms of the rule:
* for one object: `is_public(release)`, `is_page_embargoed(page)` (the version
  given: a live page, a draft, a scheduled revision) and `page_is_visible(page,
  user)` — the one page-visibility test used by the serve hook, documents,
  media and redirects;
* for querysets: `released_q(prefix)` (rows with a `release` FK),
  `embargoed_page_ids()` / `public_pages(qs)` (listings, menus, search,
  sitemap, feeds, catalog);
* once a request: `embargoed_pages_for(request)`, the held pages read on the
  first ask and kept on the request object (the serve hook, the page's serve
  and the chrome share one read; nothing outlives the request).

Files (Wagtail documents, original images and renditions) are held when any
embargoed version of a page uses them — its live content, its latest draft or
a scheduled revision — found through Wagtail's reference extraction (FKs,
StreamField blocks, rich text). `is_file_held(storage_name)` answers for the
name Django's storage resolves, never for a URL string.

Contract for other apps (stable): `released_q(prefix, now=None)`,
`is_public(release, now=None)`, `embargoed_page_ids(now=None)`, `embargoed_pages_for(request)`,
`public_pages(queryset, now=None)`, `next_release_at(now=None)`,
`seconds_until_next_release(now=None)`, `releases.mixins.ReleasedContentMixin`."""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision, get_page_models

from core.compiled import CompiledQuery

from .enums import RELEASABLE_STATUSES, ReleaseStatus


# --- the rule, for rows and for one entry -------------------------------------------
def entry_public_q(prefix: str = "", now=None) -> Q:
    """The rule for a calendar entry (at `prefix`): confirmed or published, minute passed."""
    now = now or timezone.now()
    at = f"{prefix}__" if prefix else ""
    return Q(**{f"{at}status__in": RELEASABLE_STATUSES, f"{at}release_at__lte": now})


def released_q(prefix: str = "release", now=None) -> Q:
    """A filter for rows whose release (a FK named `prefix`) is public now."""
    return Q(**{f"{prefix}__isnull": True}) | entry_public_q(prefix, now)


def is_public(release, now=None) -> bool:
    return release is None or release.is_released(now)


# --- pages ------------------------------------------------------------------------------
def entry_model():
    """The calendar entry model, by name: models.py sits above this module (its
    entries ask here about the pages they release), so the rule never imports it."""
    return apps.get_model("releases", "ReleasePage")


def released_page_models():
    """Page types whose content goes public with a calendar entry: those with a
    `release` link to it, i.e. every `ReleasedContentMixin` page (mixins.py
    enforces the rule per page and imports this module, so the test is by field).
    Asked of Wagtail's page types only, by their `release` descriptor: asking every
    model for a missing field raised an exception a model, on every request."""
    entry = entry_model()
    return [model for model in get_page_models() if _release_target(model) is entry]


def _release_target(model):
    descriptor = getattr(model, "release", None)
    field = getattr(descriptor, "field", None)
    return getattr(field, "related_model", None) if isinstance(descriptor, ForwardManyToOneDescriptor) else None


def _embargoed_pages_query(owners, now):
    queries = [model.objects.exclude(released_q(now=now)).order_by().values_list("pk", "path") for model in owners]
    return queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]


# The statement `embargoed_pages` runs, compiled once per process and database
# (core.compiled.CompiledQuery, values mode: SQL text with placeholders is code, not
# content; the rows are read on every call). Building and compiling the UNION cost
# more than running it. `_MARK` is where `now` goes (as the backend adapts it).
_COMPILED: dict = {}
_MARK = datetime.datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


def _compiled(owners):
    compiled = _COMPILED.get(owners)
    if compiled is None:
        compiled = _COMPILED[owners] = CompiledQuery(Page, lambda now: _embargoed_pages_query(owners, now), now=_MARK)
    return compiled


def embargoed_pages(now=None):
    """(pk, path) of every page held back by its own release (not descendants)."""
    # One query for every page type: a subclass (a yearbook of a publication) shares its
    # parent's `release` column, so only the model that declares it is asked.
    owners = tuple(m for m in released_page_models() if m._meta.get_field("release").model is m)
    if not owners:
        return []
    now = now or timezone.now()
    try:
        return _compiled(owners)(now=now)
    except ValueError:  # `now` not found among the parameters: never guess, ask the ORM
        return list(_embargoed_pages_query(owners, now))


def embargoed_paths(now=None) -> list[str]:
    return [path for _pk, path in embargoed_pages(now)]


def embargoed_pages_for(request, now=None):
    """`embargoed_pages()` read once a request: the serve hook, the page's own serve
    and the chrome (menu, language links) all ask. Kept on the request object,
    so never past the request; an explicit `now` (or no request) reads afresh."""
    if request is None or now is not None:
        return embargoed_pages(now)
    rows = getattr(request, "_embargoed_pages", None)
    if rows is None:
        rows = request._embargoed_pages = embargoed_pages()
    return rows


def is_below_any(page, rows) -> bool:
    """Is `page` one of the (pk, path) `rows`, or below one? (The test of
    `embargoed_page_ids`, in Python, for pages already read.)"""
    return is_path_below_any(getattr(page, "path", "") or "", rows)


def is_path_below_any(path, rows) -> bool:
    """`is_below_any` for a page read as a row: its tree `path`."""
    return bool(path) and any(path.startswith(held) for _pk, held in rows)


def _below(rows) -> Q:
    below = Q()
    for _pk, path in rows:
        below |= Q(path__startswith=path)
    return below


def embargoed_page_ids(now=None):
    """Ids of pages (of any type) held back by a release that is not public yet,
    with every page below them (a yearbook's chapters wait for the yearbook)."""
    rows = embargoed_pages(now)
    ids = {pk for pk, _path in rows}
    if rows:
        ids.update(Page.objects.filter(_below(rows)).values_list("pk", flat=True))
    return ids


def public_pages(queryset, now=None):
    """Drop from a page queryset every page still under embargo."""
    held = embargoed_page_ids(now)
    return queryset.exclude(pk__in=held) if held else queryset


def is_page_embargoed(page, now=None, request=None) -> bool:
    """True if this version of the page waits for its release, or a page above
    it (as stored) waits for one. With the request, the held pages are read once
    for it (`embargoed_pages_for`)."""
    own = getattr(page, "is_embargoed", None)
    if own is None:
        specific = getattr(page, "specific_deferred", page)
        own = getattr(specific, "is_embargoed", None)
    if own is not None and own(now):
        return True
    return is_below_any(page, embargoed_pages_for(request, now))


def page_is_visible(page, user=None, now=None, request=None) -> bool:
    """The one page-visibility test: public unless embargoed; an embargoed page
    only for users who may edit it (previews)."""
    if not is_page_embargoed(page, now, request):
        return True
    return bool(user is not None and user.is_authenticated and page.permissions_for_user(user).can_edit())


# --- files ------------------------------------------------------------------------------
def _embargoed_versions(now):
    """Every embargoed version of a page: live rows held by a release (and pages
    below them), and drafts or scheduled revisions whose own release is not
    public yet."""
    rows = embargoed_pages(now)
    paths = [path for _pk, path in rows]
    if rows:
        yield from Page.objects.filter(_below(rows)).specific()
    # Drafts: read the release from the revision's JSON first; only drafts tied
    # to an entry that is not public (or below an embargoed page) are built.
    waiting = set(entry_model().objects.exclude(entry_public_q(now=now)).values_list("pk", flat=True))
    seen = set()
    for model in released_page_models():
        drafts = model.objects.filter(Q(has_unpublished_changes=True) | Q(live=False)).select_related("latest_revision")
        for page in drafts.exclude(pk__in=seen).exclude(latest_revision__isnull=True):
            seen.add(page.pk)
            content = page.latest_revision.content or {}
            if content.get("release") in waiting or any(page.path.startswith(path) for path in paths):
                yield page.latest_revision.as_object()
    scheduled = Revision.page_revisions.filter(approved_go_live_at__gt=now or timezone.now())
    for revision in scheduled:
        yield revision.as_object()  # not public before its minute, whatever its release


def held_media(now=None) -> tuple[set, set]:
    """(document ids, image ids) used by any embargoed version of a page."""
    now = now or timezone.now()
    doc_type = ContentType.objects.get_for_model(get_document_model()).pk
    image_type = ContentType.objects.get_for_model(get_image_model()).pk
    docs, images = set(), set()
    for version in _embargoed_versions(now):
        for type_id, object_id, *_rest in ReferenceIndex._extract_references_from_object(version):
            if type_id == doc_type:
                docs.add(int(object_id))
            elif type_id == image_type:
                images.add(int(object_id))
    return docs, images


def files_named(name: str) -> tuple[set, set]:
    """(document ids, image ids) whose stored file, or one of whose renditions, is
    `name` (a storage name as Django resolves it)."""
    Image = get_image_model()
    docs = set(get_document_model().objects.filter(file=name).values_list("pk", flat=True))
    images = set(Image.objects.filter(file=name).values_list("pk", flat=True))
    images |= set(Image.get_rendition_model().objects.filter(file=name).values_list("image_id", flat=True))
    return docs, images


def is_file_held(name: str, now=None) -> bool:
    """Is the media file stored under `name` part of something still under embargo?"""
    docs, images = files_named(name)
    if not docs and not images:
        return False
    held_docs, held_images = held_media(now)
    return bool(docs & held_docs or images & held_images)


# --- when the next thing becomes public (cache lifetimes) ----------------------------------
def next_release_at(now=None):
    """The next minute at which anything becomes public — a confirmed entry's
    announced minute or a scheduled («go live at») revision — or None."""
    now = now or timezone.now()
    candidates = [
        entry_model()
        .objects.filter(status=ReleaseStatus.CONFIRMED, release_at__gt=now)
        .order_by("release_at")
        .values_list("release_at", flat=True)
        .first(),
        Revision.page_revisions.filter(approved_go_live_at__gt=now)
        .order_by("approved_go_live_at")
        .values_list("approved_go_live_at", flat=True)
        .first(),
        Page.objects.filter(live=False, go_live_at__gt=now)
        .order_by("go_live_at")
        .values_list("go_live_at", flat=True)
        .first(),
    ]
    candidates = [when for when in candidates if when is not None]
    return min(candidates) if candidates else None


def seconds_until_next_release(now=None):
    """Whole seconds until the next release minute (None if nothing is scheduled)."""
    now = now or timezone.now()
    upcoming = next_release_at(now)
    if upcoming is None:
        return None
    return max(0, int((upcoming - now).total_seconds()))

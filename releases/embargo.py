"""The embargo: what of a release the public may see, and when.

The one rule: content tied to a release is public only once that release is
confirmed (or published) and its announced minute has passed. Visibility is
computed from the clock on every request, so nothing waits for a job to flip a
flag, and nothing can be seen a second early. Content tied to no release is
public as soon as it is live.

What is held back, and where this module is asked:
* pages that subclass `ReleasedContentMixin` *and every page below them*
  (404 through the `before_serve_page` hook; dropped from menus, listings,
  search and the sitemap through `embargoed_page_ids` / `public_pages`);
* rows with a `release` FK (`released_q("release")`);
* Wagtail documents and images used by an embargoed page, in its live
  version or its latest draft (`held_media`; the document hook and
  `middleware.ReleaseEmbargoMiddleware` answer 404);
* caches: `seconds_until_next_release` bounds every public max-age.

Contract for other apps (stable): `released_q(prefix, now=None)`,
`is_public(release, now=None)`, `embargoed_page_ids(now=None)`,
`public_pages(queryset, now=None)`, `releases.mixins.ReleasedContentMixin`."""

from django.db.models import Q
from django.utils import timezone

from .enums import RELEASABLE_STATUSES, ReleaseStatus


def released_q(prefix: str = "release", now=None) -> Q:
    """A filter for rows whose release (a FK named `prefix`) is public now."""
    now = now or timezone.now()
    return Q(**{f"{prefix}__isnull": True}) | Q(
        **{f"{prefix}__status__in": RELEASABLE_STATUSES, f"{prefix}__release_at__lte": now}
    )


def is_public(release, now=None) -> bool:
    return release is None or release.is_released(now)


def embargoed_pages(now=None):
    """(pk, path) of every page held back by its own release (not descendants)."""
    from .mixins import released_page_models

    # One query for every page type: a subclass (a yearbook of a publication) shares its
    # parent's `release` column, so only the model that declares it is asked.
    owners = [m for m in released_page_models() if m._meta.get_field("release").model is m]
    queries = [model.objects.exclude(released_q(now=now)).order_by().values_list("pk", "path") for model in owners]
    if not queries:
        return []
    return list(queries[0].union(*queries[1:], all=True)) if len(queries) > 1 else list(queries[0])


def embargoed_paths(now=None) -> list[str]:
    return [path for _pk, path in embargoed_pages(now)]


def embargoed_page_ids(now=None):
    """Ids of pages (of any type) held back by a release that is not public yet,
    with every page below them (a yearbook's chapters wait for the yearbook).

    Every page type that is released through the calendar subclasses
    `ReleasedContentMixin`, so we ask each such model."""
    from wagtail.models import Page

    rows = embargoed_pages(now)
    ids = {pk for pk, _path in rows}
    if rows:
        below = Q()
        for _pk, path in rows:
            below |= Q(path__startswith=path)
        ids.update(Page.objects.filter(below).values_list("pk", flat=True))
    return ids


def public_pages(queryset, now=None):
    """Drop from a page queryset every page still under embargo."""
    held = embargoed_page_ids(now)
    return queryset.exclude(pk__in=held) if held else queryset


def is_page_embargoed(page, now=None) -> bool:
    """True if this page, or a page above it, waits for a release."""
    path = getattr(page, "path", "") or ""
    return any(path.startswith(held) for held in embargoed_paths(now))


def held_media(now=None) -> tuple[set, set]:
    """(document ids, image ids) used by an embargoed page, in its live content or
    its latest draft, or by a page below it. Computed from Wagtail's reference
    extraction, so any field that Wagtail's usage report sees is covered:
    StreamField blocks, rich text embeds and links, ForeignKeys."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, ReferenceIndex

    rows = embargoed_pages(now)
    if not rows:
        return set(), set()
    below = Q()
    for _pk, path in rows:
        below |= Q(path__startswith=path)
    doc_type = ContentType.objects.get_for_model(get_document_model()).pk
    image_type = ContentType.objects.get_for_model(get_image_model()).pk
    docs, images = set(), set()
    for page in Page.objects.filter(below).specific():
        versions = [page]
        if page.has_unpublished_changes or not page.live:
            latest = page.get_latest_revision_as_object()
            if latest is not None:
                versions.append(latest)
        for version in versions:
            for type_id, object_id, *_rest in ReferenceIndex._extract_references_from_object(version):
                if type_id == doc_type:
                    docs.add(int(object_id))
                elif type_id == image_type:
                    images.add(int(object_id))
    return docs, images


def next_release_at(now=None):
    """The next announced minute at which something becomes public, or None."""
    from .models import ReleasePage

    now = now or timezone.now()
    return (
        ReleasePage.objects.filter(status=ReleaseStatus.CONFIRMED, release_at__gt=now)
        .order_by("release_at")
        .values_list("release_at", flat=True)
        .first()
    )


def seconds_until_next_release(now=None):
    """Whole seconds until the next release minute (None if nothing is scheduled)."""
    now = now or timezone.now()
    upcoming = next_release_at(now)
    if upcoming is None:
        return None
    return max(0, int((upcoming - now).total_seconds()))

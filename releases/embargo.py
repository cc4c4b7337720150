"""The embargo: what of a release the public may see, and when.

The one rule: content tied to a release is public only once that release is
confirmed (or published) and its announced minute has passed. Visibility is
computed from the clock on every request, so nothing waits for a job to flip a
flag, and nothing can be seen a second early. Content tied to no release is
public as soon as it is live."""

from django.db.models import Q
from django.utils import timezone

from .enums import RELEASABLE_STATUSES


def released_q(prefix: str = "release", now=None) -> Q:
    """A filter for rows whose release (a FK named `prefix`) is public now."""
    now = now or timezone.now()
    return Q(**{f"{prefix}__isnull": True}) | Q(
        **{f"{prefix}__status__in": RELEASABLE_STATUSES, f"{prefix}__release_at__lte": now}
    )


def is_public(release, now=None) -> bool:
    return release is None or release.is_released(now)


def embargoed_page_ids(now=None):
    """Ids of pages (of any type) held back by a release that is not public yet.

    Every page type that is released through the calendar subclasses
    `ReleasedContentMixin`, so we ask each such model."""
    from .mixins import released_page_models

    ids = set()
    for model in released_page_models():
        ids.update(model.objects.exclude(released_q(now=now)).values_list("pk", flat=True))
    return ids


def public_pages(queryset, now=None):
    """Drop from a page queryset every page still under embargo."""
    held = embargoed_page_ids(now)
    return queryset.exclude(pk__in=held) if held else queryset

"""Prints the URLs of one released image, one of its renditions and one released
document (used by a live page whose release is public), for .ci/check-stack.
Run with the stack's environment: `eval "$(bash deploy/stack.sh env)"`."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Page, ReferenceIndex  # noqa: E402

from releases.embargo import public_pages  # noqa: E402


def used_by_public_pages(model):
    """Objects of `model` used by live pages that no release holds back, found the way
    the embargo finds a page's files (Wagtail's reference extraction)."""
    wanted = ContentType.objects.get_for_model(model).pk
    ids = set()
    for page in public_pages(Page.objects.live()).specific():
        for type_id, object_id, *_rest in ReferenceIndex._extract_references_from_object(page):
            if type_id == wanted:
                ids.add(int(object_id))
    return model.objects.filter(pk__in=ids).order_by("pk")


image = used_by_public_pages(get_image_model()).first()
document = used_by_public_pages(get_document_model()).first()
if image is None or document is None:
    raise SystemExit("The demo has no released image or document: the stack check cannot run.")
print(image.file.url)
print(image.get_rendition("width-200").url)
print(document.url)

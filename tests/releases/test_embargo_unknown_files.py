"""A media name that belongs to no document or image (a rendition Wagtail makes
on the fly, a file left by an old import) is not held: the embargo decides about
what is attached to a release, and refusing unknown names would break pages."""

import pytest

from releases.embargo import is_file_held

pytestmark = pytest.mark.django_db


def test_a_file_of_no_document_or_image_is_not_held():
    assert is_file_held("documents/never-uploaded.pdf") is False
    assert is_file_held("original_images/nobody.png") is False

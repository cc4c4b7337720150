"""A publication's «Release calendar» link: to the entry in the reader's language,
or, where the entry has no version in it, to the Persian one marked as Persian."""

import pytest

from tests.builders.publications import yearbook
from tests.builders.releases import translate_quickly

pytestmark = pytest.mark.django_db


def release_link(client, page):
    body = client.get(page.url).content.decode()
    start = body.index("<dt>Release calendar</dt>")
    return body[start : body.index("</dd>", start)]


def test_english_yearbook_links_to_the_english_entry_or_says_the_entry_is_in_persian(world, client):
    yb = yearbook(world.index, release=world.release)
    translate_quickly(world.index, "Publications")
    yb_en = translate_quickly(yb, "Statistical yearbook 1402")

    link = release_link(client, yb_en)
    assert f'href="{world.release.url}" lang="fa" dir="rtl" hreflang="fa"' in link
    assert "(in Persian)" in link

    translate_quickly(world.release.get_parent().specific, "Release calendar")
    entry_en = translate_quickly(world.release, "The release")
    link = release_link(client, yb_en)
    assert f'<a href="{entry_en.url}">The release</a>' in link
    assert "hreflang" not in link and "(in Persian)" not in link


def test_persian_yearbook_links_to_the_persian_entry_unmarked(world, client):
    yb = yearbook(world.index, release=world.release)
    body = client.get(yb.url).content.decode()
    assert f'<a href="{world.release.url}">{world.release.title}</a>' in body
    assert "(به فارسی)" not in body

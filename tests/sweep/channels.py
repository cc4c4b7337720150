"""Every public channel the sweep requests, in one place: a new feature that
shows released content adds its channel here.

A channel gives Checks for a scenario. Kinds:
* "private": the thing itself (a page, file, download). Before the minute it
  must not answer 200 to anonymous users or researchers (editors and
  moderators may preview, so they are not asked); after it, a check with
  `after=True` must answer 200.
* "listing": an aggregate (listing, search, sitemap, feed, API). Before the
  minute `token` must not appear in the body for any role; after it, it must
  (if `after=True`).
* "redirect": an old address of a renamed page: before, no redirect (404);
  after, a redirect."""

from dataclasses import dataclass
from urllib.parse import quote

from .scenario import page_url


@dataclass(frozen=True)
class Check:
    channel: str
    spelling: str
    url: str
    kind: str
    token: str = ""
    after: bool = True


def page_spellings(url):
    """(name, url, expected after the minute) for every way to write a page's address."""
    bare = url.rstrip("/")
    other_lang = "/en/" + url.removeprefix("/fa/")
    return [
        ("canonical", url, True),
        ("no trailing slash", bare, True),
        ("double slash", url.replace("/fa/", "/fa//", 1), False),
        ("upper case", url.upper(), False),
        ("other language", other_lang, False),
        ("query string", url + "?x=1", True),
    ]


def media_spellings(url):
    rest = url.removeprefix("/media/")
    folder, _, name = rest.partition("/")
    return [
        ("canonical", url),
        ("double slash after media", f"/media//{rest}"),
        ("double slash in folder", f"/media/{folder}//{name}"),
        ("encoded slash", f"/media/{folder}%2F{name}"),
        ("encoded leading slash", f"/media/%2F{rest}"),
        ("dot segment", f"/media/./{folder}/./{name}"),
        ("dot-dot segment", f"/media/{folder}/x/../{name}"),
        ("encoded name", f"/media/{folder}/{quote(name, safe='')}"),
    ]


def pages(s):
    for name, page in s.pages.items():
        for spelling, url, after in page_spellings(page_url(page)):
            yield Check(f"page:{name}", spelling, url, "private", after=after)


def previews(s):
    for name, page in s.pages.items():
        yield Check(f"preview:{name}", "view draft", f"/admin/pages/{page.pk}/view_draft/", "listing", s.marker, False)
        yield Check(f"preview:{name}", "revisions", f"/admin/pages/{page.pk}/history/", "listing", s.marker, False)


def documents(s):
    for document in s.documents:
        yield Check("document", "canonical", document.url, "private")
        yield Check(
            "document", "double slash", document.url.replace("/documents/", "/documents//"), "private", after=False
        )
        for spelling, url in media_spellings(document.file.url):
            yield Check("document file", spelling, url, "private")


def images(s):
    for image in s.images:
        for spelling, url in media_spellings(image.file.url):
            yield Check("image original", spelling, url, "private")
    for rendition in s.renditions:
        for spelling, url in media_spellings(rendition.url):
            yield Check("image rendition", spelling, url, "private")


def listings(s):
    yield Check("publications listing", "fa", "/fa/publications/", "listing", s.marker)
    yield Check("publications listing", "filter", "/fa/publications/?kind=bulletin", "listing", s.marker, False)
    yield Check("calendar entry", "fa", page_url(s.entry), "listing", s.marker)
    yield Check("calendar listing", "published tab", "/fa/releases/?tab=published", "listing", s.entry_token)
    yield Check("home page", "fa", "/fa/", "listing", s.marker, False)


def search(s):
    # The page echoes the query: look for a result's address, not the word.
    hit = page_url(s.pages["bulletin"])
    yield Check("search", "fa", f"/fa/search/?q={s.marker}", "listing", hit)
    yield Check("search", "en", f"/en/search/?q={s.marker}", "listing", hit, False)


def sitemap(s):
    yield Check("sitemap", "xml", "/sitemap.xml", "listing", s.marker)


def feeds(s):
    yield Check("feed", "rss", "/fa/releases/feed.rss", "listing", s.entry_token)
    yield Check("feed", "atom", "/fa/releases/feed.atom", "listing", s.entry_token)
    yield Check("feed", "ics", "/fa/releases/calendar.ics", "listing", s.marker, False)


def api(s):
    code = s.indicator.code
    value = s.observation_value
    base = f"/api/v1/observations?indicator={code}"
    for spelling, query in [
        ("json", ""),
        ("csv", "&format=csv"),
        ("from/to", "&from=1403&to=1403"),
        ("from", "&from=1400"),
        ("page size", "&page_size=10"),
    ]:
        yield Check("api observations", spelling, base + query, "listing", value)
    yield Check("api indicator", "json", f"/api/v1/indicators/{code}", "listing", value, False)


def downloads(s):
    yearbook = s.pages["yearbook"]
    yield Check("yearbook workbook", "xlsx", f"/fa/publications/workbook/{yearbook.pk}.xlsx", "private")


def redirects(s):
    yield Check("redirect of a renamed page", "old slug", s.old_infographic_url, "redirect")


CHANNELS = [pages, previews, documents, images, listings, search, sitemap, feeds, api, downloads, redirects]


def all_checks(s):
    return [check for channel in CHANNELS for check in channel(s)]

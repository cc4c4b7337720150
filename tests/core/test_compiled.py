"""core.compiled.CompiledQuery: the values mode (tuples, dicts, flat values, with
Django's converters) and markers found in their database form (a datetime as the
backend adapts it, a UUID as hex, a string inside a LIKE pattern)."""

import datetime as dt
import uuid

import pytest
from wagtail.models import Page

from core.compiled import CompiledQuery

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=dt.UTC)
KEY = uuid.UUID(int=0x4545_4545_4545_4545_4545_4545_4545_4545)


def build(prefix, key, when):
    return Page.objects.filter(path__startswith=prefix, first_published_at__lte=when).exclude(translation_key=key)


@pytest.mark.parametrize(
    "shape",
    [
        lambda qs: qs.order_by("path").values_list("pk", "path", "first_published_at"),
        lambda qs: qs.order_by("path").values("pk", "live", "first_published_at"),
        lambda qs: qs.order_by("path").values_list("first_published_at", flat=True),
        lambda qs: qs.order_by("path"),
    ],
    ids=["tuples", "dicts", "flat", "objects"],
)
def test_the_compiled_rows_are_the_orms_at_other_values(home_pages, shape):
    query = CompiledQuery(Page, lambda **m: shape(build(**m)), prefix="\x00p\x00", key=KEY, when=WHEN)
    home = home_pages[0]
    published = Page.objects.filter(first_published_at__isnull=False).order_by("first_published_at")
    instants = [
        *published.values_list("first_published_at", flat=True)[:1],
        dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
        WHEN,
    ]
    for prefix in ("0001", home.path, "ZZ"):
        for key in (KEY, home.translation_key):
            for when in instants:
                expected = list(shape(build(prefix, key, when)))
                rows = query(prefix=prefix, key=key, when=when)
                if expected and isinstance(expected[0], Page):
                    expected, rows = [p.pk for p in expected], [p.pk for p in rows]
                assert rows == expected, (prefix, key, when)
    assert published.exists()


def test_a_statement_whose_shape_depends_on_a_value_is_refused(db):
    def build(depth):
        return Page.objects.filter(depth=depth) if depth % 2 else Page.objects.filter(depth=depth, live=True)

    with pytest.raises(ValueError, match="depend"):
        CompiledQuery(Page, build, depth=424_200_001)()


def test_a_marker_not_among_the_parameters_is_refused(db):
    with pytest.raises(ValueError, match="not among"):
        CompiledQuery(Page, lambda depth: Page.objects.filter(depth=3), depth=424_200_001)()


def test_a_statement_per_number_of_values_reads_what_the_orm_reads(home_pages):
    from core.compiled import CompiledPerSize

    def titles(paths):
        return Page.objects.filter(path__in=paths).order_by("path").values_list("title", flat=True)

    query = CompiledPerSize(Page, titles, lambda i: f"\x00path{i}\x00", limit=2)
    paths = list(Page.objects.order_by("path").values_list("path", flat=True))
    for size in (1, 2, 3, 1):
        chosen = paths[-size:]
        assert query(chosen) == list(titles(chosen)) and len(query(chosen)) == size
    assert query(["no such path"]) == []
    assert len(query._memo) <= 2  # at most `limit` sizes kept


def test_a_marker_inside_a_longer_parameter_takes_each_value_once(home_pages):
    """A full-text MATCH text holds every word in one parameter: each marker is
    replaced there, in one pass (a value that holds another marker's text stays)."""

    def titled(first, second):
        return Page.objects.filter(title=f"{first} and {second}").values_list("pk", flat=True)

    page = Page.objects.filter(depth=2).first()
    page.title = "zqxmarkb and plain"
    page.save(update_fields=["title"])
    query = CompiledQuery(Page, titled, first="zqxmarka", second="zqxmarkb")
    assert query(first="zqxmarkb", second="plain") == [page.pk] == list(titled("zqxmarkb", "plain"))
    assert query(first="zqxmarkb", second="other") == []


def test_a_statement_compiles_from_a_warm_build(home_pages):
    """A build whose constants come from a per-process cache can differ between its
    first run (which fills the cache) and the next (Wagtail's search lists the
    content types in the order of its cache): the statement is compiled from a
    build made after a first one, and is then the same at every value."""
    builds = []

    def build(slug):
        builds.append(slug)
        titles = ["a", "b"] if len(builds) == 1 else ["b", "a"]
        return Page.objects.filter(slug=slug).exclude(title__in=titles).values_list("pk", flat=True)

    query = CompiledQuery(Page, build, slug="\x00s\x00")
    home = home_pages[0]
    assert query(slug=home.slug) == [home.pk]

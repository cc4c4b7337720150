"""The catalog listing's cold read path (issue 13): the five facets are counted
in one grouped query and the results with their count in another, whatever the
filters; the counts are those of a query a facet; a dataset's labels are
Django's own."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from catalog.models import Dataset
from catalog.views import FACETS
from tests.builders.catalog import catalog_page, dataset

pytestmark = pytest.mark.django_db

QUERIES = ["", "?access=open", "?access=open&unit=business", "?topic=wages&organisation=SSO", "?q=بیمه&unit=person"]


@pytest.fixture
def catalog(home_pages):
    page = catalog_page(home_pages[0])
    dataset("insured", access="licensed")
    dataset("coops", access="open", title_fa="تعاونی‌ها", unit="business", topic="cooperatives")
    dataset("wages", access="open", title_fa="دستمزد", topic="wages", organisation="MCLS", with_file=False)
    dataset("wages2", access="licensed", title_fa="دستمزد ۲", topic="wages", unit="business", with_file=False)
    return page


def _dataset_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in queries.captured_queries if 'FROM "catalog_dataset"' in q["sql"]]


@pytest.mark.parametrize("query", QUERIES)
def test_the_listing_reads_datasets_in_two_queries(client, catalog, query):
    assert len(_dataset_queries(client, "/fa/catalog/" + query)) == 2


@pytest.mark.parametrize("query", QUERIES)
def test_each_facet_counts_as_its_own_query_would(client, catalog, query):
    response = client.get("/fa/catalog/" + query)
    params = response.wsgi_request.GET
    for facet in response.context["facets"]:
        qs = Dataset.objects.published()
        if params.get("q"):
            qs = qs.search(params["q"])
        for param, lookup, _label in FACETS:
            if param != facet["param"] and params.get(param):
                qs = qs.filter(**{lookup: params[param]})
        lookup = {p: lk for p, lk, _l in FACETS}[facet["param"]]
        expected = [(row[lookup], row["n"]) for row in qs.values(lookup).annotate(n=Count("pk")).order_by(lookup)]
        assert [(o["value"], o["count"]) for o in facet["options"]] == expected, (query, facet["param"])


def test_the_listing_count_is_the_number_of_matching_datasets(client, catalog):
    assert client.get("/fa/catalog/").context["page_obj"].paginator.count == 4
    assert client.get("/fa/catalog/?topic=wages").context["page_obj"].paginator.count == 2
    assert client.get("/fa/catalog/?topic=pensions").context["page_obj"].paginator.count == 0


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_dataset_label_is_django_own(catalog, lang):
    from django.db.models import Model
    from django.utils.translation import override

    ds = Dataset.objects.get(slug="insured")
    with override(lang):
        for name in ("topic", "organisation", "unit", "access_level", "periodicity", "update_cadence"):
            field = Dataset._meta.get_field(name)
            for value in [code for code, _label in field.flatchoices] + ["unknown"]:
                setattr(ds, name, value)
                assert ds._get_FIELD_display(field) == Model._get_FIELD_display(ds, field), (name, value)


def _listed(rows):
    return [(d.slug, d.n_variables, d.listing_total) for d in rows]


def test_the_whole_catalog_s_compiled_statements_read_what_the_orm_reads(catalog):
    from catalog.views import _ALL_FIRST_PAGE, _ALL_GROUPS, PAGE_SIZE, _results, facet_groups
    from core.listing import counted_rows

    for n in range(PAGE_SIZE + 2):  # past one page: the first page's rows and the whole count
        dataset(f"more-{n}", access="open", title_fa=f"داده {n}", with_file=False, topic="wages")
    Dataset.objects.filter(slug="coops").update(published=False)
    published = Dataset.objects.published()
    expected = _listed(counted_rows(_results(published), 1, PAGE_SIZE))
    assert len(expected) == PAGE_SIZE and expected[0][2] == published.count() == PAGE_SIZE + 5
    assert _listed(_ALL_FIRST_PAGE()) == expected
    assert sorted(_ALL_GROUPS(), key=repr) == sorted(facet_groups(published), key=repr)


def test_a_filtered_or_later_page_of_the_catalog_is_not_the_whole_catalog_s_first(client, catalog):
    for n in range(13):
        dataset(f"more-{n}", access="open", title_fa=f"داده {n}", with_file=False)
    first = [d.slug for d in client.get("/fa/catalog/").context["page_obj"].object_list]
    second = [d.slug for d in client.get("/fa/catalog/?page=2").context["page_obj"].object_list]
    licensed = [d.slug for d in client.get("/fa/catalog/?access=licensed").context["page_obj"].object_list]
    assert len(first) == 12 and second and not set(first) & set(second)
    assert sorted(licensed) == ["insured", "wages2"]

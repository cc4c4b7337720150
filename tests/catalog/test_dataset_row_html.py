"""The catalog listing's rows are written out in Python (catalog/rows.py) instead of
the template's loop: each row must be what the loop's body, kept as
catalog/includes/dataset_row.html, renders, byte for byte, in both languages
(issue 13, cold pages)."""

import pytest
from django.db.models import Count
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from catalog.models import Dataset
from catalog.rows import dataset_rows
from tests.builders.catalog import catalog_page, dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(home_pages):
    page = catalog_page(home_pages[0])
    dataset("insured", access="licensed")
    dataset("coops", access="open", title_fa="تعاونی‌ها <b>&</b>", unit="business", topic="cooperatives", is_demo=True)
    dataset("wages", access="enclave", title_fa="دستمزد", organisation="MCLS", with_file=False, periodicity="annual")
    long = dataset("long", access="open", title_fa="بلند", with_file=False)
    long.description_fa = " ".join(f"واژه{i}" for i in range(60))
    long.description_en = "A <long> & " + " ".join(f"word{i}" for i in range(60))
    long.save()
    return page


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_rows_html_is_what_the_loop_rendered(catalog, lang):
    request = RequestFactory().get(f"/{lang}/catalog/")
    datasets = list(Dataset.objects.annotate(n_variables=Count("variables", distinct=True)).order_by("slug"))
    with translation.override(lang):
        page_url = catalog.get_url(request)
        rows = dataset_rows(datasets, page_url)
        assert len(rows) == 4
        for row, ds in zip(rows, datasets, strict=True):
            page = type("P", (), {"url": page_url})
            assert row == render_to_string("catalog/includes/dataset_row.html", {"ds": ds, "page": page})


def test_the_listing_shows_the_rows(client, catalog):
    html = client.get("/fa/catalog/").content.decode()
    assert 'href="/fa/catalog/coops/"' in html and "تعاونی‌ها &lt;b&gt;&amp;&lt;/b&gt;" in html
    assert html.count('<li class="dataset-item">') == 4

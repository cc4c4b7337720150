"""The data catalog: listing, facets, Persian-normalised search, dataset pages,
variable search, DCAT/schema.org, import-export, and no private file links."""

import json

import pytest
import tablib
from django.core.management import call_command

from tests.builders.catalog import catalog_page, dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(home_pages):
    page = catalog_page(home_pages[0])
    from core.translation import translate

    translate(page, {"داده‌نما": "Data catalog"})
    return page


def test_listing_facets_and_counts(client, catalog):
    dataset("insured", access="licensed")
    dataset("coops", access="open", title_fa="تعاونی‌ها", title_en="Cooperatives", unit="business")
    r = client.get("/fa/catalog/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "بیمه‌شدگان تأمین اجتماعی" in html and "تعاونی‌ها" in html
    r = client.get("/fa/catalog/?access=open")
    html = r.content.decode()
    assert "تعاونی‌ها" in html and "بیمه‌شدگان تأمین اجتماعی" not in html
    facets = {f["param"]: {o["value"]: o["count"] for o in f["options"]} for f in r.context["facets"]}
    # The access facet ignores its own filter, so both levels stay visible with counts.
    assert facets["access"] == {"licensed": 1, "open": 1}
    assert facets["unit"] == {"business": 1}


def test_search_treats_arabic_letters_and_digits_as_persian(client, catalog):
    dataset("insured")
    # Arabic yeh and kaf, Arabic-Indic digits: still found.
    for q in ["بيمه", "شدگان تأمين", "۱۴۰۲", "١٤٠٢", "WAGE", "دستمزد"]:
        r = client.get("/fa/catalog/", {"q": q})
        assert r.context["page_obj"].paginator.count == 1, q
    assert client.get("/fa/catalog/", {"q": "ناموجود"}).context["page_obj"].paginator.count == 0


def test_dataset_page_has_jsonld_and_never_links_private_files(client, catalog):
    ds = dataset("insured", access="licensed")
    r = client.get("/fa/catalog/insured/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "application/ld+json" in html
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert "Dataset" in data["@type"] and "dcat:Dataset" in data["@type"]
    assert data["temporalCoverage"].startswith("2019-03-21/")
    assert all("contentUrl" not in d for d in data["distribution"])
    f = ds.files.get()
    assert str(f.uuid) not in html and f.file.name not in html and "/media/" not in html
    assert "/researchers/downloads/" not in html
    # The file really lives under PRIVATE_ROOT and has no URL.
    from django.conf import settings

    assert f.file.path.startswith(str(settings.PRIVATE_ROOT))
    with pytest.raises(ValueError):
        f.file.url  # noqa: B018
    # English page, English metadata
    r = client.get("/en/catalog/insured/dcat/")
    assert r["Content-Type"] == "application/ld+json"
    assert r.json()["name"] == "Insured persons"


def test_open_file_is_linked_and_served_and_logged(client, catalog):
    from researchers.models import DownloadLog

    ds = dataset("coops", access="open")
    f = ds.files.get()
    html = client.get("/fa/catalog/coops/").content.decode()
    assert f"/fa/researchers/files/{f.uuid}/" in html
    r = client.get(f"/fa/researchers/files/{f.uuid}/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"wage")
    assert DownloadLog.objects.filter(succeeded=True, data_file=f).count() == 1


def test_licensed_file_not_served_by_open_view(client, catalog):
    ds = dataset("insured", access="licensed")
    f = ds.files.get()
    assert client.get(f"/fa/researchers/files/{f.uuid}/").status_code == 404


def test_unpublished_dataset_is_hidden(client, catalog):
    dataset("secret", published=False)
    assert client.get("/fa/catalog/secret/").status_code == 404
    assert "secret" not in client.get("/fa/catalog/").content.decode()


def test_variable_search(client, catalog):
    dataset("insured")
    r = client.get("/en/catalog/variables/", {"q": "wage"})
    assert r.status_code == 200
    assert [v.name for v in r.context["page_obj"]] == ["wage"]


def test_home_section_shows_latest_datasets_or_nothing(client, catalog):
    html = client.get("/fa/").content.decode()
    assert "catalog-home-heading" not in html
    dataset("insured")
    html = client.get("/fa/").content.decode()
    assert "catalog-home-heading" in html and "بیمه‌شدگان تأمین اجتماعی" in html


def test_import_export_round_trip():
    from catalog.models import Dataset
    from catalog.resources import DatasetResource, VariableResource

    dataset("insured", with_file=False)
    exported = DatasetResource().export()
    assert "insured" in exported.csv
    Dataset.objects.all().delete()
    result = DatasetResource().import_data(tablib.Dataset().load(exported.csv, format="csv"), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Dataset.objects.get(slug="insured").title_fa == "بیمه‌شدگان تأمین اجتماعی"
    rows = tablib.Dataset(headers=["dataset", "name", "label_fa", "label_en", "var_type"])
    rows.append(["insured", "age", "سن", "Age", "numeric"])
    result = VariableResource().import_data(rows, dry_run=False)
    assert not result.has_errors()
    assert "age" in Dataset.objects.get(slug="insured").search_text


def test_import_refuses_bad_rows_all_or_nothing():
    from catalog.models import Dataset
    from catalog.resources import DatasetResource

    dataset("insured", with_file=False)
    data = DatasetResource().export()
    data.append(["bad"] + [""] * (len(data.headers) - 1))
    Dataset.objects.all().delete()
    result = DatasetResource().import_data(data, dry_run=False, raise_errors=False)
    assert result.has_errors() or result.has_validation_errors()
    assert Dataset.objects.count() == 0


def test_demo_loads_twice(home_pages):
    from catalog.models import Dataset

    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    n = Dataset.objects.count()
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert n >= 10 and Dataset.objects.count() == n

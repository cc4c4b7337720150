"""Indicator pages, downloads, dashboard, home section, API and admin import, with the embargo."""

import csv
import datetime as dt
import io
import json

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from indicators.models import DashboardPage, ImportBatch, IndicatorIndexPage, Observation
from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = pytest.mark.django_db

RELEASE_AT = timezone.now() + dt.timedelta(days=3)


@pytest.fixture
def site(home_pages):
    home_fa, _home_en = home_pages
    province = make_code_list(
        "province",
        {"IR": ("کل کشور", "Iran"), "23": ("تهران", "Tehran"), "10": ("اصفهان", "Isfahan"), "16": ("=ایلام", "=Ilam")},
        total_code="IR",
        name_fa="استان",
    )
    sex = make_code_list(
        "sex", {"M": ("مرد", "Male"), "F": ("زن", "Female"), "T": ("مرد و زن", "Both")}, total_code="T", name_fa="جنس"
    )
    ind = make_indicator(
        "jobless-benefit",
        [province, sex],
        periodicity=12,
        unit_fa="نفر",
        unit_en="persons",
        norm_upper=1000,
        higher_is_better=False,
        is_headline=True,
        is_key=True,
    )
    from releases.models import ReleasePage

    release = ReleasePage(
        title="بولتن مهر", slug="bulletin-mehr", kind="monthly_bulletin", status="confirmed", release_at=RELEASE_AT
    )
    home_fa.add_child(instance=release)
    release.save_revision().publish()
    for month, base in ((5, 500), (6, 520)):
        period = f"1405-{month:02d}"
        for code, share in (("23", 3), ("10", 2), ("16", 1)):
            add_observation(ind, period, [code, "M"], base * share, count=base * share)
            add_observation(
                ind, period, [code, "F"], share if code == "16" else base, count=share if code == "16" else base
            )
            add_observation(ind, period, [code, "T"], base * share + (share if code == "16" else base))
        add_observation(ind, period, ["IR", "T"], base * 10)
    # The next month is embargoed until the bulletin's minute.
    add_observation(ind, "1405-07", ["IR", "T"], 987654, release=release)
    add_observation(ind, "1405-07", ["23", "T"], 123456, release=release)
    index = IndicatorIndexPage(title="نماگرها", slug="indicators")
    home_fa.add_child(instance=index)
    index.save_revision().publish()
    from core.translation import translate

    translate(index, {"نماگرها": "Indicators"})
    dash = DashboardPage(title="داشبورد", slug="dashboard")
    home_fa.add_child(instance=dash)
    dash.save_revision().publish()
    return ind


def test_indicator_page_shows_latest_public_figure_and_province_table(client, site):
    response = client.get("/fa/indicators/jobless-benefit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "۵٬۲۰۰" in html  # the latest public national figure, Persian digits
    assert "شهریور ۱۴۰۵" in html
    assert "تهران" in html and 'id="province-table"' in html
    assert "indicators/vendor/chart.umd.min.js" in html and 'role="img"' in html
    assert "987" not in html and "۹۸۷٬۶۵۴" not in html and "1405-07" not in html


def test_embargoed_observations_absent_from_page_api_and_downloads_until_the_minute(client, site):
    urls = [
        "/fa/indicators/jobless-benefit/",
        "/fa/indicators/jobless-benefit/download/csv/?table=series",
        "/fa/indicators/jobless-benefit/download/json/?table=series",
        "/api/v1/observations?indicator=jobless-benefit&page_size=5000",
        "/api/v1/observations?indicator=jobless-benefit&format=csv&page_size=5000",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert "987654" not in body and "۹۸۷٬۶۵۴" not in body and "1405-07" not in body, url
    assert client.get("/fa/indicators/jobless-benefit/?period=1405-07").status_code == 200
    with time_machine.travel(RELEASE_AT + dt.timedelta(seconds=1)):
        assert "۹۸۷٬۶۵۴" in client.get("/fa/indicators/jobless-benefit/").content.decode()
        api = client.get("/api/v1/observations?indicator=jobless-benefit&from=1405-07").json()
        assert {r["period"] for r in api["results"]} == {"1405-07"} and api["count"] == 2
        assert "987654" in client.get(urls[1]).content.decode()


def test_suppressed_cells_show_symbol_and_footnote_never_the_number(client, site):
    html = client.get("/fa/indicators/jobless-benefit/").content.decode()
    assert "<abbr" in html and ">..</abbr>" in html
    assert "برای حفظ محرمانگی منتشر نمی‌شود: رقم از شمار بسیار کمی واحد به دست آمده" in html
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/fa/indicators/jobless-benefit/download/csv/?table=provinces").content.decode("utf-8-sig")
            )
        )
    )
    ilam = next(r for r in rows if r[0] == "16")
    # columns: code, label, then value and flags of M, F and T (the total last)
    assert rows[0][2].endswith("[M]") and rows[0][4].endswith("[F]") and rows[0][6].endswith("[T]")
    # Women in Ilam (1 person) are hidden, and so are Ilam's men: with the total
    # 521 published, men = 520 would give women = 521 − 520 = 1 back.
    assert ilam[2:8] == ["", "suppressed", "", "suppressed", "521", ""]
    men = client.get("/api/v1/observations?indicator=jobless-benefit&province=16&sex=M&from=1405-06").json()
    assert men["results"][0]["value"] is None and men["results"][0]["suppressed"] is True
    api = client.get("/api/v1/observations?indicator=jobless-benefit&province=16&sex=F&from=1405-06").json()
    assert api["results"] == [
        {
            "period": "1405-06",
            "codes": {"province": "16", "sex": "F"},
            "value": None,
            "flags": ["suppressed"],
            "suppressed": True,
        }
    ]


def test_downloads_escape_formulas_and_match_the_table(client, site):
    raw = client.get("/fa/indicators/jobless-benefit/download/csv/?table=provinces").content.decode("utf-8-sig")
    assert "'=ایلام" in raw and ",=ایلام" not in raw
    book = load_workbook(
        io.BytesIO(client.get("/en/indicators/jobless-benefit/download/xlsx/?table=provinces").content)
    )
    cells = [c.value for row in book.active.iter_rows() for c in row]
    assert "'=Ilam" in cells and "=Ilam" not in cells
    data = json.loads(client.get("/fa/indicators/jobless-benefit/download/json/?table=provinces").content)
    tehran = next(r for r in data["rows"] if r[0] == "23")
    assert tehran[:3] == ["23", "تهران", "1560"] and data["period"] == "1405-06"
    assert client.get("/fa/indicators/jobless-benefit/download/pdf/").status_code == 404


def test_english_page_and_unknown_indicator(client, site):
    html = client.get("/en/indicators/jobless-benefit/").content.decode()
    assert "5,200" in html and "Tehran" in html
    assert client.get("/fa/indicators/nope/").status_code == 404


def test_dashboard_cards_status_and_filters(client, site):
    html = client.get("/fa/dashboard/").content.decode()
    assert "jobless-benefit" in html and "sparkline" in html and "status-above" in html
    assert "jobless-benefit" not in client.get("/fa/dashboard/?organisation=SSO").content.decode()


def test_home_section_lists_headline_indicators(client, site):
    html = client.get("/fa/").content.decode()
    assert 'class="section-card indicators-home"' in html and "/fa/indicators/jobless-benefit/" in html


def test_home_section_renders_nothing_without_indicators(client, home_pages):
    assert "indicators-home" not in client.get("/fa/").content.decode()


def test_api_lists_filters_paginates_and_errors(client, site):
    listing = client.get("/api/v1/indicators").json()
    assert listing["count"] == 1 and listing["results"][0]["dimensions"][0]["code_list"] == "province"
    assert client.get("/api/v1/codelists/province").json()["total_code"] == "IR"
    page = client.get(
        "/api/v1/observations?indicator=jobless-benefit&from=1405-06&to=1405-06&province=23,10&sex=M,F&page_size=3"
    ).json()
    assert page["count"] == 4 and len(page["results"]) == 3 and "page=2" in page["next"]
    # Sorted by period then codes.
    assert [(r["codes"]["province"], r["codes"]["sex"], r["value"], r["suppressed"]) for r in page["results"]] == [
        ("10", "F", "520.000000", False),
        ("10", "M", "1040.000000", False),
        ("23", "F", "520.000000", False),
    ]
    second = client.get(page["next"]).json()
    assert [(r["codes"]["province"], r["codes"]["sex"], r["value"]) for r in second["results"]] == [
        ("23", "M", "1560.000000")
    ]
    assert second["next"] is None
    text = client.get(
        "/api/v1/observations?indicator=jobless-benefit&from=1405-05&to=1405-05&province=IR&format=csv"
    ).content.decode()
    assert text.splitlines() == ["period,province,sex,value,flags", "1405-05,IR,T,5000,"]
    for url, status in [
        ("/api/v1/observations?indicator=nope", 404),
        ("/api/v1/observations?indicator=jobless-benefit&isic=A", 400),
        ("/api/v1/observations?indicator=jobless-benefit&from=soon", 400),
        ("/api/v1/observations", 400),
        ("/api/v1/nothing-here/", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status and "error" in response.json(), url
    schema = client.get("/api/v1/schema/").json()
    assert "/api/v1/observations" in schema["paths"]


def test_admin_import_dry_run_preview_confirm(admin_client, site, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = "دوره,استان,جنس,مقدار\n1405-06,23,M,1600\n".encode()
    response = admin_client.post(
        "/admin/indicators/import/",
        {"indicator": site.pk, "file": SimpleUploadedFile("t.csv", content), "sheet": ""},
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.status == "validated" and batch.dry_run, batch.errors
    detail = admin_client.get(f"/admin/indicators/import/{batch.pk}/").content.decode()
    assert "1600" in detail and "تأیید و ورود داده" in detail
    assert f'action="/admin/indicators/import/{batch.pk}/confirm/"' in detail
    assert Observation.objects.get(period="1405-06", d1="23", d2="M").value == 1560
    admin_client.post(f"/admin/indicators/import/{batch.pk}/confirm/")
    batch.refresh_from_db()
    assert batch.status == "done" and batch.rows_revised == 1
    assert Observation.objects.get(period="1405-06", d1="23", d2="M").value == 1600
    assert admin_client.get(f"/admin/indicators/import/{batch.pk}/status/").json()["progress"] == 100


def test_admin_import_reports_errors_and_large_files_go_to_the_worker(admin_client, site, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.INDICATORS_IMPORT_INLINE_BYTES = 10  # everything is "large": enqueued (run inline by the test backend)
    before = Observation.objects.count()
    admin_client.post(
        "/admin/indicators/import/",
        {"indicator": site.pk, "file": SimpleUploadedFile("bad.csv", b"period,province,sex,value\n1405-06,99,M,1\n")},
    )
    batch = ImportBatch.objects.get()
    assert batch.status == "failed" and batch.errors[0]["row"] == 2
    assert "99" in admin_client.get(f"/admin/indicators/import/{batch.pk}/").content.decode()
    assert Observation.objects.count() == before


def test_code_lists_export_and_import_with_import_export(site):
    from indicators.resources import CodeResource

    dataset = CodeResource().export()
    assert "تهران" in dataset.csv
    assert {"code_list": "province", "code": "23", "label_fa": "تهران", "label_en": "Tehran"}.items() <= next(
        row for row in dataset.dict if row["code_list"] == "province" and row["code"] == "23"
    ).items()
    from tablib import Dataset

    new = Dataset(
        headers=["code_list", "code", "label_fa", "label_en", "parent", "valid_from", "valid_to", "sort_order"]
    )
    new.append(["province", "31", "استان نمونه", "Sample", "IR", "", "", "40"])
    result = CodeResource().import_data(new, dry_run=False)
    assert not result.has_errors()
    from indicators.models import Code

    assert Code.objects.get(code_list__code="province", code="31").parent.code == "IR"


def test_demo_generator_passes_the_import_checks():
    from demo import indicators as demo
    from indicators.codelists import ensure_code_lists
    from indicators.importer import run_import

    ensure_code_lists()
    for spec in (demo.INDICATORS[1], demo.INDICATORS[8]):  # by province and sex; a non-additive rate
        indicator = demo.ensure_indicator(spec, 0)
        report = run_import(io.BytesIO(demo.demo_csv(spec).encode()), indicator=indicator, name="d.csv", dry_run=True)
        assert report.ok, report.as_text()

"""Catalog listing, keyword search, variable search and a secure download on
a synthetic catalog of 1,000 datasets × 20 variables. Runs against a throwaway
SQLite database (or DATABASE_URL); figures are printed, never judged."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
_tmp = tempfile.mkdtemp(prefix="bench-catalog-")
os.environ.setdefault("VAR_DIR", _tmp)
os.environ.setdefault("TEST_VAR_DIR", _tmp)

N_DATASETS = 1000
N_VARS = 20
REPEAT = 30


def timed(client, url, n=REPEAT, **params):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(url, params)
        if hasattr(r, "streaming_content"):
            b"".join(r.streaming_content)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return statistics.median(times), max(times)


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        settings.DATABASES["default"]["NAME"] = str(Path(_tmp) / "bench.sqlite3")
    call_command("migrate", verbosity=0)

    from catalog.models import CatalogIndexPage, Dataset, Variable
    from demo import site as demo

    fa, _en = demo.ensure_locales()
    home = demo.ensure_home(fa)
    demo.child_page(home, CatalogIndexPage, "catalog", title="داده‌نما")
    topic, org = "social_security", "SSO"
    t0 = time.perf_counter()
    units, levels = ["person", "business", "place"], ["open", "public_use", "licensed", "enclave"]
    datasets = Dataset.objects.bulk_create(
        Dataset(
            slug=f"ds-{i}",
            title_fa=f"مجموعهٔ {i} بیمه‌شدگان",
            title_en=f"Dataset {i}",
            description_fa="شرح",
            topic=topic,
            organisation=org,
            unit=units[i % 3],
            time_coverage_start="1398",
            access_level=levels[i % 4],
        )
        for i in range(N_DATASETS)
    )
    Variable.objects.bulk_create(
        Variable(dataset=d, name=f"v{j}", label_fa=f"متغیر {j} دستمزد" if j == 7 else f"متغیر {j}", label_en=f"var {j}")
        for d in datasets
        for j in range(N_VARS)
    )
    for v in Variable.objects.all().iterator():
        Variable.objects.filter(pk=v.pk).update(search_text=f"v{v.name[1:]} {v.label_fa} {v.label_en}".casefold())
    for d in Dataset.objects.all().iterator():
        d.save()
    print(f"built {N_DATASETS} datasets × {N_VARS} variables in {time.perf_counter() - t0:.1f}s")

    client = Client()
    for label, url, params in [
        ("listing, page 1", "/fa/catalog/", {}),
        ("listing, 2 facets", "/fa/catalog/", {"unit": "person", "access": "licensed"}),
        ("keyword search (Arabic ي)", "/fa/catalog/", {"q": "بيمه"}),
        ("variable search", "/fa/catalog/variables/", {"q": "دستمزد"}),
        ("dataset page", "/fa/catalog/ds-500/", {}),
        ("DCAT of one dataset", "/fa/catalog/ds-500/dcat/", {}),
    ]:
        median, worst = timed(client, url, **params)
        print(f"{label:<28} median {median:7.1f} ms   max {worst:7.1f} ms   ({REPEAT} requests)")


if __name__ == "__main__":
    main()

"""Every row an import writes carries its release and its batch: the release
decides when the row is public (the embargo), the batch which file it came from.
A revision writes through the two-pass path (write.py: executemany on SQLite,
COPY on PostgreSQL), a first import through the one-pass stream; both are read
back here."""

import pytest

from indicators.importer import run_import
from indicators.models import ImportBatch, Observation
from tests.builders.publications import release_entry
from tests.indicators.test_import_write_atomic import FIRST, SECOND, indicator  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def links():
    return {(o.period, o.d1, o.d2): (o.release_id, o.batch_id) for o in Observation.objects.all()}


def test_each_written_row_carries_its_release_and_batch(tmp_path, indicator, home_pages):  # noqa: F811
    march, april = (release_entry(home_pages[0], title=t) for t in ("فروردین", "اردیبهشت"))
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(FIRST)
    second.write_text(SECOND)

    batch1 = ImportBatch(indicator=indicator, release=march, original_name="first.csv")
    assert run_import(str(first), indicator=indicator, release=march, batch=batch1).ok
    assert set(links().values()) == {(march.pk, batch1.pk)}

    batch2 = ImportBatch(indicator=indicator, release=april, original_name="second.csv")
    assert run_import(str(second), indicator=indicator, release=april, batch=batch2).ok
    after = links()
    revised_or_new = {key for key in after if key[0] == "1403-03" or key == ("1403-01", "23", "M")}
    assert len(revised_or_new) == 4
    assert {after[key] for key in revised_or_new} == {(april.pk, batch2.pk)}
    assert {value for key, value in after.items() if key not in revised_or_new} == {(march.pk, batch1.pk)}

"""All or nothing at write time: a failure after the deletes, half-way through the
inserts, leaves the table exactly as it was and the batch failed with a report line.
Runs on SQLite and, with DATABASE_URL, on PostgreSQL (COPY)."""

import pytest

from indicators.importer import run_import
from indicators.importer import write as write_module
from indicators.models import ImportBatch, Observation
from tests.builders.indicators import make_code_list, make_indicator

pytestmark = pytest.mark.django_db(transaction=True)  # the real transaction, as in production

FIRST = "period,province,sex,value,count\n" + "".join(
    f"1403-{m:02d},{p},{s},{m * 10 + i},{m}\n"
    for m in (1, 2)
    for i, (p, s) in enumerate([("23", "F"), ("23", "M"), ("08", "F")])
)
# 1403-01 revised (23/M changed, 08/F removed), 1403-02 untouched, 1403-03 new.
SECOND = FIRST.replace("1403-01,23,M,11,1", "1403-01,23,M,99,1").replace("1403-01,08,F,12,1\n", "") + "".join(
    f"1403-03,{p},{s},{30 + i},3\n" for i, (p, s) in enumerate([("23", "F"), ("23", "M"), ("08", "F")])
)


@pytest.fixture
def indicator():
    province = make_code_list("province", {"23": ("تهران", "Tehran"), "08": ("کرمان", "Kerman")}, name_fa="استان")
    sex = make_code_list("sex", {"M": ("مرد", "Male"), "F": ("زن", "Female")}, name_fa="جنس")
    return make_indicator("insured", [province, sex], periodicity=12)


def table():
    return sorted(Observation.objects.values_list("id", "period", "d1", "d2", "value", "count", "flags", "batch_id"))


def test_a_failure_half_way_through_the_write_changes_nothing(tmp_path, indicator, monkeypatch):
    first = tmp_path / "first.csv"
    first.write_text(FIRST)
    assert run_import(str(first), indicator=indicator).ok
    before = table()
    assert len(before) == 6

    real_blocks = write_module._blocks
    written = []

    def fail_after_one_block(*args, **kwargs):
        for block in real_blocks(*args, **kwargs):
            written.append(block)
            yield block
            raise OSError("disk full")  # after the deletes and one block of inserts

    monkeypatch.setattr(write_module, "WRITE_CHUNK", 1)
    monkeypatch.setattr(write_module, "_blocks", fail_after_one_block)
    deleted = []
    real_delete = write_module.delete
    monkeypatch.setattr(write_module, "delete", lambda ids: (deleted.extend(ids), real_delete(ids)))
    monkeypatch.setattr("indicators.importer.run.delete", write_module.delete)

    second = tmp_path / "second.csv"
    second.write_text(SECOND)
    batch = ImportBatch(indicator=indicator, original_name="second.csv", language="en")
    report = run_import(str(second), indicator=indicator, batch=batch, language="en")

    assert len(deleted) == 2 and len(written) == 1  # the failure came after the deletes and one insert
    assert table() == before
    assert not report.ok and not report.written
    batch.refresh_from_db()
    assert batch.status == "failed"
    assert [e["kind"] for e in batch.errors] == ["internal"]
    assert "nothing was changed" in batch.errors[0]["message"] and "disk full" in batch.errors[0]["value"]

    monkeypatch.undo()  # the same file, nothing failing: written in full
    assert run_import(str(second), indicator=indicator).ok
    assert (Observation.objects.count(), Observation.objects.get(period="1403-01", d1="23", d2="M").value) == (8, 99)

"""Worlds and helpers shared by the publications tests (split from test_publications.py)."""

from tests.builders.publications import (
    block,
    table_value,
    yearbook,
)

# Provinces and sex come from the standard code lists (indicators' migration):
# IR = the whole country, 23 Tehran, 07 Fars, 03 East Azarbaijan; sex T = both.
VALUES = {  # (year, province) -> value
    (1401, "IR"): 1000, (1401, "23"): 400, (1401, "07"): 200, (1401, "03"): 50,
    (1402, "IR"): 1100, (1402, "23"): 450, (1402, "07"): 210, (1402, "03"): 2,
}  # fmt: skip


def yearbook_with_table(world, **table):
    value = table_value("insured", rows="province", columns="period", periods="1400..1402", **table)
    yb = yearbook(
        world.index,
        release=world.release,
        chapters=[("بیمه", [block("text", "<p>متن</p>"), block("table", value, "tbl-1")])],
    )
    return yb, yb.get_children().first().specific


def table_rows(sheet):
    return {r[0]: r[1:] for r in sheet.iter_rows(min_row=3, values_only=True) if r and r[0]}

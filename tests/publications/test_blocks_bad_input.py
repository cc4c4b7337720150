"""Publication blocks refuse bad specs with a clear message in the editor's language."""

import pytest

from publications.observation_blocks import ObservationChartBlock, ObservationTableBlock
from publications.streams import PublicationStreamBlock
from tests.builders.publications import (
    block,
    chart_value,
    headline_value,
    table_value,
)


def test_table_over_5000_cells_is_refused_with_a_clear_message(world):
    # 1,452 months × 4 provinces = 5,808 cells
    value = table_value("insured", rows="period", columns="province", periods="1300-01..1420-12")
    with pytest.raises(Exception) as exc:
        ObservationTableBlock().clean(ObservationTableBlock().to_python(value))
    assert "5,000" in str(exc.value.block_errors["periods"]) or "5,000" in str(exc.value)


def test_chart_needs_an_accessible_description_and_known_dimensions(world):
    chart = ObservationChartBlock()
    with pytest.raises(Exception) as exc:
        chart.clean(chart.to_python(chart_value("insured", description="")))
    assert "description" in exc.value.block_errors
    with pytest.raises(Exception) as exc:
        chart.clean(chart.to_python(chart_value("insured", series="age", description="روند")))
    assert "series" in exc.value.block_errors
    # province is on neither axis and two codes are chosen: ambiguous
    value = chart_value("insured", description="روند", filters={"province": ["23", "07"]})
    with pytest.raises(Exception) as exc:
        chart.clean(chart.to_python(value))
    assert "filters" in exc.value.block_errors
    value = chart_value("insured", description="روند", filters={"province": ["23"]})
    assert chart.clean(chart.to_python(value))["indicator"] == "insured"


def test_headline_ids_must_be_unique_on_a_page(world):
    stream = PublicationStreamBlock()
    value = stream.to_python(
        [
            block("headline", headline_value("insured", "same-id")),
            block("headline", headline_value("insured", "same-id")),
        ]
    )
    with pytest.raises(Exception) as exc:
        stream.clean(value)
    assert "same-id" in " ".join(e.message for e in exc.value.non_block_errors.as_data())

"""Schemathesis drives the data API from its own OpenAPI schema (/api/v1/schema/),
in-process through the WSGI application: no 5xx, and every answer matches the
schema. FUZZ_API_EXAMPLES (default 50) bounds the examples per operation."""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

from tests.builders.indicators import add_observation, make_code_list, make_indicator

from .tally import count

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_API_EXAMPLES", "50"))


@pytest.fixture
def api_schema(db):
    province = make_code_list("province", {"IR": "کل کشور", "23": "تهران", "10": "اصفهان"}, total_code="IR")
    sex = make_code_list("sex", {"M": "مرد", "F": "زن"})
    ind = make_indicator("insured-persons", [province, sex], decimals=1)
    for period in ("1404", "1405-06", "1405-Q2"):
        for code in ("IR", "23", "10"):
            add_observation(ind, period if "-" in period else "1404-12", [code, "M"], -5.5, count=40)
            add_observation(ind, period if "-" in period else "1404-12", [code, "F"], 12, count=3)
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


def test_api_answers_match_the_schema_and_never_5xx(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case):
            response = case.call()
            count("schemathesis", f"{case.operation.label} → {response.status_code // 100}xx")
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path} {case.query}: {response.status_code}"
            )
            case.validate_response(response)

        check()

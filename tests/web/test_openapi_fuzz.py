"""schemathesis against the OpenAPI description: generated requests to every API operation (25 each, derandomized
so the run is the same each time) get no server error and answers that match the documented status codes, content
types and schemas; requests that break the schema are rejected."""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install schemathesis)")
from hypothesis import HealthCheck, settings  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(pool):
    from fineprint.web.app import WebConfig, create_app

    # URLs are refused here: generated host names would wait on DNS; the URL path has its own tests
    app = create_app(WebConfig(max_upload_mb=2, allow_urls=False, timeout=30), pool=pool)
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def test_the_api_answers_every_generated_request_within_its_schema(api_schema):
    from hypothesis import given
    from schemathesis.checks import positive_data_acceptance

    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/audit", "/api/v1/classify", "/api/v1/letter",
                                              "/api/v1/taxonomy"}
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            # every check but "schema-valid data is accepted": a text that is valid for the schema can still be
            # no document (empty, binary, unreadable) and gets its documented 400 with a one-line reason
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()

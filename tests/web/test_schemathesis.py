"""schemathesis against the served OpenAPI schema: no request, however odd, is a server error."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed "
                                   "(pip install -e '.[test]')")
from hypothesis import HealthCheck, given, settings  # noqa: E402

EXAMPLES = 25


@pytest.mark.parametrize("role", ["admin", None])
def test_no_server_errors(site, role):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", site.app)
    headers = {"Authorization": f"Bearer {site.tokens[role]}"} if role else {}
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query} "
                                f"-> {response.status_code}: {response.text[:300]}")

        check()
    assert not failures, "\n".join(failures[:10])

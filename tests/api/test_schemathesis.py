"""The live app against its own OpenAPI document: generated requests for every operation, made
with a token that may read, write and report. No answer may be a server error, and every answer
must match the status codes, content types and schemas the document declares."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from msp.wsgi import application
from tests.api.conftest import make_token
from tests.factories import DesiredOutcomeFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.generation.update(
    modes=["positive"], max_examples=12, deterministic=True, database="none"
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def token(enquiry, practitioner):
    DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    return make_token(practitioner)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    deadline=None,
    derandomize=True,
    max_examples=12,
    suppress_health_check=list(HealthCheck),
)
def test_api_keeps_to_its_document(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

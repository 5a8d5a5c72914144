"""The live app against its own OpenAPI document: generated requests for every operation, made
with a token that may read, write and report. No answer may be a server error, and every answer
must match the status codes, content types and schemas the document declares."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
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


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler would close the database connection after each request, as it should in
    production; in a test that connection holds the test's transaction (Django's own test client
    detaches these signals in the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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

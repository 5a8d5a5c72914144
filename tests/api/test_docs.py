"""The OpenAPI document and the server-rendered docs page (no third-party scripts)."""

import pytest
from django.test import Client

from msp.api.routers.docs import operations

pytestmark = pytest.mark.django_db


def test_openapi_document_is_served():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/people" in schema["paths"]
    people = schema["paths"]["/api/v1/people"]["get"]
    assert people["security"] == [{"ReadToken": []}]
    assert "application/problem+json" in people["responses"]["404"]["content"]
    write = schema["paths"]["/api/v1/people/{reference}"]["patch"]
    assert "409" in write["responses"]


def test_docs_page_renders_every_operation_without_scripts(client, practitioner):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "/api/v1/enquiries/{enquiry_id}/closure" in page
    assert "cdn" not in page.lower() and "swagger" not in page.lower()
    schema = Client().get("/api/v1/openapi.json").json()
    for op in operations(schema):
        assert f'id="{op["id"]}"' in page

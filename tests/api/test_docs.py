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


@pytest.mark.django_db
def test_the_reference_is_closed_to_anonymous_users_unless_made_public(settings, practitioner):
    """Production's default: the reference was open to anyone; now staff and tokens only."""
    from django.test import Client

    from tests.api.conftest import make_token

    settings.API_REFERENCE_PUBLIC = False
    anonymous = Client()
    refused = anonymous.get("/api/v1/openapi.json")
    assert refused.status_code == 401 and refused["Content-Type"] == "application/problem+json"
    page = anonymous.get("/api/v1/docs")
    assert page.status_code == 302 and page.url.startswith("/accounts/sign-in/?next=/api/v1/docs")
    bad_token = anonymous.get("/api/v1/openapi.json", headers={"Authorization": "Bearer msp_x"})
    assert bad_token.status_code == 401
    token = make_token(practitioner, scopes=("read",))
    with_token = anonymous.get("/api/v1/openapi.json", headers={"Authorization": f"Bearer {token}"})
    assert with_token.status_code == 200 and "paths" in with_token.json()
    staff = Client()
    staff.force_login(practitioner)
    assert staff.get("/api/v1/docs").status_code == 200
    assert staff.get("/api/v1/openapi.json").status_code == 200
    settings.API_REFERENCE_PUBLIC = True
    assert anonymous.get("/api/v1/openapi.json").status_code == 200


def test_production_closes_the_reference_by_default():
    import os
    import subprocess
    import sys

    from tests.accounts.test_security import production_env

    code = "from django.conf import settings; import django; django.setup(); print(settings.API_REFERENCE_PUBLIC)"
    env = {**production_env(), "DJANGO_SETTINGS_MODULE": "msp.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
    demo = {k: v for k, v in os.environ.items() if not k.startswith("MSP_")}
    demo["DJANGO_SETTINGS_MODULE"] = "msp.settings"
    result = subprocess.run(
        [sys.executable, "-c", code], env=demo, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"


def test_the_api_accepts_the_codes_the_models_allow():
    """The API's code types come from the models' choices, so the two cannot drift apart."""
    from msp.concerns.models import RaisedBy
    from msp.enquiries.models import Method, RevisitAnswer
    from msp.enquiries.statutory import NAMES

    components = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert components["RevisitIn"]["properties"]["answer"]["enum"] == RevisitAnswer.values
    assert components["ConversationCreate"]["properties"]["method"]["enum"] == Method.values
    assert (
        components["ConcernCreate"]["properties"]["raised_by_relationship"]["enum"]
        == RaisedBy.values
    )
    assert components["CorrectionIn"]["properties"]["field"]["enum"] == list(NAMES)

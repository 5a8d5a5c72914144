"""Every API operation, for people outside the record's scope: never a 2xx, never a 5xx, and
every read of a record is the same 404 whether or not it exists."""

import pytest
from django.test import Client

from tests.api.conftest import ApiClient, make_token
from tests.factories import ConversationFactory, DesiredOutcomeFactory

pytestmark = pytest.mark.django_db


def _operations():
    schema = Client().get("/api/v1/openapi.json").json()
    for path, item in schema["paths"].items():
        if path.startswith(("/api/v1/measures", "/api/v1/returns")):
            continue  # aggregates, not records: tests/api/test_reporting.py
        for method in item:
            yield method, path


def test_outsiders_get_nothing_from_any_operation(
    enquiry, practitioner, other_practitioner, board_member
):
    outcome = DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    conversation = ConversationFactory(enquiry=enquiry, actor=practitioner)
    values = {
        "{reference}": enquiry.person.reference,
        "{enquiry_id}": str(enquiry.pk),
        "{outcome_id}": str(outcome.pk),
        "{conversation_id}": str(conversation.pk),
    }
    before = enquiry.version
    for user in (other_practitioner, board_member):
        api = ApiClient(make_token(user))
        for method, path in _operations():
            url = path
            if "/concerns/{reference}" in path:
                url = url.replace("{reference}", enquiry.concern.reference)
            for key, value in values.items():
                url = url.replace(key, value)
            response = (
                getattr(api, method)(url) if method == "get" else getattr(api, method)(url, {})
            )
            assert response.status_code < 500, (method, url)
            if "{" in path or method != "get":
                # Writes with an empty body are refused as invalid before anything is looked up,
                # which says nothing about the record; everything else is the 404.
                assert response.status_code in (403, 404, 422), (
                    user,
                    method,
                    url,
                    response.status_code,
                )
            else:
                assert response.status_code in (200, 403), (method, url)
                if response.status_code == 200:
                    assert response.json()["count"] == 0, (method, url)
            if method == "get" and "{" in path:
                assert response.status_code == 404, (user, method, url)
    enquiry.refresh_from_db()
    assert enquiry.version == before

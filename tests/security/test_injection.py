"""SQL metacharacters in every filter and search parameter are harmless: no error, no extra rows."""

import pytest

from tests.factories import EnquiryFactory

pytestmark = pytest.mark.django_db

NASTY = [
    "' OR '1'='1",
    "1; DROP TABLE people_person; --",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "1 OR 1=1",
    "０",
    "'); --",
]


@pytest.fixture
def outsider_enquiry(other_team, other_practitioner):
    return EnquiryFactory(concern__person__team=other_team, actor=other_practitioner)


@pytest.mark.parametrize("value", NASTY)
def test_caseload_filters(client, practitioner, enquiry, outsider_enquiry, value):
    client.force_login(practitioner)
    for param in ("status", "lead", "drift", "type_of_risk", "age_band", "sort", "view"):
        response = client.get("/enquiries/", {param: value, "view": "team"})
        assert response.status_code == 200, (param, value)
        assert outsider_enquiry.person.full_name not in response.content.decode()


@pytest.mark.parametrize("value", NASTY)
def test_people_search(client, practitioner, enquiry, outsider_enquiry, value):
    client.force_login(practitioner)
    response = client.get(
        "/people/",
        {
            "text": value,
            "date_of_birth_0": value,
            "date_of_birth_1": "1",
            "date_of_birth_2": "1950",
        },
    )
    assert response.status_code == 200
    response = client.get("/people/", {"text": value})
    assert response.status_code == 200
    assert outsider_enquiry.person.reference not in response.content.decode()


@pytest.mark.parametrize("value", NASTY)
def test_path_parameters(client, practitioner, value):
    client.force_login(practitioner)
    from urllib.parse import quote

    assert client.get(f"/people/{quote(value, safe='')}/").status_code == 404
    assert client.get(f"/concerns/{quote(value, safe='')}/").status_code == 404


def test_audit_search_parameters(client, lead):
    client.force_login(lead)
    for value in NASTY:
        assert client.get("/audit/", {"username": value, "action": value}).status_code == 200

"""A restricted person never shows in a list, search, export or API list to anyone who may not
open their record: every page of the URL configuration and every API read is asked about them,
for every role, so a new list that forgets the restriction fails here.

Lists the user works from (caseload, concerns waiting for a decision, people search, the
similar-people warning) show the row as "Restricted record" with nothing that identifies the
person; the API's lists and case-level exports leave the row out.
"""

import io
import zipfile
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from msp.accounts.models import Role
from msp.people import restrictions
from msp.people.models import Person
from tests.accounts.test_permission_sweep import PAGES, url_for
from tests.accounts.test_permission_sweep import world as _world  # noqa: F401
from tests.api.conftest import ApiClient, make_token
from tests.factories import EnquiryFactory, UserFactory

pytestmark = pytest.mark.django_db

FIRST, LAST = "Zephyrine", "Quillfeather"
NHS = "9994242423"
BORN = date(1937, 2, 11)
IDENTIFYING = (
    FIRST,
    LAST,
    NHS,
    "999 424 2423",
    BORN.isoformat(),
    "11 Feb 1937",
    "11 February 1937",
    "11/02/1937",
)
NEVER_TYPED = (FIRST, "11 Feb 1937", "11 February 1937", "11/02/1937")
# Downloads that are aggregates by construction, in formats a text search cannot read.
BINARY = {"reporting:board_download"}


world = _world  # the permission sweep's people and records


@pytest.fixture
def restricted(world, team):
    """The sweep's enquiry, about a person restricted to one safeguarding lead only."""
    enquiry = world["enquiry"]
    Person.objects.filter(pk=enquiry.person_id).update(
        first_name=FIRST, last_name=LAST, nhs_number=NHS, date_of_birth=BORN
    )
    named = UserFactory(role=Role.SAFEGUARDING_LEAD, username="named-lead")
    restrictions.restriction_place(
        actor=named, person=Person.objects.get(pk=enquiry.person_id), reason="staff", named_users=[]
    )
    # A second, undecided concern, so the "waiting for a decision" list has the person too.
    from tests.factories import ConcernFactory

    ConcernFactory(person=enquiry.person, team=team, actor=world["users"]["practitioner"])
    users = dict(world["users"])
    users["unnamed_lead"] = UserFactory(role=Role.SAFEGUARDING_LEAD)
    return {"enquiry": enquiry, "named": named, "users": users, "world": world}


def _queries(person) -> list[tuple[dict, tuple[str, ...]]]:
    """Query strings every page is asked with (each way of finding the person), and what must
    not appear in the answer. A page may echo what was typed into its search box, so what was
    typed is not looked for."""
    born = {
        "date_of_birth_0": str(BORN.day),
        "date_of_birth_1": str(BORN.month),
        "date_of_birth_2": str(BORN.year),
    }
    return [
        ({"text": LAST, "view": "team", "sort": "person"}, _except(LAST)),
        ({"text": NHS, "view": "team", "nhs_number": NHS}, _except(NHS)),
        ({"text": person.reference, "person": person.reference, "view": "team"}, IDENTIFYING),
        ({"view": "team", **born}, IDENTIFYING),
    ]


def _except(typed: str) -> tuple[str, ...]:
    return tuple(value for value in IDENTIFYING if value != typed)


def _is_pdf(response) -> bool:
    return response.get("Content-Type", "").startswith("application/pdf")


def _leaks(content: bytes, looked_for=IDENTIFYING) -> list[str]:
    text = content.decode("utf-8", "replace")
    return [value for value in looked_for if value in text]


def test_no_page_shows_the_person_to_anyone_not_named(client, restricted):
    person = restricted["enquiry"].person
    urls = [url_for(name, restricted["world"]) for name in sorted(PAGES) if name not in BINARY]
    asked = 0
    for label, user in restricted["users"].items():
        client.force_login(user)
        for url in urls:
            for query, looked_for in _queries(person):
                response = client.get(url, query)
                asked += 1
                assert response.status_code < 500, (label, url, query)
                if url.startswith("/audit/"):
                    # The audit trail rightly records what staff typed into searches (these
                    # very requests); what was never typed must still not appear.
                    looked_for = NEVER_TYPED
                leaks = _leaks(response.content, looked_for)
                assert not leaks, (label, url, query, leaks)
                if response.status_code in (403, 404) or _is_pdf(response):
                    # A page refused to this role is refused whatever it is asked; a PDF's text
                    # is drawn as glyphs a text search cannot read (its HTML page is checked).
                    break
        client.logout()
    assert asked > 1000  # every role asked every page


def test_the_named_lead_finds_the_person_in_the_same_lists(client, restricted):
    """The control: the same requests do find the person for someone named on the restriction."""
    person = restricted["enquiry"].person
    client.force_login(restricted["named"])
    page = client.get("/people/", _queries(person)[0][0]).content.decode()
    main = page[page.index("<main") :]  # the navigation links to the restricted records log
    assert FIRST in main and "11 Feb 1937" in main and "Restricted record" not in main
    assert LAST in client.get("/enquiries/", {"view": "team"}).content.decode()
    api = ApiClient(make_token(restricted["named"]))
    assert api.get("/api/v1/people", {"reference": person.reference}).json()["count"] == 1


def test_lists_show_a_restricted_record_row_that_opens_with_a_reason(client, restricted):
    person = restricted["enquiry"].person
    client.force_login(restricted["users"]["practitioner"])
    search = client.get("/people/", _queries(person)[0][0]).content.decode()
    assert "Restricted record" in search and f'href="/people/{person.reference}/"' in search
    assert "A restricted record matches your search" in search
    caseload = client.get("/enquiries/", {"view": "team"}).content.decode()
    assert "Restricted record" in caseload
    assert f'href="/enquiries/{restricted["enquiry"].pk}/"' in caseload
    # The row leads to the break-glass page, not the record.
    assert client.get(f"/people/{person.reference}/").status_code == 403


def test_the_similar_people_warning_shows_a_restricted_match_without_details(client, restricted):
    client.force_login(restricted["users"]["practitioner"])
    response = client.post(
        "/people/new/",
        {"first_name": FIRST, "last_name": LAST, "date_of_birth_0": "11", "date_of_birth_1": "2"}
        | {"date_of_birth_2": "1937"},
    )
    page = response.content.decode()
    assert "A restricted record" in page and "born 11 Feb 1937" not in page
    assert Person.objects.filter(last_name=LAST).count() == 1  # nothing recorded twice


def test_no_api_read_returns_the_person_to_anyone_not_named(restricted):
    from django.test import Client

    enquiry = restricted["enquiry"]
    person = enquiry.person
    schema = Client().get("/api/v1/openapi.json").json()
    values = {
        "{reference}": person.reference,
        "{enquiry_id}": str(enquiry.pk),
        "{outcome_id}": "1",
        "{conversation_id}": "1",
        "{year}": "2025-26",
    }
    query = {
        "reference": person.reference,
        "person": person.reference,
        "name": LAST,
        "nhs_number": NHS,
        "date_of_birth": BORN.isoformat(),
    }
    gets = [path for path, item in schema["paths"].items() if "get" in item]
    assert "/api/v1/people" in gets and "/api/v1/enquiries" in gets
    for label, user in restricted["users"].items():
        api = ApiClient(make_token(user))
        for path in gets:
            url = (
                path.replace("{reference}", enquiry.concern.reference)
                if "concerns/" in path
                else path
            )
            for key, value in values.items():
                url = url.replace(key, value)
            for params in (query, {}):
                response = api.get(url, params)
                assert response.status_code < 500, (label, url)
                # Problem documents may repeat a query value back; the person's details never.
                leaks = _leaks(response.content, NEVER_TYPED)
                if response.status_code == 200:
                    leaks = _leaks(response.content)
                assert not leaks, (label, url, leaks)
        lists = [api.get(p, query).json() for p in ("/api/v1/people", "/api/v1/concerns")]
        assert all(answer.get("count", 0) == 0 for answer in lists), label


def test_the_case_level_export_leaves_the_person_out(client, restricted):
    officer = restricted["users"]["performance_officer"]
    client.force_login(officer)
    response = client.post("/data/export/", {"format": "csv"})
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    people = archive.read("people.csv").decode()
    concerns = archive.read("concerns.csv").decode()
    person = restricted["enquiry"].person
    assert person.reference not in people and person.reference not in concerns
    assert restricted["enquiry"].concern.reference not in concerns
    # The named lead exports them.
    client.force_login(restricted["named"])
    response = client.post("/data/export/", {"format": "csv"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert person.reference in archive.read("people.csv").decode()


def test_lists_ask_about_restrictions_in_one_query_whatever_the_number_of_rows(
    client, practitioner, team, lead
):
    def search_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/people/", {"text": "Restrictedperson"}).status_code == 200
        return len(queries)

    def caseload_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/enquiries/", {"view": "team"}).status_code == 200
        return len(queries)

    def add_restricted():
        enquiry = EnquiryFactory(
            concern__person__team=team,
            concern__person__last_name="Restrictedperson",
            actor=practitioner,
        )
        restrictions.restriction_place(
            actor=lead, person=enquiry.person, reason="staff", named_users=[]
        )

    add_restricted()
    client.force_login(practitioner)
    search_queries(), caseload_queries()  # reference lists and session settle on first use
    one = (search_queries(), caseload_queries())
    for _ in range(4):
        add_restricted()
    five = (search_queries(), caseload_queries())
    assert one == five
    assert (
        client.get("/people/", {"text": "Restrictedperson"})
        .content.decode()
        .count("Restricted record")
        == 5
    )

"""The data-protection pages: safeguarding leads only (others 404), and what the record shows."""

from datetime import date

import pytest
from django.test import Client

from msp.people.models import Person
from msp.privacy import services
from msp.privacy.models import LegalHold, Rectification
from tests.support.pages import assert_every_error_shown

pytestmark = pytest.mark.django_db

PAGES = ["", "subject-access/", "restrict-processing/", "rectification/", "legal-hold/"]


def _url(person, page=""):
    return f"/privacy/people/{person.reference}/{page}"


@pytest.mark.parametrize("page", PAGES)
def test_only_safeguarding_leads_may_use_the_pages(
    client, enquiry, page, practitioner, manager, performance_officer, board_member, administrator
):
    person = enquiry.person
    for user in (practitioner, manager, performance_officer, board_member, administrator):
        client.force_login(user)
        assert client.get(_url(person, page)).status_code == 404
        assert client.post(_url(person, page), {"reason": "x"}).status_code == 404
    person.refresh_from_db()
    assert not person.processing_restricted and not LegalHold.objects.exists()


def test_unknown_person_is_404_for_a_lead(client, lead):
    client.force_login(lead)
    assert client.get("/privacy/people/P999999/").status_code == 404


def test_restrict_processing_shows_on_the_person_and_enquiry_pages(
    client, enquiry, lead, practitioner
):
    person = enquiry.person
    client.force_login(lead)
    response = client.post(_url(person, "restrict-processing/"), {"reason": ""})
    assert "Enter why processing is restricted" in response.content.decode()
    response = client.post(_url(person, "restrict-processing/"), {"reason": "Accuracy contested"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.processing_restricted
    client.force_login(practitioner)
    assert "Processing restricted" in client.get(f"/people/{person.reference}/").content.decode()
    assert "Processing restricted" in client.get(f"/enquiries/{enquiry.pk}/").content.decode()
    client.force_login(lead)
    response = client.post(_url(person, "restrict-processing/"), {"reason": "Checked"})
    person.refresh_from_db()
    assert response.status_code == 302 and not person.processing_restricted


def test_rectification_page_corrects_and_the_statement_shows_on_the_record(client, enquiry, lead):
    person = enquiry.person
    client.force_login(lead)
    form = {
        "received_on_0": "5", "received_on_1": "1", "received_on_2": "2026",
        "what_is_wrong": "Surname misspelt", "statement": "My surname is Fotheringay.",
        "decision": "corrected", "last_name": "Fotheringay",
    }  # fmt: skip
    response = client.post(_url(person, "rectification/"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.last_name == "Fotheringay"
    assert Rectification.objects.get(person=person).changes["last_name"][1] == "Fotheringay"
    page = client.get(f"/people/{person.reference}/").content.decode()
    assert "My surname is Fotheringay." in page
    overview = client.get(_url(person)).content.decode()
    assert "Surname misspelt" in overview


def test_rectification_page_names_the_missing_fields(client, enquiry, lead):
    client.force_login(lead)
    response = client.post(_url(enquiry.person, "rectification/"), {"decision": "corrected"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the person&#x27;s statement, in their words" in page
    assert "Enter the date the request was received" in page
    assert "Enter what the person says is wrong" in page


def test_legal_hold_page_places_and_lifts(client, enquiry, lead):
    person = enquiry.person
    client.force_login(lead)
    response = client.post(
        _url(person, "legal-hold/"),
        {"action": "place", "reason": "Court proceedings",
         "placed_on_0": "1", "placed_on_1": "2", "placed_on_2": "2026"},
    )  # fmt: skip
    assert response.status_code == 302
    hold = LegalHold.objects.get(person=person)
    assert "Court proceedings" in client.get(_url(person, "legal-hold/")).content.decode()
    response = client.post(
        _url(person, "legal-hold/"),
        {"action": "lift", "hold": hold.pk, f"hold-{hold.pk}-lifted_reason": "Concluded",
         f"hold-{hold.pk}-lifted_on_0": "1", f"hold-{hold.pk}-lifted_on_1": "3",
         f"hold-{hold.pk}-lifted_on_2": "2026"},
    )  # fmt: skip
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_on == date(2026, 3, 1)


def test_overview_page_queries_are_bounded(client, enquiry, lead, django_assert_max_num_queries):
    person = enquiry.person
    for i in range(5):
        services.legal_hold_place(
            actor=lead, person=person, reason=f"Hold {i}", placed_on=date(2026, 1, 1)
        )
    client.force_login(lead)
    with django_assert_max_num_queries(25):
        assert client.get(_url(person)).status_code == 200
    assert Person.objects.filter(pk=person.pk).exists()


# Every problem at once, and two people changing the same person's record

NEXT_YEAR = str(date.today().year + 1)


def test_rectification_shows_every_problem_at_once(client, enquiry, lead):
    client.force_login(lead)
    person = enquiry.person
    response = client.post(
        _url(person, "rectification/"),
        {
            "received_on_0": "2",
            "received_on_1": "3",
            "received_on_2": NEXT_YEAR,
            "what_is_wrong": "",
            "statement": "",
            "decision": "corrected",
            "nhs_number": "123",
            "date_of_birth_0": "30",
            "date_of_birth_1": "2",
            "date_of_birth_2": "1950",
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_received_on": "The date the request was received must be today or in the past",
            "id_what_is_wrong": "Enter what the person says is wrong",
            "id_statement": "Enter the person's statement, in their words",
            "id_nhs_number": "Enter a valid NHS number",
            "id_date_of_birth": "must be a real date",
        },
    )
    assert not Rectification.objects.exists()


def test_a_correction_with_no_detail_says_where_to_enter_one(client, enquiry, lead):
    client.force_login(lead)
    response = client.post(
        _url(enquiry.person, "rectification/"),
        {
            "received_on_0": "2",
            "received_on_1": "3",
            "received_on_2": "2025",
            "what_is_wrong": "Her name is spelt wrongly",
            "statement": "My name is Maureen with two e's",
            "decision": "corrected",
        },
    )
    assert_every_error_shown(
        response, {"#id_first_name": "Enter the corrected value of at least one detail"}
    )


def test_legal_holds_show_every_problem_at_once(client, enquiry, lead):
    client.force_login(lead)
    person = enquiry.person
    response = client.post(_url(person, "legal-hold/"), {"action": "place", "reason": " "})
    assert_every_error_shown(
        response,
        {
            "id_reason": "Enter why the records must be kept",
            "id_placed_on": "Enter the date the hold was placed",
        },
    )
    hold = services.legal_hold_place(
        actor=lead, person=person, reason="Court proceedings", placed_on=date(2025, 5, 1)
    )
    prefix = f"hold-{hold.pk}-"
    response = client.post(
        _url(person, "legal-hold/"),
        {
            "action": "lift",
            "hold": hold.pk,
            f"{prefix}lifted_reason": "",
            f"{prefix}lifted_on_0": "1",
            f"{prefix}lifted_on_1": "4",
            f"{prefix}lifted_on_2": "2025",
        },
    )
    assert_every_error_shown(
        response,
        {
            f"id_{prefix}lifted_reason": "Enter why the hold is lifted",
            f"id_{prefix}lifted_on": "must be on or after the date it was placed (1 May 2025)",
        },
    )
    assert LegalHold.objects.get().lifted_on is None


def test_two_leads_restricting_processing_at_once(client, enquiry, lead):
    from tests.factories import UserFactory

    colleague = UserFactory(role="safeguarding_lead", first_name="Nia", last_name="Evans")
    other = Client()
    other.force_login(colleague)
    client.force_login(lead)
    person = enquiry.person
    seen = person.version
    first = other.post(
        _url(person, "restrict-processing/"),
        {"reason": "Contests the record while we check", "version": seen},
    )
    assert first.status_code == 302
    refused = client.post(
        _url(person, "restrict-processing/"), {"reason": "Asked us to stop", "version": seen}
    )
    html = refused.content.decode()
    assert "What changed while you were editing" in html and "Nia Evans" in html
    assert "Asked us to stop" in html
    person.refresh_from_db()
    assert person.processing_restricted_reason == "Contests the record while we check"


# The data protection page: where the work starts, and what is already in hand


def _work_in_hand(team, lead):
    """One person for each list, and a hold placed and lifted (no longer in force)."""
    from msp.privacy.models import Anonymisation
    from tests.factories import PersonFactory

    held = PersonFactory(team=team, first_name="Hilda", last_name="Hold")
    services.legal_hold_place(
        actor=lead, person=held, reason="Police investigation", placed_on=date(2026, 1, 5)
    )
    lifted = PersonFactory(team=team, first_name="Lionel", last_name="Lifted")
    hold = services.legal_hold_place(
        actor=lead, person=lifted, reason="Court case", placed_on=date(2025, 1, 5)
    )
    services.legal_hold_lift(actor=lead, hold=hold, reason="Case over", lifted_on=date(2025, 6, 1))
    restricted = PersonFactory(team=team, first_name="Rita", last_name="Restrained")
    services.processing_restrict(actor=lead, person=restricted, reason="Contests her record")
    corrected = PersonFactory(team=team, first_name="Cora", last_name="Corrected")
    services.rectification_record(
        actor=lead, person=corrected, received_on=date(2026, 2, 1), what_is_wrong="Name",
        statement="My name is Cora", decision="not_corrected", decision_reason="It was right",
    )  # fmt: skip
    gone = PersonFactory(team=team, first_name="Anon", last_name="Ymous")
    Anonymisation.objects.create(
        person=gone, rule="7 years after the last enquiry closed", due_on=date(2025, 4, 1)
    )
    return {"held": held, "lifted": lifted, "restricted": restricted, "corrected": corrected}


def _section(page: str, testid: str) -> str:
    start = page.index(f'data-testid="{testid}"')
    return page[start : page.index("</table>", start)]


def test_only_safeguarding_leads_may_open_the_data_protection_page(
    client, practitioner, manager, performance_officer, board_member, administrator, lead
):
    for user in (practitioner, manager, performance_officer, board_member, administrator):
        client.force_login(user)
        assert client.get("/privacy/").status_code == 404
    client.force_login(lead)
    assert client.get("/privacy/").status_code == 200


def test_the_data_protection_page_lists_the_work_in_hand(client, team, lead):
    from msp.audit.models import AuditEntry

    people = _work_in_hand(team, lead)
    client.force_login(lead)
    before = AuditEntry.objects.count()
    page = client.get("/privacy/").content.decode()
    for count in (
        "1 legal hold in force",
        "1 person with processing restricted",
        "1 request to correct a record",
        "1 person&#x27;s records anonymised",
    ):
        assert count in page, count
    holds = _section(page, "legal-holds")
    assert "Hilda Hold" in holds and "Police investigation" in holds and "5 Jan 2026" in holds
    assert "Lionel Lifted" not in page  # lifted: no longer in force
    assert f'href="/privacy/people/{people["held"].reference}/"' in holds
    restricted = _section(page, "processing-restricted")
    assert "Rita Restrained" in restricted and "Contests her record" in restricted
    corrections = _section(page, "corrections")
    assert "Cora Corrected" in corrections and "Not corrected" in corrections
    anonymised = _section(page, "anonymised")
    assert "7 years after the last enquiry closed" in anonymised and "1 Apr 2025" in anonymised
    assert page.count("Showing 1 to 1 of 1") == 4
    # Viewing the page is one entry in the audit trail, naming the people it showed.
    entry = AuditEntry.objects.get(sequence__gt=before, actor=lead)
    assert entry.detail == "data protection: work in hand"
    assert people["held"].reference in entry.records_returned
    assert people["lifted"].reference not in entry.records_returned


def test_an_empty_data_protection_page_says_so(client, lead):
    client.force_login(lead)
    page = client.get("/privacy/").content.decode()
    assert "0 legal holds in force" in page and "No legal holds are in force." in page
    assert "No one&#x27;s processing is restricted." in page
    assert "No requests to correct a record have been recorded." in page
    assert "No records have been anonymised." in page


def test_a_restricted_record_is_not_named_to_a_lead_who_may_not_open_it(client, team, lead):
    from msp.accounts.models import Role
    from msp.people import restrictions
    from tests.factories import UserFactory

    people = _work_in_hand(team, lead)
    held = people["held"]
    named = UserFactory(role=Role.SAFEGUARDING_LEAD)
    restrictions.restriction_place(actor=named, person=held, reason="staff", named_users=[])
    client.force_login(lead)
    holds = _section(client.get("/privacy/").content.decode(), "legal-holds")
    assert "Restricted record" in holds
    for detail in ("Hilda", held.reference + "<", "Police investigation"):
        assert detail not in holds, detail
    # The row still leads to the person's page, which asks for a reason before opening.
    assert client.get(f"/privacy/people/{held.reference}/").status_code == 403
    client.force_login(named)
    holds = _section(client.get("/privacy/").content.decode(), "legal-holds")
    assert "Hilda Hold" in holds and "Restricted record" not in holds


def _many_holds_and_corrections(model, lead, count):
    """`count` more people like `model`, each with a hold in force and a request to correct the
    record."""
    from msp.privacy.models import LegalHold, Rectification

    Person.objects.bulk_create(
        Person(
            reference=f"P8{n:05d}", first_name="Maud", last_name=f"Many{n}",
            name_keys=model.name_keys, date_of_birth=model.date_of_birth, team=model.team,
            sex="female", ethnicity="white", primary_support_reason="physical",
        )
        for n in range(count)
    )  # fmt: skip
    people = Person.objects.filter(reference__startswith="P8")
    LegalHold.objects.bulk_create(
        LegalHold(person=p, reason="Inquiry", placed_by=lead, placed_on=date(2025, 3, 1))
        for p in people
    )
    Rectification.objects.bulk_create(
        Rectification(
            person=p, received_on=date(2025, 3, 2), what_is_wrong="Address",
            statement="I moved", decision="corrected", recorded_by=lead,
        )
        for p in people
    )  # fmt: skip


def test_each_list_turns_its_own_pages_in_the_same_queries(client, team, lead):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(lead)
    client.get("/")  # the first page after signing in also saves the time last seen

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        return len(captured), page

    model = _work_in_hand(team, lead)["held"]
    few, _ = queries("/privacy/")
    _many_holds_and_corrections(model, lead, 119)
    many, page = queries("/privacy/")
    assert page.count("Showing 1 to 50 of 120") == 2 and "Page 1 of 3" in page
    # The second page of holds leaves the corrections on their first page.
    link = page[page.index('aria-label="Pages of legal holds in force"') :]
    href = link[link.index('href="') + 6 : link.index('"', link.index('href="') + 6)]
    assert href == "?legal_holds_page=2#legal-holds"
    later, page = queries("/privacy/?legal_holds_page=3&corrections_page=2")
    assert "Showing 101 to 120 of 120" in page and "Showing 51 to 100 of 120" in page
    assert many == few == later and many <= 20

"""The people pages over HTTP: finding a person opens without an error, a search carries into
adding a person, every problem with a person's details shows at once, and two people changing
the same details do not overwrite each other."""

from datetime import date, timedelta

import pytest
from django.utils.html import escape

from msp.core.dates import today
from msp.people.models import Person
from tests.factories import PersonFactory, UserFactory
from tests.support.pages import assert_every_error_shown, errors_shown

pytestmark = pytest.mark.django_db


def test_new_concern_opens_without_an_error(client, practitioner):
    client.force_login(practitioner)
    response = client.get("/people/", {"for": "concern"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" not in page and not page.count("govuk-error-message")
    assert "<title>Error" not in page
    assert 'class="govuk-back-link"' in page


def test_finding_a_person_for_data_protection_leads_to_their_data_protection_page(
    client, lead, practitioner, team
):
    person = PersonFactory(team=team, first_name="Margaret", last_name="Lowe")
    client.force_login(lead)
    start = client.get("/privacy/").content.decode()
    # The data protection page's search box asks the people search, nothing else.
    assert 'action="/people/"' in start and 'name="for" value="data-protection"' in start
    page = client.get("/people/", {"for": "data-protection", "text": "Margret Lowe"})
    page = page.content.decode()
    assert "Data protection: find the person" in page
    assert f'href="/privacy/people/{person.reference}/">Data protection' in page
    assert '<a href="/privacy/" class="govuk-back-link">' in page
    assert 'name="for" value="data-protection"' in page  # kept for the next search
    assert "add a new person" not in page
    # Anyone else asking for it gets the ordinary search.
    client.force_login(practitioner)
    page = client.get("/people/", {"for": "data-protection", "text": "Margaret Lowe"})
    page = page.content.decode()
    assert "Find a person" in page and "/privacy/" not in page


def test_an_empty_search_still_asks_for_something(client, practitioner):
    client.force_login(practitioner)
    response = client.get("/people/", {"for": "concern", "text": ""})
    assert_every_error_shown(
        response, {"id_text": "Enter a name, reference or NHS number, or a date of birth"}
    )


def test_the_search_is_carried_into_adding_a_person(client, practitioner):
    client.force_login(practitioner)
    search = {
        "for": "concern",
        "text": "Mary Ann Whitfield",
        "date_of_birth_0": "3",
        "date_of_birth_1": "4",
        "date_of_birth_2": "1941",
    }
    page = client.get("/people/", search).content.decode()
    assert "No one found" in page
    link = "/people/new/?for=concern&amp;text=Mary+Ann+Whitfield&amp;date_of_birth_0=3"
    assert link in page
    form = client.get("/people/new/", {k: v for k, v in search.items()}).content.decode()
    assert 'name="first_name" type="text" value="Mary Ann"' in form
    assert 'name="last_name" type="text" value="Whitfield"' in form
    for part, value in (("0", "3"), ("1", "4"), ("2", "1941")):
        assert (
            f'name="date_of_birth_{part}" type="text" inputmode="numeric" value="{value}"' in form
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Whitfield", {"last_name": "Whitfield"}),
        ("Whitfield, Mary", {"first_name": "Mary", "last_name": "Whitfield"}),
        ("943 476 5919", {"nhs_number": "9434765919"}),
        ("P000123", {}),
    ],
)
def test_how_search_text_becomes_a_name(text, expected):
    from msp.people.names import split_search_text

    assert split_search_text(text) == expected


def every_wrong_person(**extra) -> dict:
    later = today() + timedelta(days=3)
    return {
        "first_name": "",
        "last_name": "",
        "date_of_birth_0": str(later.day),
        "date_of_birth_1": str(later.month),
        "date_of_birth_2": str(later.year),
        "nhs_number": "123 456 7890",
        **extra,
    }


PERSON_ERRORS = {
    "id_first_name": "Enter the person's first name",
    "id_last_name": "Enter the person's last name",
    "id_date_of_birth": "Date of birth must be today or in the past",
    "id_nhs_number": "Enter a valid NHS number",
}


def test_adding_a_person_shows_every_problem_at_once(client, practitioner):
    client.force_login(practitioner)
    response = client.post("/people/new/?for=concern", every_wrong_person())
    assert_every_error_shown(response, PERSON_ERRORS)
    assert not Person.objects.exists()


def test_an_impossible_date_and_a_bad_nhs_number_together(client, practitioner):
    client.force_login(practitioner)
    response = client.post(
        "/people/new/",
        {
            "first_name": "Mary",
            "last_name": "Whitfield",
            "date_of_birth_0": "31",
            "date_of_birth_1": "2",
            "date_of_birth_2": "1941",
            "nhs_number": "943 476 5918",
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_date_of_birth": "Date of birth must be a real date",
            "id_nhs_number": "Enter a valid NHS number",
        },
    )


def test_a_similar_person_is_flagged_in_the_same_round(client, practitioner, team):
    client.force_login(practitioner)
    PersonFactory(team=team, first_name="Mary", last_name="Whitfield", nhs_number="")
    response = client.post(
        "/people/new/",
        {"first_name": "Mary", "last_name": "Whitfield", "nhs_number": "12"},
    )
    assert_every_error_shown(
        response,
        {
            "id_confirm_new": "Check whether the person is already recorded",
            "id_nhs_number": "Enter a valid NHS number",
        },
    )


def test_changing_details_shows_every_problem_at_once(client, practitioner, team):
    person = PersonFactory(team=team)
    client.force_login(practitioner)
    response = client.post(
        f"/people/{person.reference}/change/", every_wrong_person(version=person.version)
    )
    assert_every_error_shown(response, PERSON_ERRORS)
    assert Person.objects.get(pk=person.pk).first_name == person.first_name


def details(person, **changes) -> dict:
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "preferred_name": person.preferred_name,
        "nhs_number": person.nhs_number,
        "sex": person.sex,
        "ethnicity": person.ethnicity,
        "primary_support_reason": person.primary_support_reason,
        "interpreter_language": person.interpreter_language,
        "version": person.version,
    }
    if person.date_of_birth:
        data.update(
            {
                "date_of_birth_0": person.date_of_birth.day,
                "date_of_birth_1": person.date_of_birth.month,
                "date_of_birth_2": person.date_of_birth.year,
            }
        )
    return {**data, **changes}


def test_two_people_changing_the_same_details(client, practitioner, manager, team):
    from django.test import Client

    person = PersonFactory(team=team, first_name="Maureen", date_of_birth=date(1941, 3, 2))
    mine, theirs = client, Client()
    mine.force_login(practitioner)
    theirs.force_login(manager)
    seen = details(person)  # both open the page at the same version
    saved = theirs.post(
        f"/people/{person.reference}/change/", {**seen, "interpreter_language": "Polish"}
    )
    assert saved.status_code == 302
    refused = mine.post(f"/people/{person.reference}/change/", {**seen, "preferred_name": "Mo"})
    page = refused.content.decode()
    assert_every_error_shown(
        refused, {"#conflict": "Someone else changed this record while you were editing it"}
    )
    assert "Interpreter needed: language (optional)" in page and "Polish" in page
    assert escape(manager.get_full_name()) in page
    assert 'name="preferred_name" type="text" value="Mo"' in page  # what this user typed
    # They left the language alone, so the other person's answer is taken into the form.
    assert 'name="interpreter_language" type="text" value="Polish"' in page
    assert "Now in the form below" in page
    person.refresh_from_db()
    assert (person.preferred_name, person.interpreter_language) == ("", "Polish")
    # The page now carries the new version: saving again applies this user's change on top.
    assert f'name="version" value="{person.version}"' in page
    again = mine.post(
        f"/people/{person.reference}/change/",
        {
            **seen,
            "preferred_name": "Mo",
            "interpreter_language": "Polish",
            "version": person.version,
        },
    )
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.preferred_name, person.interpreter_language) == ("Mo", "Polish")


def test_a_plain_error_keeps_the_version_the_user_started_from(client, practitioner, team):
    person = PersonFactory(team=team)
    client.force_login(practitioner)
    response = client.post(
        f"/people/{person.reference}/change/", details(person, first_name="", version=1)
    )
    assert errors_shown(response).summary
    assert 'name="version" value="1"' in response.content.decode()


def test_finding_people_takes_the_same_queries_however_many_match(client, practitioner, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(practitioner)

    def queries() -> int:
        client.get("/people/", {"text": "Jon Smyth"})  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/people/", {"text": "Jon Smyth"}).content.decode()
        assert "Similar spelling" in page
        return len(captured)

    PersonFactory(team=team, first_name="John", last_name="Smith")
    few = queries()
    for first in ("Jon", "Joan", "John", "Johnny", "Jonathan"):
        PersonFactory(team=team, first_name=first, last_name="Smyth")
    assert queries() == few


def test_when_both_changed_the_same_detail_this_users_answer_is_kept(client, manager, team):
    from django.test import Client

    person = PersonFactory(team=team)
    seen = details(person)
    theirs = Client()
    theirs.force_login(manager)
    theirs.post(f"/people/{person.reference}/change/", {**seen, "interpreter_language": "Polish"})
    client.force_login(UserFactory(teams=[team]))
    page = client.post(
        f"/people/{person.reference}/change/", {**seen, "interpreter_language": "French"}
    ).content.decode()
    assert 'name="interpreter_language" type="text" value="French"' in page
    assert "You changed this too: your answer is in the form" in page and "Polish" in page

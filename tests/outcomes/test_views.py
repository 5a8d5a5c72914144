"""Outcome pages: the timeline and the actions that change an outcome, through the real views."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils.html import escape

from msp.core.dates import today
from msp.outcomes.models import DesiredOutcome, EventKind, OutcomeStatus
from tests.factories import DesiredOutcomeFactory
from tests.support.pages import assert_every_error_shown

pytestmark = pytest.mark.django_db


def when(days_ago: int, name: str = "happened_on") -> dict:
    day = today() - timedelta(days=days_ago)
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def outcome(enquiry, practitioner):
    return DesiredOutcomeFactory(
        enquiry=enquiry, actor=practitioner, words="I want to stay in my flat"
    )


def test_replace_keeps_both_outcomes_linked(client, practitioner, enquiry, outcome):
    client.force_login(practitioner)
    url = f"/enquiries/{enquiry.pk}/outcomes/{outcome.pk}/replace/"
    response = client.post(
        url,
        {
            "words": "I want to move nearer my daughter",
            "reason": "She has thought it over",
            "expressed_by": "person",
            **when(5),
        },
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    new = DesiredOutcome.objects.get(words="I want to move nearer my daughter")
    assert outcome.status == OutcomeStatus.REPLACED and outcome.replaced_by == new
    page = client.get(f"/enquiries/{enquiry.pk}/outcomes/{outcome.pk}/").content.decode()
    assert "Replaced by another outcome" in page and "She has thought it over" in page


def test_revise_refuses_a_conclusion_and_keeps_the_words(client, practitioner, enquiry, outcome):
    client.force_login(practitioner)
    url = f"/enquiries/{enquiry.pk}/outcomes/{outcome.pk}/change/"
    response = client.post(
        url,
        {
            "words": "Abuse substantiated",
            "reason": "Police view",
            "expressed_by": "person",
            **when(3),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "a conclusion of the enquiry" in page
    outcome.refresh_from_db()
    assert outcome.words == "I want to stay in my flat" and outcome.revision_count == 0


def test_tension_and_plan_b_show_on_the_timeline(client, practitioner, enquiry, outcome):
    other = DesiredOutcomeFactory(
        enquiry=enquiry, actor=practitioner, words="I want my son to visit every day"
    )
    client.force_login(practitioner)
    base = f"/enquiries/{enquiry.pk}/outcomes/{outcome.pk}/"
    assert (
        client.post(
            base + "tension/",
            {"other": other.pk, "reason": "Her son lives in the flat's spare room", **when(4)},
        ).status_code
        == 302
    )
    assert (
        client.post(
            base + "plan-b/",
            {
                "words": "I want to stay in sheltered housing nearby",
                "expressed_by": "person",
                **when(4),
            },
        ).status_code
        == 302
    )
    kinds = set(outcome.events.values_list("kind", flat=True))
    assert {EventKind.TENSION, EventKind.ALTERNATIVE} <= kinds
    page = client.get(f"/enquiries/{enquiry.pk}/").content.decode()
    assert "In tension with" in page and "Plan B for" in page


def test_first_meeting_resolution_needs_no_revisit(client, practitioner, enquiry):
    client.force_login(practitioner)
    day = enquiry.start_date
    data = {
        "code": "resolved_first_meeting",
        "agreed_on_0": day.day,
        "agreed_on_1": day.month,
        "agreed_on_2": day.year,
    }
    assert client.post(f"/enquiries/{enquiry.pk}/responses/new/", data).status_code == 302
    page = client.get(f"/enquiries/{enquiry.pk}/").content.decode()
    assert "Not needed" in page and "go straight to the closing review" in page


# Every problem at once, and two people changing the same outcome

FUTURE = {"happened_on_0": "1", "happened_on_1": "1", "happened_on_2": str(today().year + 1)}


def action_url(enquiry, outcome, action: str) -> str:
    return f"/enquiries/{enquiry.pk}/outcomes/{outcome.pk}/{action}/"


def test_plan_b_starts_empty(client, practitioner, enquiry, outcome):
    client.force_login(practitioner)
    html = client.get(action_url(enquiry, outcome, "plan-b")).content.decode()
    assert "I want to stay in my flat</textarea>" not in html
    assert 'class="govuk-back-link"' in html
    # A change of words starts from the words as they are.
    html = client.get(action_url(enquiry, outcome, "change")).content.decode()
    assert "I want to stay in my flat</textarea>" in html


@pytest.mark.parametrize(
    ("action", "data", "expected"),
    [
        (
            "change",
            {"words": "Abuse substantiated", "expressed_by": "", **FUTURE},
            {
                "id_words": "“Abuse substantiated” is a conclusion of the enquiry",
                "id_reason": "changed what they want",
                "id_expressed_by": "Choose who expressed it",
                "id_happened_on": "The date it changed must be today or in the past",
            },
        ),
        (
            "withdraw",
            {"reason": "", **FUTURE},
            {
                "id_reason": "no longer wants this",
                "id_happened_on": "must be today or in the past",
            },
        ),
        (
            "replace",
            {"words": "More carers to visit", "expressed_by": "person", "reason": ""},
            {
                "id_words": "“More carers to visit” is a service response",
                "id_reason": "wants a different outcome instead",
                "id_happened_on": "Enter the date it was replaced",
            },
        ),
        (
            "plan-b",
            {"words": "I want more monitoring", "expressed_by": "", **FUTURE},
            {
                "id_words": "“I want more monitoring” is a service response",
                "id_expressed_by": "Choose who expressed it",
                "id_happened_on": "The date the plan B was said must be today or in the past",
            },
        ),
        (
            "tension",
            {"reason": ""},
            {
                "id_other": "Choose the other outcome",
                "id_reason": "Describe the tension between the two outcomes",
                "id_happened_on": "Enter the date the tension was noticed",
            },
        ),
    ],
)
def test_every_problem_at_once(client, practitioner, enquiry, outcome, action, data, expected):
    client.force_login(practitioner)
    before = outcome.version
    response = client.post(action_url(enquiry, outcome, action), {**data, "version": before})
    assert_every_error_shown(response, expected)
    assert DesiredOutcome.objects.get(pk=outcome.pk).version == before
    assert DesiredOutcome.objects.count() == 1


@pytest.mark.parametrize(
    ("action", "data"),
    [
        (
            "change",
            {
                "words": "I want to stay in my flat with help",
                "reason": "Said so",
                "expressed_by": "person",
            },
        ),
        ("withdraw", {"reason": "She has moved"}),
        (
            "replace",
            {"words": "I want to live near my son", "reason": "Moved", "expressed_by": "person"},
        ),
        ("plan-b", {"words": "I want to live near my son", "expressed_by": "person"}),
    ],
)
def test_two_people_changing_the_same_outcome(
    client, practitioner, manager, enquiry, outcome, action, data
):
    client.force_login(practitioner)
    other = Client()
    other.force_login(manager)
    seen = outcome.version
    revised = other.post(
        action_url(enquiry, outcome, "change"),
        {
            "words": "I want to stay in my flat, with my cat",
            "reason": "Her cat matters most to her",
            "expressed_by": "person",
            "version": seen,
            **when(1),
        },
    )
    assert revised.status_code == 302
    refused = client.post(
        action_url(enquiry, outcome, action), {**data, **when(1), "version": seen}
    )
    html = refused.content.decode()
    assert "What changed while you were editing" in html
    assert (
        "I want to stay in my flat, with my cat" in html and escape(manager.get_full_name()) in html
    )
    for value in data.values():
        assert value in html  # what this user typed is kept
    outcome.refresh_from_db()
    assert outcome.words == "I want to stay in my flat, with my cat"
    assert outcome.status == OutcomeStatus.CURRENT
    assert DesiredOutcome.objects.count() == 1


def test_a_retired_category_stays_on_its_outcome_but_no_new_one_takes_it(
    client, practitioner, enquiry, outcome
):
    from msp.reference import selectors as ref
    from msp.reference.models import ReferenceItem

    ReferenceItem.objects.filter(
        list_code="desired_outcome_categories", code=outcome.category
    ).update(active_to=today() - timedelta(days=10))
    ref.clear_cache()
    client.force_login(practitioner)
    base = f"/enquiries/{enquiry.pk}/outcomes/{outcome.pk}/"
    page = client.get(base + "change/").content.decode()
    assert "Be safer and feel safer (no longer in use)" in page
    response = client.post(
        base + "change/",
        {
            "words": "I want to stay in my flat with my cat",
            "reason": "She added her cat",
            "expressed_by": "person",
            "category": outcome.category,
            **when(3),
        },
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.category == "be_and_feel_safer" and outcome.revision_count == 1
    # A plan B is a new outcome: it may not take the retired category.
    response = client.post(
        base + "plan-b/",
        {
            "words": "I want to move in with my sister",
            "expressed_by": "person",
            "category": "be_and_feel_safer",
            **when(2),
        },
    )
    assert response.status_code == 200
    assert "That category is not in use now: choose another" in response.content.decode()
    assert not DesiredOutcome.objects.filter(words="I want to move in with my sister").exists()

"""Outcome pages: the timeline and the actions that change an outcome, through the real views."""

from datetime import timedelta

import pytest

from msp.core.dates import today
from msp.outcomes.models import DesiredOutcome, EventKind, OutcomeStatus
from tests.factories import DesiredOutcomeFactory

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

"""The enquiry's pages over HTTP with every field wrong at once: each problem is shown beside its
field and in the error summary, in one round, and nothing is saved. Also the defaults a page
opens with, and the close page's summary of the figures for the return."""

from datetime import timedelta

import pytest
from django.utils.html import escape

from msp.core.dates import today
from msp.enquiries.models import CapacityAssessment, ClosingReview, Conversation, Enquiry
from msp.outcomes.models import DesiredOutcome, OutcomeEvent
from tests.factories import DesiredOutcomeFactory, TeamFactory, UserFactory, close_enquiry
from tests.support.pages import assert_every_error_shown

pytestmark = pytest.mark.django_db


def date_parts(name: str, day) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def page(client, practitioner, enquiry):
    client.force_login(practitioner)
    return f"/enquiries/{enquiry.pk}/"


@pytest.fixture
def two_outcomes(enquiry, practitioner):
    return [
        DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner, words=words)
        for words in ("I want to feel safe at home", "I want to keep seeing my grandson")
    ]


def test_a_conversation_opens_on_today(client, page):
    form = client.get(page + "conversations/new/").content.decode()
    day = today()
    assert f'name="held_on_0" type="text" inputmode="numeric" value="{day.day}"' in form
    assert f'name="held_on_2" type="text" inputmode="numeric" value="{day.year}"' in form


def test_a_conversation_shows_every_problem_at_once(client, page, enquiry, two_outcomes):
    name = enquiry.person.known_as
    safe, grandson = two_outcomes
    response = client.post(
        page + "conversations/new/",
        {
            **date_parts("held_on", today() + timedelta(days=1)),
            "stage": "during",
            "kind": "conversation",
            # no one took part, and no "how"
            "revisit_0_answer": "changed",
            "revisit_1_answer": "withdrawn",
            "outcome_0_words": "I want more monitoring",
            "outcome_0_expressed_by": "person",
            "outcome_1_words": "Not substantiated",
            "outcome_2_words": "I want my son to get help with his drinking",
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_held_on": "The date of the conversation must be today or in the past",
            "id_participants": "Choose who took part",
            "id_method": "Choose how the conversation happened",
            "id_revisit_0_words": f"Enter what {name} wants now instead of “{safe.words}”",
            "id_revisit_0_reason": f"Enter why {name} changed “{safe.words}”",
            "id_revisit_1_reason": f"Enter why {name} no longer wants “{grandson.words}”",
            "id_outcome_0_words": "“I want more monitoring” is a service response",
            "id_outcome_1_words": "“Not substantiated” is a conclusion of the enquiry",
            "id_outcome_1_expressed_by": "Choose who expressed this outcome",
            "id_outcome_2_expressed_by": "Choose who expressed this outcome",
        },
    )
    assert not Conversation.objects.exists()
    assert (
        DesiredOutcome.objects.count() == 2
        and not OutcomeEvent.objects.exclude(kind="expressed").exists()
    )


def test_a_missing_how_no_longer_hides_a_refused_outcome(client, page):
    response = client.post(
        page + "conversations/new/",
        {
            **date_parts("held_on", today()),
            "stage": "start",
            "kind": "conversation",
            "participants": ["person"],
            "outcome_0_words": "Safeguarding plan in place",
            "outcome_0_expressed_by": "person",
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_method": "Choose how the conversation happened",
            "id_outcome_0_words": "is a step in the safeguarding process",
        },
    )


def test_a_capacity_assessment_shows_every_problem_at_once(client, page):
    response = client.post(
        page + "capacity/new/",
        {"decision": " ", **date_parts("assessed_on", today() + timedelta(days=5))},
    )
    assert_every_error_shown(
        response,
        {
            "id_decision": "Enter the decision the assessment was about",
            "id_assessed_on": "The date of the assessment must be today or in the past",
            "id_outcome": "Choose whether the person has or lacks capacity",
            "id_assessor": "Enter who assessed capacity",
        },
    )
    assert not CapacityAssessment.objects.exists()


def test_a_representative_shows_every_problem_at_once(client, page):
    response = client.post(
        page + "representatives/new/",
        {
            "name": "",
            **date_parts("from_date", today() - timedelta(days=3)),
            **date_parts("to_date", today() - timedelta(days=9)),
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_role": "Choose the kind of representative or advocate",
            "id_name": "Enter the representative's name",
            "id_to_date": "The date they stopped must be on or after the date they started",
        },
    )


def test_a_risk_discussion_shows_every_problem_at_once(client, page, enquiry):
    name = enquiry.person.known_as
    response = client.post(page + "risks/new/", {"act_against_wishes": "on"})
    assert_every_error_shown(
        response,
        {
            "id_held_on": "Enter the date of the discussion",
            "id_options": "Enter the options considered",
            "id_persons_choice": f"Enter what {name} chose",
            "id_against_wishes_reason": f"Choose why the decision goes against {name}'s wishes",
            "id_explained_how": f"Enter how the decision was explained to {name}",
            "id_explained_on": f"Enter when the decision was explained to {name}",
        },
    )


def test_a_response_shows_every_problem_at_once(client, page, enquiry):
    response = client.post(page + "responses/new/", {"notes": ""})
    assert_every_error_shown(
        response,
        {
            "id_code": f"Choose the response agreed with {enquiry.person.known_as}",
            "id_agreed_on": "Enter the date it was agreed",
        },
    )


def test_allocation_refuses_a_lead_from_another_team(client, manager, enquiry, team):
    client.force_login(manager)
    elsewhere = UserFactory(teams=[TeamFactory(name="East locality")])
    response = client.post(
        f"/enquiries/{enquiry.pk}/allocate/",
        {"team": team.pk, "lead": elsewhere.pk, "version": enquiry.version},
    )
    # The lead list offers only the team's workers: someone else is not a choice at all.
    assert_every_error_shown(response, {"id_lead": "Choose a lead practitioner from the list"})


def test_an_empty_closing_review_shows_every_problem_at_once(client, page, enquiry, two_outcomes):
    safe, grandson = two_outcomes
    response = client.post(page + "review/", {"experience_felt_listened_to": "yes"})
    assert_every_error_shown(
        response,
        {
            "id_reviewed_on": "Enter the date of the closing review",
            "id_action_and_result": "Choose the action taken and its result",
            f"id_rating_{safe.pk}_achievement": f"Choose whether “{safe.words}” was fully",
            f"id_rating_{grandson.pk}_achievement": f"Choose whether “{grandson.words}”",
            "id_experience_answered_by": "Choose who answered the questions",
        },
    )
    assert not ClosingReview.objects.exists()


def test_a_risk_found_needs_its_result_with_the_other_problems(client, page, two_outcomes):
    safe, _ = two_outcomes
    response = client.post(
        page + "review/",
        {
            **date_parts("reviewed_on", today() + timedelta(days=2)),
            "action_and_result": "risk_identified_action",
            f"rating_{safe.pk}_achievement": "fully",
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_reviewed_on": "The date of the closing review must be today or in the past",
            "id_risk_outcome": "choose whether the risk remained, was reduced or was removed",
            f"id_rating_{two_outcomes[1].pk}_achievement": "Choose whether",
        },
    )


def reviewed(client, page, outcomes, **extra):
    response = client.post(
        page + "review/",
        {
            **date_parts("reviewed_on", today()),
            "action_and_result": "risk_identified_action",
            "risk_outcome": "reduced",
            **{f"rating_{o.pk}_achievement": "partially" for o in outcomes},
            **extra,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_close_page_lists_the_figures_with_a_change_link_each(client, page, two_outcomes):
    from msp.enquiries import statutory

    reviewed(client, page, two_outcomes)
    html = client.get(page + "close/").content.decode()
    assert html.count('class="govuk-summary-list__row"') == len(statutory.FIELDS)
    for field, (label, _) in statutory.FIELDS.items():
        assert f'href="{page}close/answers/{field}/">Change' in html
        assert f'<span class="govuk-visually-hidden"> {label.lower()}</span>' in html
    assert "Partially achieved" in html
    assert "<textarea" not in html and "_reason" not in html


def test_closing_shows_every_problem_at_once(client, page, enquiry, two_outcomes):
    reviewed(client, page, two_outcomes)
    response = client.post(
        page + "close/",
        {**date_parts("end_date", enquiry.start_date - timedelta(days=1)), "version": 0},
    )
    # The date, and the record having changed since the page was opened (version 0).
    assert_every_error_shown(
        response,
        {
            "id_end_date": "The date the enquiry closed must be on or after",
            "#conflict": "Someone else changed this record while you were editing it",
        },
    )
    assert Enquiry.objects.get(pk=enquiry.pk).end_date is None


def test_an_answer_that_cannot_be_worked_out_links_to_its_row(client, page, enquiry, practitioner):
    outcome = DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    from msp.outcomes import services as outcomes

    outcomes.outcome_withdraw(
        actor=practitioner, outcome=outcome, reason="No longer needed", happened_on=today()
    )
    client.post(
        page + "review/",
        {**date_parts("reviewed_on", today()), "action_and_result": "no_risk_no_action"},
    )
    html = client.get(page + "close/").content.decode()
    assert "Needs your answer" in html
    response = client.post(page + "close/", date_parts("end_date", today()))
    assert_every_error_shown(
        response,
        {"#answer-sac_outcomes_achieved": "Outcomes were expressed, so choose how far"},
    )


def test_changing_an_answer_needs_a_reason(client, page, enquiry, two_outcomes):
    reviewed(client, page, two_outcomes)
    url = page + "close/answers/sac_outcomes_achieved/"
    html = client.get(url).content.decode()
    assert "Partially achieved (worked out from the record)" in html
    assert 'class="govuk-back-link"' in html
    seen = ClosingReview.objects.get().version
    response = client.post(url, {"answer": "fully", "version": seen})
    assert_every_error_shown(
        response, {"id_reason": "Enter why you changed the answer to “Expressed outcomes achieved”"}
    )
    response = client.post(
        url, {"answer": "fully", "reason": "She said so at the end", "version": seen}
    )
    assert response.status_code == 302 and response.url.endswith("#answer-sac_outcomes_achieved")
    html = client.get(page + "close/").content.decode()
    assert "Fully achieved" in html and "She said so at the end" in html
    # Choosing the worked-out answer again takes the correction away.
    client.post(url, {"answer": "partially", "version": seen + 1})
    assert ClosingReview.objects.get().corrections == {}


def test_a_closed_enquiry_keeps_the_correction_and_its_reason(client, page, enquiry, two_outcomes):
    reviewed(client, page, two_outcomes)
    client.post(
        page + "close/answers/sac_outcomes_achieved/",
        {
            "answer": "fully",
            "reason": "She said so at the end",
            "version": ClosingReview.objects.get().version,
        },
    )
    review = ClosingReview.objects.get()
    response = client.post(
        page + "close/",
        {
            **date_parts("end_date", today()),
            "version": Enquiry.objects.get(pk=enquiry.pk).version,
            "review_version": review.version,
        },
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.sac_outcomes_achieved == "fully"
    assert enquiry.sac_corrections["sac_outcomes_achieved"]["derived"] == "partially"
    assert enquiry.sac_corrections["sac_outcomes_achieved"]["reason"] == "She said so at the end"


def test_closed_enquiries_have_no_answer_pages(client, page, enquiry, practitioner):
    close_enquiry(enquiry, actor=practitioner)
    response = client.get(page + "close/answers/sac_asked_outcomes/")
    assert response.status_code == 302 and response.url == page
    assert client.get(page + "close/answers/not_a_field/").status_code == 404


# Two people saving the same record


@pytest.fixture
def other(manager):
    from django.test import Client

    other = Client()
    other.force_login(manager)
    return other


def test_two_closing_reviews_of_the_same_enquiry(
    client, other, page, enquiry, two_outcomes, manager
):
    safe, grandson = two_outcomes
    seen = {
        "version": enquiry.version,
        f"rating_{safe.pk}_version": safe.version,
        f"rating_{grandson.pk}_version": grandson.version,
    }
    common = {**date_parts("reviewed_on", today()), "risk_outcome": "reduced", **seen}
    theirs = other.post(
        page + "review/",
        {
            **common,
            "action_and_result": "risk_identified_action",
            f"rating_{safe.pk}_achievement": "fully",
            f"rating_{grandson.pk}_achievement": "not",
        },
    )
    assert theirs.status_code == 302
    mine = client.post(
        page + "review/",
        {
            **common,
            "action_and_result": "risk_assessed_action",
            f"rating_{safe.pk}_achievement": "partially",
            f"rating_{safe.pk}_persons_view": "Mostly, now the locks are changed",
            f"rating_{grandson.pk}_achievement": "fully",
        },
    )
    html = mine.content.decode()
    assert "What changed while you were editing" in html
    assert escape(manager.get_full_name()) in html
    # Their answers, named as this page names them.
    assert "Action taken and result" in html and "Risk identified and action taken" in html
    assert f"“{safe.words}”" in html and "Fully achieved" in html and "Not achieved" in html
    # What this user typed is still in the form.
    assert "Mostly, now the locks are changed" in html
    assert 'value="partially" checked' in html
    safe.refresh_from_db()
    assert safe.achievement == "fully"  # the first save stands until this user saves again


def test_closing_after_someone_changed_an_answer(
    client, other, page, enquiry, two_outcomes, manager
):
    reviewed(client, page, two_outcomes)
    review = ClosingReview.objects.get()
    opened = {
        "version": Enquiry.objects.get(pk=enquiry.pk).version,
        "review_version": review.version,
    }
    changed = other.post(
        page + "close/answers/sac_outcomes_achieved/",
        {"answer": "not", "reason": "She told me it has not worked", "version": review.version},
    )
    assert changed.status_code == 302
    refused = client.post(page + "close/", {**date_parts("end_date", today()), **opened})
    html = refused.content.decode()
    assert "What changed while you were editing" in html
    assert "She told me it has not worked" in html and escape(manager.get_full_name()) in html
    assert Enquiry.objects.get(pk=enquiry.pk).end_date is None
    # The page now shows their correction and takes the review's new version: closing goes on.
    assert "Not achieved" in html
    review.refresh_from_db()
    assert f'name="review_version" value="{review.version}"' in html
    again = client.post(
        page + "close/",
        {
            **date_parts("end_date", today()),
            "version": opened["version"],
            "review_version": review.version,
        },
    )
    assert again.status_code == 302
    assert Enquiry.objects.get(pk=enquiry.pk).sac_outcomes_achieved == "not"


def test_two_people_changing_the_same_answer(client, other, page, two_outcomes, manager):
    reviewed(client, page, two_outcomes)
    url = page + "close/answers/sac_outcomes_achieved/"
    seen = ClosingReview.objects.get().version
    assert (
        other.post(
            url, {"answer": "not", "reason": "Her words at the end", "version": seen}
        ).status_code
        == 302
    )
    refused = client.post(url, {"answer": "fully", "reason": "Both were met", "version": seen})
    html = refused.content.decode()
    assert "Her words at the end" in html and "Both were met" in html
    assert ClosingReview.objects.get().corrections["sac_outcomes_achieved"]["value"] == "not"


def test_two_managers_allocating_the_same_enquiry(client, manager, enquiry, team):
    from django.test import Client

    colleague = UserFactory(role="team_manager", teams=[team])
    worker = UserFactory(first_name="Ola", last_name="Nowak", teams=[team])
    first, second = Client(), client
    first.force_login(colleague)
    second.force_login(manager)
    url = f"/enquiries/{enquiry.pk}/allocate/"
    assert (
        first.post(
            url, {"team": team.pk, "lead": worker.pk, "version": enquiry.version}
        ).status_code
        == 302
    )
    refused = second.post(url, {"team": team.pk, "lead": "", "version": enquiry.version})
    html = refused.content.decode()
    assert "Lead practitioner" in html and "Ola Nowak" in html
    assert escape(colleague.get_full_name()) in html
    assert Enquiry.objects.get(pk=enquiry.pk).lead == worker

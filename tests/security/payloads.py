"""A record whose every free-text field holds markup and script, built through the services."""

from datetime import timedelta

from msp.concerns import services as concerns
from msp.core.dates import today
from msp.enquiries import services as enquiries
from msp.outcomes.models import DesiredOutcome
from msp.people import services as people

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&"
ESCAPED_MARK = "&lt;script&gt;alert("


def text(label: str) -> str:
    return f"{label} {PAYLOAD}"


def hostile_enquiry(*, actor, team):
    """An enquiry with markup in names, reports, notes, outcomes, capacity, risks and the review."""
    start = today() - timedelta(days=30)
    person = people.person_create(
        actor=actor,
        team=team,
        first_name=text("First"),
        last_name=text("Last"),
        preferred_name=text("Pref"),
        communication_other=text("Comms"),
        interpreter_language=text("Lang"),
        date_of_birth=start.replace(year=start.year - 80),
    )
    concern = concerns.concern_create(
        actor=actor,
        person=person,
        team=team,
        received_date=start,
        raised_by_relationship="family_friend",
        raised_by_name=text("Raiser"),
        what_reported=text("Reported"),
        allegations=[
            {
                "type_of_risk": "physical",
                "location_of_risk": "own_home",
                "source_of_risk": "other_known",
                "detail": text("Detail"),
            }
        ],
    )
    enquiry = concerns.concern_decide(
        actor=actor,
        concern=concern,
        decision="s42",
        decision_date=start,
        criteria_care_needs=True,
        criteria_abuse_or_neglect=True,
        criteria_unable_to_protect=True,
        decision_reason=text("Why"),
        other_support_offered=text("Offered"),
        team=team,
        lead=actor,
    )
    enquiries.conversation_record(
        actor=actor,
        enquiry=enquiry,
        held_on=start + timedelta(days=1),
        stage="start",
        method="in_person",
        participants=["person"],
        notes=text("Notes"),
        new_outcomes=[{"words": text("I want"), "expressed_by": "person", "category": ""}],
    )
    enquiries.capacity_record(
        actor=actor,
        enquiry=enquiry,
        decision=text("Decision"),
        assessed_on=start + timedelta(days=2),
        outcome="lacks_capacity",
        assessor=text("Assessor"),
        notes=text("CapNotes"),
    )
    enquiries.representation_record(
        actor=actor,
        enquiry=enquiry,
        role="imca",
        name=text("Advocate"),
        from_date=start + timedelta(days=2),
    )
    enquiries.risk_discussion_record(
        actor=actor,
        enquiry=enquiry,
        held_on=start + timedelta(days=3),
        options=text("Options"),
        persons_choice=text("Choice"),
        act_against_wishes=True,
        against_wishes_reason="others_at_risk",
        against_wishes_detail=text("Against"),
        explained_how=text("Explained"),
        explained_on=start + timedelta(days=3),
    )
    enquiries.response_record(
        actor=actor,
        enquiry=enquiry,
        code="mediation",
        agreed_on=start + timedelta(days=3),
        notes=text("Response"),
    )
    outcome = DesiredOutcome.objects.get(enquiry=enquiry)
    enquiries.closing_review_record(
        actor=actor,
        enquiry=enquiry,
        reviewed_on=start + timedelta(days=4),
        ratings={
            outcome.pk: {
                "achievement": "partially",
                "persons_view": text("View"),
                "practitioner_reasons": text("Reasons"),
            }
        },
        action_and_result="risk_identified_action",
        risk_outcome="reduced",
        experience={"felt_listened_to": "yes"},
        experience_answered_by="person",
        experience_comments=text("Comments"),
    )
    return enquiry

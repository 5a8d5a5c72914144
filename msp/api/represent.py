"""Records as the API shows them: plain dicts matching the response schemas.

Callers fetch related rows up front (the selectors do); these functions only read attributes.
"""

from msp.accounts import policy
from msp.people.services import EDITABLE_FIELDS


def team_ref(team) -> dict | None:
    return None if team is None else {"id": team.pk, "name": team.name}


def user_ref(user) -> dict | None:
    return None if user is None else {"id": user.pk, "name": user.get_full_name() or user.username}


def person_ref(person) -> dict:
    return {"reference": person.reference, "name": person.full_name}


# The editable fields (less the team, shown as a reference) plus what the record keeps itself.
PERSON_FIELDS = (
    "reference",
    *(field for field in EDITABLE_FIELDS if field != "team"),
    "version",
    "created_at",
    "updated_at",
)


def person_out(person) -> dict:
    data = {field: getattr(person, field) for field in PERSON_FIELDS}
    data["team"] = team_ref(person.team)
    return data


def person_detail(person, user) -> dict:
    """The person and the concerns about them that the user's teams may see (as on the page)."""
    concerns = person.concerns.select_related("team", "enquiry").order_by("-received_date", "-id")
    return {
        **person_out(person),
        "concerns": [
            {
                "reference": c.reference,
                "received_date": c.received_date,
                "team": team_ref(c.team),
                "decision": c.decision,
                "enquiry_id": _enquiry_id(c),
            }
            for c in concerns
            if policy.can_view_team(user, c.team_id)
        ],
    }


def _enquiry_id(concern) -> int | None:
    enquiry = getattr(concern, "enquiry", None) if concern.decision in ("s42", "other") else None
    return enquiry.pk if enquiry is not None else None


def allegation_out(allegation) -> dict:
    return {
        field: getattr(allegation, field)
        for field in (
            "id",
            "type_of_risk",
            "location_of_risk",
            "source_of_risk",
            "detail",
            "created_at",
        )
    }


CONCERN_FIELDS = (
    "reference",
    "received_date",
    "raised_by_name",
    "raised_by_relationship",
    "what_reported",
    "decision",
    "criteria_care_needs",
    "criteria_abuse_or_neglect",
    "criteria_unable_to_protect",
    "decision_reason",
    "other_support_offered",
    "decision_date",
    "version",
)


def concern_out(concern) -> dict:
    data = {field: getattr(concern, field) for field in CONCERN_FIELDS}
    data.update(
        person=person_ref(concern.person),
        team=team_ref(concern.team),
        decided_by=user_ref(concern.decided_by),
        enquiry_id=_enquiry_id(concern),
    )
    return data


def concern_detail(concern) -> dict:
    return {
        **concern_out(concern),
        "allegations": [allegation_out(a) for a in concern.allegations.order_by("id")],
    }


ENQUIRY_FIELDS = (
    "id",
    "kind",
    "start_date",
    "end_date",
    "action_and_result",
    "risk_outcome",
    "ceased_at_request",
    "sac_asked_outcomes",
    "sac_outcomes_achieved",
    "sac_lacked_capacity",
    "sac_advocate_support",
    "version",
)


def enquiry_out(enquiry) -> dict:
    data = {field: getattr(enquiry, field) for field in ENQUIRY_FIELDS}
    data.update(
        concern=enquiry.concern.reference,
        person=person_ref(enquiry.person),
        team=team_ref(enquiry.team),
        lead=user_ref(enquiry.lead),
        status="open" if enquiry.end_date is None else "closed",
    )
    return data


def conversation_out(conversation) -> dict:
    data = {
        field: getattr(conversation, field)
        for field in (
            "id",
            "held_on",
            "stage",
            "kind",
            "participants",
            "method",
            "notes",
            "asked_no_outcomes",
            "created_at",
        )
    }
    data["participants"] = list(data["participants"] or [])
    data["recorded_by"] = user_ref(conversation.created_by)
    return data


OUTCOME_FIELDS = (
    "id",
    "words",
    "category",
    "expressed_by",
    "status",
    "achievement",
    "persons_view",
    "practitioner_reasons",
    "not_rated_reason",
    "revision_count",
    "conversation_id",
    "alternative_to_id",
    "replaced_by_id",
    "version",
)


def outcome_out(outcome) -> dict:
    return {field: getattr(outcome, field) for field in OUTCOME_FIELDS}


def outcome_detail(outcome, events) -> dict:
    return {
        **outcome_out(outcome),
        "enquiry_id": outcome.enquiry_id,
        "events": [
            {
                **{
                    field: getattr(event, field)
                    for field in (
                        "id",
                        "kind",
                        "happened_on",
                        "words",
                        "category",
                        "expressed_by",
                        "reason",
                        "achievement",
                        "related_id",
                        "conversation_id",
                        "recorded_at",
                    )
                },
                "actor": user_ref(event.actor),
            }
            for event in events
        ],
    }


def capacity_out(assessment) -> dict:
    return {
        field: getattr(assessment, field)
        for field in ("id", "decision", "assessed_on", "outcome", "assessor", "notes")
    }


def representation_out(representation) -> dict:
    return {
        field: getattr(representation, field)
        for field in ("id", "role", "name", "from_date", "to_date")
    }


def closing_review_out(review) -> dict | None:
    if review is None:
        return None
    return {
        "reviewed_on": review.reviewed_on,
        "experience_answered_by": review.experience_answered_by,
        "experience_comments": review.experience_comments,
        "experience": [
            {"topic": r.topic, "answer": r.answer}
            for r in review.experience.filter(archived_at__isnull=True).order_by("id")
        ],
    }


def enquiry_detail(enquiry, page: dict) -> dict:
    """`page` is msp.enquiries.selectors.enquiry_page(enquiry): the same reads as the page."""
    return {
        **enquiry_out(enquiry),
        "allegations": [allegation_out(a) for a in page["allegations"]],
        "outcomes": [outcome_out(o) for o in page["outcomes"]],
        "conversations": [conversation_out(c) for c in page["conversations"]],
        "capacity_assessments": [capacity_out(a) for a in page["capacity"]],
        "representations": [representation_out(r) for r in page["representations"]],
        "closing_review": closing_review_out(page["review"]),
    }

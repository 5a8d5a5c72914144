"""Every write to concerns, their allegations and the decision on an enquiry."""

from django.core.exceptions import ValidationError
from django.db import transaction

from msp import sac
from msp.accounts.models import Team
from msp.concerns.models import Allegation, Concern, Decision, RaisedBy
from msp.core.services import next_reference, not_before, not_future, save_recorded
from msp.facts import services as facts


def _validate_allegation(data: dict, received_date, prefix: str = "") -> None:
    """The allegation's codes must be on the lists of the year the concern was received in."""
    errors = {}
    spec = sac.spec_on(received_date)
    for field, list_code, what in (
        ("type_of_risk", "type_of_risk", "the type of risk"),
        ("location_of_risk", "location_of_risk", "where the risk is"),
        ("source_of_risk", "source_of_risk", "who is thought to be the source of risk"),
    ):
        code = data.get(field)
        if code not in spec.codes(list_code):
            known = code and sac.label(list_code, code) != code
            errors[prefix + field] = (
                f"“{sac.label(list_code, code)}” is not in use in {spec.year}: choose {what}"
                if known
                else f"Choose {what}"
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def concern_create(
    *,
    actor,
    person,
    team: Team,
    received_date,
    raised_by_relationship: str,
    what_reported: str,
    raised_by_name: str = "",
    allegations: list[dict] | None = None,
    reference: str = "",
    source_reference: str = "",
) -> Concern:
    """Record a concern as reported, with any allegations known at the front door."""
    errors = {}
    if raised_by_relationship not in RaisedBy.values:
        errors["raised_by_relationship"] = "Choose who raised the concern"
    if not what_reported.strip():
        errors["what_reported"] = "Enter what was reported"
    if received_date is None:
        errors["received_date"] = "Enter the date the concern was received"
    if errors:
        raise ValidationError(errors)
    not_future("received_date", received_date, "The date the concern was received")
    not_before(
        "received_date",
        received_date,
        person.date_of_birth,
        "The date the concern was received",
        "the person's date of birth",
    )
    for allegation in allegations or []:
        _validate_allegation(allegation, received_date)
    concern = Concern(
        person=person,
        team=team,
        received_date=received_date,
        raised_by_name=raised_by_name.strip(),
        raised_by_relationship=raised_by_relationship,
        what_reported=what_reported.strip(),
        reference=reference or next_reference("concern", "C"),
        source_reference=source_reference,
    )
    save_recorded(concern, actor=actor, creating=True, reason="Concern received")
    for allegation in allegations or []:
        allegation_add(actor=actor, concern=concern, **allegation)
    facts.case_refresh(concern_ids=[concern.pk])
    return concern


@transaction.atomic
def allegation_add(
    *,
    actor,
    concern: Concern,
    type_of_risk: str,
    location_of_risk: str,
    source_of_risk: str,
    detail: str = "",
) -> Allegation:
    data = {
        "type_of_risk": type_of_risk,
        "location_of_risk": location_of_risk,
        "source_of_risk": source_of_risk,
    }
    _validate_allegation(data, concern.received_date)
    allegation = Allegation(concern=concern, detail=detail.strip(), **data)
    save_recorded(allegation, actor=actor, creating=True, reason="Allegation recorded")
    facts.case_refresh(concern_ids=[concern.pk])
    return allegation


@transaction.atomic
def concern_decide(
    *,
    actor,
    concern: Concern,
    decision: str,
    decision_date,
    criteria_care_needs: bool | None,
    criteria_abuse_or_neglect: bool | None,
    criteria_unable_to_protect: bool | None,
    decision_reason: str = "",
    other_support_offered: str = "",
    team: Team | None = None,
    lead=None,
    enquiry_start_date=None,
):
    """Record the decision on a concern; a section 42 or other enquiry opens the enquiry itself.

    Returns the new enquiry, or None when the decision is 'no enquiry'.
    """
    from msp.enquiries.services import enquiry_open

    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if concern.decided:
        raise ValidationError("A decision has already been recorded for this concern")
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = "Choose section 42 enquiry, other enquiry or no enquiry"
    if decision_date is None:
        errors["decision_date"] = "Enter the date of the decision"
    criteria = [criteria_care_needs, criteria_abuse_or_neglect, criteria_unable_to_protect]
    for field, value in zip(
        ["criteria_care_needs", "criteria_abuse_or_neglect", "criteria_unable_to_protect"],
        criteria,
        strict=True,
    ):
        if value is None:
            errors[field] = "Answer yes or no"
    if decision == Decision.S42 and None not in criteria and not all(criteria):
        errors["decision"] = (
            "A section 42 enquiry needs all three criteria to be met; choose other enquiry or no enquiry"
        )
    if decision in (Decision.NONE, Decision.OTHER) and not decision_reason.strip():
        errors["decision_reason"] = "Enter why this decision was taken"
    if decision in (Decision.S42, Decision.OTHER) and team is None:
        errors["team"] = "Choose the team that will carry out the enquiry"
    if errors:
        raise ValidationError(errors)
    not_future("decision_date", decision_date, "The date of the decision")
    not_before(
        "decision_date",
        decision_date,
        concern.received_date,
        "The date of the decision",
        "the date the concern was received",
    )
    concern.decision = decision
    concern.decision_date = decision_date
    concern.criteria_care_needs = criteria_care_needs
    concern.criteria_abuse_or_neglect = criteria_abuse_or_neglect
    concern.criteria_unable_to_protect = criteria_unable_to_protect
    concern.decision_reason = decision_reason.strip()
    concern.other_support_offered = other_support_offered.strip()
    concern.decided_by = actor
    save_recorded(concern, actor=actor, reason="Decision recorded")
    if decision == Decision.NONE:
        return None
    return enquiry_open(
        actor=actor,
        concern=concern,
        kind=decision,
        team=team,
        lead=lead,
        start_date=enquiry_start_date or decision_date,
    )

"""Every write to concerns, their allegations and the decision on an enquiry."""

from django.db import transaction

from msp import sac
from msp.accounts.models import Team
from msp.concerns.models import Allegation, Concern, Decision, RaisedBy
from msp.core.problems import Problems
from msp.core.services import (
    check_version,
    next_reference,
    not_before,
    not_future,
    save_recorded,
)
from msp.facts import services as facts


def allegation_problems(data: dict, received_date=None, prefix: str = "") -> Problems:
    """What is missing from an allegation: its type, where, and who is thought to be the source,
    each from the lists of the year the concern was received in (today's when not known)."""
    problems = Problems()
    spec = sac.spec_on(received_date)
    for field, list_code, what in (
        ("type_of_risk", "type_of_risk", "the type of risk"),
        ("location_of_risk", "location_of_risk", "where the risk is"),
        ("source_of_risk", "source_of_risk", "who is thought to be the source of risk"),
    ):
        code = data.get(field)
        if code not in spec.codes(list_code):
            known = code and sac.label(list_code, code) != code
            problems.add(
                prefix + field,
                f"“{sac.label(list_code, code)}” is not in use in {spec.year}: choose {what}"
                if known
                else f"Choose {what}",
            )
    return problems


def concern_problems(
    *,
    person,
    received_date,
    raised_by_relationship: str,
    what_reported: str,
    allegations: list[dict] | None = None,
) -> Problems:
    """Everything wrong with a concern as reported, all at once."""
    problems = Problems()
    if raised_by_relationship not in RaisedBy.values:
        problems.add("raised_by_relationship", "Choose who raised the concern")
    if not (what_reported or "").strip():
        problems.add("what_reported", "Enter what was reported")
    if received_date is None:
        problems.add("received_date", "Enter the date the concern was received")
    problems.check(not_future, "received_date", received_date, "The date the concern was received")
    problems.check(
        not_before,
        "received_date",
        received_date,
        person.date_of_birth,
        "The date the concern was received",
        "the person's date of birth",
    )
    for allegation in allegations or []:
        problems.extend(allegation_problems(allegation, received_date))
    return problems


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
    concern_problems(
        person=person,
        received_date=received_date,
        raised_by_relationship=raised_by_relationship,
        what_reported=what_reported,
        allegations=allegations,
    ).raise_if_any()
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
    allegation_problems(data, concern.received_date).raise_if_any()
    allegation = Allegation(concern=concern, detail=detail.strip(), **data)
    save_recorded(allegation, actor=actor, creating=True, reason="Allegation recorded")
    facts.case_refresh(concern_ids=[concern.pk])
    return allegation


CRITERIA = ("criteria_care_needs", "criteria_abuse_or_neglect", "criteria_unable_to_protect")
CRITERIA_QUESTIONS = {
    "criteria_care_needs": "whether the person has needs for care and support",
    "criteria_abuse_or_neglect": "whether the person is experiencing, or at risk of, abuse or neglect",
    "criteria_unable_to_protect": "whether the person is unable to protect themselves",
}


def decision_problems(
    *,
    concern: Concern,
    decision: str,
    decision_date,
    criteria: dict,
    decision_reason: str = "",
    team: Team | None = None,
    lead=None,
    enquiry_start_date=None,
) -> Problems:
    """Everything wrong with a decision on a concern, including the enquiry it would open (its
    start date and the lead's team), all at once. `criteria` maps the three section 42
    questions to True, False or None (not answered)."""
    from msp.enquiries.services import enquiry_open_problems

    problems = Problems()
    if concern.decided:
        problems.add(None, "A decision has already been recorded for this concern")
    if decision not in Decision.values:
        problems.add("decision", "Choose section 42 enquiry, other enquiry or no enquiry")
    if decision_date is None:
        problems.add("decision_date", "Enter the date of the decision")
    answers = [criteria.get(field) for field in CRITERIA]
    for field, value in zip(CRITERIA, answers, strict=True):
        if value is None:
            problems.add(field, f"Answer {CRITERIA_QUESTIONS[field]}")
    if decision == Decision.S42 and None not in answers and not all(answers):
        problems.add(
            "decision",
            "A section 42 enquiry needs the answer yes to all three questions: "
            "choose other enquiry or no enquiry",
        )
    if decision in (Decision.NONE, Decision.OTHER) and not (decision_reason or "").strip():
        problems.add("decision_reason", "Enter why this decision was taken")
    problems.check(not_future, "decision_date", decision_date, "The date of the decision")
    problems.check(
        not_before,
        "decision_date",
        decision_date,
        concern.received_date,
        "The date of the decision",
        "the date the concern was received",
    )
    if decision in (Decision.S42, Decision.OTHER):
        if team is None:
            problems.add("team", "Choose the team that will carry out the enquiry")
        opening = enquiry_open_problems(
            concern=concern,
            kind=decision,
            team=team,
            start_date=enquiry_start_date or decision_date,
            lead=lead,
            start_required=False,
        )
        for field, messages in opening.items():
            # Without a start date of its own the enquiry starts on the day of the decision,
            # whose problems are already reported against the decision date.
            if field == "enquiry_start_date" and enquiry_start_date is None:
                continue
            for message in messages:
                problems.add(field, message)
    return problems


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
    seen_version: int | None = None,
):
    """Record the decision on a concern; a section 42 or other enquiry opens the enquiry itself.

    Returns the new enquiry, or None when the decision is 'no enquiry'.
    """
    from msp.enquiries.services import enquiry_open

    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    check_version(concern, seen_version)
    decision_problems(
        concern=concern,
        decision=decision,
        decision_date=decision_date,
        criteria={
            "criteria_care_needs": criteria_care_needs,
            "criteria_abuse_or_neglect": criteria_abuse_or_neglect,
            "criteria_unable_to_protect": criteria_unable_to_protect,
        },
        decision_reason=decision_reason,
        team=team,
        lead=lead,
        enquiry_start_date=enquiry_start_date,
    ).raise_if_any()
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

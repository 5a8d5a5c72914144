"""Every data-protection write: restriction of processing, rectification, legal holds and
anonymisation under the retention schedule. Each takes the acting user and writes the audit trail
in the same transaction. Audit details never carry a person's name: entries point at the person
by id, and details say what was done."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msp.audit.models import Action
from msp.audit.services import audit_append, audit_redact
from msp.core.dates import today
from msp.core.problems import Problems
from msp.core.services import check_version, not_future, save_recorded
from msp.facts import services as facts
from msp.people import name_index
from msp.people import services as people_services
from msp.people.models import Person
from msp.privacy.models import (
    Anonymisation,
    LegalHold,
    Rectification,
    RectificationDecision,
)
from msp.privacy.retention import Due, people_due, scrub_people

# The person's details a rectification may correct, through msp.people.services.person_update.
CORRECTABLE_FIELDS = {
    "first_name": "First name",
    "last_name": "Last name",
    "preferred_name": "Likes to be called",
    "date_of_birth": "Date of birth",
    "date_of_death": "Date of death",
    "nhs_number": "NHS number",
    "sex": "Sex",
    "ethnicity": "Ethnicity",
    "primary_support_reason": "Primary support reason",
    "interpreter_language": "Interpreter language",
    "communication_other": "Other communication needs",
}


def _required(field: str, value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@transaction.atomic
def processing_restrict(
    *, actor, person: Person, reason: str, seen_version: int | None = None
) -> Person:
    """Restrict processing of the person's data (UK GDPR article 18): the record is kept and
    shown with a warning, and the person is left out of exports and reports until lifted."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    check_version(person, seen_version)
    reason = _required("reason", reason, "Enter why processing is restricted")
    if person.processing_restricted:
        raise ValidationError("Processing of this person's data is already restricted")
    person.processing_restricted = True
    person.processing_restricted_reason = reason
    person.processing_restricted_since = timezone.now()
    person.processing_restricted_by = actor
    save_recorded(person, actor=actor, reason="Processing restricted")
    facts.person_refresh(person_ids=[person.pk])
    return person


@transaction.atomic
def processing_restriction_lift(
    *, actor, person: Person, reason: str, seen_version: int | None = None
) -> Person:
    """Lift the restriction; the earlier state and its reason stay in the history."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    check_version(person, seen_version)
    reason = _required("reason", reason, "Enter why the restriction is lifted")
    if not person.processing_restricted:
        raise ValidationError("Processing of this person's data is not restricted")
    person.processing_restricted = False
    person.processing_restricted_reason = ""
    person.processing_restricted_since = None
    person.processing_restricted_by = None
    # The reason goes to the audit entry, not the history row: history reasons are kept as
    # short labels that anonymisation leaves in place.
    save_recorded(person, actor=actor, reason="Processing restriction lifted")
    audit_append(
        actor=actor,
        action=Action.CHANGE,
        obj=person,
        person=person,
        detail="processing restriction lifted",
        reason=reason,
    )
    facts.person_refresh(person_ids=[person.pk])
    return person


def rectification_problems(
    *,
    person: Person,
    received_on: date | None,
    what_is_wrong: str,
    statement: str,
    decision: str,
    decision_reason: str = "",
    corrections: dict | None = None,
) -> Problems:
    """Everything wrong with a rectification request and its decision, including the corrected
    details themselves (checked as the people service checks them), all at once."""
    problems = Problems()
    if received_on is None:
        problems.add("received_on", "Enter the date the request was received")
    problems.check(not_future, "received_on", received_on, "The date the request was received")
    if not (what_is_wrong or "").strip():
        problems.add("what_is_wrong", "Enter what the person says is wrong")
    if not (statement or "").strip():
        problems.add("statement", "Enter the person's statement, in their words")
    if decision not in RectificationDecision.values:
        problems.add("decision", "Choose whether the record was corrected")
    corrections = {k: v for k, v in (corrections or {}).items() if v not in (None, "")}
    unknown = set(corrections) - set(CORRECTABLE_FIELDS)
    if unknown:
        problems.add(None, f"These details cannot be corrected here: {sorted(unknown)}")
    if decision == RectificationDecision.CORRECTED and not corrections:
        problems.add("corrections", "Enter the corrected value of at least one detail")
    if decision == RectificationDecision.NOT_CORRECTED and not (decision_reason or "").strip():
        problems.add("decision_reason", "Enter why the record was not corrected")
    if decision == RectificationDecision.CORRECTED and corrections and not unknown:
        corrected = Person(
            **{
                **{name: getattr(person, name) for name in people_services.EDITABLE_FIELDS},
                **corrections,
            }
        )
        problems.extend(people_services.person_problems(corrected))
    return problems


@transaction.atomic
def rectification_record(
    *,
    actor,
    person: Person,
    received_on: date,
    what_is_wrong: str,
    statement: str,
    decision: str,
    decision_reason: str = "",
    corrections: dict | None = None,
    seen_version: int | None = None,
) -> Rectification:
    """Record a request to correct the person's record (UK GDPR article 16) and the decision.

    When corrected, the new values go through the people service, so the original stays in
    the record's history; the person's statement stays attached to the record either way.
    """
    rectification_problems(
        person=person,
        received_on=received_on,
        what_is_wrong=what_is_wrong,
        statement=statement,
        decision=decision,
        decision_reason=decision_reason,
        corrections=corrections,
    ).raise_if_any()
    corrections = {k: v for k, v in (corrections or {}).items() if v not in (None, "")}
    changes = {}
    if decision == RectificationDecision.CORRECTED:
        before = {name: getattr(person, name) for name in corrections}
        person = people_services.person_update(
            actor=actor, person=person, seen_version=seen_version, **corrections
        )
        changes = {
            name: [_plain(before[name]), _plain(getattr(person, name))]
            for name in corrections
            if before[name] != getattr(person, name)
        }
    rectification = Rectification.objects.create(
        person=person,
        received_on=received_on,
        what_is_wrong=what_is_wrong.strip(),
        statement=statement.strip(),
        decision=decision,
        decision_reason=(decision_reason or "").strip(),
        changes=changes,
        recorded_by=actor,
    )
    audit_append(
        actor=actor,
        action=Action.CREATE,
        obj=rectification,
        person=person,
        detail=f"rectification request recorded: {rectification.get_decision_display().lower()}",
        changes={"fields corrected": sorted(changes)},
    )
    return rectification


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


@transaction.atomic
def legal_hold_place(*, actor, person: Person, reason: str, placed_on: date) -> LegalHold:
    """Keep the person's records from anonymisation while the hold is active."""
    problems = Problems()
    reason = problems.check(_required, "reason", reason, "Enter why the records must be kept")
    if placed_on is None:
        problems.add("placed_on", "Enter the date the hold was placed")
    problems.check(not_future, "placed_on", placed_on, "The date the hold was placed")
    problems.raise_if_any()
    hold = LegalHold.objects.create(
        person=person, reason=reason, placed_by=actor, placed_on=placed_on
    )
    audit_append(
        actor=actor, action=Action.CREATE, obj=hold, person=person, detail="legal hold placed"
    )
    return hold


def legal_hold_lift_problems(*, hold: LegalHold, reason: str, lifted_on: date | None) -> Problems:
    problems = Problems()
    if hold.lifted_on is not None:
        problems.add(None, "This legal hold has already been lifted")
    problems.check(_required, "lifted_reason", reason, "Enter why the hold is lifted")
    if lifted_on is None:
        problems.add("lifted_on", "Enter the date the hold was lifted")
    problems.check(not_future, "lifted_on", lifted_on, "The date the hold was lifted")
    if lifted_on is not None and lifted_on < hold.placed_on:
        problems.add(
            "lifted_on",
            f"The date the hold was lifted must be on or after the date it was placed "
            f"({hold.placed_on:%-d %B %Y})",
        )
    return problems


@transaction.atomic
def legal_hold_lift(*, actor, hold: LegalHold, reason: str, lifted_on: date) -> LegalHold:
    """End a hold; the schedule applies again from the next retention run."""
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    legal_hold_lift_problems(hold=hold, reason=reason, lifted_on=lifted_on).raise_if_any()
    reason = reason.strip()
    hold.lifted_on = lifted_on
    hold.lifted_by = actor
    hold.lifted_reason = reason
    hold.save()
    audit_append(
        actor=actor, action=Action.CHANGE, obj=hold, person=hold.person, detail="legal hold lifted"
    )
    return hold


@dataclass
class RetentionReport:
    on: date
    due: list[Due] = field(default_factory=list)
    anonymised: list[Due] = field(default_factory=list)
    applied: bool = False


def retention_run(*, actor=None, on: date | None = None, apply: bool = False) -> RetentionReport:
    """Anonymise everyone the retention schedule says is due (or, without `apply`, say who
    would be). Idempotent: an anonymised person is never due again. One audit entry per person
    (archive, reason "retention"); the audit trail itself is never edited."""
    on = on or today()
    report = RetentionReport(on=on, due=people_due(on))
    if not apply:
        return report
    for start in range(0, len(report.due), 500):
        batch = report.due[start : start + 500]
        with transaction.atomic():
            ids = [d.person_id for d in batch]
            # Re-checked in the transaction: a hold placed (or a run finished) since the list
            # was made wins.
            kept = set(
                LegalHold.objects.filter(person_id__in=ids, lifted_on__isnull=True).values_list(
                    "person_id", flat=True
                )
            ) | set(
                Anonymisation.objects.filter(person_id__in=ids).values_list("person_id", flat=True)
            )
            batch = [d for d in batch if d.person_id not in kept]
            scrub_people([d.person_id for d in batch])
            # The date of birth is coarsened without changing an age on any year end; the
            # facts are refreshed all the same, so they always follow the record.
            facts.person_refresh(person_ids=[d.person_id for d in batch])
            # The audit trail keeps who did what and when, but not the old and new values.
            audit_redact(
                actor=actor,
                actor_name="retention schedule",
                person_ids=[d.person_id for d in batch],
                reason="retention",
            )
            people = Person.objects.in_bulk([d.person_id for d in batch])
            for due in batch:
                Anonymisation.objects.create(
                    person_id=due.person_id, rule=due.rule, due_on=due.due_on
                )
                audit_append(
                    actor=actor,
                    actor_name="retention schedule",
                    action=Action.ARCHIVE,
                    obj=people[due.person_id],
                    person=people[due.person_id],
                    detail="anonymised under the retention schedule",
                    reason="retention",
                    changes={"rule": due.rule, "due_on": due.due_on.isoformat()},
                )
            report.anonymised.extend(batch)
    if report.anonymised:
        name_index.compact()
    report.applied = True
    return report

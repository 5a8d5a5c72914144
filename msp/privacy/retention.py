"""The retention schedule applied: who is due for anonymisation, and the anonymisation itself.

Anonymisation keeps every coded field the statutory return and the measures count (sex,
ethnicity, primary support reason, autism, risk types, decisions, outcome categories and ratings,
every date they count by) and replaces what identifies the person or tells their story: names,
NHS number, free text, the names of those who raised concerns or represent them. The history
rows of those records are scrubbed too, or the history would keep what the record lost.

The date of birth is moved to the first of its month. Reporting years end on the last day of a
month, so a person's age on every year end is unchanged (a birthday and the first of its month
fall on the same side of a month end). The exact date is kept in the two cases where coarsening
would change an age: a 29 February birthday, and a death in the birth month before the birthday. The date of death is kept: the return counts by it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from msp.concerns.models import Allegation, Concern
from msp.core.dates import age_on, today
from msp.enquiries.models import (
    CapacityAssessment,
    ClosingReview,
    Conversation,
    Enquiry,
    Representation,
    Response,
    RiskDiscussion,
)
from msp.outcomes.models import DesiredOutcome, OutcomeEvent
from msp.people.models import Person
from msp.privacy.models import LegalHold, Rectification, retention_schedule

REMOVED = "[removed under retention]"
ANONYMISED_FIRST_NAME = "Anonymised"
ANONYMISED_LAST_NAME = "person"
CHUNK = 500


@dataclass(frozen=True)
class Due:
    person_id: int
    reference: str
    due_on: date
    rule: str


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def coarsened_date_of_birth(date_of_birth: date | None, date_of_death: date | None) -> date | None:
    """The first of the birth month, unless that would change the person's age at death.

    A 29 February birthday is kept: in a common year the person turns a year older on 1 March,
    after a year ending on 28 February, and the first of the month would not.
    """
    if date_of_birth is None or (date_of_birth.month, date_of_birth.day) == (2, 29):
        return date_of_birth
    coarse = date_of_birth.replace(day=1)
    if date_of_death is not None and age_on(coarse, date_of_death) != age_on(
        date_of_birth, date_of_death
    ):
        return date_of_birth
    return coarse


def people_due(on: date | None = None) -> list[Due]:
    """People whose records the schedule says must now be anonymised, oldest first.

    Never someone with an open enquiry, an undecided concern or an active legal hold, nor someone
    already anonymised. Runs three queries whatever the number of people.
    """
    on = on or today()
    schedule = retention_schedule()
    enquiry_years = schedule.years_after_enquiry_closed
    concern_years = schedule.years_after_concern_without_enquiry
    last_closed = (
        Enquiry.objects.filter(person=OuterRef("pk"), end_date__isnull=False)
        .order_by("-end_date")
        .values("end_date")[:1]
    )
    last_alone = (
        Concern.objects.filter(person=OuterRef("pk"), enquiry__isnull=True)
        .annotate(last=Coalesce("decision_date", "received_date"))
        .order_by("-last")
        .values("last")[:1]
    )
    rows = (
        Person.objects.filter(anonymisation__isnull=True)
        .exclude(Exists(Enquiry.objects.filter(person=OuterRef("pk"), end_date__isnull=True)))
        .exclude(
            Exists(
                Concern.objects.filter(person=OuterRef("pk"), decision="", archived_at__isnull=True)
            )
        )
        .exclude(Exists(LegalHold.objects.filter(person=OuterRef("pk"), lifted_on__isnull=True)))
        .annotate(last_closed=Subquery(last_closed), last_alone=Subquery(last_alone))
        .values("pk", "reference", "created_at", "last_closed", "last_alone")
        .order_by("pk")
    )
    due = []
    for row in rows.iterator(chunk_size=2000):
        clocks = []
        if row["last_closed"] is not None:
            clocks.append(
                (
                    add_years(row["last_closed"], enquiry_years),
                    f"{enquiry_years} years after the last enquiry closed",
                )
            )
        if row["last_alone"] is not None:
            clocks.append(
                (
                    add_years(row["last_alone"], concern_years),
                    f"{concern_years} years after the last concern with no enquiry",
                )
            )
        if not clocks:
            clocks.append(
                (
                    add_years(row["created_at"].date(), concern_years),
                    f"{concern_years} years after being recorded, with no concern",
                )
            )
        due_on, rule = max(clocks)
        if due_on <= on:
            due.append(Due(row["pk"], row["reference"], due_on, rule))
    return due


def _scrubbed(field: str) -> Case:
    """The removal marker where the field held something; an empty field stays empty."""
    return Case(When(**{field: ""}, then=Value("")), default=Value(REMOVED))


def _scrub(querysets: Iterable, fields: Iterable[str], **fixed) -> None:
    values = {field: _scrubbed(field) for field in fields}
    values.update(fixed)
    for queryset in querysets:
        queryset.update(**values)


def _with_history(model, **lookup):
    return (model.objects.filter(**lookup), model.history.filter(**lookup))


def scrub_people(person_ids: list[int]) -> None:
    """Replace what identifies the people and tells their stories, in the records and their
    history, keeping every coded field and date the statutory return counts."""
    for start in range(0, len(person_ids), CHUNK):
        _scrub_chunk(person_ids[start : start + CHUNK])


def _scrub_chunk(ids: list[int]) -> None:
    concerns = Concern.objects.filter(person_id__in=ids).values("pk")
    enquiries = Enquiry.objects.filter(person_id__in=ids).values("pk")
    outcomes = DesiredOutcome.objects.filter(enquiry_id__in=enquiries).values("pk")

    _scrub(
        _with_history(Person, id__in=ids),
        ["archived_reason", "processing_restricted_reason"],
        first_name=Value(ANONYMISED_FIRST_NAME),
        last_name=Value(ANONYMISED_LAST_NAME),
        preferred_name=Value(""),
        name_keys=Value(""),
        nhs_number=Value(""),
        interpreter_language=Value(""),
        communication_other=Value(""),
        source_reference=Value(""),
    )
    for person in Person.objects.filter(pk__in=ids).values("pk", "date_of_birth", "date_of_death"):
        coarse = coarsened_date_of_birth(person["date_of_birth"], person["date_of_death"])
        if coarse != person["date_of_birth"]:
            for queryset in _with_history(Person, id=person["pk"]):
                queryset.update(date_of_birth=coarse)

    _scrub(
        _with_history(Concern, person_id__in=ids),
        ["archived_reason", "raised_by_name", "what_reported", "decision_reason",
         "other_support_offered"],
        source_reference=Value(""),
    )  # fmt: skip
    _scrub(_with_history(Allegation, concern_id__in=concerns), ["archived_reason", "detail"])
    _scrub(_with_history(Enquiry, person_id__in=ids), ["archived_reason"])
    _scrub_correction_reasons(ids)
    by_enquiry = {"enquiry_id__in": enquiries}
    _scrub(_with_history(Conversation, **by_enquiry), ["archived_reason", "notes"])
    _scrub(
        _with_history(CapacityAssessment, **by_enquiry),
        ["archived_reason", "decision", "assessor", "notes"],
    )
    _scrub(_with_history(Representation, **by_enquiry), ["archived_reason", "name"])
    _scrub(
        _with_history(RiskDiscussion, **by_enquiry),
        ["archived_reason", "options", "persons_choice", "against_wishes_detail", "explained_how"],
    )
    _scrub(_with_history(Response, **by_enquiry), ["archived_reason", "notes"])
    _scrub(_with_history(ClosingReview, **by_enquiry), ["archived_reason", "experience_comments"])
    _scrub(
        _with_history(DesiredOutcome, **by_enquiry),
        ["archived_reason", "words", "persons_view", "practitioner_reasons", "not_rated_reason"],
    )
    _scrub([OutcomeEvent.objects.filter(outcome_id__in=outcomes)], ["words", "reason"])
    _scrub(
        [Rectification.objects.filter(person_id__in=ids)],
        ["what_is_wrong", "statement", "decision_reason"],
        changes={},
    )
    _scrub([LegalHold.objects.filter(person_id__in=ids)], ["reason", "lifted_reason"])
    _scrub_record_restrictions(ids)


def _scrub_correction_reasons(ids: list[int]) -> None:
    """A corrected statutory answer keeps its values (the return counts them) but not the
    free-text reason, which may tell the person's story."""
    for queryset in _with_history(Enquiry, person_id__in=ids):
        for pk, corrections in queryset.exclude(sac_corrections={}).values_list(
            "pk", "sac_corrections"
        ):
            if not corrections:
                continue
            cleaned = {
                field: {**value, "reason": REMOVED} if isinstance(value, dict) else value
                for field, value in corrections.items()
            }
            queryset.filter(pk=pk).update(sac_corrections=cleaned)


def _scrub_record_restrictions(ids: list[int]) -> None:
    """Restricted-record notes (msp.people) may describe the person's circumstances."""
    try:
        model = apps.get_model("people", "RecordRestriction")
    except LookupError:
        return
    if any(field.name == "detail" for field in model._meta.concrete_fields):
        _scrub([model.objects.filter(person_id__in=ids)], ["detail"])

"""Writing a validated interchange file set: one transaction, in batches, with history rows.

Rows are built from the validation's compact tuples as they are written (msp.interop.bulk), so
each imported record has its "+" history row attributed to the acting user with the reason
"Imported from <file>", and no model objects are held for the whole file.
"""

import re

from django.db import transaction
from django.db.models import F

from msp.accounts.models import Team
from msp.concerns.models import Allegation, Concern, RaisedBy
from msp.core.models import Sequence
from msp.enquiries.models import Enquiry
from msp.facts import services as facts
from msp.interop import bulk
from msp.interop.bulk import db_date
from msp.interop.formats import CONCERNS, PEOPLE, RISKS
from msp.interop.validation import ENQUIRY_KINDS, Counts, Validation
from msp.people.models import Person
from msp.people.references import is_reference

REFERENCE_MAX = 40  # Person.reference and Concern.reference
WHAT_REPORTED = "Imported record"
# The interchange has no names: an imported person is "Imported <their ref>" until someone
# who knows them adds their name.
PERSON_COLUMNS = [
    "reference",
    "source_reference",
    "last_name",
    "date_of_birth",
    "date_of_death",
    "sex",
    "ethnicity",
    "primary_support_reason",
    "autism",
    "aspergers",
    "team_id",
]
PERSON_CONSTANTS = {"first_name": "Imported"}
CONCERN_COLUMNS = [
    "reference",
    "source_reference",
    "person_id",
    "team_id",
    "received_date",
    "decision",
    "decision_date",
]
CONCERN_CONSTANTS = {"raised_by_relationship": RaisedBy.OTHER, "what_reported": WHAT_REPORTED}
ENQUIRY_COLUMNS = [
    "concern_id",
    "person_id",
    "kind",
    "team_id",
    "start_date",
    "end_date",
    "action_and_result",
    "risk_outcome",
    "ceased_at_request",
    "sac_lacked_capacity",
    "sac_advocate_support",
    "sac_asked_outcomes",
    "sac_outcomes_achieved",
]
RISK_COLUMNS = ["concern_id", "type_of_risk", "location_of_risk", "source_of_risk"]


class ImportRefused(Exception):
    """The file set has errors and only a whole, valid file set may be imported."""


def _references(model, refs: list[str], *, series: str, prefix: str) -> dict[str, str]:
    """The product reference for each new record: the imported ref itself when it is free and
    fits the reference rule (msp.people.references, so that every record has an address), else
    the next in the product's series. The imported ref is kept as the source reference either way.

    A ref that looks like one of the series' own (P000123) moves the series past it, so the
    product never issues it again."""
    taken: set[str] = set()
    fitting = [r for r in refs if len(r) <= REFERENCE_MAX and is_reference(r)]
    for start in range(0, len(fitting), 500):
        chunk = fitting[start : start + 500]
        taken.update(model.objects.filter(reference__in=chunk).values_list("reference", flat=True))
    chosen = {r: r for r in fitting if r not in taken}
    pattern = re.compile(rf"^{prefix}(\d+)$")
    highest = max((int(m[1]) for r in chosen if (m := pattern.match(r))), default=0)
    Sequence.objects.get_or_create(name=series)
    if highest:
        Sequence.objects.filter(name=series, value__lt=highest).update(value=highest)
    missing = [r for r in refs if r not in chosen]
    if missing:
        Sequence.objects.filter(name=series).update(value=F("value") + len(missing))
        number = Sequence.objects.get(name=series).value - len(missing) + 1
        for offset, ref in enumerate(missing):
            chosen[ref] = f"{prefix}{number + offset:06d}"
    return chosen


def change_reason(source_name: str) -> str:
    return f"Imported from {source_name}"[:100]


@transaction.atomic
def commit(
    validation: Validation,
    *,
    actor,
    valid_only: bool = False,
) -> Counts:
    """Write the file set's new rows (or, with valid_only, only its valid new rows).

    Rows whose ref is already in the database are left as they are, so importing the same
    file again changes nothing. A concern that names no team goes to the team the validation
    was given for such rows. Returns what was written.
    """
    if validation.fatal or (validation.problems and not valid_only):
        raise ImportRefused(f"{len(validation.problems)} errors: nothing imported")
    counts = validation.counts(valid_only=True)
    reason = change_reason(validation.source_name)
    bad = validation.bad_rows

    new_people = [
        (ref, row)
        for ref, row in validation.people.items()
        if row.row not in bad[PEOPLE] and ref not in validation.existing_people
    ]
    new_concerns = [
        (ref, row)
        for ref, row in validation.concerns.items()
        if row.row not in bad[CONCERNS] and ref not in validation.existing_concerns
    ]

    teams = _teams(new_concerns, validation.blank_team_id)
    # A person's record sits with the team of their first concern in the file.
    person_team: dict[str, int] = {}
    for _ref, concern in new_concerns:
        person_team.setdefault(concern.person_ref, teams[concern.team])

    person_ids = {ref: pk for ref, (pk, _dob) in validation.existing_people.items()}
    ids = iter(bulk.reserve_ids(Person, len(new_people)))
    references = _references(Person, [r for r, _ in new_people], series="person", prefix="P")
    people = bulk.RowWriter(
        Person, varying=PERSON_COLUMNS, actor=actor, reason=reason, constants=PERSON_CONSTANTS
    )

    def person_rows():
        for ref, row in new_people:
            pk = next(ids)
            person_ids[ref] = pk
            yield (
                pk,
                references[ref],
                ref,
                ref[:100],
                db_date(row.date_of_birth),
                db_date(row.date_of_death),
                row.sex,
                row.ethnicity,
                row.primary_support_reason,
                row.autism,
                row.aspergers,
                person_team.get(ref),
            )

    people.write(person_rows())

    concern_ids: dict[str, int] = {}
    ids = iter(bulk.reserve_ids(Concern, len(new_concerns)))
    references = _references(Concern, [r for r, _ in new_concerns], series="concern", prefix="C")
    concerns = bulk.RowWriter(
        Concern, varying=CONCERN_COLUMNS, actor=actor, reason=reason, constants=CONCERN_CONSTANTS
    )

    def concern_rows():
        for ref, row in new_concerns:
            pk = next(ids)
            concern_ids[ref] = pk
            decided = row.enquiry_type
            yield (
                pk,
                references[ref],
                ref,
                person_ids[row.person_ref],
                teams[row.team],
                db_date(row.received_date),
                decided,
                db_date(row.enquiry_start_date or row.received_date) if decided else None,
            )

    concerns.write(concern_rows())

    with_enquiry = [(ref, row) for ref, row in new_concerns if row.enquiry_type in ENQUIRY_KINDS]
    ids = iter(bulk.reserve_ids(Enquiry, len(with_enquiry)))
    enquiries = bulk.RowWriter(Enquiry, varying=ENQUIRY_COLUMNS, actor=actor, reason=reason)
    enquiries.write(
        (
            next(ids),
            concern_ids[ref],
            person_ids[row.person_ref],
            row.enquiry_type,
            teams[row.team],
            db_date(row.enquiry_start_date),
            db_date(row.enquiry_end_date),
            row.action_and_result,
            row.risk_outcome,
            row.action_and_result == "ceased_at_request",
            row.lacked_capacity,
            row.advocate_support,
            row.asked_outcomes,
            row.outcomes_achieved,
        )
        for ref, row in with_enquiry
    )

    new_risks = [
        risk
        for risk in validation.risks
        if risk.row not in bad[RISKS] and risk.concern_ref in concern_ids
    ]
    ids = iter(bulk.reserve_ids(Allegation, len(new_risks)))
    allegations = bulk.RowWriter(Allegation, varying=RISK_COLUMNS, actor=actor, reason=reason)
    allegations.write(
        (
            next(ids),
            concern_ids[risk.concern_ref],
            risk.type_of_risk,
            risk.location_of_risk,
            risk.source_of_risk,
        )
        for risk in new_risks
    )
    # The return counts from its facts: those of every concern written, in this transaction.
    facts.case_refresh(concern_ids=concern_ids.values())
    return counts


def _teams(new_concerns, blank_team_id: int | None) -> dict[str, int]:
    """Team ids by the name in the file; a blank name goes to the team chosen for such rows.
    Validation refused names of no existing team, and blank names with no team chosen, so no
    team is ever created here."""
    names = {row.team for _ref, row in new_concerns}
    ids: dict[str, int] = {}
    for name in sorted(n for n in names if n):
        ids[name] = Team.objects.get(name__iexact=name).pk
    if "" in names:
        if blank_team_id is None:
            raise ImportRefused("Concerns name no team and no team was chosen for them")
        ids[""] = blank_team_id
    return ids

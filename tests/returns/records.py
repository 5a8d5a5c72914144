"""Case records made straight in the database for return tests: many, fast, and exactly as told.

The product's services would refuse some of these on purpose (blank closing answers, children),
which is the point: the return and its rules must cope with whatever is stored. The reporting
facts the return counts are refreshed after each record, as the services do.
"""

from datetime import date
from itertools import count

from msp.accounts.models import Team
from msp.concerns.models import Allegation, Concern
from msp.enquiries.models import Enquiry
from msp.facts import services as facts
from msp.people.models import Person

YEAR_START = date(2025, 4, 1)
_serial = count(1)

CLOSED_S42 = {
    "action_and_result": "risk_identified_action",
    "risk_outcome": "reduced",
    "sac_lacked_capacity": "did_not_lack_capacity",
    "sac_asked_outcomes": "asked_expressed",
    "sac_outcomes_achieved": "fully",
}


def team() -> Team:
    return Team.objects.get_or_create(name="Returns test team")[0]


def person(**fields) -> Person:
    n = next(_serial)
    values = {
        "reference": f"RP{n:06d}",
        "first_name": "Test",
        "last_name": f"Person{n}",
        "date_of_birth": date(1950, 6, 1),
        "sex": "female",
        "ethnicity": "white",
        "primary_support_reason": "physical",
        "team": team(),
    }
    return Person.objects.create(**{**values, **fields})


def concern(who: Person | None = None, received: date = YEAR_START, **fields) -> Concern:
    n = next(_serial)
    created = Concern.objects.create(
        reference=f"RC{n:06d}",
        person=who or person(),
        team=team(),
        received_date=received,
        raised_by_relationship="other",
        what_reported="Test",
        **fields,
    )
    facts.case_refresh(concern_ids=[created.pk])
    return created


def enquiry(
    who: Person | None = None,
    *,
    kind: str = "s42",
    start: date = YEAR_START,
    end: date | None = None,
    received: date | None = None,
    risks: list[tuple[str, str, str]] = (),
    **fields,
) -> Enquiry:
    """An enquiry with its concern; `risks` are (type, location, source) allegations.
    A concluded s42 enquiry gets complete closing answers unless told otherwise."""
    who = who or person()
    origin = concern(who, received or start, decision=kind)
    answers = CLOSED_S42 if (end and kind == "s42") else {}
    created = Enquiry.objects.create(
        concern=origin,
        person=who,
        kind=kind,
        team=origin.team,
        start_date=start,
        end_date=end,
        **{**answers, **fields},
    )
    for type_of_risk, location, source in risks:
        Allegation.objects.create(
            concern=origin,
            type_of_risk=type_of_risk,
            location_of_risk=location,
            source_of_risk=source,
        )
    facts.case_refresh(concern_ids=[origin.pk])
    return created


def refresh(*records) -> None:
    """Refresh the facts after a record was changed straight in the database."""
    for record in records:
        concern_id = getattr(record, "concern_id", None) or record.pk
        if hasattr(record, "concerns"):
            facts.person_refresh(person_ids=[record.pk])
        else:
            facts.case_refresh(concern_ids=[concern_id])

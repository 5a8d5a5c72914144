"""Every write to a person's record."""

from django.db import transaction

from msp import sac
from msp.core.problems import Problems
from msp.core.services import check_version, next_reference, not_before, not_future, save_recorded
from msp.facts import services as facts
from msp.people import names, nhs
from msp.people.models import Person

EDITABLE_FIELDS = [
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "date_of_death",
    "sex",
    "ethnicity",
    "primary_support_reason",
    "autism",
    "aspergers",
    "nhs_number",
    "interpreter_language",
    "needs_easy_read",
    "needs_bsl",
    "communication_other",
    "team",
]


def person_problems(person: Person, kept: dict | None = None) -> Problems:
    """Everything wrong with a person's details, all at once (the form shows the same list).
    Their statutory codes must be in use today, except a value the record already held
    (`kept`), which stays after the code is retired."""
    problems = Problems()
    if not (person.first_name or "").strip():
        problems.add("first_name", "Enter the person's first name")
    if not (person.last_name or "").strip():
        problems.add("last_name", "Enter the person's last name")
    if person.nhs_number:
        person.nhs_number = nhs.normalise(person.nhs_number)
        if not nhs.is_valid(person.nhs_number):
            problems.add(
                "nhs_number",
                "Enter a valid NHS number: 10 digits, like 943 476 5919, or leave it blank",
            )
    in_use = sac.spec_on()
    for field, list_code, label in (
        ("sex", "sex", "sex"),
        ("ethnicity", "ethnicity_groups", "ethnicity"),
        ("primary_support_reason", "primary_support_reason", "primary support reason"),
    ):
        value = getattr(person, field)
        if value and value not in in_use.codes(list_code) and value != (kept or {}).get(field):
            problems.add(field, f"Choose the person's {label} from the list")
    problems.check(not_future, "date_of_birth", person.date_of_birth, "The date of birth")
    problems.check(not_future, "date_of_death", person.date_of_death, "Date of death")
    problems.check(
        not_before,
        "date_of_death",
        person.date_of_death,
        person.date_of_birth,
        "Date of death",
        "the date of birth",
    )
    return problems


def _validate(person: Person, kept: dict | None = None) -> None:
    person_problems(person, kept).raise_if_any()
    person.name_keys = names.name_keys(person.first_name, person.last_name, person.preferred_name)


@transaction.atomic
def person_create(
    *, actor, first_name: str, last_name: str, team=None, reference: str = "", **fields
) -> Person:
    """Create a person. The council reference is issued unless one is given (e.g. by an import)."""
    unknown = set(fields) - set(EDITABLE_FIELDS) - {"source_reference"}
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    person = Person(first_name=first_name.strip(), last_name=last_name.strip(), team=team, **fields)
    _validate(person)
    person.reference = reference or next_reference("person", "P")
    save_recorded(person, actor=actor, creating=True, reason="Created")
    return person


@transaction.atomic
def person_update(*, actor, person: Person, seen_version: int | None = None, **changes) -> Person:
    """Change a person's details; the earlier version stays in the history."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    check_version(person, seen_version)
    kept = {field: getattr(person, field) for field in EDITABLE_FIELDS if field != "team"}
    for field, value in changes.items():
        if field not in EDITABLE_FIELDS:
            raise TypeError(f"{field} cannot be changed here")
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    _validate(person, kept)
    save_recorded(person, actor=actor, reason="Details changed")
    facts.person_refresh(person_ids=[person.pk])
    return person

"""Keeping the reporting facts in step with the case records.

The case services call `case_refresh` or `person_refresh` in the transaction of every change the
return counts (a concern received, an allegation added, an enquiry opened, reviewed or closed, a
person's details or restriction changed); bulk writers (the import, the bulk demo data) call
them for what they wrote. Each refresh recomputes the facts of the records named from the
case records themselves, so it is correct however many times it runs.

The builders take the models as a parameter so the migration that first fills the tables can
pass its historical models.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.apps import apps as django_apps
from django.db import connection, transaction

from msp import sac
from msp.core.periods import ReportingYear

CHUNK = 500


@dataclass(frozen=True)
class Models:
    Person: type
    Concern: type
    Enquiry: type
    Allegation: type
    PersonYear: type
    CaseFact: type
    RiskFact: type


def models_from(apps) -> Models:
    return Models(
        apps.get_model("people", "Person"),
        apps.get_model("concerns", "Concern"),
        apps.get_model("enquiries", "Enquiry"),
        apps.get_model("concerns", "Allegation"),
        apps.get_model("facts", "PersonYear"),
        apps.get_model("facts", "CaseFact"),
        apps.get_model("facts", "RiskFact"),
    )


def _chunks(ids):
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def year_of(day: date) -> int:
    """The year a reporting year starts in, for a day in it."""
    return ReportingYear.containing(day).start.year


@transaction.atomic
def case_refresh(*, concern_ids, models: Models | None = None) -> None:
    """Recompute the facts of these concerns (with their enquiries and allegations) and of
    their people's reporting years."""
    m = models or models_from(django_apps)
    for chunk in _chunks(concern_ids):
        people = m.Concern.objects.filter(pk__in=chunk).values_list("person_id", flat=True)
        _cases(m, chunk)
        _person_years(m, set(people))


@transaction.atomic
def person_refresh(*, person_ids, models: Models | None = None) -> None:
    """Recompute the facts of these people: their years (demographics, age band, restriction)
    and their cases (restriction)."""
    m = models or models_from(django_apps)
    for chunk in _chunks(person_ids):
        concerns = m.Concern.objects.filter(person_id__in=chunk).values_list("pk", flat=True)
        for cases in _chunks(concerns):
            _cases(m, cases)
        _person_years(m, chunk)


def rebuild(*, models: Models | None = None) -> int:
    """Recompute every fact from the case records, a chunk of people at a time (memory stays
    flat whatever the size). Returns the number of people covered."""
    m = models or models_from(django_apps)
    with transaction.atomic():
        m.RiskFact.objects.all().delete()
        m.CaseFact.objects.all().delete()
        m.PersonYear.objects.all().delete()
    covered = 0
    for chunk in _people_in_chunks(m):
        person_refresh(person_ids=chunk, models=m)
        covered += len(chunk)
    return covered


def _people_in_chunks(m: Models):
    """Every person's id, a chunk at a time, in id order."""
    last = 0
    while True:
        people = m.Person.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)
        chunk = list(people[: CHUNK * 4])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]


# The columns each fact row is written with, in order. Rows are built as tuples and written
# with executemany: building model instances for every row would cost more than the rest of
# the refresh together.
CASE_COLUMNS = (
    "concern_id",
    "person_id",
    "kind",
    "start_date",
    "end_date",
    "action_and_result",
    "risk_outcome",
    "lacked_capacity",
    "advocate_support",
    "asked_outcomes",
    "outcomes_achieved",
    "has_allegation",
    "restricted",
)
RISK_COLUMNS = (
    "concern_id",
    "type_of_risk",
    "location_of_risk",
    "source_of_risk",
    "first_type_source",
    "first_location_source",
    "first_type_location",
    "kind",
    "end_date",
    "restricted",
)
PERSON_YEAR_COLUMNS = (
    "person_id", "year", "band", "sex", "ethnicity", "primary_support_reason", "autism",
    "aspergers", "restricted", "concerns", "s42", "other",
)  # fmt: skip


def _write(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    fields = [model._meta.get_field(c[:-3] if c.endswith("_id") else c) for c in columns]
    # Only dates need the database's own form (text on SQLite); codes, numbers and yes/no go
    # to the driver as they are, which is most of the refresh's time saved.
    dates = [i for i, f in enumerate(fields) if f.get_internal_type() == "DateField"]
    adapt = connection.ops.adapt_datefield_value
    if dates:
        prepared = []
        for row in rows:
            values = list(row)
            for i in dates:
                values[i] = adapt(values[i])
            prepared.append(values)
    else:
        prepared = rows
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) "  # noqa: S608
            f"VALUES ({marks})",  # nosec B608 - table and column names from the model
            prepared,
        )


def _cases(m: Models, concern_ids: list[int]) -> None:
    cases, risk_rows = _case_rows(m, concern_ids)
    m.RiskFact.objects.filter(concern_id__in=concern_ids).delete()
    m.CaseFact.objects.filter(concern_id__in=concern_ids).delete()
    _write(m.CaseFact, CASE_COLUMNS, cases)
    _write(m.RiskFact, RISK_COLUMNS, risk_rows)


def _case_rows(m: Models, concern_ids: list[int]) -> tuple[list[tuple], list[tuple]]:
    live_concerns = {
        pk: (person_id, restricted)
        for pk, person_id, restricted, archived in m.Concern.objects.filter(
            pk__in=concern_ids
        ).values_list("pk", "person_id", "person__processing_restricted", "archived_at")
        if archived is None
    }
    enquiries = {
        row[0]: row
        for row in m.Enquiry.objects.filter(
            concern_id__in=concern_ids, archived_at__isnull=True
        ).values_list(
            "concern_id", "kind", "start_date", "end_date", "action_and_result", "risk_outcome",
            "sac_lacked_capacity", "sac_advocate_support", "sac_asked_outcomes",
            "sac_outcomes_achieved", "person_id", "person__processing_restricted",
        )
    }  # fmt: skip
    risks: dict[int, set] = defaultdict(set)
    for concern_id, *triple in m.Allegation.objects.filter(
        concern_id__in=concern_ids, archived_at__isnull=True
    ).values_list("concern_id", "type_of_risk", "location_of_risk", "source_of_risk"):
        risks[concern_id].add(tuple(triple))
    cases, risk_rows = [], []
    for concern_id in concern_ids:
        enquiry = enquiries.get(concern_id)
        if concern_id not in live_concerns and enquiry is None:
            continue
        if enquiry is not None:
            (_, kind, start, end, action, risk, capacity, support, asked, achieved, person_id,
             restricted) = enquiry  # fmt: skip
        else:
            kind, start, end, action, risk, capacity, support, asked, achieved = (
                "", None, None, "", "", "", None, "", ""
            )  # fmt: skip
            person_id, restricted = live_concerns[concern_id]
        cases.append(
            (concern_id, person_id, kind, start, end, action, risk, capacity, support, asked,
             achieved, bool(risks[concern_id]), restricted)
        )  # fmt: skip
        seen: dict[str, set] = {"ts": set(), "ls": set(), "tl": set()}
        for type_of_risk, location, source in sorted(risks[concern_id]):
            pairs = {"ts": (type_of_risk, source), "ls": (location, source),
                     "tl": (type_of_risk, location)}  # fmt: skip
            first = {key: pair not in seen[key] for key, pair in pairs.items()}
            for key, pair in pairs.items():
                seen[key].add(pair)
            risk_rows.append(
                (concern_id, type_of_risk, location, source, first["ts"], first["ls"],
                 first["tl"], kind, end, restricted)
            )  # fmt: skip
    return cases, risk_rows


def _person_years(m: Models, person_ids) -> None:
    person_ids = list(person_ids)
    rows = _person_year_rows(m, person_ids)
    m.PersonYear.objects.filter(person_id__in=person_ids).delete()
    _write(m.PersonYear, PERSON_YEAR_COLUMNS, rows)


def _person_year_rows(m: Models, person_ids: list[int]) -> list[tuple]:
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for person_id, received in m.Concern.objects.filter(
        person_id__in=person_ids, archived_at__isnull=True
    ).values_list("person_id", "received_date"):
        counts[(person_id, year_of(received))][0] += 1
    for person_id, kind, start in m.Enquiry.objects.filter(
        person_id__in=person_ids, archived_at__isnull=True
    ).values_list("person_id", "kind", "start_date"):
        counts[(person_id, year_of(start))][1 if kind == "s42" else 2] += 1
    people = {
        row[0]: row
        for row in m.Person.objects.filter(pk__in=person_ids).values_list(
            "pk", "date_of_birth", "date_of_death", "sex", "ethnicity",
            "primary_support_reason", "autism", "aspergers", "processing_restricted",
        )
    }  # fmt: skip
    years = {}
    rows = []
    for (person_id, year), (concerns, s42, other) in counts.items():
        _, born, died, sex, ethnicity, reason, autism, aspergers, restricted = people[person_id]
        if year not in years:
            reporting_year = ReportingYear.starting(year)
            years[year] = (sac.spec_for(reporting_year).age, reporting_year.end)
        age, year_end = years[year]
        rows.append(
            (person_id, year, age.band(born, died, year_end), sex, ethnicity, reason, autism,
             aspergers, restricted, concerns, s42, other)
        )  # fmt: skip
    return rows


def _stored(queryset, columns: tuple[str, ...]) -> set[tuple]:
    return set(queryset.values_list(*columns))


def check(*, models: Models | None = None) -> list[str]:
    """Compare every stored fact with what the case records give, a chunk of people at a time.
    Returns the people whose facts differ (empty when all agree)."""
    m = models or models_from(django_apps)
    differing = []
    for chunk in _people_in_chunks(m):
        concerns = list(m.Concern.objects.filter(person_id__in=chunk).values_list("pk", flat=True))
        cases, risks = [], []
        for part in _chunks(concerns):
            found = _case_rows(m, part)
            cases += found[0]
            risks += found[1]
        expected = (set(cases), set(risks), set(_person_year_rows(m, chunk)))
        stored = (
            _stored(m.CaseFact.objects.filter(person_id__in=chunk), CASE_COLUMNS),
            _stored(m.RiskFact.objects.filter(concern__person_id__in=chunk), RISK_COLUMNS),
            _stored(m.PersonYear.objects.filter(person_id__in=chunk), PERSON_YEAR_COLUMNS),
        )
        if expected != stored:
            wrong = sum(len(want ^ have) for want, have in zip(expected, stored, strict=True))
            differing.append(f"people {chunk[0]} to {chunk[-1]}: {wrong} rows differ")
    return differing

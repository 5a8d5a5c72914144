"""The retention schedule: who is due, what anonymisation removes and keeps, legal holds,
idempotence, and statutory figures for past years left exactly as they were."""

import calendar
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from msp.audit.chain import verify
from msp.audit.models import Action, AuditEntry
from msp.concerns.models import Concern
from msp.core.dates import age_on
from msp.core.periods import ReportingYear
from msp.enquiries.models import Conversation, Representation
from msp.outcomes.models import DesiredOutcome
from msp.people.models import Person
from msp.privacy import services
from msp.privacy.models import Anonymisation, retention_schedule
from msp.privacy.retention import REMOVED, coarsened_date_of_birth, people_due
from tests.factories import ConcernFactory, PersonFactory
from tests.privacy.support import SECRET_FIRST, SECRETS, full_case

pytestmark = pytest.mark.django_db

ON = date(2026, 11, 1)


def test_coarsened_date_of_birth_keeps_age_at_every_month_end_and_at_death():
    """Reporting years end on the last day of a month: moving a birthday to the first of its
    month never moves it across a month end. Every day of a leap and a common year, against
    every month end of 20 years, and against deaths in the birth month. 29 February is kept."""
    for year in (1944, 1951):
        day = date(year, 1, 1)
        while day.year == year:
            coarse = coarsened_date_of_birth(day, None)
            assert coarse.month == day.month and coarse.day == (
                29 if day.day == 29 and day.month == 2 else 1
            )
            for end_year in range(year + 60, year + 80):
                for month in range(1, 13):
                    end = date(end_year, month, calendar.monthrange(end_year, month)[1])
                    assert age_on(coarse, end) == age_on(day, end)
            for death_day in (1, 10, 28):
                death = date(year + 80, day.month, death_day)
                kept = coarsened_date_of_birth(day, death)
                assert age_on(kept, death) == age_on(day, death)
            day += timedelta(days=1)


def test_who_is_due(team, practitioner):
    closed_long_ago, _ = full_case(
        team=team, actor=practitioner, received=date(2018, 4, 10), closed=date(2019, 5, 1)
    )
    closed_recently, _ = full_case(
        team=team, actor=practitioner, received=date(2024, 4, 10), closed=date(2024, 9, 1),
        first_name="Recent", last_name="Case",
    )  # fmt: skip
    still_open, _ = full_case(
        team=team, actor=practitioner, received=date(2018, 4, 10), closed=None,
        first_name="Open", last_name="Case",
    )  # fmt: skip
    concern_alone = PersonFactory(team=team)
    ConcernFactory(person=concern_alone, received_date=date(2023, 1, 5))
    concern_alone_recent = PersonFactory(team=team)
    ConcernFactory(person=concern_alone_recent, received_date=date(2026, 1, 5))
    Concern.objects.filter(person__in=[concern_alone, concern_alone_recent]).update(decision="none")

    due = {d.person_id: d for d in people_due(ON)}
    assert set(due) == {closed_long_ago.pk, concern_alone.pk}
    assert due[closed_long_ago.pk].due_on == date(2026, 5, 1)
    assert "7 years after the last enquiry closed" in due[closed_long_ago.pk].rule
    assert due[concern_alone.pk].due_on == date(2025, 1, 5)
    assert closed_recently.pk not in due and still_open.pk not in due


def test_the_schedule_is_configurable(team, practitioner):
    someone, _ = full_case(
        team=team, actor=practitioner, received=date(2022, 4, 10), closed=date(2022, 6, 1)
    )
    assert people_due(ON) == []
    schedule = retention_schedule()
    schedule.years_after_enquiry_closed = 3
    schedule.save()
    assert [d.person_id for d in people_due(ON)] == [someone.pk]


def test_apply_anonymises_records_and_their_history(team, practitioner, monkeypatch):
    someone, enquiry = full_case(
        team=team, actor=practitioner, received=date(2018, 4, 10), closed=date(2019, 5, 1),
        date_of_birth=date(1941, 7, 19), sex="female", ethnicity="white",
    )  # fmt: skip
    compacted = []
    monkeypatch.setattr(services.name_index, "compact", lambda: compacted.append(True))
    assert services.retention_run(on=ON, apply=False).due and compacted == []
    report = services.retention_run(on=ON, apply=True)
    # SQLite's index of names is compacted, so no trace of the old names stays in it
    # (tests/people/test_name_index.py shows what compacting removes).
    assert compacted == [True]
    assert [d.reference for d in report.anonymised] == [someone.reference]

    someone.refresh_from_db()
    assert (someone.first_name, someone.nhs_number) == ("Anonymised", "")
    assert someone.date_of_birth == date(1941, 7, 1)
    assert (someone.sex, someone.ethnicity, someone.reference) == (
        "female",
        "white",
        someone.reference,
    )
    concern = Concern.objects.get(person=someone)
    assert concern.what_reported == REMOVED and concern.raised_by_name == REMOVED
    assert DesiredOutcome.objects.get(enquiry=enquiry).words == REMOVED
    assert DesiredOutcome.objects.get(enquiry=enquiry).category == "be_and_feel_safer"
    assert Representation.objects.get(enquiry=enquiry).name == REMOVED
    assert Conversation.objects.get(enquiry=enquiry).notes == REMOVED
    for history in (Person.history.filter(id=someone.pk), Concern.history.filter(person=someone)):
        for row in history:
            text = " ".join(str(v) for v in row.__dict__.values())
            assert not any(secret in text for secret in SECRETS)
    entry = AuditEntry.objects.filter(person=someone, action=Action.ARCHIVE).get()
    assert entry.reason == "retention" and SECRET_FIRST not in entry.detail
    # The audit trail keeps who did what and when, not the values, and still verifies.
    for row in AuditEntry.objects.filter(person=someone):
        assert not any(secret in str(row.changes) for secret in SECRETS)
    assert AuditEntry.objects.filter(action=Action.REDACT).exists()
    assert verify().ok


def test_apply_is_idempotent_and_respects_legal_holds(team, practitioner, lead):
    someone, _ = full_case(
        team=team, actor=practitioner, received=date(2018, 4, 10), closed=date(2019, 5, 1)
    )
    held, _ = full_case(
        team=team, actor=practitioner, received=date(2018, 4, 10), closed=date(2019, 5, 1),
        first_name="Held", last_name="Case",
    )  # fmt: skip
    hold = services.legal_hold_place(
        actor=lead, person=held, reason="Court proceedings", placed_on=date(2026, 1, 1)
    )
    assert [d.person_id for d in services.retention_run(on=ON, apply=True).anonymised] == [
        someone.pk
    ]
    assert services.retention_run(on=ON, apply=True).anonymised == []
    held.refresh_from_db()
    assert held.first_name == "Held"

    services.legal_hold_lift(
        actor=lead, hold=hold, reason="Case concluded", lifted_on=date(2026, 3, 1)
    )
    assert [d.person_id for d in services.retention_run(on=ON, apply=True).anonymised] == [held.pk]
    assert Anonymisation.objects.count() == 2
    assert AuditEntry.objects.filter(action=Action.ARCHIVE, reason="retention").count() == 2


def test_past_statutory_returns_are_unchanged(team, practitioner):
    from msp.returns.build import build_return

    for i, (received, closed) in enumerate(
        [(date(2018, 4, 10), date(2018, 11, 2)), (date(2019, 1, 3), date(2019, 6, 30))]
    ):
        full_case(
            team=team, actor=practitioner, received=received, closed=closed,
            first_name=f"Case{i}", nhs_number="", date_of_birth=date(1930 + i, 3, 31 - i),
        )  # fmt: skip
    alone = PersonFactory(team=team, date_of_birth=date(1950, 4, 30))
    ConcernFactory(person=alone, received_date=date(2019, 2, 1))
    Concern.objects.filter(person=alone).update(decision="none")
    years = [ReportingYear.parse(label) for label in ("2017-18", "2018-19", "2019-20")]
    before = [build_return(year).as_json() for year in years]

    call_command("retention", "--apply", stdout=open("/dev/null", "w"))
    assert Anonymisation.objects.count() == 3
    assert [build_return(year).as_json() for year in years] == before


def test_command_dry_run_changes_nothing(team, practitioner, capsys):
    someone, _ = full_case(
        team=team, actor=practitioner, received=date(2018, 4, 10), closed=date(2019, 5, 1)
    )
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Due for anonymisation (dry run" in out and someone.reference in out
    someone.refresh_from_db()
    assert someone.first_name == SECRET_FIRST and not Anonymisation.objects.exists()
    call_command("retention", "--apply")
    out = capsys.readouterr().out
    assert "Anonymised: 1 person" in out and someone.reference in out
    assert SECRET_FIRST not in out

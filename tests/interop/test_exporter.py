"""Exporting: the same format back out, defused against formulas, only for those allowed, audited;
and export then import into an empty database gives exactly the same statutory return."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from msp.accounts.models import Role
from msp.audit.models import AuditEntry
from msp.concerns.models import Allegation, Concern
from msp.core.periods import ReportingYear
from msp.enquiries.models import Enquiry
from msp.interop import services
from msp.interop.reading import open_paths
from msp.people.models import Person
from msp.returns.build import build_return
from tests.factories import UserFactory
from tests.returns import records

pytestmark = pytest.mark.django_db

YEAR = ReportingYear.parse("2025-26")
CLOSED_LACKING = {
    "action_and_result": "risk_identified_no_action",
    "risk_outcome": "remained",
    "sac_lacked_capacity": "lacked_capacity",
    "sac_advocate_support": True,
    "sac_asked_outcomes": "asked_none_expressed",
    "sac_outcomes_achieved": "",
}


def build_records():
    """A year of varied records: every kind of enquiry, open and concluded, people counted once
    across several enquiries, repeated risk cells, records outside the year."""
    start = records.YEAR_START
    ann = records.person(
        sex="male", ethnicity="asian", autism=True, primary_support_reason="sensory"
    )
    bea = records.person(date_of_birth=None, sex="not_known", ethnicity="not_known")
    cal = records.person(date_of_birth=date(1930, 1, 1), date_of_death=date(2025, 9, 1))
    dan = records.person(date_of_birth=date(2001, 3, 1), aspergers=True)
    records.enquiry(
        ann,
        end=date(2025, 6, 1),
        risks=[
            ("physical", "own_home", "other_known"),
            ("physical", "own_home", "other_known"),
            ("financial_material", "care_home_nursing", "service_provider"),
        ],
    )
    records.enquiry(
        ann,
        start=date(2025, 7, 1),
        end=date(2025, 8, 1),
        **CLOSED_LACKING,
        risks=[("neglect_omission", "care_home_residential", "service_provider")],
    )
    records.enquiry(
        bea, start=date(2025, 10, 1), risks=[("self_neglect", "own_home", "other_known")]
    )
    records.enquiry(
        cal,
        kind="other",
        start=date(2025, 5, 5),
        end=date(2025, 8, 30),
        action_and_result="ceased_at_request",
        ceased_at_request=True,
        risks=[("domestic", "own_home", "other_known")],
    )
    records.enquiry(
        dan,
        start=date(2025, 3, 20),
        received=date(2025, 3, 10),
        end=date(2025, 4, 20),
        risks=[("sexual", "in_community", "other_unknown")],
    )
    records.enquiry(
        dan,
        start=date(2026, 2, 1),
        end=date(2026, 3, 31),
        sac_outcomes_achieved="partially",
        risks=[("psychological", "hospital_acute", "other_known")],
    )
    records.concern(
        dan, received=date(2025, 11, 11), decision="none", decision_date=date(2025, 11, 12)
    )
    records.concern(bea, received=date(2026, 1, 5))  # awaiting a decision
    records.concern(ann, received=date(2024, 12, 1), decision="none")  # an earlier year
    assert start == date(2025, 4, 1)


def empty_case_tables():
    """Every case row gone, straight in the database (the test's transaction is rolled back)."""
    models = [Allegation, Enquiry, Concern, Person]
    from django.apps import apps

    for app in ("facts", "outcomes", "enquiries", "concerns", "people"):
        for model in apps.get_app_config(app).get_models():
            if model not in models:
                models.insert(0, model)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@pytest.mark.parametrize("fmt, name", [("csv", "out"), ("csv", "out.zip"), ("xlsx", "out.xlsx")])
def test_export_then_import_into_an_empty_database_gives_the_same_return(tmp_path, fmt, name):
    build_records()
    before = build_return(YEAR).as_json()
    assert before["tables"]
    lead = UserFactory(role=Role.SAFEGUARDING_LEAD)
    counts = services.export_run(actor=lead, fmt=fmt, target=str(tmp_path / name))
    assert counts == {"people": 4, "concerns": 9, "risks": 8}
    empty_case_tables()
    assert Person.objects.count() == 0 and Enquiry.objects.count() == 0
    result = services.import_run(actor=services.import_user(), source=open_paths([tmp_path / name]))
    assert result.validation.problems == []
    assert (result.counts.people_new, result.counts.concerns_new, result.counts.enquiries_new) == (
        4,
        9,
        6,
    )
    assert build_return(YEAR).as_json() == before


def test_export_of_a_period_and_a_team(tmp_path):
    build_records()
    other = records.concern(received=date(2025, 6, 1))
    other.team = records.Team.objects.create(name="Elsewhere")
    other.save()
    officer = UserFactory(role=Role.PERFORMANCE_OFFICER)
    counts = services.export_run(
        actor=officer,
        fmt="csv",
        target=str(tmp_path / "x.zip"),
        date_from=YEAR.start,
        date_to=YEAR.end,
        team=records.team(),
    )
    assert counts["concerns"] == 7 and counts["people"] == 4
    entry = AuditEntry.objects.filter(action="export").get()
    assert entry.actor == officer
    assert entry.detail.startswith(
        "export csv 2025-04-01..2026-03-31 team Returns test team, 7 concerns"
    )


def test_exported_cells_are_defused_against_formulas(tmp_path):
    who = records.person(source_reference='=HYPERLINK("http://x")')
    records.concern(who, received=date(2025, 5, 1), decision="none")
    records.team()
    records.Team.objects.filter(name="Returns test team").update(name="+cmd|calc")
    lead = UserFactory(role=Role.SAFEGUARDING_LEAD)
    services.export_run(actor=lead, fmt="csv", target=str(tmp_path / "x.zip"))
    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        people = list(csv.reader(io.TextIOWrapper(archive.open("people.csv"), "utf-8")))
        concerns = list(csv.reader(io.TextIOWrapper(archive.open("concerns.csv"), "utf-8")))
    assert people[1][0] == '\'=HYPERLINK("http://x")'
    assert concerns[1][3] == "'+cmd|calc"
    services.export_run(actor=lead, fmt="xlsx", target=str(tmp_path / "x.xlsx"))
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "x.xlsx")
    assert book["people"]["A2"].value == '\'=HYPERLINK("http://x")'
    assert book["people"]["A2"].data_type == "s"
    # Read back, the apostrophe our export added is dropped again.
    validation = __import__("msp.interop.validation", fromlist=["validate"]).validate(
        open_paths([tmp_path / "x.zip"])
    )
    assert '=HYPERLINK("http://x")' in validation.people


def test_the_export_command_needs_the_export_permission(tmp_path, capsys):
    build_records()
    UserFactory(username="prac", role=Role.PRACTITIONER)
    with pytest.raises(CommandError, match="may not export"):
        call_command("export", str(tmp_path / "x.zip"), "--user", "prac")
    assert not (tmp_path / "x.zip").exists()
    UserFactory(username="lead", role=Role.SAFEGUARDING_LEAD)
    call_command(
        "export",
        "--format",
        "xlsx",
        str(tmp_path / "x.xlsx"),
        "--user",
        "lead",
        "--from",
        "2025-04-01",
        "--to",
        "2026-03-31",
        "--team",
        "returns test team",
    )
    assert "Exported 4 people, 7 concerns" in capsys.readouterr().out

"""Importing: nothing half-written, exactly the valid rows when asked, and re-imports change nothing."""

import pytest
from django.core.management import CommandError, call_command

from msp.accounts.models import Role, Team
from msp.audit.models import AuditEntry
from msp.concerns.models import Allegation, Concern
from msp.enquiries.models import Enquiry
from msp.interop import services
from msp.interop.reading import open_paths
from msp.people.models import Person
from tests.factories import PersonFactory, TeamFactory, UserFactory
from tests.interop.support import (
    concern,
    file_set,
    person,
    risk,
    write_folder,
    xlsx_bytes,
    zip_bytes,
)

pytestmark = pytest.mark.django_db


def case_counts():
    return (
        Person.objects.count(),
        Concern.objects.count(),
        Enquiry.objects.count(),
        Allegation.objects.count(),
        Person.history.count(),
        Concern.history.count(),
        Enquiry.history.count(),
        Allegation.history.count(),
    )


def two_people_one_bad():
    return file_set(
        people=[person("P1"), person("P2", sex="unknown sex")],
        concerns=[concern("C1", "P1"), concern("C2", "P2"), concern("C3", "P1", team="")],
        risks=[risk("C1"), risk("C2"), risk("C3", type_of_risk="bad")],
    )


def run(folder, **options):
    return services.import_run(actor=services.import_user(), source=open_paths([folder]), **options)


def test_import_writes_records_with_their_history(tmp_path):
    duty = TeamFactory(name="Duty team")
    result = run(
        write_folder(
            tmp_path,
            file_set(
                concerns=[
                    concern(),
                    concern(
                        "C2",
                        enquiry_type="none",
                        team="",
                        enquiry_start_date="",
                        enquiry_end_date="",
                        action_and_result="",
                        risk_outcome="",
                        lacked_capacity="",
                        asked_outcomes="",
                        outcomes_achieved="",
                    ),
                ],
            ),
        ),
        blank_team=duty,
    )
    assert result.counts.concerns_new == 2
    person_ = Person.objects.get(source_reference="P1")
    assert (person_.first_name, person_.last_name, person_.sex) == ("Imported", "P1", "female")
    assert person_.reference.startswith("P") and person_.team.name == "North locality"
    c1 = Concern.objects.get(source_reference="C1")
    assert (c1.decision, str(c1.decision_date), c1.raised_by_relationship) == (
        "s42",
        "2024-05-03",
        "other",
    )
    assert Concern.objects.get(source_reference="C2").team == duty
    enquiry = Enquiry.objects.get(concern=c1)
    assert (
        enquiry.kind,
        str(enquiry.end_date),
        enquiry.risk_outcome,
        enquiry.sac_outcomes_achieved,
    ) == ("s42", "2024-07-01", "reduced", "fully")
    assert enquiry.sac_corrections == {} and enquiry.version == 1
    assert c1.allegations.get().type_of_risk == "physical"
    for record in (person_, c1, enquiry, c1.allegations.get()):
        first = record.history.get()
        assert first.history_type == "+"
        assert first.history_change_reason == f"Imported from {tmp_path.name}"
        assert first.history_user.username == "import"
    user = services.import_user()
    assert not user.is_active and not user.has_usable_password()
    entry = AuditEntry.objects.filter(detail__startswith="import").get()
    assert "1 people, 2 concerns, 1 enquiries, 1 risks" in entry.detail
    assert entry.detail.endswith("; rows naming no team to Duty team")


def test_dry_run_writes_nothing(tmp_path):
    before = case_counts()
    result = run(write_folder(tmp_path, file_set()), dry_run=True)
    assert result.counts is None and result.validation.ok
    assert case_counts() == before


def test_invalid_input_writes_nothing(tmp_path):
    before = case_counts()
    result = run(write_folder(tmp_path, two_people_one_bad()))
    assert result.counts is None and len(result.validation.problems) >= 2
    assert case_counts() == before
    assert Team.objects.count() == 1  # none created


def test_valid_only_writes_exactly_the_valid_rows(tmp_path):
    result = run(
        write_folder(tmp_path, two_people_one_bad()),
        valid_only=True,
        blank_team=TeamFactory(name="Duty team"),
    )
    assert set(Person.objects.values_list("source_reference", flat=True)) == {"P1"}
    assert set(Concern.objects.values_list("source_reference", flat=True)) == {"C1", "C3"}
    assert list(Allegation.objects.values_list("concern__source_reference", flat=True)) == ["C1"]
    assert result.counts.risks_new == 1


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    folder = write_folder(
        tmp_path, file_set(concerns=[concern(), concern("C2")], risks=[risk(), risk("C2")])
    )
    run(folder)
    before = case_counts()
    result = run(folder)
    assert case_counts() == before
    assert (
        result.counts.people_present,
        result.counts.concerns_present,
        result.counts.rows_new,
    ) == (1, 2, 0)


def test_csv_files_zip_and_xlsx_are_read_alike(tmp_path):
    tables = file_set()
    folder = write_folder(tmp_path / "folder", tables)
    (tmp_path / "set.zip").write_bytes(zip_bytes(tables))
    (tmp_path / "set.xlsx").write_bytes(xlsx_bytes(tables))
    paths = [
        [folder],
        [folder / "people.csv", folder / "concerns.csv", folder / "risks.csv"],
        [tmp_path / "set.zip"],
        [tmp_path / "set.xlsx"],
    ]
    from msp.interop.validation import validate

    for given in paths:
        validation = validate(open_paths(given))
        assert validation.problems == [], given
        assert validation.counts().rows_new == 3


def test_the_command_imports_and_reports(tmp_path, capsys):
    folder = write_folder(tmp_path, file_set())
    call_command("import", str(folder), "--dry-run")
    assert "Would import 1 new person (0 already present), 1 new concern" in capsys.readouterr().out
    assert Person.objects.count() == 0
    call_command("import", str(folder))
    assert "Imported 1 new person" in capsys.readouterr().out
    assert Concern.objects.count() == 1


def test_the_command_refuses_bad_input_and_lists_errors(tmp_path, capsys):
    folder = write_folder(tmp_path, two_people_one_bad())
    with pytest.raises(CommandError, match="errors: nothing imported"):
        call_command("import", str(folder))
    assert (
        "people.csv, row 3, sex (“unknown sex”): Use one of: male, female"
        in capsys.readouterr().err
    )
    assert Person.objects.count() == 0


def test_the_command_refuses_a_user_who_may_not_import(tmp_path):
    folder = write_folder(tmp_path, file_set())
    UserFactory(username="prac", role=Role.PRACTITIONER)
    with pytest.raises(CommandError, match="may not import"):
        call_command("import", str(folder), "--user", "prac")
    officer = UserFactory(username="po", role=Role.PERFORMANCE_OFFICER)
    call_command("import", str(folder), "--user", "po")
    assert Person.objects.get().history.get().history_user == officer


def test_refs_become_references_when_free_and_the_series_moves_past_them(tmp_path):
    from msp.core.services import next_reference

    taken = PersonFactory(source_reference="FROM-ELSEWHERE")  # so its reference is not a key
    folder = write_folder(
        tmp_path,
        file_set(
            people=[person("P000500"), person(taken.reference)],
            concerns=[concern("C1", "P000500")],
            risks=[],
        ),
    )
    run(folder)
    assert Person.objects.get(source_reference="P000500").reference == "P000500"
    clash = Person.objects.get(source_reference=taken.reference)
    assert clash.reference != taken.reference and clash.reference == "P000501"
    assert next_reference("person", "P") == "P000502"
    assert Concern.objects.get(source_reference="C1").reference == "C1"


def blank_team_rows():
    """Two new concerns that name no team (rows 3 and 4), one that names its team."""
    return file_set(
        concerns=[concern("C1"), concern("C2", team=""), concern("C3", team="")],
        risks=[risk("C1"), risk("C2")],
    )


def test_rows_that_name_no_team_are_one_error_until_a_team_is_chosen(tmp_path):
    before = case_counts()
    result = run(write_folder(tmp_path, blank_team_rows()))
    assert result.counts is None
    no_team = [p for p in result.validation.problems if p.column == "team"]
    assert len(no_team) == 1
    assert no_team[0].expected == (
        "The concerns on rows 3 and 4 name no team: choose a team for rows that name no team, "
        "or enter their team in the file"
    )
    assert case_counts() == before
    assert list(Team.objects.values_list("name", flat=True)) == ["North locality"]


def test_rows_that_name_no_team_go_to_the_team_chosen_and_the_audit_says_which(tmp_path):
    duty = TeamFactory(name="Duty team")
    result = run(write_folder(tmp_path, blank_team_rows()), blank_team=duty)
    assert result.counts.concerns_new == 3
    teams = dict(Concern.objects.values_list("source_reference", "team__name"))
    assert teams == {"C1": "North locality", "C2": "Duty team", "C3": "Duty team"}
    entry = AuditEntry.objects.get(detail__startswith="import")
    assert entry.detail.endswith("; rows naming no team to Duty team")


def test_an_existing_imported_team_is_left_alone_and_not_used(tmp_path):
    """Databases from before keep their "Imported" team; blank rows no longer go to it unasked."""
    old = TeamFactory(name="Imported")
    result = run(write_folder(tmp_path, blank_team_rows()))
    assert result.counts is None and Concern.objects.count() == 0
    assert Team.objects.filter(pk=old.pk).exists()


def test_an_inactive_team_cannot_take_the_rows_that_name_no_team(tmp_path):
    from django.core.exceptions import ValidationError

    closed = TeamFactory(name="Closed team", active=False)
    with pytest.raises(ValidationError, match="not one of the council's active teams"):
        run(write_folder(tmp_path, blank_team_rows()), blank_team=closed)
    assert Concern.objects.count() == 0


def test_a_concern_already_here_needs_no_team_chosen(tmp_path):
    folder = write_folder(tmp_path, blank_team_rows())
    run(folder, blank_team=TeamFactory(name="Duty team"))
    again = run(folder)
    assert again.validation.problems == [] and again.counts.rows_new == 0


def test_the_command_takes_the_team_for_rows_that_name_no_team_by_name(tmp_path, capsys):
    folder = write_folder(tmp_path, blank_team_rows())
    with pytest.raises(CommandError, match="Give --team-default NAME for rows that name no team"):
        call_command("import", str(folder))
    assert "concerns.csv, team (blank): The concerns on rows 3 and 4" in capsys.readouterr().err
    TeamFactory(name="Closed team", active=False)
    with pytest.raises(CommandError, match="No active team is called “Closed team”"):
        call_command("import", str(folder), "--team-default", "Closed team")
    with pytest.raises(CommandError, match=r"\(North locality\) for rows that name no team"):
        call_command("import", str(folder), "--team-default", "Legacy")
    assert Concern.objects.count() == 0 and not Team.objects.filter(name="Legacy").exists()
    call_command("import", str(folder), "--team-default", "north LOCALITY")
    assert set(Concern.objects.values_list("team__name", flat=True)) == {"North locality"}

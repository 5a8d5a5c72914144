"""The staged import page and the export page over HTTP."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from msp.audit.models import AuditEntry
from msp.concerns.models import Concern
from msp.interop import forms
from msp.interop.models import BatchStatus, ImportBatch
from msp.people.models import Person
from tests.interop.support import (
    concern,
    csv_bytes,
    file_set,
    person,
    risk,
    xlsx_bytes,
    zip_bytes,
)
from tests.support.pages import assert_every_error_shown

pytestmark = pytest.mark.django_db


def upload(client, *files):
    return client.post("/data/import/", {"files": list(files)})


def with_errors():
    return file_set(
        people=[person("P1"), person("P2", sex="unknown sex")],
        concerns=[concern("C1", "P1"), concern("C2", "P2")],
        risks=[risk("C1"), risk("C2")],
    )


def test_upload_report_commit_and_rejected_rows(client, performance_officer):
    client.force_login(performance_officer)
    assert client.get("/data/import/").status_code == 200
    tables = with_errors()
    response = upload(
        client,
        *(
            SimpleUploadedFile(f"{t}.csv", csv_bytes(t, tables[t]))
            for t in ("people", "concerns", "risks")
        ),
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == f"/data/import/{batch.pk}/"
    assert batch.status == BatchStatus.REJECTED and batch.uploaded_by == performance_officer
    page = client.get(response.url).content.decode()
    assert "people.csv" in page and "unknown sex" in page and "Use one of: male, female" in page
    assert "Import 3 rows" in page  # P1, C1 and its risk

    errors = client.get(f"/data/import/{batch.pk}/errors.csv").content.decode()
    rows = list(csv.reader(io.StringIO(errors)))
    assert rows[0] == ["file", "row", "column", "value", "expected"]
    assert ["people.csv", "3", "sex", "unknown sex"] == rows[1][:4]

    rejected = client.get(f"/data/import/{batch.pk}/rejected/")
    with zipfile.ZipFile(io.BytesIO(rejected.content)) as archive:
        people = list(csv.reader(io.TextIOWrapper(archive.open("people.csv"), "utf-8")))
        concerns = list(csv.reader(io.TextIOWrapper(archive.open("concerns.csv"), "utf-8")))
    assert people[0][-1] == "errors" and len(people) == 2 and people[1][0] == "P2"
    assert "sex: Use one of" in people[1][-1]
    assert [r[0] for r in concerns[1:]] == ["C2"]

    # Without "valid rows only" nothing is imported: a refusal, never a green banner.
    refused = client.post(f"/data/import/{batch.pk}/import/", follow=True).content.decode()
    assert Person.objects.count() == 0
    assert "govuk-notification-banner--success" not in refused
    assert refused.count("govuk-notification-banner__heading") == 1
    response = client.post(f"/data/import/{batch.pk}/import/", {"valid_only": "on"}, follow=True)
    page = response.content.decode()
    assert "Imported 1 person, 1 concern, 1 enquiry and 1 risk." in page
    assert page.count("Imported 1 person") == 1 and "govuk-notification-banner--success" in page
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED and batch.committed_by == performance_officer
    assert list(Concern.objects.values_list("source_reference", flat=True)) == ["C1"]
    assert Person.objects.get().history.get().history_user == performance_officer
    assert AuditEntry.objects.filter(
        actor=performance_officer, detail__startswith="import"
    ).exists()
    # A second commit of the same upload is refused.
    client.post(f"/data/import/{batch.pk}/import/", {"valid_only": "on"})
    assert Person.objects.count() == 1


def test_a_zip_or_a_workbook_uploads_and_imports(client, performance_officer):
    client.force_login(performance_officer)
    for name, content in (("set.zip", zip_bytes(file_set())), ("set.xlsx", xlsx_bytes(file_set()))):
        upload(client, SimpleUploadedFile(name, content))
        batch = ImportBatch.objects.order_by("-pk").first()
        assert batch.status == BatchStatus.VALIDATED, batch.errors_preview
        client.post(f"/data/import/{batch.pk}/import/")
    assert Person.objects.count() == 1  # the second upload found everything already here
    assert ImportBatch.objects.order_by("-pk").first().committed_counts["rows_new"] == 0


def test_upload_problems_are_shown_on_the_form(client, performance_officer, monkeypatch):
    client.force_login(performance_officer)
    page = client.post("/data/import/").content.decode()
    assert "Choose the files to import" in page
    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 10)
    page = upload(client, SimpleUploadedFile("set.zip", zip_bytes(file_set()))).content.decode()
    assert "The upload must be smaller than 50 MB" in page
    monkeypatch.undo()
    upload(client, SimpleUploadedFile("notes.zip", b"not a zip"))
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.REJECTED
    assert (
        "is not a ZIP file or an Excel workbook"
        in client.get(f"/data/import/{batch.pk}/").content.decode()
    )


def test_export_page_downloads_and_audits(client, lead, enquiry):
    client.force_login(lead)
    assert client.get("/data/export/").status_code == 200
    response = client.post("/data/export/", {"format": "csv"})
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert sorted(archive.namelist()) == ["concerns.csv", "people.csv", "risks.csv"]
        concerns = list(csv.reader(io.TextIOWrapper(archive.open("concerns.csv"), "utf-8")))
    assert concerns[1][0] == enquiry.concern.reference
    assert (
        AuditEntry.objects.filter(actor=lead, action="export")
        .get()
        .detail.startswith("export csv all dates all teams, 1 concerns")
    )
    page = client.post(
        "/data/export/",
        {
            "format": "csv",
            "date_from_0": "1",
            "date_from_1": "5",
            "date_from_2": "2025",
            "date_to_0": "1",
            "date_to_1": "4",
            "date_to_2": "2025",
        },
    ).content.decode()
    assert "The end of the period must be the same as or after its start, 1 May 2025" in page


def test_pages_are_not_found_for_other_roles(
    client, practitioner, lead, board_member, performance_officer
):
    batch = ImportBatch.objects.create(
        file_name="x.zip", content=b"", uploaded_by=performance_officer
    )
    for user in (practitioner, lead, board_member):
        client.force_login(user)
        for url in (
            "/data/import/",
            f"/data/import/{batch.pk}/",
            f"/data/import/{batch.pk}/errors.csv",
            f"/data/import/{batch.pk}/rejected/",
        ):
            assert client.get(url).status_code == 404, (user.role, url)
        assert client.post(f"/data/import/{batch.pk}/import/").status_code == 404
    for user in (practitioner, board_member):
        client.force_login(user)
        assert client.get("/data/export/").status_code == 404
        assert client.post("/data/export/", {"format": "csv"}).status_code == 404


def test_the_uploads_list_runs_a_bounded_number_of_queries(
    client, performance_officer, django_assert_max_num_queries
):
    from tests.factories import UserFactory

    for n in range(25):
        ImportBatch.objects.create(
            file_name=f"u{n}.zip", content=b"", uploaded_by=UserFactory(role="performance_officer")
        )
    client.force_login(performance_officer)
    with django_assert_max_num_queries(12):
        page = client.get("/data/import/").content.decode()
    assert page.count("/data/import/") >= 20


def test_export_shows_every_problem_at_once(client, lead):
    client.force_login(lead)
    response = client.post(
        "/data/export/",
        {"format": "pdf", "date_from_0": "31", "date_from_1": "2", "date_from_2": "2025",
         "date_to_1": "4", "date_to_2": "2025"},
    )  # fmt: skip
    assert_every_error_shown(
        response,
        {
            "id_format": "Choose CSV files or an Excel workbook",
            "id_date_from": "The start of the period must be a real date",
            "id_date_to": "The end of the period must include a day",
        },
    )


def test_an_unknown_team_is_an_error_naming_the_row_and_team(client, performance_officer):
    from msp.accounts.models import Team

    client.force_login(performance_officer)
    tables = file_set(concerns=[concern("C1", "P1", team="Norht locality")])
    upload(client, SimpleUploadedFile("set.zip", zip_bytes(tables)))
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.REJECTED
    page = client.get(f"/data/import/{batch.pk}/").content.decode()
    assert "row 2" in page or ">2<" in page
    assert "No team is called “Norht locality”" in page and "North locality" in page
    client.post(f"/data/import/{batch.pk}/import/", {"valid_only": "on"})
    assert not Team.objects.filter(name="Norht locality").exists()
    assert Concern.objects.count() == 0


def test_the_uploaded_file_names_are_kept_and_shown(client, performance_officer):
    client.force_login(performance_officer)
    tables = file_set()
    names = ["people-2024.csv", "concerns-2024.csv", "risks-2024.csv"]
    upload(
        client,
        *(
            SimpleUploadedFile(name, csv_bytes(table, tables[table]))
            for name, table in zip(names, ("people", "concerns", "risks"), strict=True)
        ),
    )
    batch = ImportBatch.objects.get()
    assert batch.file_names == names
    page = client.get(f"/data/import/{batch.pk}/").content.decode()
    assert "Files uploaded: people-2024.csv, concerns-2024.csv, risks-2024.csv" in page


def test_the_page_links_to_the_format_help_and_a_template_from_the_same_columns(
    client, performance_officer
):
    from openpyxl import load_workbook

    from msp.interop.formats import HEADERS, REQUIRED

    client.force_login(performance_officer)
    page = client.get("/data/import/").content.decode()
    assert 'href="/data/import/format/"' in page and 'href="/data/import/template.xlsx"' in page
    help_page = client.get("/data/import/format/").content.decode()
    for table, headers in HEADERS.items():
        assert f"The {table} table" in help_page
        for name in headers:
            assert f"<code>{name}</code>" in help_page
    template = client.get("/data/import/template.xlsx")
    assert template["Content-Disposition"].endswith('filename="msp-import-template.xlsx"')
    book = load_workbook(io.BytesIO(template.content), read_only=True)
    for table, headers in HEADERS.items():
        assert [cell.value for cell in next(book[table].iter_rows())] == headers
    guide = {(row[0], row[1]): row[3] for row in book["columns"].iter_rows(values_only=True)}
    assert guide[("concerns", "received_date")] == "yes" and "received_date" in REQUIRED["concerns"]
    # The template, filled in, is accepted as it is.
    upload(client, SimpleUploadedFile("filled.xlsx", template.content))
    assert ImportBatch.objects.get().error_count == 0


def test_an_empty_import_says_nothing_was_imported_in_a_plain_banner(client, performance_officer):
    client.force_login(performance_officer)
    upload(client, SimpleUploadedFile("empty.zip", zip_bytes(file_set([], [], []))))
    batch = ImportBatch.objects.get()
    page = client.post(f"/data/import/{batch.pk}/import/", follow=True).content.decode()
    assert "Nothing was imported" in page
    assert "govuk-notification-banner--success" not in page
    assert page.count("govuk-notification-banner__heading") == 1
    assert Person.objects.count() == 0


def blank_team_file():
    """Concerns C2 and C3 (rows 3 and 4) name no team."""
    return file_set(
        concerns=[concern("C1"), concern("C2", team=""), concern("C3", team="")],
        risks=[risk("C1")],
    )


def test_rows_that_name_no_team_are_one_error_until_a_team_is_chosen_on_the_check_page(
    client, performance_officer
):
    from msp.accounts.models import Team
    from tests.factories import TeamFactory

    duty = TeamFactory(name="Duty team")
    client.force_login(performance_officer)
    upload(client, SimpleUploadedFile("set.zip", zip_bytes(blank_team_file())))
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.REJECTED and batch.error_count == 1
    page = client.get(f"/data/import/{batch.pk}/").content.decode()
    assert page.count("The concerns on rows 3 and 4 name no team") == 1
    assert "2 new concerns in the file name no team. Choose the team they go to" in page
    assert f'action="/data/import/{batch.pk}/team/"' in page
    # Importing now refuses, and nothing is written or made up.
    client.post(f"/data/import/{batch.pk}/import/")
    assert Concern.objects.count() == 0 and Team.objects.count() == 2

    response = client.post(f"/data/import/{batch.pk}/team/", {"blank_team": duty.pk})
    assert response.status_code == 302 and response.url == f"/data/import/{batch.pk}/"
    batch.refresh_from_db()
    assert batch.blank_team == duty and batch.status == BatchStatus.VALIDATED
    page = client.get(f"/data/import/{batch.pk}/").content.decode()
    assert "They go to Duty team, for a team manager there to allocate." in page
    assert "Import 5 rows" in page
    client.post(f"/data/import/{batch.pk}/import/")
    teams = dict(Concern.objects.values_list("source_reference", "team__name"))
    assert teams == {"C1": "North locality", "C2": "Duty team", "C3": "Duty team"}
    entry = AuditEntry.objects.get(actor=performance_officer, detail__startswith="import")
    assert entry.detail.endswith("; rows naming no team to Duty team")
    page = client.get(f"/data/import/{batch.pk}/").content.decode()
    assert "Concerns that named no team went to Duty team." in page
    assert f'action="/data/import/{batch.pk}/team/"' not in page
    # The team of an import already made cannot be changed.
    client.post(f"/data/import/{batch.pk}/team/", {"blank_team": Team.objects.first().pk})
    batch.refresh_from_db()
    assert batch.blank_team == duty


def upload_choosing_a_team(client, officer):
    """The file with rows that name no team, uploaded with "Duty team" chosen for them."""
    from tests.factories import TeamFactory

    duty = TeamFactory(name="Duty team")
    client.force_login(officer)
    client.post(
        "/data/import/",
        {
            "files": [SimpleUploadedFile("set.zip", zip_bytes(blank_team_file()))],
            "blank_team": duty.pk,
        },
    )
    return duty, ImportBatch.objects.get()


def test_the_team_for_rows_that_name_no_team_can_be_chosen_when_uploading(
    client, performance_officer
):
    duty, batch = upload_choosing_a_team(client, performance_officer)
    assert batch.blank_team == duty and batch.status == BatchStatus.VALIDATED
    client.post(f"/data/import/{batch.pk}/import/")
    assert set(Concern.objects.values_list("team__name", flat=True)) == {
        "North locality",
        "Duty team",
    }


def test_only_active_teams_are_offered_and_every_upload_problem_is_shown_at_once(
    client, performance_officer
):
    from tests.factories import TeamFactory

    closed = TeamFactory(name="Closed team", active=False)
    TeamFactory(name="Duty team")
    client.force_login(performance_officer)
    page = client.get("/data/import/").content.decode()
    assert "Team for rows that name no team (optional)" in page
    assert ">Duty team</option>" in page and "Closed team" not in page
    response = client.post("/data/import/", {"blank_team": closed.pk})
    assert_every_error_shown(
        response,
        {
            "id_files": "Choose the files to import",
            "id_blank_team": "Choose one of the council's active teams",
        },
    )
    assert ImportBatch.objects.count() == 0


def test_the_check_page_refuses_no_team_or_an_inactive_one(client, performance_officer):
    from tests.factories import TeamFactory

    client.force_login(performance_officer)
    upload(client, SimpleUploadedFile("set.zip", zip_bytes(blank_team_file())))
    batch = ImportBatch.objects.get()
    response = client.post(f"/data/import/{batch.pk}/team/", {"blank_team": ""})
    assert_every_error_shown(
        response, {"id_blank_team": "Choose a team for rows that name no team"}
    )
    assert "The concerns on rows 3 and 4 name no team" in response.content.decode()
    closed = TeamFactory(name="Closed team", active=False)
    response = client.post(f"/data/import/{batch.pk}/team/", {"blank_team": closed.pk})
    assert_every_error_shown(
        response, {"id_blank_team": "Choose one of the council's active teams"}
    )
    batch.refresh_from_db()
    assert batch.blank_team is None and batch.status == BatchStatus.REJECTED


def test_a_team_closed_after_it_was_chosen_stops_the_import(client, performance_officer):
    duty, batch = upload_choosing_a_team(client, performance_officer)
    duty.active = False
    duty.save()
    page = client.post(f"/data/import/{batch.pk}/import/", follow=True).content.decode()
    assert "Duty team is not one of the council&#x27;s active teams" in page
    assert "govuk-notification-banner--success" not in page
    assert Concern.objects.count() == 0


def test_the_format_page_and_template_say_where_rows_that_name_no_team_go(
    client, performance_officer
):
    from openpyxl import load_workbook

    from msp.interop.formats import TEAM_NOTE

    client.force_login(performance_officer)
    help_page = client.get("/data/import/format/").content.decode()
    assert "the team you choose for rows that name no team" in help_page
    assert "Imported" not in help_page
    template = client.get("/data/import/template.xlsx")
    book = load_workbook(io.BytesIO(template.content), read_only=True)
    notes = {(row[0], row[1]): row[5] for row in book["columns"].iter_rows(values_only=True)}
    assert notes[("concerns", "team")] == TEAM_NOTE

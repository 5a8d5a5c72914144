"""Every write of import and export: the import itself, the staged upload, and the audit of both."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from msp.accounts import policy
from msp.accounts.models import Role, Team, User
from msp.audit.services import access_record
from msp.interop import exporter, importer
from msp.interop.models import BatchStatus, ImportBatch
from msp.interop.reading import Source, SourceError, open_bytes, pack_csv_files
from msp.interop.validation import CONTROL, Counts, Problem, Validation, validate

IMPORT_USERNAME = "import"
PREVIEW_ERRORS = 200


def import_user() -> User:
    """The system account that imports run as when no one is named: it cannot sign in."""
    user, created = User.objects.get_or_create(
        username=IMPORT_USERNAME,
        defaults={
            "role": Role.PERFORMANCE_OFFICER,
            "is_active": False,
            "first_name": "Import",
            "last_name": "(system)",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@dataclass
class ImportResult:
    validation: Validation
    counts: Counts | None  # None when nothing was written (dry run, or refused)


def _describe(counts: Counts) -> str:
    return (
        f"{counts.people_new} people, {counts.concerns_new} concerns, "
        f"{counts.enquiries_new} enquiries, {counts.risks_new} risks"
    )


def _require_import_team(actor, team: Team | None) -> None:
    """The team for rows that name no team must be an active team the actor may import for."""
    if team is not None and not policy.import_teams(actor).filter(pk=team.pk).exists():
        raise ValidationError(
            {
                "blank_team": f"{team.name} is not one of the council's active teams: choose "
                "another team for rows that name no team"
            }
        )


def import_run(
    *,
    actor,
    source: Source,
    dry_run: bool = False,
    valid_only: bool = False,
    blank_team: Team | None = None,
    request=None,
) -> ImportResult:
    """Validate a file set and, unless it is a dry run, import it in one transaction.

    With errors nothing is written, unless valid_only: then exactly the valid rows are (a concern
    whose person has errors, and the risks of a concern with errors, count as invalid too).
    New concerns that name no team go to `blank_team`; with none given they are errors. The
    audit entry records the team they went to.
    """
    _require_import_team(actor, blank_team)
    validation = validate(source, blank_team_id=blank_team.pk if blank_team else None)
    if dry_run or validation.fatal or (validation.problems and not valid_only):
        return ImportResult(validation, None)
    with transaction.atomic():
        counts = importer.commit(validation, actor=actor, valid_only=valid_only)
        # The file name is shortened so that the team always fits in the entry.
        detail = f"import {source.name[:80]}: {_describe(counts)}"
        if validation.problems:
            detail += f" ({len(validation.problems)} errors left out)"
        if blank_team is not None and validation.rows_without_team:
            detail += f"; rows naming no team to {blank_team.name}"
        access_record(actor=actor, action="create", detail=detail, request=request)
    return ImportResult(validation, counts)


# The staged import page ------------------------------------------------------------------


def batch_upload(*, actor, files: list, blank_team: Team | None = None) -> ImportBatch:
    """Store an upload (three CSV files, a ZIP or a workbook) and validate it straight away.
    `blank_team` is where its concerns that name no team are to go, if chosen now."""
    if not policy.can_import(actor):
        raise PermissionDenied
    _require_import_team(actor, blank_team)
    if len(files) == 1 and files[0].name.lower().endswith((".zip", ".xlsx")):
        name, content = files[0].name, files[0].read()
    elif files and all(f.name.lower().endswith(".csv") for f in files):
        name = "upload.zip" if len(files) > 1 else files[0].name
        content = pack_csv_files({f.name: f.read() for f in files})
    else:
        raise ValidationError(
            {"files": "Choose the three CSV files, one ZIP of them or one Excel workbook (.xlsx)"}
        )
    batch = ImportBatch.objects.create(
        file_name=CONTROL.sub("", name)[:255] or "upload",
        file_names=[CONTROL.sub("", f.name)[:255] for f in files],
        content=content,
        size=len(content),
        uploaded_by=actor,
        blank_team=blank_team,
    )
    return batch_validate(batch=batch)


def batch_choose_team(*, actor, batch: ImportBatch, blank_team: Team) -> ImportBatch:
    """Choose (or change) the team for an upload's concerns that name no team, and check the
    upload again with it."""
    if not policy.can_import(actor):
        raise PermissionDenied
    _require_import_team(actor, blank_team)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == BatchStatus.COMMITTED:
            raise ValidationError("This upload has already been imported")
        batch.blank_team = blank_team
        return batch_validate(batch=batch)


def batch_source(batch: ImportBatch) -> Source:
    return open_bytes(batch.file_name, bytes(batch.content))


def batch_source_or_none(batch: ImportBatch) -> Source | None:
    try:
        return batch_source(batch)
    except SourceError:
        return None


def batch_validation(batch: ImportBatch) -> Validation:
    """The stored upload checked again (for the downloads: only the first errors are kept)."""
    try:
        source = batch_source(batch)
    except SourceError as error:
        validation = Validation(source_name=batch.file_name, fatal=True)
        validation.problems.append(Problem(batch.file_name, "", 0, "", "", str(error)))
        return validation
    try:
        return validate(source, blank_team_id=batch.blank_team_id)
    finally:
        source.close()


def batch_validate(*, batch: ImportBatch) -> ImportBatch:
    """Check the stored upload and keep the counts and the first errors for the page."""
    validation = batch_validation(batch)
    batch.counts = validation.counts(valid_only=True).as_dict()
    batch.counts["fatal"] = validation.fatal
    batch.counts["no_team"] = len(validation.rows_without_team)
    batch.error_count = len(validation.problems)
    # The page shows each problem's words, which name its rows: the list of rows is not kept.
    batch.errors_preview = [list(p[:6]) for p in validation.problems[:PREVIEW_ERRORS]]
    batch.status = BatchStatus.REJECTED if validation.problems else BatchStatus.VALIDATED
    batch.save()
    return batch


def batch_commit(*, actor, batch: ImportBatch, valid_only: bool, request=None) -> Counts:
    """Import a validated upload in one transaction (with valid_only, just its valid rows)."""
    if not policy.can_import(actor):
        raise PermissionDenied
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == BatchStatus.COMMITTED:
            raise ValidationError("This upload has already been imported")
        if batch.status == BatchStatus.REJECTED and not valid_only:
            raise ValidationError(
                "This upload has errors: correct them and upload it again, or import only the "
                "valid rows"
            )
        source = batch_source(batch)
        try:
            result = import_run(
                actor=actor,
                source=source,
                valid_only=valid_only,
                blank_team=batch.blank_team,
                request=request,
            )
        finally:
            source.close()
        if result.counts is None:
            raise ValidationError("This upload cannot be imported: it has errors")
        batch.status = BatchStatus.COMMITTED
        batch.committed_by = actor
        batch.committed_at = timezone.now()
        batch.committed_counts = result.counts.as_dict()
        batch.valid_only = valid_only
        batch.save()
    return result.counts


# Export ----------------------------------------------------------------------------------


def export_run(
    *,
    actor,
    fmt: str,
    target,
    date_from: date | None = None,
    date_to: date | None = None,
    team: Team | None = None,
    request=None,
) -> dict[str, int]:
    """Write case records in the interchange format and record who exported what.

    `target` is a path (a folder or a .zip for CSV, a .xlsx file) or a binary file object
    (CSV then means a ZIP).
    """
    if not policy.can_export(actor):
        raise PermissionDenied
    selection = exporter.Selection(date_from, date_to, team.pk if team else None, viewer=actor)
    if fmt == "xlsx":
        counts = exporter.export_xlsx(target, selection)
    elif fmt == "csv" and isinstance(target, str | Path) and not str(target).endswith(".zip"):
        counts = exporter.export_folder(Path(target), selection)
    elif fmt == "csv":
        counts = exporter.export_zip(target, selection)
    else:
        raise ValidationError({"format": "Choose csv or xlsx"})
    period = (
        f"{date_from.isoformat() if date_from else '…'}..{date_to.isoformat() if date_to else '…'}"
        if date_from or date_to
        else "all dates"
    )
    access_record(
        actor=actor,
        action="export",
        detail=(
            f"export {fmt} {period} {f'team {team.name}' if team else 'all teams'}, "
            f"{counts['concerns']} concerns, {counts['people']} people, {counts['risks']} risks"
        ),
        request=request,
    )
    return counts

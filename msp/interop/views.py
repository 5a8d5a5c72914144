import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from msp.core.pagination import page_of
from msp.core.views_support import apply_service_errors
from msp.interop import access, forms, reports, selectors, services
from msp.interop.validation import Problem


@login_required
def import_start(request):
    access.require_import(request.user)
    uploads = request.FILES.getlist("files")
    posted = request.method == "POST"
    form = forms.UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        uploads=uploads,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_upload(
                actor=request.user, files=uploads, blank_team=form.cleaned_data["blank_team"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("interop:batch", pk=batch.pk)
    return render(
        request,
        "interop/import_start.html",
        {
            "title": "Import case records",
            "back_url": reverse("home"),
            "form": form,
            "page": page_of(selectors.recent_batches(request.user), request),
        },
    )


def _batch_page(request, batch, *, team_form=None):
    problems = [Problem(*p) for p in batch.errors_preview]
    if team_form is None:
        team_form = forms.BlankTeamForm(
            user=request.user, initial={"blank_team": batch.blank_team_id}
        )
    return render(
        request,
        "interop/import_batch.html",
        {
            "title": f"Check {batch.file_name}",
            "batch": batch,
            "problems": problems,
            "form": forms.CommitForm(),
            "team_form": team_form,
            "counts": batch.counts,
            "has_errors": bool(batch.error_count or team_form.errors),
        },
    )


@login_required
def import_batch(request, pk: int):
    return _batch_page(request, access.batch_for_user(request.user, pk))


@login_required
def import_team(request, pk: int):
    """Choose the team for the upload's rows that name no team, and check it again."""
    batch = access.batch_for_user(request.user, pk)
    if request.method != "POST":
        return redirect("interop:batch", pk=batch.pk)
    form = forms.BlankTeamForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.batch_choose_team(
                actor=request.user, batch=batch, blank_team=form.cleaned_data["blank_team"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("interop:batch", pk=batch.pk)
    return _batch_page(request, batch, team_form=form)


@login_required
def import_commit(request, pk: int):
    batch = access.batch_for_user(request.user, pk)
    if request.method != "POST":
        return redirect("interop:batch", pk=batch.pk)
    form = forms.CommitForm(request.POST)
    form.is_valid()
    try:
        counts = services.batch_commit(
            actor=request.user,
            batch=batch,
            valid_only=form.cleaned_data.get("valid_only", False),
            request=request,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        imported = counts.people_new + counts.concerns_new + counts.enquiries_new + counts.risks_new
        if not imported:
            # An import that added nothing is not a success, whatever the reason.
            messages.warning(request, "Nothing was imported: no row of the file could be added.")
            return redirect("interop:batch", pk=batch.pk)
        messages.success(
            request,
            "Imported "
            + reports.records_in_words(
                counts.people_new, counts.concerns_new, counts.enquiries_new, counts.risks_new
            )
            + ".",
        )
    return redirect("interop:batch", pk=batch.pk)


@login_required
def import_errors(request, pk: int):
    batch = access.batch_for_user(request.user, pk)
    validation = services.batch_validation(batch)
    response = HttpResponse(reports.errors_csv(validation), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="import-{batch.pk}-errors.csv"'
    return response


@login_required
def import_rejected(request, pk: int):
    batch = access.batch_for_user(request.user, pk)
    source = services.batch_source_or_none(batch)
    if source is None:
        messages.error(request, "The upload could not be read, so there are no rows to give back")
        return redirect("interop:batch", pk=batch.pk)
    try:
        validation = services.batch_validation(batch)
        content, name, content_type = reports.rejected_rows(source, validation)
    finally:
        source.close()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def import_format(request):
    access.require_import(request.user)
    return render(
        request,
        "interop/import_format.html",
        {"title": "The import format", "tables": reports.format_columns()},
    )


@login_required
def import_template(request):
    access.require_import(request.user)
    response = HttpResponse(
        reports.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="msp-import-template.xlsx"'
    return response


@login_required
def export(request):
    access.require_export(request.user)
    form = forms.ExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fmt = data["format"]
        target = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - closed by the response
        services.export_run(
            actor=request.user,
            fmt=fmt,
            target=target,
            date_from=data["date_from"],
            date_to=data["date_to"],
            team=data["team"],
            request=request,
        )
        target.seek(0)
        stamp = timezone.localdate().isoformat()
        return FileResponse(
            target,
            as_attachment=True,
            filename=f"msp-export-{stamp}.{'xlsx' if fmt == 'xlsx' else 'zip'}",
        )
    return render(
        request,
        "interop/export.html",
        {
            "title": "Export case records",
            "form": form,
            "submit_label": "Export",
            "back_url": reverse("home"),
        },
    )

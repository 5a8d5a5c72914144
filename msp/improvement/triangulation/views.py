"""The triangulation page and its spreadsheet: thin, one access check, one selector, render."""

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from msp.accounts import policy
from msp.accounts.models import Team
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core.spreadsheets import xlsx_sheet
from msp.improvement import access
from msp.improvement.triangulation import figures
from msp.reporting import disclosure
from msp.reporting.forms import PeriodForm


def _context(request) -> dict:
    user = request.user
    access.require(policy.can_view_triangulation(user))
    form = PeriodForm(request.GET or None)
    form.is_valid()
    period = form.period()
    visible = policy.visible_team_ids(user)
    teams = list(Team.objects.order_by("name"))
    try:
        team_id = int(request.GET.get("team") or 0) or None
    except ValueError:
        team_id = None
    team = next((t for t in teams if t.pk == team_id), None)
    team_ids = {team.pk} if team else None
    presenter = disclosure.Presenter(suppress=not policy.evidence_figures_exact(user, team_ids))
    found = figures.triangulate(period, team_ids, presenter)
    return {
        "title": "Figures, audits and feedback side by side",
        "form": form,
        "has_errors": bool(form.errors),
        "period": period,
        "teams": teams,
        "team": team,
        "team_id": team.pk if team else None,
        "scope_label": team.name if team else "The whole council",
        "presenter": presenter,
        "suppressed": presenter.suppress,
        "disclosure_note": disclosure.NOTE,
        "found": found,
        "sees_every_team": visible is None,
        "disagree_points": figures.DISAGREE_POINTS,
        "query": request.GET.urlencode(),
    }


@login_required
def page(request):
    return render(request, "improvement/triangulation/page.html", _context(request))


@login_required
def download(request):
    context = _context(request)
    period, scope = context["period"], context["scope_label"]
    access_record(
        actor=request.user,
        action=Action.DOWNLOAD,
        detail=f"triangulation {scope} {period.label} downloaded",
        request=request,
    )
    from openpyxl import Workbook

    table = figures.table(context["found"], context["presenter"], f"{scope}, {period.label}")
    workbook = Workbook()
    workbook.remove(workbook.active)
    about = [
        ["Figures, audits and feedback side by side"],
        ["Whose cases", scope],
        ["Period", period.label],
        ["Disagreement", f"Shares {figures.DISAGREE_POINTS} or more percentage points apart"],
    ]
    if context["suppressed"]:
        about.append(["Disclosure control", context["disclosure_note"]])
    xlsx_sheet(workbook, "About", about)
    xlsx_sheet(
        workbook, "Side by side", [[table.caption], table.headers, *table.rows, [table.note]]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"triangulation-{period.label}".replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
